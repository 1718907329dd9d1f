"""How well the search ranks: judged queries, scored as search engineers score them.

    python -m bench.relevance            # the bundled corpus, the fixture site and the held-out set, in one run
    python -m bench.relevance --bundled  # only the bundled corpus
    python -m bench.relevance --site     # only the fixture site of testkit/site.py
    python -m bench.relevance --holdout  # only the held-out set (both corpora)

For each query in ``tests/data/relevance.toml`` (graded 0-3 by reading the
sections) it ranks the bundled corpus, and for each query in
``tests/data/relevance_site.toml`` the 73-page fixture site, with four systems
built from the same documents in the same run:

* **ours**: the service's own search (Swedish analysis, ``webapp.search``),
  with partial matching, optional question words and the shipped synonyms
  (``corpus/synonyms.toml``), as it is served;
* **ours-off**: the same index and search with those features off (every
  word required, no synonyms): the version before them;
* **standard**: plain Whoosh, ``StandardAnalyzer``, ``MultifieldParser``;
* **sv-stem**: plain Whoosh, ``LanguageAnalyzer("sv")`` (Snowball), same parser.

The held-out set, ``tests/data/relevance_holdout.toml``, was written blind (by reading the pages, not
the code) before the relevance work and is never tuned on: it is printed in blocks of its own, one per
corpus, so a rule that only flatters the suites above shows as a gap between them and it.

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
    SITE_JUDGMENTS,
    anchor,
    evaluate,
    load_judgments,
    load_pending,
    page_anchor,
    systems,
)
from testkit.site import build_site

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
}


def main(argv: list[str]) -> int:
    chosen = [name for name in SUITES if f"--{name}" in argv] or list(SUITES)
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
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
