"""Watch the corpus folder and update the index when it changes.

Polling, not OS notifications: it works the same on every file system
(network shares, containers) and needs no extra package. Every ``interval``
seconds the folder's pages and data files are listed with their size and
modification time; a change starts a quiet period, and the update runs once
nothing has changed for ``quiet`` seconds, so a burst of saves is one update.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from .corpus import KINDS_FILE, OVERRIDES_FILE, find_pages


def snapshot(corpus_dir: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every page and data file."""
    paths = find_pages(corpus_dir) if corpus_dir.is_dir() else []
    paths += [corpus_dir / name for name in (KINDS_FILE, OVERRIDES_FILE) if (corpus_dir / name).is_file()]
    state = {}
    for path in paths:
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed while listing
            continue
        state[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return state


def watch(
    corpus_dir: Path,
    on_change: Callable[[], None],
    interval: float = 1.0,
    quiet: float = 2.0,
    keep_going: Callable[[], bool] = lambda: True,
    clock=time.monotonic,
    sleep=time.sleep,
) -> None:
    """Call ``on_change`` after each burst of changes in the corpus folder, until ``keep_going`` is false."""
    seen = snapshot(corpus_dir)
    last_change = None
    while keep_going():
        sleep(interval)
        now_seen = snapshot(corpus_dir)
        if now_seen != seen:
            seen, last_change = now_seen, clock()
        elif last_change is not None and clock() - last_change >= quiet:
            last_change = None
            on_change()
