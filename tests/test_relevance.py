"""The judged queries in tests/data/relevance.toml keep their quality: a
regression guard on ranking (bench/relevance.py prints the full comparison)."""

import tempfile
from pathlib import Path

import pytest

from bench.relevance import Ours, evaluate, load_judgments

JUDGMENTS = load_judgments()


@pytest.fixture(scope="module")
def scores():
    with tempfile.TemporaryDirectory() as folder:
        ours = Ours(Path(folder))
        yield evaluate(ours, JUDGMENTS)
        ours.searcher.close()


def test_the_suite_has_at_least_60_judged_queries_in_8_categories():
    assert (len(JUDGMENTS) >= 60, len({j.category for j in JUDGMENTS})) == (True, 8)


def test_ndcg_at_10_is_at_least_095_overall(scores):
    assert scores["alla"]["nDCG@10"] >= 0.95


@pytest.mark.parametrize("category", sorted({j.category for j in JUDGMENTS}))
def test_ndcg_at_10_is_at_least_090_in_every_category(scores, category):
    assert scores[category]["nDCG@10"] >= 0.90
