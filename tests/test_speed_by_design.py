"""Speed by design, checked without timing anything: the properties that keep a search
fast at 100,000 sections (bench/ measures the times)."""

import pickle
import subprocess
import sys
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup, Tag
from pyroaring import FrozenBitMap
from whoosh import index

from indexer.build import build, read_corpus
from indexer.extract import drop_teasers
from indexer.schema import SEARCH_FIELDS
from indexer.sites import page_rules
from webapp import create_app
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import RERANK_DEPTH, search

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
    expected = [{"limit": RERANK_DEPTH, "optimize": True}]
    assert asked == expected, "the best that page evidence may reorder, not every match: skipping low-scoring blocks"


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


def test_a_large_corpus_is_read_and_written_by_workers_given_page_paths_with_the_same_results(tmp_path, monkeypatch):
    from indexer import parallel

    pages = {f"p{n}.html": PROGRAM_PAGE.replace("Ystads kommun", f"Ystads kommun {n}") for n in range(6)}
    pages["kopia.html"] = pages["p0.html"]  # a copy, collapsed across the two workers' runs
    corpus = write_corpus(tmp_path / "c", pages)
    one_report = build(corpus, tmp_path / "one")
    phases = []
    real_each = parallel.Workers.each

    def each(workers, function, *args, **kwargs):
        given = {type(item).__name__ for state in workers.states for item in state["items"]}
        phases.append((function.__name__, len(workers._processes), given))
        return real_each(workers, function, *args, **kwargs)

    monkeypatch.setattr(parallel, "workers_for", lambda documents: 2)
    monkeypatch.setattr(parallel.Workers, "each", each)
    report = build(corpus, tmp_path / "pool")
    assert phases == [
        ("_read_own", 2, {"PosixPath"}),
        ("_keep_own", 2, {"PosixPath"}),
        ("_write_own", 2, {"PosixPath"}),
    ], "two worker processes, given the pages' paths, read, then write, their own pages"
    assert {document.text for document in report.documents} == {""}, "the parent never holds the sections' text"
    assert [d.id for d in report.documents] == [d.id for d in one_report.documents], "the same sections, in order"

    def answers(folder):
        with index.open_dir(str(folder.resolve())).searcher() as searcher:
            postings = read_postings(searcher)
            segments = 1 if searcher.is_atomic() else len(searcher.leaf_searchers())
            return segments, [
                [
                    (hit["id"], hit["score"], hit["snippet"], hit.get("also_at"))
                    for hit in search(searcher, SearchRequest(q=q, per_page=50), postings)["results"]
                ]
                for q in ("", "hamn", "planering ELLER innovation", '"ny kaj"')
            ]

    (one_segments, one), (pool_segments, pool) = answers(tmp_path / "one"), answers(tmp_path / "pool")
    assert one_segments == 1, "one segment per worker"
    assert pool_segments == 2, "one segment per worker"
    assert pool == one, "the same hits, in the same order, with the same scores"


def test_our_segment_writer_writes_the_very_files_whooshs_own_writes(tmp_path, monkeypatch):
    """Field lengths read once and sorted runs pickled in chunks (``indexer/writer.py``) change no byte;
    a tiny memory budget and chunk make several runs of several chunks."""
    from whoosh import writing

    from indexer import writer
    from indexer.build import index_fields
    from indexer.schema import make_schema

    monkeypatch.setattr(writer, "CHUNK", 50)
    documents = read_corpus(write_corpus(tmp_path / "c", {"p.html": PROGRAM_PAGE})).documents * 3
    files = {}
    for name, segment_writer in (("whoosh", writing.SegmentWriter), ("ours", writer.SegmentWriter)):
        (tmp_path / name).mkdir()
        ix = index.create_in(str(tmp_path / name), make_schema())
        written = segment_writer(ix, limitmb=0.01, compound=False)
        for n, document in enumerate(documents):
            written.add_document(**index_fields(replace(document, id=f"{document.id}-{n}"), None, 1.0))
        runs = len(written.pool.runs)
        written.commit()
        files[name] = sorted(p.read_bytes() for p in (tmp_path / name).iterdir() if p.suffix != ".toc")
        assert runs > 2, f"{name}: the postings went through several sorted runs"
    assert files["ours"] == files["whoosh"], "the same bytes in every file"


