"""Incremental update: write only what changed, into a new generation, atomically.

The phases:

1. **compare pages**: the served generation's manifest lists every page's
   SHA-256; pages whose bytes changed, new pages and removed pages are the only
   ones read (all pages when ``kinds.toml`` or ``overrides.toml`` changed);
2. **compare sections**: each section of those pages has a content hash and
   a hash of its labels (``build.LABEL_FIELDS``); a section is *added*,
   *changed* (its content differs: it is "ändrad"), *relabelled* (only a label
   differs, a kind renamed in ``kinds.toml``: rewritten, its dates kept),
   *removed* (gone from its page, or its page is gone, or the page now gives no
   section: an editor emptied it to its heading) or *unchanged*. A page that
   cannot be read (binary, undecodable) keeps its sections until it can be;
3. **write**: if anything changed, the current generation's files are
   hard-linked into a new one (Whoosh never rewrites a file, so the served
   generation is untouched), the changed sections are deleted and re-added
   there, and nothing else is analyzed again;
4. **publish**: fsync, then the switch of the index link (``store.py``).

A run that finds nothing changed writes nothing. If the served generation has
no manifest, or was made by other analysis code or word data, or with other
fields (``schema.py``), the update is a full build instead (and says so). A
run whose corpus lacks most of the pages the served generation was built from
(a half-synced folder) writes nothing either, unless told to (the guard in
``removals.py``).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index

from . import build as full
from . import written
from .corpus import find_pages, load_corpus_data, page_bytes
from .describe import Document
from .duplicates import keys_of
from .manifest import Manifest, analysis_fingerprint, corpus_data_hash
from .removals import HALF_COPIED, check_removals
from .schema import make_schema
from .store import CLEANED, IndexMissing, IndexStore, IndexUnreadable, IndexUnsafe, read_index


@dataclass
class UpdateReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # their content: "ändrad", dated now
    relabelled: list[str] = field(default_factory=list)  # only their labels or context: rewritten, dates kept
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    pages_read: int = 0
    pages_total: int = 0
    skipped: list[full.Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rebuilt: bool = False  # the update was a full build

    @property
    def nothing_changed(self) -> bool:
        return not (self.added or self.changed or self.relabelled or self.removed or self.rebuilt)

    def summary(self) -> dict:
        return {
            "added": len(self.added),
            "changed": len(self.changed),
            "relabelled": len(self.relabelled),
            "removed": len(self.removed),
            "unchanged": self.unchanged,
            "pages_read": self.pages_read,
            "pages": self.pages_total,
            "rebuilt": self.rebuilt,
        }


def update(corpus_dir: Path, index_dir: Path, progress=None, allow_removals: bool = False) -> UpdateReport:
    """Bring the index up to date with the corpus, writing only what changed (``allow_removals``:
    past the guard against mass removal)."""
    store = IndexStore(index_dir)
    with store.run("update") as summary:
        report = _update_locked(corpus_dir, store, progress, allow_removals)
        report.notes[:0] = summary.pop(CLEANED)
        summary.update(report.summary())
        return report


def _update_locked(corpus_dir: Path, store: IndexStore, progress, allow_removals: bool) -> UpdateReport:
    notes = store.clean()
    manifest = store.manifest()
    listed = {full.page_name(corpus_dir, path): path for path in find_pages(corpus_dir)}
    if manifest is not None and listed:  # (no page at all: the build says so)
        gone = set(manifest.pages) - set(listed)
        check_removals(len(gone), len(manifest.pages), allow_removals, HALF_COPIED)
    reason = _why_rebuild(store, manifest)
    if reason:
        return _rebuild(corpus_dir, store, notes + [reason], progress, allow_removals)
    try:
        report, plan = _compare(corpus_dir, listed, manifest, store)
    except _Rebuild as reason:
        return _rebuild(corpus_dir, store, notes + [str(reason)], progress, allow_removals)
    except IndexUnreadable as error:  # a damaged file that only reading sections meets
        return _rebuild(corpus_dir, store, notes + [f"{error}: rebuilt it whole"], progress, allow_removals)
    report.notes = notes
    if not report.nothing_changed:
        _write(store, plan, manifest, corpus_dir, progress)
    return report


def _why_rebuild(store: IndexStore, manifest: Manifest | None) -> str | None:
    try:
        store.current()
        full.stored_history(store, set())  # opens every segment's files: a damaged one fails here
    except (IndexUnreadable, IndexUnsafe) as error:
        return f"{error}: rebuilt it whole"
    except IndexMissing:
        return "there was no index yet: built it whole"
    if manifest is None:
        return "the served index has no manifest: rebuilt it whole"
    if manifest.analysis != analysis_fingerprint():
        return "the analysis or word data changed since the last build: rebuilt the index whole"
    if set(store.open().schema.names()) != set(make_schema().names()):
        return "the served index has other fields than this version writes: rebuilt it whole"
    return None


def _rebuild(corpus_dir: Path, store: IndexStore, notes: list[str], progress, allow_removals: bool) -> UpdateReport:
    built = full.build_locked(corpus_dir, store, progress, allow_removals)
    return UpdateReport(
        added=[d.id for d in built.documents],
        pages_read=len(built.pages),
        pages_total=len(built.pages) + len(built.skipped),
        skipped=built.skipped,
        notes=notes + built.notes,
        rebuilt=True,
    )


@dataclass
class _Plan:
    documents: list[Document]  # to write: added and changed
    delete: list[str]  # ids to delete first: changed and removed
    pages: dict  # the new manifest's pages
    history: dict  # what the served generation knows of the sections to write


def _compare(
    corpus_dir: Path, listed: dict[str, Path], manifest: Manifest, store: IndexStore
) -> tuple[UpdateReport, _Plan]:
    """What changed between the served generation's manifest and the pages ``listed`` (by name)."""
    if not listed:
        raise full.CorpusError(f"no pages (*.html) in the corpus folder {corpus_dir}")
    hashes = {name: _sha256(corpus_dir, path) for name, path in listed.items()}
    paths = {name: path for name, path in listed.items() if hashes[name] is not None}
    all_pages = corpus_data_hash(corpus_dir) != manifest.corpus_data
    dirty = sorted(
        name for name in paths if all_pages or name not in manifest.pages or manifest.pages[name].sha256 != hashes[name]
    )
    read = full.read_pages(
        corpus_dir, [paths[name] for name in dirty], load_corpus_data(corpus_dir), full.id_collisions(paths)
    )
    emptied = {skipped.page for skipped in read.skipped if skipped.without_text}  # read: its text is gone
    gone = sorted((set(manifest.pages) - set(paths)) | set(read.vanished) | emptied)
    report = UpdateReport(pages_read=len(dirty), pages_total=len(paths), skipped=read.skipped)

    pages = {name: record for name, record in manifest.pages.items() if name not in gone}
    pages.update(read.pages)  # a page that cannot be read now keeps its old sections
    replaced = [name for name in [*read.pages, *gone] if name in manifest.pages]
    before = {section_id for name in replaced for section_id in manifest.pages[name].sections}
    if _touches_copies(store, read.documents, set(read.pages) | set(gone), before):
        raise _Rebuild("a page with the same content elsewhere changed: rebuilt the index whole")
    history = full.stored_history(store, before | {d.id for d in read.documents})
    writes = []
    for document in read.documents:
        old = history.get(document.id)
        if old is None:
            report.added.append(document.id)
            writes.append(document)
        elif old.hash != document.content_hash:
            report.changed.append(document.id)
            writes.append(document)
        elif old.labels != full.labels_hash(full.label_fields(document)):  # a new kind, a page retitled: its dates kept
            report.relabelled.append(document.id)
            writes.append(document)
    report.removed = sorted(before - {d.id for d in read.documents})
    # Counted in the served index, as build and /api/readyz count: the manifest also lists the copies left out
    # (``duplicates.py``), and a change that touches them is a full build, so every id above is indexed.
    indexed = read_index(lambda: store.open().doc_count(), f"the index at {store.path} is unreadable")
    report.unchanged = indexed - len(report.changed) - len(report.relabelled) - len(report.removed)
    rewritten = set(report.changed) | set(report.relabelled) | set(report.removed)
    return report, _Plan(writes, sorted(rewritten), pages, history)


