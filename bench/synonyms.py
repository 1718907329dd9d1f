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
Each word of ``heads`` (its compounds find its expand words) is measured the same way, with the
file less that word, on the judged queries holding a compound that ends in it ("störtregn": regn).
Entries no judged query touches are counted, not judged: the judged queries
cannot speak for them.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from functools import cache
from pathlib import Path

from indexer.analysis import swedish_analyzer
from indexer.synonyms import analyse, analyse_key, parse_synonyms
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


def entries(data: dict) -> list[tuple[str, dict, list, frozenset]]:
    """(label, the file's data without that entry, the keys it applies to, the heads it applies to) for every
    entry and every word of ``heads``."""
    out = []
    for i, group in enumerate(data.get("equal", [])):
        rest = {**data, "equal": [g for j, g in enumerate(data["equal"]) if j != i]}
        out.append((" = ".join(group), rest, [analyse(word) for word in group], frozenset()))
    for key, targets in data.get("expand", {}).items():
        rest = {**data, "expand": {k: v for k, v in data["expand"].items() if k != key}}
        out.append((f"{key} -> {', '.join(targets)}", rest, [analyse(key)], frozenset()))
    for head in data.get("heads", []):
        rest = {**data, "heads": [h for h in data["heads"] if h != head]}
        out.append((f"heads: {head} (its compounds)", rest, [], frozenset(analyse_key(head))))
    return out


def touches(q: str, keys: list[tuple[str, ...]], heads: frozenset[str] = frozenset()) -> bool:
    """Whether ``q`` holds one of ``keys`` (lemma sequences) or a compound whose last part is one of ``heads``."""
    lemmas = analyse(q)
    if any(lemmas[i : i + len(key)] == key for key in keys for i in range(len(lemmas))):
        return True
    return bool(heads & last_parts(q))


def last_parts(q: str) -> frozenset[str]:
    """The last part of each compound in ``q`` ("störtregnet": regn)."""
    last, word = set(), []
    for token in [(token.text, token.part) for token in _analyzer()(q, mode="query")] + [("", False)]:
        if not token[1]:  # a word: the parts before it were the previous word's
            last.update(word[-1:])
            word = []
        else:
            word.append(token[0])
    return frozenset(last)


@cache
def _analyzer():
    return swedish_analyzer()


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
        for label, rest, keys, heads in entries(data):
            with_it, without = Features(synonyms=full), Features(synonyms=parse_synonyms(rest))
            deltas = []
            for suite, ours, judgments in suites:
                for judged in (j for j in judgments if touches(j.q, keys, heads)):
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
