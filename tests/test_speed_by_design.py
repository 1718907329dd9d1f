"""Speed by design, checked without timing anything: the properties that keep a search
fast at 100,000 sections (bench/ measures the times)."""

import subprocess
import sys

import pytest
from pyroaring import FrozenBitMap
from whoosh import index

from indexer.build import build
from webapp import create_app
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .conftest import PROGRAM_PAGE, write_corpus


@pytest.fixture
def searcher(fixture_index, monkeypatch):
    searcher = index.open_dir(str(fixture_index)).searcher()
    loaded = []
    real = searcher.stored_fields
    monkeypatch.setattr(searcher, "stored_fields", lambda docnum: loaded.append(docnum) or real(docnum))
    searcher.loaded = loaded
    yield searcher
    searcher.close()


@pytest.mark.parametrize("q", ["", "hamn", "planering ELLER innovation", '"planering och hamn"'])
def test_only_the_hits_on_the_page_are_loaded_facets_never_read_stored_fields(searcher, q):
    result = search(searcher, SearchRequest(q=q, per_page=2), read_postings(searcher))
    assert len(searcher.loaded) == len(result["results"]) <= 2
    assert sum(v["count"] for v in result["facets"]["region"]) == result["total"]


def test_a_search_walks_the_matches_once(searcher, monkeypatch):
    def second_pass(*args, **kwargs):
        raise AssertionError("a second pass over the matches")

    monkeypatch.setattr(searcher, "docs_for_query", second_pass)
    result = search(searcher, SearchRequest(q="hamn", filters={"region": ("Skåne län",)}), read_postings(searcher))
    assert result["total"] == 1, "total"
    assert [v["count"] for v in result["facets"]["region"]] == [1, 1, 0], "region counts"


def test_listing_everything_runs_no_matcher(searcher, monkeypatch):
    def matcher(*args, **kwargs):
        raise AssertionError("a matcher for the empty query")

    monkeypatch.setattr(searcher, "search_with_collector", matcher)
    assert search(searcher, SearchRequest(), read_postings(searcher))["total"] == 6


def test_repeated_requests_come_from_the_cache_until_the_index_changes(tmp_path, monkeypatch):
    from webapp import index as index_module

    corpus = write_corpus(tmp_path / "c", {"p.html": PROGRAM_PAGE})
    build(corpus, tmp_path / "i")
    runs = []
    real = index_module.search
    monkeypatch.setattr(index_module, "search", lambda *a, **k: runs.append(1) or real(*a, **k))
    client = create_app({"INDEX_DIR": str(tmp_path / "i")}).test_client()
    first = client.get("/api/search?q=hamn").get_json()
    assert client.get("/api/search?q=hamn").get_json() == first, "the same answer"
    assert len(runs) == 1, "searched once"
    client.get("/?q=hamn")  # the page adds links to its copy; the cached result is untouched
    assert client.get("/api/search?q=hamn").get_json() == first, "the same answer"
    assert len(runs) == 1, "searched once"
    build(corpus, tmp_path / "i")  # a new generation: a new key space
    client.get("/api/search?q=hamn")
    assert len(runs) == 2


def test_healthz_is_the_cheapest_answer(client):
    assert client.get("/api/healthz").get_json() == {"status": "ok"}


def test_the_app_loads_the_word_data_when_it_is_made_not_at_the_first_search(fixture_index):
    """Otherwise the first search of a process spends its time budget loading 170,000 word forms (seen: a
    first search cut short with "total 1" and no results under load). Checked in a fresh process."""
    program = (
        "from webapp import create_app\n"
        "from indexer import compounds, lexicon\n"
        f"create_app({{'INDEX_DIR': {str(fixture_index)!r}}})\n"
        "print(lexicon.load.cache_info().currsize, compounds.decompounder.cache_info().currsize)\n"
    )
    loaded = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60)
    assert loaded.stdout.split() == ["1", "1"], f"word data and compound tables loaded by create_app: {loaded}"


def test_facet_counts_and_the_total_come_from_bitmaps_and_a_ranked_search_walks_no_matcher(searcher, monkeypatch):
    def walk(*args, **kwargs):
        raise AssertionError("a Whoosh matcher walk")

    postings = read_postings(searcher)
    assert all(isinstance(ids, FrozenBitMap) for values in postings.values.values() for ids in values.values())
    monkeypatch.setattr(searcher, "docs_for_query", walk)
    monkeypatch.setattr(searcher, "search_with_collector", walk)
    result = search(searcher, SearchRequest(q="planering ELLER hamn -kaj"), postings)
    assert [hit["title"] for hit in result["results"]] == ["Region Blekinge", "Programmet", "Boverket"]


def test_a_phrase_is_ranked_by_whooshs_top_k_collector_with_block_skipping(searcher, monkeypatch):
    asked = []
    real = searcher.collector
    monkeypatch.setattr(searcher, "collector", lambda **kwargs: asked.append(kwargs) or real(**kwargs))
    search(searcher, SearchRequest(q='"planering och hamn"', per_page=2), read_postings(searcher))
    assert asked == [{"limit": 2, "optimize": True}], "the best of the page only, skipping low-scoring blocks"


def test_posting_lists_are_read_once_per_generation_and_shared_by_requests(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"p.html": PROGRAM_PAGE})
    build(corpus, tmp_path / "i")
    app = create_app({"INDEX_DIR": str(tmp_path / "i")})
    live = app.extensions["live_index"]
    app.test_client().get("/api/search?q=hamn&sort=titel")
    terms = live.snapshot().postings.terms
    reads = terms.reads
    app.test_client().get("/api/search?q=hamn&sort=andrad")  # another request, the same words
    assert live.snapshot().postings.terms == terms, "terms"
    assert terms.reads == reads, "reads"
    build(corpus, tmp_path / "i")
    app.test_client().get("/api/search?q=hamn")
    assert live.snapshot().postings.terms is not terms, "a new generation reads its own posting lists"


def test_a_large_corpus_is_read_and_written_by_a_pool_of_processes_with_the_same_results(tmp_path, monkeypatch):
    from indexer import parallel

    pages = {f"p{n}.html": PROGRAM_PAGE.replace("Ystads kommun", f"Ystads kommun {n}") for n in range(6)}
    corpus = write_corpus(tmp_path / "c", pages)
    build(corpus, tmp_path / "one")
    runs = []
    real_in_runs = parallel.in_runs
    monkeypatch.setattr(parallel, "workers_for", lambda documents: 2)
    monkeypatch.setattr(parallel, "in_runs", lambda *args: runs.append(args[2]) or real_in_runs(*args))
    build(corpus, tmp_path / "pool")
    assert runs == [2], "the pages are read by two worker processes"

    def answers(folder):
        with index.open_dir(str(folder.resolve())).searcher() as searcher:
            postings = read_postings(searcher)
            segments = 1 if searcher.is_atomic() else len(searcher.leaf_searchers())
            return segments, [
                [
                    (hit["id"], hit["score"], hit["snippet"])
                    for hit in search(searcher, SearchRequest(q=q, per_page=50), postings)["results"]
                ]
                for q in ("", "hamn", "planering ELLER innovation", '"ny kaj"')
            ]

    (one_segments, one), (pool_segments, pool) = answers(tmp_path / "one"), answers(tmp_path / "pool")
    assert one_segments == 1, "one segment per worker"
    assert pool_segments == 2, "one segment per worker"
    assert pool == one, "the same hits, in the same order, with the same scores"
