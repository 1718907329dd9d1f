"""Index generations: a new index is published in one rename; failures leave the old one."""

import os
from pathlib import Path

import pytest

from indexer import build as build_module
from indexer.build import build
from indexer.store import IndexStore

from .conftest import PROGRAM_PAGE, write_corpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def test_index_path_is_a_relative_link_to_a_complete_generation(tmp_path, corpus):
    build(corpus, tmp_path / "index")
    link = tmp_path / "index"
    assert link.is_symlink() and not os.readlink(link).startswith("/")
    assert IndexStore(link).open().doc_count() == 6


def test_rebuild_switches_generation_and_keeps_the_old_one_for_its_grace_period(tmp_path, corpus):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    first = store.current()
    build(corpus, store.path)
    assert store.current() != first and first.is_dir()
    assert store.clean(grace_seconds=0) == [f"removed an old index: {first.name}"]
    assert sorted(p.name for p in store.generations.iterdir()) == [store.current().name]


def test_crash_while_writing_leaves_the_served_index_and_the_next_run_cleans_up(tmp_path, corpus, monkeypatch):
    store = IndexStore(tmp_path / "index")
    build(corpus, store.path)
    served = store.current()

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(build_module, "write_documents", crash)
    with pytest.raises(OSError):
        build(corpus, store.path)
    monkeypatch.undo()
    assert store.current() == served
    leftover = [p for p in store.generations.iterdir() if p.name.endswith(".partial")]
    assert len(leftover) == 1
    os.rename(leftover[0], leftover[0].with_name("20000101T000000-000000001-999999999.partial"))
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
    assert plain.is_symlink() and IndexStore(plain).open().doc_count() == 6
