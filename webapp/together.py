"""Where a compound's parts stand together: every candidate section at once (numpy).

A query word the index also holds whole ("cykelväg") matches where its parts stand within
``PARTS_SLOP`` positions of each other in one field: in one word ("huvudcykelvägen", parts share the
word's position) or written apart ("vägar för cyklar"), in any order (``wordquery._together``, a
``scoring.Together``: Whoosh's ``SpanNear2``). The total and the facet counts need every such
section, not only the best ten, so ``matchset.TermSets.near`` finds them once per index generation,
among the sections that hold every part (``holding``).

For a compound whose parts are common words ("annandag": annan, dag; "heltid": hel, tid) that is
most of the first search after an update, and Whoosh's way of doing it costs microseconds a section
and part in Python: its matcher skips to the section (``skip_to``, a posting at a time), decodes the
positions, makes a ``Span`` object of each and runs its span test. Here, instead:

1. a part whose postings the generation has not read yet is read here, once, block by block as
   Whoosh's codec stores them, with each posting's encoded positions beside its document and weight
   (``scoring.postings_arrays``; its bitmap and scores are kept as for any term); a part read
   before (by another query) has the candidates' positions read again, skipping the blocks that hold
   no candidate (``_values``). The match set asks for the parts together before the parts anywhere
   (``matchset``, ``Where``) so a compound's first search reads them so;
2. the candidates' positions are unpickled at once (``_differences``) and flattened into one sorted
   array of keys, ``section << 32 | position`` (``_keys``);
3. Whoosh's span test (``SpanNear2Matcher._get_spans``) runs for all candidates at once
   (``_joined``): it starts from the first part's positions, each a span of one position, and joins
   each next part's positions that lie within ``slop`` of a span (a binary search for the first and
   the last such key, as its own ``bisect_spans`` and ``break`` do), each join a wider span; a
   section matches if a span survives the last part. Its rules are kept one for one: ``ordered``
   (a later part never before the span's start), ``mindist`` and the distance of a position to a
   span (0 inside it).

What is left is Whoosh's own reading of the blocks (decompressing and unpickling them), once.

The same sections as Whoosh's span matcher (``tests/test_together.py`` asks Whoosh's own
``SpanNear2`` on real indexes: parts in one word, in nearby words, beyond the slop, in other fields,
after an update), at about half the CPU time of the first search of a compound with common parts
(175.7 → 73.6 ms at p50 at 105,000 sections; README, *Speed and scale*: ``python -m bench.together``).

Two other ways were weighed and not taken:

* **a term of its own for "these parts in one word"**, written by the analyser beside each
  compound: a posting-list lookup for the sections with the word, but the parts written apart
  within the slop ("vägar för cyklar") must still be found exactly, by positions, in the sections
  that hold every part and not that term, and for common parts those are nearly all of the
  candidates: of the 109,559 sections that the 40 compounds with the commonest parts test at 20,000
  sections, 634 (0.6%) hold the compound whole (``bench.together`` counts them). It would grow the
  index and its analysis, and save little of the test;
* **testing only what a page of results needs**: the total and the facet counts are counts over
  every section that matches, so every candidate must be tested for them to be exact.
"""

from __future__ import annotations

import itertools
import pickle

import numpy as np
from pyroaring import FrozenBitMap
from whoosh.formats import Positions
from whoosh.query.spans import SpanNear2

from . import scoring

#: A key holds the section in its high bits and the word position in its low ``POSITION_BITS``.
POSITION_BITS = 32
_POSITION_MASK = (1 << POSITION_BITS) - 1


