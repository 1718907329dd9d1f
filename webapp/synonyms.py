"""The editors' synonyms file, followed while the server runs.

Every worker looks at ``SYNONYMS_FILE`` (by default ``corpus/synonyms.toml``)
at most once every ``CHECK_SECONDS``, by its modification time and size: a
saved change is used within a second or two, with no restart and no re-index,
and a search costs one ``stat`` a second, not one per request.

A file that cannot be used (bad TOML, a wrong shape) never breaks search:
one log line says why and the last good version stays in use (none if there
never was one). A missing file means no synonyms of the editors'. The file's
format is described in ``indexer/synonyms.py``.

The server's ``LiveSynonyms`` has ``base=True``: what it hands out is the
shipped base list with the editors' file added (``indexer.synonyms.with_base``),
so a corpus folder without the file (a crawled site's) searches with the base
list, and a broken file keeps the base list and the last good version of the
file. An empty ``SYNONYMS_FILE`` means no synonyms at all.

"The last good version" is one for all of a server's workers, not the last one
each happened to read: a worker that reads a new valid version saves its bytes
as the shared copy beside the index (``instance/index.synonyms-last-good.toml``;
written whole, fsynced and renamed into place), and a worker that finds the
file broken uses that copy, looking again each second while the file stays
broken, so a copy saved a moment later by another worker is taken too. Without
it, a worker that never read the version an editor checked would keep an older
one, and results would flip between requests. A server restarted on a broken
file uses the copy too; a removed file removes the copy (the last good version
is then none).
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from pathlib import Path

from indexer.mirror import write_atomically
from indexer.store import fsync_dir
from indexer.synonyms import Synonyms, SynonymsError, read_synonyms, with_base

CHECK_SECONDS = 1.0
LAST_GOOD_SUFFIX = ".synonyms-last-good.toml"

log = logging.getLogger(__name__)


def last_good_path(index_dir: str | os.PathLike) -> Path:
    """The workers' shared last good copy beside the index: ``instance/index`` ->
    ``instance/index.synonyms-last-good.toml``."""
    index = Path(index_dir)
    return index.with_name(index.name + LAST_GOOD_SUFFIX)


class LiveSynonyms:
    def __init__(self, path: Path | None, clock=time.monotonic, last_good: Path | None = None, base: bool = False):
        self.path = Path(path) if path else None
        self.last_good = Path(last_good) if last_good else None  # None: each worker keeps its own
        self.base = base  # hand out the base list with the file added (the server), or the file alone
        self._clock = clock
        self._lock = threading.Lock()
        self._checked = -CHECK_SECONDS
        self._seen: tuple[int, int] | None = None  # (mtime_ns, size) of the last file read, good or bad
        self._broken = False  # the file last read could not be used
        self._copy_seen: tuple[int, int] | None = None  # (mtime_ns, size) of the shared copy last looked at
        self._current: Synonyms | None = None  # the file's own
        self._in_use: Synonyms | None = None  # what searches use: with the base list, if ``base``

    def current(self) -> Synonyms | None:
        """The synonyms in use: re-read if the file changed since the last look."""
        if self.path is None:
            return None
        now = self._clock()
        if now - self._checked < CHECK_SECONDS:
            return self._in_use
        with self._lock:
            if now - self._checked >= CHECK_SECONDS:
                self._checked = now
                before = self._current
                self._refresh()
                if self._in_use is None or self._current is not before:
                    self._in_use = with_base(self._current) if self.base else self._current
            return self._in_use

    def _refresh(self) -> None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            if self._seen is not None:
                log.warning("synonyms: %s was removed; searching without its synonyms", self.path)
            self._seen, self._broken, self._current = None, False, None
            self._forget_last_good()
            return
        except OSError as error:
            log.error("synonyms: %s cannot be read (%s); using the last good version", self.path, error.strerror)
            return
        signature = (stat.st_mtime_ns, stat.st_size)
        if signature != self._seen:
            self._seen = signature
            self._read()
        if self._broken:
            self._take_last_good()

    def _read(self) -> None:
        """Read the changed file: a good version is used and saved for the other workers; a bad one is logged."""
        try:
            self._current, self._broken = read_synonyms(self.path), False
        except SynonymsError as error:
            self._broken = True
            self._copy_seen = None  # look at the shared copy now
            shared = self.last_good is not None and os.path.isfile(self.last_good)
            kept = "the last good version" if shared or self._current is not None else "none of its synonyms"
            log.error("synonyms: %s; using %s", error, kept)
            return
        self._save(self._current)

    def _save(self, synonyms: Synonyms) -> None:
        """The bytes just read as the shared copy, if they are still the file's and the copy holds others."""
        if self.last_good is None:
            return
        try:
            raw = self.path.read_bytes()
            if hashlib.sha1(raw).hexdigest() != synonyms.fingerprint:
                return  # changed since: the next look reads and saves the newer version
            if self.last_good.is_file() and self.last_good.read_bytes() == raw:
                return
            write_atomically(self.last_good, raw)
            fsync_dir(self.last_good.parent)
        except OSError as error:
            log.error("synonyms: the last good copy %s cannot be written (%s)", self.last_good, error.strerror)

    def _forget_last_good(self) -> None:
        """No file, no synonyms: the shared copy goes too, so a broken file made later does not bring it back."""
        if self.last_good is None or not self.last_good.exists():  # none: nothing to say (a read-only folder)
            return
        try:
            self.last_good.unlink(missing_ok=True)
        except OSError as error:
            log.error("synonyms: the last good copy %s cannot be removed (%s)", self.last_good, error.strerror)

    def _take_last_good(self) -> None:
        """While the file is broken: the shared copy, whenever it changed since the last look."""
        if self.last_good is None:
            return
        try:
            stat = os.stat(self.last_good)
            signature = (stat.st_mtime_ns, stat.st_size)
            if signature == self._copy_seen:
                return
            self._copy_seen = signature
            raw = self.last_good.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            log.error("synonyms: the last good copy %s cannot be read (%s)", self.last_good, error.strerror)
            return
        if self._current is not None and hashlib.sha1(raw).hexdigest() == self._current.fingerprint:
            return
        try:
            self._current = read_synonyms(self.last_good)
        except SynonymsError as error:
            log.error("synonyms: the last good copy is not usable (%s)", error)
