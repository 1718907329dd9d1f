"""Elliptic compounds ("bostads- och lokalbyggande"): the first half is found as the word it stands for.

When the first half and the last part of the word after "och" make a word, the first half is that
compound ("bostadsbyggande"); when they do not ("små- och medelstora" is not "småstora"), the first
half is a word of its own, found as typed and never reported missing ("Saknas: små")."""

from __future__ import annotations

import pytest

from .conftest import client_for, page_of_sections

#: (section heading, its text): one section per elliptic compound.
SECTIONS = {
    "Anbud": "Små- och medelstora företag uppmuntras att lämna anbud.",
    "Markanvisning": "Kommunen planerar bostads- och lokalbyggande vid stationen.",
    "Mål": "Planen har kort- och långsiktiga mål för centrum.",
    "Utredning": "Utredningen väger för- och nackdelar med en ny bro.",
    "Laddning": "Fler laddplatser för el- och vätgasbilar vid pendlarparkeringen.",
    "Bransch": "Dialog med bygg- och fastighetsbranschen om ombyggnad.",
    "Pendling": "Statistik över in- och utpendling i regionen.",
    "Aktörer": "Både offentliga- och privata aktörer deltar i arbetet.",
    "Kollektivtrafik": "Nya gång- och cykelvägar till resecentrum.",
    "Barn": "Skolan följer kibbutz- och moshavbarn genom uppväxten.",
}

PAGE = page_of_sections("Stadsutveckling", SECTIONS)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("elliptic"), {"stadsutveckling.html": PAGE})


def hit(client, q: str, title: str) -> dict | None:
    results = client.get("/api/search", query_string={"q": q, "per_page": 50}).get_json()["results"]
    return next((result for result in results if result["title"] == title), None)


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("små företag", "Anbud"),  # the first half alone: "småstora" is no word
        ("små", "Anbud"),
        ("medelstora företag", "Anbud"),
        ("bostadsbyggande", "Markanvisning"),  # completed with the last part: a real compound
        ("lokalbyggande", "Markanvisning"),
        ("kortsiktiga", "Mål"),  # completed with an ending that makes a known word
        ("fördelar", "Utredning"),
        ("elbilar", "Laddning"),
        ("byggbranschen", "Bransch"),
        ("inpendling", "Pendling"),  # a particle for a particle
        ("offentliga aktörer", "Aktörer"),  # no compound follows: the first half as written
        ("gångvägar", "Kollektivtrafik"),
        ("kibbutz", "Barn"),  # a compound no rule confirms: the first half alone,
        ("kibbutzbarn", "Barn"),  # and the guessed compound beside it
    ],
)
def test_the_first_half_of_an_elliptic_compound_is_found_as_the_word_it_stands_for(client, q, title):
    found = hit(client, q, title)
    assert found is not None, f"{q!r} finds the section {title!r}"
    assert found["missing_terms"] == [], f"{q!r}: nothing reported missing in {title!r}"


def test_small_and_medium_companies_are_found_by_all_their_words_before_partial_matches(client):
    result = client.get("/api/search", query_string={"q": "små företag"}).get_json()
    assert result["used"]["complete"] == 1, "one section holds both words"
    assert result["results"][0]["title"] == "Anbud", "it is the first hit"
