"""A compound typed as one word is found where its parts stand together, not wherever they stand.

"cykelväg" finds "cykelvägar" (the word), "vägar för cyklar" (the parts written apart, next to each
other) and "huvudcykelvägen" (in another compound), but not a section that says "huvudcykelstråken"
in one sentence and "bilvägarna" in another: its parts there are two other words, and such a
section neither holds the word nor completes a query of it (it follows the sections that do, as a
partial match that holds the parts apart: ``test_compound_alone.py``). The snippet shows the word itself
before a compound that holds only one of its parts.
"""

import re

import pytest
from pyroaring import FrozenBitMap
from whoosh import index as whoosh_index
from whoosh import query as wq

from webapp import scoring
from webapp.facets import read_postings
from webapp.matchset import TermSets, match_set
from webapp.params import SearchRequest
from webapp.query import compile_query
from webapp.search import search as search_function
from webapp.syntax import parse

from .conftest import client_for, page_of_sections

FILLER = " ".join(["Arbetet följs upp av kommunens trafikenhet varje år."] * 6)

CYCLING = page_of_sections(
    "Trafik i staden",
    {
        "Nya cykelvägar": (
            f"I planeringen prioriteras länkar i huvudcykelnätet och cykelparkeringar. {FILLER} "
            "Nya cykelvägar byggs längs ån."
        ),
        "Vägar för cyklar": "Kommunen planerar vägar för cyklar längs ån.",
        "Huvudstråk": "Den nya huvudcykelvägen går genom centrum.",
        "Vinterväghållning": (
            "Huvudcykelstråken sopsaltas på morgonen. Snö från torget forslas till upplaget i hamnen. "
            "Gator plogas före bilvägarna."
        ),
    },
)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("cycling"), {"trafik.html": CYCLING})


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    ("section", "found"),
    [
        ("Nya cykelvägar", True),
        ("Vägar för cyklar", True),
        ("Huvudstråk", True),
        ("Vinterväghållning", False),
    ],
    ids=["the word", "its parts written apart, side by side", "in another compound", "its parts in two words"],
)
def test_a_compound_is_found_where_its_parts_stand_together(client, section, found):
    hits = search(client, "cykelväg")["results"]
    titles = [hit["title"] for hit in hits if hit["coverage"] == 1.0]  # the parts alone follow (test_compound_alone)
    assert (section in titles) is found, f"'cykelväg' {'finds' if found else 'does not find'} {section!r}: {hits}"


def test_parts_in_two_words_do_not_complete_a_query_of_the_compound(client):
    result = search(client, "cykelväg plogas")
    lacking = {hit["title"]: hit["missing_terms"] for hit in result["results"]}
    assert result["used"]["complete"] == 0, "no section holds both words: the parts in two words are not cykelväg"
    assert lacking.get("Vinterväghållning") == ["cykelväg"], f"it holds 'plogas', not 'cykelväg': {lacking}"


def test_the_snippet_shows_the_word_itself_before_a_compound_with_one_of_its_parts(client):
    hit = next(hit for hit in search(client, "cykelväg")["results"] if hit["title"] == "Nya cykelvägar")
    marked = re.findall(r"<mark>(.*?)</mark>", hit["snippet"])
    assert "cykelvägar" in marked, f"the snippet marks the word as written: {hit['snippet']}"


@pytest.fixture(scope="module")
def searcher(client):
    index = client.application.config["INDEX_DIR"]
    with whoosh_index.open_dir(index).searcher() as searcher:
        yield searcher


def plain(query: wq.Query, where) -> wq.Query:
    """``query`` with each ``Where`` replaced by ``where(it)``."""
    return where(query) if isinstance(query, scoring.Where) else query.apply(lambda part: plain(part, where))


def wheres(query: wq.Query) -> list[scoring.Where]:
    if isinstance(query, scoring.Where):
        return [query]
    return [where for child in query.children() for where in wheres(child)]


def walked(searcher, query: wq.Query) -> set[int]:
    return set(searcher.docs_for_query(query))


@pytest.mark.parametrize("q", ["cykelväg", "cykelvägarna", "huvudcykelväg"])
def test_parts_together_are_found_as_whoosh_finds_them_and_scored_as_the_parts_anywhere(searcher, q):
    query = compile_query(parse(q), searcher).query
    terms = TermSets(FrozenBitMap(range(searcher.doc_count_all())))
    found, _late = match_set(searcher, query, terms, float("inf"))
    vector = scoring.vector(searcher, query, terms)
    (where,) = wheres(query)
    near = set().union(*(walked(searcher, span) for span in where.b.subqueries))  # Whoosh's spans, each alone
    expected = walked(searcher, plain(query, lambda _: wq.NullQuery)) | walked(searcher, where.a) & near
    assert set(found) == expected, f"{q!r}: the word, or its parts where Whoosh's spans find them together"
    scores = {hit.docnum: hit.score for hit in searcher.search(plain(query, lambda part: part.a), limit=None)}
    assert {docnum: vector[docnum] for docnum in found} == {docnum: scores[docnum] for docnum in found}, (
        f"{q!r}: scored as Whoosh scores the parts anywhere"
    )


@pytest.mark.parametrize("q", ["cykelväg", "cykelväg plogas", "cykelvägar ån"])
def test_whooshs_collector_ranks_the_parts_together_as_the_vectors_do(searcher, q, monkeypatch):
    postings = read_postings(searcher)
    by_vectors = search_function(searcher, SearchRequest(q=q), postings)
    monkeypatch.setattr(scoring, "supported", lambda searcher: False)
    by_whoosh = search_function(searcher, SearchRequest(q=q), read_postings(searcher))
    assert [hit["id"] for hit in by_whoosh["results"]] == [hit["id"] for hit in by_vectors["results"]], q


def test_a_partial_match_with_the_parts_apart_comes_after_those_with_the_word(client):
    titles = [hit["title"] for hit in search(client, "cykelväg xyzzy")["results"]]
    assert "Vinterväghållning" in titles, f"its parts apart are some of 'cykelväg': {titles}"
    assert titles.index("Vinterväghållning") == len(titles) - 1, f"after every section with the word: {titles}"
