"""Content hidden until the visitor opens it is read as the text it becomes; content hidden for good is not.

An accordion's answer or a tab's panel waits behind a button (``aria-expanded``, ``aria-controls``) with
``hidden``, ``aria-hidden`` or a script's class on it: the visitor opens it with a click, so it is the page's
text, its question with it. A cookie dialog, a menu, a search box, a decoration or a template is hidden for
good, or is chrome, and stays out (``hidden`` and ``[panels]`` in ``indexer/data/page_rules.toml``).
"""

from pathlib import Path

import pytest

from indexer.parse import parse_page

from .conftest import client_for

QUESTION = "Hur länge får ett projekt pågå?"
ANSWER = "Ett projekt pågår i högst tre år."
LEAD = "Svar på det som sökande ofta frågar om."


def page(content: str, wrap: str = "main") -> str:
    """A page whose content is ``content`` under an <h1> and a lead, inside ``wrap`` (a Sitevision column when
    ``wrap`` is "sitevision": no <main>, portlets named like content, a shortcuts column beside it)."""
    column = f"<h1>Vanliga frågor</h1><p>{LEAD}</p>{content}"
    if wrap == "sitevision":
        body = (
            '<div class="sv-layout"><div class="sv-column-8 sv-layout">'
            f'<div class="sv-text-portlet"><div class="sv-text-portlet-content">{column}</div></div></div>'
            '<div class="sv-column-4 sv-layout"><div class="sv-text-portlet"><div class="sv-text-portlet-content">'
            '<h2>Genvägar</h2><ul><li><a href="/jobb">Lediga jobb</a></li></ul></div></div></div></div>'
        )
    else:
        body = f"<{wrap}>{column}</{wrap}>" if wrap else column
    return f'<html lang="sv"><head><title>Frågor</title></head><body>{body}</body></html>'


def sections(html: str) -> list[tuple[str, str, str]]:
    return [(s.anchor, s.title, s.text) for s in parse_page(html, "p.html").sections]


LEAD_SECTION = ("vanliga-fragor", "Vanliga frågor", LEAD)


