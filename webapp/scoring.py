"""Ranking in C: Whoosh's BM25F scores for every candidate at once (numpy).

Whoosh scores a document by walking its matchers in Python, about a
microsecond per document per matcher, and even with block-quality skipping
(``Searcher.search(q, limit=k)``) a query of two common words at 100,000
sections scores tens of thousands of them. Here the same numbers are computed
as vectors over all documents:

* each term's postings (documents and term frequencies) are read once per
  generation and kept with their BM25F score per document (the searcher's own
  scorer gives the idf, the average field length, B and K1; the field lengths
  are the index's own, byte-coded as Whoosh codes them), beside the term's
  bitmap (``matchset.TermSets``); a term of a field without lengths (the län
  tags) scores its posting's weight, as Whoosh's ``WeightScorer`` has it;
* a query is evaluated as Whoosh's matchers would score it: a term's vector
  is its scores times its boost; ``Or`` adds its parts in Whoosh's binary tree
  order, ``And`` in its weighted tree order, a compound's boost multiplies the
  sum; ``AndNot`` keeps its positive side. A part that is an ``And`` or an
  ``AndNot`` counts only where it matches;
* the best k candidates are taken by score, then document number: Whoosh's
  order.

The arithmetic is the same IEEE operations in the same order, so the scores
are Whoosh's to the last bit; ``tests/test_fast_path.py`` checks hits, order
and counts against plain Whoosh. A query with parts this table does not name
(a phrase, ``Every``), or another weighting than BM25F, returns None: the
caller ranks it with Whoosh's own collector (``collect.top``).

The proximity bonus of the best hits (``near_scores``) is scored the same
way: word positions read for those documents only, Whoosh's own span test.
"""

from __future__ import annotations

import numpy as np
from pyroaring import FrozenBitMap
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.query.spans import Span, SpanNear2
from whoosh.scoring import BM25F, BM25FScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

from indexer.store import IndexUnreadable

