"""The corpus folder: its pages and the data kept with them.

A corpus is a folder of HTML pages (any depth; hidden folders are skipped) and
two optional TOML files beside them:

* ``kinds.toml``: which group headings name which kind of section, and
  ``[[kind]]`` rules of the corpus's own, tried before ``kinds.py``'s defaults;
* ``overrides.toml``: corrections to a section's derived fields, by section id;
* ``sites/<host>.toml``: a site's own page reading rules (``sites.py``);
* ``crawl-manifest.json``, written by ``crawl``: the URL each crawled page was
  fetched from, the page's address when it names no canonical link (``mirror.py``).
"""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import publishers
from .kinds import KindRule, KindRulesError, default_kind, default_rules, read_rules
from .mirror import MirrorError, page_urls
from .sites import SiteRulesError, Sites, load_sites

PAGE_SUFFIXES = (".html", ".htm")
KINDS_FILE = "kinds.toml"
OVERRIDES_FILE = "overrides.toml"
OVERRIDABLE = ("region", "regions", "actor", "kind", "contact")


class CorpusError(ValueError):
    """A corpus folder, or a data file in it, that cannot be used."""


@dataclass(frozen=True)
class CorpusData:
    default_kind: str = field(default_factory=default_kind)  # a page no rule names (kind_rules.toml)
    kinds: dict[str, str] = field(default_factory=dict)  # group heading -> kind
    overrides: dict[str, dict] = field(default_factory=dict)  # section id -> fields
    sites: Sites = field(default_factory=Sites)  # each site's page reading rules
    urls: dict[str, str] = field(default_factory=dict)  # page -> the URL it was crawled from
    gone: frozenset[str] = frozenset()  # URLs the crawl saw gone: never a page's address
    kind_rules: tuple[KindRule, ...] = field(default_factory=default_rules)  # page families -> kinds

    def kind_of(self, group: str | None, page_kind: str | None = None) -> str:
        """A section's kind: its group heading's, else its page's, else the default."""
        if group and group in self.kinds:
            return self.kinds[group]
        return page_kind or self.default_kind


class UnsafePage(OSError):
    """A page name that is not a page to read: a link out of the corpus, a link loop, a FIFO or a device."""


LINK_LOOP = "a symbolic link that leads back to itself (a loop): not read"


def check_corpus(corpus_dir: Path) -> None:
    """CorpusError, naming where it was looked for, if the corpus folder is not there (a command run from
    another folder than the deployment's)."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir.absolute()}")


def find_pages(corpus_dir: Path) -> list[Path]:
    """Every page in the corpus, sorted so that two builds see the same order.

    Anything named like a page that is not a folder is listed, so that a link
    out of the corpus or a FIFO is skipped *by name* when read (``page_bytes``)."""
    check_corpus(corpus_dir)
    return sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.suffix.lower() in PAGE_SUFFIXES
        and not path.is_dir()
        and not any(part.startswith(".") for part in path.relative_to(corpus_dir).parts)
    )


def page_bytes(corpus_dir: Path, path: Path, limit: int) -> bytes:
    """A page's bytes (at most ``limit`` + 1), if it is a regular file inside the corpus folder.

    A link may point to another file in the corpus, never out of it (the
    system's password file is not a page). The file is opened without
    following a link swapped in meanwhile and without blocking on a FIFO, and
    checked to be a regular file once open. FileNotFoundError: it vanished.
    """
    try:
        real = path.resolve()
        if not real.is_relative_to(corpus_dir.resolve()):
            raise UnsafePage("a link to a file outside the corpus folder: not read")
        descriptor = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except (RuntimeError, OSError) as error:  # a loop: Python 3.11's resolve says RuntimeError, open says ELOOP
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            raise UnsafePage(LINK_LOOP) from None
        raise
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise UnsafePage("not a regular file (a FIFO, socket or device): not read")
        return file.read(limit + 1)


def load_corpus_data(corpus_dir: Path) -> CorpusData:
    kinds = _read_toml(corpus_dir / KINDS_FILE)
    overrides = _read_toml(corpus_dir / OVERRIDES_FILE)
    for section_id, fields in overrides.items():
        if not isinstance(fields, dict) or not set(fields) <= set(OVERRIDABLE):
            raise CorpusError(f"{OVERRIDES_FILE}: [{section_id}] may only set {', '.join(OVERRIDABLE)}")
    group_headings = kinds.get("group_headings", {})
    if not all(isinstance(v, str) for v in group_headings.values()):
        raise CorpusError(f"{KINDS_FILE}: every group heading must name a kind as text")
    try:
        sites = load_sites(corpus_dir)
        kind_rules = read_rules(kinds.get("kind", []), KINDS_FILE) + default_rules()
        publishers.table()  # checked before any page is read
    except (SiteRulesError, KindRulesError, publishers.PublishersError) as error:
        raise CorpusError(str(error)) from None
    try:
        urls, gone = page_urls(corpus_dir)
    except MirrorError as error:
        raise CorpusError(str(error)) from None
    return CorpusData(
        default_kind=kinds.get("default") or default_kind(),
        kinds=dict(group_headings),
        overrides={key: dict(value) for key, value in overrides.items()},
        sites=sites,
        urls=urls,
        gone=gone,
        kind_rules=kind_rules,
    )


def _read_toml(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path.name}: {error}") from None
