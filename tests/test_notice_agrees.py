"""The notice of a partial search agrees with the hits: when sections hold every word of the query,
some only by a synonym, the notice does not say that no section holds them all (outsider18's attack
results: "Inget avsnitt innehåller alla orden" above hits with coverage 1 and nothing missing)."""

import pytest

from indexer.build import build
from webapp import create_app

from .conftest import page_of_sections, write_corpus

SYNONYMS = """base = false
[expand]
# everyday words for the site's own
"affär" = ["butik"]
"centrum" = ["stadskärna"]
"""

SECTIONS = {
    "Butiker i stadskärnan": "Fler butiker ska öppna i stadskärnan i vår.",
    "Nya butiker": "Stödet går till butiker och deras lokaler.",
    "Torget": "Torget i stadskärnan byggs om.",
    "Gamla affärer": "Affärer i trähus från förra seklet.",
    "Centrum förr": "Centrum hade många affärer på sextiotalet.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("notice")
    corpus = write_corpus(folder / "corpus", {"p.html": page_of_sections("Handel", SECTIONS)})
    (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    build(corpus, folder / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(folder / "index"), "CORPUS_DIR": str(corpus)}).test_client()


@pytest.mark.parametrize(
    ("q", "says"),
    [
        (  # no section says both words itself, two hold both, one of them by synonyms only
            "affärer centrum butik",
            "Inget avsnitt innehåller alla orden i sökningen som de skrevs, men 1 avsnitt innehåller dem eller "
            "ord med samma betydelse och visas först. Efter det visas avsnitt som innehåller några av orden.",
        ),
        (  # "Butiker i stadskärnan" holds both by synonyms, "Centrum förr" both itself
            "affärer centrum",
            "Bara 1 avsnitt innehåller alla orden i sökningen som de skrevs, och 2 innehåller dem eller ord med "
            "samma betydelse; de visas först. Efter dem visas avsnitt som innehåller några av orden.",
        ),
    ],
    ids=["none itself, some by synonyms", "one itself, more by synonyms"],
)
def test_the_notice_counts_the_sections_that_hold_every_word_by_a_synonym_too(client, q, says):
    data = client.get("/api/search", query_string={"q": q}).get_json()
    full = [hit["title"] for hit in data["results"] if hit["coverage"] == 1]
    assert full, f"some hits of {q!r} hold every word (by synonyms)"
    assert all(not hit["missing_terms"] for hit in data["results"][: len(full)]), "they lack nothing"
    assert data["notice"] == says, f"the notice of {q!r} agrees with its {len(full)} hits that hold every word"


def test_a_notice_with_no_section_holding_every_word_even_by_synonyms_is_as_before(client):
    data = client.get("/api/search", query_string={"q": "affärer torget"}).get_json()
    assert data["notice"].startswith("Inget avsnitt innehåller alla orden i sökningen. De som"), "none holds both"
    assert all(hit["coverage"] < 1 for hit in data["results"]), "and no hit holds both"
