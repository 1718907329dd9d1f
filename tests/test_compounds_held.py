"""What holds a compound typed as one word: the word, its derivation, or its parts standing together.

A compound is derived as its head is: "energieffektiv" (energi + effektiv) has "energieffektivisering",
as effektiv has effektivisering, though the word list knows neither compound
(``families.compound_family``). A section that says the derivation holds the word, so the word is not
read as its parts, and it ranks above any section that holds only a part in its own words, with the
rest in the page's heading above (outside test, outsider14 D5: "Nätverk för energi och klimat", whose
text says "energinätverk" under a page headed "Energieffektivisering …", was first for
"energieffektiv").

A compound no section holds in any form ("energirådgivning" here) is read as its parts, and a section
holds the word only where they stand together in its own heading, text or contact
(``wordquery._together``): "Rådgivning om energi". A section with the parts otherwise (one in its text
and one in the heading above, or far apart) holds as much of the word as its best part, or half of it
(``partial.APART_SHARE``), whichever is more (``partial.Coverage._parts_spread``).
"""

from __future__ import annotations

import pytest

from indexer.families import compound_family
from webapp.rerank import FULL_COVERAGE

from .conftest import client_for, page_of_sections

PAGES = {
    "lokaler.html": page_of_sections(
        "Energieffektivisering i lokaler",
        {
            "Stöd att söka": "Fastighetsägare kan få stöd för energieffektivisering av skolor och förskolor.",
            "Vårt nätverk": "I vårt energinätverk möts företag varje kvartal för att lära av varandra.",
        },
    ),
    "skolor.html": page_of_sections(
        "Skolor",
        {
            "Nya skolor": "Kommunen väljer kostnadseffektiva lösningar när nya skolor byggs.",
            "Trygga skolvägar": "Arbetet med trafiksäkerhet kring skolorna fortsätter under året.",
            "Effektiv skolskjuts": "Skolskjutsen planeras om. Bussarnas energi kommer från biogas som görs lokalt.",
        },
    ),
    "hemmet.html": page_of_sections(
        "Energi i hemmet",
        {
            "Rådgivning om energi": "Kommunen ger kostnadsfria råd till villaägare.",
            "Boka tid": "Boka rådgivning via telefon eller e-post.",
            "Om oss": "Vi ger rådgivning till hushåll i hela kommunen. Frågor om elavtal, värme och energi i "
            "bostäder besvaras också.",
        },
    ),
    "foretag.html": page_of_sections(
        "Företag", {"Rådgivning för nya företag": "Den som startar ett företag får rådgivning av kommunen."}
    ),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("compounds-held"), PAGES)


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def titles(data: dict) -> list[str]:
    return [hit["title"] for hit in data["results"]]


@pytest.mark.parametrize(
    ("compound", "head", "derived"),
    [
        ("energieffektiv", "effektiv", {"energieffektivisera", "energieffektivisering", "energieffektivitet"}),
        ("energieffektivisering", "effektivisering", {"energieffektivisera", "energieffektiv"}),
        ("stadsmodern", "modern", {"stadsmodernisera", "stadsmodernisering"}),
        ("trafiksäker", "säker", {"trafiksäkerhet"}),  # an adjective's quality noun
        ("cykelväg", "väg", set()),  # a head with no family
        ("planlösning", "lösning", set()),  # a floor plan: "planlösa" (aimless) is unrelated, as reviewed
        ("effektiv", "effektiv", set()),  # no compound: nothing in front of the head
    ],
)
def test_a_compound_is_derived_as_its_head_is(compound, head, derived):
    assert set(compound_family(compound, head)) == derived, f"the relatives of {compound!r} through {head!r}"


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("energieffektiv", "Stöd att söka"),  # "energieffektivisering" in its text
        ("kostnadseffektivisering", "Nya skolor"),  # "kostnadseffektiva"
        ("trafiksäker", "Trygga skolvägar"),  # "trafiksäkerhet"
    ],
)
def test_a_compound_finds_its_derivation_and_is_not_read_as_its_parts(client, q, found):
    data = search(client, q)
    assert found in titles(data), f"{q!r} finds {found!r}"
    hit = data["results"][titles(data).index(found)]
    assert hit["missing_terms"] == [], f"{found!r} holds {q!r} itself, by its derivation, not as its parts"
    holders = [h["coverage"] == FULL_COVERAGE for h in data["results"]]
    assert holders == sorted(holders, reverse=True), "the sections holding the word come before those of its head"


@pytest.mark.parametrize("holding", ["Energieffektivisering i lokaler", "Stöd att söka"])  # heading, text
def test_a_section_that_says_the_word_or_its_derivation_ranks_above_those_that_hold_only_its_parts(client, holding):
    found = titles(search(client, "energieffektiv"))
    only_parts = [title for title in ("Vårt nätverk", "Effektiv skolskjuts") if title in found]
    assert holding in found, f"{holding!r} is found"
    assert all(found.index(holding) < found.index(title) for title in only_parts), (
        f"{holding!r} ranks above {only_parts} (a part in its own words, the rest above it or apart)"
    )


def test_a_compound_read_as_its_parts_is_held_where_they_stand_together_in_a_sections_own_words(client):
    data = search(client, "energirådgivning")
    coverage = {hit["title"]: hit["coverage"] for hit in data["results"]}
    assert data["notice"] == (
        "Bara 1 avsnitt innehåller alla delar av ordet ”energirådgivning” tillsammans: ”energi” och ”rådgivning”. "
        "Efter det visas avsnitt som innehåller någon av delarna."
    ), "the notice counts the sections where the parts stand together"
    assert titles(data)[0] == "Rådgivning om energi", "the parts together in its heading: first"
    assert coverage["Rådgivning om energi"] == FULL_COVERAGE, "it holds the word"


@pytest.mark.parametrize(
    "spread",
    [
        "Boka tid",  # "rådgivning" in its text, "energi" only in the page's heading above it
        "Om oss",  # both in its text, far apart
    ],
)
def test_a_compound_whose_parts_a_section_holds_apart_is_held_in_part(client, spread):
    coverage = {hit["title"]: hit["coverage"] for hit in search(client, "energirådgivning")["results"]}
    one_part = coverage["Rådgivning för nya företag"]  # "rådgivning" only, on a page with no "energi"
    assert coverage[spread] < FULL_COVERAGE, f"{spread!r} does not hold the word (before: all of it)"
    assert coverage[spread] >= one_part, f"{spread!r} holds at least as much as a section with one part"


def test_a_section_holding_some_parts_together_is_not_read_as_holding_them_apart(real_client):
    """ "höghastighetståg": Jönköping's "höghastighetsjärnväg" holds "hög" and "hastighet" together and lacks
    "tåg"; it is no section with every part spread over its fields, and ranks above those holding "hög" alone."""
    results = real_client.get("/api/search", query_string={"q": "höghastighetståg"}).get_json()["results"]
    assert results[0]["title"] == "Jönköpings kommun", "the high-speed railway project first"
