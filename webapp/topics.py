"""Common topics: the searches a page that found nothing offers instead.

Editors own the list: ``topics.toml`` in the corpus folder (``CORPUS_DIR``),
``topics = ["bostäder", "näringsliv", …]``, shown in that order, at most
``MAX_TOPICS``. The file is read again when its modification time changes, so
an edit needs no restart. A missing file means no topics; a broken one is
logged once and shows none: the page that found nothing never becomes an error.
"""

from __future__ import annotations

import logging
import tomllib
from functools import lru_cache
from pathlib import Path

TOPICS_FILE = "topics.toml"
MAX_TOPICS = 8

log = logging.getLogger(__name__)


def common_topics(corpus_dir: str | Path) -> tuple[str, ...]:
    """The editors' topics, as searches to offer."""
    path = Path(corpus_dir) / TOPICS_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return ()
    return _read(path, stamp)


@lru_cache(maxsize=4)
def _read(path: Path, stamp: int) -> tuple[str, ...]:
    """One version of the file (``stamp`` is its modification time, so a change is read again)."""
    try:
        topics = tomllib.loads(path.read_text(encoding="utf-8")).get("topics")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        log.error("topics: %s cannot be read (%s); no common topics are shown", path, error)
        return ()
    if not isinstance(topics, list) or not all(isinstance(topic, str) and topic.strip() for topic in topics):
        log.error('topics: %s must hold topics = ["word", ...]; no common topics are shown', path)
        return ()
    return tuple(topic.strip() for topic in topics)[:MAX_TOPICS]
