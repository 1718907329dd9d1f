"""The corpus as a mirror of the site: where a crawled page is stored, and what is known about it.

Each page fetched by ``crawl`` is one file in the corpus folder, at a path made
from its URL: the host, then the URL's path, each part reduced to the
characters a section id may hold (ASCII letters, digits, ``-``, ``_``, ``.``)::

    https://tillvaxtverket.se/vara-program/stader.html  ->  tillvaxtverket.se/vara-program/stader.html
    https://tillvaxtverket.se/vara-program/             ->  tillvaxtverket.se/vara-program/index.html
    https://tillvaxtverket.se/om-oss                    ->  tillvaxtverket.se/om-oss.html
    http://127.0.0.1:8000/Nyheter/Två?sida=2            ->  127.0.0.1_8000/nyheter-<hash>/tva-q<hash>-<hash>.html

A part that had to change (case, å/ä/ö, spaces, a query) gets a short hash of
the original, so two URLs never share a file; a name Windows reserves (``con``,
``nul``, ...) gets ``_``. The path is safe on any file system and can never
leave the corpus folder; nor can a path read back from the manifest (someone
else may write it): a manifest that names a file outside the folder is
refused whole, before anything is removed or written.

What is known about each page is kept in one crawl manifest beside the pages,
``crawl-manifest.json``: for every URL its file, when it was fetched, and the
``ETag`` and ``Last-Modified`` the server sent (for the next crawl's
conditional requests); the redirects met on the way; and, while a crawl runs,
what it has found and done, so that an interrupted crawl resumes where it
stopped. robots.txt and the sitemaps are kept too (in the hidden folder
``.crawl-cache/``, never indexed), so that they are asked for conditionally as
well: an unchanged site answers the whole crawl with 304s. The indexer reads
the manifest for one thing only: the URL of a page that names no
``<link rel="canonical">``, or names one the crawl saw gone (404/410, or removed
as no longer listed: ``gone``), so no result links to a dead address
(``page_urls``). Every write is
atomic (a temporary file, then a rename).

A crawl that finds no manifest where an earlier crawl ran (its cache is there:
a damaged manifest was removed) adopts the files in its hosts' folders whose
names ``page_path`` could give (``adopt``): they are the pages of a crawl whose
manifest was lost, and the ones no URL is stored at again are removed like pages
no longer listed. The first crawl of a corpus adopts nothing: its files are an
editor's, however they are named.

Every URL is kept in its normal form (``urls.py``), so a page is found under any
spelling of its URL. A manifest written before URLs were normalised is read in
the normal form (and written so by the next crawl); where it stored one page
twice, under two spellings (the webhook named it in another), the copy fetched
last is the page and the other file is adopted: a crawl of the site removes it,
and so does a crawl that fetches the page (stored, unchanged or removed). While a crawl
runs, the stored copy of a page it overwrites can be set aside (a hard link in
``.crawl-cache/before/``) and put back, for the guard against outage pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .urls import normal_url

CRAWL_MANIFEST = "crawl-manifest.json"
CACHE_FOLDER = ".crawl-cache"  # robots.txt and sitemaps, kept for conditional requests (hidden: never indexed)
SET_ASIDE_FOLDER = f"{CACHE_FOLDER}/before"  # stored copies a crawl overwrote, until it ends (``set_aside``)
FORMAT = 1

#: A path part as a section id may hold it (see ``webapp/params.py``).
_SAFE_PART = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")
_UNSAFE_RUN = re.compile(r"[^a-z0-9_.-]+")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
STORED_SUFFIX = ".html"  # every stored page is a .html file, whatever its URL ends with
FOLDER_PAGE = "index" + STORED_SUFFIX  # a folder's own page: ``/vara-program/`` -> ``vara-program/index.html``
MAX_PART_CHARS = 80


class MirrorError(ValueError):
    """A crawl manifest that cannot be read."""


# -- URL -> file ----------------------------------------------------------------


def page_path(url: str) -> str:
    """The corpus-relative file (with "/" separators) for a page's URL."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/")[1:]] or [""]
    *folders, leaf = segments
    leaf = (leaf or "index").removesuffix(STORED_SUFFIX)
    if parts.query:
        leaf = f"{leaf}-q{_hash(parts.query)}"
    return "/".join(
        [host_folder(parts.netloc), *(_part(f) for f in folders if f not in ("", ".")), _part(leaf) + STORED_SUFFIX]
    )


