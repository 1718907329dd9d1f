"""The site's words as written: which lowercase words the sections say, and on how many.

The index holds lemmas ("kommun", "godsbåta", "lead"), but a visitor reads "kommunerna",
"godsbåtar" and "Leader". Completions and "Menade du …?" (``webapp/suggest.py``,
``webapp/spelling.py``) offer the words as written, from this table: every word of the
searched fields (``analysis.written_words``: no numbers, no stop words) with the number of
indexed sections that say it, one tab-separated file per generation (``written.tsv``, sorted).

It is kept exact: ``build`` counts each worker's sections as they are written (each worker writes
its part before its segment's final sort needs the memory; the parts are merged in order), ``update`` takes
the words of the sections it deletes (from their stored text) off the table of the generation
it copies and puts on the words of those it adds, so a removed page's words are offered no more.

A file, not an index field: a field holds a posting per section and word, and Whoosh's
pure-Python posting writer is most of a build's time. Measured on 5,000 generated sections, such
a field cost 24% more CPU for the build and, at 20,000, 13.7% more index; this table costs what
reading the words costs (``analysis.written_words``), and the web app reads it once per generation.
"""

from __future__ import annotations

import heapq
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from .analysis import written_words
from .schema import SEARCH_FIELDS

FILE = "written.tsv"
PART_SUFFIX = ".part"


def words_of(fields) -> set[str]:
    """The written words of a section: a ``Document`` or its stored fields (a mapping)."""
    get = fields.get if isinstance(fields, dict) else lambda name: getattr(fields, name, "")
    return written_words("\n".join(get(name) or "" for name in SEARCH_FIELDS))


def count(sections: Iterable) -> Counter:
    """How many of ``sections`` say each word."""
    counts: Counter = Counter()
    for section in sections:
        counts.update(words_of(section))
    return counts


def write(folder: Path, counts: Counter, name: str = FILE) -> None:
    """The table into a generation's ``folder`` (not yet published: ``store.publish`` syncs it), words
    no section says any more left out."""
    _write_rows(Path(folder) / name, sorted(counts.items()))


def write_part(folder: Path, counts: Counter) -> None:
    """One build worker's part of the table (``merge_parts`` makes the table of them)."""
    write(folder, counts, f"{FILE}.{os.getpid()}{PART_SUFFIX}")


def merge_parts(folder: Path) -> None:
    """The table of the workers' parts, read side by side in order (no part held whole), the parts removed."""
    parts = sorted(Path(folder).glob(f"{FILE}.*{PART_SUFFIX}"))
    with ExitStack() as stack:
        files = [stack.enter_context(open(part, encoding="utf-8")) for part in parts]
        merged = heapq.merge(*((_row(line) for line in file) for file in files))
        sums = ((word, sum(n for _, n in same)) for word, same in groupby(merged, itemgetter(0)))
        _write_rows(Path(folder) / FILE, sums)
    for part in parts:
        part.unlink()


class DamagedTable(ValueError):
    """A table that cannot be read: bytes that are not UTF-8, or a line that is not a word, a tab and a count
    (a bad sector, a stray write, a half-restored backup)."""


def _row(line: str) -> tuple[str, int]:
    word, n = line.rstrip("\n").split("\t")
    return word, int(n)


def _write_rows(path: Path, rows: Iterable[tuple[str, int]]) -> None:
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        out.writelines(f"{word}\t{n}\n" for word, n in rows if n > 0)
    os.replace(partial, path)


def rows(folder: Path) -> Iterator[tuple[str, int]] | None:
    """The table of a generation, in order, or None if it has none (written before there was one);
    DamagedTable, as it is read, if it is damaged."""
    try:
        text = (Path(folder) / FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as error:
        raise DamagedTable(f"{FILE} is damaged: byte {error.start} is not UTF-8") from None
    return _checked_rows(text)


def _checked_rows(text: str) -> Iterator[tuple[str, int]]:
    for number, line in enumerate(text.splitlines(), 1):
        try:
            word, n = _row(line)
        except ValueError:
            word, n = "", 0
        if not word or not 0 < n < 2**32:  # a count of sections (no corpus holds four billion)
            raise DamagedTable(f"{FILE} is damaged: line {number} is not a word, a tab and a count")
        yield word, n


def read(folder: Path) -> Counter | None:
    """The table of a generation as counts, or None if it has none; DamagedTable if it is damaged."""
    found = rows(folder)
    return None if found is None else Counter(dict(found))
