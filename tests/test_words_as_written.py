"""Completions and "Visar träffar för …" offer words as the site writes them, never lemmas or non-words.

The index searches lemmas ("kommun", "lead"), but a visitor reads "kommunerna" and "Leader": a
typo is corrected to the written word nearest to it, and that word is then searched as any
word is, so an inflected typo ("kommunernsa") finds the sections its word is on."""

from __future__ import annotations

import pytest
from whoosh import index as whoosh_index

from indexer import parallel, written
from indexer.build import build
from indexer.schema import make_schema
from indexer.update import update
from webapp import create_app
from webapp.spelling import corrections
from webapp.suggest import completions

from .conftest import client_for, page_of_sections, write_corpus

#: (section heading, its text).
SECTIONS = {
    "Leader": "Leader är en metod för lokal utveckling på landsbygden.",
    "Godstrafik": "Godsbåtar angör hamnen i Slite varje vecka.",
    "Samverkan": "Kommunerna i länet samverkar om översiktsplaneringen.",
    "Cykelvägar": "Fler cyklar parkeras vid stationen sedan cykelvägen byggdes.",
    "Anbud": "Små- och medelstora företag uppmuntras att lämna anbud.",
    "Hamnen": "Hamnen byggs ut. Ny kaj i hamnen.",
    "Hamnar": "Fler hamnar längs kusten.",
    "Kommunen": "Kommunen och kommunens bolag.",
}

PAGE = page_of_sections("Projekt", SECTIONS)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("written"), {"projekt.html": PAGE})


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def suggestions(client, q: str) -> list[str]:
    return client.get("/api/suggest", query_string={"q": q}).get_json()["suggestions"]


@pytest.mark.parametrize(
    ("q", "suggestion", "title"),
    [
        ("leadr", "leader", "Leader"),  # not the lemma "lead"
        ("godsbåten", None, "Godstrafik"),  # a form of the compound the site writes (båt, not båta): no typo
        ("kommunernsa", "kommunerna", "Samverkan"),  # an inflected typo: the lemma is five edits away
        ("cyklrna", "cyklarna", "Cykelvägar"),  # a form of a lemma the site holds ("cyklar"), one edit away
        ("hamn kommunernsa", "hamn kommunerna", None),  # the other words kept
        ("kommunernsa oversiktsplaneringen", "kommunerna översiktsplaneringen", "Samverkan"),  # å, ä, ö put back
        ("oversiktsplaneringen", None, "Samverkan"),  # found without å, ä, ö and no typo: nothing to suggest
    ],
)
def test_a_typo_is_corrected_to_a_word_as_written_and_finds_its_sections(client, q, suggestion, title):
    result = search(client, q)
    assert result["suggestion"] == suggestion, f"the corrected words (Visar träffar för …) for {q!r}"
    if title is not None:
        assert title in [hit["title"] for hit in result["results"]], f"{q!r} finds {title!r} through its correction"


def test_the_corrected_word_finds_what_the_correction_searched(client):
    corrected = {hit["title"] for hit in search(client, "kommunernsa")["results"]}
    followed = {hit["title"] for hit in search(client, "kommunerna")["results"]}
    assert corrected == followed, "following the corrected words finds the sections the corrected search showed"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("godsb", ["godsbåtar"]),  # as written, not the lemma "godsbåta"
        ("lea", ["leader"]),  # not "lead"
        ("ham", ["hamnen"]),  # one form per word: the one on most sections
        ("hamn", ["hamnen", "hamnar"]),  # the word typed: its forms
        ("kommune", ["kommunen", "kommunens", "kommunerna"]),  # typed past the lemma: the forms
        ("ystad ko", ["ystad kommunen"]),  # the words before the last kept
    ],
)
def test_completions_are_words_as_the_site_writes_them(client, q, expected):
    assert suggestions(client, q) == expected, f"the completions of {q!r}"


@pytest.mark.parametrize("q", ["småst", "små", "sm"])
def test_an_elliptic_compounds_guess_is_never_offered(client, q):
    assert not any("småstor" in completion for completion in suggestions(client, q)), f"no non-word completes {q!r}"


def test_a_typo_near_a_non_word_is_not_corrected_to_it(client):
    assert search(client, "småstorra")["suggestion"] is None, "småstora is no word the site writes"


def test_an_index_without_a_table_of_its_words_corrects_and_completes_with_its_terms(tmp_path):
    with whoosh_index.create_in(str(tmp_path), make_schema()).writer() as writer:
        writer.add_document(id="a", title="Hamnen", text="Kommunerna bygger en ny kaj i hamnen.")
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        reader = searcher.reader()
        assert corrections(reader, "hamnn") == ["hamn"], "a typo is corrected to an index term"
        assert completions(reader, "kom") == ["kommun"], "a word is completed to an index term"


def test_an_update_offers_an_added_pages_words_and_no_more_a_removed_pages(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"projekt.html": PAGE})
    index = tmp_path / "index"
    build(corpus, index)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    (corpus / "slite.html").write_text(
        "<h1>Slite</h1><p>Kryssningsfartygen lägger till vid kajen.</p><h2>Mer</h2><p>Fler fartyg.</p>",
        encoding="utf-8",
    )
    update(corpus, index)
    assert suggestions(client, "kryss") == ["kryssningsfartygen"], "an added page's words are completed"
    assert search(client, "kryssningsfartigen")["suggestion"] == "kryssningsfartygen", "and corrected to"
    (corpus / "slite.html").unlink()
    update(corpus, index)
    assert suggestions(client, "kryss") == [], "a removed page's words are not completed"
    assert search(client, "kryssningsfartigen")["suggestion"] is None, "nor corrected to"


def test_a_build_by_two_workers_writes_the_table_one_worker_writes(tmp_path, monkeypatch):
    pages = {"projekt.html": PAGE, "slite.html": "<h1>Slite</h1><p>Godsbåtar och kryssningsfartyg i hamnen.</p>"}
    corpus = write_corpus(tmp_path / "corpus", pages)
    build(corpus, tmp_path / "one")
    monkeypatch.setattr(parallel, "workers_for", lambda documents: 2)
    build(corpus, tmp_path / "two")
    one, two = written.read((tmp_path / "one").resolve()), written.read((tmp_path / "two").resolve())
    with whoosh_index.open_dir(str((tmp_path / "two").resolve())).searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 2, "two workers wrote a segment each"
        stored = written.count(searcher.all_stored_fields())
    assert two == one, "the two workers' parts merge into the one worker's table"
    assert two == stored, "the table counts the words of the indexed sections"
    assert not list((tmp_path / "two").resolve().glob("written.tsv.*")), "no part is left behind"
