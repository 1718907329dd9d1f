"""A compound typed alone that the index holds also finds its parts, after the sections that hold it.

"nattågstrafiken" found only the section that says "nattågstrafik", not those about "nattåget" that
"nattåg" finds (outside test, outsider15 D5): a compound was searched as its parts only when no
section held it. Now, when fewer sections than a page hold it, the sections that hold one of its
parts follow them, as partial matches that say which part they lack, the rarer part first.
"""

import pytest

from .conftest import client_for, page_of_sections

PAGES = {
    "tag.html": page_of_sections(
        "Resor i länet",
        {
            "Avtalet förlängs": "Avtalet om nattågstrafik till Östersund förlängs till 2030.",
            "Nattåget": "Nattåget går alla dagar i veckan under vintern.",
            "Bussar": "Trafiken med buss ökar varje år.",
            "Trafikplan": "Trafiken i staden planeras om.",
        },
    ),
    "mat.html": page_of_sections("Mat", {"Lunch": "Skolmaten lagas i köket."}),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("compound-alone"), PAGES)


@pytest.fixture(scope="module")
def result(client) -> dict:
    return client.get("/api/search", query_string={"q": "nattågstrafiken"}).get_json()


def test_the_section_that_holds_the_word_comes_first_and_complete(result):
    first = result["results"][0]
    assert first["title"] == "Avtalet förlängs", f"the word's section first: {result['results']}"
    assert (first["coverage"], first["matched_terms"]) == (1.0, ["nattågstrafiken"]), f"it holds the word: {first}"


@pytest.mark.parametrize(
    ("title", "missing"),
    [
        ("Nattåget", ["trafiken"]),
        ("Bussar", ["nattåg"]),
    ],
)
def test_a_section_with_one_part_is_a_partial_match_that_names_the_part_it_lacks(result, title, missing):
    hit = next((hit for hit in result["results"] if hit["title"] == title), None)
    assert hit is not None, f"{title!r} holds a part of the word: {[h['title'] for h in result['results']]}"
    assert hit["missing_terms"] == missing, f"{title!r} lacks {missing}: {hit}"
    assert hit["coverage"] < 1.0, f"{title!r} holds less than the word: {hit['coverage']}"


def test_the_rarer_part_ranks_first_and_a_section_with_no_part_is_not_found(result):
    titles = [hit["title"] for hit in result["results"]]
    assert titles.index("Nattåget") < titles.index("Bussar"), f"nattåg is rarer than trafik: {titles}"
    assert "Lunch" not in titles, f"no part of the word: {titles}"


def test_the_notice_names_the_parts(result):
    assert "”nattåg” och ”trafiken”" in (result["notice"] or ""), f"the notice names the parts: {result['notice']}"
