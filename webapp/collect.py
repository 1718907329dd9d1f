"""Collecting the page's candidates: only the best k, within a time budget.

The match set and the facet counts come from bitmaps (``matchset.py``), so
the ranking does not need to walk every match. Most queries are scored as
vectors (``scoring.py``): every candidate at once, in C. A query that cannot
be scored so (a phrase) goes to Whoosh's top-k collector with block-quality
skipping (``optimize``), which keeps a heap of the best k and skips whole
blocks of postings whose best possible score cannot enter it. Either way the
order is Whoosh's own: score, then document number.

Sorting by a field (title, date) needs no matcher at all: the documents in
that field's order are read once per generation and the first k candidates
taken from it.

The time budget: Whoosh's own ``TimeLimitCollector`` stops a search with
``SIGALRM``, which only works in a process's main thread, and the production
server searches in worker threads. So the collector checks a deadline itself,
every ``CHECK_EVERY`` documents; when it passes, the best found so far is used.

What the collector found may then be reordered by proximity (``rerank.py``).
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass

from pyroaring import FrozenBitMap
from whoosh.collectors import WrappingCollector
from whoosh.searching import TimeLimit

from . import scoring

CHECK_EVERY = 256

#: Candidates sparser than one in this many documents are sorted; denser ones are
#: picked from the field's order.
SPARSE = 64


@dataclass(frozen=True)
class Collected:
    matches: FrozenBitMap  # every matching document
    top: list[tuple[int, float | None]]  # (document, score) of the best allowed ones, best first
    late: bool  # the time budget ran out before the search was done


class _DeadlineCollector(WrappingCollector):
    """Passes the allowed matches to the ranking collector; stops at the deadline."""

    def __init__(self, child, allowed: FrozenBitMap, deadline: float):
        super().__init__(child)
        self.allowed, self.deadline, self.seen = allowed, deadline, 0

    def collect_matches(self):
        child, allowed = self.child, self.allowed
        for sub_docnum in child.matches():
            self.seen += 1
            if out_of_time(self.seen, self.deadline):
                raise TimeLimit
            if child.offset + sub_docnum in allowed:
                child.collect(sub_docnum)


def top(
    searcher, query, deadline: float, limit: int, terms, candidates: FrozenBitMap
) -> tuple[list[tuple[int, float]], bool]:
    """The best ``limit`` of ``candidates`` (the matches the facet selection allows) by
    score, best first, and whether the time budget ran out: as vectors when the query
    can be scored so (``scoring.py``), else by Whoosh's top-k collector."""
    if time.monotonic() > deadline:
        return [], True
    ranked = scoring.rank(searcher, query, terms, candidates, limit)
    if ranked is not None:
        return ranked, False
    # the candidates, not Whoosh's own matches: its AndNot matcher keeps a segment's first
    # match when the excluded words' first match comes before it (``tests/test_fast_path.py``)
    collector = _DeadlineCollector(searcher.collector(limit=limit, optimize=True), candidates, deadline)
    late = False
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        late = True
    return [(hit.docnum, hit.score) for hit in collector.results()[:limit]], late


def out_of_time(seen: int, deadline: float) -> bool:
    """Checked every CHECK_EVERY documents, from the first one on."""
    return seen % CHECK_EVERY == 1 and time.monotonic() > deadline


def in_field_order(
    postings, searcher, candidates: FrozenBitMap, fieldname: str, reverse: bool, limit: int
) -> list[tuple[int, None]]:
    """The first ``limit`` candidates in the order of a sortable field (ties: by document)."""
    key = (fieldname, reverse)
    if key not in postings.orders:
        column = searcher.reader().column_reader(fieldname)
        keys = [column.sort_key(docnum) for docnum in range(searcher.doc_count_all())]
        order = sorted(range(len(keys)), key=lambda docnum: (keys[docnum], docnum), reverse=reverse)
        postings.orders[key] = (keys, order)
    keys, order = postings.orders[key]
    if len(candidates) * SPARSE < len(order):
        best = (
            heapq.nsmallest(limit, candidates, key=lambda d: (keys[d], d))
            if not reverse
            else heapq.nlargest(limit, candidates, key=lambda d: (keys[d], d))
        )
        return [(docnum, None) for docnum in best]
    picked = []
    for docnum in order:
        if docnum in candidates:
            picked.append((docnum, None))
            if len(picked) == limit:
                break
    return picked
