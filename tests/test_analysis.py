"""Properties of the Swedish analysis chain that the golden table does not show."""

import pytest
from whoosh.analysis import RegexTokenizer

from indexer.analysis import fold, normalize, stop_words, swedish_analyzer


def tokens(text: str):
    return [
        (t.text, t.pos, t.startchar, t.endchar, t.part) for t in swedish_analyzer()(text, positions=True, chars=True)
    ]


def test_compound_parts_share_the_whole_words_position_and_characters():
    assert tokens("höghastighetsjärnväg och hamn") == [
        ("höghastighetsjärnväg", 0, 0, 20, False),
        ("hög", 0, 0, 20, True),
        ("hastighet", 0, 0, 20, True),
        ("järnväg", 0, 0, 20, True),
        ("hamn", 1, 25, 29, False),  # the stop word leaves no gap, so phrases match across it
    ]


def test_elliptic_compound_keeps_the_first_halfs_place_in_the_text():
    assert tokens("bostads- och arbetsmarknad")[:3] == [
        ("bostadsmarknad", 0, 0, 8, False),
        ("bostad", 0, 0, 8, True),
        ("marknad", 0, 0, 8, True),
    ]


def test_missing_space_between_words_is_found_at_the_case_change():
    assert tokens("skryta medPolitiker") == [("skryta", 0, 0, 6, False), ("politiker", 1, 10, 19, False)]


@pytest.mark.parametrize(("text", "folded"), [("åäö ÅÄÖ", "aao AAO"), ("é ü", "e u"), ("abc", "abc")])
def test_fold(text, folded):
    assert fold(text) == folded


def test_stop_list_is_swedish_only_and_keeps_content_homonyms():
    words = stop_words()
    assert {"och", "att", "för", "i"} <= words
    assert not words & {"is", "by", "in", "for", "the", "vara", "man", "vår", "ö", "å"}


def test_swedish_words_that_are_english_stop_words_are_kept():
    assert len(tokens("is by in for")) == 4


def test_the_index_holds_each_word_once_words_without_swedish_letters_are_a_query_matter():
    assert [t[0] for t in tokens("Överkalix städer")] == ["överkalix", "stad"]


NAMED_TEXTS = [
    "Fibern byggs av Affärsverken. Affärsverken bygger.",
    "Besök oss på Drottninggatan 2 i Göteborgsregionen",
    "RUS och medPolitiker i Regionalfonden",
    "  Sjö\u00adfarts\u00adsektorn ﬁnansieras av Europeiska regionalfonden",
]


@pytest.mark.parametrize("text", NAMED_TEXTS)
@pytest.mark.parametrize("chars", [False, True])
def test_the_tokenizers_own_loop_gives_the_tokens_of_whooshs_loop_with_their_names(text, chars):
    tokenizer, normal = swedish_analyzer().items[0], normalize(text)
    whooshs = RegexTokenizer.__call__(tokenizer, normal, positions=True, chars=True, start_char=3, mode="index")
    as_whoosh = tokenizer._named(normal, 3, whooshs)
    expected = [(t.text, t.pos, t.startchar if chars else None, t.name) for t in as_whoosh]
    found = [
        (t.text, t.pos, getattr(t, "startchar", None), t.name)
        for t in tokenizer(text, positions=True, chars=chars, start_char=3, mode="index")
    ]
    assert found == expected, f"the tokens of {text!r}, chars={chars}"
