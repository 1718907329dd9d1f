"""Real CMS pages: only the main content is indexed, chrome is not, dates become fields."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer.corpus import CorpusError, load_corpus_data
from indexer.parse import parse_page
from indexer.sites import SiteRules, Sites

from .conftest import client_for

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

CHROME = """<div class="cookie-consent"><p>Vi använder kakor.</p></div>
<header><a href="/">Myndigheten</a><nav><a href="/a">Meny</a></nav></header>
<nav class="breadcrumbs" aria-label="Du är här"><ol><li><a href="/">Start</a></li><li>Nyheter</li></ol></nav>"""

FOOTER = "<footer><p>Besöksadress: Storgatan 1, Östersund</p></footer>"


def page(body: str, head: str = "") -> str:
    return f'<html lang="sv"><head><title>Sidan</title>{head}</head><body>{body}</body></html>'


def texts(html: str, sites: Sites | None = None, path: str = "p.html") -> list[tuple[str, str]]:
    return [(s.title, s.text) for s in parse_page(html, path, sites).sections]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("main", f"{CHROME}<main><h1>Rubrik</h1><p>Innehåll.</p></main><aside><p>Puff</p></aside>{FOOTER}"),
        ("role=main", f'{CHROME}<div role="main"><h1>Rubrik</h1><p>Innehåll.</p></div><div><p>Sidfot</p></div>'),
        ("an id named content", f'{CHROME}<div id="page-content"><h1>Rubrik</h1><p>Innehåll.</p></div><p>Ort</p>'),
        (
            "a class named like content",
            f'{CHROME}<div class="x-layout"><div class="vgx-content"><h1>Rubrik</h1>'
            f"<p>Innehåll.</p></div><div><p>Kontoren i Luleå och Malmö</p></div></div>",
        ),
        ("data-sok-body", "<main><p>Meny i main</p><div data-sok-body><h1>Rubrik</h1><p>Innehåll.</p></div></main>"),
    ],
)
def test_only_the_main_content_is_read(name, body):
    assert texts(page(body)) == [("Rubrik", "Innehåll.")], name


@pytest.mark.parametrize(
    ("rule", "body", "read_without_it"),
    [
        (  # names the content region where the general rules find none
            SiteRules(content=(".txt",)),
            '<div class="top"><p>Sök</p></div><div class="txt"><h1>Rubrik</h1><p>Innehåll.</p></div>'
            '<div class="bottom"><p>Kontakt: Storgatan 1</p></div>',
            "Storgatan",
        ),
        (  # drops what the general rules keep
            SiteRules(drop=(".kommentera",)),
            '<main><h1>Rubrik</h1><p>Innehåll.</p><div class="kommentera"><h3>Kommentera</h3>'
            "<p>Skriv till oss.</p></div></main>",
            "Skriv till oss",
        ),
    ],
    ids=["content", "drop"],
)
def test_a_site_rule_reads_the_content_where_the_general_rules_read_more(rule, body, read_without_it):
    html = page(body)
    with_rule = texts(html, Sites({"example.se": rule}), "example.se/a.html")
    assert with_rule == [("Rubrik", "Innehåll.")], "with the site's rule: the content only"
    without_rule = "\n".join(text for _, text in texts(html, Sites(), "example.se/a.html"))
    assert read_without_it in without_rule, "without the rule the general rules read more"


@pytest.mark.parametrize(
    "chrome",
    [
        '<p class="page-dates">Publicerad <time datetime="2024-03-05">5 mars 2024</time> · '
        'Senast uppdaterad <time datetime="2024-04-01">1 april 2024</time></p>',
        "<p>Publicerad: 2024-03-05 | Senast uppdaterad: 2024-04-01</p>",
        "<p>Sidan uppdaterades 1 apr. 2024</p>",
        '<div class="tools"><a href="#">Dela sidan</a> <a href="#">Skriv ut</a> <a href="#">Lyssna</a></div>',
        '<div><a href="#">Dela sidan</a> <a href="#">Skriv ut</a> <a href="#">Lyssna på sidan</a></div>',
        "<p>Skriv ut artikeln | Läs upp texten | Översätt sidan</p>",
        "<p>Dela den här sidan: Facebook, LinkedIn</p>",
        '<div class="rsbtn"><a href="#">Lyssna med ReadSpeaker</a></div>',
        "<p>Dela: <a href='#'>X</a> <a href='#'>Facebook</a> <a href='#'>LinkedIn</a></p>",
        "<div><p>Hade du nytta av informationen?</p><button>Ja</button><button>Nej</button></div>",
        '<div><h2>Relaterat</h2><ul><li><a href="/a">En sida</a></li><li><a href="/b">En till</a></li></ul></div>',
        '<div class="share-box"><h3>Dela med andra</h3><p>Facebook</p></div>',
        "<div data-sok-ignore><p>Bildtext som redaktören undantog</p></div>",
        '<nav class="breadcrumb"><ol><li>Start</li><li>Nyheter</li></ol></nav>',
        '<div class="article-meta"><span>Publicerad:</span> <time datetime="2025-11-03">3 nov 2025</time> '
        "<span>Text: Kommunikationsavdelningen</span></div>",
        "<p>Text: Anna Ek, kommunikatör | Publicerad 5 mars 2024</p>",
        "<p>Publicerad 5 mars 2024 · Foto: Per Holm</p>",
        '<p><a href="/nyheter/bron">Läs mer</a></p>',
        '<div><a href="/nyheter/bron">Läs hela nyheten »</a></div>',
        "<p>Sidan publicerades 2024-05-02 och uppdaterades 2026-06-11</p>",  # two labels joined by "och"
        '<div class="page-info"><p>Senast uppdaterad: 2026-05-12</p><p>Sidansvarig: Enheten för regional '
        "utveckling</p></div>",
        "<p>Sidansvarig: Enheten för regional utveckling</p>",  # the page's owner, alone
        "<p>Innehållsansvarig: Anna Svensson</p>",
        '<p class="pubinfo">Rapport 0412 · Publicerad 2026-06-03 · 64 sidor</p>',  # a publication's facts
        '<p><a href="/rapport.pdf">Ladda ner rapporten (pdf, 2,1 MB)</a></p>',
        '<p><a href="/rapport.pdf">Ladda ned (PDF 2 MB)</a></p>',
    ],
)
def test_chrome_inside_the_content_is_not_indexed(chrome):
    html = page(f"<main><h1>Rubrik</h1><p>Innehåll.</p>{chrome}</main>")
    assert texts(html) == [("Rubrik", "Innehåll.")]


@pytest.mark.parametrize(
    "content",
    [
        "<p>Ja</p>",
        "<p>X</p>",
        "<p>Rapporten publicerades 5 mars 2024.</p>",
        "<div><h2>Läs mer</h2><p>Om ansökan: den ska in senast i maj.</p></div>",
        '<p><a href="/stod">Läs mer om stödet till butiker</a></p>',
        "<p>Text: Kommunikationsavdelningen</p>",  # a byline without a date line is no date line
        "<p>Lyssna på sidan 4 i rapporten.</p>",
        "<p>Dela upp sidan i två spalter.</p>",
        "<p>Skriv ut ansökan och skicka den till oss.</p>",
        "<p>Sidansvarig för stödet är enhetschefen Anna Svensson.</p>",  # no owner's label
        "<p>Rapport 0412 · Publicerad 2026-06-03 · Byggandet har minskat i hela länet.</p>",  # a sentence
        '<p><a href="/plan.pdf">Ladda ner Handlingsplan för cykel 2026 (pdf, 2 MB)</a></p>',  # names its file
    ],
)
def test_content_that_looks_a_little_like_chrome_stays(content):
    html = page(f"<main><h1>Rubrik</h1><p>Innehåll.</p>{content}</main>")
    assert len("\n".join(text for _, text in texts(html))) > len("Innehåll."), content


@pytest.mark.parametrize(
    ("name", "body", "sections"),
    [
        (
            "a contact box inside <main>",
            '<main><h1>Rubrik</h1><p>Innehåll.</p><aside class="contact-box"><h2>Kontakt</h2>'
            "<p>Näringslivsenheten, naringsliv@example.se</p></aside></main>",
            [("Rubrik", "Innehåll."), ("Kontakt", "Näringslivsenheten, naringsliv@example.se")],
        ),
        (
            "a fact box inside role=main, the <h1> outside it",
            '<h1>Rubrik</h1><div role="main"><p>Innehåll.</p><aside><p>Fakta: 40 laddplatser.</p></aside></div>',
            [("Rubrik", "Innehåll.\nFakta: 40 laddplatser.")],
        ),
        (
            "a sidebar beside <main>",
            "<main><h1>Rubrik</h1><p>Innehåll.</p></main><aside><h2>Kontakt</h2><p>Växeln</p></aside>",
            [("Rubrik", "Innehåll.")],
        ),
        (
            "a related-links box inside <main>",
            '<main><h1>Rubrik</h1><p>Innehåll.</p><aside><h2>Relaterat</h2><ul><li><a href="/a">A</a></li>'
            "</ul></aside></main>",
            [("Rubrik", "Innehåll.")],
        ),
        (
            "a complementary box inside <main>",
            '<main><h1>Rubrik</h1><p>Innehåll.</p><div role="complementary"><h2>Fakta</h2>'
            "<p>40 laddplatser.</p></div></main>",
            [("Rubrik", "Innehåll."), ("Fakta", "40 laddplatser.")],
        ),
        (
            "a sidebar column inside <main>",
            '<main><div class="col"><h1>Rubrik</h1><p>Innehåll.</p></div><div class="sidebar"><h2>Kontakt</h2>'
            "<p>Näringslivsenheten</p></div></main>",
            [("Rubrik", "Innehåll."), ("Kontakt", "Näringslivsenheten")],
        ),
        (
            "a fact box inside the <article>, on a page without <main>",
            '<article><h1>Rubrik</h1><div class="entry-content"><p>Innehåll.</p></div>'
            "<aside><p>Fakta: 40 laddplatser.</p></aside></article>",
            [("Rubrik", "Innehåll.\nFakta: 40 laddplatser.")],
        ),
    ],
)
def test_an_aside_inside_the_main_landmark_is_content(name, body, sections):
    assert texts(page(body)) == sections, name


#: A WordPress page (no <main>): the <h1> in the article's header, the text in .entry-content beside it, and
#: the theme's widget area beside the article (Twenty Eleven to Twenty Sixteen, _s and their children).
WIDGET_AREA = (
    '<div id="secondary" class="widget-area" role="complementary"><section class="widget">'
    '<h2 class="widget-title">Genvägar</h2><ul><li><a href="/felanmalan">Felanmälan</a></li>'
    '<li><a href="/lediga-jobb">Lediga jobb</a></li></ul></section></div>'
)


def wordpress(content: str = "<p>Innehåll.</p>", sidebar: str = WIDGET_AREA) -> str:
    return (
        f'{CHROME}<div id="page"><article class="post type-page"><header class="entry-header">'
        f'<h1 class="entry-title">Rubrik</h1></header><div class="entry-content">{content}</div></article>'
        f"{sidebar}</div>{FOOTER}"
    )


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("a WordPress widget area beside the article", wordpress()),
        ("a widget area that is an <aside>", wordpress(sidebar=WIDGET_AREA.replace("div", "aside"))),
        ("a sidebar named by its id", wordpress(sidebar='<div id="sidebar"><h2>Genvägar</h2><p>E-tjänster</p></div>')),
        (
            "a sidebar region of a theme",
            wordpress(sidebar='<div class="region region-sidebar-first"><h2>Genvägar</h2><p>E-tjänster</p></div>'),
        ),
        (
            "a complementary region beside the content",
            '<div class="page-header"><h1>Rubrik</h1></div><div class="page-body"><div class="text">'
            '<p>Innehåll.</p></div><div role="complementary"><h2>Genvägar</h2><p>E-tjänster</p></div></div>',
        ),
        (
            "the theme's own text beside the article",  # the content is the article, not the whole <body>
            wordpress(sidebar='<div class="site-info"><h2>Öppettider</h2><p>Vardagar 8–16.</p></div>'),
        ),
    ],
)
def test_a_sidebar_beside_the_content_is_not_indexed(name, body):
    assert texts(page(body)) == [("Rubrik", "Innehåll.")], name


def test_a_wrapper_named_for_its_sidebar_keeps_the_content_it_holds():
    body = (
        '<div class="layout has-sidebar"><div class="page-header"><h1>Rubrik</h1></div>'
        '<div class="text"><p>Innehåll.</p></div><div class="sidebar"><h2>Genvägar</h2><p>E-tjänster</p></div></div>'
    )
    assert texts(page(body)) == [("Rubrik", "Innehåll.")], "the wrapper stays, the sidebar in it goes"


def test_a_kommun_sites_shortcuts_are_not_found_on_every_page(tmp_path: Path):
    pages = {
        "kommun.se/torget.html": page(wordpress("<p>Torget byggs om till en mötesplats.</p>")),
        "kommun.se/hamnen.html": page(wordpress("<p>Hamnen ger nya jobb inom logistik.</p>")),
    }
    client = client_for(tmp_path, pages)
    hits = client.get("/api/search?q=jobb").get_json()["results"]
    assert [hit["title"] for hit in hits] == ["Rubrik"], "'jobb' finds the page that is about jobs only"
    assert hits[0]["id"].startswith("kommun.se/hamnen"), "the hit is the harbour's page"
    genvagar = client.get("/api/search?q=genvägar").get_json()
    assert genvagar["total"] == 0, "the widget area's heading is no section of any page"


def portlet(inner: str) -> str:
    """A Sitevision text portlet: every block of a Sitevision page is one, named like a content region."""
    return f'<div class="sv-text-portlet sv-use-margins"><div class="sv-text-portlet-content">{inner}</div></div>'


TITLE = '<h1 class="heading">Hamnen i Ystad</h1>'
LEAD = '<p class="ingress">Kommunen bygger om hamnen till en ny stadsdel.</p>'
BODY = "<h2>Bostäder</h2><p>Vid kajen byggs cirka 500 lägenheter.</p><h2>Tidplan</h2><p>Byggstart är hösten 2027.</p>"
SECTIONS = [
    ("Hamnen i Ystad", "Kommunen bygger om hamnen till en ny stadsdel."),
    ("Bostäder", "Vid kajen byggs cirka 500 lägenheter."),
    ("Tidplan", "Byggstart är hösten 2027."),
]


def sitevision(column: str) -> str:
    """A Sitevision page (no <main>): the content column beside a column of shortcuts, between a cookie
    banner, a menu portlet and a footer layout that hold no semantic landmark."""
    return (
        '<div class="sv-layout" id="svid10_top"><div class="cookie-banner"><p>Vi använder kakor.</p></div>'
        + portlet('<ul><li><a href="/a">Trafik</a></li><li><a href="/b">Kultur och fritid</a></li></ul>')
        + '</div><div class="sv-layout sv-template-layout" id="svid10_mitt">'
        + f'<div class="sv-column-8 sv-layout">{column}</div>'
        + '<div class="sv-column-4 sv-layout">'
        + portlet('<h2>Genvägar</h2><ul><li><a href="/jobb">Lediga jobb</a></li></ul>')
        + '</div></div><div class="sv-layout" id="svid10_fot">'
        + portlet("<p>Kommunhuset, Storgatan 1. Telefon 0411-00 00 00.</p>")
        + "</div>"
    )


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("the <h1> in a portlet of its own", portlet(TITLE) + portlet(LEAD) + portlet(BODY)),
        ("the <h1> and the lead in one portlet", portlet(TITLE + LEAD) + portlet(BODY)),
        (
            "the <h1> in a layout of its own inside the column",
            f'<div class="sv-layout">{portlet(TITLE)}{portlet("<p>Publicerad 3 mars 2026</p>")}</div>'
            + portlet(LEAD)
            + f'<div class="sv-layout">{portlet(BODY)}</div>',
        ),
        (
            "a tool bar and a feedback box under the text",
            portlet(TITLE)
            + portlet(LEAD)
            + portlet(BODY)
            + '<div class="sv-layout"><a href="#">Dela sidan</a> <a href="#">Skriv ut</a> '
            + '<a href="#">Lyssna på sidan</a></div>'
            + '<div class="sv-layout feedback"><p>Hittade du det du sökte?</p><button>Ja</button></div>',
        ),
    ],
)
def test_a_sitevision_page_is_read_from_the_column_that_holds_its_text(name, column):
    """The <h1>'s own portlet is named like a content region but holds none of the text: the column around it
    that holds the text is the content (before, the page gave no section at all)."""
    assert texts(page(sitevision(column))) == SECTIONS, name


TAGS = ("Näringsliv", "Regional utveckling")
TAG_ROWS = {
    "links side by side": '<div class="sv-script-portlet"><a href="/amnen/naringsliv">Näringsliv</a> '
    '<a href="/amnen/regional-utveckling">Regional utveckling</a></div>',
    "links with separators": '<p><a href="/amnen/naringsliv">Näringsliv</a> | '
    '<a href="https://www.region.se/amnen/ru">Regional utveckling</a></p>',
    "spans named tags": '<p class="sv-html-portlet"><span class="env-tag">Näringsliv</span>'
    '<span class="env-tag">Regional utveckling</span></p>',
    "a list of links": '<ul class="env-list env-list--horizontal"><li><a href="/amnen/naringsliv">Näringsliv</a></li>'
    '<li><a href="/amnen/ru">Regional utveckling</a></li></ul>',
    "a list named tags": '<ul class="category-list"><li>Näringsliv</li><li>Regional utveckling</li></ul>',
    "links each named a tag": '<div><a class="env-tag" href="/amnen/naringsliv">Näringsliv</a> '
    '<a class="env-tag" href="/amnen/ru">Regional utveckling</a></div>',
}

#: The rows marked as tags by a class name; the others are plain links to the site, quick links as often as tags.
MARKED = {"spans named tags", "a list named tags", "links each named a tag"}


@pytest.mark.parametrize("where", ["above the lead", "below the lead"])
@pytest.mark.parametrize("row", list(TAG_ROWS))
def test_a_row_of_tags_beside_the_lead_is_no_text_but_the_pages_tags(row, where):
    """A Sitevision page's tags ("Näringsliv Regional utveckling") were the lead's first line (labels5). Only a row
    marked as tags (a class name that names a tag) is the page's tags: a row of plain links may be quick links, and
    a place among them held for every section (review S8)."""
    above, below = (TAG_ROWS[row], "") if where == "above the lead" else ("", TAG_ROWS[row])
    html = page(sitevision(portlet(TITLE) + above + portlet(LEAD) + below + portlet(BODY)))
    parsed = parse_page(html, "www.region.se/a.html")
    assert [(s.title, s.text) for s in parsed.sections] == SECTIONS, f"{row} {where}: the text without the tags"
    expected = TAGS if row in MARKED else ()
    assert parsed.tags == expected, f"{row} {where}: the page's tags are {parsed.tags}, not {expected}"


@pytest.mark.parametrize(
    ("name", "column", "first_line"),
    [
        # what the lead lists or introduces, and short lines that are no tags, are content
        (
            "a list of plain items under the lead",
            portlet(TITLE + LEAD + "<ul><li>Investeringar</li><li>Rådgivning</li></ul>") + portlet(BODY),
            "Kommunen bygger om hamnen till en ny stadsdel.",
        ),
        (
            "a list the lead introduces",
            portlet(TITLE + "<p>Här finns två projekt:</p>")
            + '<ul><li><a href="/a">Kajen</a></li><li><a href="/b">Torget</a></li></ul>'
            + portlet(BODY),
            "Här finns två projekt:",
        ),
        (
            "links to other sites",
            portlet(TITLE + LEAD)
            + '<p><a href="https://a.se/x">Ansök</a> <a href="https://b.se/y">Villkor</a></p>'
            + portlet(BODY),
            "Kommunen bygger om hamnen till en ny stadsdel.",
        ),
        (
            "a label and its value",
            portlet(TITLE + '<p><strong>Sista dag</strong> <span class="date">1 mars</span></p>' + LEAD)
            + portlet(BODY),
            "Sista dag 1 mars",
        ),
        (
            "links further down the lead",
            portlet(TITLE + LEAD + "<p>Fler bostäder byggs vid kajen.</p>")
            + '<p><a href="/a">Kajen</a> <a href="/b">Torget</a></p>'
            + portlet(BODY),
            "Kommunen bygger om hamnen till en ny stadsdel.",
        ),
    ],
)
def test_what_only_looks_like_a_row_of_tags_stays_text(name, column, first_line):
    parsed = parse_page(page(sitevision(column)), "www.region.se/a.html")
    assert parsed.tags == (), f"{name}: no tags"
    assert parsed.sections[0].text.split("\n")[0] == first_line, f"{name}: the lead's first line"


def test_a_page_of_nothing_but_a_row_of_tags_keeps_it():
    html = page(f"<main><h1>Ämnen</h1>{TAG_ROWS['a list of links']}</main>")
    assert texts(html, path="www.region.se/a.html") == [("Ämnen", "Näringsliv\nRegional utveckling")], "its text"


OFFICE_HOURS = "Kontoret har öppet vardagar 8–16 och tar emot besök efter överenskommelse. " * 3


@pytest.mark.parametrize(
    ("name", "beside"),
    [
        ("text outside every content region", f"<div><p>{OFFICE_HOURS}</p></div>"),
        ("a footer's content region", f'<footer><div class="footer-content"><p>{OFFICE_HOURS}</p></div></footer>'),
        ("a cookie banner's content region", f'<div class="cookie-banner-content"><p>{OFFICE_HOURS}</p></div>'),
    ],
)
def test_a_content_region_that_holds_its_text_is_not_widened_to_what_stands_beside_it(name, beside):
    """A region named like content that holds the <h1> and the text stays the content, however much text
    stands beside it outside every content region or in chrome."""
    body = (
        '<div class="top"><p>Välkommen till kommunen</p></div>'
        f'<div class="x-layout"><div class="page-text-content">{TITLE}<p>Kort text.</p></div></div>{beside}'
    )
    assert texts(page(body)) == [("Hamnen i Ystad", "Kort text.")], name


#: Regions that hold the <h1> and the text of a short page: found by a selector, by a selector and a name, by a name.
SHORT_PAGE_REGIONS = {
    "#content": '<div id="content">{}</div>',
    ".page-content": '<div class="page-content">{}</div>',
    "a name like content": '<div class="page-text-content">{}</div>',
}

#: Another thing the page holds beside its content, in a region named like content but not as the content is.
NEIGHBOURS = {
    "a contact box": f'<div class="box"><div class="box-content"><p>{OFFICE_HOURS}</p></div></div>',
    "a tab panel": f'<div class="tabs"><div class="tab-content"><p>{OFFICE_HOURS}</p></div></div>',
    "a card": f'<div class="card"><div class="card-content"><h2>Besök oss</h2><p>{OFFICE_HOURS}</p></div></div>',
    "a newsletter box": (
        '<div class="newsletter-content"><h2>Nyhetsbrev</h2><p>Prenumerera på vårt nyhetsbrev och få nyheter om '
        "kommunens arbete, evenemang och service varje vecka direkt i din inkorg.</p></div>"
    ),
    "a contact region": f'<div class="contact-content"><p>{OFFICE_HOURS}</p></div>',
}


@pytest.mark.parametrize("neighbour", NEIGHBOURS)
@pytest.mark.parametrize("region", SHORT_PAGE_REGIONS)
def test_a_short_page_is_not_widened_to_a_neighbour_named_otherwise(region, neighbour):
    """A content region is weighed only against the regions named as it is (Sitevision's text blocks are all
    "sv-text-portlet-content"): a "box-content" or a "newsletter-content" beside a short news item is another
    thing the page holds. Before, the news item was read with its neighbour's text, or gained its section."""
    body = (
        '<div class="wrap">'
        + SHORT_PAGE_REGIONS[region].format(f"{TITLE}<p>Kommunen öppnar en ny simhall i maj.</p>")
        + NEIGHBOURS[neighbour]
        + "</div>"
    )
    assert texts(page(body)) == [("Hamnen i Ystad", "Kommunen öppnar en ny simhall i maj.")], "the news item alone"


