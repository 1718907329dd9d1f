"""Lists inside the content region: a list of links is navigation, a list's later page is a listing.

Read through the real parser (``parse_page``) with the shipped page rules (``[link_lists]`` and
``[teasers]`` in ``indexer/data/page_rules.toml``):

* a list of nothing but links to the site's own pages beside the page's lead or under a navigation heading
  ("Genvägar", a start page's sections) is no text, and a heading over nothing else goes with it; under any other
  heading ("Beviljade projekt 2024") it is that section's content, found by its labels; a list whose items say
  more, or that leads elsewhere, is content;
* a page of a paginated list, told by its address, is a listing whatever number of teasers it holds;
* a heading's closing colon is no part of the section's title.
"""

from __future__ import annotations

import pytest

from indexer.parse import PageWithoutText, parse_page

from .conftest import client_for

PROSE = "<p>Regionen arbetar med tillväxt, kompetens och infrastruktur i hela länet.</p>"
HOST = "https://region.se"


def page(main: str, canonical: str = f"{HOST}/omrade/") -> str:
    return (
        f'<html lang="sv"><head><title>Sidan</title><link rel="canonical" href="{canonical}"></head>'
        f"<body><main><h1>Regional utveckling</h1>{main}</main></body></html>"
    )


def items(*entries: str) -> str:
    return "<ul>" + "".join(f"<li>{entry}</li>" for entry in entries) + "</ul>"


def link(href: str, label: str) -> str:
    return f'<a href="{href}">{label}</a>'


def links(base: str, labels: dict[str, str]) -> str:
    """A list of one link per (slug, label), each to ``base``/slug/."""
    return items(*(link(f"{base}/{slug}/", label) for slug, label in labels.items()))


SHORTCUTS = links("", {"stod": "Företagsstöd", "bredband": "Bredband", "energi": "Energi", "trafik": "Kollektivtrafik"})


def sections(html: str, address: str | None = None) -> list[tuple[str, str]]:
    return [
        (section.title, section.text) for section in parse_page(html, "region.se/omrade.html", None, address).sections
    ]


NAVIGATION = {
    "a shortcuts list under its heading": f"{PROSE}<h2>Genvägar</h2>{SHORTCUTS}",
    "a numbered list": f"{PROSE}<h2>Hitta snabbt</h2>" + SHORTCUTS.replace("ul>", "ol>"),
    "links by the site's full address": f"{PROSE}<h2>Genvägar</h2>" + SHORTCUTS.replace('href="/', f'href="{HOST}/'),
    "one document among the pages": f"{PROSE}<h2>Genvägar</h2>"
    + SHORTCUTS.replace("</ul>", f"<li>{link('/dokument/strategi.pdf', 'Strategin som pdf')}</li></ul>"),
    "two links in an item": f"{PROSE}<h2>Genvägar</h2>"
    + items(f"{link('/stod/', 'Stöd')} | {link('/bidrag/', 'Bidrag')}", link("/energi/", "Energi")),
    "a list in a wrapper": f'{PROSE}<div class="links"><h2>Genvägar</h2><div>{SHORTCUTS}</div></div>',
    "a related-links heading with its colon": f"{PROSE}<h2>Relaterade sidor:</h2>{SHORTCUTS}",
    "another navigation heading, a level lower": f"{PROSE}<h3>Snabblänkar</h3>{SHORTCUTS}",
    "a navigation heading that goes on": f"{PROSE}<h2>Genvägar inom regional utveckling</h2>{SHORTCUTS}",
}


@pytest.mark.parametrize("main", NAVIGATION.values(), ids=NAVIGATION.keys())
def test_a_list_of_links_to_the_sites_pages_and_its_heading_are_no_section(main):
    assert sections(page(main)) == [("Regional utveckling", PROSE[3:-4])], "only the prose is a section"


def test_a_list_of_links_under_prose_leaves_the_prose_its_section():
    html = page(PROSE + SHORTCUTS)
    assert sections(html) == [("Regional utveckling", PROSE[3:-4])], "the labels are not added to the lead"


