"""Corpus folder -> a new index generation, all or nothing.

The pipeline, phase by phase:

1. **find**: every page in the corpus folder, in sorted order (two builds of
   the same corpus are identical);
2. **read**: bytes -> text (UTF-8, the BOM or declared encoding, else Windows-1252); a page that is
   binary, too large or undecodable is skipped and named;
3. **parse**: HTML -> sections (``parse.py``);
4. **describe**: sections -> documents with kind, region, actor (``describe.py``);
5. **collapse**: near-duplicates over the whole corpus -> one canonical section (``duplicates.py``);
6. **write**: documents -> a fresh generation folder (``store.py``), with the
   manifest of what it was built from (``manifest.py``);
7. **publish**: the generation replaces the served one in one rename.

Phases 2-4 and 6 run in worker processes, each on its own run of pages, one per
core for a large corpus (``parallel.py``); the build's report holds the
documents without their text, which stays in the worker that read it.

If anything fails before step 6, the index being served is untouched. A new
index that lacks most of the served one's pages (a corpus folder half copied) is
not written unless the operator says so (``removals.py``). Builds and updates
take the index's lock, so only one writes at a time.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import hashlib
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from functools import cmp_to_key
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import UnicodeDammit
from bs4.dammit import EncodingDetector
from whoosh import index as whoosh_index

from . import datafiles, gazetteer, parallel, written
from .corpus import CorpusData, CorpusError, find_pages, load_corpus_data, page_bytes
from .describe import Document, OverrideError, content_hash, describe_page, page_id
from .duplicates import Print, collapse, index_keys, keys_of, print_of
from .manifest import Manifest, PageRecord, analysis_fingerprint, corpus_data_hash
from .parse import PageError, PageWithoutText, parse_page
from .removals import HALF_COPIED, check_removals
from .schema import MUNICIPALITY_FIELD, make_schema, title_key
from .sites import page_rules
from .store import CLEANED, IndexMissing, IndexStore, read_index
from .urls import normal_url

#: Sections a page holds, roughly: to tell a corpus worth reading in parallel before reading it.
PAGE_SECTIONS_GUESS = 10

MAX_PAGE_BYTES = 5 * 1024 * 1024

#: A page that is not UTF-8 and declares no encoding is read as the legacy Western
#: encoding Swedish sites used. Never a statistical guess: with ``charset-normalizer``
#: installed (``requests`` brings it), BeautifulSoup would read short Latin-1 pages
#: as Central European ("Åre" -> "Ĺre").
LEGACY_ENCODING = "windows-1252"
BINARY_SNIFF_BYTES = 4096  # how much of a file tells text from binary


class BuildError(Exception):
    """The build cannot produce an index; the served one is left as it was."""


@dataclass(frozen=True)
class Skipped:
    page: str
    reason: str
    without_text: bool = False  # read, but it gives no section (``PageWithoutText``): nothing of it is kept


@dataclass(frozen=True)
class History:
    """What the previous generation knew about a section: the hashes of its content (``describe.CONTENT_FIELDS``)
    and of its labels (``LABEL_FIELDS``), computed from its stored fields, and its dates."""

    hash: str
    first_indexed: float
    changed: float
    labels: str = ""


#: The stored fields of a section that no editor writes in it: derived from tables (kind, region, actor type),
#: from the page's publisher (organisation), from the other pages (the copies found elsewhere) and from where it
#: stands (URL, context, breadcrumb trail). A change in one rewrites the section and keeps its dates: it is not
#: "ändrad".
LABEL_FIELDS = ("url", "organisation", "kind", "region", "regions", "actor", "also_at", "context", "trail")


def label_fields(document: Document) -> dict:
    """A document's ``LABEL_FIELDS`` as the index stores them."""
    stored = {"regions": ",".join(document.regions), "also_at": list(document.also_at)}
    return {name: stored.get(name, getattr(document, name)) for name in LABEL_FIELDS}


def labels_hash(fields) -> str:
    """A hash of the ``LABEL_FIELDS`` of a section's stored fields, or of a document's ``label_fields``."""
    data = "\x1f".join(str(fields.get(name, "")) for name in LABEL_FIELDS)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


@dataclass
class BuildReport:
    pages: dict[str, PageRecord] = field(default_factory=dict)  # the pages read, by name
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)  # listed, then deleted before they were read
    prints: dict[str, Print] = field(default_factory=dict)  # near-duplicate prints, by id, while collapsing

    @property
    def regions(self) -> Counter:
        return Counter(document.region for document in self.documents)

    def extend(self, other: BuildReport) -> BuildReport:
        """This report followed by ``other`` (another run of pages)."""
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if isinstance(mine, dict):
                mine.update(theirs)
            else:
                mine.extend(theirs)
        return self