class _Rebuild(Exception):
    """The change cannot be written section by section; the message says why."""


def _touches_copies(store: IndexStore, documents: list, pages: set[str], before: set[str]) -> bool:
    """Whether the changed pages take part in a group of copies (``duplicates.py``): one of them held a
    copy or a shown copy, or a section read now is a near-duplicate of another page's. Copies are decided
    over the whole corpus, so such a change is a full build."""
    return read_index(
        lambda: _meets_copies(store, documents, pages, before), f"the index at {store.path} is unreadable"
    )


def _meets_copies(store: IndexStore, documents: list, pages: set[str], before: set[str]) -> bool:
    with store.open().searcher() as searcher:
        reader = searcher.reader()
        if any(reader.doc_frequency("also_pages", page) for page in pages):
            return True
        if any(searcher.document_number(id=section_id) is None for section_id in before):
            return True  # a copy left out
        if _shows_copies(reader, pages):
            return True
        for document in documents:
            for key in keys_of(document):
                if ("dupkeys", key) in reader and any(
                    not reader.is_deleted(docnum) and reader.stored_fields(docnum)["page"] != document.page
                    for docnum in reader.postings("dupkeys", key).all_ids()
                ):
                    return True
    return False


def _shows_copies(reader, pages: set[str]) -> bool:
    """Whether a section of one of ``pages`` is shown for copies elsewhere: its ``also_pages`` name them
    (its ``also_at`` may name none: a copy under its own URL, a list's second page)."""
    page_of = reader.column_reader("page")
    return any(
        not reader.is_deleted(docnum) and page_of[docnum] in pages
        for copy_page in reader.lexicon("also_pages")
        for docnum in reader.postings("also_pages", copy_page).all_ids()
    )