CONTENT = {
    "documents with descriptions": items(
        f"{link('/dok/a.pdf', 'Årsredovisning 2025')} Hur regionen använde sina pengar under året.",
        f"{link('/dok/b.pdf', 'Budget 2026')} Vad regionen planerar att göra nästa år.",
        f"{link('/dok/c.pdf', 'Strategi')} Länets mål fram till år 2030.",
    ),
    "documents alone": items(*(link(f"/dok/{n}.pdf", f"Rapport {n}") for n in range(4))),
    "an FAQ of linked questions": items(*(link(f"/faq/{n}/", f"Hur söker jag stöd nummer {n}?") for n in range(4))),
    "partners in prose": items(
        f"{link('/kommun/krokom/', 'Krokoms kommun')} leder projektet.",
        f"{link('/kommun/are/', 'Åre kommun')} står för lokalerna.",
        f"{link('/kommun/berg/', 'Bergs kommun')} bidrar med personal.",
    ),
    "an item with a sentence": items(
        link("/stod/", "Företagsstöd"), link("/bredband/", "Bredband"), "Energi är ett nytt område från i år."
    ),
    "links to other sites": items(*(link(f"https://{name}.se/", name.title()) for name in ("krokom", "are", "berg"))),
    "two links": items(link("/stod/", "Företagsstöd"), link("/bredband/", "Bredband")),
    "a table of contents": items(*(link(f"#del-{n}", f"Del {n}") for n in range(4))),
    "long labels": items(
        *(link(f"/s/{n}/", "Stöd till företag som vill anställa fler i glesbygden nu") for n in range(3))
    ),
}


@pytest.mark.parametrize("main", CONTENT.values(), ids=CONTENT.keys())
def test_a_list_that_says_more_than_links_to_the_sites_pages_is_content(main):
    found = sections(page(f"{PROSE}<h2>Listan</h2>{main}"))
    assert [title for title, _ in found] == ["Regional utveckling", "Listan"], "the list is a section"


PROJECTS = links(
    f"{HOST}/landsbygd",
    {
        "fiber": "Fiber till Norrby",
        "handel": "Lanthandeln i Åby",
        "laddning": "Laddstolpar i byarna",
        "bygdegard": "Ny bygdegård",
    },
)
LABELS = "Fiber till Norrby\nLanthandeln i Åby\nLaddstolpar i byarna\nNy bygdegård"

SECTIONS = {  # name: (the content after the lead, the sections after the lead's)
    "a content heading over the list alone": (
        f"<h2>Beviljade projekt 2024</h2>{PROJECTS}<h2>Kontakt</h2><p>Ring växeln.</p>",
        [("Beviljade projekt 2024", LABELS), ("Kontakt", "Ring växeln.")],
    ),
    "a content heading, a line, then the list": (
        f"<h2>Beviljade projekt</h2><p>Dessa fick stöd i år.</p>{PROJECTS}",
        [("Beviljade projekt", f"Dessa fick stöd i år.\n{LABELS}")],
    ),
    "a content list beside a navigation list": (
        f"<h2>Beviljade projekt 2024</h2>{PROJECTS}<h2>Genvägar</h2>{SHORTCUTS}",
        [("Beviljade projekt 2024", LABELS)],
    ),
}


@pytest.mark.parametrize(("main", "after"), SECTIONS.values(), ids=SECTIONS.keys())
def test_a_list_of_links_to_the_sites_pages_under_a_content_heading_is_its_section(main, after):
    assert sections(page(PROSE + main)) == [("Regional utveckling", PROSE[3:-4]), *after], "the labels are text"


REVIEWED = (  # a kommun page as a reviewer wrote it: a grouping said nowhere else, over its projects' pages
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Landsbygdsutveckling - Exempels kommun'
    '</title><link rel="canonical" href="https://www.exempel.se/naringsliv/landsbygd/"></head><body><main>'
    "<h1>Landsbygdsutveckling</h1><p>Kommunen ger stöd till föreningar och företag som utvecklar landsbygden."
    " Ansök senast 1 mars varje år.</p><h2>Beviljade projekt 2024</h2>"
    + links(
        "https://www.exempel.se/naringsliv/landsbygd",
        {
            "byanat-i-norr": "Byanät i norr",
            "lanthandeln-i-ed": "Lanthandeln i Ed",
            "smart-by": "Smart by",
            "laddstolpar-i-byarna": "Laddstolpar i byarna",
        },
    )
    + "<h2>Kontakt</h2><p>Landsbygdsutvecklare nås via kommunens växel eller via e-post.</p></main></body></html>"
)


