"""Whoosh's segment writer, with two of its per-posting costs taken out; the files it writes are the same.

A profile of a build (``bench/reports/2026-11-27-b.md``) finds two costs in
Whoosh's writer that grow with every posting and buy nothing for an index
written once (and a third, the sort of each run, is made cheaper: ``_posting_order``):

* **field lengths**: while it writes the postings, Whoosh asks the segment's
  length column for the length of the posting's field in the posting's
  document, one column read per posting (a million for 5,000 sections).
  ``_Lengths`` reads each field's column once into a list and answers from it;
* **the external sort**: postings beyond the writer's memory budget are sorted
  and written to a temporary run, and the runs merged at the end. Whoosh
  pickles and unpickles each posting on its own; ``_ChunkedPool`` pickles
  ``CHUNK`` sorted postings at a time (the same sorted runs, the same merge).

And one cost in memory: the term dictionary keeps every term's hash and file
position until it writes its hash tables, as a tuple of two Python ints (about
130 bytes; a million terms in a worker's segment at 100,000 sections, most of
them the unique near-duplicate keys). ``_CompactTermIndex`` keeps them as two
machine words (16 bytes).

Every posting, term and length is the one Whoosh's own writer writes
(``tests/test_speed_by_design.py`` compares the two on the same documents).
"""

from __future__ import annotations

import itertools
import pickle
from array import array

from whoosh import writing
from whoosh.filedb import filetables

#: Postings pickled together in a sorted run. The final merge holds one chunk of every run at once
#: (tens of runs for a large corpus), so a chunk stays small.
CHUNK = 500


class SegmentWriter(writing.SegmentWriter):
    """``whoosh.writing.SegmentWriter`` with field lengths read once and sorted runs pickled in chunks."""

    def __init__(self, ix, limitmb: int = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = _ChunkedPool(self._tempstorage, self.newsegment, limitmb=limitmb)
        terms = self.fieldwriter._tindex  # made, its header written, nothing added yet
        terms.__class__, terms.buckets = _CompactTermIndex, [array("Q") for _ in range(256)]

    def _flush_segment(self):  # Whoosh's own, with the per-document reader behind _Lengths
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader) if reader is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader is not None:
            reader.close()


class _Lengths:
    """A segment's field lengths, each field's column read once (Whoosh reads it once per posting)."""

    def __init__(self, reader):
        self._reader = reader
        self._fields: dict[str, list] = {}

    def doc_field_length(self, docnum: int, fieldname: str):
        column = self._fields.get(fieldname)
        if column is None:
            count = self._reader.doc_count_all()
            column = [self._reader.doc_field_length(n, fieldname) for n in range(count)]
            self._fields[fieldname] = column
        return column[docnum]


class _ChunkedPool(writing.PostingPool):
    """Whoosh's posting pool, its runs sorted by ``_posting_order`` and written and read ``CHUNK`` postings
    per pickle."""

    def save(self) -> None:  # PostingPool.save (SortingPool.save), sorting by a key
        if self.current:
            self.current.sort(key=_posting_order)
            path, f = self._new_run()
            self._write_run(f, self.current)
            self._add_run(path)
            self.current = []
        self.currentsize = 0

    def add(self, item) -> None:  # PostingPool.add without its type assertions on every posting
        fieldname, text, _, _, value = item
        self.fieldnames.add(fieldname)
        self.currentsize += 150 + len(fieldname) + 2 * len(text) + len(value or "")  # Whoosh's estimate
        if self.currentsize > self.limit:
            self.save()
        self.current.append(item)

    def _write_run(self, f, items):
        items = iter(items)
        while chunk := list(itertools.islice(items, CHUNK)):
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)


def _posting_order(posting: tuple) -> bytes:
    """A key that sorts a pool's postings (field, term, document, weight, value) as the tuples sort.

    The field's name and the term, as one byte string: names are compared up to a NUL that no name
    holds (so "title" comes before "title_key"), then the terms. Postings of one term in one field
    are added in document order, one per document, and the sort is stable: they stay so, as the
    tuples' third item would order them. One comparison of bytes instead of two of a tuple's items:
    a third less time for the sort (the sort was 5% of a build's CPU, sampled at 5,000 sections)."""
    return posting[0].encode() + b"\0" + posting[1]


class _CompactTermIndex(filetables.OrderedHashWriter):
    """Whoosh's term dictionary writer with each bucket an array of (hash, position) pairs."""

    def add(self, key: bytes, value: bytes) -> None:  # OrderedHashWriter.add and HashWriter.add, as one
        if key <= self.lastkey:
            raise ValueError(f"Keys must increase: {self.lastkey!r}..{key!r}")
        position = self.dbfile.tell()
        self.index.append(position)
        self.dbfile.write(filetables._lengths.pack(len(key), len(value)))
        self.dbfile.write(key)
        self.dbfile.write(value)
        hashed = self.hashfn(key)
        self.buckets[hashed & 255].extend((hashed, position))
        self.lastkey = key

    def _write_hashes(self) -> None:  # HashWriter._write_hashes, reading the pairs from the arrays
        null = (0, 0)
        for bucket in self.buckets:
            self.directory.append((self.dbfile.tell(), len(bucket)))  # two slots per entry
            table = [null] * len(bucket)
            for hashed, position in zip(bucket[::2], bucket[1::2], strict=True):
                slot = (hashed >> 8) % len(table)
                while table[slot] != null:
                    slot = (slot + 1) % len(table)
                table[slot] = (hashed, position)
            for hashed, position in table:
                self.dbfile.write(filetables._pointer.pack(hashed, position))