def url_path(stored: str) -> str:
    """The URL path a stored file's path after its host folder stands for: a folder's own page is the folder
    (``nyheter/index.html`` -> ``nyheter/``, ``index.html`` -> ``""``), any other file itself."""
    if stored == FOLDER_PAGE or stored.endswith("/" + FOLDER_PAGE):
        return stored.removesuffix(FOLDER_PAGE)
    return stored


def host_folder(host: str) -> str:
    """The folder of a host's pages (``name[:port]``)."""
    return _part(host.lower().replace(":", "_"))


def crawl_shaped(path: str) -> bool:
    """Whether a corpus-relative path is one ``page_path`` can give: safe parts, a ``.html`` file."""
    parts = path.split("/")
    return len(parts) > 1 and path.endswith(STORED_SUFFIX) and all(_SAFE_PART.fullmatch(part) for part in parts)


def _part(text: str) -> str:
    """One path part reduced to safe characters, with a hash of the original if it had to change."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    safe = re.sub(r"\.{2,}", ".", _UNSAFE_RUN.sub("-", folded)).strip(".-")[:MAX_PART_CHARS].strip(".-") or "_"
    if safe.split(".", 1)[0] in _WINDOWS_RESERVED:
        safe = "_" + safe
    if safe != text or not _SAFE_PART.fullmatch(safe):
        safe = f"{safe}-{_hash(text)}"
    return safe


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


# -- The crawl manifest -----------------------------------------------------------


@dataclass
class Record:
    """One stored page."""

    path: str  # in the corpus folder, "/" separators
    fetched: str  # ISO 8601, UTC: when the server last answered for it (200 or 304)
    etag: str | None = None
    last_modified: str | None = None

    def validators(self) -> dict[str, str]:
        """The headers of a conditional request for this page."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass
