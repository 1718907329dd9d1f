"""Swedish users find what they mean: inflections, compounds, å/ä/ö, typos,
through the real API and page on the bundled corpus."""

import pytest
from bs4 import BeautifulSoup

from .conftest import client_for


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("järnväg", "Jönköpings kommun"),  # the text says "höghastighetsjärnväg"
        ("bostad", "Jönköpings kommun"),  # "bostäder"
        ("verkstad", "Boverket"),  # "framtidsverkstäder"
        ("gotaland", "Västa Götalandsregionen"),  # typed without ö
        ("näringslivsutvecklng", "Utveckla svenska städer"),  # a typo
        ("hamnar", "Trelleborgs kommun"),  # "hamnen", "hamnområde"
        ("kristiansstad", "Krinova Science Park"),
        ("vasternorrland", "Sundsvalls kommun"),
        ("politiker", "Krinova Science Park"),  # the editors' "medPolitiker"
    ],
)
def test_the_right_section_comes_first_in_api_and_page(real_client, q, first):
    api = real_client.get("/api/search", query_string={"q": q}).get_json()
    page = BeautifulSoup(real_client.get("/", query_string={"q": q}).data, "html.parser")
    assert api["results"][0]["title"] == first
    assert page.select_one("li.hit h2 a").get_text() == first


def test_a_hit_on_a_compound_part_marks_the_whole_word(real_client):
    snippet = real_client.get("/api/search?q=järnväg").get_json()["results"][0]["snippet"]
    assert "<mark>höghastighetsjärnväg</mark>" in snippet


def test_a_folded_hit_marks_the_word_as_written(real_client):
    snippet = real_client.get("/api/search?q=overkalix").get_json()["results"][0]["snippet"]
    assert "<mark>Överkalix</mark>" in snippet


def test_elliptic_compound_is_found_by_its_full_form(real_client):
    titles = [r["title"] for r in real_client.get("/api/search?q=bostadsmarknad").get_json()["results"]]
    assert set(titles[:2]) == {"Jönköpings kommun", "Ystads kommun"}  # "bostads- och arbetsmarknad"


def test_compound_query_matches_text_that_writes_it_apart(real_client):
    titles = [r["title"] for r in real_client.get("/api/search?q=regional utvecklingsstrategi").get_json()["results"]]
    assert titles[0] == "Umeå kommun"


@pytest.mark.parametrize(
    ("q", "suggestion"),
    [
        ("sundsval", "sundsvall"),
        ("kristiansstad", "kristianstad"),
        ("näringslivsutvecklng", "näringslivsutveckling"),
        ("hamn sundsval", "hamn sundsvall"),
        ("hamn", None),
        ("goteborgsregionen", None),  # folded, not misspelled
        ("zxqv", None),  # nothing near it: no suggestion
    ],
)
def test_suggestion_comes_from_the_index_vocabulary(real_client, q, suggestion):
    assert real_client.get("/api/search", query_string={"q": q}).get_json()["suggestion"] == suggestion


def test_page_says_it_shows_the_corrected_words_and_offers_the_words_as_typed(real_client):
    soup = BeautifulSoup(real_client.get("/?q=hamn sundsval").data, "html.parser")
    note = soup.select_one(".suggestion")
    corrected, as_typed = note.select_one("a.corrected"), note.select_one("a.as-typed")
    text = note.get_text(" ", strip=True)
    expected = "Visar träffar för hamn sundsvall . Sök i stället efter hamn sundsval"
    assert text == expected, "the page says what was searched, not a question"
    assert [s.get_text() for s in corrected.select("strong")] == ["sundsvall"], "the corrected word is emphasised"
    assert corrected["href"] == "/?q=hamn+sundsvall", "the corrected words' own search"
    assert as_typed["href"] == "/?q=hamn+%22sundsval%22", "the word the search corrected, in quotes"


def test_a_word_in_quotes_is_searched_as_typed_not_corrected(real_client):
    data = real_client.get("/api/search", query_string={"q": '"sundsval"'}).get_json()
    assert data["suggestion"] is None, "a word in quotes is not corrected"
    assert data["total"] == 0, "no section holds the word as typed"


TYPO_PAGES = {
    "p.html": "<main><h1>Bygden</h1><p>Om bygden.</p><h2>G</h2>"
    "<h3>Fiber till byn</h3><p>Bredband på landsbygden byggs ut.</p>"
    "<h3>Service</h3><p>Butiker på landsbygden.</p>"
    "<h3>Stan</h3><p>Bredband i stan.</p></main>"
}


@pytest.fixture(scope="module")
def typo_client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("typo"), TYPO_PAGES)