def test_a_sitevision_sites_pages_are_found_by_their_text_and_not_by_their_shortcuts(tmp_path: Path):
    column = portlet(TITLE) + portlet(LEAD) + portlet(BODY)
    client = client_for(tmp_path, {"ystad.se/hamnen.html": page(sitevision(column))})
    hits = client.get("/api/search?q=lägenheter").get_json()["results"]
    assert [hit["title"] for hit in hits] == ["Bostäder"], "the body's section is found"
    for word in ("genvägar", "telefon"):
        assert client.get("/api/search", query_string={"q": word}).get_json()["total"] == 0, f"{word}: not content"


def teaser(n: int) -> str:
    return (
        f'<article class="news-teaser"><h2><a href="/nyheter/{n}">Nyhet nummer {n}</a></h2>'
        f'<p class="date">2026-01-1{n}</p><p>Kort ingress om nyhet {n}.</p><a href="/nyheter/{n}">Läs mer</a></article>'
    )


LISTINGS = {
    "cards": "".join(teaser(n) for n in range(3)),
    "linked cards": "<ul>"
    + "".join(f'<li><a href="/n/{n}"><h3>Nyhet {n}</h3><p>Ingress {n}.</p></a></li>' for n in range(4))
    + "</ul>",
    "bare headings": "".join(
        f'<h2><a href="/n/{n}">Nyhet {n}</a></h2><p>2026-01-0{n + 1}</p><p>Ingress {n}.</p>' for n in range(3)
    ),
    "headings with a read-more link": "".join(
        f"<article><h3>Nyhet {n}</h3><p>2026-01-0{n + 1}</p><p>Ingress {n}.</p>"
        f"<a href='/n/{n}'>Läs mer =></a></article>"
        for n in range(3)
    ),
    "wrapped headings": "".join(
        f'<div class="title"><h3><a href="/n/{n}">Nyhet {n}</a></h3></div><p>Ingress {n}.</p>' for n in range(3)
    ),
    "role=heading headings (EPiServer)": "".join(
        f'<div class="item"><div class="heading" role="heading" aria-level="2"><a href="/n/{n}">Nyhet {n}</a></div>'
        f"<p>Ingress {n}.</p></div>"
        for n in range(3)
    ),
}