def build(corpus_dir: Path, index_dir: Path, progress=None, allow_removals: bool = False) -> BuildReport:
    """Build the whole index from the corpus into a new generation and publish it (``allow_removals``:
    even if it lacks most of the served index's pages, ``removals.py``)."""
    store = IndexStore(index_dir)
    with store.run("build") as summary:
        report = build_locked(corpus_dir, store, progress, allow_removals)
        report.notes[:0] = summary.pop(CLEANED)
        summary.update(pages=len(report.pages), sections=len(report.documents), skipped=len(report.skipped))
        return report


def build_locked(corpus_dir: Path, store: IndexStore, progress=None, allow_removals: bool = False) -> BuildReport:
    """``build``, for a caller that already holds the store's lock."""
    pages, corpus = _corpus(corpus_dir)
    notes = store.clean()
    previous = store.manifest()
    now = time.time()
    try:
        history, guarded = stored_history(store), previous
    except IndexMissing:  # no index yet, or a damaged one (IndexUnreadable): nothing served to keep
        history, guarded = {}, None
    with _workers(corpus_dir, pages, corpus, history=history) as workers:
        report = _read_and_collapse(workers, corpus)
        if guarded is not None:  # pages gone from the corpus, or that cannot be read now
            dropped = set(guarded.pages) - set(report.pages)
            check_removals(len(dropped), len(guarded.pages), allow_removals, HALF_COPIED)
        report.notes.extend(notes)
        partial = store.new_generation()
        write_documents(partial, workers, now, progress=progress, total=len(report.documents))
    baseline = previous.baseline if previous else now
    Manifest(analysis_fingerprint(), corpus_data_hash(corpus_dir), baseline, report.pages).write(partial)
    store.publish(partial)
    return report


def read_corpus(corpus_dir: Path) -> BuildReport:
    """Phases find, read, parse and describe: every document the corpus holds."""
    pages, corpus = _corpus(corpus_dir)
    with _workers(corpus_dir, pages, corpus) as workers:
        report = _read_and_collapse(workers, corpus)
        report.documents = [document for run in workers.each(_own_documents) for document in run]
    return report


def _corpus(corpus_dir: Path) -> tuple[list[Path], CorpusData]:
    pages = find_pages(corpus_dir)
    if not pages:
        raise CorpusError(f"no pages (*.html) in the corpus folder {corpus_dir}")
    return pages, load_corpus_data(corpus_dir)


def _workers(corpus_dir: Path, pages: list[Path], corpus: CorpusData, **shared) -> parallel.Workers:
    """The processes that read, and then write, the pages: one per core for a large corpus."""
    return parallel.Workers(
        pages,
        parallel.workers_for(len(pages) * PAGE_SECTIONS_GUESS),
        corpus_dir=corpus_dir,
        corpus=corpus,
        collisions=id_collisions(page_name(corpus_dir, p) for p in pages),
        **shared,
    )


def _read_and_collapse(workers: parallel.Workers, corpus: CorpusData) -> BuildReport:
    """Each worker reads its pages (``_read_own``); near-duplicates are collapsed over all of them, and
    each worker keeps its own sections that remain. The report's documents come without their text."""
    report = functools.reduce(BuildReport.extend, workers.each(_read_own), BuildReport())
    report.documents = collapse(report.documents, canonical_preference(corpus), report.prints)
    report.prints = {}
    if not report.documents:
        raise BuildError("no page could be indexed: " + "; ".join(f"{s.page}: {s.reason}" for s in report.skipped))
    kept = {document.id: document for document in report.documents}
    copies = {doc_id: (d.also_at, d.also_pages) for doc_id, d in kept.items() if d.also_at or d.also_pages}
    workers.each(_keep_own, set(kept), copies)
    for section_id in sorted(set(corpus.overrides) - set(kept)):
        report.notes.append(f"overrides.toml names a section that does not exist: {section_id}")
    return report


def _read_own(state: dict) -> BuildReport:
    """In a worker: read its pages and keep their documents and prints; the report it sends back holds
    the documents without their text, and their prints."""
    report = read_pages(state["corpus_dir"], state["items"], state["corpus"], state["collisions"])
    state["documents"] = report.documents
    report.prints = state["prints"] = {document.id: print_of(document) for document in report.documents}
    report.documents = [replace(document, text="") for document in report.documents]
    return report


