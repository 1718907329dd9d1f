"""A compound whose first part is itself a compound (outside test D8): "besöksnäringsdagen" was
besök + näring + dag and never besöksnäring, "hemsändningsbidrag" and "lanthandeln" were not split."""

import pytest

from indexer.build import build
from indexer.words import compound_parts, inner_words
from webapp import create_app

from .conftest import page_of_sections, write_corpus

SECTIONS = {
    "Besöksnäringsdagen 2027": "Besöksnäringsdagen samlar länets företag i mars.",
    "Vad är hemsändningsbidrag?": "Kommunen kan ge hemsändningsbidrag till butiker.",
    "Lanthandeln i byn": "Lanthandeln säljer mat och tar emot paket.",
    "Nya bostäder": "Kommunen bygger bostäder i centrum.",
}


SYNONYMS = """
base = false  # this file alone: the shipped base list would add words of its own
[expand]
"turism" = ["besöksnäring"]
"affär" = ["handel"]
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("inner")
    corpus = write_corpus(root / "corpus", {"p.html": page_of_sections("Ord", SECTIONS)})
    (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    build(corpus, root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def titles(client, q: str) -> set[str]:
    return {hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("besöksnäring", {"Besöksnäringsdagen 2027"}),  # the compound inside the compound
        ("turism", {"Besöksnäringsdagen 2027"}),  # and so its synonyms, which need it whole
        ("affär", {"Lanthandeln i byn"}),  # its synonym handel, a part of lanthandel
        ("hemsändning", {"Vad är hemsändningsbidrag?"}),  # a particle word begins the compound
        ("bidrag", {"Vad är hemsändningsbidrag?"}),
        ("handel", {"Lanthandeln i byn"}),  # lant- is land
        ("stad", set()),  # "bostäder" is not bo + stad
        ("sändning", set()),  # a particle word stays whole: hemsändning is no kind of sändning
    ],
)
def test_a_compound_is_found_by_the_compounds_and_words_inside_it(client, q, expected):
    assert titles(client, q) == expected, f"the sections {q!r} finds"


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("besöksnäringsdag", ("besöksnäring",)),  # a head of two parts the word list knows
        ("stadsbyggnadskontor", ("stadsbyggnad", "byggnadskontor")),  # a head and a tail
        ("felparkeringsavgift", ("felparkering", "parkeringsavgift")),
        ("bostadsmarknad", ()),  # two parts: nothing inside but the parts
        ("höghastighetsjärnväg", ()),  # "höghastighet" and "hastighetsjärnväg" are no words the word list has
    ],
)
def test_the_known_compounds_inside_a_compound(lemma, expected):
    assert inner_words(lemma) == expected, f"the compounds inside {lemma}"


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [
        ("hemsändningsbidrag", ("hemsändning", "bidrag")),  # hemsändning: a particle word the word list lacks
        ("lanthandel", ("lant", "handel")),  # an irregular first part is held as written: lant- is no "land"
        ("lantbruk", ("lant", "bruk")),
        ("flerbostadshus", ("fler", "bostadshus")),  # fler-, multi-: no "flera"
        ("genväg", ()),  # "gen" is a prefix here, and begins "genomgång": never a first part
        ("genomgång", ()),
        ("hemsändning", ()),  # a particle word itself stays whole
    ],
)
def test_a_compound_begun_by_a_particle_word_or_an_irregular_first_part_is_split(lemma, expected):
    assert compound_parts(lemma) == expected, f"the parts of {lemma}"


# lant- is land only as the countryside, in words of their own (lanthandel, lantbruk, lantmätare): a search for
# "länder" (countries) or "land" does not mean them (outsider16: "länder" found "lanthandel"). A compound of the
# word land itself, joined as Swedish joins it (grannland, landsgräns, utvecklingsländer), is found by it.
COUNTRIES = {
    "Lanthandeln": "Byns lanthandel får stöd för att hålla öppet.",
    "Lantbruket": "Lantbrukarna i kommunen odlar spannmål.",
    "Grannländer": "Kommunen samarbetar med grannländerna kring turism.",
    "Vid gränsen": "Pendlingen över landsgränsen ökar.",
    "Världen": "Projektet samarbetar med andra länder i Europa.",
    "Butiker": "Handeln i centrum växer.",
}


@pytest.fixture(scope="module")
def countries(tmp_path_factory):
    root = tmp_path_factory.mktemp("countries")
    corpus = write_corpus(root / "corpus", {"p.html": page_of_sections("Kommunen", COUNTRIES)})
    build(corpus, root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("länder", {"Grannländer", "Vid gränsen", "Världen"}),  # not the village shop, nor the farm
        ("land", {"Grannländer", "Vid gränsen", "Världen"}),
        ("handel", {"Lanthandeln", "Butiker"}),  # the last part still finds the compound
        ("bruk", {"Lantbruket"}),
    ],
)
def test_an_irregular_first_part_is_no_search_for_its_lemma(countries, q, expected):
    assert titles(countries, q) == expected, f"the sections {q!r} finds"


@pytest.mark.parametrize(("q", "first"), [("lanthandel", "Lanthandeln"), ("lantbruk", "Lantbruket")])
def test_a_compound_of_an_irregular_first_part_finds_itself_and_no_country(countries, q, first):
    hits = [hit["title"] for hit in countries.get("/api/search", query_string={"q": q}).get_json()["results"]]
    assert hits[:1] == [first], f"{q!r} finds its own section first"
    assert not {"Grannländer", "Vid gränsen", "Världen"} & set(hits), f"{q!r} finds no section on countries"
