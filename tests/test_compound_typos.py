"""A compound the site never writes whole, misspelled in one part, is corrected as a word is
(``webapp/spelling.compound_corrections``): read as the indexer splits a compound, with the
misspelled part corrected to a word the index holds.

The page says "bredband" and "utbyggnaden", never "bredbandsutbyggnad": the word typed right is
found in its parts, and typed with a typo in either part it was found nowhere, with no suggestion.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .conftest import one_page_client

SECTIONS = {
    "Utbyggnad av bredband": "Bredband till alla hushåll på landsbygden. Utbyggnaden fortsätter i år.",
    "Kollektivtrafik": "Nya busslinjer och en strategi för kollektivtrafiken i regionen.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS, title="Infrastruktur")


def api(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    ("typed", "corrected"),
    [
        ("bredbandsutbygnad", "bredbandsutbyggnad"),  # a letter left out of the last part
        ("bredbandsutbyggand", "bredbandsutbyggnad"),  # two letters of the last part swapped
        ("bredbansutbyggnad", "bredbandsutbyggnad"),  # a letter left out of the first part
        ("kolektivtrafikstrategi", "kollektivtrafikstrategi"),  # a compound as the first part
    ],
)
def test_a_misspelled_compound_is_corrected_and_found(client, typed, corrected):
    result = api(client, typed)
    assert result["suggestion"] == corrected, "the compound with its part corrected"
    assert result["used"]["typo"], "the JSON says a correction was searched"
    assert result["total"] > 0, "the corrected compound finds its parts' section"


@pytest.mark.parametrize("typed", ["bredbandsutbygnad", "bredbansutbyggnad"])
def test_the_corrected_compound_finds_what_it_finds_typed_right(client, typed):
    wrong, right = api(client, typed), api(client, "bredbandsutbyggnad")
    found = [hit["title"] for hit in wrong["results"]]
    assert found == [hit["title"] for hit in right["results"]], "the same sections, in the same order"


def test_the_page_shows_the_corrected_compound(client):
    page = BeautifulSoup(client.get("/", query_string={"q": "bredbandsutbygnad"}).data, "html.parser")
    suggestion = page.select_one("p.suggestion")
    assert suggestion is not None, "the page says what it searched"
    assert suggestion.select_one("strong").get_text() == "bredbandsutbyggnad", "the corrected word emphasised"


@pytest.mark.parametrize(
    "typed",
    [
        "bredbandskabel",  # a compound of words spelled right: "kabel" is a word the site lacks, no typo
        "bredbandsutbyggnad",  # spelled right: found in its parts, nothing corrected
        "busslinjer",  # a word the site writes
    ],
)
def test_a_compound_spelled_right_is_not_corrected(client, typed):
    assert api(client, typed)["suggestion"] is None, "nothing to correct"
