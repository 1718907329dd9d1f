"""How well the search ranks: judged queries, scored as search engineers score them.

    python -m bench.relevance            # the bundled corpus, the fixture site, the held-out set and set B, in one run
    python -m bench.relevance --bundled  # only the bundled corpus
    python -m bench.relevance --site     # only the fixture site of testkit/site.py
    python -m bench.relevance --holdout  # only the held-out set (both corpora)
    python -m bench.relevance --site-b   # only set B of the fixture site
    python -m bench.relevance --misses   # also: where ours ranks the judged sections it left out of the top 10

For each query in ``tests/data/relevance.toml`` (graded 0-3 by reading the
sections) it ranks the bundled corpus, and for each query in
``tests/data/relevance_site.toml`` the 73-page fixture site, with four systems
built from the same documents in the same run:

* **ours**: the service's own search (Swedish analysis, ``webapp.search``),
  with partial matching, optional question words and the shipped synonyms
  (the base list ``indexer/data/synonyms.toml``), as it is served;
* **ours-off**: the same index and search with those features off (every
  word required, no synonyms): the version before them;
* **standard**: plain Whoosh, ``StandardAnalyzer``, ``MultifieldParser``;
* **sv-stem**: plain Whoosh, ``LanguageAnalyzer("sv")`` (Snowball), same parser.

The held-out set, ``tests/data/relevance_holdout.toml``, was written blind (by reading the pages, not
the code) before the relevance work and is never tuned on: it is printed in blocks of its own, one per
corpus, so a rule that only flatters the suites above shows as a gap between them and it. Set B of the
fixture site, ``tests/data/relevance_site_b.toml``, was written the same way before a later session's ranking
work: a development set the team measures on (its own block) and never edits.

Metrics, overall and per category: nDCG@10 (graded gain 2^grade - 1), MRR
(reciprocal rank of the first relevant section) and P@1 (is the first result
relevant). Categories the judgments file lists in ``pending_categories`` were
judged before the feature they measure: they are reported, marked "pending",
and left out of the overall score ("alla") until the feature lands.
"""

from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from testkit.relevance import (
    CORPUS,
    HOLDOUT,
    JUDGMENTS,
    METRICS,
    REPO,
    SITE_B,
    SITE_JUDGMENTS,
    Judged,
    K,
    anchor,
    evaluate,
    load_judgments,
    load_pending,
    page_anchor,
    systems,
)
from testkit.site import build_site
from webapp.params import MAX_PER_PAGE

# -- Report -------------------------------------------------------------------


def report(
    results: dict[str, dict[str, dict[str, float]]], counts: dict[str, int], pending: frozenset[str] = frozenset()
) -> str:
    names = list(results)
    categories = ["alla", *sorted(c for c in counts if c != "alla")]
    header = f"| category (queries) | {' | '.join(f'{n} nDCG@10 / MRR / P@1' for n in names)} |"
    lines = [header, "|" + "---|" * (len(names) + 1)]
    for category in categories:
        cells = [" / ".join(f"{results[n][category][m]:.3f}" for m in METRICS) for n in names]
        label = f"{category} ({counts[category]}){', pending' if category in pending else ''}"
        lines.append(f"| {label} | {' | '.join(cells)} |")
    return "\n".join(lines)


# -- Misses -------------------------------------------------------------------
#
# Where a judged section goes that is not in ours' top 10 says what would bring it in: one ranked
# just below is a ranking question; one on the page of a top-10 hit stands under the right heading
# without the words; one elsewhere is a vocabulary gap (no word of the query, no synonym).

WHERE = (
    f"ranked {K + 1}-{MAX_PER_PAGE}",
    "further down or not found, on a top-10 hit's page",
    "further down or not found, elsewhere",
)


def _page(name: str) -> str:
    """A section's page: what comes before "#" (the bundled corpus's anchors share one page)."""
    return name.partition("#")[0] if "#" in name else ""


def misses(ranked: list[str], judged: Judged) -> list[tuple[str, int, str, int | None]]:
    """(where, grade, section, rank) of each relevant section ``ranked`` leaves out of its top K."""
    pages = {_page(name) for name in ranked[:K]}
    found = []
    for section, grade in sorted(judged.relevant.items(), key=lambda item: (-item[1], item[0])):
        if grade <= 0 or section in ranked[:K]:
            continue
        if section in ranked:
            found.append((WHERE[0], grade, section, ranked.index(section) + 1))
        else:
            found.append((WHERE[1] if _page(section) in pages else WHERE[2], grade, section, None))
    return found


def misses_report(ours, judgments: list[Judged]) -> str:
    """A table of the misses by where they are (count and lost gain, 2^grade - 1), then each one."""
    rows = [
        (judged, miss)
        for judged in judgments
        for miss in misses(ours.ranked(judged.q, ours.features, MAX_PER_PAGE), judged)
    ]
    lines = ["| where | sections | gain |", "|---|---|---|"]
    for where in WHERE:
        grades = [miss[1] for _judged, miss in rows if miss[0] == where]
        lines.append(f"| {where} | {len(grades)} | {sum(2**grade - 1 for grade in grades)} |")
    lines.append("")
    for judged, (where, grade, section, rank) in rows:
        lines.append(
            f"- [{judged.category}] {judged.q!r}: grade {grade}, {f'rank {rank}' if rank else where}: {section}"
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class Block:
    """One table of judged queries, ranked over one corpus and printed as one table."""

    path: Path
    table: str
    title: str
    on_site: bool  # the fixture site; else the bundled corpus


SUITES = {
    "bundled": [Block(JUDGMENTS, "query", "the bundled page", on_site=False)],
    "site": [Block(SITE_JUDGMENTS, "query", "the fixture site", on_site=True)],
    "holdout": [
        Block(HOLDOUT, "query", "held out, written blind: the fixture site", on_site=True),
        Block(HOLDOUT, "bundled_query", "held out, written blind: the bundled page", on_site=False),
    ],
    "site-b": [Block(SITE_B, "query", "the fixture site, set B", on_site=True)],
}


def main(argv: list[str]) -> int:
    chosen = [name for name in SUITES if f"--{name}" in argv] or list(SUITES)
    show_misses = "--misses" in argv
    with tempfile.TemporaryDirectory() as folder:
        built: dict[bool, dict] = {}  # the systems per corpus, built once for all the blocks that rank it

        def systems_for(on_site: bool) -> dict:
            if on_site not in built:
                corpus, name = CORPUS, anchor
                if on_site:  # the fixture site of testkit, written to disk for this run
                    corpus, name = Path(folder) / "site", page_anchor
                    build_site(corpus)
                built[on_site] = systems(Path(folder) / ("site" if on_site else "bundled"), corpus, name)
            return built[on_site]

        for block in (block for suite in chosen for block in SUITES[suite]):
            judgments, pending = load_judgments(block.path, block.table), load_pending(block.path)
            counts = defaultdict(int, alla=sum(judged.category not in pending for judged in judgments))
            for judged in judgments:
                counts[judged.category] += 1
            ranked_by = systems_for(block.on_site)
            results = {system: evaluate(rank, judgments, pending) for system, rank in ranked_by.items()}
            print(f"\n{block.title} ({block.path.relative_to(REPO)}):\n")
            print(report(results, counts, pending))
            if show_misses:
                print(f"\nwhere ours ranks the relevant sections it leaves out of the top {K}:\n")
                print(misses_report(ranked_by["ours"], judgments))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