def test_a_hit_names_the_corrected_word_it_lacks_in_api_and_page(typo_client):
    api = typo_client.get("/api/search", query_string={"q": "bredbnad landsbygden"}).get_json()
    missing = {hit["title"]: hit["missing_terms"] for hit in api["results"]}
    assert missing["Service"] == ["bredband"], "a hit lacks the word searched, not the misspelling"
    page = BeautifulSoup(typo_client.get("/", query_string={"q": "bredbnad landsbygden"}).data, "html.parser")
    lines = {hit.select_one("h2 a").get_text(): hit.select_one(".missing") for hit in page.select("li.hit")}
    required = lines["Service"].select_one("a")
    assert lines["Service"].get_text(" ", strip=True) == "Saknas: bredband | Måste innehålla: bredband", "named so"
    assert required["href"] == "/?q=%22bredband%22+landsbygden", "the corrected word required, in quotes"
    followed = BeautifulSoup(typo_client.get(required["href"]).data, "html.parser")
    titles = [a.get_text() for a in followed.select("li.hit h2 a")]
    assert titles[0] == "Fiber till byn", "requiring the corrected word finds the section that holds it first"
    assert "Service" not in titles, "and never the section that lacks it"


def test_typed_without_swedish_letters_finds_both_exact_first_and_typed_with_them_only_exact(tmp_path):
    pages = {
        "p.html": "<h1>Sidor</h1><p>x</p><h2>G</h2>"
        "<h3>Om kärna</h3><p>En stark kärna i regionen.</p>"
        "<h3>Om karna</h3><p>En stark karna i regionen.</p>"
    }
    client = client_for(tmp_path, pages)

    def titles(q):
        return [r["title"] for r in client.get("/api/search", query_string={"q": q}).get_json()["results"]]

    assert titles("karna") == ["Om karna", "Om kärna"], "typed without dots: both"
    assert titles("kärna") == ["Om kärna"], "typed with: the exact word only"


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("lagen", "Vem betalar?"),  # a word the site holds: its real word first, then "Läget" folded
        ("lage", "Läget i länet"),  # no word the site holds: the spelling with ä is the word
    ],
)
def test_a_word_typed_without_swedish_letters_is_first_the_word_it_spells_if_the_site_holds_it(tmp_path, q, first):
    pages = {
        "p.html": "<h1>Gruvan</h1><p>x</p><h2>G</h2>"
        "<h3>Läget i länet</h3><p>Utbyggnaden av bredband går framåt i hela länet.</p>"
        "<h3>Vem betalar?</h3><p>Bolaget ersätter enligt minerallagen den som måste flytta när "
        "staden flyttas, och kommunen ansvarar för planeringen av de nya kvarteren.</p>"
    }
    found = client_for(tmp_path, pages).get("/api/search", query_string={"q": q}).get_json()["results"]
    assert found[0]["title"] == first, f"{q!r}: the section with the word it spells comes first"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("bussar", ["Bussen", "Bussarna"]),  # a plural that is also the present of "bussa"
        ("båtar", ["Båten"]),  # ... of "båta"
        ("cyklar", ["Cykeln"]),  # ... of "cykla"
        ("delar", ["Delen", "Dela"]),  # "dela" (share) and "del" (part): both words
    ],
)
def test_a_form_of_two_words_finds_the_sections_of_either(tmp_path, q, expected):
    pages = {
        "p.html": "<h1>Trafik</h1><p>x</p><h2>G</h2>"
        "<h3>Bussen</h3><p>Bussen går varje timme.</p>"
        "<h3>Bussarna</h3><p>Bussarna är nya.</p>"
        "<h3>Båten</h3><p>Båten går till ön.</p>"
        "<h3>Cykeln</h3><p>Cykeln står vid stationen.</p>"
        "<h3>Delen</h3><p>Den största delen av budgeten.</p>"
        "<h3>Dela</h3><p>Vi vill dela erfarenheter.</p>"
    }
    found = client_for(tmp_path, pages).get("/api/search", query_string={"q": q}).get_json()["results"]
    assert sorted(hit["title"] for hit in found) == sorted(expected), "every section holding either word"


def test_it_is_information_technology_not_the_verb_se(tmp_path):
    pages = {
        "p.html": "<h1>Kontakt</h1><p>x</p><h2>G</h2>"
        "<h3>IT-stöd</h3><p>Vi ger IT-stöd till små företag.</p>"
        "<h3>Kontakt</h3><p>Skriv till info@kommun.se så ser vi till att svara.</p>"
    }
    found = client_for(tmp_path, pages).get("/api/search", query_string={"q": "IT"}).get_json()["results"]
    assert [hit["title"] for hit in found] == ["IT-stöd"], "IT finds IT, not '.se' or 'ser'"