@pytest.mark.parametrize("teasers", LISTINGS.values(), ids=LISTINGS.keys())
def test_a_listing_page_keeps_only_its_introduction(teasers):
    html = page(f"<main><h1>Nyheter</h1><p>Här finns kommunens nyheter.</p>{teasers}</main>")
    assert texts(html) == [("Nyheter", "Här finns kommunens nyheter.")], "each teaser's page is indexed on its own"


def test_teasers_that_link_to_their_site_by_its_full_address_are_a_listing_too():
    teasers = "".join(f'<h2><a href="https://www.kommun.se/n/{n}">Nyhet {n}</a></h2><p>Ingress.</p>' for n in range(3))
    html = page(
        f"<main><h1>Nyheter</h1><p>Inledning.</p>{teasers}</main>",
        head='<link rel="canonical" href="https://kommun.se/n">',
    )
    assert texts(html) == [("Nyheter", "Inledning.")], "every teaser's page is the site's own"


def test_a_more_news_box_under_an_article_is_left_out():
    html = page(f"<main><h1>Ny bro</h1><p>Bron invigs i maj.</p><h2>Fler nyheter</h2>{LISTINGS['cards']}</main>")
    assert texts(html) == [("Ny bro", "Bron invigs i maj.")], "the box's teasers are the other news' own"


