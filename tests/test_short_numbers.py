"""A short number (one or two digits) never makes a partial match by itself (``partial.SHORT_NUMBER_DIGITS``).

Tables and facts boxes are full of "1" and "12": "<script>alert(1)</script>" found nine sections that hold the
digit 1 and none of the words (outsider18's attack results). A number still narrows a query with words, is
required among complete matches, and a query of numbers alone searches them as before."""

import pytest

from .conftest import one_page_client

SECTIONS = {
    "Fakta om projektet": "Projektperiod: 1 januari 2025 till 31 december 2026. Antal deltagare: 12.",
    "Solceller på taket": "Solcellerna ger el till 1 200 hushåll i kommunen.",
    "Hushåll i länet": "Antalet hushåll växer i hela länet.",
    "Projektlista": "Projekt 1: Torget. Projekt 2: Parken. Projekt 12: Hamnen.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS, "Projekt i kommunen")


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("<script>alert(1)</script>", []),  # no word of it is on the site: the digit alone finds nothing
        ("xyzzy 12", []),
        ("hushåll 1", ["Solceller på taket", "Hushåll i länet"]),  # the number narrows, the word finds
        ("parken 12", ["Projektlista"]),
    ],
)
def test_a_short_number_alone_makes_no_partial_match(client, q, expected):
    assert titles(client, q) == expected, f"{q!r}: the sections that hold a word of it, those with every word first"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("1 200", {"Solceller på taket"}),  # numbers alone are searched as numbers
        ("12", {"Fakta om projektet", "Projektlista"}),
        ("2025 xyzzy", {"Fakta om projektet"}),  # a year is no short number: it finds as any word does
    ],
)
def test_numbers_are_searched_as_before(client, q, expected):
    assert set(titles(client, q)) == expected, f"{q!r}: found as before"


def test_a_query_whose_words_are_nowhere_says_which_as_any_such_query_does(client):
    data = client.get("/api/search", query_string={"q": "<script>alert(1)</script>"}).get_json()
    assert data["total"] == 0, "no hit for a digit alone"
    assert set(data["used"]["nowhere"]) == {"script", "alert"}, "the words no section holds, as for 'xyzzy qwerty'"
