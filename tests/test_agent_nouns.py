"""Agent nouns and the words a query is read as (outside test D3): "pendlare" found nothing,
or was split into "pendl" and the place Åre, though sections said "pendla" and "pendlingen".
And persons and what they do: "cyklister" found no section about "cykelturism"."""

import pytest

from indexer.compounds import decompounder
from indexer.families import family, lemmas, persons

from .conftest import one_page_client

SECTIONS = {
    "Pendla till Umeå": "Allt fler väljer att pendla med tåg till jobbet.",
    "Pendlingen ökar": "Tåget förändrar pendlingen längs kusten.",
    "Inflyttning": "Kommunen arbetar för inflyttning och fler bostäder.",
    "Vintern i Åre": "Skidåkare och turister fyller Åre varje vinter.",
    "Vägar till arbete": "Nya vägar till arbete för unga.",
    # persons and what they do
    "Cykelturism": "Regionen satsar på cykelturism längs kusten.",
    "Lederna": "Nya cykelleder byggs mellan orterna.",
    "Turismen": "Turismen växer i fjällen.",
    "Innovationer": "Stöd till innovation i små företag.",
    "Entreprenörskap i skolan": "Skolan lär ut entreprenörskap.",
    "Arrangemang": "Föreningen vill arrangera en festival.",
    "Organismer": "Organismer i sjön mäts varje år.",
    "Verklighetens budget": "Realism i budgeten krävs.",
    "Näringslivet": "Kapitalism och marknad diskuteras.",
    "Kassaflöde": "Gamla datorer ska kasseras.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS)


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


# A person and what the person does or holds (``persons`` in word_families.toml), searched from the
# query only: "cyklister" found no section about "cykelturism", "cykelleder" or "cykeln".
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cyklister", {"Cykelturism", "Lederna"}),  # cykel, as a compound's first part
        ("cyklist", {"Cykelturism", "Lederna"}),
        ("turister", {"Turismen", "Cykelturism", "Vintern i Åre"}),  # turism, alone and as a compound's last part
        ("innovatörer", {"Innovationer"}),
        ("entreprenör", {"Entreprenörskap i skolan"}),
        ("arrangör", {"Arrangemang"}),  # arrangera
        ("organist", set()),  # listed apart: an organist plays no organism
        ("realister", set()),  # a realist is no search for realism
        ("kapitalist", set()),  # an investor, not the economic system
        ("kassör", set()),  # a cashier discards nothing
    ],
)
def test_a_person_finds_what_the_person_does_and_not_a_look_alike(client, q, expected):
    found = {hit["title"] for hit in search(client, q)["results"]}
    assert found == expected, f"the sections {q!r} finds"


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("turism", "Turismen"),  # the word as written ranks first, its person's sections after
        ("cykelturism", "Cykelturism"),
    ],
)
def test_the_word_as_written_ranks_above_its_person_relatives(client, q, first):
    titles = [hit["title"] for hit in search(client, q)["results"]]
    assert titles[:1] == [first], f"the first hit of {q!r}"


@pytest.mark.parametrize(
    ("word", "relatives"),
    [
        ("turist", {"turism"}),
        ("turism", {"turist"}),  # and back: the activity finds its person
        ("cyklist", {"cykel", "cykla"}),
        ("cykel", {"cyklist"}),
        ("innovatör", {"innovation", "innovera"}),
        ("ledare", {"ledarskap"}),
        ("realist", set()),
        ("operatör", set()),  # a bus company operates on no one
        ("utanför", set()),  # a preposition, no person of "utanförskap"
    ],
)
def test_a_person_and_its_activity_are_relatives_both_ways(word, relatives):
    assert set(persons(word)) == relatives, f"the person relatives of {word}"


@pytest.mark.parametrize("word", ["turist", "cyklist", "innovatör"])
def test_a_person_relative_is_never_written_into_the_index(word):
    # the index holds the word alone: its family (at index time) has no person relatives
    assert not set(persons(word)) & set(family(word)), f"the index-side family of {word}"


# A person's activity is a looser relative than a word's own family: searched at the family's weight
# squared, so a section that says "cyklister" ranks above those that name cycling in a heading only
# (outsider18 d3: the only section that said "cyklister" came 5th, under "Tyck till om cykelvägarna").
PERSON_SECTIONS = {
    "Stråket": "Stråket är fyra kilometer långt och har separata ytor för cyklister och gående.",
    "Tyck till om cykelvägarna": "Har du förslag om en cykelväg? Använd kartan.",
    "Cykelparkering vid stationen": "Fler platser med tak och lås.",
}


@pytest.fixture(scope="module")
def person_client(tmp_path_factory):
    return one_page_client(tmp_path_factory, PERSON_SECTIONS, "Trafik i staden")


@pytest.mark.parametrize("q", ["cyklister", "cyklist"])
def test_a_section_that_says_the_person_ranks_above_those_that_name_the_activity(person_client, q):
    titles = [hit["title"] for hit in search(person_client, q)["results"]]
    assert titles[:1] == ["Stråket"], f"the section that says {q!r} first: {titles}"
    assert set(titles) == set(PERSON_SECTIONS), f"the activity's sections still follow: {titles}"
