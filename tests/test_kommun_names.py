"""A kommun named in the query also finds the sections the kommun publishes (``webapp/places.py``).

A kommun's own site seldom spells its name: Västerås's page on a detaljplan talks of Öster
Mälarstrand and Svartån. The indexer tags each section with the kommun that publishes it
(``indexer/publishers.municipality``: an organisation that is the kommun, else the kommun the
host names), and the query reads a kommun's name as that tag, below the text's own words.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from indexer import publishers
from webapp.places import marked_as_names

from .conftest import client_for

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{h1}</title>{meta}
<link rel="canonical" href="{url}"></head>
<body><main><h1>{h1}</h1><p>{lead}</p><h2>{heading}</h2><p>{text}</p></main></body></html>"""


def page(url: str, h1: str, lead: str, heading: str, text: str, publisher: str = "") -> str:
    meta = f'<meta name="author" content="{publisher}">' if publisher else ""
    return PAGE.format(url=url, h1=h1, lead=lead, heading=heading, text=text, meta=meta)


PAGES = {
    "vasteras.html": page(
        "https://www.vasteras.se/bygga/detaljplan-oster-malarstrand.html",
        "Detaljplan för Öster Mälarstrand",
        "Planen ger plats för bostäder vid vattnet.",
        "Samråd om planen",
        "Lämna synpunkter på förslaget längs Svartån.",
        publisher="Västerås stad",
    ),
    "mora.html": page(  # no organisation named: the host says the kommun
        "https://www.morakommun.se/forskola/noret.html",
        "Ny förskola i Noret",
        "Förskolan öppnar till hösten.",
        "Ansök om plats",
        "Ansökan görs i e-tjänsten.",
    ),
    "tillvaxtverket.html": page(  # names Västerås in its text, published by no kommun
        "https://tillvaxtverket.se/projekt/busslinjer.html",
        "Nya busslinjer i Västerås",
        "Projektet prövar snabbussar mellan Västerås och Eskilstuna.",
        "Resultat",
        "Fler reser kollektivt.",
        publisher="Tillväxtverket",
    ),
    "umu.html": page(  # a university in Umeå is not the kommun Umeå
        "https://www.umu.se/forskning/stadsodling.html",
        "Forskning om stadsodling",
        "Forskare följer odlingar på tak.",
        "Metod",
        "Intervjuer och mätningar.",
        publisher="Umeå universitet",
    ),
    "lund.html": page(  # names Lund in its text, nowhere beside Västerås
        "https://tillvaxtverket.se/projekt/cykelstråk.html",
        "Cykelstråk i Lund",
        "Kommunen bygger ett nytt stråk genom centrum.",
        "Tidplan",
        "Arbetet blir klart nästa år.",
        publisher="Tillväxtverket",
    ),
    "mark-skolskjuts.html": page(  # Marks kommun's own pages: "Mark" is also the word for land
        "https://www.mark.se/skola/skolskjuts/",
        "Skolskjuts",
        "Elever som har långt till skolan kan få skolskjuts.",
        "Ansök om skolskjuts",
        "Ansökan görs hos handläggaren.",
        publisher="Marks kommun",
    ),
    "mark-altan.html": page(
        "https://www.mark.se/bygga/altan/",
        "Bygglov för altan",
        "En hög altan behöver bygglov.",
        "Ritningar",
        "Skicka in ritningarna via e-tjänsten.",
        publisher="Marks kommun",
    ),
    "exempel-mark.html": page(  # another kommun's page on land
        "https://www.exempel.se/naringsliv/mark.html",
        "Mark för företag",
        "Kommunen säljer mark för verksamheter.",
        "Priser",
        "Priset beror på läget.",
    ),
    "klippan-bibliotek.html": page(  # Klippans kommun: "klippan" is also "the rock" (place_words.toml)
        "https://www.klippan.se/bibliotek/oppettider.html",
        "Bibliotekets öppettider",
        "Biblioteket har öppet alla vardagar.",
        "Sommartider",
        "På sommaren stänger biblioteket tidigare.",
        publisher="Klippans kommun",
    ),
    "exempel-klippan.html": page(
        "https://www.exempel.se/fritid/klattring.html",
        "Klättring på klippan",
        "Vid sjön finns en klippa för klättring.",
        "Säkerhet",
        "Använd alltid hjälm.",
    ),
}