def linked(href: str, count: int = 3) -> str:
    """``count`` headings, each a link to ``href`` (``{n}``: its number), a line of text under each."""
    return "".join(f'<h2><a href="{href.format(n=n)}">Del {n}</a></h2><p>Text {n}.</p>' for n in range(count))


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("two linked headings", linked("/n/{n}", count=2)),
        ("links within the page", linked("#d{n}")),
        (
            "long text beside",
            "".join(f'<h2><a href="/n/{n}">Del {n}</a></h2><p>{"Lång text. " * 50}</p>' for n in range(3)),
        ),
        ("other sites", linked("https://p{n}.se/")),
        ("other sites without a scheme", linked("//p{n}.se/")),
        (
            "read-more links to documents",
            "".join(f"<h2>Rapport {n}</h2><p>Om {n}.</p><a href='/r/{n}.pdf'>Läs mer</a>" for n in range(3)),
        ),
        ("documents", linked("/r/{n}.pdf")),
        ("mail", linked("mailto:a{n}@kommun.se")),
        (
            "a link in the heading",
            "".join(f'<h2>Del {n} och <a href="/n/{n}">mer</a></h2><p>Text {n}.</p>' for n in range(3)),
        ),
    ],
)
def test_linked_headings_that_are_no_listing_stay_sections(name, body):
    html = page(f"<main><h1>Sidan</h1><p>Inledning.</p>{body}</main>")
    assert len(texts(html, path="kommun.se/sidan.html")) == 1 + body.count("<h2>"), name


