"""What a visitor reads when the index cannot be used: a generic Swedish line, never an operator's command (that
goes to the server log); a generation deleted by hand reads as damaged, not as "not built yet". The feed answers
its errors as plain text a feed reader can show, not as an HTML page, and a feed that selects nothing is dated
by the index generation it was read from, not 1970. A request a visitor got wrong is told in Swedish words, never by
the parameter's name ("page", "(q)"): the JSON error names the parameter for developers in a field of its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from indexer.build import build
from indexer.store import IndexStore
from webapp import create_app
from webapp.errors import MESSAGES

from .conftest import PROGRAM_PAGE, write_corpus

ATOM = {"a": "http://www.w3.org/2005/Atom"}
VISITOR_PAGES = ["/?q=hamn", "/api/search?q=hamn", "/api/readyz", "/feed?q=hamn"]


@pytest.fixture
def built(tmp_path):
    """A real index of the program page, and the app over it."""
    index = tmp_path / "instance" / "index"
    build(write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE}), index)
    return index, create_app({"INDEX_DIR": str(index)})


def no_index_app(tmp_path):
    return create_app({"INDEX_DIR": str(tmp_path / "instance" / "index")})


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_missing_index_shows_visitors_no_operators_command(tmp_path, path):
    response = no_index_app(tmp_path).test_client().get(path)
    assert response.status_code == 503, f"{path}: status"
    assert "indexer" not in response.get_data(as_text=True), f"{path}: no command for the operator"


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_missing_index_is_a_generic_swedish_line(tmp_path, path):
    response = no_index_app(tmp_path).test_client().get(path)
    assert MESSAGES[503] in response.get_data(as_text=True), f"{path}: the generic message"


def test_the_operator_finds_the_command_in_the_log(tmp_path, caplog):
    no_index_app(tmp_path).test_client().get("/api/search?q=hamn")
    assert "python -m indexer build" in caplog.text, "the log says how to build it"


@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_a_generation_deleted_by_hand_reads_as_damaged(built, path):
    index, app = built
    shutil.rmtree(IndexStore(index).target())
    response = app.test_client().get(path)
    assert response.status_code == 503, f"{path}: status"
    assert MESSAGES["damaged"] in response.get_data(as_text=True), f"{path}: damaged, not 'not built yet'"


def test_the_damaged_message_has_no_operators_command(built):
    assert "indexer" not in MESSAGES["damaged"], "generic: the log has the command"


@pytest.mark.parametrize(("path", "status"), [("/feed?q=hamn", 503), ("/feed?q=" + "x" * 501, 400)])
def test_the_feeds_errors_are_plain_text(tmp_path, built, path, status):
    app = no_index_app(tmp_path / "elsewhere") if status == 503 else built[1]
    response = app.test_client().get(path)
    assert response.status_code == status, f"{path}: status"
    assert response.mimetype == "text/plain", f"{path}: plain text, not an HTML page"
    assert response.get_data(as_text=True).count("\n") == 1, f"{path}: one line"


@pytest.mark.parametrize("query", ["page=0", "per_page=abc", "sort=x"])
def test_the_feed_ignores_the_search_pages_paging_and_sorting(built, query):
    response = built[1].test_client().get(f"/feed?q=hamn&{query}")
    assert response.status_code == 200, f"{query}: not a parameter of the feed"


def test_an_empty_feed_is_dated_by_its_index_generation(built):
    index, app = built
    root = ET.fromstring(app.test_client().get("/feed?q=zzzzqqq").data)
    updated = datetime.fromisoformat(root.findtext("a:updated", namespaces=ATOM))
    published = IndexStore(index).target().stat().st_mtime
    assert root.find("a:entry", ATOM) is None, "the feed selects nothing"
    assert abs(updated.timestamp() - published) < 1, "the time the generation was published"


def test_a_file_damaged_while_serving_is_the_feeds_plain_text_503(built):
    index, app = built
    client = app.test_client()
    assert client.get("/api/search?q=hamn").status_code == 200, "the searcher is open and answers"
    for path in IndexStore(index).target().glob("*_stored.col"):
        with path.open("r+b") as file:
            file.truncate(100)
    response = client.get("/feed")
    assert (response.status_code, response.mimetype) == (503, "text/plain"), "a 503 in plain text"
    assert response.get_data(as_text=True) == MESSAGES["damaged"] + "\n", "the line says the index is damaged"


def test_the_server_refuses_to_start_on_a_deleted_generation_and_says_how_to_rebuild(built):
    index, _ = built
    shutil.rmtree(IndexStore(index).target())
    env = {**os.environ, "FLASK_INDEX_DIR": str(index)}
    done = subprocess.run([sys.executable, "-m", "webapp"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, "exit code"
    assert "which is gone" in done.stderr, f"the generation is named as gone, not as never built: {done.stderr}"
    assert done.stderr.endswith(f"rebuild it with python -m indexer build --index {index}\n"), "the command"


# -- A request a visitor got wrong: Swedish words, not parameter names ------------------------------------------

#: (query string, the message a visitor reads, the parameter the JSON error names for developers)
WRONG_REQUESTS = [
    ({"q": "a" * 501}, "Sökfrågan är för lång: högst 500 tecken.", "q"),
    ({"page": "0"}, "Sidnumret måste vara mellan 1 och 1000.", "page"),
    ({"page": "två"}, "Sidnumret måste vara ett heltal mellan 1 och 1000, inte 'två'.", "page"),
    ({"per_page": "51"}, "Antalet träffar per sida måste vara mellan 1 och 50.", "per_page"),
    ({"sort": "x"}, "Sorteringen kan vara relevans, titel eller andrad.", "sort"),
    ({"region": "x" * 101}, "Ett filterval för län är för långt: högst 100 tecken.", "region"),
    ({"kind": [str(n) for n in range(31)]}, "Högst 30 filterval för typ av innehåll.", "kind"),
]
PARAMETER_NAMES = re.compile(r"\b(q|page|per_page|sort|region|kind|actor)\b")


@pytest.mark.parametrize(("query", "message", "parameter"), WRONG_REQUESTS)
def test_a_wrong_request_is_told_in_swedish_words_on_the_page(built, query, message, parameter):
    response = built[1].test_client().get("/", query_string=query)
    alert = BeautifulSoup(response.data, "html.parser").select_one("[role=alert]").get_text()
    assert response.status_code == 400, "status"
    assert alert == message, "the message"
    assert not PARAMETER_NAMES.search(alert), "no parameter named"


@pytest.mark.parametrize(("query", "message", "parameter"), WRONG_REQUESTS)
def test_the_json_error_has_the_same_words_and_names_the_parameter_for_developers(built, query, message, parameter):
    response = built[1].test_client().get("/api/search", query_string=query)
    assert (response.status_code, response.get_json()) == (400, {"error": message, "parameter": parameter})


def test_a_suggestion_too_long_is_told_as_the_search_is(built):
    response = built[1].test_client().get("/api/suggest", query_string={"q": "a" * 101})
    assert response.get_json() == {"error": "Sökfrågan är för lång: högst 100 tecken.", "parameter": "q"}


def test_an_error_with_no_parameter_to_name_has_only_the_message(built):
    response = built[1].test_client().get("/api/sections/..%2Fetc")
    assert (response.status_code, response.get_json()) == (400, {"error": "Ogiltigt avsnitts-id."})