class Mirror:
    corpus: Path
    pages: dict[str, Record] = field(default_factory=dict)  # URL -> record
    redirects: dict[str, str] = field(default_factory=dict)  # URL -> the URL it redirects to
    run: dict | None = None  # an unfinished crawl: its seeds, the URLs found and done
    resources: dict[str, Record] = field(default_factory=dict)  # robots.txt and sitemaps, in CACHE_FOLDER
    not_html: dict[str, Record] = field(default_factory=dict)  # URLs that answered with a file, not a page
    adopted: set[str] = field(default_factory=set)  # files of a crawl whose manifest was lost (``adopt``)
    noindex: dict[str, None] = field(default_factory=dict)  # pages that asked not to be indexed (links followed)
    gone: dict[str, None] = field(default_factory=dict)  # URLs seen answer 404/410 or removed as no longer listed
    fresh: bool = False  # no manifest was found
    copies: dict[str, list[str]] = field(default_factory=dict)  # a page's URL -> the files of its other spellings
    _aside: dict[str, tuple] = field(default_factory=dict, repr=False)  # ``set_aside``: record, path, adopted, copy

    @classmethod
    def load(cls, corpus: Path) -> Mirror:
        data = _read(corpus)
        if data is None:
            return cls(corpus, fresh=True)
        try:
            pages, copies = _one_a_page({url: Record(**record) for url, record in data["pages"].items()})
            resources, not_html = (
                {url: Record(**record) for url, record in data.get(name, {}).items()}
                for name in ("resources", "not_html")
            )
            adopted = set(data.get("adopted", [])) | {path for paths in copies.values() for path in paths}
            outside = [(url, r.path) for url, r in (*pages.items(), *resources.items()) if not inside(corpus, r.path)]
            outside += [("a file adopted", path) for path in adopted if not inside(corpus, path)]
        except (KeyError, TypeError, AttributeError) as error:
            raise MirrorError(
                f"{CRAWL_MANIFEST} in {corpus} is not a crawl manifest ({error}); remove it to crawl afresh"
            ) from None
        if outside:
            (url, path), more = outside[0], f" (and {len(outside) - 1} more)" if len(outside) > 1 else ""
            raise MirrorError(
                f"{CRAWL_MANIFEST} in {corpus} stores {url} outside the corpus folder, at {path!r}{more}; "
                "remove it to crawl afresh"
            )
        redirects = {normal_url(url): normal_url(to) for url, to in data.get("redirects", {}).items()}
        not_html = {normal_url(url): record for url, record in not_html.items()}
        noindex = dict.fromkeys(map(normal_url, data.get("noindex", [])))
        mirror = cls(corpus, pages, redirects, _normal_run(data.get("run")), resources, not_html, adopted, noindex)
        mirror.gone = dict.fromkeys(map(normal_url, data.get("gone", [])))
        mirror.copies = copies
        return mirror

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "pages": {url: asdict(r) for url, r in sorted(self.pages.items())},
            "redirects": dict(sorted(self.redirects.items())),
            "run": self.run,
            "resources": {url: asdict(r) for url, r in sorted(self.resources.items())},
            "not_html": {url: asdict(r) for url, r in sorted(self.not_html.items())},
            "noindex": sorted(self.noindex),
            "adopted": sorted(self.adopted),
            "gone": sorted(self.gone),
        }
        write_atomically(self.corpus / CRAWL_MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode())

    def validators(self, url: str) -> dict[str, str]:
        """The headers of a conditional request for a page stored (or a file seen) before."""
        record = self.not_html.get(url) or (self.file(url) and self.pages[url])
        return record.validators() if record else {}

    def file(self, url: str) -> Path | None:
        """The stored copy of a page, if there is one on disk."""
        record = self.pages.get(url)
        path = self.corpus / record.path if record else None
        return path if path and path.is_file() else None

    def change(self, url: str, body: bytes) -> str:
        """What storing ``body`` for ``url`` would be: "new", "changed" or "unchanged" (the same bytes)."""
        old = self._stored_bytes(url)
        return "new" if old is None else "unchanged" if old == body else "changed"

    def store(self, url: str, body: bytes, fetched: str, etag: str | None, last_modified: str | None) -> str:
        """Store a page's body; returns "new", "changed" or "unchanged" (same bytes: the file is not touched)."""
        self.redirects.pop(url, None)
        self.not_html.pop(url, None)
        record = self.pages.get(url)
        path = record.path if record else self._free_path(url)
        old = self._stored_bytes(url)
        if old != body:
            write_atomically(self.corpus / path, body)
        self.pages[url] = Record(path, fetched, etag, last_modified)
        self.adopted.discard(path)
        self.noindex.pop(url, None)
        self.gone.pop(url, None)
        self._remove_copies(url)
        return "new" if old is None else "unchanged" if old == body else "changed"

    def _stored_bytes(self, url: str) -> bytes | None:
        record = self.pages.get(url)
        target = self.corpus / (record.path if record else self._free_path(url))
        return target.read_bytes() if target.is_file() else None

    def set_aside(self, url: str) -> None:
        """Keep the file a page is stored at (or would be: a file adopted) as it is, with its record, so that
        ``put_back`` can restore them after this crawl overwrites it (a hard link: no bytes are copied)."""
        record = self.pages.get(url)
        path = record.path if record else self._free_path(url)
        if url in self._aside or not (self.corpus / path).is_file():
            return
        kept = self.corpus / SET_ASIDE_FOLDER / hashlib.sha256(url.encode()).hexdigest()[:16]
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.unlink(missing_ok=True)
        try:
            os.link(self.corpus / path, kept)
        except OSError:  # a file system without hard links
            shutil.copyfile(self.corpus / path, kept)
        self._aside[url] = (record, path, path in self.adopted, kept)

    def put_back(self, url: str) -> None:
        """The page as it was before this crawl stored it: the file set aside and its record, or no page at all."""
        if url not in self._aside:
            self.remove(url)
            return
        record, path, adopted, kept = self._aside.pop(url)
        os.replace(kept, self.corpus / path)
        if record:
            self.pages[url] = record
        else:
            self.pages.pop(url, None)
        if adopted:
            self.adopted.add(path)

    def forget_set_aside(self) -> None:
        """The copies set aside are not needed (the crawl ended, or an earlier one was killed)."""
        shutil.rmtree(self.corpus / SET_ASIDE_FOLDER, ignore_errors=True)
        self._aside.clear()

    def touch(self, url: str, fetched: str) -> None:
        """The server said the page is unchanged (304)."""
        self.pages[url].fetched = fetched
        self._remove_copies(url)

    def crawled_before(self) -> bool:
        """Whether a crawl ran in this corpus before: it left its cache of robots.txt and sitemaps
        (``CACHE_FOLDER``). Without one, no file here is a crawl's, however it is named: the first crawl
        of a corpus once removed an editor's own page from a host folder as "a file of an earlier crawl"."""
        return (self.corpus / CACHE_FOLDER).is_dir()

    def adopt(self, hosts: Iterable[str]) -> None:
        """Take over the files in the hosts' folders that the crawl would have named, and no record names: the
        pages of a crawl whose manifest was lost. A URL stored at one makes it that URL's; the files left are
        removed like pages no longer listed (``remove`` takes their paths)."""
        named = {record.path for record in self.pages.values()}
        for host in hosts:
            for file in (self.corpus / host_folder(host)).rglob(f"*{STORED_SUFFIX}"):
                path = file.relative_to(self.corpus).as_posix()
                if file.is_file() and crawl_shaped(path) and path not in named:
                    self.adopted.add(path)

    def remove(self, url: str) -> bool:
        """Remove a stored page and its record (or a file adopted, by its path); False if there was none."""
        self._remove_copies(url)
        record = self.pages.pop(url, None)
        if record is None and url in self.adopted:
            self.adopted.discard(url)
            record = Record(url, "")
        if record is None:
            return False
        path = self.corpus / record.path
        path.unlink(missing_ok=True)
        for folder in path.parents:  # folders the crawl made and left empty
            if folder == self.corpus or not folder.is_relative_to(self.corpus) or any(folder.iterdir()):
                break
            folder.rmdir()
        return True

    def _remove_copies(self, url: str) -> None:
        """The files a manifest written before URLs were normalised stored the page at under other spellings."""
        for path in self.copies.pop(url, []):
            self.remove(path)

    def cached(self, url: str) -> tuple[Record, bytes] | None:
        """A robots.txt or sitemap kept from an earlier crawl, with its validators."""
        record = self.resources.get(url)
        try:
            return (record, (self.corpus / record.path).read_bytes()) if record else None
        except OSError:
            return None

    def cache(self, url: str, body: bytes, fetched: str, etag: str | None, last_modified: str | None) -> None:
        """Keep a robots.txt or sitemap for the next crawl's conditional request (if it can make one)."""
        if not (etag or last_modified):
            return
        path = f"{CACHE_FOLDER}/{hashlib.sha256(url.encode()).hexdigest()[:16]}"
        write_atomically(self.corpus / path, body)
        self.resources[url] = Record(path, fetched, etag, last_modified)

    def _free_path(self, url: str) -> str:
        """The page's path, unless another URL's page is stored there (``/a`` and ``/a.html``)."""
        path = page_path(url)
        taken = {record.path for record in self.pages.values()}
        if path in taken:
            stem, suffix = path.rsplit(".", 1)
            path = f"{stem}-{_hash(url)}.{suffix}"
        if not inside(self.corpus, path):
            raise MirrorError(f"{url} would be stored outside the corpus folder")  # cannot happen; never trust it
        return path