@pytest.fixture(scope="module")
def projects_client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("projects"), {"landsbygd.html": REVIEWED})


@pytest.mark.parametrize("query", ["lanthandeln", "laddstolpar", "beviljade projekt 2024"])
def test_a_content_list_of_links_is_found_by_what_it_names(projects_client, query):
    found = projects_client.get("/api/search", query_string={"q": query}).get_json()["results"]
    assert [hit["title"] for hit in found] == ["Beviljade projekt 2024"], "the list's section is the one hit"


def test_a_list_of_links_the_lead_introduces_is_the_leads_content():
    """ "… till dessa fyra projekt:" says the list is what the lead is about, not the site's navigation (reviewer6
    M4: the projects' names were in no section, so "lanthandeln" found nothing)."""
    intro = "<p>Regionen beviljade stöd till dessa fyra projekt på landsbygden under 2024:</p>"
    found = sections(page(intro + PROJECTS))
    assert found == [("Regional utveckling", f"{intro[3:-4]}\n{LABELS}")], "the lead holds the list it introduces"


def test_a_page_of_nothing_but_a_list_of_links_keeps_it():
    assert sections(page(SHORTCUTS)) == [("Regional utveckling", "Företagsstöd\nBredband\nEnergi\nKollektivtrafik")], (
        "else the page would have no section"
    )


def teasers(count: int) -> str:
    return "".join(
        f'<div class="teaser"><h2><a href="/nyheter/{n}/">Nyhet {n}</a></h2><p>2026-10-0{n + 1}</p>'
        f"<p>Kort ingress om nyhet {n}.</p></div>"
        for n in range(count)
    )


ADDRESSES = {  # name: (the address a page was fetched from, whether it is a list's later page)
    "a page parameter": (f"{HOST}/nyheter/?page=2", True),
    "a Swedish one": (f"{HOST}/nyheter/?sida=3", True),
    "among others": (f"{HOST}/nyheter/?kategori=stod&Page=4", True),
    "in the path": (f"{HOST}/nyheter/page/2/", True),
    "no query": (f"{HOST}/nyheter/", False),
    "an old CMS's page name": (f"{HOST}/index.php?page=nyheter", False),
    "WordPress's post id": (f"{HOST}/?p=123", False),
    "a word ending so": (f"{HOST}/nyheter/?homepage=2", False),
}


@pytest.mark.parametrize(("address", "list_page"), ADDRESSES.values(), ids=ADDRESSES.keys())
@pytest.mark.parametrize("count", [1, 2])
def test_a_lists_later_page_is_a_listing_however_few_teasers_it_holds(address, list_page, count):
    html = page(f"<p>Nyheter från regionen.</p>{teasers(count)}", canonical=f"{HOST}/nyheter/")
    titles = [title for title, _ in sections(html, address)]
    teasers_kept = [] if list_page else [f"Nyhet {n}" for n in range(count)]
    assert titles == ["Regional utveckling", *teasers_kept], "a list's later page keeps no teaser, another page both"


def test_a_lists_later_page_of_nothing_but_teasers_has_no_section_and_is_no_error():
    html = page(teasers(1), canonical=f"{HOST}/nyheter/")
    assert sections(html, f"{HOST}/nyheter/?page=5") == [], "read, with nothing of its own"


def test_a_page_of_no_list_without_text_is_still_named_as_such():
    with pytest.raises(PageWithoutText):
        parse_page(page(""), "region.se/omrade.html", None, f"{HOST}/omrade/")


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Bedömning och beslut:", "Bedömning och beslut"),
        ("Så söker du :", "Så söker du"),
        ("Kontakt: Anna Ek", "Kontakt: Anna Ek"),
        ("Vad kostar det?", "Vad kostar det?"),
    ],
)
def test_a_headings_closing_colon_is_no_part_of_its_title(heading, title):
    found = sections(page(f"{PROSE}<h2>{heading}</h2><p>Beslut fattas inom åtta veckor.</p>"))
    assert found[1][0] == title, "the title a result shows"