#: Whoosh's field length for each length byte.
LENGTHS = np.array([byte_to_length(code) for code in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """A query part that is not scored here."""


def postings_arrays(
    searcher, fieldname: str, btext: bytes, values: list | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """A term's documents (top-level numbers) and weights, over every segment; given a list
    ``values``, each posting's encoded value (its positions) is added to it, in the same order."""
    ids, weights = [], []
    for matcher, offset, _count in leaf_postings(searcher, fieldname, btext):
        segment_ids, segment_weights = _blocks(matcher, values)
        ids.append(segment_ids + offset)
        weights.append(segment_weights)
    if not ids:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    return np.concatenate(ids), np.concatenate(weights)


def leaf_postings(searcher, fieldname: str, btext: bytes):
    """(leaf matcher, first top-level document number, documents) of each segment that holds the
    term: the postings as stored, deleted documents too (the caller keeps the live ones)."""
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if (fieldname, btext) not in reader:
            continue
        matcher = reader.postings(fieldname, btext)
        while hasattr(matcher, "child"):  # a filter over deleted documents: read the postings under it
            matcher = matcher.child
        yield matcher, offset, reader.doc_count_all()


def is_w3_leaf(matcher) -> bool:
    """Whether ``matcher`` reads Whoosh 3's blocks of document numbers (read here a block at a time)."""
    return hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block") and not matcher._byteids


def _blocks(matcher, values: list | None = None) -> tuple[np.ndarray, np.ndarray]:
    """All postings of a leaf matcher: a block at a time for Whoosh's own codec (``_w3_blocks``),
    one at a time for any other."""
    if is_w3_leaf(matcher):
        return _w3_blocks(matcher, values)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values is not None:
            values.append(matcher.value())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def _w3_blocks(matcher, values: list | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The postings of a Whoosh 3 leaf matcher, read block by block as the codec stores them: each
    block's ids as differences from the one before (its first from 0), and its weights as a tuple, one
    float for all, or None for all 1.0 (``whoosh.codec.whoosh3.W3PostingsWriter._write_block``).
    Whoosh decodes each block's ids in a Python loop (``_read_ids``); here all blocks' differences
    are summed at once (numpy), each block's first made a difference from the last id of the block
    before. The same ids and weights as ``_read_ids`` and ``_read_weights``; a term's postings are
    read in three quarters of the time (measured on 1,414 terms at 100,000 sections, the common
    ones among them: the rest is Whoosh's reading, decompressing and unpickling of the blocks)."""
    deltas, weights, starts, before = [], [], [], []
    last = 0
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        block_ids, block_weights = matcher._data[0], matcher._data[1]
        starts.append(len(deltas))
        before.append(last)
        deltas.extend(block_ids)
        if values is not None:
            matcher._read_values()
            values.extend(matcher._values)
        if isinstance(block_weights, tuple):
            weights.extend(block_weights)
        else:  # one weight for the whole block, as Whoosh's array("f") holds it
            weights.extend([1.0 if block_weights is None else float(np.float32(block_weights))] * len(block_ids))
        last = matcher._maxid
        matcher._next_block()
    steps = np.asarray(deltas, dtype=np.int64)
    steps[starts] -= np.asarray(before, dtype=np.int64)
    return np.cumsum(steps), np.asarray(weights, dtype=np.float64)


def field_lengths(searcher, fieldname: str) -> np.ndarray:
    """Every document's length of ``fieldname`` as Whoosh scores it (byte-coded)."""
    codes = []
    for subsearcher, _offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        count = reader.doc_count_all()
        codes.append(np.asarray(_length_codes(reader, fieldname, count), dtype=np.uint8))
    return LENGTHS[np.concatenate(codes)] if codes else np.empty(0)


def _length_codes(reader, fieldname: str, count: int):
    perdoc = getattr(reader, "_perdoc", None)
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN) if perdoc is not None else None
    if column is None or not hasattr(column, "_dbfile"):  # another codec: one document at a time
        from whoosh.util.numeric import length_to_byte

        return [length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(count)]
    size = column._count * column._fixedlen
    raw = np.frombuffer(column._dbfile.get(column._basepos, size), dtype=np.uint8)
    if len(raw) != size or size > count:  # read here, not by Whoosh: a damaged file is named here
        raise _damaged_lengths(fieldname)
    return np.pad(raw, (0, count - len(raw)))


def _damaged_lengths(fieldname: str) -> IndexUnreadable:
    return IndexUnreadable(f"the index cannot be read (its {fieldname} lengths are damaged)")


def bm25_scores(searcher, fieldname: str, text: str, weights: np.ndarray, lengths) -> np.ndarray:
    """BM25F for a term's postings: Whoosh's formula, the same operations in the same order.
    ``lengths``: the postings' field lengths, a function that reads them (a field without
    lengths is never asked)."""
    scorer = searcher.weighting.scorer(searcher, fieldname, text)
    if isinstance(scorer, WeightScorer):  # a field without lengths (the län tags): Whoosh scores the weight
        return weights
    if not isinstance(scorer, BM25FScorer):
        raise Unsupported(type(scorer).__name__)
    lengths = lengths()
    if not lengths.all():  # a section with a posting has a length: none is a length file cut short or zeroed
        raise _damaged_lengths(fieldname)
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))


def supported(searcher) -> bool:
    return type(searcher.weighting) is BM25F


def rank(searcher, query: wq.Query, terms, candidates: FrozenBitMap, limit: int) -> list[tuple[int, float]] | None:
    """The best ``limit`` candidates by Whoosh's score, best first; None if the query
    has a part that is not scored here."""
    scored = _scored(searcher, query, terms)
    if scored is None:
        return None
    vector = scored[0]
    docs = np.frombuffer(candidates.to_array(), dtype=np.uint32).astype(np.int64)
    scores = vector[docs]
    if len(docs) > limit:
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= threshold  # ties at the threshold are all kept, then ordered by document
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(docs[i]), float(scores[i])) for i in order]


def vector(searcher, query: wq.Query, terms) -> np.ndarray | None:
    """``query``'s score for every document (zero where it does not match); None if
    the query has a part that is not scored here. For rankings by more than the
    score (partial matches, ``partial.py``)."""
    scored = _scored(searcher, query, terms)
    if scored is None:
        return None
    scores, matches, clean = scored
    return scores if clean else _only(scores, matches)


def _scored(searcher, query: wq.Query, terms) -> tuple[np.ndarray, FrozenBitMap, bool] | None:
    """``_Vectors.of(query)``; None if the query has a part not scored here, or the index is
    weighted otherwise than by BM25F."""
    if not supported(searcher):
        return None
    try:
        return _Vectors(searcher, terms).of(query)
    except Unsupported:
        return None


