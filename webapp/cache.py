"""A small cache of search results, per worker process.

Keyed by the index generation and the validated request, so a new generation
is a new key space: nothing is ever stale, nothing needs invalidating. Results
cut short by the time budget are not kept. Callers get a copy, so rendering
can add links to it freely.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

RESULTS_KEPT = 512


class ResultCache:
    def __init__(self, size: int = RESULTS_KEPT):
        self.size = size
        self._results: OrderedDict[Hashable, dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], dict], keep: Callable[[dict], bool]) -> dict:
        with self._lock:
            if key in self._results:
                self._results.move_to_end(key)
                return copy.deepcopy(self._results[key])
        result = compute()
        if keep(result):
            with self._lock:
                self._results[key] = copy.deepcopy(result)
                while len(self._results) > self.size:
                    self._results.popitem(last=False)
        return result
