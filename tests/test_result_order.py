"""The relevance order, and how a client reads it from the JSON.

A section is searched in what it stands under too (its page's heading, ``schema.CONTEXT_FIELDS``), and it
gains from the best section of its page (``rerank.by_page``): every section of a page titled "Energieffektiva
småföretag" is found by "energieffektiv". One that holds the query's words only there scores
``rerank.BORROWED_SHARE`` of its score (``rerank.by_own_words``), so a section of another page that says the
word itself, even as a derivation weighted below the word, is not pushed down by all of them.

The order is ``rerank.relevance_order``: how much of the query a hit holds (``coverage``, 1 for every word),
then its score. Both are in each result, so a client that sorts by them gets the order it was given.
"""

from __future__ import annotations

import pytest

from webapp.rerank import FULL_COVERAGE

from .conftest import client_for, page_of_sections

PAGES = {
    # every section under a page heading with the word, none saying it itself
    "foretag.html": page_of_sections(
        "Energieffektiva småföretag",
        {
            "Om projektet": "Projektet hjälper företag att sänka sina kostnader.",
            "Resultat hittills": "Tjugo företag har fått besök av en rådgivare.",
            "Deltagare": "Företag i fyra kommuner deltar i satsningen.",
            "Budget": "Projektet har en budget på tre miljoner kronor.",
            "Tidplan": "Projektet pågår till och med år 2026.",
        },
    ),
    # the word's derivation in a section's own heading
    "fastigheter.html": page_of_sections(
        "Kommunens fastigheter",
        {
            "Energieffektivisering i kommunens lokaler": "Kommunen byter belysning och ventilation i skolorna.",
            "Underhåll": "Husen underhålls enligt en plan.",
        },
    ),
    "nyheter.html": page_of_sections(
        "Nyheter",
        {
            "Ny rapport": "En rapport om energieffektivisering i industrin har kommit.",
            "Seminarium": "Välkommen till ett seminarium om energieffektiva lokaler.",
            "Bredband": "Ett seminarium om bredband hålls i maj.",
        },
    ),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("order"), PAGES)


def results(client, q: str, **params) -> list[dict]:
    return client.get("/api/search", query_string={"q": q, **params}).get_json()["results"]


def test_a_section_that_holds_the_word_ranks_above_those_that_hold_it_only_in_their_pages_heading(client):
    found = results(client, "energieffektiv")
    titles = [hit["title"] for hit in found]
    borrowing = [n for n, hit in enumerate(found) if hit["matched_fields"] == ["context"]]
    assert len(borrowing) == 5, "the five sections under the heading 'Energieffektiva småföretag' are found"
    assert titles[0] == "Energieffektiva småföretag", "the page whose own heading holds the word is first"
    assert titles.index("Energieffektivisering i kommunens lokaler") < min(borrowing), (
        "the section whose own heading holds the word's derivation ranks above every section that holds the word "
        "only in its page's heading (before: below all five)"
    )


@pytest.mark.parametrize(
    ("q", "params"),
    [
        ("energieffektiv seminarium", {}),  # partial matches: one section holds both words
        ("energieffektiv bredband", {}),  # no section holds both
        ("energieffektiv", {}),  # every hit holds the word
        ("energieffektiv seminarium", {"page": 2, "per_page": 3}),
    ],
)
def test_the_results_are_in_the_order_of_their_coverage_then_score(client, q, params):
    found = results(client, q, **params)
    keys = [(-hit["coverage"], -hit["score"]) for hit in found]
    assert found, f"{q!r} finds sections"
    assert keys == sorted(keys), f"{q!r}: coverage, highest first, then score, highest first"
    assert all(0 < hit["coverage"] <= FULL_COVERAGE for hit in found), "coverage is a share of the query"


def test_a_hit_that_holds_more_of_the_query_is_listed_above_a_higher_score_and_says_so(client):
    found = results(client, "energieffektiv seminarium")
    first, lead = found[0], next(hit for hit in found if hit["title"] == "Energieffektiva småföretag")
    assert (first["title"], first["coverage"]) == ("Seminarium", FULL_COVERAGE), "the section with both words first"
    assert lead["score"] > found[1]["score"], "the page's lead scores more than the hit listed second"
    assert lead["coverage"] < found[1]["coverage"], "and holds less of the query, which the JSON shows"


def test_every_hit_holds_all_of_the_query_when_enough_sections_hold_every_word(client):
    assert {hit["coverage"] for hit in results(client, "energieffektiv")} == {FULL_COVERAGE}, "no partial match"


def test_a_listing_of_every_section_has_no_coverage_and_no_score(client):
    found = results(client, "")
    assert found, "an empty query lists every section"
    assert {(hit["coverage"], hit["score"]) for hit in found} == {(None, None)}, "nothing was searched"
