"""A query's match set as a compressed bitmap, from posting lists cached per generation.

Facet counts need every document a query matches, not only the best ten.
Whoosh finds them by walking its matchers in Python, about a microsecond per
document per matcher: tens of milliseconds for two common words at 100,000
sections. Here the set comes from the query's structure instead. Each term's
posting list is read once per generation into a roaring bitmap (``pyroaring``:
set operations in C) and kept (``TermSets``); then

    Term -> its bitmap    And -> intersection    Or -> union
    AndNot -> difference  Not -> all but         Every -> all

Only what needs word positions (phrases, ordered sequences) or anything this
table does not name is walked with Whoosh's own matcher: the same answer,
at Whoosh's speed. The result is exact: the same documents Whoosh's
``docs_for_query`` yields (``tests/test_fast_path.py``).

The match set feeds the facet counts and the total; the ranking then needs
only the best k (``collect.top``).
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import OrderedDict

import numpy as np
from pyroaring import BitMap, FrozenBitMap
from whoosh import query as wq

from . import scoring, together

#: Postings kept per generation, counted in documents (about 14 bytes each with
#: their scores): the working set of common terms at 100,000 sections.
POSTINGS_KEPT = 4_000_000

#: Sets of words found together (``TermSets.near``) kept per generation: a compound's parts in each
#: searched field, for the compounds of a few thousand distinct queries.
NEAR_KEPT = 20_000

#: Posting weights are stored as 32-bit floats: a weight above a relative's by less than this is the same.
WEIGHT_ROUNDING = 1e-4

#: How often (documents) a walked query checks the time budget.
CHECK_EVERY = 256

EMPTY = FrozenBitMap()


class _Term:
    """One term's postings: its live documents as a bitmap and, once scored, every
    posting's document number and BM25F score."""

    __slots__ = ("docs", "scores", "set", "weights", "written")

    def __init__(self, docs: np.ndarray, weights: np.ndarray, live: FrozenBitMap):
        self.docs, self.weights, self.scores = docs, weights, None
        self.set = _bitmap(docs) & live
        self.written: FrozenBitMap | None = None  # ``TermSets.written``, read on first use