@pytest.mark.parametrize(
    ("name", "content", "wrap", "read"),
    [
        (
            "a button in a heading names its hidden panel (WAI-ARIA accordion, Sitevision page)",
            f'<h2><button aria-expanded="false" aria-controls="svar-1">{QUESTION}</button></h2>'
            f'<div id="svar-1" class="sv-collapsible-content" hidden><p>{ANSWER}</p></div>',
            "sitevision",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
        (
            "a button in a heading names no panel: the panel is the element after the heading",
            f'<div class="accordion"><h3><button aria-expanded="false">{QUESTION}</button></h3>'
            f'<div class="accordion-panel" hidden><p>{ANSWER}</p></div></div>',
            "main",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
        (
            "a panel hidden from screen readers until opened (aria-hidden), its button standing alone",
            f'<button class="accordion-button" aria-expanded="false" aria-controls="svar-2">{QUESTION}</button>'
            f'<div id="svar-2" class="accordion-content" aria-hidden="true"><p>{ANSWER}</p></div>',
            "main",
            ("svar-2", QUESTION, ANSWER),
        ),
        (
            "a collapse class that a script toggles (Bootstrap): the question in the heading's button",
            f'<h2 class="accordion-header"><button class="accordion-button collapsed" data-bs-toggle="collapse" '
            f'data-bs-target="#c1" aria-expanded="false" aria-controls="c1">{QUESTION}</button></h2>'
            f'<div id="c1" class="accordion-collapse collapse"><div class="accordion-body">{ANSWER}</div></div>',
            "",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
        (
            "an open accordion keeps its question",
            f'<h2><button aria-expanded="true" aria-controls="o1">{QUESTION}</button></h2>'
            f'<div id="o1"><p>{ANSWER}</p></div>',
            "main",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
        (
            "a button in a role=heading element names no panel: the panel is the element after it",
            f'<div class="accordion"><div role="heading" aria-level="3"><button aria-expanded="false">{QUESTION}'
            f'</button></div><div class="accordion-panel" hidden><p>{ANSWER}</p></div></div>',
            "main",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
        (
            "a hidden tab panel, named by its tab",
            '<div role="tablist"><button role="tab" aria-selected="true" aria-controls="t1">Vem kan söka?</button>'
            f'<button role="tab" aria-selected="false" aria-controls="t2">{QUESTION}</button></div>'
            '<div role="tabpanel" id="t1"><p>Kommuner och regioner.</p></div>'
            f'<div role="tabpanel" id="t2" hidden><p>{ANSWER}</p></div>',
            "main",
            ("t2", QUESTION, ANSWER),
        ),
        (
            "a panel a script shows with an inline style, no ARIA at all",
            f'<h3 class="fraga">{QUESTION}</h3><div class="svar" style="display:none"><p>{ANSWER}</p></div>',
            "main",
            ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER),
        ),
    ],
)
def test_a_panel_the_visitor_opens_is_read_with_its_question(name, content, wrap, read):
    found = sections(page(content, wrap))
    assert found[0] == LEAD_SECTION, f"{name}: the lead stays the lead's"
    assert read in found, f"{name}: the question and its answer are a section"


def test_a_tab_panel_shown_at_first_is_its_tabs_section_too():
    content = (
        '<div role="tablist"><button role="tab" aria-controls="t1">Vem kan söka?</button>'
        '<button role="tab" aria-controls="t2">Hur mycket?</button></div>'
        '<div role="tabpanel" id="t1"><p>Kommuner och regioner.</p></div>'
        '<div role="tabpanel" id="t2" hidden><p>Högst fem miljoner kronor.</p></div>'
    )
    assert sections(page(content)) == [
        LEAD_SECTION,
        ("t1", "Vem kan söka?", "Kommuner och regioner."),
        ("t2", "Hur mycket?", "Högst fem miljoner kronor."),
    ], "each tab heads its own panel"


def test_a_show_more_button_adds_its_panel_to_the_text_above_it():
    content = (
        '<button aria-expanded="false" aria-controls="mer">Visa mer</button>'
        '<div id="mer" hidden><p>Stödet kan också gå till förstudier.</p></div>'
    )
    assert sections(page(content)) == [
        ("vanliga-fragor", "Vanliga frågor", f"{LEAD}\nStödet kan också gå till förstudier.")
    ], "'Visa mer' is no question: the rest of the text joins the lead"


@pytest.mark.parametrize(
    ("name", "hidden_for_good", "wrap"),
    [
        ("an element hidden with no control", "<div hidden><p>Inga träffar just nu.</p></div>", "main"),
        ("a decoration hidden from screen readers", '<div aria-hidden="true"><p>Dekorbild.</p></div>', "main"),
        (
            "a cookie banner's settings panel",
            '<div class="cookie-banner"><p>Vi använder kakor.</p>'
            '<button aria-expanded="false" aria-controls="kakval">Inställningar</button>'
            '<div id="kakval" hidden><p>Nödvändiga kakor behövs för att sidan ska fungera.</p></div></div>',
            "main",
        ),
        (
            "a dialog a button opens",
            '<button aria-expanded="false" aria-controls="dlg">Kontakta oss</button>'
            '<div id="dlg" role="dialog" hidden><p>Skriv ditt ärende här.</p></div>',
            "main",
        ),
        (
            "a menu of links in the content",
            '<button aria-expanded="false" aria-controls="meny">Meny</button>'
            '<div id="meny" hidden><ul><li><a href="/stod">Stöd</a></li><li><a href="/om">Om oss</a></li></ul></div>',
            "main",
        ),
        (
            "a search box",
            '<button aria-expanded="false" aria-controls="sok">Sök</button>'
            '<div id="sok" hidden><form><label for="q">Sök på webbplatsen</label><input id="q"></form></div>',
            "main",
        ),
        (
            "a page header's menu, on a page without a content landmark",
            '<header><button aria-expanded="false" aria-controls="mobilmeny">Meny</button></header>'
            '<div id="mobilmeny" hidden><p>Välkommen till myndighetens webbplats.</p></div>',
            "",
        ),
        ("a skip link", '<a class="skip-link" href="#innehall">Hoppa till innehållet</a>', "main"),
        ("a template", "<template><p>Laddar resultat.</p></template>", "main"),
    ],
)
def test_content_hidden_for_good_stays_out(name, hidden_for_good, wrap):
    assert sections(page(hidden_for_good, wrap)) == [LEAD_SECTION], name


SCHOOL = "Kommunen bygger en ny skola i centrum."


@pytest.mark.parametrize(
    ("name", "toggle"),
    [
        ("a share toggle", '<button class="share-toggle" aria-expanded="false">Dela</button>'),
        ("a menu button", '<button aria-expanded="false" aria-label="Meny">Meny</button>'),
        ("a listen toggle", '<button aria-expanded="false">Lyssna</button>'),
        (
            "a share toggle that names the text after it",
            '<button class="share-toggle" aria-expanded="false" aria-controls="ingress">Dela</button>',
        ),
        ("a toggle that names no element there is", '<button aria-expanded="true" aria-controls="x9">Karta</button>'),
    ],
)
def test_a_toggle_before_the_text_opens_nothing(name, toggle):
    """Only a control that names its panel (aria-controls) or asks in a heading opens one, and never a control
    that is chrome itself: before, any aria-expanded button opened the text after it and took over its section's
    title ("Dela", "Meny")."""
    html = page(f'{toggle}<p id="ingress">{SCHOOL}</p>').replace(
        f"<h1>Vanliga frågor</h1><p>{LEAD}</p>", "<h1>Ny skola</h1>"
    )
    assert sections(html) == [("ny-skola", "Ny skola", SCHOOL)], f"{name}: the text is the page's first section"


def test_a_decoration_inside_an_opened_panel_stays_out():
    content = (
        f'<h2><button aria-expanded="false" aria-controls="s">{QUESTION}<span aria-hidden="true">+</span></button>'
        f'</h2><div id="s" hidden><p>{ANSWER}<span aria-hidden="true"> ▸</span></p></div>'
    )
    assert sections(page(content))[1] == ("hur-lange-far-ett-projekt-paga", QUESTION, ANSWER), "no icon in the text"


def test_a_collapsed_answer_is_found_and_its_link_opens_it(tmp_path: Path):
    content = (
        f'<button class="accordion-button" aria-expanded="false" aria-controls="svar-tid">{QUESTION}</button>'
        f'<div id="svar-tid" hidden><p>{ANSWER}</p></div>'
    )
    html = page(content).replace("<head>", '<head><link rel="canonical" href="https://verket.se/faq">')
    client = client_for(tmp_path, {"faq.html": html})
    hits = client.get("/api/search", query_string={"q": "hur länge får ett projekt hålla på"}).get_json()["results"]
    assert [(hit["title"], hit["url"]) for hit in hits[:1]] == [(QUESTION, "https://verket.se/faq#svar-tid")], (
        "the collapsed question is the first hit, and its link points at the answer"
    )
