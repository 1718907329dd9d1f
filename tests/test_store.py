"""Index generations: a new index is published in one rename; failures leave the old one."""

import os
from pathlib import Path

import pytest

from indexer import build as build_module
from indexer.build import build
from indexer.corpus import CorpusError
from indexer.store import IndexStore
from indexer.update import update

from .conftest import PROGRAM_PAGE, age_generations, write_corpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def test_index_path_is_a_relative_link_to_a_complete_generation(tmp_path, corpus):
    build(corpus, tmp_path / "index")
    link = tmp_path / "index"
    assert link.is_symlink(), "a symlink"
    assert not os.readlink(link).startswith("/"), "a relative one"
    assert IndexStore(link).open().doc_count() == 6


def test_rebuild_switches_generation_and_keeps_the_old_one_for_its_grace_period(tmp_path, corpus):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    first = store.current()
    build(corpus, store.path)
    assert store.current() != first, "a new generation"
    assert first.is_dir(), "the old one kept"
    assert store.clean(grace_seconds=0) == [f"removed an old index: {first.name}"]
    assert sorted(p.name for p in store.generations.iterdir()) == [store.current().name]


def test_the_grace_period_of_a_replaced_generation_starts_when_it_is_replaced(tmp_path, corpus):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    first = store.current()
    age_generations(store.path)  # served for a long while before the next build
    build(corpus, store.path)
    assert store.clean() == [], "requests that began on it may still read it for the grace period"
    os.utime(first, (first.stat().st_mtime - 61,) * 2)
    assert store.clean() == [f"removed an old index: {first.name}"], "removed once the grace period has passed"


def test_a_failed_write_leaves_the_served_index_and_removes_what_it_wrote(tmp_path, corpus, monkeypatch):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    served = store.current()

    def crash(folder, *args, **kwargs):
        (folder / "half-written").write_bytes(b"x")
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_documents", crash)
    with pytest.raises(OSError):
        build(corpus, store.path)
    monkeypatch.undo()
    assert store.current() == served
    assert [p for p in store.generations.iterdir() if p.name.endswith(".partial")] == []


def test_what_a_killed_run_left_is_removed_by_the_next_run(tmp_path, corpus):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    (store.generations / "20000101T000000-000000001-999999999.partial").mkdir()  # pid 999999999 is gone
    report = build(corpus, store.path)
    assert any("unfinished index left by an interrupted run" in note for note in report.notes)
    assert not [p for p in store.generations.iterdir() if p.name.endswith(".partial")]


def test_a_hand_made_index_folder_is_adopted_as_a_generation(tmp_path, corpus):
    from whoosh import index

    from indexer.schema import make_schema

    plain = tmp_path / "index"
    plain.mkdir()
    index.create_in(str(plain), make_schema())
    build(corpus, plain)
    assert plain.is_symlink(), "a symlink"
    assert IndexStore(plain).open().doc_count() == 6, "its index opens"


def test_an_update_long_after_the_build_keeps_the_served_generation_and_its_dates(index_path, corpus):
    build(corpus, index_path)
    store = IndexStore(index_path)
    served = store.current()
    with store.open().searcher() as searcher:
        first_seen = {f["id"]: f["first_indexed"] for f in searcher.all_stored_fields()}
    age_generations(index_path)
    (corpus / "ny.html").write_text("<h1>Ny</h1><p>Luleå hamn</p>", encoding="utf-8")
    report = update(corpus, index_path)
    assert report.notes == [], "the served generation is not an old one to clean"
    assert not report.rebuilt, "rebuilt"
    assert report.added == ["ny/ny"], "added"
    assert served.is_dir(), "the generation served until the switch stays for its grace period"
    with store.open().searcher() as searcher:
        kept = {f["id"]: f["first_indexed"] for f in searcher.all_stored_fields() if f["id"] in first_seen}
    assert kept == first_seen


def test_a_failed_update_long_after_the_build_leaves_the_served_index(index_path, corpus):
    build(corpus, index_path)
    served = IndexStore(index_path).current()
    age_generations(index_path)
    (corpus / "overrides.toml").write_text("[trasig", encoding="utf-8")
    with pytest.raises(CorpusError):
        update(corpus, index_path)
    assert IndexStore(index_path).current() == served
