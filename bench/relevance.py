"""How well the search ranks: judged queries, scored as search engineers score them.

    python -m bench.relevance            # the bundled corpus and the fixture site, in one run
    python -m bench.relevance --bundled  # only the bundled corpus
    python -m bench.relevance --site     # only the fixture site of testkit/site.py

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
from pathlib import Path

from testkit.relevance import (
    CORPUS,
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


SUITES = {"bundled": (JUDGMENTS, "the bundled page"), "site": (SITE_JUDGMENTS, "the fixture site")}


def main(argv: list[str]) -> int:
    chosen = [name for name in SUITES if f"--{name}" in argv] or list(SUITES)
    with tempfile.TemporaryDirectory() as folder:
        for suite in chosen:
            path, title = SUITES[suite]
            judgments, pending = load_judgments(path), load_pending(path)
            counts = defaultdict(int, alla=sum(judged.category not in pending for judged in judgments))
            for judged in judgments:
                counts[judged.category] += 1
            corpus, name = CORPUS, anchor
            if suite == "site":  # the fixture site of testkit, written to disk for this run
                corpus, name = Path(folder) / "site", page_anchor
                build_site(corpus)
            ranked_by = systems(Path(folder) / suite, corpus, name)
            results = {system: evaluate(rank, judgments, pending) for system, rank in ranked_by.items()}
            print(f"\n{title} ({path.relative_to(REPO)}):\n")
            print(report(results, counts, pending))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
