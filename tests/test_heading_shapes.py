"""Headings written without <h1>-<h6> start sections; lines that only look a little like them stay text.

EPiServer writes ``<div class="heading" role="heading" aria-level="2">``, a report template
``<div class="chapter"><div class="heading">``, and Länsstyrelsen's, Sitevision's and EPiServer's editors a
bold paragraph (``<p><strong>Så söker du</strong></p>``). The first is a heading by WAI-ARIA; the others by
their shape: one short line named like a heading or wholly in bold, ending as no sentence or label does,
followed by prose (``[headings]`` in ``indexer/data/page_rules.toml``). A bold lead-in, a warning, a label
before a short value, a list item, a table cell, a teaser's linked title and a card stay text.
"""

import pytest

from indexer.parse import parse_page

from .conftest import client_for

LEAD = "Regionen samordnar arbetet med kompetens i hela länet."
PROSE = "Den som har yrkeskunskaper kan få dem bedömda och kortar tiden till anställning."


def page(content: str, h1: str = "Kompetensförsörjning") -> str:
    return (
        '<html lang="sv"><head><title>Sidan</title></head><body>'
        f"<main><h1>{h1}</h1><p>{LEAD}</p>{content}</main></body></html>"
    )


def sections(html: str) -> list:
    return list(parse_page(html, "p.html").sections)


