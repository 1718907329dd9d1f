"""A feedback widget is chrome by its structure, whatever it asks: one short question and only the controls
that answer it (yes/no buttons, radio buttons, links that say "Ja"/"Nej", a small form). An FAQ's question
followed by its answer is content."""

import pytest

from indexer.parse import parse_page

from .conftest import client_for

TEXT = "Kommunen bygger tre nya cykelbroar över ån under våren."


def page(widget: str, before: str = f"<p>{TEXT}</p>") -> str:
    """A Sitevision-like page: the text in one portlet, ``widget`` in a portlet of its own after it."""
    return (
        '<html lang="sv"><head><title>Cykelbroar</title></head><body><main><h1>Cykelbroar</h1>'
        f'<div class="sv-portlet"><div class="sv-text-portlet-content">{before}</div></div>'
        f'<div class="sv-portlet"><div class="sv-text-portlet-content">{widget}</div></div>'
        "</main></body></html>"
    )


def sections(html: str) -> list[tuple[str, str]]:
    return [(section.title, section.text) for section in parse_page(html, "kommun.se/cykelbroar.html").sections]


# No class or id says "feedback" in any of these, and none of the questions is in page_rules.toml.
WIDGETS = {
    "buttons in the question's paragraph": "<p>Fick du svar på det du undrade? <button>Ja</button> "
    "<button>Nej</button></p>",
    "the question alone before its buttons": '<p>Var texten lätt att förstå?</p><div class="knappar">'
    '<button type="button">Ja</button><button type="button">Nej</button></div>',
    "a heading and links": '<h2>Är informationen på sidan korrekt?</h2><a href="?betyg=ja">Ja</a> '
    '<a href="?betyg=nej">Nej</a>',
    "radio buttons in a fieldset": '<fieldset><legend>Hjälpte sidan dig vidare?</legend><label><input type="radio"'
    ' name="svar" value="1"> Ja</label><label><input type="radio" name="svar" value="0"> Nej, inte helt</label>'
    ' <label for="d"><input type="radio" name="svar" id="d">Delvis</label></fieldset>',
    "icon buttons named by aria-label": '<div><span>Blev du hjälpt av sidan?</span><button aria-label="Ja">'
    '<svg></svg></button><button aria-label="Nej"><svg></svg></button></div>',
    "a submit input with a value": '<div><p>Förstod du texten?</p><input type="submit" value="Ja"> '
    '<input type="submit" value="Nej"></div>',
    "the question before a small form": "<p>Vad saknade du på sidan?</p><form><textarea name=t></textarea>"
    "<button>Skicka</button></form>",
}


@pytest.mark.parametrize("markup", WIDGETS.values(), ids=WIDGETS.keys())
def test_a_feedback_widget_is_not_read_whatever_it_asks(markup):
    assert sections(page(markup)) == [("Cykelbroar", TEXT)], "only the page's text, not the widget's question"


FAQ = {  # the markup, and a question it holds that must stay
    "a question heading and its answer": (
        "<h2>Får jag cykla på bron?</h2><p>Ja, när den är klar i maj.</p>",
        "Får jag cykla på bron?",
    ),
    "a one-word answer as text": ("<h2>Kostar parkeringen något?</h2><p>Nej.</p>", "Kostar parkeringen något?"),
    "a question whose answer links on": (
        '<p>Vill du veta mer om bygget? <a href="/kontakt">Kontakta projektledaren</a></p>',
        "Vill du veta mer om bygget?",
    ),
    "a yes link inside a sentence": (
        '<p>Behöver du bygglov? <a href="/bygglov">Ja</a>, om du bygger nytt.</p>',
        "Behöver du bygglov?",
    ),
    "a question and a button that does something else": (
        "<div><p>Vill du se ritningarna?</p><button>Visa karta</button></div>",
        "Vill du se ritningarna?",
    ),
}


@pytest.mark.parametrize(("markup", "question"), FAQ.values(), ids=FAQ.keys())
def test_a_question_with_its_answer_is_content(markup, question):
    read = " ".join(f"{title} {text}" for title, text in sections(page(markup)))
    assert question in read, f"the question stays in what is read: {read!r}"


def test_the_phrase_list_still_catches_a_widget_whose_buttons_a_script_draws():
    """The structure is gone when the buttons come later from a script: a known phrase alone is still chrome."""
    assert sections(page('<p class="q">Hade du nytta av informationen?</p><div id="js-knappar"></div>')) == [
        ("Cykelbroar", TEXT)
    ], "a known feedback question with no controls is dropped by the phrase list"


def test_a_search_finds_no_widget_text(tmp_path):
    """In a real index: a word only the widget holds finds nothing, the text's words find the page."""
    client = client_for(tmp_path, {"kommun.se/cykelbroar.html": page(WIDGETS["buttons in the question's paragraph"])})
    assert client.get("/api/search?q=cykelbroar").get_json()["total"] == 1, "the page's own text is found"
    assert client.get("/api/search?q=undrade").get_json()["total"] == 0, "the widget's question is not indexed"
