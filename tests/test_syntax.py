"""The query language: what a visitor types, read into clauses; never an error."""

import pytest

from webapp.syntax import Clause, ParsedQuery, Phrase, Word, parse


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("", ()),
        ("hamn", (Clause((Word("hamn"),)),)),
        ("hamn logistik", (Clause((Word("hamn"),)), Clause((Word("logistik"),)))),
        ('"regional kärna"', (Clause((Phrase(("regional", "kärna")),)),)),
        ('"regional kärna', (Clause((Phrase(("regional", "kärna")),)),)),  # unclosed quote
        ("-hamn", (Clause((Word("hamn"),), negated=True),)),
        ("INTE hamn", (Clause((Word("hamn"),), negated=True),)),
        ("NOT hamn", (Clause((Word("hamn"),), negated=True),)),
        ("hamn ELLER kust", (Clause((Word("hamn"), Word("kust"))),)),
        ("hamn OR kust | sjö", (Clause((Word("hamn"), Word("kust"), Word("sjö"))),)),
        ("hamn OCH kust", (Clause((Word("hamn"),)), Clause((Word("kust"),)))),
        ("bostad*", (Clause((Word("bostad", prefix=True),)),)),
        ("bo*", (Clause((Word("bo", short=True),)),)),  # too short for a prefix: the word, and a notice says so
        (
            "content:[a TO z]",
            (Clause((Word("content"),)), Clause((Word("a"),)), Clause((Word("TO"),)), Clause((Word("z"),))),
        ),
        ("NOT OR ", ()),
        ("NOT AND", ()),
        ("OR", ()),
        ("((((", ()),
        ("?!.,", ()),
    ],
)
def test_query_language(text, clauses):
    assert parse(text) == ParsedQuery(clauses)
