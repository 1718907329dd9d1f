"""The query language: what a visitor types, read into clauses; never an error."""

import pytest

from webapp.syntax import Clause, ParsedQuery, Phrase, Word, exact, parse


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


@pytest.mark.parametrize(
    ("q", "words", "expected"),
    [
        ("hamn kaj", "kaj", 'hamn "kaj"'),
        ("Leader-område", "Leader", '"Leader" område'),
        ("Leader-område", "område", 'Leader "område"'),
        ("eu-stöd till hamn", "hamn", 'eu-stöd till "hamn"'),
        ("bredbandsstöd", "stöd", "bredbandsstöd"),
    ],
    ids=["a word", "first word of a hyphenated one", "last word of it", "a word beside one", "not a word of q"],
)
def test_a_word_required_as_typed_is_quoted_and_a_hyphenated_word_written_apart(q, words, expected):
    assert exact(q, words) == expected, "quoted inside a hyphenated word, the rest would read as an exclusion"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("www.trelleborg.se", ["trelleborg"]),  # a pasted host: the site's name, not "www" and "se"
        ("https://tillvaxtverket.se/nyheter/", ["tillvaxtverket", "nyheter"]),
        ("http://www.regionvasterbotten.se/kompetens/index.html?id=7#top", ["regionvasterbotten", "kompetens"]),
        ("trelleborg.se hamn", ["trelleborg", "hamn"]),  # a host that ends in a known top-level domain
        ("Region-Skane.SE", ["Region-Skane"]),
        ("t.ex. hamn", ["t", "ex", "hamn"]),  # an abbreviation is no address
        ("3.5 miljoner", ["3", "5", "miljoner"]),
        ("info@trelleborg.se", ["info", "trelleborg", "se"]),  # an e-mail address is no web address
        ("se", ["se"]),  # a word alone is a word
        ("info.se", ["info"]),  # a host's own name is never dropped, only www and the top-level domain (review N5)
        ("eu.tillvaxtverket.se/projekt", ["eu", "tillvaxtverket", "projekt"]),
        ("www.info.se/index.html", ["info"]),
    ],
)
def test_a_web_address_is_the_words_of_its_host_and_path(text, words):
    typed = [option.text for clause in parse(text).clauses for option in clause.options]
    assert typed == words, f"the words {text!r} is searched for"


def test_an_excluded_address_excludes_its_words():
    assert parse("hamn -www.trelleborg.se") == ParsedQuery(
        (Clause((Word("hamn"),)), Clause((Word("trelleborg"),), negated=True))
    ), "the minus goes with the address's words"
