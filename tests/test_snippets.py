"""A snippet shows what the card's title does not: a line that only repeats the title, or only labels a link to a
document ("Rapporten (PDF, 2 MB)"), ranks below the prose, whatever hits it holds."""

from pathlib import Path

import pytest

from .conftest import client_for

TITLE = "Cykelparkering vid stationer"
PROSE = "En genomgång av hur tolv kommuner ordnar plats vid perronger där pendlare byter till tåg och buss."
FILLER = " ".join(["Kommunerna har räknat platser, mätt beläggningen och frågat pendlare vad de saknar."] * 4)


def page(*blocks: str) -> str:
    """A report page: one section titled ``TITLE`` whose text is ``blocks``, a paragraph each."""
    return (
        '<html lang="sv"><head><title>Rapporter</title></head><body><main><h1>Rapporter</h1><p>Våra rapporter.</p>'
        f"<h2>{TITLE}</h2>" + "".join(f"<p>{block}</p>" for block in blocks) + "</main></body></html>"
    )


def snippet_for(tmp_path: Path, query: str, *blocks: str) -> str:
    client = client_for(tmp_path, {"rapporter.html": page(*blocks)})
    hit = next(hit for hit in client.get(f"/api/search?q={query}").get_json()["results"] if hit["title"] == TITLE)
    return hit["snippet"]


@pytest.mark.parametrize(
    ("query", "blocks", "begins"),
    [
        (  # the download link's label repeats the title: the description above it is shown, from its start
            "cykelparkering",
            (PROSE, f'<a href="/filer/cykelparkering.pdf">{TITLE} (PDF)</a>'),
            "En genomgång",
        ),
        (  # a bare link label before the text, the same hit far below it in the prose
            "rapport",
            ('<a href="/filer/r.pdf">Ladda ner rapporten (pdf, 2,4 MB)</a>', FILLER, "Rapporten visar var det saknas."),
            "… <mark>Rapporten</mark> visar",
        ),
        (  # the title again, as a caption under a picture, then prose with the same word far below
            "stationer",
            (FILLER, TITLE, "Vid stationer i mindre städer räcker platserna oftast."),
            "… Vid <mark>stationer</mark>",
        ),
        (  # a line that says more than the title is prose and keeps its rank
            "cykelparkering",
            (FILLER, "Cykelparkering vid stationer lockar fler att pendla.", "Tak och lås kostar mest."),
            "… <mark>Cykelparkering</mark> vid stationer lockar",
        ),
    ],
)
def test_the_snippet_prefers_prose_over_a_line_that_repeats_the_title_or_labels_a_link(tmp_path, query, blocks, begins):
    snippet = snippet_for(tmp_path, query, *blocks)
    assert snippet.startswith(begins), f"the snippet of {query!r} begins with {begins!r}: {snippet!r}"


def test_a_hit_only_in_the_repeated_title_is_still_marked_where_the_snippet_shows_it(tmp_path):
    snippet = snippet_for(tmp_path, "cykelparkering", PROSE, f'<a href="/f.pdf">{TITLE} (PDF)</a>')
    assert "<mark>Cykelparkering</mark> vid stationer (PDF)" in snippet, f"the label's hit stays marked: {snippet!r}"


LINK = '<a href="/filer/strategi.pdf">Hela strategin finns att ladda ner: Strategi 2030 (pdf, 2 MB)</a>.'


@pytest.mark.parametrize(
    ("query", "blocks", "shown"),
    [
        (  # the link's label is the only line that holds the word, far below the text's beginning
            "pdf",
            (FILLER, LINK),
            "(<mark>pdf</mark>, 2 MB)",
        ),
        (  # two words, both only in the label; "ner" is filler (optional_words.txt), searched and marked only alone
            "ladda ner",
            (FILLER, LINK),
            "att <mark>ladda</mark> ner",
        ),
        (  # the title holds the word: the card shows where it matched, the snippet the text from its start
            "cykelparkering",
            (FILLER, f'<a href="/filer/cykelparkering.pdf">{TITLE} (PDF)</a>'),
            FILLER[:40],
        ),
        (  # the beginning of a short text already shows the label's hit
            "pdf",
            (PROSE, LINK),
            PROSE[:40],
        ),
    ],
)
def test_a_hit_only_in_a_link_label_is_shown_unless_the_title_or_the_opening_shows_it(tmp_path, query, blocks, shown):
    snippet = snippet_for(tmp_path, query, *blocks)
    assert shown in snippet, f"the snippet of {query!r} shows {shown!r}: {snippet!r}"
