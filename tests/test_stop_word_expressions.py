"""Stop words that mean a word together ("är med": deltar) are searched as what they mean.

"vilka städer är med i utveckla svenska städer": "är" and "med" are stop words, so the query searched the
programme's name and "städer", and "Städer som deltar" came sixth behind a contact box (outsider18 q6). An
``expand`` key of the synonyms may be two or more stop words ("är med" = ["delta"]): typed together they are one
word of the query, found by what they mean at a word's full weight (the words themselves are never indexed); beside
other words they rank the sections that hold what they mean first, but never make one lack a word: a list of the
cities taking part seldom says "delta" (set B, "vilka städer var med i utveckla svenska städer")."""

import tomllib

import pytest

from indexer.build import build
from indexer.synonyms import SynonymsError, analyse_key, parse_synonyms
from webapp import create_app

from .conftest import page_of_sections, write_corpus

SYNONYMS = """base = false
[expand]
# taking part, as visitors say it
"är med" = ["delta", "medverka"]
"""

SECTIONS = {
    "Om programmet": "Programmet för hållbara städer pågår till 2027 och leds av myndigheten i nära samarbete med "
    "städerna. Städerna i programmet möts två gånger om året.",
    "Städer som deltar": "Tolv städer deltar i programmet: Gävle, Kalmar, Sundsvall och nio till.",
    "Kontakt": "Frågor om programmet och städerna: ring programmets samordnare.",
    "Möten": "Möte med städerna hålls i maj.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stop-word-expressions")
    corpus = write_corpus(folder / "corpus", {"p.html": page_of_sections("Hållbara städer", SECTIONS)})
    (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    build(corpus, folder / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(folder / "index"), "CORPUS_DIR": str(corpus)}).test_client()


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    "q", ["vilka städer är med i programmet", "Vilka städer är med?", "är med i programmet", "är med"]
)
def test_stop_words_that_spell_an_expand_key_find_what_it_means(client, q):
    data = search(client, q)
    assert data["results"][0]["title"] == "Städer som deltar", f"{q!r}: 'är med' is 'deltar'"
    assert {"word": "är med", "also": ["delta"]} in [
        {**used, "word": used["word"].lower()} for used in data["used"]["synonyms"]
    ], f"{q!r}: the page says it also searched 'delta'"


def test_beside_other_words_what_the_expression_means_ranks_but_is_never_missing(client):
    data = search(client, "vilka städer är med i programmet")
    missing = {hit["title"]: hit["missing_terms"] for hit in data["results"]}
    assert missing["Städer som deltar"] == [], "it holds every word"
    assert missing["Om programmet"] == [], "a section on the programme that names no one taking part lacks nothing"
    assert data["results"][0]["title"] == "Städer som deltar", "but the one that says who takes part comes first"


@pytest.mark.parametrize(("q", "first"), [("möte med städerna", "Möten"), ("med", None)])
def test_the_stop_words_alone_or_apart_are_stop_words_as_before(client, q, first):
    data = search(client, q)
    assert data["used"]["synonyms"] == [], f"{q!r}: no expression typed"
    assert (data["results"][0]["title"] if data["results"] else None) == first, f"{q!r} as before"


@pytest.mark.parametrize(
    ("text", "expected"), [("är med", ("är", "med")), ("Är  MED", ("är", "med")), ("på landet", ("på", "land"))]
)
def test_a_key_of_stop_words_is_read_as_written(text, expected):
    assert analyse_key(text) == expected, f"{text!r}: its words as written, lowercase"


@pytest.mark.parametrize(
    "entry",
    ['"med" = ["delta"]', '"delta" = ["är med"]', 'equal = [["är med", "delta"]]'],
    ids=["one stop word", "as a word found", "in an equal group"],
)
def test_stop_words_are_a_key_only_two_or_more_and_only_to_expand(entry):
    text = entry if entry.startswith("equal") else f"[expand]\n{entry}"
    with pytest.raises(SynonymsError):
        parse_synonyms(tomllib.loads(f"base = false\n{text}\n"))