def test_a_page_of_nothing_but_teasers_keeps_them():
    questions = "".join(f'<h2><a href="/fragor/{n}">Fråga {n}?</a></h2><p>Svar {n}.</p>' for n in range(4))
    html = page(f"<main><h1>Vanliga frågor</h1>{questions}</main>")
    assert texts(html) == [(f"Fråga {n}?", f"Svar {n}.") for n in range(4)], "dropped, the page would say nothing"


def test_granted_projects_linking_to_their_own_sites_are_found(tmp_path: Path):
    projects = "".join(
        f'<h3><a href="https://www.kommun{n}.se/projekt">Projekt {name}</a></h3><p>Kommunen bygger {name}.</p>'
        for n, name in enumerate(["cykelbanor", "torgscener", "parkstråk", "laddplatser", "bryggor"])
    )
    corpus = {
        "tillvaxtverket.se/beviljade.html": page(
            f"<main><h1>Beviljade projekt</h1><p>Projekten som fått stöd.</p>{projects}</main>",
            head='<link rel="canonical" href="https://tillvaxtverket.se/beviljade">',
        )
    }
    client = client_for(tmp_path, corpus)
    for word in ("torgscener", "laddplatser"):
        hits = client.get(f"/api/search?q={word}").get_json()["results"]
        assert [hit["title"] for hit in hits] == [f"Projekt {word}"], f"{word}: the project's own site is not indexed"


