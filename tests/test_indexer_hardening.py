"""What an operator's bad day does to the indexer: pages that vanish or are not
pages, names that make bad ids, a full disk, a damaged or foreign index. Each
case ends in a named skip or one clear line, and never in a lost index."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import build as build_module
from indexer import update as update_module
from indexer.build import build
from indexer.cli import cli
from indexer.store import IndexStore, IndexUnsafe
from indexer.update import update
from indexer.words import MAX_WORD_CHARS, compound_parts, lemmatize
from webapp import create_app

from .conftest import PROGRAM_PAGE, client_for, write_corpus

SIMPLE = "<!doctype html><html lang=sv><body><h1>{title}</h1><p>{text}</p></body></html>"


def page(title: str, text: str) -> str:
    return SIMPLE.format(title=title, text=text)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args))


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


# -- Words ------------------------------------------------------------------


def test_a_word_longer_than_the_cap_is_indexed_as_written_not_lemmatized_or_split():
    word = "x" * MAX_WORD_CHARS + "bostäderna"
    assert lemmatize(word) == word, "a word past the cap keeps its ending"
    assert compound_parts(word) == (), "a word past the cap is not split"


def test_a_page_with_very_long_words_is_indexed_with_its_ordinary_words(tmp_path):
    client = client_for(tmp_path, {"lang.html": page("Långa ord", "hamn " + "bostad" * 3000 + " kaj" * 5)})
    assert titles(client, "kaj") == ["Långa ord"]


# -- Pages that vanish, are not pages, or are not inside the corpus ------------


def vanishing_after_listing(module, monkeypatch, victim: Path) -> None:
    """The page ``victim`` is deleted right after the corpus is listed, as an editor may."""
    real = module.find_pages

    def listed_then_deleted(corpus_dir):
        pages = real(corpus_dir)
        victim.unlink()
        return pages

    monkeypatch.setattr(module, "find_pages", listed_then_deleted)


def test_a_page_deleted_during_an_update_is_a_removed_page(corpus, index_path, monkeypatch):
    (corpus / "ny.html").write_text(page("Ny", "Luleå hamn"), encoding="utf-8")
    build(corpus, index_path)
    vanishing_after_listing(update_module, monkeypatch, corpus / "ny.html")
    result = invoke("update", "--corpus", str(corpus), "--index", str(index_path))
    assert result.exit_code == 0, result.output
    assert result.exception is None, result.output
    assert result.output.splitlines()[-1].startswith("Updated"), "the vanished page is removed"
    assert IndexStore(index_path).manifest().pages.keys() == {"program.html"}


def test_a_page_deleted_during_a_build_is_left_out(corpus, index_path, monkeypatch):
    (corpus / "ny.html").write_text(page("Ny", "Luleå hamn"), encoding="utf-8")
    vanishing_after_listing(build_module, monkeypatch, corpus / "ny.html")
    report = build(corpus, index_path)
    assert sorted(report.pages) == ["program.html"], "pages"
    assert report.skipped == [], "skipped"


def test_links_out_of_the_corpus_fifos_and_devices_are_skipped_by_name(tmp_path, corpus):
    secret = tmp_path / "secret.html"
    secret.write_text(page("Hemligt", "lösenordet hemlis"), encoding="utf-8")
    (corpus / "leak.html").symlink_to(secret)
    (corpus / "passwd.html").symlink_to("/etc/passwd")
    (corpus / "zero.html").symlink_to("/dev/zero")
    os.mkfifo(corpus / "fifo.html")
    (corpus / "same.html").symlink_to(corpus / "program.html")  # inside the corpus: a page like any
    (corpus / "inner").mkdir()
    (corpus / "inner" / "up.html").symlink_to("../program.html")
    report = build(corpus, tmp_path / "index")
    assert {s.page: s.reason for s in report.skipped} == {
        "fifo.html": "not a regular file (a FIFO, socket or device): not read",
        "leak.html": "a link to a file outside the corpus folder: not read",
        "passwd.html": "a link to a file outside the corpus folder: not read",
        "zero.html": "a link to a file outside the corpus folder: not read",
    }
    assert sorted(report.pages) == ["inner/up.html", "program.html", "same.html"]
    client = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    assert titles(client, "hemlis") == []


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-16", b""),  # Python writes the byte order mark
        ("utf-16-le", b""),  # no mark: read from the "<"
        ("utf-16-be", b""),
        ("utf-32", b""),
        ("utf-8", b"\xef\xbb\xbf"),
    ],
)
def test_pages_in_utf16_and_utf32_are_read_not_skipped_as_binary(tmp_path, encoding, prefix):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bred.html").write_bytes(prefix + page("Bred kodning", "Färjeläget i Ystad").encode(encoding))
    report = build_module.read_corpus(corpus)  # the documents with their text (a build's report leaves it out)
    assert report.skipped == [], "skipped"
    assert [d.title for d in report.documents] == ["Bred kodning"], "the title read"
    assert "Färjeläget i Ystad" in report.documents[0].text


# -- Section ids -------------------------------------------------------------


def test_two_pages_that_would_share_section_ids_are_both_named_and_skipped(tmp_path):
    corpus = write_corpus(
        tmp_path / "corpus",
        {"dup.html": page("x", "en"), "dup.htm": page("x", "två"), "annan.html": page("Annan", "tre")},
    )
    report = build(corpus, tmp_path / "index")
    assert {s.page: s.reason for s in report.skipped} == {
        "dup.htm": "its section ids would be those of dup.html (dup/…): rename one of the two",
        "dup.html": "its section ids would be those of dup.htm (dup/…): rename one of the two",
    }


def test_a_colliding_page_added_later_never_replaces_the_indexed_one(tmp_path, index_path):
    corpus = write_corpus(tmp_path / "corpus", {"dup.html": page("x", "originalet")})
    build(corpus, index_path)
    (corpus / "dup.htm").write_text(page("x", "inkräktaren"), encoding="utf-8")
    report = update(corpus, index_path)
    assert [s.page for s in report.skipped] == ["dup.htm"]
    (corpus / "dup.htm").write_text(page("x", "inkräktaren igen"), encoding="utf-8")
    update(corpus, index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert titles(client, "originalet") == ["x"], "the original is found"
    assert titles(client, "inkräktaren") == [], "the intruder is not"


@pytest.mark.parametrize(
    "name",
    [
        "Malmö projekt.html",
        "a..b.html",
        "rad\nbrytning.html",
        "rad\rretur.html",
        "mapp med mellanslag/sida.html",
        "%2e%2e.html",
        "punkt.i.namnet.html",
    ],
)
def test_every_section_id_the_indexer_makes_is_a_page_the_web_app_serves(tmp_path, name):
    long_heading = "Ett mycket långt avsnitt " * 40
    client = client_for(tmp_path, {name: f"<h1>Sida</h1><p>hamn</p><h2>{long_heading}</h2><p>hamn kaj</p>"})
    hits = client.get("/api/search", query_string={"q": "hamn"}).get_json()["results"]
    assert len(hits) == 2
    for hit in hits:
        assert client.get(f"/avsnitt/{hit['id']}").status_code == 200, hit["id"]
        assert client.get(f"/api/sections/{hit['id']}").status_code == 200, hit["id"]


# -- A full disk ------------------------------------------------------------


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "instance/index.generations/x.partial/_MAIN_1.toc")


def partials(index: Path) -> list[str]:
    return [p.name for p in index.with_name(index.name + ".generations").iterdir() if p.name.endswith(".partial")]


def test_a_full_disk_is_one_line_exit_1_and_leaves_nothing_half_written(corpus, index_path, monkeypatch):
    build(corpus, index_path)
    served = IndexStore(index_path).current()
    monkeypatch.setattr(build_module, "write_documents", disk_full)
    result = invoke("build", "--corpus", str(corpus), "--index", str(index_path))
    assert result.exit_code == 1, result.output
    assert len(result.output.splitlines()) == 1, result.output
    assert result.output.startswith("Error: No space left on device: instance/index.generations/")
    assert "free some space and run again (the served index is unchanged)" in result.output
    assert partials(index_path) == [], "the run removes what it wrote at once"
    assert IndexStore(index_path).current() == served


def test_a_run_cleans_what_a_killed_run_left_before_it_writes_anything(corpus, index_path, monkeypatch):
    build(corpus, index_path)
    store = IndexStore(index_path)
    (store.generations / "20000101T000000-000000001-999999999.partial").mkdir()  # a killed run's
    real = IndexStore.write_status

    def full_while_it_is_there(self, **status):
        if partials(self.path):
            disk_full()
        real(self, **status)

    monkeypatch.setattr(IndexStore, "write_status", full_while_it_is_there)
    result = invoke("build", "--corpus", str(corpus), "--index", str(index_path))
    assert result.exit_code == 0, result.output
    assert "note: removed an unfinished index left by an interrupted run" in result.output


# -- A damaged, foreign or vanished index --------------------------------------


def truncate_toc(index: Path) -> None:
    for toc in IndexStore(index).target().glob("*.toc"):
        toc.write_bytes(b"")


def test_a_damaged_index_is_a_503_and_build_replaces_it(corpus, index_path):
    build(corpus, index_path)
    truncate_toc(index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert client.get("/api/search?q=hamn").status_code == 503
    result = invoke("build", "--corpus", str(corpus), "--index", str(index_path))
    assert result.exit_code == 0, "exit code"
    assert result.output.splitlines()[0] == f"Indexed 1 page, 6 sections into {index_path}", "the summary line"
    assert client.get("/api/search?q=hamn").status_code == 200


def test_update_of_a_damaged_index_says_so_and_builds_it_whole(corpus, index_path):
    build(corpus, index_path)
    truncate_toc(index_path)
    result = invoke("update", "--corpus", str(corpus), "--index", str(index_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        f"note: the index at {index_path} is unreadable (TypeError): rebuilt it whole"
    )
    assert IndexStore(index_path).open().doc_count() == 6


def test_an_index_owned_by_another_user_is_never_opened(corpus, tmp_path, monkeypatch):
    build(corpus, tmp_path / "index")
    generation = IndexStore(tmp_path / "index").current()
    if os.geteuid() == 0:
        for path in (generation, *generation.iterdir()):
            os.lchown(path, 65534, 65534)  # nobody: modes stay 0755/0644
    else:
        other = os.geteuid() + 1
        monkeypatch.setattr(os, "geteuid", lambda: other)  # the server runs as another user
    with pytest.raises(IndexUnsafe, match="owned by another user"):
        IndexStore(tmp_path / "index").current()
    response = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client().get("/api/search")
    assert response.status_code == 503


def test_a_generation_deleted_behind_the_link_is_a_503_on_new_threads(corpus, tmp_path):
    import shutil

    build(corpus, tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    assert client.get("/api/search?q=hamn").status_code == 200  # the generation is open in this worker
    shutil.rmtree(IndexStore(tmp_path / "index").target())
    statuses = []
    thread = threading.Thread(target=lambda: statuses.append(client.get("/api/search?q=kaj").status_code))
    thread.start()
    thread.join()
    assert statuses == [503]