def _one_a_page(pages: dict[str, Record]) -> tuple[dict[str, Record], dict[str, list[str]]]:
    """The pages by the normal form of their URLs; where two spellings name one page, the copy fetched last
    is the page, and the others' files are its copies."""
    normal: dict[str, Record] = {}
    copies: dict[str, list[str]] = {}
    for url, record in sorted(pages.items(), key=lambda item: (item[1].fetched, item[0]), reverse=True):
        key = normal_url(url)
        if key in normal:
            copies.setdefault(key, []).append(record.path)
        else:
            normal[key] = record
    return normal, copies


def _normal_run(run: dict | None) -> dict | None:
    """An interrupted crawl's state with its URLs in the normal form (left as it was written if they cannot
    be read)."""
    try:
        return {
            **run,
            "found": [normal_url(url) for url in run.get("found", [])],
            "done": [normal_url(url) for url in run.get("done", [])],
            "removals": {normal_url(url): why for url, why in run.get("removals", {}).items()},
        }
    except (TypeError, AttributeError):
        return run


def inside(corpus: Path, path: str) -> bool:
    """Whether a stored path names a file in the corpus folder: relative, and (links followed) neither
    the folder itself nor anything outside it."""
    if not isinstance(path, str) or not path or Path(path).is_absolute():
        return False
    root = corpus.resolve()
    target = (root / path).resolve()
    return target != root and target.is_relative_to(root)


def page_urls(corpus: Path) -> tuple[dict[str, str], frozenset[str]]:
    """Page file (corpus-relative, "/" separators) -> the URL it was crawled from; and the URLs the crawl saw
    gone (404/410, or removed as no longer listed), which are no page's address (``build._documents_of``)."""
    mirror = Mirror.load(corpus)
    return {record.path: url for url, record in mirror.pages.items()}, frozenset(mirror.gone)


def _read(corpus: Path) -> dict | None:
    path = corpus / CRAWL_MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise MirrorError(f"{CRAWL_MANIFEST} in {corpus} cannot be read ({error}); remove it to crawl afresh") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MirrorError(
            f"{CRAWL_MANIFEST} in {corpus} is not a crawl manifest of format {FORMAT}; remove it to crawl afresh"
        )
    return data


def write_atomically(path: Path, data: bytes) -> None:
    """Write a file so that a reader (or a crash) sees the old bytes or the new, never half.

    The temporary file is hidden (a leading dot), so the indexer never reads it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file behind
        raise
