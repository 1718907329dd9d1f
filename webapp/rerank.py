"""Reranking the best hits: a bonus for query words that stand near each other.

The main query scores words wherever they stand. Proximity is scored after
it, for the best hits only (``search.RERANK_DEPTH``): inside the main query a
phrase would be checked for every document that has all the words. The bonus
is scored as vectors where it can be (``scoring.near_scores``), else by
Whoosh's own matcher over just those documents; either way the hits are then
sorted again by score, then document number.
"""

from __future__ import annotations

from . import scoring


def by_proximity(searcher, top: list[tuple[int, float | None]], bonus, terms) -> list[tuple[int, float | None]]:
    """Add the ``bonus`` query's score to each hit it matches, and sort again."""
    extra = scoring.near_scores(searcher, terms, [docnum for docnum, _ in top], bonus)
    if extra is None:
        extra = _matched_scores(searcher, sorted(docnum for docnum, _ in top), bonus)
    scored = [(docnum, (score or 0.0) + extra.get(docnum, 0.0)) for docnum, score in sorted(top)]
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def _matched_scores(searcher, docnums: list[int], query) -> dict[int, float]:
    """Whoosh's own score of ``query`` for each of ``docnums`` (ascending) it matches."""
    matcher = query.matcher(searcher)
    found = {}
    for docnum in docnums:
        if matcher.is_active():
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                found[docnum] = matcher.score()
    return found
