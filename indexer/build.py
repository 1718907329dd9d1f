"""Corpus folder -> a new index generation, all or nothing.

The pipeline, phase by phase:

1. **find**: every page in the corpus folder, in sorted order (two builds of
   the same corpus are identical);
2. **read**: bytes -> text (UTF-8, the BOM or declared encoding, else Windows-1252); a page that is
   binary, too large or undecodable is skipped and named;
3. **parse**: HTML -> sections (``parse.py``);
4. **describe**: sections -> documents with kind, region, actor (``describe.py``);
5. **write**: documents -> a fresh generation folder (``store.py``), with the
   manifest of what it was built from (``manifest.py``);
6. **publish**: the generation replaces the served one in one rename.

If anything fails before step 6, the index being served is untouched. Builds
and updates take the index's lock, so only one writes at a time.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from bs4 import UnicodeDammit
from bs4.dammit import EncodingDetector
from whoosh import index as whoosh_index

from . import gazetteer
from .corpus import CorpusData, CorpusError, find_pages, load_corpus_data
from .describe import Document, OverrideError, describe_page
from .manifest import Manifest, PageRecord, analysis_fingerprint, corpus_data_hash, file_sha256
from .parse import PageError, parse_page
from .schema import make_schema, title_key
from .store import IndexMissing, IndexStore

MAX_PAGE_BYTES = 5 * 1024 * 1024

#: A page that is not UTF-8 and declares no encoding is read as the legacy Western
#: encoding Swedish sites used. Never a statistical guess: with ``charset-normalizer``
#: installed (``requests`` brings it), BeautifulSoup would read short Latin-1 pages
#: as Central European ("Åre" -> "Ĺre").
LEGACY_ENCODING = "windows-1252"


class BuildError(Exception):
    """The build cannot produce an index; the served one is left as it was."""


@dataclass(frozen=True)
class Skipped:
    page: str
    reason: str


@dataclass(frozen=True)
class History:
    """What the previous generation knew about a section."""

    hash: str
    first_indexed: float
    changed: float


@dataclass
class BuildReport:
    pages: dict[str, PageRecord] = field(default_factory=dict)  # the pages read, by name
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def regions(self) -> Counter:
        return Counter(document.region for document in self.documents)


def build(corpus_dir: Path, index_dir: Path, progress=None) -> BuildReport:
    """Build the whole index from the corpus into a new generation and publish it."""
    store = IndexStore(index_dir)
    with store.run("build") as summary:
        report = build_locked(corpus_dir, store, progress)
        summary.update(pages=len(report.pages), sections=len(report.documents), skipped=len(report.skipped))
        return report


def build_locked(corpus_dir: Path, store: IndexStore, progress=None) -> BuildReport:
    """``build``, for a caller that already holds the store's lock."""
    report = read_corpus(corpus_dir)
    report.notes.extend(store.clean())
    previous = store.manifest()
    now = time.time()
    partial = store.new_generation()
    write_documents(partial, report.documents, read_history(store), now=now, progress=progress)
    baseline = previous.baseline if previous else now
    Manifest(analysis_fingerprint(), corpus_data_hash(corpus_dir), baseline, report.pages).write(partial)
    store.publish(partial)
    return report


def read_corpus(corpus_dir: Path) -> BuildReport:
    """Phases find, read, parse and describe: every document the corpus holds."""
    pages = find_pages(corpus_dir)
    if not pages:
        raise CorpusError(f"no pages (*.html) in the corpus folder {corpus_dir}")
    corpus = load_corpus_data(corpus_dir)
    report = read_pages(corpus_dir, pages, corpus)
    if not report.documents:
        raise BuildError("no page could be indexed: " + "; ".join(
            f"{s.page}: {s.reason}" for s in report.skipped))
    known = {document.id for document in report.documents}
    for section_id in sorted(set(corpus.overrides) - known):
        report.notes.append(f"overrides.toml names a section that does not exist: {section_id}")
    return report


def read_pages(corpus_dir: Path, pages: list[Path], corpus: CorpusData) -> BuildReport:
    """Read, parse and describe some pages; a page that cannot be read is skipped and named."""
    report = BuildReport()
    for path in pages:
        name = page_name(corpus_dir, path)
        try:
            documents = _documents_of(path, name, corpus)
        except (PageError, OSError) as error:
            report.skipped.append(Skipped(name, str(error)))
            continue
        report.documents.extend(documents)
        report.pages[name] = PageRecord(file_sha256(path), tuple(d.id for d in documents))
    return report


def page_name(corpus_dir: Path, path: Path) -> str:
    return path.relative_to(corpus_dir).as_posix()


def _documents_of(path: Path, name: str, corpus: CorpusData) -> list[Document]:
    page = parse_page(read_page(path), name, corpus.sites)
    if page.canonical_url is None and name in corpus.urls:  # a crawled page: the URL it was fetched from
        page = replace(page, canonical_url=corpus.urls[name])
    try:
        return describe_page(page, corpus, gazetteer.load())
    except OverrideError as error:
        raise CorpusError(str(error)) from None


def read_page(path: Path) -> str:
    """A page's text, decoded by its declared or detected encoding."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise PageError(f"larger than {MAX_PAGE_BYTES // 2**20} MB ({size // 2**20} MB)")
    return decode_page(path.read_bytes())


def decode_page(data: bytes) -> str:
    """A page's bytes as text: UTF-8, else the encoding it declares, else ``LEGACY_ENCODING``."""
    if b"\x00" in data[:4096]:
        raise PageError("a binary file, not an HTML page")
    declared = EncodingDetector.find_declared_encoding(data, is_html=True)
    text = UnicodeDammit(data, ["utf-8", declared or LEGACY_ENCODING], is_html=True).unicode_markup
    if text is None:
        raise PageError("the encoding cannot be recognised")
    return text


def read_history(store: IndexStore, ids: set[str] | None = None) -> dict[str, History]:
    """Hash and dates of sections in the served generation (all, or those in ``ids``)."""
    try:
        ix = store.open()
    except IndexMissing:
        return {}
    with ix.searcher() as searcher:
        if ids is None:
            stored = searcher.all_stored_fields()
        else:
            stored = (searcher.document(id=section_id) for section_id in sorted(ids))
        return {
            fields["id"]: History(fields["hash"], fields["first_indexed"], fields["changed"])
            for fields in stored if fields
        }


def index_fields(document: Document, history: History | None, now: float) -> dict:
    """The fields the index holds for a document, with its first-seen and changed dates."""
    if history is None:
        first_indexed = changed = now
    else:
        first_indexed = history.first_indexed
        changed = history.changed if history.hash == document.content_hash else now
    return {
        "id": document.id,
        "page": document.page,
        "url": document.url,
        "title": document.title,
        "text": document.text,
        "contact": document.contact,
        "organisation": document.organisation,
        "kind": document.kind,
        "region": document.region,
        "regions": ",".join(document.regions),
        "published": document.published,
        "updated": document.updated,
        "actor": document.actor,
        "title_key": title_key(document.title),
        "hash": document.content_hash,
        "first_indexed": first_indexed,
        "changed": changed,
    }


def write_documents(folder: Path, documents: list[Document], history: dict[str, History],
                    now: float, schema=None, progress=None) -> None:
    """Write a complete index into an empty folder (the writer cancels on error)."""
    ix = whoosh_index.create_in(str(folder), schema or make_schema())
    with ix.writer(limitmb=128, compound=False) as writer:
        for n, document in enumerate(documents, 1):
            writer.add_document(**index_fields(document, history.get(document.id), now))
            if progress:
                progress(n, len(documents))
