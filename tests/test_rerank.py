"""Page evidence (``webapp.rerank.by_page``): a section is also judged by the page it stands on; and a
section that holds a word only in what it stands under counts for less (``webapp.rerank.by_own_words``).

The hits are (document, score) as the ranking hands them over; ``PAGES`` says which page each
document is on. End to end, over a real index, ``tests/test_fast_path.py`` checks that the search
adds the bonus exactly as a plain reading of the stored pages does.
"""

from __future__ import annotations

import pytest
from whoosh.fields import ID

from indexer import build as build_module
from indexer.build import build
from indexer.schema import make_schema
from testkit.site import build_site
from webapp.rerank import BORROWED_SHARE, PAGE_WEIGHT, by_own_words, by_page

from .conftest import searching

#: Page "om" is about the query (its first section scores 10); "nyhet" mentions it once.
PAGES = {1: "om", 2: "om", 3: "nyhet", 4: "om", 5: "annan"}


def ranked(top):
    return [docnum for docnum, _ in by_page(top, PAGES.__getitem__)]


def test_a_section_of_the_page_the_query_is_about_rises_above_a_stray_mention_elsewhere():
    top = [(1, 10.0), (3, 3.0), (2, 2.5)]
    assert ranked(top) == [1, 2, 3], "'om' #2 gains 0.2 x 10 and passes the single mention on 'nyhet'"


def test_a_section_never_passes_the_best_section_of_its_own_page():
    top = [(1, 10.0), (2, 9.9), (4, 0.1)]
    assert ranked(top)[0] == 1, "the page's best section stays first among its siblings"


@pytest.mark.parametrize(
    "top",
    [
        [(1, 10.0), (2, 5.0), (4, 1.0)],  # one page: every section gains the same
        [(1, 4.0), (3, 3.0), (5, 2.0)],  # every section alone on its page: each gains a share of its own score
    ],
    ids=["one page", "one section per page"],
)
def test_the_order_is_unchanged_when_no_page_has_two_hits_or_all_share_one(top):
    assert ranked(top) == [docnum for docnum, _ in top], "page evidence only reorders sections of different pages"


def test_the_bonus_is_the_page_weight_times_the_pages_best_score():
    scores = dict(by_page([(1, 10.0), (2, 2.0)], PAGES.__getitem__))
    assert scores[2] == pytest.approx(2.0 + PAGE_WEIGHT * 10.0), "a sibling gains PAGE_WEIGHT x the page's best"


def test_ties_are_broken_by_document_number_as_whoosh_does():
    assert ranked([(5, 1.0), (3, 1.0)]) == [3, 5], "equal scores: the lower document number first"


@pytest.mark.parametrize(
    ("top", "borrowing", "expected"),
    [
        ([(1, 2.0), (3, 2.0)], {1}, [3, 1]),  # scored alike: the one that holds the word itself first
        ([(1, 2.0), (3, 2.0)], {3}, [1, 3]),
        ([(1, 10.0), (3, 2.0)], {1}, [1, 3]),  # a page about the query still outranks a passing mention
        ([(1, 2.0), (2, 1.9)], set(), [1, 2]),  # nobody borrows: the order is the score's
    ],
    ids=["borrowing first", "borrowing second", "far ahead", "none borrows"],
)
def test_a_section_that_holds_a_word_only_in_what_it_stands_under_scores_less(top, borrowing, expected):
    ranked = by_own_words(top, borrowing.__contains__)
    assert [docnum for docnum, _ in ranked] == expected, "order"
    scores = dict(ranked)
    for docnum, score in top:
        share = BORROWED_SHARE if docnum in borrowing else 1.0
        assert scores[docnum] == pytest.approx(score * share), f"section {docnum} scores its share"


def _schema_without_page_column():
    schema = make_schema()
    schema.remove("page")
    schema.add("page", ID(stored=True))  # as indexes were written before the ranking read pages
    return schema


@pytest.mark.parametrize("q", ["TVV", "planera", "stöd till butik på landsbygden"])
def test_an_index_written_before_the_page_column_ranks_the_same_from_stored_pages(tmp_path, monkeypatch, q):
    corpus = tmp_path / "site"
    build_site(corpus)
    build(corpus, tmp_path / "now")
    monkeypatch.setattr(build_module, "make_schema", _schema_without_page_column)
    build(corpus, tmp_path / "before")
    with searching(tmp_path / "now") as now, searching(tmp_path / "before") as before:
        assert not before.searcher.reader().has_column("page"), "the older index has no page column"
        ids = [[hit["id"] for hit in run(q)["results"]] for run in (now, before)]
    assert ids[0] == ids[1], "the same hits in the same order, the pages read from stored fields"