def _keep_own(state: dict, kept: set[str], copies: dict[str, tuple]) -> None:
    """In a worker: keep only its documents that are not copies, the canonical ones naming their copies."""
    state["documents"] = [
        replace(d, also_at=copies[d.id][0], also_pages=copies[d.id][1]) if d.id in copies else d
        for d in state["documents"]
        if d.id in kept
    ]


def _own_documents(state: dict) -> list[Document]:
    return state["documents"]


def canonical_preference(corpus: CorpusData):
    """The sort key that puts the copy to show first (the order is explained in ``duplicates.py``): a total
    order of the copies' addresses, which a corpus file's name decides only between copies at one URL."""
    legacy = page_rules().legacy_urls

    def host(document: Document) -> str | None:
        return urlsplit(document.url).netloc if "://" in document.url else None

    def compare(a: Document, b: Document) -> int:
        keys = [(-corpus.sites.for_host(host(d)).rank,) for d in (a, b)]
        if host(a) != host(b):  # two site generations: the one updated last is the live one
            keys = [
                (*k, bool(legacy.search(d.url)), -_ordinal(d.updated or d.published))
                for k, d in zip(keys, (a, b), strict=True)
            ]
        else:  # one site, two addresses: not a view of the page, the one the page names, the original
            keys = [
                (
                    *k,
                    bool(urlsplit(d.url).query),
                    bool(legacy.search(d.url)),
                    not d.named,
                    _ordinal(d.published) or 10**7,
                )
                for k, d in zip(keys, (a, b), strict=True)
            ]
        keys = [(*k, -urlsplit(d.url).path.count("/"), d.url, d.id) for k, d in zip(keys, (a, b), strict=True)]
        return (keys[0] > keys[1]) - (keys[0] < keys[1])

    return cmp_to_key(compare)


def _ordinal(day: str) -> int:
    return dt.date.fromisoformat(day).toordinal() if day else 0


def read_pages(
    corpus_dir: Path, pages: list[Path], corpus: CorpusData, collisions: dict[str, str] | None = None
) -> BuildReport:
    """Read, parse and describe some pages; a page that cannot be read, or gives no section, is skipped and named,
    and so is a page whose section ids another page's would be (``id_collisions``) or whose file name is not UTF-8.
    A page that vanished since it was listed is not a page any more (``vanished``)."""
    report = BuildReport()
    for path in pages:
        name = page_name(corpus_dir, path)
        if printable(name) != name:  # Whoosh and the manifest hold UTF-8 text only
            report.skipped.append(Skipped(printable(name), NAME_NOT_UTF8))
            continue
        if other := (collisions or {}).get(name):
            report.skipped.append(
                Skipped(name, f"its section ids would be those of {other} ({page_id(name)}/…): rename one of the two")
            )
            continue
        try:
            data = page_bytes(corpus_dir, path, MAX_PAGE_BYTES)
            documents = _documents_of(data, name, corpus)
        except FileNotFoundError:  # deleted while the run went on: a removed page
            report.vanished.append(name)
            continue
        except (PageError, OSError) as error:
            report.skipped.append(Skipped(name, str(error), isinstance(error, PageWithoutText)))
            continue
        report.documents.extend(documents)
        report.pages[name] = PageRecord(hashlib.sha256(data).hexdigest(), tuple(d.id for d in documents))
    return report


def id_collisions(names) -> dict[str, str]:
    """Pages whose section ids would be the same (``dup.html`` and ``dup.htm``, or
    ``Malmö.html`` and ``malmo.html``): each, with the first other page it collides with."""
    by_id: dict[str, list[str]] = {}
    for name in names:
        by_id.setdefault(page_id(name), []).append(name)
    return {
        name: next(other for other in group if other != name)
        for group in by_id.values()
        if len(group) > 1
        for name in group
    }