def _sha256(corpus_dir: Path, path: Path) -> str | None:
    """The hash of a page's bytes; None if it vanished since it was listed (a removed page);
    "" if it cannot be read (it is then read again, and skipped by name)."""
    try:
        return hashlib.sha256(page_bytes(corpus_dir, path, full.MAX_PAGE_BYTES)).hexdigest()
    except FileNotFoundError:
        return None
    except OSError:
        return ""


def _write(store: IndexStore, plan: _Plan, manifest: Manifest, corpus_dir: Path, progress) -> None:
    partial = store.copy_current()
    ix = whoosh_index.open_dir(str(partial))
    now = time.time()
    _recount_written(partial, ix, plan)
    with ix.writer(compound=False) as writer:
        for section_id in plan.delete:
            writer.delete_by_term("id", section_id)
        for n, document in enumerate(plan.documents, 1):
            writer.add_document(**full.index_fields(document, plan.history.get(document.id), now))
            if progress:
                progress(n, len(plan.documents))
    Manifest(analysis_fingerprint(), corpus_data_hash(corpus_dir), manifest.baseline, plan.pages).write(partial)
    store.publish(partial)


def _recount_written(partial: Path, ix, plan: _Plan) -> None:
    """The copied generation's words as written (``written.py``), less those of the sections the
    update deletes (read from their stored text), plus those of the sections it adds. A generation
    written before there was such a table gets none: the web app then reads its index terms. A damaged
    table is counted anew from every section's stored text."""
    with ix.searcher() as searcher:
        try:
            counts = written.read(partial)
        except written.DamagedTable:
            counts = written.count(searcher.all_stored_fields())
        if counts is None:
            return
        for section_id in plan.delete:
            for fields in searcher.documents(id=section_id):
                counts.subtract(written.words_of(fields))
    counts.update(written.count(plan.documents))
    written.write(partial, counts)
