"""A län named in the query also finds the sections tagged with it (``webapp/places.py``).

A tiny site: Skellefteå's cycle path (tagged Västerbottens län by its heading's
kommun, never naming the län), a national programme that names Västerbotten
and Norrbotten, Skåne's cycle paths, Oskarshamn's harbour (Kalmar län, so
Småland) and Borgholm's harbour (Öland, Kalmar län).
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from whoosh import query as wq

from webapp import places, scoring

from .conftest import client_for, searching, write_corpus

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{h1}</title></head>
<body><main><h1>{h1}</h1><h2 id="{anchor}">{heading}</h2><p>{text}</p></main></body></html>"""

#: (file, the page's heading, its one section's anchor, heading and text)
SECTIONS = [
    ("skelleftea", "Cykelvägar i Skellefteå", "cykelvag", "Ny cykelväg till hamnen", "En ny cykelväg längs älven."),
    ("aurora", "Interreg Aurora", "aurora", "Samarbete i norr", "Programmet omfattar Västerbotten och Norrbotten."),
    ("skane", "Cykelvägar i Skåne", "regionala", "Regionala cykelvägar", "Nya cykelvägar mellan orterna."),
    ("oskarshamn", "Oskarshamns hamn", "kaj", "Ny kaj i hamnen", "Hamnen får en ny kaj för färjorna."),
    ("borgholm", "Borgholms småbåtshamn", "gasthamn", "Gästhamnen", "Platser för gästande båtar."),
]
PAGES = {
    f"{name}.html": PAGE.format(h1=h1, anchor=anchor, heading=heading, text=text)
    for name, h1, anchor, heading, text in SECTIONS
}

CYCLE_PATH = "Ny cykelväg till hamnen"  # Skellefteå: tagged Västerbottens län, never says it


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from indexer.build import build

    root = tmp_path_factory.mktemp("places")
    build(write_corpus(root / "corpus", PAGES), root / "index")
    return root / "index"


@pytest.fixture
def run(index):
    with searching(index) as run:
        yield run


def titles(result: dict) -> list[str]:
    return [hit["title"] for hit in result["results"]]


def test_the_fixture_tags_the_cycle_path_with_its_lan_though_its_text_never_names_it(run):
    hit = next(hit for hit in run("cykelväg")["results"] if hit["title"] == CYCLE_PATH)
    assert hit["regions"] == ["Västerbottens län"], "the indexer's tag, from the kommun in the page's heading"


@pytest.mark.parametrize(
    "q",
    [
        "cykelväg västerbotten",
        "cykelväg Västerbottens",
        "cykelväg västerbottens län",
        "cykelvag vasterbotten",  # typed without å, ä, ö
        "cykelväg övre norrland",  # a programme area of two whole län
        "cykelväg norrland",  # a landsdel
    ],
)
def test_a_topic_and_a_lan_find_the_section_tagged_with_it_first_and_complete(run, q):
    result = run(q)
    assert titles(result)[:1] == [CYCLE_PATH], "the section tagged with the län first"
    assert result["results"][0]["missing_terms"] == [], "it holds every word: the län through its tag"
    assert result["used"]["complete"] == 1, "only it holds both"


@pytest.mark.parametrize(
    ("typed", "regions"),
    [
        ("västerbotten", ("Västerbottens län",)),
        ("Västerbottens", ("Västerbottens län",)),
        ("Västra Götalands län", ("Västra Götalands län",)),
        ("skane", ("Skåne län",)),  # without å, ä, ö
        ("kalmar län", ("Kalmar län",)),
        ("gotland", ("Gotlands län",)),  # the kommun is the whole län
        ("småland", ("Jönköpings län", "Kronobergs län", "Kalmar län")),  # a landskap over three län
        ("sydsverige", ("Skåne län", "Blekinge län")),  # a programme area
        ("jämtland härjedalen", ("Jämtlands län",)),
        ("kalmar", ()),  # the seat: a kommun
        ("öland", ()),  # a landskap within one län
        ("skellefteå", ()),  # a kommun
        ("län", ()),
        ("hamn", ()),
    ],
)
def test_a_place_name_stands_for_these_lan(typed, regions):
    assert places.named(typed) == regions, "the gazetteer's län for the name as typed"


@pytest.mark.parametrize(
    ("q", "regions"),
    [
        ("västerbotten", ["Västerbottens län"]),
        ("Västerbottens län", ["Västerbottens län"]),
        ("småland", ["Kalmar län"]),  # of Småland's three län, only Kalmar's sections are here
    ],
)
def test_the_json_says_which_tagged_lan_a_place_word_also_found(run, q, regions):
    assert run(f"hamn {q}")["used"]["regions"] == [{"word": q, "regions": regions}], "the word as typed, its län"