PLAN = {"Detaljplan för Öster Mälarstrand", "Samråd om planen"}  # Västerås's own sections
MARK = {"Skolskjuts", "Ansök om skolskjuts", "Bygglov för altan", "Ritningar"}  # Marks kommun's own sections
KLIPPAN = {"Bibliotekets öppettider", "Sommartider"}  # Klippans kommun's own sections
BUSES = "Nya busslinjer i Västerås"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("kommun-names"), PAGES)


def api(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def titles(result: dict) -> list[str]:
    return [hit["title"] for hit in result["results"]]


@pytest.mark.parametrize(
    ("organisation", "actor", "host", "kommun"),
    [
        ("Västerås stad", "Kommun", "www.vasteras.se", "Västerås"),
        ("", "Kommun", "vasteras.se", "Västerås"),  # the host alone
        ("", "Kommun", "morakommun.se", "Mora"),  # the host with its suffix
        ("Falu kommun", "Kommun", "", "Falun"),  # an irregular genitive
        ("Göteborgs Stad", "Kommun", "goteborg.se", "Göteborg"),
        ("Region Gotland", "Region", "gotland.se", None),  # a region, not the kommun
        ("Umeå universitet", "Annan organisation", "www.umu.se", None),
        ("Tillväxtverket", "Myndighet", "tillvaxtverket.se", None),
        ("", "Kommun", "habo.se", None),  # Habo and Håbo: the host cannot tell them apart
    ],
)
def test_the_kommun_that_publishes_a_section(organisation, actor, host, kommun):
    assert publishers.municipality(organisation, actor, host) == kommun, "the publisher's kommun"


@pytest.mark.parametrize("q", ["västerås", "Västerås", "vasteras", "västerås stad", "Västerås kommun"])
def test_a_kommuns_name_finds_the_sections_it_publishes(client, q):
    result = api(client, q)
    assert PLAN <= set(titles(result)), "the kommun's own sections, though their text never names it"
    assert result["used"]["municipalities"] == [{"word": q, "municipalities": ["Västerås"]}], "the JSON says so"
    assert result["suggestion"] is None, "a kommun's name is no typo"


LAND = {"Mark för företag", "Priser"}  # the page on land, its heading and the section under it
ROCK = {"Klättring på klippan", "Säkerhet"}


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("mark", LAND),  # land: not every page of Marks kommun (ambiguous_places.txt)
        ("köpa mark", LAND),
        ("Mark för företag", LAND),  # a capital on the first of several words says nothing, as a sentence's
        ("klippan", ROCK),  # the rock: not Klippans kommun's library (place_words.toml)
    ],
)
def test_a_kommuns_name_that_is_an_everyday_word_alone_is_the_word(client, q, found):
    result = api(client, q)
    assert set(titles(result)) == found, "only the sections under a heading that holds the word"
    assert result["used"]["municipalities"] == [], "no kommun named"


@pytest.mark.parametrize(
    ("q", "kommun", "own"),
    [
        ("marks kommun", "Mark", MARK),  # with its suffix, as the indexer reads "Marks kommun" in text
        ("mark kommun", "Mark", MARK),
        ("klippans kommun", "Klippan", KLIPPAN),
        ("mora kommun", "Mora", {"Ny förskola i Noret"}),
        ("mora", "Mora", {"Ny förskola i Noret"}),  # a surname in text, but a search for it means the kommun (review)
        ("västerås", "Västerås", PLAN),  # a name that is no everyday word still names the kommun alone
    ],
)
def test_a_kommuns_name_that_is_an_everyday_word_names_it_with_its_suffix(client, q, kommun, own):
    result = api(client, q)
    assert own <= set(titles(result)), "the kommun's own sections"
    assert result["used"]["municipalities"] == [{"word": q, "municipalities": [kommun]}], "the JSON says so"


@pytest.mark.parametrize(
    ("q", "word", "kommun", "own"),
    [
        ("Mark", "Mark", "Mark", MARK),  # typed with a capital: the name (review S4)
        ("skolskjuts i mark", "mark", "Mark", MARK),  # after a preposition of place
        ("skolskjuts från mark", "mark", "Mark", MARK),
        ("skolskjuts i Mark", "Mark", "Mark", MARK),
        ("bibliotek i klippan", "klippan", "Klippan", KLIPPAN),
        ("flytta till Klippan", "Klippan", "Klippan", KLIPPAN),
    ],
)
def test_a_kommuns_name_that_is_an_everyday_word_names_it_typed_as_a_name(client, q, word, kommun, own):
    result = api(client, q)
    assert own <= set(titles(result)), f"{q!r}: the kommun's own sections"
    named = result["used"]["municipalities"]
    assert named == [{"word": word, "municipalities": [kommun]}], f"{q!r}: the JSON names the kommun, not {named}"


