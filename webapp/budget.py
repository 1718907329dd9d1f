"""A time budget per search: what was found in time is returned, with a notice.

Whoosh's own ``TimeLimitCollector`` stops a search with ``SIGALRM``, which only
works in a process's main thread; the production server searches in worker
threads. So the collector here checks a deadline itself, every
``CHECK_EVERY`` documents (a clock read costs tens of nanoseconds), and the
unscored pass that gathers the match set for the facets does the same.
"""

from __future__ import annotations

import time

from whoosh.collectors import FilterCollector, WrappingCollector
from whoosh.searching import TimeLimit

CHECK_EVERY = 256


class OutOfTime(Exception):
    """The search used its whole time budget."""


class DeadlineCollector(WrappingCollector):
    """Wraps a Whoosh collector; raises ``TimeLimit`` once ``deadline`` (monotonic) has passed."""

    def __init__(self, child, deadline: float):
        super().__init__(child)
        self.deadline = deadline
        self.seen = 0

    def collect_matches(self):
        for sub_docnum in self.child.matches():
            self.collect(sub_docnum)

    def collect(self, sub_docnum):
        self.seen += 1
        if not self.seen % CHECK_EVERY and time.monotonic() > self.deadline:
            raise TimeLimit
        return self.child.collect(sub_docnum)


def matching_documents(searcher, query, deadline: float) -> tuple[frozenset[int], bool]:
    """Every document number the query matches, unscored; and whether time ran out."""
    found = set()
    for n, docnum in enumerate(searcher.docs_for_query(query)):
        if not n % CHECK_EVERY and time.monotonic() > deadline:
            return frozenset(found), True
        found.add(docnum)
    return frozenset(found), False


def top_documents(searcher, query, deadline: float, limit: int, sortedby=None, reverse=False, allow=None):
    """The best ``limit`` documents (by score, or by ``sortedby``) among ``allow``; and
    whether time ran out (the hits found so far are returned)."""
    timed = DeadlineCollector(searcher.collector(limit=limit, sortedby=sortedby, reverse=reverse), deadline)
    collector = FilterCollector(timed, allow=allow) if allow is not None else timed
    try:
        searcher.search_with_collector(query, collector)
    except TimeLimit:
        return collector.results(), True
    return collector.results(), False