@pytest.mark.parametrize(
    "q",
    [
        "hamn kalmar",  # the kommun Kalmar: only "kalmar län" is the län
        "hamn uppsala",  # likewise a seat that gives its län its name
        "hamn oskarshamn",  # a kommun: the harbour says it, not its län
        "hamn öland",  # a landskap within one län
        "hamn skaraborg",  # a delregion
        "hamn län",  # the word län alone
        'hamn "skåne"',  # a word in quotes is the word only
        "hamn dalarna",  # a län no section is tagged with: nothing to add, nothing to say
    ],
)
def test_a_kommun_a_part_of_a_lan_or_a_quoted_name_is_only_a_word(run, q):
    assert run(q)["used"]["regions"] == [], "no län searched"


def test_a_kommun_in_the_query_does_not_find_its_lans_other_kommuner(run):
    result = run("hamn kalmar")
    assert result["used"]["complete"] == 0, "Oskarshamn's harbour does not hold 'kalmar'"
    first = result["results"][0]
    assert first["missing_terms"] == ["kalmar"], "a partial match, lacking the kommun"


def test_a_landskap_over_several_lan_finds_the_harbour_in_one_of_them(run):
    result = run("kaj småland")
    assert titles(result)[:1] == ["Ny kaj i hamnen"], "Oskarshamn, in Kalmar län, in Småland"
    assert result["used"]["complete"] == 1, "it holds every word"


def test_a_section_naming_the_lan_ranks_above_one_only_tagged_with_it(run):
    ranked = titles(run("västerbotten"))
    assert ranked == ["Samarbete i norr", CYCLE_PATH], "the named first, then the tagged"


def test_partial_matches_count_the_lan_as_held_by_its_tagged_sections(run):
    result = run("cykelväg västerbotten xyzzy")
    assert titles(result)[:1] == [CYCLE_PATH], "the section holding the most of the query first"
    assert result["results"][0]["missing_terms"] == ["xyzzy"], "it lacks only the word nowhere"
    assert result["notice"].endswith("Inget avsnitt innehåller: ”xyzzy”."), "the län is not reported missing"


def test_a_region_filter_on_the_named_lan_keeps_the_topic_in_that_lan(run):
    result = run("cykelväg västerbotten", filters={"region": ("Västerbottens län",)})
    assert titles(result)[:1] == [CYCLE_PATH], "the cycle path in the län first"
    assert result["used"]["complete"] == 1, "the only section in the län with both"
    assert all("västerbotten" not in hit["missing_terms"] for hit in result["results"]), "all in the län hold it"


def test_a_region_filter_on_another_lan_shows_its_sections_lacking_the_named_one(run):
    result = run("cykelväg västerbotten", filters={"region": ("Skåne län",)})
    assert titles(result) == ["Regionala cykelvägar"], "Skåne's cycle paths"
    assert result["results"][0]["missing_terms"] == ["västerbotten"], "which are not in Västerbotten"


@pytest.mark.parametrize("q", ["cykelväg västerbotten", "hamn småland", "kaj kalmar län xyzzy", "norrland"])
def test_vectors_and_whoosh_rank_place_queries_the_same(run, q, monkeypatch):
    by_vectors = run(q)
    monkeypatch.setattr(scoring, "supported", lambda searcher: False)
    by_whoosh = run(q)
    assert [h["id"] for h in by_whoosh["results"]] == [h["id"] for h in by_vectors["results"]], "the same order"
    assert [h["score"] for h in by_whoosh["results"]] == [h["score"] for h in by_vectors["results"]], "same scores"


def test_a_tag_term_is_scored_as_whoosh_scores_it(run):
    query = wq.Term(places.REGIONS_FIELD, "Västerbottens län", boost=0.7)
    vector = scoring.vector(run.searcher, query, run.postings.terms)
    whoosh = {hit.docnum: hit.score for hit in run.searcher.search(query, limit=None, optimize=False)}
    assert {docnum: float(vector[docnum]) for docnum in whoosh} == whoosh, "the weight times the boost"
    assert int((vector > 0).sum()) == len(whoosh), "and nothing else"


def test_the_page_says_that_sections_in_the_lan_are_included_with_a_link_to_the_word_alone(tmp_path):
    client = client_for(tmp_path, PAGES)
    page = BeautifulSoup(client.get("/?q=cykelväg västerbotten").get_data(as_text=True), "html.parser")
    note = page.select_one(".regions")
    assert note.get_text(" ", strip=True) == (
        "Visar även avsnitt om Västerbottens län för ”västerbotten”. Sök bara efter ”västerbotten”"
    ), "the note, in Swedish"
    alone = BeautifulSoup(client.get(note.select_one("a")["href"]).get_data(as_text=True), "html.parser")
    assert alone.select_one(".regions") is None, "the word alone searches no län"
