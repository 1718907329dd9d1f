"""The index as the web app sees it: opened once per process, refreshed, never rebuilt.

``LiveIndex`` keeps, per worker process, the open index of the current
generation with its facet posting lists (shared by all threads: they never
change), and one searcher per thread (Whoosh searchers are not shared between
threads). On every request it checks which generation the index path points to
(a ``realpath``: a few microseconds). If an indexer run switched to a new
generation, the next request opens it; a published generation is never
written again, so there is nothing to refresh in between. Results are cached
per process (``cache.py``), keyed also by the synonyms in use, so an edited
synonyms file (``synonyms.py``) takes effect at once.

The link is read once per request and only the folder it named is opened:
reading the link again midway could mix two generations.

A generation that cannot be opened (its folder gone, a damaged file, no file
descriptor left) is ``IndexUnreadable``, a 503, whether the table of contents
or a segment fails. So is a file damaged after it was opened (cut short, bytes
overwritten): a request that reads the damaged part fails inside Whoosh, in one
of many ways, and ``damage_in`` tells that from an error of ours. Damage that opening
misses (stored fields, field lengths) is looked for once, when a worker first opens a
generation (``_check_reads``), so readiness fails with the searches.

A thread switches only once the new searcher is open: a failed open leaves it
on its old state, and the next request tries again, so a repaired index is
served at once, by every thread.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from whoosh.reading import ReaderClosed
from whoosh.searching import TimeLimit

from indexer.analysis import warm_up
from indexer.manifest import Manifest
from indexer.store import IndexStore, IndexUnreadable, open_generation, read_index

from . import querylog
from .cache import ResultCache
from .facets import Postings, read_postings
from .metrics import record_search
from .params import SearchRequest
from .search import NOTICE_OUT_OF_TIME, Features, search
from .synonyms import LiveSynonyms, last_good_path


@dataclass(frozen=True)
class _Generation:
    """What every thread of a worker shares about one generation."""

    folder: Path
    index: object
    postings: Postings
    baseline: float | None  # when the first generation was built (from the manifest)


@dataclass
class _ThreadState:
    generation: _Generation
    searcher: object


@dataclass(frozen=True)
class Snapshot:
    """The index as one request sees it, one generation throughout: a searcher, its cached
    posting lists, the index's baseline, and the search features with the synonyms in use."""

    searcher: object
    postings: Postings
    baseline: float | None
    generation: Path
    cache: ResultCache
    features: Features

    def search(self, request: SearchRequest, time_limit: float, feed: bool = False) -> dict:
        """``search.search`` on this generation, through the worker's result cache; logged as a visitor's
        search, or as a feed reader's poll (``feed``), which the editors' query log counts apart."""
        key = (
            str(self.generation),
            self.features.key,
            request.q,
            request.page,
            request.per_page,
            request.sort,
            tuple(sorted(request.filters.items())),
        )
        result = self.cache.get(
            key,
            lambda: search(self.searcher, request, self.postings, self.baseline, time_limit, self.features),
            keep=lambda result: result["notice"] != NOTICE_OUT_OF_TIME,
        )
        record_search(result, feed)
        (querylog.record_feed if feed else querylog.record_search)(result)
        return result


class LiveIndex:
    def __init__(self, path: Path, synonyms: LiveSynonyms | None = None, partial: bool = True):
        self.store = IndexStore(Path(path))
        self.synonyms = synonyms or LiveSynonyms(None)
        self.partial = partial
        self.cache = ResultCache()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self._searchers: list = []  # every searcher opened, closed when this object goes
        weakref.finalize(self, _close_all, self._searchers)

    def snapshot(self) -> Snapshot:
        """This thread's searcher on the current generation, and what goes with it, for one request."""
        target = self.store.target()
        state: _ThreadState | None = getattr(self._local, "state", None)
        if state is None or state.generation.folder != target:
            state = self._switch(state, target)
        generation = state.generation
        features = Features(self.partial, self.synonyms.current())
        return Snapshot(
            state.searcher, generation.postings, generation.baseline, generation.folder, self.cache, features
        )

    def _switch(self, old: _ThreadState | None, target: Path) -> _ThreadState:
        """This thread's state on ``target``: the new searcher is opened before the old one is closed,
        so a failed open (IndexUnreadable) leaves the thread as it was, to try again next request."""
        generation = self._open(target)
        state = _ThreadState(generation, _searcher(generation.folder, generation.index))
        self._searchers.append(state.searcher)
        self._local.state = state
        if old is not None:
            self._searchers.remove(old.searcher)
            _close(old.searcher)
        return state

    def serving(self) -> Path:
        """The generation this thread searches (the index path, before it opened one)."""
        state: _ThreadState | None = getattr(self._local, "state", None)
        return state.generation.folder if state is not None else self.store.path

    def _open(self, target: Path) -> _Generation:
        """The shared state of the generation at ``target``, opened once per process."""
        with self._lock:
            if self._current is None or self._current.folder != target:
                folder = self.store.current()  # IndexMissing if there is none
                index = open_generation(folder)
                postings = read_index(lambda: _read_postings(index), _unreadable(folder))
                manifest = Manifest.read(folder)
                self._current = _Generation(folder, index, postings, manifest and manifest.baseline)
            return self._current


