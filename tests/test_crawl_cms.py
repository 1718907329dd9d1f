"""A CMS site crawled whole: its print versions, a list's later pages, aliases and link lists.

A real CMS serves one page under several addresses and writes navigation inside
its content region. The site here is served by a real HTTP server on 127.0.0.1
and listed whole in its sitemap (print versions, a list's ``?page=2``, a tracking
link, an address without its slash); ``python -m indexer crawl --update`` fetches
and indexes it as the README says, and the index is read as the web app serves it:

* the result's URL is the page's own address, never a print version, a list's
  later page or a tracking link, whichever file name the crawl stored it under;
* a list's later pages are listings, however few teasers they hold, and their
  introduction is one result with the first page's;
* a list of links to the site's own pages, inside ``<main>``, is no section;
* a heading's closing colon is no part of the result's title.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.store import IndexStore
from testkit.http_site import Site
from webapp import create_app

from .conftest import crawl_command

PROSE = "Regionen ger stöd till företag som vill växa, anställa och investera i länet."


def page(title: str, body: str, canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title} - Regionen</title>{link}'
        f'</head><body><header><nav><a href="/">Start</a></nav></header><main><h1 id="sida">{title}</h1>{body}'
        f"</main><footer>Regionen</footer></body></html>"
    )


def teasers(*paths: str) -> str:
    return "".join(
        f'<div class="teaser"><h2><a href="{path}">Nyhet om {path.strip("/").split("/")[-1]}</a></h2>'
        f"<p>2026-10-01</p><p>En kort ingress om nyheten.</p></div>"
        for path in paths
    )


FAQ = (
    "<h2>Hur söker jag stödet?</h2>"
    "<p>Du söker i e-tjänsten med din e-legitimation. Beslut om stödet kommer inom åtta veckor.</p>"
)
CONTACT = "<p>Ring växeln på 063-14 75 00 eller mejla registrator om ditt ärende gäller stöd.</p>"
ENERGY = "<p>Energikontoret ger råd till kommuner och företag som vill spara energi och bygga solceller.</p>"
SUPPORT = f"<p>{PROSE}</p><h2>Bedömning och beslut:</h2><p>Ansökan bedöms efter hur den stärker länets företag.</p>"
SHORTCUTS = (
    "<p>Här finns regionens arbete med tillväxt, kompetens och infrastruktur i länet.</p>"
    "<h2>Genvägar</h2><ul>"
    + "".join(
        f'<li><a href="/{slug}/">{label}</a></li>'
        for slug, label in [
            ("stod", "Företagsstöd"),
            ("energi", "Energi"),
            ("faq", "Vanliga frågor"),
            ("kontakt", "Kontakt"),
            ("nyheter", "Nyheter"),
        ]
    )
    + '<li><a href="/dokument/strategi.pdf">Strategin som pdf</a></li></ul>'
)
NEWS_INTRO = "<p>Nyheter från regionen.</p>"
NEWS = [f"/nyheter/{name}/" for name in ("bredband", "tag", "turism", "skog", "vatten")]


def site_pages(url) -> dict[str, str]:
    """URL path -> page: a page and its copies under other addresses."""
    pages = {
        "/faq/": page("Vanliga frågor", FAQ, url("/faq/")),
        "/faq/?print=1": page("Vanliga frågor", FAQ),
        "/kontakt/": page("Kontakt", CONTACT, url("/kontakt/")),
        "/kontakt?print=1": page("Kontakt", CONTACT),
        "/stod/": page("Företagsstöd", SUPPORT, url("/stod/")),
        "/stod": page("Företagsstöd", SUPPORT, url("/stod/")),
        "/energi/": page("Energi", ENERGY, url("/energi/")),
        "/tema/hallbarhet/energi/": page("Energi", ENERGY),
        "/energi/?utm_source=nyhetsbrev": page("Energi", ENERGY),
        "/omrade/": page("Regional utveckling", SHORTCUTS, url("/omrade/")),
        "/nyheter/": page("Nyheter", NEWS_INTRO + teasers(*NEWS[:3]), url("/nyheter/")),
        "/nyheter/?page=2": page("Nyheter", NEWS_INTRO + teasers(*NEWS[3:]), url("/nyheter/")),
        "/nyheter/?page=3": page("Nyheter", teasers(NEWS[4])),
    }
    for path in NEWS:
        pages[path] = page(f"Nyhet om {path.split('/')[-2]}", f"<p>Regionen berättar om {path}: {PROSE}</p>", url(path))
    return pages


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    root = tmp_path_factory.mktemp("cms")
    with Site() as site:
        pages = site_pages(site.url)
        for path, html in pages.items():
            site.page(path, html)
        site.sitemap("/sitemap.xml", list(pages))
        result = CliRunner().invoke(cli, crawl_command(site.url("/sitemap.xml"), root))
        assert result.exit_code == 0, result.output
        with IndexStore(root / "index").open().searcher() as searcher:
            stored = list(searcher.all_stored_fields())
        yield site.url, stored, create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


def shown(stored, title: str) -> list[dict]:
    return [fields for fields in stored if fields["title"] == title]


@pytest.mark.parametrize(
    ("title", "path", "copies"),
    [
        ("Hur söker jag stödet?", "/faq/", "a print version (?print=1) that sorts first by file name"),
        ("Kontakt", "/kontakt/", "a print version of the address without its slash"),
        ("Företagsstöd", "/stod/", "the address without its slash, naming the page as canonical"),
        ("Energi", "/energi/", "a deeper alias that names no canonical page, and a tracking link"),
    ],
)
def test_the_result_is_the_page_at_the_address_it_names_its_own(crawled, title, path, copies):
    url, stored, _ = crawled
    sections = shown(stored, title)
    assert len(sections) == 1, f"one section of {title!r} beside {copies}"
    assert sections[0]["url"].split("#")[0] == url(path), f"shown at {path}, not at {copies}"


@pytest.mark.parametrize(
    ("title", "elsewhere"),
    [
        ("Hur söker jag stödet?", []),  # its print version is no other place
        ("Företagsstöd", []),  # the copy without the slash has the page's very address
        ("Energi", ["/tema/hallbarhet/energi/"]),  # an alias is; the tracking link is a view of the page
    ],
)
def test_also_at_names_other_places_only(crawled, title, elsewhere):
    url, stored, _ = crawled
    (section,) = shown(stored, title)
    assert [address.split("#")[0] for address in section["also_at"]] == [url(path) for path in elsewhere]


def test_a_lists_later_pages_give_no_teaser_however_few_they_hold(crawled):
    url, stored, _ = crawled
    under_list = sorted(fields["title"] for fields in stored if fields["url"].startswith(url("/nyheter/#")))
    assert under_list == ["Nyheter"], "only the list's introduction, once"


def test_a_lists_introduction_on_two_pages_is_one_result(crawled):
    _, _, client = crawled
    hits = client.get("/api/search?q=nyheter+från+regionen").get_json()["results"]
    assert [hit["title"] for hit in hits].count("Nyheter") == 1, "the same words under one URL are one result"


def test_a_list_of_links_to_the_sites_pages_is_no_section(crawled):
    _, stored, client = crawled
    assert shown(stored, "Genvägar") == [], "the heading over nothing but links goes with them"
    (lead,) = shown(stored, "Regional utveckling")
    assert "Företagsstöd" not in lead["text"], "the labels are no part of the section above"
    hits = client.get("/api/search?q=energi").get_json()["results"]
    assert {hit["title"] for hit in hits} == {"Energi"}, "the landing page is not found by a label it links"


def test_a_headings_closing_colon_is_no_part_of_the_title(crawled):
    _, stored, _ = crawled
    assert len(shown(stored, "Bedömning och beslut")) == 1, "the title as a result shows it"
    assert shown(stored, "Bedömning och beslut:") == [], "no colon"
