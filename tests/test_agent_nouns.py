"""Agent nouns and the words a query is read as (outside test D3): "pendlare" found nothing,
or was split into "pendl" and the place Åre, though sections said "pendla" and "pendlingen"."""

import pytest

from indexer.compounds import decompounder
from indexer.families import family, lemmas

from .conftest import client_for, page_of_sections

SECTIONS = {
    "Pendla till Umeå": "Allt fler väljer att pendla med tåg till jobbet.",
    "Pendlingen ökar": "Tåget förändrar pendlingen längs kusten.",
    "Inflyttning": "Kommunen arbetar för inflyttning och fler bostäder.",
    "Vintern i Åre": "Skidåkare och turister fyller Åre varje vinter.",
    "Vägar till arbete": "Nya vägar till arbete för unga.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("agents"), {"p.html": page_of_sections("Ord", SECTIONS)})


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("pendlare", {"Pendla till Umeå", "Pendlingen ökar"}),  # a known agent noun: its verb's family
        ("pendlarna", {"Pendla till Umeå", "Pendlingen ökar"}),
        ("inflyttare", {"Inflyttning"}),  # unknown to the word list: read as its verb, inflytta
        ("inflyttarna", {"Inflyttning"}),
        ("genvägar", set()),  # not "gen" + "vägar": "gen" begins no compound
    ],
)
def test_an_agent_noun_finds_its_verbs_family_and_never_a_place_made_of_its_ending(client, q, expected):
    assert {hit["title"] for hit in search(client, q)["results"]} == expected, f"the sections {q!r} finds"


@pytest.mark.parametrize("q", ["pendlare", "inflyttare", "arbetspendlare", "turistare", "genvägar"])
def test_a_notice_never_names_a_stem_or_a_place_the_visitor_did_not_type(client, q):
    # "turistare" is corrected to "turister" (it is no word the word list knows), not read as turist + Åre
    notice = search(client, q)["notice"] or ""
    for named in ("”pendl”", "”inflytt”", "”åre”", "”gen”"):
        assert named not in notice, f"the notice for {q!r} names {named}"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("inflyttare", ("inflytta", "inflyttare")),  # unknown: the verb first, as "plogningen" is ploga
        ("inflyttaren", ("inflytta", "inflyttare")),
        ("inflyttarnas", ("inflytta", "inflyttare")),
        ("pendlarnas", ("pendlare",)),  # an unknown form of a known agent noun: the noun
    ],
)
def test_an_agent_noun_the_word_list_does_not_know_is_read_as_its_verb(word, expected):
    assert lemmas(word) == expected, f"the lemmas of {word}"


@pytest.mark.parametrize(
    ("word", "relatives"),
    [
        ("pendlare", {"pendla", "pendling"}),
        ("forskare", {"forska", "forskning"}),
        ("pendla", {"pendlare", "pendling"}),  # and the verb has the agent noun, so "pendlare" finds "pendla"
        ("kammare", set()),  # a chamber combs nothing (listed apart)
        ("läkare", set()),  # a doctor: not "läka" on this site
    ],
)
def test_an_agent_noun_and_its_verb_are_one_family(word, relatives):
    assert set(family(word)) == relatives, f"the family of {word}"


@pytest.mark.parametrize("word", ["pendlåre", "turiståre", "inflyttåre"])
def test_a_place_whose_name_spells_an_ending_never_ends_a_compound(word):
    # what "pendlare" becomes with å put back: Åre is "-are" with a ring
    assert decompounder().split(word) is None, f"{word} is no compound of a place"