def test_a_listing_pages_teasers_and_read_more_are_not_found(tmp_path: Path):
    client = client_for(
        tmp_path,
        {
            "nyheter.html": page(f"<main><h1>Aktuellt</h1><p>Det senaste från kommunen.</p>{LISTINGS['cards']}</main>"),
            "bron.html": page(
                "<main><h1>Ny bro</h1><p>Kort ingress om bron.</p><p><a href='/x'>Läs mer</a></p></main>"
            ),
        },
    )
    for q in ("ingress", "nyhet nummer", "läs mer"):
        hits = client.get(f"/api/search?q={q}").get_json()["results"]
        assert [hit["id"].split("/")[0] for hit in hits if hit["id"].startswith("nyheter")] == [], (
            f"{q!r} finds no teaser of the listing"
        )
    assert client.get("/api/search?q=läs mer").get_json()["total"] == 0, "'Läs mer' is no word of any page"


@pytest.mark.parametrize(
    ("head", "body", "published", "updated"),
    [
        (
            '<meta property="article:published_time" content="2024-03-05T08:00:00+01:00">'
            '<meta property="article:modified_time" content="2024-04-01T10:12:00+02:00">',
            "",
            "2024-03-05",
            "2024-04-01",
        ),
        ('<meta name="DC.Date.Modified" content="2023-11-20">', "", None, "2023-11-20"),
        ("", '<p>Publicerad <time datetime="2024-03-05">5 mars 2024</time></p>', "2024-03-05", None),
        ("", "<p>Publicerad: 4 september 2023 Uppdaterad: 6 september 2023</p>", "2023-09-04", "2023-09-06"),
        ("", "<p>Publicerad: 2025-09-01 Uppdaterad: 2026-10-15</p>", "2025-09-01", "2026-10-15"),  # one line, ISO
        ("", "<p>Publicerad 1 september 2025. Senast uppdaterad 15 oktober 2026</p>", "2025-09-01", "2026-10-15"),
        ("", "<p>Uppdaterad: 2026-10-15 Publicerad: 2025-09-01</p>", "2025-09-01", "2026-10-15"),  # either order
        ("", "<p>Senast uppdaterad: 2025-01-08</p>", None, "2025-01-08"),
        (
            "",
            '<div class="x"><p>Sidan uppdaterades <time datetime="2024-12-03">3 december 2024</time></p></div>',
            None,
            "2024-12-03",
        ),
        ("", "<p>Nyhet – 5 november 2024</p>", "2024-11-05", None),
        ("", "<p>Sidan publicerades 2024-05-02 och uppdaterades 2026-06-11</p>", "2024-05-02", "2026-06-11"),
        ("", "<p>Rapport 0412 · Publicerad 2026-06-03 · 64 sidor</p>", "2026-06-03", None),
        (
            '<script type="application/ld+json">{"datePublished": "2022-06-15", "dateModified": "2023-01-02"}</script>',
            "",
            "2022-06-15",
            "2023-01-02",
        ),
        ("", "<p>Publicerad: 31 februari 2024</p>", None, None),
        ("", "<p>Rapporten publicerades i mars.</p>", None, None),
    ],
)
def test_dates_are_read_from_meta_tags_and_labelled_lines(head, body, published, updated):
    parsed = parse_page(page(f"<main><h1>Rubrik</h1><p>Text.</p></main><div>{body}</div>", head), "p.html")
    assert parsed.published == published, "published"
    assert parsed.updated == updated, "updated"