def _searcher(folder: Path, index):
    """A new searcher on an open generation; IndexUnreadable (503) if a segment's files are damaged or gone."""
    return read_index(index.searcher, _unreadable(folder))


#: Errors that say how Whoosh was called, not what it read: never a damaged file. A mistake of ours that
#: only shows inside Whoosh (a None where a term goes) stays a 500 with its traceback in the log.
NOT_DAMAGE = (ReaderClosed, TimeLimit, TypeError, AttributeError, NameError, AssertionError, NotImplementedError)

#: The packages of this project: an error raised in their code is a mistake of ours, not a damaged file.
OWN_PACKAGES = ("indexer", "webapp")


def damage_in(error: Exception) -> str | None:
    """Where a request met a damaged index file ("struct.error in whoosh.filedb.filetables"), or None.

    A damaged file fails in many ways (struct.error, zlib.error, EOFError, UnicodeDecodeError, a pickle
    error, Whoosh's bare "Block tag error"), so the kind tells nothing; where it was raised does: in
    Whoosh's code, or a library Whoosh called, with none of ours called in between. One damage shows as
    a mistake would, and is told by where: a field length file cut short or zeroed (``_lengths_damaged``)."""
    if _lengths_damaged(error):
        return "a field length file is damaged (Whoosh read a scored section's length as None)"
    if isinstance(error, NOT_DAMAGE):
        return None
    innermost, frame = None, error.__traceback__
    while frame is not None:
        module = frame.tb_frame.f_globals.get("__name__", "")
        if module.partition(".")[0] in ("whoosh", *OWN_PACKAGES):
            innermost = module
        frame = frame.tb_next
    if innermost is None or not innermost.startswith("whoosh."):
        return None
    kind = type(error)
    name = f"{kind.__module__}.{kind.__name__}" if kind.__name__.islower() else kind.__name__  # struct.error
    return f"{name} in {innermost}: {error}"


def _lengths_damaged(error: Exception) -> bool:
    """Whether Whoosh failed scoring a section whose field length it read as None. A section with a posting
    in a field has a length there (one byte per section, ``*._<field>_len.col``); Whoosh's reader gives None,
    not an error, for a section past the end of a file cut short or a byte zeroed, and its BM25 formula
    then fails on it (``fl``) with a TypeError: damage, met by any route that scores with Whoosh."""
    last = error.__traceback__
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    if not isinstance(error, TypeError) or last is None:
        return False
    frame = last.tb_frame
    return frame.f_globals.get("__name__") == "whoosh.scoring" and frame.f_locals.get("fl", 0) is None


def read_damage(error: Exception) -> IndexUnreadable | None:
    """``error`` as the IndexUnreadable (a 503) it is when this request met a damaged index file; else None."""
    where = damage_in(error)
    if where is None:
        return None
    return IndexUnreadable(f"{_unreadable(current_app.extensions['live_index'].serving())} ({where})")


def _read_postings(index) -> Postings:
    """The generation's facet posting lists, once it is checked to read as a search reads it."""
    with index.searcher() as searcher:
        _check_reads(searcher)
        return read_postings(searcher)


class DamagedLengths(ValueError):
    """A field's length file lacks a section that holds words in that field (named in the log line)."""


#: How much of a stored field tells whether it holds a word (and so has a length).
_SAMPLE_CHARS = 1000


def _check_reads(searcher) -> None:
    """Read, once per generation and process, what searches read, where damage shows first: in each segment, the
    stored fields of its first and last section (a hit's title and text: a damaged ``_stored.col`` fails on
    them, where opening it does not), and the field lengths of its last section (a length file cut short
    loses that one first; Whoosh reads it as None). A damaged generation is then a 503 for every route,
    readiness too, before a visitor's search meets it."""
    for subsearcher, _offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        last = reader.doc_count_all() - 1
        if last < 0:
            continue
        reader.stored_fields(0)
        fields = reader.stored_fields(last)
        for name in reader.schema.scorable_names():
            value = fields.get(name)
            if not isinstance(value, str) or not _has_words(reader.schema[name], value[:_SAMPLE_CHARS]):
                continue
            if reader.doc_field_length(last, name, -1) is None:  # -1: a field with no length file at all
                raise DamagedLengths(name)


def _has_words(field, text: str) -> bool:
    return next(iter(field.process_text(text, mode="index")), None) is not None


def _unreadable(folder: Path) -> str:
    return f"the index in {folder.name} cannot be read"


def _close(searcher) -> None:
    with contextlib.suppress(ReaderClosed):
        searcher.close()


def _close_all(searchers: list) -> None:
    for searcher in searchers:
        _close(searcher)


def init_app(app: Flask) -> None:
    """Open the index lazily, at the first request; load the word data now (once per process), so that no
    search's time budget pays for it and a server loads it before its workers fork."""
    warm_up()
    synonyms = LiveSynonyms(
        app.config["SYNONYMS_FILE"] or None, last_good=last_good_path(app.config["INDEX_DIR"]), base=True
    )
    app.extensions["live_index"] = LiveIndex(app.config["INDEX_DIR"], synonyms, app.config["PARTIAL_MATCHING"])


def get_snapshot() -> Snapshot:
    """This request's snapshot of the index: its searcher and caches."""
    return current_app.extensions["live_index"].snapshot()