def page_name(corpus_dir: Path, path: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()


#: Why a page whose file name is not UTF-8 (a Latin-1 "Gävle.html" copied from an old share or zip) is skipped.
NAME_NOT_UTF8 = "the file name is not UTF-8 (a name from an old Windows share or zip): rename it"


def printable(name: str) -> str:
    """A page's name as text that can be printed and stored: the bytes of a name that is not UTF-8, which
    Python keeps as lone surrogates ("G\\udce4vle.html"), each shown as U+FFFD ("G\ufffdvle.html")."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _documents_of(data: bytes, name: str, corpus: CorpusData) -> list[Document]:
    found_at = corpus.urls.get(name)  # a crawled page: the URL it was fetched from
    page = parse_page(decode_page(data), name, corpus.sites, found_at)
    if found_at and (page.canonical_url is None or normal_url(page.canonical_url) in corpus.gone):
        page, named = replace(page, canonical_url=found_at), False
    else:  # it names its address: was it found there, or is it a copy of the page there (a list's page 2)?
        named = page.canonical_url is not None and normal_url(found_at or page.canonical_url) == normal_url(
            page.canonical_url
        )
    try:
        documents = describe_page(page, corpus, gazetteer.load())
    except OverrideError as error:
        raise CorpusError(str(error)) from None
    return [replace(document, named=True) for document in documents] if named else documents


#: Byte order marks of the encodings whose text holds NUL bytes (UTF-32 first: its LE mark starts like UTF-16's).
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_page(data: bytes) -> str:
    """A page's bytes as text: UTF-16 or UTF-32 by its byte order mark, else UTF-8, else the
    encoding it declares (as a browser reads its label: ``web_encoding``), else ``LEGACY_ENCODING``."""
    if len(data) > MAX_PAGE_BYTES:
        raise PageError(f"larger than {MAX_PAGE_BYTES // 2**20} MB")
    if wide := _wide_encoding(data):
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            raise PageError(f"not valid {wide.upper()}") from None
    if _binary(data[:BINARY_SNIFF_BYTES]):
        raise PageError("a binary file, not an HTML page")
    data = data.replace(b"\x00", b"")  # a stray NUL in a page's text is no character of it
    try:
        return data.decode("utf-8-sig")  # most pages: read once, not sniffed (a byte order mark dropped)
    except UnicodeDecodeError:
        pass
    if (text := _mostly_utf8(data)) is not None:
        return text
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    if (encoding := web_encoding(declared)) in _c1_encodings():
        return _decoded_as_browsers_do(data, encoding)
    text = UnicodeDammit(data, ["utf-8", encoding], is_html=True).unicode_markup
    if text is None:
        raise PageError("the encoding cannot be recognised")
    return text


def web_encoding(label: str | None) -> str:
    """The encoding a page's declared ``label`` names as browsers read it (``encodings.toml``, the WHATWG
    Encoding Standard): "iso-8859-1", "latin1" and "us-ascii" are windows-1252; no label, ``LEGACY_ENCODING``."""
    if not label:
        return LEGACY_ENCODING
    label = label.strip().lower()
    return _web_labels().get(label, label)


@functools.cache
def _web_labels() -> dict[str, str]:
    labels = datafiles.toml("encodings.toml")["labels"]
    return {label: encoding for encoding, names in labels.items() for label in names}


@functools.cache
def _c1_encodings() -> frozenset[str]:
    """The single-byte encodings a page is read in as a browser reads it, byte for byte (``encodings.toml``)."""
    return frozenset(datafiles.toml("encodings.toml")["c1_bytes"])


def _decoded_as_browsers_do(data: bytes, encoding: str) -> str:
    """``data`` in a single-byte ``encoding``, a byte 0x80-0x9F that names no character in it read as the control
    character U+0080-U+009F and any other such byte as U+FFFD, as the WHATWG Encoding Standard reads them: one
    undefined byte no longer sends the whole page to another encoding."""
    text = data.decode(encoding, errors="surrogateescape")
    return _STRAY_BYTES.sub(lambda run: "".join(_c1(char) for char in run.group()), text)


def _c1(stray: str) -> str:
    byte = ord(stray) - 0xDC00
    return chr(byte) if byte < 0xA0 else "\ufffd"


def _binary(head: bytes) -> bool:
    """Whether a file's first bytes are not text: more than one in a hundred is a control
    character (not a tab, line break or form feed). An image or a PDF stream has one in ten;
    an HTML page with a stray NUL pasted in has one in thousands, and is read without it."""
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls * 100 > len(head)


_STRAY_BYTES = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as ``surrogateescape`` keeps them
_BEYOND_ASCII = re.compile("[^\x00-\x7f]+")


def _mostly_utf8(data: bytes) -> str | None:
    """A page written in UTF-8 with a few bytes of ``LEGACY_ENCODING`` pasted in (an en dash
    ``\x96`` from a word processor): UTF-8, each stray byte read in the legacy encoding. Read
    whole in the legacy encoding, its "ö" would be "Ã¶" and no word with å, ä or ö would be
    found. None for valid UTF-8 (read as usual) and for a page with fewer UTF-8 characters
    beyond ASCII than stray bytes: a page in a legacy encoding is read as it declares."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = sum(len(run) for run in _STRAY_BYTES.findall(text))
    letters = sum(len(run) for run in _BEYOND_ASCII.findall(text)) - strays
    if not strays or letters < strays:
        return None
    return _STRAY_BYTES.sub(lambda run: _legacy(run.group()), text)