def near_set(searcher, query: SpanNear2, holding: FrozenBitMap, read: dict | None = None) -> FrozenBitMap:
    """The sections of ``holding`` (those with every term of ``query``, a ``SpanNear2`` of one
    field's terms) where the terms stand as close as it asks, as Whoosh's span matcher finds them.
    ``read``: a term's postings already read (``matchset.TermSets.near``), as its documents and their
    encoded values (positions); the other terms' positions are read from the index."""
    fieldname = query.qs[0].fieldname
    field = searcher.schema[fieldname] if fieldname in searcher.schema else None
    if not holding or field is None or not field.format or not field.format.supports("positions"):
        return FrozenBitMap()
    docs = np.frombuffer(holding.to_array(), dtype=np.uint32).astype(np.int64)
    read = read or {}
    first = _keys(searcher, fieldname, field, query.qs[0].text, docs, read.get(query.qs[0].text))
    spans = (first >> POSITION_BITS, first & _POSITION_MASK, first & _POSITION_MASK)
    for part in query.qs[1:]:
        if not len(spans[0]):
            break
        keys = _keys(searcher, fieldname, field, part.text, docs, read.get(part.text))
        spans = _joined(spans, keys, query.slop, query.ordered, query.mindist)
    return FrozenBitMap(np.unique(spans[0]).astype(np.uint32))


def _joined(spans, keys: np.ndarray, slop: int, ordered: bool, mindist: int):
    """Each span (section, start, end arrays) joined with every position of ``keys`` in its section
    that Whoosh's span test accepts: from the span's start (``ordered``) or ``slop`` before it (not
    before 0), to ``slop`` after its end, at a distance of at least ``mindist``; each join the span
    from the smaller start to the larger end, once."""
    docs, starts, ends = spans
    base = docs << POSITION_BITS
    lowest = starts if ordered else np.maximum(starts - slop, 0)
    first = np.searchsorted(keys, base | lowest, side="left")
    last = np.searchsorted(keys, base | (ends + slop), side="right")
    counts = np.maximum(last - first, 0)
    which = np.repeat(np.arange(len(docs)), counts)
    at = first[which] + np.arange(len(which)) - np.repeat(np.cumsum(counts) - counts, counts)
    positions = keys[at] & _POSITION_MASK
    docs, starts, ends = docs[which], starts[which], ends[which]
    distance = np.where(positions < starts, starts - positions, np.where(positions > ends, positions - ends, 0))
    kept = distance >= mindist
    joined = np.unique(
        np.stack([docs[kept], np.minimum(starts, positions)[kept], np.maximum(ends, positions)[kept]]), axis=1
    )
    return joined[0], joined[1], joined[2]


def _keys(searcher, fieldname: str, field, text: str, docs: np.ndarray, read=None) -> np.ndarray:
    """Every position of ``text`` in ``fieldname`` of the sections ``docs`` (ascending, top-level
    numbers, each holding it), as sorted keys ``section << POSITION_BITS | position``; from ``read``
    (all its postings' documents and encoded values) if given, else from the index."""
    if read is not None:
        held, all_values = read
        sections, values = docs, [all_values[at] for at in np.searchsorted(held, docs).tolist()]
    else:
        sections, values = [], []
        for matcher, offset, count in scoring.leaf_postings(searcher, fieldname, field.to_bytes(text)):
            wanted = docs[(docs >= offset) & (docs < offset + count)] - offset
            segment_docs, segment_values = _values(matcher, wanted) if len(wanted) else ([], [])
            sections += [docnum + offset for docnum in segment_docs]
            values += segment_values
    lengths, positions = _positions(field.format, values)
    return np.sort((np.repeat(np.asarray(sections, dtype=np.int64), lengths) << POSITION_BITS) | positions)


#: How Whoosh's ``Positions`` format writes a posting's positions: their count (4 bytes), then the
#: differences between them as a pickled list (protocol 2: ``PROTO 2`` … ``STOP``).
_COUNT_BYTES, _PROTOCOL_2, _STOP = 4, b"\x80\x02", b"."
_HEAD = _COUNT_BYTES + len(_PROTOCOL_2)