def test_a_section_that_names_the_kommun_ranks_above_those_it_publishes(client):
    assert titles(api(client, "västerås"))[0] == BUSES, "the text's own word scores above the publisher's tag"


def test_a_topic_and_the_kommun_find_its_section_complete(client):
    result = api(client, "samråd västerås")
    assert titles(result)[0] == "Samråd om planen", "the section holding the topic and published by the kommun"
    assert result["results"][0]["missing_terms"] == [], "it holds the kommun's name through its tag"


def test_the_kommun_is_read_from_the_host_when_no_organisation_is_named(client):
    assert "Ny förskola i Noret" in titles(api(client, "mora kommun")), "morakommun.se is Mora's site"


@pytest.mark.parametrize("q", ["förskola", "stadsodling", "planen"])
def test_a_word_that_is_no_place_is_searched_as_before(client, q):
    result = api(client, q)
    assert result["used"]["municipalities"] == [], "no kommun named"
    assert result["used"]["places"] == [], "no place named"


def test_the_page_says_what_the_kommuns_name_also_found(client):
    page = BeautifulSoup(client.get("/", query_string={"q": "västerås"}).data, "html.parser")
    note = page.select_one("p.municipalities")
    assert note is not None, "a note under the count"
    assert note.get_text(" ", strip=True).startswith("Visar även avsnitt från kommunen Västerås för ”västerås”."), (
        "which kommun's sections the word found"
    )


@pytest.mark.parametrize(
    ("q", "places"),
    [
        ("umeå", ["umeå"]),  # a kommun that publishes nothing here: its university's pages are not the kommun's
        ("märsta", ["märsta"]),  # a tätort
        ("marsta", ["marsta"]),  # the tätort typed without å, ä, ö
    ],
)
def test_a_place_no_section_names_is_no_spelling_mistake(client, q, places):
    result = api(client, q)
    assert result["total"] == 0, "nothing here names the place"
    assert result["used"]["places"] == places, "the JSON names the place typed"
    assert result["notice"] == f"”{q}” är ett ortnamn som inget avsnitt på webbplatsen nämner.", "the notice says so"
    assert result["suggestion"] is None, "a place's name is not corrected to another word"
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    assert "Kontrollera stavningen" not in page, "no spelling tip for a name spelled right"


def test_a_word_found_nowhere_that_is_no_place_still_gets_the_spelling_tip(client):
    page = client.get("/", query_string={"q": "qxzvwk"}).get_data(as_text=True)
    assert "Kontrollera stavningen" in page, "the tip stays for what may be a typo"


@pytest.mark.parametrize(
    "q",
    [
        '"lund" "västerås"',  # both named, never in one section: nothing found, yet the site names each
        "lund -lund",  # a contradiction (its notice says so), of a place the site names
        "umeå -umeå",  # a contradiction, of a place the site never names
    ],
)
def test_a_search_that_finds_nothing_for_another_reason_gives_no_place_notice(client, q):
    result = api(client, q)
    assert result["total"] == 0, "nothing found"
    assert "ortnamn" not in (result["notice"] or ""), "the site names the place, or the query contradicts itself"


def test_a_contradiction_of_a_place_still_says_it_contradicts_itself(client):
    notice = api(client, "lund -lund")["notice"]
    assert notice == "Sökningen både kräver och utesluter ”lund”, så inget avsnitt kan passa.", "the reason"


@pytest.mark.parametrize(
    ("q", "tip"),
    [
        ("umeå xyzxyzord", True),  # the place is spelled right, the other word may be a typo
        ("xyzxyzord umeå", True),
        ('"umeå" xyzxyzord', True),
        ('"umeå"', False),  # in quotes, still a place
        ("umeå märsta", False),  # every word found nowhere is a place
    ],
)
def test_the_spelling_tip_is_for_a_word_found_nowhere_that_is_no_place(client, q, tip):
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    assert ("Kontrollera stavningen" in page) == tip, "a word that is no place may be misspelled; a place is not"


