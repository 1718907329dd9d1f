"""Words typed without å, ä, ö get their Swedish letters back at query time."""

import pytest

from webapp.folding import MAX_SPELLINGS, spellings, unfolded_terms


def test_spellings_put_back_every_swedish_letter_combination():
    assert spellings("ko") == ["ko", "kö"]
    assert sorted(spellings("ga")) == ["ga", "gä", "gå"]
    assert spellings("hmm") == ["hmm"]


def test_a_word_with_too_many_spellings_is_left_as_typed():
    word = "a" * 6  # 3**6 = 729 spellings
    assert 3**6 > MAX_SPELLINGS, "the word has more spellings than the cap"
    assert spellings(word) == [word], "so only the word as typed"


@pytest.mark.parametrize(
    ("typed", "lemma", "index", "expected"),
    [
        ("overkalix", "overkalix", {"överkalix"}, ["överkalix"]),  # a name: found in the index
        ("manniskor", "manniskor", {"människa"}, ["människa"]),  # a known form, lemmatized
        ("goteborgsregionen", "goteborgsregion", {"göteborgsregion"}, ["göteborgsregion"]),
        ("stader", "stad", {"stad"}, []),  # the lemma is already right
        ("överkalix", "överkalix", {"överkalix"}, []),  # typed with its ö: nothing left out
        ("xyz", "xyz", set(), []),
    ],
)
def test_unfolded_terms_are_only_terms_the_index_holds(typed, lemma, index, expected):
    assert unfolded_terms(typed, lemma, index.__contains__) == expected