@pytest.mark.parametrize(
    ("name", "content", "title", "anchor", "level"),
    [
        (
            "role=heading at its aria-level (EPiServer)",
            '<div class="heading" role="heading" aria-level="2">Validering</div>',
            "Validering",
            "validering",
            2,
        ),
        (
            "role=heading without aria-level: level 2",
            '<div role="heading">Validering</div>',
            "Validering",
            "validering",
            2,
        ),
        (
            "role=heading whose aria-level is no level: level 2",
            '<span role="heading" aria-level="högst">Validering</span>',
            "Validering",
            "validering",
            2,
        ),
        (
            "role=heading keeps its own id as the anchor",
            '<div role="heading" aria-level="3" id="h-validering">Validering</div>',
            "Validering",
            "h-validering",
            3,
        ),
        (
            "a numbered chapter in a div named heading (a report)",
            '<div class="chapter"><div class="heading">3. Bostadsbyggande och arbetskraft</div></div>',
            "3. Bostadsbyggande och arbetskraft",
            "3-bostadsbyggande-och-arbetskraft",
            2,
        ),
        ("a paragraph named rubrik, case aside", '<p class="Rubrik">Så söker du</p>', "Så söker du", "sa-soker-du", 2),
        (
            "the whole text in a span named mellanrubrik",
            '<p><span class="mellanrubrik">Så söker du</span></p>',
            "Så söker du",
            "sa-soker-du",
            2,
        ),
        (
            "a span named subheading standing alone between blocks",
            '<div><span class="subheading">Så söker du</span></div>',
            "Så söker du",
            "sa-soker-du",
            2,
        ),
        (
            "an editor's bold line (Länsstyrelsen)",
            "<p><strong>Så söker du</strong></p>",
            "Så söker du",
            "sa-soker-du",
            2,
        ),
        ("a line in <b>", "<p><b>Så söker du</b></p>", "Så söker du", "sa-soker-du", 2),
        ("bold and italic", "<p><strong><em>Så söker</em> du</strong></p>", "Så söker du", "sa-soker-du", 2),
        (
            "a bold line with a break after it",
            "<p><strong>Så söker du</strong><br></p>",
            "Så söker du",
            "sa-soker-du",
            2,
        ),
        (
            "a bold question",
            "<p><strong>Vad kan du få stöd för?</strong></p>",
            "Vad kan du få stöd för?",
            "vad-kan-du-fa-stod-for",
            2,
        ),
        (
            "a bold line under an <h2> is an <h3>",
            f"<h2>Stöd</h2><p>{PROSE}</p><p><strong>Så söker du</strong></p>",
            "Så söker du",
            "sa-soker-du",
            3,
        ),
        (
            "role=heading on an <h3> without aria-level keeps 3 (HTML-AAM)",
            f'<h2>Stöd</h2><p>{PROSE}</p><h3 role="heading">Så söker du</h3>',
            "Så söker du",
            "sa-soker-du",
            3,
        ),
        (
            "a bold name above prose that opens with no role (a programme's)",
            "<p><strong>Smart Built Environment</strong></p>",
            "Smart Built Environment",
            "smart-built-environment",
            2,
        ),
        (
            "a bold line keeps its id as the anchor",
            '<p id="ansok"><strong>Så söker du</strong></p>',
            "Så söker du",
            "ansok",
            2,
        ),
    ],
)
def test_a_heading_written_without_a_heading_tag_starts_its_own_section(name, content, title, anchor, level):
    found = {section.title: section for section in sections(page(f"{content}<p>{PROSE}</p>"))}
    assert title in found, f"{name}: a section titled {title!r} (got {list(found)})"
    assert found[title].anchor == anchor, f"{name}: its anchor"
    assert found[title].level == level, f"{name}: its level"
    assert found[title].text.endswith(PROSE), f"{name}: the prose after it is its text"
    assert found["Kompetensförsörjning"].text == LEAD, f"{name}: the heading is not glued into the lead"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a bold lead-in the sentence goes on after", f"<p><strong>Observera!</strong> {PROSE}</p>"),
        ("a bold warning", f"<p><strong>Observera!</strong></p><p>{PROSE}</p>"),
        ("a bold lead-in word", f"<p><strong>Observera</strong></p><p>{PROSE}</p>"),
        (
            "a bold label before a short value (a fact list)",
            "<p><strong>Sista ansökningsdag</strong></p><p>2026-03-01</p>",
        ),
        ("a bold label ending in a colon", f"<p><strong>Så här gör du:</strong></p><p>{PROSE}</p>"),
        ("a bold label and its value", f"<p><strong>Sista ansökningsdag: 1 mars</strong></p><p>{PROSE}</p>"),
        (
            "a bold label before a contact's lines",
            "<p><strong>Kontakt</strong></p><p>Anna Svensson<br>Telefon: 010-123 45 67<br>"
            "E-post: anna.svensson@region.se</p>",
        ),
        (
            "a card that is a link as a whole",
            f'<a class="card" href="/stod"><div class="title">Nytt stöd</div><p>{PROSE}</p></a>',
        ),
        ("a bold sentence", f"<p><strong>Ansökan ska vara inne senast den 1 mars.</strong></p><p>{PROSE}</p>"),
        (
            "a bold line longer than a heading",
            "<p><strong>Stöd till företag, kommuner, regioner och föreningar som vill utveckla "
            f"besöksnäringen i hela Tornedalen</strong></p><p>{PROSE}</p>",
        ),
        ("a bold line on two lines", f"<p><strong>Så söker du<br>Så handläggs det</strong></p><p>{PROSE}</p>"),
        (
            "a bold line before a list",
            "<p><strong>Vem kan söka?</strong></p><ul><li>Kommuner</li><li>Regioner</li></ul>",
        ),
        ("a bold line before another", "<p><strong>Stöd</strong></p><p><strong>Så söker du</strong></p>"),
        ("a list item in bold", f"<ul><li><strong>Kommuner</strong></li></ul><p>{PROSE}</p>"),
        ("a bold table cell", f"<table><tr><td><strong>Budget</strong></td><td>{PROSE}</td></tr></table>"),
        ("a teaser's linked title", f'<p><strong><a href="/nyheter/a">Nytt stöd</a></strong></p><p>{PROSE}</p>'),
        ("a card's title (not a heading's name)", f'<div class="card-title">Nytt stöd</div><p>{PROSE}</p>'),
        (
            "a span named heading inside a sentence",
            f'<div>Läs <span class="heading">Så söker du</span> först.</div><p>{PROSE}</p>',
        ),
        (
            "a line named heading that is a sentence",
            f'<div class="heading">Så söker du stöd i e-tjänsten.</div><p>{PROSE}</p>',
        ),
        (
            "a bold line under an <h3> (an <h4>: text)",
            f"<h3>Stöd</h3><p>{PROSE}</p><p><strong>Så söker du</strong></p><p>{PROSE}</p>",
        ),
        (
            "role=heading at aria-level 4 (text, as an <h4>)",
            f'<div role="heading" aria-level="4">Så söker du</div><p>{PROSE}</p>',
        ),
        (
            "role=heading on an <h4> without aria-level (text, as an <h4>)",
            f'<h2>Stöd</h2><p>{PROSE}</p><h4 role="heading">Så söker du</h4><p>{PROSE}</p>',
        ),
        (
            "role=heading on an <h4> whose aria-level is no level",
            f'<h2>Stöd</h2><p>{PROSE}</p><h4 role="heading" aria-level="högst">Så söker du</h4><p>{PROSE}</p>',
        ),
        (
            "a bold pull quote before the sentence that says who said it",
            "<p><strong>”Så söker du stöd för hela länet”</strong></p>"
            "<p>Det säger regionstyrelsens ordförande i en kommentar till beslutet.</p>",
        ),
        ("a bold quote after a dash", f"<p><strong>– Så söker du</strong></p><p>{PROSE}</p>"),
        (
            "a bold person's name above her role",
            "<p><strong>Karin Lundqvist</strong></p>"
            "<p>Regionstyrelsens ordförande, nås på telefon via regionens växel.</p>",
        ),
        (
            "a bold person's name above her telephone",
            "<p><strong>Karl-Erik Ek</strong></p><p>Telefon: 010-123 45 67, nås på förmiddagarna.</p>",
        ),
        (
            "a menu's title before its links",
            '<div class="title">Genvägar</div><ul><li><a href="/a">Felanmälan</a></li></ul>',
        ),
    ],
)
def test_a_line_that_only_looks_a_little_like_a_heading_stays_text(name, content):
    read = sections(page(content))
    titles = [section.title for section in read]
    assert all(title in ("Kompetensförsörjning", "Stöd") for title in titles), f"{name}: no new section ({titles})"
    assert "Så söker du" not in titles, f"{name}: the line is no section"


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        (
            "a bold label before a short value",
            "<p><strong>Sista ansökningsdag</strong></p><p>2026-03-01</p>",
            "Sista ansökningsdag\n2026-03-01",
        ),
        (
            "a span named heading inside a sentence",
            '<div>Läs <span class="heading">Så söker du</span> först.</div>',
            "Läs Så söker du först.",
        ),
        (
            "a bold line before a list",
            "<p><strong>Vem kan söka?</strong></p><ul><li>Kommuner</li></ul>",
            "Vem kan söka?\nKommuner",
        ),
    ],
)
def test_a_line_that_stays_text_reads_as_it_did(name, content, text):
    read = sections(page(content))
    assert read[0].text == f"{LEAD}\n{text}", f"{name}: the same text, the same lines"