@pytest.mark.parametrize("families", [True, False])
@pytest.mark.parametrize("mode", ["index", "query"])
def test_the_analysis_memo_is_bounded_and_yields_the_tokens_of_the_chain_without_it(families, mode):
    from whoosh.analysis import CompositeAnalyzer

    from indexer.analysis import WordMemoFilter, swedish_analyzer

    chain = swedish_analyzer(families)
    memo = chain.items[-1]
    assert isinstance(memo, WordMemoFilter), "the per-word filters run behind the memo"
    bounded = CompositeAnalyzer(*chain.items[:-1], WordMemoFilter(*memo.filters, size=5))
    unmemoized = CompositeAnalyzer(*chain.items[:-1], *memo.filters)
    text = (
        "Bostads- och arbetsmarknaden i Göteborgsregionen: samverkan, planering och delar av "
        "höghastighetsjärnvägen medPolitiker. Bostäderna och samverkan, planeringen och delar igen. "
    ) * 3

    def tokens(analyzer):
        found = analyzer(text, positions=True, chars=True, mode=mode)
        return [(t.text, t.pos, t.startchar, t.endchar, t.boost, t.part) for t in found]

    assert tokens(bounded) == tokens(unmemoized), "text, position, span, weight and part of every token"
    assert tokens(chain) == tokens(unmemoized), "the same with the chain's own, larger memo"
    info = bounded.items[-1].memo().cache_info()
    assert info.misses > 5, "the text has more distinct words than the bound"
    assert info.currsize == 5, "the memo keeps no more words than its bound"
    assert "_memo" not in pickle.loads(pickle.dumps(bounded)).items[-1].__dict__, "the memo is not pickled"


@pytest.mark.parametrize("typed", ["hman", "hamnn", "planerign", "kommnu", "innovaton", "ystda"])
def test_typo_candidates_on_an_index_of_two_segments_are_whooshs_own(tmp_path, monkeypatch, typed):
    """Whoosh compares every term of a multi-segment index, merged in Python; ours reads each segment's
    terms and skips a term whose length alone rules it out (``webapp/spelling.py``): the same terms."""
    from indexer import parallel
    from webapp.spelling import SAME_START, _within, max_edits

    pages = {f"p{n}.html": PROGRAM_PAGE.replace("Ystads kommun", f"Ystads kommun {n}") for n in range(6)}
    monkeypatch.setattr(parallel, "workers_for", lambda documents: 2)
    build(write_corpus(tmp_path / "c", pages), tmp_path / "i")
    with index.open_dir(str((tmp_path / "i").resolve())).searcher() as searcher:
        reader = searcher.reader()
        assert not reader.is_atomic(), "two segments"
        found = []
        for name in SEARCH_FIELDS:
            whooshs = sorted(reader.terms_within(name, typed, max_edits(typed), prefix=SAME_START))
            assert sorted(_within(reader, name, typed, max_edits(typed))) == whooshs, f"{name}: {typed}"
            found += whooshs
        assert found, f"{typed}: some known word is within reach"


def test_a_pages_teasers_are_found_in_one_walk_of_it_not_one_per_heading(monkeypatch):
    """A page of thousands of headings in one container cost a walk of the container per heading (minutes)."""
    body = "".join(f"<h3><a href='/n/{n}'>Nyhet {n}</a></h3><p>Ingress {n}.</p>" for n in range(50))
    soup = BeautifulSoup(f"<main><h1>Nyheter</h1><div>{body}</div></main>", "html.parser")
    root, container = soup.main, soup.main.div
    walks = []
    real = Tag.find_all
    monkeypatch.setattr(Tag, "find_all", lambda self, *a, **k: walks.append(self) or real(self, *a, **k))
    drop_teasers(root, page_rules())
    assert sum(element is root or element is container for element in walks) == 1, "one walk of the page"