@pytest.mark.parametrize(
    "line",
    [
        "<p>Publicerad: 2025-09-01 Uppdaterad: 2026-10-15</p>",
        "<p>Publicerad 1 september 2025. Senast uppdaterad 15 oktober 2026</p>",
        "<p>Sidan publicerades 2024-05-02 och uppdaterades 2026-06-11</p>",
    ],
)
def test_a_line_with_both_dates_is_chrome_not_text(line):
    parsed = parse_page(page(f"<main><h1>Rubrik</h1>{line}<p>Text.</p></main>"), "p.html")
    assert [section.text for section in parsed.sections] == ["Text."], "the date line is left out of the text"


def test_a_site_rule_names_where_the_dates_stand():
    html = page(
        '<main><h1>Rubrik</h1><p>Text.</p></main><span class="d1">2021-02-03</span>'
        '<span class="d2" data-x="1">3 maj 2022</span>'
    )
    sites = Sites({"example.se": SiteRules(published=(".d1",), updated=(".d2",))})
    parsed = parse_page(html, "example.se/a.html", sites)
    assert parsed.published == "2021-02-03", "published"
    assert parsed.updated == "2022-05-03", "updated"


def test_breadcrumbs_are_read_before_the_chrome_is_dropped():
    parsed = parse_page(page(f"{CHROME}<main><h1>Rubrik</h1><p>Text.</p></main>"), "p.html")
    assert parsed.breadcrumbs == ("Start", "Nyheter")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('content = "main"\ncolour = "blå"\n', "unknown key 'colour'"),
        ('content = "main[["\n', "is not a CSS selector"),
        ("content = 3\n", "must be a CSS selector"),
        ("rank = 'hög'\n", "rank must be a whole number"),
        ("content = [\n", "sites/example.se.toml"),
    ],
)
def test_a_bad_site_rules_file_is_a_one_line_corpus_error(tmp_path: Path, content, message):
    (tmp_path / "sites").mkdir()
    (tmp_path / "sites" / "example.se.toml").write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace("[", r"\[")) as error:
        load_corpus_data(tmp_path)
    assert "\n" not in str(error.value)


def test_results_and_section_pages_carry_the_page_dates(tmp_path: Path):
    html = page(
        '<main><h1 id="rubrik">Rubrik</h1><p>Text om hamnar.</p>'
        "<p>Publicerad 5 mars 2024 · Senast uppdaterad 1 april 2024</p></main>"
    )
    client = client_for(tmp_path, {"a.html": html, "b.html": page("<main><h1>Annat</h1><p>Hamnar.</p></main>")})
    hits = {hit["id"]: hit for hit in client.get("/api/search?q=hamn").get_json()["results"]}
    assert hits["a/rubrik"]["published"] == "2024-03-05", "published"
    assert hits["a/rubrik"]["updated"] == "2024-04-01", "updated"
    assert hits["b/annat"]["published"] is None, "published"
    assert hits["b/annat"]["updated"] is None, "updated"
    section = client.get("/api/sections/a/rubrik").get_json()
    assert section["published"] == "2024-03-05", "published"
    assert section["updated"] == "2024-04-01", "updated"
    assert "Publicerad" not in " ".join(section["paragraphs"])