def _legacy(stray: str) -> str:
    return stray.encode("utf-8", errors="surrogateescape").decode(LEGACY_ENCODING, errors="replace")


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by the byte order mark, or (UTF-16 without one) by a page that
    starts with "<" as two bytes, one of them NUL."""
    for bom, encoding in WIDE_BOMS:
        if data.startswith(bom):
            return encoding
    if data[:2] == b"<\x00":
        return "utf-16-le"
    if data[:2] == b"\x00<":
        return "utf-16-be"
    return None


def stored_history(store: IndexStore, ids: set[str] | None = None) -> dict[str, History]:
    """Hash and dates of sections in the served generation (all, or those in ``ids``); IndexMissing
    when there is none, IndexUnreadable when it cannot be read (a damaged segment file fails only
    once its searcher opens or its stored fields are read)."""
    ix = store.open()

    def read() -> dict[str, History]:
        with ix.searcher() as searcher:
            if ids is None:
                stored = searcher.all_stored_fields()
            else:
                stored = (searcher.document(id=section_id) for section_id in sorted(ids))
            return {
                fields["id"]: History(
                    content_hash(fields), fields["first_indexed"], fields["changed"], labels_hash(fields)
                )
                for fields in stored
                if fields
            }

    return read_index(read, f"the index at {store.path} is unreadable")


def index_fields(document: Document, history: History | None, now: float, dupkeys: list[str] | None = None) -> dict:
    """The fields the index holds for a document, with its first-seen and changed dates
    (``dupkeys``: its near-duplicate keys, when they are known already)."""
    if history is None:
        first_indexed = changed = now
    else:
        first_indexed = history.first_indexed
        changed = history.changed if history.hash == document.content_hash else now
    return {
        "id": document.id,
        "page": document.page,
        "title": document.title,
        "text": document.text,
        "contact": document.contact,
        "lang": document.lang,
        MUNICIPALITY_FIELD: document.municipality or None,  # none: no term
        **label_fields(document),
        "also_pages": ",".join(document.also_pages),
        "dupkeys": " ".join(keys_of(document) if dupkeys is None else dupkeys),
        "published": document.published,
        "updated": document.updated,
        "title_key": title_key(document.title),
        "first_indexed": first_indexed,
        "changed": changed,
    }


def write_documents(folder: Path, workers: parallel.Workers, now: float, schema=None, progress=None, total=0) -> None:
    """Write a complete index of the documents the workers hold into an empty folder: one segment
    per worker, committed only when all are written (``parallel.py``)."""
    whoosh_index.create_in(str(folder), schema or make_schema())
    parallel.commit_segments(
        folder, workers.each(_write_own, folder, now, len(workers.states), progress=progress, total=total)
    )
    written.merge_parts(folder)


def write_index(folder: Path, documents: list[Document], history: dict[str, History], now: float, schema=None) -> None:
    """``write_documents`` for documents at hand (benchmarks)."""
    with parallel.Workers(documents, parallel.workers_for(len(documents)), history=history) as workers:
        write_documents(folder, workers, now, schema)


def _write_own(state: dict, folder: Path, now: float, workers: int):
    """In a worker: write its documents (those it read, else its run of ``items``) as one segment,
    letting go of each once it is written (the segment's final sort needs the memory), and its
    part of the table of words as written."""
    history, prints = state["history"], state.pop("prints", {})

    counts = Counter()  # the words as written of the sections written (``written.py``)

    def fields_of(document: Document) -> dict:
        found = prints.pop(document.id, None)
        counts.update(written.words_of(document))
        return index_fields(document, history.get(document.id), now, index_keys(found) if found else None)

    def counted(documents: Iterable[Document]) -> Iterator[Document]:
        yield from documents
        written.write_part(folder, counts)  # before the segment's final sort
        counts.clear()

    documents = state.pop("documents", state["items"])
    return parallel.write_segment(folder, counted(parallel.released(documents)), fields_of, state["tick"], workers)
