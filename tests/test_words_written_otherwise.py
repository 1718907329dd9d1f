"""A word a visitor types otherwise than the site writes it still finds it (outside test, outsider18).

* A name that ends in capitals is one word: "BankID" is "bankid", not "bank" and "id", so "bankid"
  typed in lowercase finds it (it found nothing, the only such word of a 30-page site).
* Three equal consonants are written as two where a compound's parts meet: "nattåget" is natt + tåg,
  so "natt" finds it (it was read as "nate" + tåg).
* A word the site writes with a hyphen or a space inside, typed closed: "ehandel" is e-handel,
  "popup" is "pop up" (both found nothing, with no suggestion).
* A misspelled compound is searched as its correction typed: its parts too, where they stand
  together ("översvämnigsskydd" found only the sections that hold the whole word).
"""

import pytest

from .conftest import one_page_client

SECTIONS = {
    "Så ansöker du": "Du loggar in i e-tjänsten med BankID och fyller i formuläret.",
    "Nattåget": "Nattåget mellan Malmö och Stockholm får fler avgångar.",
    "Handel i centrum": "Butikerna satsar på e-handel och hemleveranser.",
    "Tomma lokaler": "Tomma lokaler blir pop up-butiker under sommaren.",
    "Vallen": "Kommunen bygger ett översvämningsskydd längs ån.",
    "Skydd mot höga flöden": "Ett skydd mot översvämning behövs där ån svämmar över.",
    "Parkering": "Parkeringen vid stationen är öppen dygnet runt.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS, title="Ord skrivna på annat sätt")


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def headings(result: dict) -> set[str]:
    return {hit["title"] for hit in result["results"]}


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("bankid", "Så ansöker du"),
        ("BankID", "Så ansöker du"),
        ("natt", "Nattåget"),
        ("ehandel", "Handel i centrum"),
        ("popup", "Tomma lokaler"),
        ("översvämnigsskydd", "Skydd mot höga flöden"),
    ],
)
def test_a_word_typed_otherwise_finds_the_section_that_writes_it(client, q, found):
    result = search(client, q)
    assert found in headings(result), f"{q!r} should find the section {found!r}, found {headings(result)}"


@pytest.mark.parametrize(
    ("q", "suggested"),
    [
        ("ehandel", "e-handel"),
        ("popup", "pop up"),
        ("översvämnigsskydd", "översvämningsskydd"),
    ],
)
def test_the_visitor_is_told_how_the_site_writes_the_word(client, q, suggested):
    result = search(client, q)
    assert result["suggestion"] == suggested, f"{q!r} should suggest {suggested!r}, not {result['suggestion']!r}"


def test_a_misspelled_compound_finds_what_its_correction_finds(client):
    typo, correct = search(client, "översvämnigsskydd"), search(client, "översvämningsskydd")
    assert headings(typo) == headings(correct), "a corrected compound should find what the word typed right finds"


@pytest.mark.parametrize("q", ["ehandel", "popup"])
def test_a_word_typed_closed_does_not_find_sections_without_it(client, q):
    assert "Parkering" not in headings(search(client, q)), f"{q!r} should not find a section without the word"
