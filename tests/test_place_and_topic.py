"""A query of a place and a topic: the place narrows, the topic is the need (``partial.PLACE_SHARE``).

A tiny site of three regions' pages, each with a section on a topic (housing, harbours, cycle paths) and a
section that names a kommun of the län but not the topic, and, for each topic, three pages of other län that
hold it. No section holds both words, so partial matches rank the sections by how much of the query they hold.
The kommun is named in one section, the topic in four: by its rarity alone the place weighed more than the topic,
and the section naming the kommun, whose page holds the topic elsewhere, went before the region's section on the
topic, whose page names the kommun (outsider17: "bostad skellefteå"). Capped at 0.75 of the topic, the place weighed
so little that the topic anywhere in Sweden went before a section of the kommun without it (review S7: "jobb i
umeå"): it weighs at most ``PLACE_WORD_SHARE`` (1.25) of one other word, and a page of the kommun's län that names
it holds ``PLACE_PAGE_SHARE`` (0.75) of it.
"""

from __future__ import annotations

import pytest

from .conftest import client_for
from .conftest import page_of_sections as page

PAGES = {
    # the regions' pages: a section on the topic, a section on one of the län's kommuner
    "regionvasterbotten.se/utveckling/boende.html": page(
        "Boende och tillväxt",
        {
            "Regionens bostadsprogram": "Regionen stöttar kommunerna när de planerar nya bostäder för fler invånare.",
            "Skellefteå växer": "Skellefteå får tusentals nya jobb. Skellefteå behöver fler invånare.",
        },
    ),
    "regionkalmar.se/utveckling/gods.html": page(
        "Gods och sjöfart",
        {
            "Hamnarnas roll": "Länets hamnar tar emot allt mer gods från Östersjön.",
            "Kärnkraften": "Oskarshamn satsar på kärnkraftens framtid och nya företag.",
        },
    ),
    "oskarshamn.se/kommun/fullmaktige.html": page(  # the kommun publishes too: its name finds its sections
        "Kommunfullmäktige", {"Sammanträden": "Fullmäktige sammanträder i stadshuset varje månad."}
    ),
    "regiongavleborg.se/utveckling/cykling.html": page(
        "Cykling i länet",
        {
            "Regionala cykelvägar": "Regionen bygger fler cykelvägar mellan orterna.",
            "En stad vid havet": "Gävle får en ny stadsdel vid havet med skolor och parker.",
        },
    ),
    # the topic in the kommun's län, on a page that does not name the kommun
    "regionvasterbotten.se/utveckling/program.html": page(
        "Bostadsförsörjning", {"Länets behov": "Länet behöver fler bostäder för unga."}
    ),
    "regionkalmar.se/utveckling/smabatar.html": page("Småbåtar", {"Gästhamnar": "Hamnar för gästande båtar rustas."}),
    "regiongavleborg.se/utveckling/turism.html": page("Cykelturism", {"Längs kusten": "Cykelvägar för turister."}),
    # the topics elsewhere
    "vaxjo.se/bo/centrum.html": page("Nya bostäder i centrum", {"Byggstart": "Kommunen bygger bostäder vid sjön."}),
    "lund.se/bo/brunnshog.html": page("Bostäder på Brunnshög", {"Etapp två": "Fler bostäder och en ny park."}),
    "orebro.se/bo/bygge.html": page("Bostadsbyggandet ökar", {"Statistik": "Fler bostäder byggdes i år."}),
    "trelleborg.se/hamn/flytt.html": page("Hamnen flyttar", {"Ny kaj": "Hamnen får en ny kaj för färjorna."}),
    "ystad.se/hamn/farja.html": page("Färjehamnen", {"Trafik": "Hamnen tar emot färjor från Bornholm."}),
    "lulea.se/hamn/malm.html": page("Malmhamnen", {"Utbyggnad": "Hamnen byggs ut för fler fartyg."}),
    "umea.se/trafik/cykel.html": page("Cykelvägar i staden", {"Nya stråk": "Nya cykelvägar längs älven."}),
    "malmo.se/trafik/cykel.html": page("Cykelvägar i Malmö", {"Snabbcykelväg": "En cykelväg till Lund."}),
    "linkoping.se/trafik/cykel.html": page("Cykelvägar i Linköping", {"Vinterväghållning": "Cykelvägar plogas."}),
    "lund.se/arbete/lediga.html": page("Lediga tjänster", {"Sök hos oss": "Kommunen har många lediga jobb."}),
    "orebro.se/arbete/ferie.html": page("Feriearbete", {"För unga": "Kommunen erbjuder jobb till unga varje sommar."}),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("place-and-topic"), PAGES)


