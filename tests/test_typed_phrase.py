"""A name with stop words in it is found as typed (``webapp.rerank.by_phrase``).

Stop words are not indexed, so "min ansökan", the name of an e-service, searched "ansökan" alone, and a section
that says "ansökan" most ranked above the one that names "Min ansökan" (outsider18's attack results). Among the
best hits, a section whose heading or text holds the query's words as typed, stop words and all, gains a share of
the best score: only for a query of two or more words with a stop word among them."""

import pytest

from .conftest import one_page_client

SECTIONS = {
    "Ansökan": "Ansökan ska innehålla en budget. Ansökan granskas av handläggaren. Ansökan besvaras i juni.",
    "E-tjänsten": "Logga in i e-tjänsten Min ansökan med e-legitimation och välj utlysningen.",
    "Stöd till företag": "Regionen ger stöd till företag i hela länet.",
    "Företag": "Stöd ges till små företag och till föreningar.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS, "Sök stöd")


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


@pytest.mark.parametrize(
    ("q", "first"),
    [
        ("min ansökan", "E-tjänsten"),  # the e-service's name, stop word and all
        ("Min ansökan", "E-tjänsten"),
        ("ansökan", "Ansökan"),  # no stop word typed: as before
    ],
)
def test_a_section_that_holds_the_words_as_typed_comes_first(client, q, first):
    assert titles(client, q)[0] == first, f"{q!r}: the section that says it as typed"
