"""Basics of the Swedish analysis every later refinement must keep."""

import pytest

from indexer.analysis import stop_words, swedish_analyzer


def terms(text: str) -> list[str]:
    return [t.text for t in swedish_analyzer()(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hamn", ["hamn"]),  # lowercase
    ("och i att", []),  # Swedish stop words go
    ("is by in for", ["is", "by", "in", "for"]),  # Swedish words, not English stop words
    ("ö å", ["ö", "å"]),  # one-letter words stay
    ("14 000 bostäder 2035", ["14", "000", "bostäd", "2035"]),
])
def test_baseline_analysis(text, expected):
    assert terms(text) == expected


def test_stop_list_is_swedish_only_and_keeps_content_homonyms():
    words = stop_words()
    assert {"och", "att", "för"} <= words
    assert not words & {"is", "by", "in", "for", "the", "vara", "man", "vår"}
