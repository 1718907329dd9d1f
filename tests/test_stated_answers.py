"""A section that states the kind of answer a question asks for answers it (``webapp.rerank.by_question``,
``[stated]`` of ``webapp/data/answer_headings.toml``).

"hur mycket kan man få i stöd": "mycket" is a stop word and "få" filler, so the query searches "stöd" alone,
and a section headed "Vad kan ni få stöd för" outranked the one that says how much ("mellan 500 000 och 4
miljoner kronor … högst 50 procent"; outsider18 q9). An amount is stated in kronor or procent: a section
whose own words state one gains a share of the best score, as a heading asked like the query does."""

import pytest

from webapp.rerank import stated_words

from .conftest import one_page_client

SECTIONS = {
    "Vad kan ni få stöd för?": "Stöd ges till lokaler, stöd till aktiviteter och stöd till utbildning i föreningen.",
    "Villkor": "Ni kan få högst 200 000 kronor i stöd. Stödet täcker högst 40 procent av kostnaderna.",
    "Vem kan få stöd?": "Föreningar och stiftelser i länet kan få stöd.",
    "Tidplan": "Stöd kan sökas under våren och besked om stöd lämnas i juni.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS, "Stöd till föreningar")


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


@pytest.mark.parametrize(
    "q",
    ["hur mycket kan man få i stöd", "hur mycket stöd kan vi få", "Hur mycket stöd finns?", "hur stort är stödet"],
)
def test_a_section_that_states_an_amount_answers_how_much(client, q):
    assert titles(client, q)[0] == "Villkor", f"{q!r}: the section that says how many kronor and percent"


@pytest.mark.parametrize("q", ["stöd", "vem kan få stöd", "när får man stöd"])
def test_a_query_that_asks_for_no_amount_prefers_no_amount(client, q):
    assert titles(client, q)[0] != "Villkor", f"{q!r} asks for no amount: the words rank as before"


@pytest.mark.parametrize(
    ("query_words", "expected"),
    [
        (["hur", "mycket", "kan", "man", "fa"], {"kronor", "procent"}),
        (["hur", "stor", "andel"], {"procent"}),
        (["hur", "manga", "foretag"], set()),  # a count, stated in many ways: no words for it
        (["vem", "kan", "soka"], set()),
    ],
)
def test_the_words_that_state_an_answer_are_the_openings(query_words, expected):
    assert expected <= set(stated_words(query_words)), f"{query_words}: the lemmas that state its answer"
    assert bool(stated_words(query_words)) is bool(expected), f"{query_words}: whether any answer is stated"