@pytest.mark.parametrize(
    ("q", "left_out"),
    [
        ("planen -västerås", PLAN),  # Västerås's own pages, though their text never names it
        ("ansökan -mora", {"Ansök om plats"}),
        ('ansökan -"mora"', set()),  # in quotes: the word as written, which Mora's pages never hold
    ],
)
def test_a_kommun_excluded_leaves_out_the_sections_it_publishes(client, q, left_out):
    shown = set(titles(api(client, q)))
    assert not left_out & shown, "a kommun typed with a minus leaves out its own sections, as typed alone finds them"


def test_a_kommun_excluded_keeps_the_sections_of_others(client):
    assert "Ansök om plats" in titles(api(client, "ansökan -västerås")), "Mora's section stays"


# A site of Marks kommun's pages alone, none of which says "mark" (land), nor "boden", "klippan" or "vara".
ONLY_MARK = {name: PAGES[name] for name in ("mark-skolskjuts.html", "mark-altan.html")}


@pytest.fixture(scope="module")
def only_mark(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("only-mark"), ONLY_MARK)


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("mark", set()),  # land: the word, which no section says
        ("köpa mark", set()),
        ("Köpa mark", set()),  # a capital on the first of several words says nothing
        ("ta till vara mark", set()),  # "ta till vara" (make use of) is no preposition of place before a name
        ("marks", set()),  # the word's genitive ("markens", "marks värde"), as the name's
        ("boden", set()),  # the shed, as a search means it; Bodens kommun only with its suffix
        ("klippan", set()),  # the rock (place_words.toml: words)
        ("skolskjuts mark", {"Skolskjuts", "Ansök om skolskjuts"}),  # a partial match lacks the word, as any word
    ],
)
def test_an_everyday_word_that_names_a_kommun_only_with_its_suffix_is_searched_as_a_word(only_mark, q, found):
    """Review N12: "mark" on Marks kommun's own pages found nothing and said "”mark” är ett ortnamn som inget
    avsnitt på webbplatsen nämner", though the visitor searched the word for land, as any word."""
    result = api(only_mark, q)
    assert set(titles(result)) == found, f"the sections that hold the words of {q!r}"
    assert "ortnamn" not in (result["notice"] or ""), f"no notice says a place in {q!r} is missing"
    assert result["used"]["places"] == [], f"{q!r} names no place"
    assert result["used"]["municipalities"] == [], f"{q!r} names no kommun"


@pytest.mark.parametrize(
    ("q", "places"),
    [
        ("bodens kommun", ["bodens"]),  # with its suffix the word names the kommun, which publishes nothing here
        ("umeå", ["umeå"]),  # a name that is no everyday word, alone
        ("Boden", ["Boden"]),  # typed with a capital (review S4)
        ("bostäder i boden", ["boden"]),  # after a preposition of place
        ("centrum i vara", ["vara"]),
        ("projekt från Vara", ["Vara"]),
    ],
)
def test_a_kommun_typed_as_a_name_that_the_site_never_names_is_still_a_place(only_mark, q, places):
    result = api(only_mark, q)
    assert result["used"]["places"] == places, f"{q!r} names the place"
    assert result["notice"] == f"”{places[0]}” är ett ortnamn som inget avsnitt på webbplatsen nämner.", "it says so"


def test_an_everyday_word_found_nowhere_gets_the_spelling_tip_as_any_word(only_mark):
    page = client_page(only_mark, "mark")
    assert "Kontrollera stavningen" in page, "the tip any word found nowhere gets ('köpa' gets it too)"
    assert "ortnamn" not in page, "no notice of a missing place"


def client_page(client, q: str) -> str:
    return client.get("/", query_string={"q": q}).get_data(as_text=True)


# (the words as typed, whether each is written as a name): a capital after a capitalised word that is no place is a
# surname ("Anna Berg" looks a contact person up), after a place it is still a name ("Luleå Boden")
MARKED_AFTER_CAPITALS = [
    (["Anna", "Berg"], [False, False]),
    (["kontakt", "Karin", "Mark"], [False, True, False]),
    (["Luleå", "Boden"], [False, True]),
    (["skolskjuts", "i", "Mark"], [False, False, True]),
]


@pytest.mark.parametrize(
    ("typed", "marked"), MARKED_AFTER_CAPITALS, ids=[" ".join(t) for t, _ in MARKED_AFTER_CAPITALS]
)
def test_a_capital_after_a_capitalised_word_that_is_no_place_is_a_surname(typed, marked):
    assert marked_as_names(typed) == marked, f"{typed!r}: which words are written as a place's name"
