"""The judged queries in tests/data/relevance.toml keep their quality: a
regression guard on ranking (bench/relevance.py prints the full comparison).

Categories listed in the file's ``pending_categories`` were judged before the
feature they measure: each is reported as an expected failure until it reaches
the bar, and the overall score leaves them out.

The fixture site's judged queries (tests/data/relevance_site.toml) are kept
above 0.80 overall, a regression guard below what they measure now; each of
their categories is reported as an expected failure until it reaches 0.90.

The held-out set (tests/data/relevance_holdout.toml, written blind, never tuned
on) has no score threshold here, on purpose: a bar would invite tuning to it.
These tests only keep it honest, every judged section a section of the index
the indexer builds, so a judgment cannot silently point at nothing. Set B of the fixture site
(tests/data/relevance_site_b.toml, written blind before a later session's ranking work) is measured
by the benchmark and kept honest the same way, with no threshold either."""

import tempfile
from pathlib import Path

import pytest

from testkit.relevance import (
    HOLDOUT,
    SITE_B,
    SITE_JUDGMENTS,
    Ours,
    evaluate,
    load_judgments,
    load_pending,
    page_anchor,
)
from testkit.site import build_site

JUDGMENTS = load_judgments()
PENDING = load_pending()
ENFORCED = sorted({j.category for j in JUDGMENTS} - PENDING)
SITE = load_judgments(SITE_JUDGMENTS)
HELD_OUT_SITE = load_judgments(HOLDOUT, "query")
HELD_OUT_BUNDLED = load_judgments(HOLDOUT, "bundled_query")
SITE_SET_B = load_judgments(SITE_B)


@pytest.fixture(scope="module")
def ours():
    with tempfile.TemporaryDirectory() as folder:
        ours = Ours(Path(folder))
        yield ours
        ours.searcher.close()


@pytest.fixture(scope="module")
def scores(ours):
    return evaluate(ours, JUDGMENTS, PENDING)


@pytest.fixture(scope="module")
def ours_on_the_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("relevance-site")
    build_site(folder / "site")
    ours = Ours(folder, folder / "site", page_anchor)
    yield ours
    ours.searcher.close()


def indexed(ours: Ours) -> set[str]:
    """Every section of the index, named as the judgments name it."""
    return {ours.name(fields["id"]) for fields in ours.searcher.all_stored_fields()}


def judged(judgments) -> set[str]:
    return {section for query in judgments for section in query.relevant}


def test_the_suite_has_at_least_60_judged_queries_in_at_least_8_enforced_categories():
    enforced = [j for j in JUDGMENTS if j.category not in PENDING]
    assert len(enforced) >= 60, "at least 60 enforced queries"
    assert len(ENFORCED) >= 8, "at least 8 enforced categories"


def test_ndcg_at_10_is_at_least_095_overall(scores):
    assert scores["alla"]["nDCG@10"] >= 0.95


@pytest.mark.parametrize("category", ENFORCED)
def test_ndcg_at_10_is_at_least_090_in_every_category(scores, category):
    assert scores[category]["nDCG@10"] >= 0.90


@pytest.mark.parametrize("category", sorted(PENDING))
def test_ndcg_at_10_of_a_pending_category(scores, category):
    score = scores[category]["nDCG@10"]
    if score < 0.90:
        pytest.xfail(f"pending: nDCG@10 {score:.3f} < 0.90 until its feature lands")
    assert score >= 0.90


def test_every_held_out_judgment_on_the_fixture_site_names_a_section_of_its_index(ours_on_the_site):
    assert HELD_OUT_SITE, "no held-out queries on the fixture site"
    assert sorted(judged(HELD_OUT_SITE) - indexed(ours_on_the_site)) == [], "judged sections the index lacks"


def test_every_judgment_of_set_b_names_a_section_of_the_fixture_sites_index(ours_on_the_site):
    assert SITE_SET_B, "no queries in set B"
    assert sorted(judged(SITE_SET_B) - indexed(ours_on_the_site)) == [], "judged sections the index lacks"


def test_every_held_out_judgment_on_the_bundled_page_names_a_section_of_its_index(ours):
    assert HELD_OUT_BUNDLED, "no held-out queries on the bundled page"
    assert sorted(judged(HELD_OUT_BUNDLED) - indexed(ours)) == [], "judged sections the index lacks"


@pytest.fixture(scope="module")
def site_scores(ours_on_the_site):
    return evaluate(ours_on_the_site, SITE)


def test_the_fixture_sites_judged_queries_keep_ndcg_at_10_above_080(site_scores):
    assert site_scores["alla"]["nDCG@10"] >= 0.80, f"{site_scores['alla']['nDCG@10']:.3f}"


@pytest.mark.parametrize("category", sorted({j.category for j in SITE}))
def test_ndcg_at_10_of_a_fixture_site_category(site_scores, category):
    score = site_scores[category]["nDCG@10"]
    if score < 0.90:
        pytest.xfail(f"fixture site: nDCG@10 {score:.3f} < 0.90")
    assert score >= 0.90
