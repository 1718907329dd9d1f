"""Which synonym entries help and which hurt: each entry measured on the judged queries.

    python -m bench.synonyms

For every entry of the base list ``indexer/data/synonyms.toml`` (an ``equal`` group or an
``expand`` rule) that a judged query touches (the query holds one of the
entry's words), the query is ranked with the whole file and with the file
less that entry, on the bundled corpus, the fixture site and the fixture site's
set B, and the change in nDCG@10 is printed, each query named with its suite
(the held-out set stays out: it is measured by ``bench.relevance``, never tuned
on). An entry that makes results worse should go (or be narrowed): a synonym
that drags in unrelated sections is worse than none.
Entries no judged query touches are counted, not judged: the judged queries
cannot speak for them.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from pathlib import Path

from indexer.synonyms import analyse, parse_synonyms
from testkit.relevance import (
    CORPUS,
    JUDGMENTS,
    SITE_B,
    SITE_JUDGMENTS,
    SYNONYMS,
    Ours,
    anchor,
    load_judgments,
    ndcg,
    page_anchor,
)
from testkit.site import build_site
from webapp.search import Features


def entries(data: dict) -> list[tuple[str, dict]]:
    """(label, the file's data without that entry) for every entry."""
    out = []
    for i, group in enumerate(data.get("equal", [])):
        rest = {**data, "equal": [g for j, g in enumerate(data["equal"]) if j != i]}
        out.append((" = ".join(group), rest, [analyse(word) for word in group]))
    for key, targets in data.get("expand", {}).items():
        rest = {**data, "expand": {k: v for k, v in data["expand"].items() if k != key}}
        out.append((f"{key} -> {', '.join(targets)}", rest, [analyse(key)]))
    return out


def touches(q: str, keys: list[tuple[str, ...]]) -> bool:
    lemmas = analyse(q)
    return any(lemmas[i : i + len(key)] == key for key in keys for i in range(len(lemmas)))


def main() -> int:
    data = tomllib.loads(SYNONYMS.read_text(encoding="utf-8"))
    full = parse_synonyms(data)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(site)
        on_site = Ours(Path(folder) / "site-index", site, page_anchor)
        suites = [
            ("bundled", Ours(Path(folder) / "bundled", CORPUS, anchor), load_judgments(JUDGMENTS)),
            ("site", on_site, load_judgments(SITE_JUDGMENTS)),
            ("site-b", on_site, load_judgments(SITE_B)),
        ]
        rows, untouched = [], 0
        for label, rest, keys in entries(data):
            with_it, without = Features(synonyms=full), Features(synonyms=parse_synonyms(rest))
            deltas = []
            for suite, ours, judgments in suites:
                for judged in (j for j in judgments if touches(j.q, keys)):
                    gained = ndcg(ours.ranked(judged.q, with_it), judged.relevant) - ndcg(
                        ours.ranked(judged.q, without), judged.relevant
                    )
                    deltas.append((f"{suite}: {judged.q}", gained))
            if not deltas:
                untouched += 1
                continue
            rows.append((sum(d for _, d in deltas), label, deltas))
    print("| entry | queries | nDCG@10 gained by the entry (sum) | per query |")
    print("|---|---|---|---|")
    for gained, label, deltas in sorted(rows):
        per_query = "; ".join(f"{q}: {d:+.3f}" for q, d in deltas)
        print(f"| {label} | {len(deltas)} | {gained:+.3f} | {per_query} |")
    print(f"\n{len(rows)} entries touched by judged queries; {untouched} not touched (not judged).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