#: One page per way of writing a heading, each with its own words (hosts as the tester's corpus had them).
PAGES = {
    "www.regionorebrolan.se/kompetens.html": (
        '<div id="maincontent" class="main-content"><h1>Kompetensförsörjning</h1><p>{lead}</p>'
        '<div class="mainbody"><div class="heading" role="heading" aria-level="2">Validering</div>'
        "<p>Den som har yrkeskunskaper från ett annat land kan få dem kartlagda och bedömda av en yrkesbedömare."
        "</p></div></div>"
    ),
    "tillvaxtverket.se/rapport.html": (
        '<div role="main"><h1>Mellanstora städer</h1><p>{lead}</p><div class="chapter"><div class="heading">'
        "3. Bostadsbyggande och arbetskraft</div><p>Bristen på hyresrätter har gjort det svårt för företag "
        "att rekrytera nyanställda.</p></div></div>"
    ),
    "www.lansstyrelsen.se/gotland/stod.html": (
        '<div id="content"><h1>Investeringsstöd till kommersiell service</h1><p>{lead}</p>'
        "<p><strong>Så söker du</strong></p><p>Du söker stödet i Jordbruksverkets e-tjänst, och länsstyrelsen "
        "handlägger ansökningarna löpande.</p></div>"
    ),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    pages = {
        path: f'<html lang="sv"><head><title>Sida</title><link rel="canonical" href="https://{path}"></head>'
        f"<body>{body.format(lead=LEAD)}</body></html>"
        for path, body in PAGES.items()
    }
    return client_for(tmp_path_factory.mktemp("heading-shapes"), pages)


@pytest.mark.parametrize(
    ("query", "title", "url"),
    [
        ("kartlagda yrkeskunskaper", "Validering", "https://www.regionorebrolan.se/kompetens.html#validering"),
        (
            "hyresrätter rekrytera",
            "3. Bostadsbyggande och arbetskraft",
            "https://tillvaxtverket.se/rapport.html#3-bostadsbyggande-och-arbetskraft",
        ),
        ("jordbruksverkets e-tjänst", "Så söker du", "https://www.lansstyrelsen.se/gotland/stod.html#sa-soker-du"),
    ],
)
def test_a_search_finds_the_section_under_its_heading_and_links_to_it(client, query, title, url):
    hits = client.get("/api/search", query_string={"q": query}).get_json()["results"]
    assert hits, f"{query!r} finds something"
    assert hits[0]["title"] == title, f"{query!r}: the first hit is the section under its heading"
    assert hits[0]["url"] == url, f"{query!r}: and its link opens the page at that heading"