def test_a_question_in_an_accordion_is_found_as_its_own_answer(tmp_path: Path):
    questions = "".join(
        f'<details id="q{n}"><summary>{q}</summary><p>{a}</p></details>'
        for n, (q, a) in enumerate(
            [
                ("Kan vi få förskott?", "Ja, en del av stödet kan betalas ut i förskott."),
                ("När ska slutrapporten lämnas?", "Senast två månader efter projektets slut."),
            ]
        )
    )
    html = page(f"<main><h1>Frågor</h1>{questions}</main>", head='<link rel="canonical" href="https://verket.se/faq">')
    client = client_for(tmp_path, {"faq.html": html})
    hits = client.get("/api/search?q=slutrapporten").get_json()["results"]
    assert [(hit["title"], hit["url"]) for hit in hits] == [
        ("När ska slutrapporten lämnas?", "https://verket.se/faq#q1")
    ], "the question, its answer alone, and a link that opens it"


def test_a_table_hit_shows_its_row_and_the_section_page_one_line_per_row(tmp_path: Path):
    rows = [
        ("Smart förpackning", "Ljungby kommun", "4 200 000"),
        ("Träbyggnadscentrum", "Växjö kommun", "9 500 000"),
        ("Glasriket 2030", "Emmaboda kommun", "3 300 000"),
        ("Industrins kompetens", "Gislaved kommun", "5 000 000"),
    ]
    table = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    html = page(
        f"<main><h1>Beviljade projekt</h1><p>Projekten i länet.</p><h2>Belopp</h2><table>"
        f"<tr><th>Projekt</th><th>Ägare</th><th>Kronor</th></tr>{table}</table></main>"
    )
    client = client_for(tmp_path, {"beviljat.html": html})
    hit = client.get("/api/search?q=glasriket emmaboda").get_json()["results"][0]
    assert hit["snippet"] == "… <mark>Glasriket</mark> 2030 · <mark>Emmaboda</mark> kommun · 3 300 000 …", (
        "the row of the hit, no cell of the rows before or after it"
    )
    soup = BeautifulSoup(client.get("/avsnitt/beviljat/belopp").data, "html.parser")
    assert [p.get_text() for p in soup.select(".section-text p")][2:4] == [
        "Träbyggnadscentrum · Växjö kommun · 9 500 000",
        "Glasriket 2030 · Emmaboda kommun · 3 300 000",
    ], "one paragraph per row"


@pytest.mark.parametrize(
    ("html", "languages"),
    [
        ('<html lang="en-GB"><body><main><h1>How to apply</h1><p>Apply online.</p></main></body></html>', ["en"]),
        ("<html><body><main><h1>Ansök</h1><p>Ansök här.</p></main></body></html>", ["sv"]),
        (
            '<html lang="sv"><body><main><h1>Ansök</h1><p>Ansök här.</p><section lang="en"><h2>In English</h2>'
            "<p>Apply here.</p></section><h2>Kontakt</h2><p>Ring oss.</p></main></body></html>",
            ["sv", "en", "sv"],
        ),
        ('<html lang="!!"><body><main><h1>Ansök</h1><p>Ansök här.</p></main></body></html>', ["sv"]),
    ],
)
def test_a_section_is_in_its_pages_language_or_its_own(html, languages):
    assert [section.lang for section in parse_page(html, "p.html").sections] == languages


def test_an_english_hit_and_section_page_say_their_language(tmp_path: Path):
    client = client_for(
        tmp_path,
        {
            "en.html": '<html lang="en"><head><title>Fund</title></head><body><main><h1>How to apply</h1>'
            "<p>Apply for funding from the regional fund.</p></main></body></html>",
            "sv.html": page("<main><h1>Ansök om stöd</h1><p>Ansök om funding från regionalfonden.</p></main>"),
        },
    )
    hits = {hit["id"]: hit for hit in client.get("/api/search?q=funding").get_json()["results"]}
    assert {key: hit["lang"] for key, hit in hits.items()} == {"en/how-to-apply": "en", "sv/ansok-om-stod": "sv"}
    soup = BeautifulSoup(client.get("/?q=funding").data, "html.parser")
    marked = {
        hit.h2.get_text(strip=True): (hit.h2.get("lang"), hit.select_one(".snippet").get("lang"))
        for hit in soup.select("li.hit")
    }
    assert marked == {"How to apply": ("en", "en"), "Ansök om stöd": (None, None)}, "an English title and snippet"
    soup = BeautifulSoup(client.get("/avsnitt/en/how-to-apply").data, "html.parser")
    assert (soup.h1.get("lang"), soup.select_one(".section-text").get("lang")) == ("en", "en"), "the section page"
    feed = ET.fromstring(client.get("/feed?q=funding").data)
    entries = {e.findtext("atom:title", namespaces=ATOM): e.get(XML_LANG) for e in feed.iterfind("atom:entry", ATOM)}
    assert entries == {"How to apply": "en", "Ansök om stöd": None}, "the feed's entries, in a feed marked Swedish"