class _Vectors:
    """A query's score vector over all documents, its match set, and whether the
    vector is zero outside the match set ("clean")."""

    def __init__(self, searcher, terms):
        self.searcher, self.terms, self.n = searcher, terms, searcher.doc_count_all()

    def of(self, query: wq.Query) -> tuple[np.ndarray, FrozenBitMap, bool]:
        kind = type(query)
        if kind is wq.Term:
            docs, scores = self.terms.scored(self.searcher, query.fieldname, query.text)
            vector = np.zeros(self.n)
            vector[docs] = scores * query.boost if query.boost != 1.0 else scores
            return vector, self.terms.get(self.searcher, query.fieldname, query.text), True
        if query is wq.NullQuery:
            return np.zeros(self.n), FrozenBitMap(), True
        if kind is wq.Or and not query.minmatch and not query.scale:
            return self._compound(query, self._union)
        if kind is wq.And:
            return self._compound(query, self._intersection)
        if is_near_terms(query):  # (as a side of a ``Where``, it scores nothing)
            return np.zeros(self.n), self.terms.near(self.searcher, query), False
        if kind is Where:  # the first side's score where both match
            vector, first, _clean = self.of(query.a)
            return vector, first & self.of(query.b)[1], False
        if kind is wq.AndNot:
            vector, positive, _clean = self.of(query.a)
            _v, negative, _c = self.of(query.b)
            return vector, positive - negative, False
        raise Unsupported(kind.__name__)

    def _compound(self, query, combine):
        parts = [self.of(sub) for sub in query.subqueries]
        if not parts:
            return np.zeros(self.n), FrozenBitMap(), True
        if len(parts) == 1:  # Whoosh uses the part's matcher as it is: the compound's boost is not applied
            return parts[0]
        vector, matches, clean = combine(query, parts)
        return (vector * query.boost if query.boost != 1.0 else vector), matches, clean

    def _union(self, query, parts):
        vectors = [vector if clean else _only(vector, matches) for vector, matches, clean in parts]
        return _binary_tree_sum(vectors), FrozenBitMap.union(*(matches for _, matches, _ in parts)), True

    def _intersection(self, query, parts):
        reader = self.searcher.reader()
        weighted = sorted(((0 - sub.estimate_size(reader), n) for n, sub in enumerate(query.subqueries)))
        vectors = [(weight, parts[n][0]) for weight, n in weighted]
        while len(vectors) > 1:  # Whoosh's make_weighted_tree: join the two lightest, keep sorted
            (wa, a), (wb, b) = vectors.pop(0), vectors.pop(0)
            joined = (wa + wb, a + b)
            at = next((i for i, (w, _) in enumerate(vectors) if w > joined[0]), len(vectors))
            vectors.insert(at, joined)
        matches = parts[0][1]
        for _v, other, _c in parts[1:]:
            matches = matches & other
        return vectors[0][1], matches, False


def _binary_tree_sum(values: list):
    """The sum (of vectors or of numbers) in the order of Whoosh's make_binary_tree:
    (first half) + (second half)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _binary_tree_sum(values[:half]) + _binary_tree_sum(values[half:])


def _only(vector: np.ndarray, matches: FrozenBitMap) -> np.ndarray:
    """The vector where the part matches, zero elsewhere."""
    kept = np.zeros_like(vector)
    docs = np.frombuffer(matches.to_array(), dtype=np.uint32)
    kept[docs] = vector[docs]
    return kept


# -- Nearness: the proximity bonus of the best hits ----------------------------


def near_scores(searcher, terms, docnums, bonus: wq.Query) -> dict[int, float] | None:
    """What ``bonus`` (phrases with slop, or an Or of them) adds to each of ``docnums``
    that it matches, as Whoosh's matchers would score it; None if it has another shape.

    Whoosh's phrase matcher, asked about one document, walks every document that
    holds all the words, reading their positions, until one where they stand close
    enough: at 100,000 sections most of a search's time. Here positions are read
    for the given documents only, and Whoosh's own span test decides.
    """
    if not supported(searcher):
        return None
    near = _Near(searcher, terms)
    try:
        found = {docnum: near.score(bonus, docnum) for docnum in sorted(docnums)}
    except Unsupported:
        return None
    return {docnum: score for docnum, score in found.items() if score is not None}


class _Near:
    def __init__(self, searcher, terms):
        self.searcher, self.terms, self.readers = searcher, terms, {}

    def score(self, query: wq.Query, docnum: int) -> float | None:
        kind = type(query)
        if kind is wq.Phrase:
            return self._phrase(query, docnum)
        if kind is wq.Or and not query.minmatch and not query.scale and query.subqueries:
            found = [self.score(sub, docnum) for sub in query.subqueries]
            if all(score is None for score in found):
                return None
            total = _binary_tree_sum([0.0 if score is None else score for score in found])
            return total * query.boost if len(found) > 1 and query.boost != 1.0 else total
        raise Unsupported(kind.__name__)

    def _phrase(self, phrase: wq.Phrase, docnum: int) -> float | None:
        field = self.searcher.schema[phrase.fieldname] if phrase.fieldname in self.searcher.schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            raise Unsupported("a phrase on a field without positions")
        scores, spans = [], []
        for word in phrase.words:
            docs, word_scores = self.terms.scored(self.searcher, phrase.fieldname, word)
            at = int(np.searchsorted(docs, docnum))
            if at == len(docs) or docs[at] != docnum:
                return None
            scores.append(float(word_scores[at]))
            spans.append(_Spans(self._positions(phrase.fieldname, field.to_bytes(word)).at(docnum)))
        if not SpanNear2.SpanNear2Matcher._get_spans(_SpanTest(spans, phrase.slop)):
            return None
        total = _binary_tree_sum(scores)
        return total * phrase.boost if phrase.boost != 1.0 else total

    def _positions(self, fieldname: str, btext: bytes) -> _Positions:
        key = (fieldname, btext)
        if key not in self.readers:
            self.readers[key] = _Positions(self.searcher, fieldname, btext)
        return self.readers[key]


class _Positions:
    """One word's positions in one field, for documents asked in ascending order."""

    def __init__(self, searcher, fieldname: str, btext: bytes):
        self.segments = []
        for subsearcher, offset in searcher.leaf_searchers():
            reader = subsearcher.reader()
            if (fieldname, btext) in reader:
                self.segments.append((offset, offset + reader.doc_count_all(), reader.postings(fieldname, btext)))

    def at(self, docnum: int) -> list[int]:
        for start, end, matcher in self.segments:
            if start <= docnum < end:
                if matcher.is_active() and matcher.id() < docnum - start:
                    matcher.skip_to(docnum - start)
                if matcher.is_active() and matcher.id() == docnum - start:
                    return list(matcher.value_as("positions"))
        return []


