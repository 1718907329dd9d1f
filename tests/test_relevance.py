"""The judged queries in tests/data/relevance.toml keep their quality: a
regression guard on ranking (bench/relevance.py prints the full comparison).

Categories listed in the file's ``pending_categories`` were judged before the
feature they measure: each is reported as an expected failure until it reaches
the bar, and the overall score leaves them out."""

import tempfile
from pathlib import Path

import pytest

from testkit.relevance import Ours, evaluate, load_judgments, load_pending

JUDGMENTS = load_judgments()
PENDING = load_pending()
ENFORCED = sorted({j.category for j in JUDGMENTS} - PENDING)


@pytest.fixture(scope="module")
def scores():
    with tempfile.TemporaryDirectory() as folder:
        ours = Ours(Path(folder))
        yield evaluate(ours, JUDGMENTS, PENDING)
        ours.searcher.close()


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
