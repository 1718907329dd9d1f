"""A damaged index file is the same 503 on every route that reads the index, readiness included, and a
damaged file beside the index only costs what it served (found by an outside tester: a field length file
cut short made section pages a 500 while searches answered and readiness said "ready"; a damaged
``written.tsv`` made every suggestion a 500)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from indexer.build import build
from indexer.store import IndexStore
from webapp import create_app
from webapp.errors import MESSAGES

from .conftest import PROGRAM_PAGE, write_corpus

#: What a search, a section and readiness read, in the API and on pages.
API_ROUTES = ["/api/readyz", "/api/search?q=planering", "/api/sections/program/boverket", "/api/suggest?q=ham"]
PAGE_ROUTES = ["/?q=planering", "/avsnitt/program/boverket"]

#: A file of the served generation damaged before the server started: its files, and what was done to them.
DAMAGE = {
    "a length file cut short": ("*._text_len.col", lambda data: data[:3]),
    "a stored-fields file overwritten": ("*._stored.col", lambda data: bytes(255 - b for b in data)),
}


def built_index(folder: Path) -> Path:
    corpus = write_corpus(folder / "corpus", {"program.html": PROGRAM_PAGE})
    build(corpus, folder / "index")
    return folder / "index"


def damage(index: Path, files: str, how) -> None:
    for path in IndexStore(index).target().glob(files):
        path.write_bytes(how(path.read_bytes()))


@pytest.fixture(scope="module", params=list(DAMAGE))
def damaged_index(request, tmp_path_factory) -> Path:
    index = built_index(tmp_path_factory.mktemp("damaged"))
    damage(index, *DAMAGE[request.param])
    return index


@pytest.mark.parametrize("route", API_ROUTES)
def test_a_damaged_index_file_is_the_json_503_on_every_api_route(damaged_index, route):
    response = create_app({"INDEX_DIR": str(damaged_index)}).test_client().get(route)
    assert response.status_code == 503, "status code"
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "the one error shape, saying it is damaged"


@pytest.mark.parametrize("route", PAGE_ROUTES)
def test_a_damaged_index_file_is_the_swedish_503_page_on_every_route(damaged_index, route):
    response = create_app({"INDEX_DIR": str(damaged_index)}).test_client().get(route)
    assert response.status_code == 503, "status code"
    assert MESSAGES["damaged"] in response.get_data(as_text=True), "the page says the index is damaged"


#: Routes that score sections: a search (our ranking) and a section's similar sections (Whoosh's own scoring).
SCORING_ROUTES = ["/api/search?q=planering", "/api/sections/program/boverket", "/avsnitt/program/boverket"]


@pytest.mark.parametrize("route", SCORING_ROUTES)
def test_zeroed_length_bytes_are_a_503_logged_in_one_line_where_sections_are_scored(tmp_path, caplog, route):
    index = built_index(tmp_path)
    damage(index, "*._text_len.col", lambda data: bytes(len(data) - 1) + data[-1:])  # all but the last section's
    with caplog.at_level(logging.ERROR):
        response = create_app({"INDEX_DIR": str(index)}).test_client().get(route)
    assert response.status_code == 503, "status code (a section page was a 500: Whoosh read a length as None)"
    assert MESSAGES["damaged"] in response.get_data(as_text=True), "the message says the index is damaged"
    assert [record.getMessage().count("\n") for record in caplog.records] == [0], "one line in the log, no traceback"


#: ``written.tsv`` (the words as written, beside the index) damaged: not UTF-8, a line without a tab, a count
#: that is not one.
DAMAGED_TABLES = [b"\x8b\x08\x00garbage\xff", b"garbage\n", b"hamn\t-3\n", b"hamn\t99999999999\n"]


@pytest.mark.parametrize("table", DAMAGED_TABLES)
def test_a_damaged_table_of_words_leaves_suggestions_to_the_index_terms_and_says_so_once(tmp_path, caplog, table):
    index = built_index(tmp_path)
    (IndexStore(index).target() / "written.tsv").write_bytes(table)
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    with caplog.at_level(logging.ERROR):
        answers = [client.get("/api/suggest?q=ham") for _ in range(2)]
    assert [answer.status_code for answer in answers] == [200, 200], "suggestions answer"
    assert answers[0].get_json()["suggestions"] == ["hamn"], "from the index's terms"
    damaged = [record.getMessage() for record in caplog.records if "written.tsv is damaged" in record.getMessage()]
    assert len(damaged) == 1, f"one log line for the generation, not one per keystroke: {damaged}"
