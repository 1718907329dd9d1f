"""Corpus folder -> a new index generation, all or nothing.

The pipeline, phase by phase:

1. **find**: every page in the corpus folder, in sorted order (two builds of
   the same corpus are identical);
2. **read**: bytes -> text (the declared or detected encoding); a page that is
   binary, too large or undecodable is skipped and named;
3. **parse**: HTML -> sections (``parse.py``);
4. **describe**: sections -> documents with kind, region, actor (``describe.py``);
5. **write**: documents -> a fresh generation folder (``store.py``);
6. **publish**: the generation replaces the served one in one rename.

If anything fails before step 6, the index being served is untouched.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import UnicodeDammit
from whoosh import index as whoosh_index

from . import gazetteer
from .corpus import CorpusData, CorpusError, find_pages, load_corpus_data
from .describe import Document, OverrideError, describe_page
from .parse import PageError, parse_page
from .schema import make_schema, title_key
from .store import IndexMissing, IndexStore

MAX_PAGE_BYTES = 5 * 1024 * 1024


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
    pages: int = 0
    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def regions(self) -> Counter:
        return Counter(document.region for document in self.documents)


def build(corpus_dir: Path, index_dir: Path) -> BuildReport:
    """Build the whole index from the corpus into a new generation and publish it."""
    store = IndexStore(index_dir)
    report = read_corpus(corpus_dir)
    report.notes.extend(store.clean())
    history = read_history(store)
    partial = store.new_generation()
    write_documents(partial, report.documents, history, now=time.time())
    store.publish(partial)
    return report


def read_corpus(corpus_dir: Path) -> BuildReport:
    """Phases find, read, parse and describe: every document the corpus holds."""
    pages = find_pages(corpus_dir)
    if not pages:
        raise CorpusError(f"no pages (*.html) in the corpus folder {corpus_dir}")
    corpus = load_corpus_data(corpus_dir)
    report = BuildReport()
    for path in pages:
        name = path.relative_to(corpus_dir).as_posix()
        try:
            report.documents.extend(_documents_of(path, name, corpus))
            report.pages += 1
        except (PageError, OSError) as error:
            report.skipped.append(Skipped(name, str(error)))
    if not report.documents:
        raise BuildError("no page could be indexed: " + "; ".join(
            f"{s.page}: {s.reason}" for s in report.skipped))
    _check_override_ids(corpus, report)
    return report


def _documents_of(path: Path, name: str, corpus: CorpusData) -> list[Document]:
    page = parse_page(read_page(path), name)
    try:
        return describe_page(page, corpus, gazetteer.load())
    except OverrideError as error:
        raise CorpusError(str(error)) from None


def read_page(path: Path) -> str:
    """A page's text, decoded by its declared or detected encoding."""
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise PageError(f"larger than {MAX_PAGE_BYTES // 2**20} MB ({size // 2**20} MB)")
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise PageError("a binary file, not an HTML page")
    text = UnicodeDammit(data, ["utf-8"], is_html=True).unicode_markup
    if text is None:
        raise PageError("the encoding cannot be recognised")
    return text


def _check_override_ids(corpus: CorpusData, report: BuildReport) -> None:
    known = {document.id for document in report.documents}
    for section_id in sorted(set(corpus.overrides) - known):
        report.notes.append(f"overrides.toml names a section that does not exist: {section_id}")


def read_history(store: IndexStore) -> dict[str, History]:
    """Hash and dates of every section in the served generation, if there is one."""
    try:
        ix = store.open()
    except IndexMissing:
        return {}
    with ix.searcher() as searcher:
        return {
            fields["id"]: History(fields["hash"], fields["first_indexed"], fields["changed"])
            for fields in searcher.all_stored_fields()
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
        "actor": document.actor,
        "title_key": title_key(document.title),
        "hash": document.content_hash,
        "first_indexed": first_indexed,
        "changed": changed,
    }


def write_documents(folder: Path, documents: list[Document], history: dict[str, History],
                    now: float, schema=None) -> None:
    """Write a complete index into an empty folder (the writer cancels on error)."""
    ix = whoosh_index.create_in(str(folder), schema or make_schema())
    with ix.writer(limitmb=128) as writer:
        for document in documents:
            writer.add_document(**index_fields(document, history.get(document.id), now))