def _positions(format_, values: list) -> tuple[np.ndarray, np.ndarray]:
    """Each encoded value's number of positions, and all the positions one after another, as the
    field's format decodes them. Any other format than Whoosh's ``Positions``, or a value written
    otherwise, is decoded by the format one value at a time; ``Positions`` values all at once
    (``_differences``), their differences summed by numpy."""
    steps = _differences(values) if type(format_) is Positions else None
    if steps is None:
        decode = format_.decoder("positions")
        steps = [np.diff(decode(value), prepend=0).tolist() for value in values]
    lengths = np.fromiter(map(len, steps), dtype=np.int64, count=len(steps))
    sums = np.cumsum(np.fromiter(itertools.chain.from_iterable(steps), dtype=np.int64, count=int(lengths.sum())))
    firsts = np.cumsum(lengths) - lengths  # where each value's positions start
    return lengths, sums - np.repeat(np.concatenate([[0], sums])[firsts], lengths)


def _differences(values: list) -> list[list[int]] | None:
    """The pickled lists of differences of ``Positions`` values, unpickled at once; None if a value
    is not written so. Each pickle's body (between ``PROTO`` and ``STOP``) leaves its list on the
    stack, so the bodies between a ``MARK`` and a ``LIST`` are one pickle of all the lists: what
    ``decode_positions`` unpickles one at a time. The values are joined and each one's count,
    ``PROTO`` and ``STOP`` cut out by numpy, so no step costs Python a value (one at a time, it was a
    third of the test's time for a common compound)."""
    if not values:
        return []
    joined = np.frombuffer(b"".join(values), dtype=np.uint8)
    sizes = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    if sizes.min() <= _HEAD + len(_STOP):
        return None
    written = (
        (joined[starts + _COUNT_BYTES] == _PROTOCOL_2[0])
        & (joined[starts + _COUNT_BYTES + 1] == _PROTOCOL_2[1])
        & (joined[ends - 1] == _STOP[0])
    )
    if not written.all():
        return None
    body = np.ones(len(joined), dtype=bool)
    body[(starts[:, None] + np.arange(_HEAD)).ravel()] = False
    body[ends - 1] = False
    return pickle.loads(_PROTOCOL_2 + pickle.MARK + joined[body].tobytes() + pickle.LIST + _STOP)


def _values(matcher, wanted: np.ndarray) -> tuple[list[int], list]:
    """The documents of ``wanted`` (ascending, the segment's numbers) that a leaf matcher's postings
    hold, and each one's encoded value: a block at a time for Whoosh's own codec, reading only the
    blocks that hold one (``_w3_values``), one posting at a time for any other."""
    if scoring.is_w3_leaf(matcher):
        return _w3_values(matcher, wanted)
    asked, docs, values = set(wanted.tolist()), [], []
    while matcher.is_active():
        if matcher.id() in asked:
            docs.append(matcher.id())
            values.append(matcher.value())
        matcher.next()
    return docs, values


def _w3_values(matcher, wanted: np.ndarray) -> tuple[list[int], list]:
    """``_values`` for a Whoosh 3 leaf matcher: a block whose ids (after the block before's last, up
    to its own ``_maxid``) hold none of ``wanted`` is passed over unread; a block's ids are its
    differences summed (as in ``scoring._w3_blocks``), its values Whoosh's (``_read_values``)."""
    docs, values = [], []
    first = 0  # the first of ``wanted`` after the blocks passed
    while matcher.is_active() and first < len(wanted):
        end = int(np.searchsorted(wanted, matcher._maxid, side="right"))
        if end > first:
            if matcher._data is None:
                matcher._read_data()
            matcher._read_values()
            ids = np.cumsum(np.asarray(matcher._data[0], dtype=np.int64))
            asked = wanted[first:end]
            at = np.searchsorted(ids, asked)  # each below the block's last id, ``_maxid``
            held = at[ids[at] == asked].tolist()
            docs += ids[held].tolist()
            values += [matcher._values[index] for index in held]
        first = end
        matcher._next_block()
    return docs, values
