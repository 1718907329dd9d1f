"""A word typed with hyphens ("EU-pengar", "Leader-område") means its words: each found as if
typed apart, with its own synonyms, and the compound written closed ("Leaderområden"). Its words
are its pieces for partial matching, named as the visitor typed them."""

import pytest

from indexer.build import build
from webapp import create_app

from .conftest import write_corpus

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Länet</title></head><body><main>
<h1 id="lanet">Länet</h1><p>Om länets arbete.</p>
<h2 id="fonder">Fonder</h2><p>Bidrag från EU till hamnarna.</p>
<h2 id="leader">Leader</h2><p>Det finns fyra Leaderområden i länet.</p>
<h2 id="handel">Handel</h2><p>Handel i centrum.</p>
<h2 id="kurser">Kurser</h2><p>Kurser i e-handel för butiker.</p>
<h2 id="foreningar">Föreningar</h2><p>Kommunen ger stöd till föreningar.</p>
<h2 id="mojligheter">Möjligheter</h2><p>Nya möjligheter i EU för företagen.</p>
</main></body></html>"""

SYNONYMS = """
base = false  # this file alone: the shipped base list would add words of its own
[expand]
# everyday word for funding
"pengar" = ["bidrag"]
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("hyphenated")
    corpus = write_corpus(root / "corpus", {"lanet.html": PAGE})
    (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    build(corpus, root / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def search(client, q):
    return client.get("/api/search", query_string={"q": q}).get_json()


def hits(result):
    return {hit["id"].rsplit("/", 1)[-1]: (hit["matched_terms"], hit["missing_terms"]) for hit in result["results"]}


@pytest.mark.parametrize(
    ("q", "section", "matched"),
    [
        ("EU-pengar", "fonder", ["EU", "pengar"]),  # "pengar" by its synonym "bidrag", written apart
        ("Leader-område", "leader", ["Leader", "område"]),  # the compound written closed
        ("EU-möjligheter", "mojligheter", ["EU", "möjligheter"]),  # each word as typed, not its lemma
    ],
    ids=["words apart, a synonym of one", "closed compound", "labels as typed"],
)
def test_a_hyphenated_word_finds_its_words_written_another_way(client, q, section, matched):
    found = hits(search(client, q))
    assert found.get(section) == (matched, []), f"{section} holds every word of {q!r}"


def test_each_word_of_a_hyphenated_word_brings_its_own_synonyms(client):
    used = search(client, "EU-pengar")["used"]["synonyms"]
    assert {"word": "pengar", "also": ["bidrag"]} in used, "the page says which synonyms were used"


def test_a_section_with_one_word_of_it_is_a_partial_match_that_names_the_other(client):
    found = hits(search(client, "EU-stöd"))
    assert found.get("foreningar") == (["stöd"], ["EU"]), "holds stöd, lacks EU, as typed"


def test_a_letter_before_a_hyphen_is_part_of_the_word_not_a_word_of_its_own(client):
    found = hits(search(client, "e-handel"))
    assert list(found) == ["kurser"], "e-handel is found as written, never as any section about handel"
