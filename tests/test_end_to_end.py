"""The product as a visitor meets it: the real corpus, the real production server
process, queries over HTTP."""

import json

import pytest

from testkit.server import get, get_json, serving_corpus

from .conftest import REAL_CORPUS


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with serving_corpus(REAL_CORPUS, tmp_path_factory.mktemp("e2e")) as base:
        yield base


def test_high_speed_rail_finds_jonkoping_first_with_a_mark(server):
    status, body = get_json(server, "/api/search", q="höghastighetsjärnväg")
    first = body["results"][0]
    assert status == 200
    assert first["title"] == "Jönköpings kommun", "title"
    assert first["region"] == "Jönköpings län", "region"
    assert "<mark>" in first["snippet"]


def test_empty_query_counts_four_sections_in_skane(server):
    facets = get_json(server, "/api/search")[1]["facets"]["region"]
    counts = {value["value"]: value["count"] for value in facets}
    assert counts["Skåne län"] == 4, "sections in Skåne län with no query"


def test_the_page_is_served_in_swedish(server):
    status, mimetype, body = get(server, "/", q="hamn")
    assert status == 200, "status"
    assert mimetype == "text/html", "mimetype"
    assert '<html lang="sv">' in body, "a Swedish page"
    assert "Trelleborgs kommun" in body, "the hit"


def test_bad_parameter_is_400_over_http(server):
    status, mimetype, body = get(server, "/api/search", page="x")
    assert status == 400, "status"
    assert mimetype == "application/json", "mimetype"
    message = "Sidnumret måste vara ett heltal mellan 1 och 1000, inte 'x'."
    assert json.loads(body) == {"error": message, "parameter": "page"}, "the one error shape, naming the parameter"
