"""The editors' synonyms file, followed while the server runs.

Every worker keeps the last good version of ``SYNONYMS_FILE`` (by default
``corpus/synonyms.toml``) and looks at the file's modification time and
size at most once every ``CHECK_SECONDS``: a saved change is used within a
second or two, with no restart and no re-index, and a search costs one
``stat`` a second, not one per request.

A file that cannot be used (bad TOML, a wrong shape) never breaks search:
one log line says why and the last good version stays in use (none if there
never was one). A missing file means no synonyms. The file's format is
described in ``indexer/synonyms.py``.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from indexer.synonyms import Synonyms, SynonymsError, read_synonyms

CHECK_SECONDS = 1.0

log = logging.getLogger(__name__)


class LiveSynonyms:
    def __init__(self, path: Path | None, clock=time.monotonic):
        self.path = Path(path) if path else None
        self._clock = clock
        self._lock = threading.Lock()
        self._checked = -CHECK_SECONDS
        self._seen: tuple[int, int] | None = None  # (mtime_ns, size) of the last file read, good or bad
        self._current: Synonyms | None = None

    def current(self) -> Synonyms | None:
        """The synonyms in use: re-read if the file changed since the last look."""
        if self.path is None:
            return None
        now = self._clock()
        if now - self._checked < CHECK_SECONDS:
            return self._current
        with self._lock:
            if now - self._checked >= CHECK_SECONDS:
                self._checked = now
                self._refresh()
            return self._current

    def _refresh(self) -> None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            if self._seen is not None:
                log.warning("synonyms: %s was removed; searching without synonyms", self.path)
            self._seen, self._current = None, None
            return
        except OSError as error:
            log.error("synonyms: %s cannot be read (%s); using the last good version", self.path, error.strerror)
            return
        signature = (stat.st_mtime_ns, stat.st_size)
        if signature == self._seen:
            return
        self._seen = signature
        try:
            self._current = read_synonyms(self.path)
        except SynonymsError as error:
            kept = "the last good version" if self._current is not None else "no synonyms"
            log.error("synonyms: %s; using %s", error, kept)
