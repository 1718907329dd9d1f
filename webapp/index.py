"""The index as the web app sees it: opened once per process, refreshed, never rebuilt.

``LiveIndex`` keeps one open index per worker process and one searcher per
thread (Whoosh searchers are not shared between threads). On every request it
checks which generation the index path points to (a ``realpath``: a few
microseconds). If an indexer run switched to a new generation, the next
request opens it; otherwise the searcher is refreshed, which is free when
nothing was committed. Facet posting lists are cached per searcher, and
results per process (``cache.py``).

The link is read once per request and only the folder it named is opened:
reading the link again midway could mix two generations.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app
from whoosh import index as whoosh_index

from indexer.manifest import Manifest
from indexer.store import IndexStore

from .cache import ResultCache
from .facets import Postings, read_postings
from .params import SearchRequest
from .search import NOTICE_OUT_OF_TIME, search


@dataclass
class _ThreadState:
    generation: Path
    searcher: object
    postings: Postings
    baseline: float | None  # when the first generation was built (from the manifest)


@dataclass(frozen=True)
class View:
    """What one request searches: a searcher, its cached posting lists, the index's baseline."""

    searcher: object
    postings: Postings
    baseline: float | None
    generation: Path
    cache: ResultCache

    def search(self, request: SearchRequest, time_limit: float) -> dict:
        """``search.search`` on this generation, through the worker's result cache."""
        key = (str(self.generation), request.q, request.page, request.per_page, request.sort,
               tuple(sorted(request.filters.items())))
        return self.cache.get(
            key,
            lambda: search(self.searcher, request, self.postings, self.baseline, time_limit),
            keep=lambda result: result["notice"] != NOTICE_OUT_OF_TIME,
        )


class LiveIndex:
    def __init__(self, path: Path):
        self.store = IndexStore(Path(path))
        self._local = threading.local()
        self.cache = ResultCache()

    def view(self) -> View:
        """This thread's current searcher and the caches that go with it."""
        generation = self.store.target()
        state: _ThreadState | None = getattr(self._local, "state", None)
        if state is None or state.generation != generation:
            generation = self.store.current()  # IndexMissing if there is none
            if state is not None:
                state.searcher.close()
            searcher = whoosh_index.open_dir(str(generation)).searcher()
            manifest = Manifest.read(generation)
            state = _ThreadState(generation, searcher, read_postings(searcher), manifest and manifest.baseline)
            self._local.state = state
        else:
            fresh = state.searcher.refresh()
            if fresh is not state.searcher:
                state.searcher, state.postings = fresh, read_postings(fresh)
        return View(state.searcher, state.postings, state.baseline, state.generation, self.cache)


def init_app(app: Flask) -> None:
    app.extensions["live_index"] = LiveIndex(app.config["INDEX_DIR"])


def get_view() -> View:
    """The searcher and caches for this request."""
    return current_app.extensions["live_index"].view()
