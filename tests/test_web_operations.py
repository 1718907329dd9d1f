"""What an operator's bad day does to the web app: a generation that vanishes while threads switch to it, a damaged
segment file, settings from the environment, a server started from another folder. Each case ends in a clear
503 or one line at start, and the service recovers as soon as the index is repaired."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from indexer.build import build
from indexer.store import IndexStore
from webapp import create_app
from webapp.errors import MESSAGES

from .conftest import PROGRAM_PAGE, write_corpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def in_another_thread(client, url: str) -> int:
    """The status of a request answered by a thread of its own (a worker's other thread)."""
    statuses = []
    thread = threading.Thread(target=lambda: statuses.append(client.get(url).status_code))
    thread.start()
    thread.join()
    return statuses[0]


def damage_a_segment(index: Path) -> None:
    """One term file of the served generation cut short (a bad sector, a half-copied backup)."""
    for terms in IndexStore(index).target().glob("*.trm"):
        with terms.open("r+b") as file:
            file.truncate(100)


# -- A generation that vanishes, and the repair --------------------------------


def test_a_thread_whose_switch_failed_serves_the_repaired_index(corpus, index_path):
    build(corpus, index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert client.get("/api/search?q=hamn").status_code == 200, "this thread opens generation 1"
    build(corpus, index_path)
    assert in_another_thread(client, "/api/search?q=kaj") == 200, "another thread opens generation 2"
    for file in IndexStore(index_path).target().iterdir():
        file.unlink()  # generation 2 removed by hand, after the worker opened it
    assert client.get("/api/search?q=hamn").status_code == 503, "this thread cannot switch to generation 2"
    build(corpus, index_path)
    statuses = [client.get("/api/search", query_string={"q": q}).status_code for q in ("hamn", "kaj", "ystad")]
    assert statuses == [200, 200, 200], "every later request answers from the repaired index"


# -- A damaged segment ---------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/search?q=hamn", "/api/suggest?q=ham", "/api/readyz"])
def test_a_damaged_segment_is_a_json_503_that_says_so(corpus, index_path, url):
    build(corpus, index_path)
    damage_a_segment(index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get(url)
    assert response.status_code == 503, "status code"
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "the one error shape, saying it is damaged"


def test_a_damaged_segment_is_a_503_page_that_says_so(corpus, index_path):
    build(corpus, index_path)
    damage_a_segment(index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/?q=hamn")
    assert response.status_code == 503, "status code"
    assert "Sökindexet är skadat" in response.get_data(as_text=True), "the page says the index is damaged"


def test_a_damaged_table_of_contents_is_called_damaged_not_missing(corpus, index_path):
    build(corpus, index_path)
    for toc in IndexStore(index_path).target().glob("*.toc"):
        toc.write_bytes(b"")
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/api/search?q=hamn")
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "not 'finns inte ännu'"


def test_a_missing_index_is_still_called_missing(tmp_path):
    response = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client().get("/api/readyz")
    assert (response.status_code, response.get_json()) == (503, {"error": MESSAGES[503]}), "status and message"


def test_liveness_stays_ok_while_readiness_fails_on_a_damaged_index(corpus, index_path):
    build(corpus, index_path)
    damage_a_segment(index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert client.get("/api/healthz").status_code == 200, "the process is alive"
    assert client.get("/api/readyz").status_code == 503, "but it cannot search"


def test_readiness_names_the_generation_it_searches(corpus, index_path):
    build(corpus, index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/api/readyz")
    expected = {"status": "ready", "generation": IndexStore(index_path).target().name, "sections": 6}
    assert response.get_json() == expected, "ready, on the served generation"