class _Spans:
    def __init__(self, positions: list[int]):
        self._spans = [Span(position) for position in positions]

    def spans(self):
        return self._spans


class _SpanTest:
    """What Whoosh's span test reads of a phrase matcher (``Phrase`` is ordered, mindist 1)."""

    def __init__(self, ms: list[_Spans], slop: int, ordered: bool = True, mindist: int = 1):
        self.ms, self.slop, self.ordered, self.mindist = ms, slop, ordered, mindist


# -- Words together: a compound's parts in one word or side by side ------------


class Together(SpanNear2):
    """Terms of one field within ``slop`` positions of each other (``SpanNear2``), found for every
    document at once (``together.near_set``, kept per generation by ``matchset.TermSets.near``). It
    stands as the second side of a ``Where``, which says where a word counts and scores nothing;
    Whoosh 2.7's own span matcher, inside an ``And``, skips documents whose spans match, and its
    size estimate names a module it never imported (``q.And``)."""

    def _and_query(self):
        return wq.And(self.qs)


class Where(wq.Require):
    """``a``, scored as ``a``, where ``b`` matches too: Whoosh's ``Require``, which the bitmaps and
    vectors take as it says (``matchset.py``, ``_Vectors``). Whoosh's own matcher for it is ``a``'s:
    the collector that ranks a query the vectors cannot ranks only the candidates the bitmaps found
    (``collect.top``), and Whoosh 2.7's ``RequireMatcher`` loses documents in a search."""

    def matcher(self, searcher, context=None):
        return self.a.matcher(searcher, context)


def is_near_terms(query: wq.Query) -> bool:
    """Whether ``query`` is ``Together``, terms of one field (``together.near_set`` and the vectors take it)."""
    return (
        isinstance(query, Together)
        and bool(query.qs)
        and all(type(part) is wq.Term for part in query.qs)
        and len({part.fieldname for part in query.qs}) == 1
    )


class PositionReaders:
    """Where terms stand in documents (their word positions), each term's postings opened once and
    read for documents asked in ascending order."""

    def __init__(self, searcher):
        self.searcher, self.readers = searcher, {}

    def at(self, fieldname: str, text: str, docnum: int) -> list[int]:
        key = (fieldname, text)
        if key not in self.readers:
            field = self.searcher.schema[fieldname] if fieldname in self.searcher.schema else None
            positioned = field is not None and field.format and field.format.supports("positions")
            self.readers[key] = _Positions(self.searcher, fieldname, field.to_bytes(text)) if positioned else None
        reader = self.readers[key]
        return reader.at(docnum) if reader is not None else []