@pytest.mark.parametrize(
    ("q", "topic", "place"),
    [
        ("bostad skellefteå", "Regionens bostadsprogram", "Skellefteå växer"),
        ("skellefteå bostäder", "Regionens bostadsprogram", "Skellefteå växer"),
        ("hamn oskarshamn", "Hamnarnas roll", "Kärnkraften"),  # a kommun that publishes sections of its own
        ("cykelväg gävle", "Regionala cykelvägar", "En stad vid havet"),
    ],
)
def test_the_topic_near_the_place_goes_before_the_place_without_the_topic(client, q, topic, place):
    result = client.get("/api/search", query_string={"q": q}).get_json()
    ranked = [hit["title"] for hit in result["results"]]
    assert result["used"]["complete"] == 0, f"no section holds every word of {q!r}"
    assert ranked[0] == topic, f"{q!r}: the section on the topic whose page names the place first, not {ranked[0]!r}"
    assert ranked.index(place) == 1, f"{q!r}: then the section naming the place whose page holds the topic"


@pytest.mark.parametrize(("q", "place"), [("bostad skellefteå", "skellefteå"), ("hamn oskarshamn", "oskarshamn")])
def test_a_place_weighs_at_most_a_little_more_than_one_other_word_however_rare(client, q, place):
    result = client.get("/api/search", query_string={"q": q}).get_json()
    weights = {term["word"]: term["weight"] for term in result["results"][0]["coverage_terms"]}
    topic = next(word for word in weights if word != place)
    assert weights[place] <= 1.25 * weights[topic] + 0.001, f"{q!r}: the place narrows, the topic is the need {weights}"
    assert weights[place] > weights[topic], f"{q!r}: a place named less than the topic still outweighs it: {weights}"


@pytest.mark.parametrize(
    ("q", "place", "elsewhere"),
    [
        ("jobb i umeå", "Nya stråk", ["Sök hos oss", "För unga"]),  # Umeå kommun's section on cycle paths
        ("hamn oskarshamn", "Sammanträden", ["Ny kaj", "Trafik", "Utbyggnad"]),
    ],
)
def test_the_place_without_the_topic_goes_before_the_topic_elsewhere(client, q, place, elsewhere):
    result = client.get("/api/search", query_string={"q": q, "per_page": 50}).get_json()
    ranked = [hit["title"] for hit in result["results"]]
    for other in elsewhere:
        assert ranked.index(place) < ranked.index(other), f"{q!r}: {place!r} is in the place, {other!r} not: {ranked}"


def test_two_other_words_elsewhere_go_before_the_place_alone(client):
    result = client.get("/api/search", query_string={"q": "hamn färja oskarshamn", "per_page": 50}).get_json()
    ranked = [hit["title"] for hit in result["results"]]
    for both in ("Trafik", "Ny kaj"):  # Ystad's and Trelleborg's harbours for ferries
        assert ranked.index(both) < ranked.index("Sammanträden"), f"the place weighs less than two words: {ranked}"


def test_a_query_of_places_only_keeps_their_rarity(client):
    result = client.get("/api/search", query_string={"q": "gävle skellefteå"}).get_json()
    weights = [term["weight"] for term in result["results"][0]["coverage_terms"]]
    assert weights == [0.5, 0.5], "two places named once each weigh alike"


@pytest.mark.parametrize(
    ("q", "near", "far"),
    [
        ("bostad skellefteå", "Länets behov", ["Byggstart", "Etapp två", "Statistik"]),
        ("hamn oskarshamn", "Gästhamnar", ["Ny kaj", "Trafik", "Utbyggnad"]),
        ("cykelväg gävle", "Längs kusten", ["Nya stråk", "Snabbcykelväg", "Vinterväghållning"]),
    ],
)
def test_the_topic_in_the_kommuns_lan_goes_before_the_topic_elsewhere(client, q, near, far):
    result = client.get("/api/search", query_string={"q": q, "per_page": 50}).get_json()
    ranked = [hit["title"] for hit in result["results"]]
    assert all(ranked.index(near) < ranked.index(other) for other in far), f"{q!r}: the kommun's län first: {ranked}"
    hit = result["results"][ranked.index(near)]
    place = q.split()[1]
    held = {term["word"]: (term["held"], term["as"]) for term in hit["coverage_terms"]}
    assert held[place] == (0.25, "county"), f"{q!r}: the section holds a share of the kommun by its län"
    assert hit["missing_terms"] == [place], f"{q!r}: and still lacks the kommun's name"
