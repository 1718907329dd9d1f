"""A query of nothing but stop words finds the headings that hold them as typed (``webapp.headings``).

Stop words are not indexed, so "hur mycket" and "om oss" found nothing and said they held only stop words,
though a section is headed "Hur mycket kan ni söka?" and another "Om oss" (outsider18's attack results: an
e-service or a page named in stop words cannot be searched). The headings are read from the index's sort keys,
whole words in the order typed; a single common word ("och") alone is no heading's name and still finds nothing."""

import pytest

from .conftest import client_for, page_of_sections

SECTIONS = {
    "Hur mycket kan ni söka?": "Ni kan söka mellan 100 000 och 500 000 kronor.",
    "Vem är vi?": "Vi stöttar företag och kommuner.",
    "Om oss": "Regionen arbetar för hela länet.",
    "Kontakt": "Ring oss om ni har frågor om hur mycket ni kan söka.",
    "Handel och service": "Butiker och service på landsbygden.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stop-words")
    return client_for(folder, {"p.html": page_of_sections("Regionalt stöd", SECTIONS)})


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("hur mycket", ["Hur mycket kan ni söka?"]),
        ("Hur mycket?", ["Hur mycket kan ni söka?"]),
        ("om oss", ["Om oss"]),
        ("vem är vi", ["Vem är vi?"]),
        ("OM OSS", ["Om oss"]),
    ],
)
def test_a_query_of_stop_words_finds_the_headings_that_hold_them(client, q, expected):
    data = search(client, q)
    assert [hit["title"] for hit in data["results"]] == expected, f"{q!r}: the headings that hold its words in order"
    assert data["used"]["searchable"] is True, f"{q!r} was searched"
    assert [hit["coverage"] for hit in data["results"]] == [1.0], "the hit holds the whole query"
    assert data["results"][0]["matched_terms"] == [q.lower().rstrip("?")], "as the words typed together"
    assert data["notice"].startswith("Sökningen innehöll bara vanliga småord"), "the notice says why it is headings"
    assert "rubrik" in data["notice"], "and that only headings were searched"


@pytest.mark.parametrize("q", ["och", "mycket hur", "och i på att det", "om"])
def test_stop_words_no_heading_holds_in_that_order_find_nothing_as_before(client, q):
    data = search(client, q)
    assert data["total"] == 0, f"{q!r}: no heading holds these words in that order, or one common word alone"
    assert data["used"]["searchable"] is False, f"{q!r}: nothing to search, as before"


def test_the_page_lists_the_heading_found_by_stop_words(client):
    page = client.get("/", query_string={"q": "om oss"}).get_data(as_text=True)
    assert "Regionen arbetar för hela länet." in page, "the section headed 'Om oss' is shown"