class TermSets:
    """Each term's postings, read on first use and kept for the generation's life;
    shared by a worker's threads (a generation never changes)."""

    def __init__(self, live: FrozenBitMap, size: int = POSTINGS_KEPT):
        self.live, self.size = live, size
        self._terms: OrderedDict[tuple[str, bytes], _Term] = OrderedDict()
        self._kept = 0
        self._lengths: dict[str, np.ndarray] = {}
        self._near: OrderedDict[tuple, FrozenBitMap] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # posting lists read from the index (the rest came from the cache)

    def get(self, searcher, fieldname: str, text) -> FrozenBitMap:
        """The live documents holding ``text`` in ``fieldname``."""
        term = self._term(searcher, fieldname, text)
        return EMPTY if term is None else term.set

    def near(self, searcher, query) -> FrozenBitMap:
        """The live documents where the terms of ``query`` (``scoring.is_near_terms``: a compound's
        parts) stand as close as it asks; found once per generation, the last ``NEAR_KEPT`` kept. A
        part read here for the first time is read with its positions, once (``together.near_set``)."""
        key = (query.qs[0].fieldname, tuple(part.text for part in query.qs), query.slop, query.ordered, query.mindist)
        with self._lock:
            found = self._near.get(key)
            if found is not None:
                self._near.move_to_end(key)
                return found
        sets, read = [], {}
        for part in query.qs:
            values = []
            term = self._term(searcher, part.fieldname, part.text, values)
            sets.append(EMPTY if term is None else term.set)
            if values:
                read[part.text] = (term.docs, values)
        holding = _intersection(sets)
        found = together.near_set(searcher, query, holding, read) if holding else EMPTY
        with self._lock:
            self._near[key] = found
            while len(self._near) > NEAR_KEPT:
                self._near.popitem(last=False)
        return found

    def written(self, searcher, fieldname: str, text, relative: float) -> FrozenBitMap:
        """The live documents where ``text`` stands in ``fieldname`` as itself at least once, not only at
        a relative's weight (``relative`` or less: a name's part, a derived word the indexer writes beside
        a word): those whose posting weighs more than ``relative`` for each of its occurrences. Read once
        per generation, with the postings' frequencies (``_frequencies``)."""
        term = self._term(searcher, fieldname, text)
        if term is None:
            return EMPTY
        if term.written is None and not searcher.schema[fieldname].scorable:  # a tag (the län): held, or not
            term.written = term.set
        if term.written is None:
            values: list = []
            key = searcher.schema[fieldname].to_bytes(text)
            docs, weights = scoring.postings_arrays(searcher, fieldname, key, values)
            frequencies = _frequencies(searcher.schema[fieldname].format, values, len(docs))
            term.written = _bitmap(docs[weights > relative * frequencies + WEIGHT_ROUNDING]) & self.live
        return term.written

    def scored(self, searcher, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Every posting's document number and BM25F score (``scoring.py``)."""
        term = self._term(searcher, fieldname, text)
        if term is None or not len(term.docs):
            return np.empty(0, dtype=np.int64), np.empty(0)
        if term.scores is None:
            term.scores = scoring.bm25_scores(
                searcher, fieldname, text, term.weights, lambda: self._field_lengths(searcher, fieldname)[term.docs]
            )
        return term.docs, term.scores

    def _field_lengths(self, searcher, fieldname: str) -> np.ndarray:
        """Every document's length of ``fieldname``, read once per generation."""
        if fieldname not in self._lengths:
            self._lengths[fieldname] = scoring.field_lengths(searcher, fieldname)
        return self._lengths[fieldname]

    def _term(self, searcher, fieldname: str, text, values: list | None = None) -> _Term | None:
        """The term's postings, from the cache or read now; read now, with each posting's encoded
        value added to ``values`` if given (``scoring.postings_arrays``)."""
        if fieldname not in searcher.schema:
            return None
        try:
            key = (fieldname, searcher.schema[fieldname].to_bytes(text))
        except ValueError:
            return None
        with self._lock:
            found = self._terms.get(key)
            if found is not None:
                self._terms.move_to_end(key)
                return found
        found = _Term(*scoring.postings_arrays(searcher, *key, values), self.live)
        with self._lock:
            self.reads += 1
            if key not in self._terms:
                self._terms[key] = found
                self._kept += len(found.docs)
            while self._kept > self.size and len(self._terms) > 1:
                _key, dropped = self._terms.popitem(last=False)
                self._kept -= len(dropped.docs)
        return found


def _bitmap(docs: np.ndarray) -> FrozenBitMap:
    return FrozenBitMap(array("I", docs.astype(np.uint32).tobytes()))


def _frequencies(field_format, values: list, count: int) -> np.ndarray:
    """How often each posting's document holds the term, times the field's boost (which Whoosh writes
    into each posting's weight), as the field's format decodes a posting's value; 0 each for a format
    that keeps no frequency: every posting then counts as written."""
    if not field_format.supports("frequency") or len(values) != count:
        return np.zeros(count)
    decode = field_format.decoder("frequency")
    return np.fromiter((decode(value) for value in values), dtype=np.float64, count=count) * field_format.field_boost


def match_set(searcher, query: wq.Query, terms: TermSets, deadline: float) -> tuple[FrozenBitMap, bool]:
    """Every live document ``query`` matches, and whether the time budget ran out
    (then a walked part holds only what was found in time)."""
    combiner = _Combiner(searcher, terms, deadline)
    return combiner.of(query), combiner.late


class _Combiner:
    def __init__(self, searcher, terms: TermSets, deadline: float):
        self.searcher, self.terms, self.deadline, self.late = searcher, terms, deadline, False

    def of(self, query: wq.Query) -> FrozenBitMap:
        kind, of = type(query), self.of
        if kind is wq.Term:
            if time.monotonic() > self.deadline:  # (a long query of rare words read for the first time)
                self.late = True
                return EMPTY
            return self.terms.get(self.searcher, query.fieldname, query.text)
        if kind is wq.And:
            return _intersection([of(q) for q in query.subqueries])
        if kind is wq.Or and not query.minmatch:
            return FrozenBitMap.union(EMPTY, *(of(q) for q in query.subqueries))
        if kind is wq.AndNot:
            return of(query.a) - of(query.b)
        if kind is scoring.Where:  # the parts together first: a part not read yet is read there, with its positions
            return of(query.b) & of(query.a)
        if kind is wq.Require:
            return of(query.a) & of(query.b)
        if scoring.is_near_terms(query):  # a compound's parts together: positions read once per generation
            return self.terms.near(self.searcher, query)
        if kind is wq.AndMaybe:
            return of(query.a)
        if kind is wq.Not:
            return self.terms.live - of(query.query)
        if kind is wq.Every and query.fieldname in (None, "", "*"):
            return self.terms.live
        if query is wq.NullQuery:
            return EMPTY
        return self.walked(query) & self.terms.live

    def walked(self, query: wq.Query) -> FrozenBitMap:
        """A query the table cannot combine (a phrase): Whoosh's own walk, within the budget."""
        found = BitMap()
        for n, docnum in enumerate(self.searcher.docs_for_query(query), 1):
            found.add(docnum)
            if n % CHECK_EVERY == 0 and time.monotonic() > self.deadline:
                self.late = True
                break
        return FrozenBitMap(found)


def _intersection(sets: list[FrozenBitMap]) -> FrozenBitMap:
    sets.sort(key=len)  # smallest first: an empty one ends it
    result = sets[0]
    for other in sets[1:]:
        if not result:
            break
        result = result & other
    return result
