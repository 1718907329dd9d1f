"""What a page says of where it comes from, read as a visitor reads it: the encoding its bytes are in, its public
address, its date and owner lines, and who publishes it. The pages are written here, each in the way an older
site or another CMS writes it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from indexer import publishers
from indexer.build import build, decode_page
from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from testkit.http_site import Site
from webapp import create_app

from .conftest import write_corpus

# -- Encoding: a declared label read as browsers read it -----------------------------------------------------------


def legacy_page(head: str, title: str, text: str, encoding: str = "windows-1252") -> bytes:
    """An old static page in ``encoding``, declaring its encoding by ``head`` (a <meta> or an XML declaration)."""
    prolog = head if head.startswith("<?xml") else ""
    meta = "" if prolog else head
    return (
        f"{prolog}<!DOCTYPE html><html lang='sv'><head>{meta}<title>{title}</title></head>"
        f"<body><div id='text'><h1>{title}</h1><p>{text}</p></div></body></html>"
    ).encode(encoding)


@pytest.mark.parametrize(
    ("head", "encoding", "words"),
    [
        ('<meta charset="iso-8859-1">', "windows-1252", "Torget – etapp 2"),
        ('<meta charset="ISO-8859-1">', "windows-1252", "Kajen, ”den nya”"),
        ("<meta charset=latin1>", "windows-1252", "Åpromenaden 2019–2021"),
        ('<meta charset="l1">', "windows-1252", "Bussar … och tåg"),
        ('<meta charset="us-ascii">', "windows-1252", "Hamnen – ”Kvarteret Ankaret”"),
        ('<meta charset="ascii">', "windows-1252", "Skolan • förskolan"),
        ('<meta charset="iso_8859-1">', "windows-1252", "‘Lilla torget’ – klart"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "windows-1252", "Växjö – Alvesta"),
        ("<?xml version='1.0' encoding='iso-8859-1'?>", "windows-1252", "Gällivare – Kiruna"),
        ('<meta charset="iso-8859-9">', "windows-1254", "Göteborg – Borås"),
        ('<meta charset="windows-1252">', "windows-1252", "Resecentrum – 2026"),
        ('<meta charset="iso-8859-2">', "iso-8859-2", "Łódź och Gdańsk"),
        ('<meta charset="iso-8859-15">', "iso-8859-15", "Biljetten kostar 20 €"),
    ],
)
def test_a_declared_label_is_read_as_a_browser_reads_it(head, encoding, words):
    text = decode_page(legacy_page(head, "Projektet", words, encoding))
    assert f"<p>{words}</p>" in text, f"{head}: the page's words as written"
    controls = [char for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t\r"]
    assert controls == [], f"{head}: no control character in the text"


def test_a_page_declared_latin_1_is_searched_and_shown_with_its_dashes_and_quotes(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {})
    page = legacy_page('<meta charset="iso-8859-1">', "Stationsområdet – nya bostäder", "Ett ”nytt” resecentrum.")
    (corpus / "kommunen.se" / "projekt").mkdir(parents=True)
    (corpus / "kommunen.se" / "projekt" / "stationen.html").write_bytes(page)
    build(corpus, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hit = client.get("/api/search?q=resecentrum").get_json()["results"][0]
    assert hit["title"] == "Stationsområdet – nya bostäder", "the en dash of byte 0x96"
    assert "”nytt”" in hit["snippet"], "the quotes of bytes 0x94"
    html = client.get(f"/avsnitt/{hit['id']}").get_data(as_text=True)
    assert "\x96" not in html and "\x94" not in html, "no control character on the section page"


def test_a_crawled_page_declared_latin_1_is_read_as_windows_1252(tmp_path: Path):
    page = legacy_page('<meta charset="iso-8859-1">', "Cykelplan – remiss", "Svara senast ”1 mars”.")
    with Site() as site:
        site.file("/cykelplan.html", page, "text/html; charset=iso-8859-1")
        plan = CrawlPlan(starts=(site.url("/cykelplan.html"),), politeness=Politeness(delay=0, timeout=2))
        crawl(tmp_path / "corpus", tmp_path / "index", plan)
    build(tmp_path / "corpus", tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hit = client.get("/api/search?q=cykelplan").get_json()["results"][0]
    assert hit["title"] == "Cykelplan – remiss", "the en dash of byte 0x96"


# -- Address: a page without a canonical link --------------------------------------------------------------------


def static_page(title: str, text: str, head: str = "") -> str:
    """An old static page: no canonical link, no <main>, a footer after the text."""
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><div class="top"><a href="/">Start</a></div><div id="text"><h1 id="start">{title}</h1>'
        f"<p>{text}</p></div></body></html>"
    )


ADDRESSES = [  # corpus path, canonical link or "", the section's address
    ("vaxjo.se/projekt/sodra.html", "", "https://vaxjo.se/projekt/sodra.html#start"),
    ("www.kommunen.se/trafik/cykel.html", "", "https://www.kommunen.se/trafik/cykel.html#start"),
    ("Regionen.SE/Utveckling/plan.htm", "", "https://regionen.se/Utveckling/plan.htm#start"),
    ("kommunen.se/näringsliv/stöd.html", "", "https://kommunen.se/n%C3%A4ringsliv/st%C3%B6d.html#start"),
    ("kommunen.se/nyheter/ny kaj.html", "", "https://kommunen.se/nyheter/ny%20kaj.html#start"),
    ("gamla/arkiv/hamnen.html", "", "gamla/arkiv/hamnen.html#start"),  # no host: no address, never a link
    ("kommunen.se/kopia.html", "https://kommunen.se/original.html", "https://kommunen.se/original.html#start"),
    # a folder's own page, as a mirror stores it, is at the folder (review N4: "…/om-oss/index.html" is a 404 on most
    # CMSs); any other file name stays a guess as it is
    ("kommunen.se/om-oss/index.html", "", "https://kommunen.se/om-oss/#start"),
    ("kommunen.se/index.html", "", "https://kommunen.se/#start"),
    ("kommunen.se/arkiv/index.htm", "", "https://kommunen.se/arkiv/index.htm#start"),
]
WORDS = [
    "smedjan",
    "vattentornet",
    "kvarnen",
    "bryggeriet",
    "ångbåten",
    "fyrskeppet",
    "tegelbruket",
    "sågverket",
    "stenhuggeriet",
    "repslageriet",
]


@pytest.fixture(scope="module")
def addressed(tmp_path_factory) -> tuple:
    folder = tmp_path_factory.mktemp("addresses")
    pages = {
        path: static_page(
            f"Sidan om {word}",
            f"Här står {word} beskrivet.",
            f'<link rel="canonical" href="{canonical}">' if canonical else "",
        )
        for (path, canonical, _), word in zip(ADDRESSES, WORDS, strict=True)
    }
    # the same text on two pages known only by their corpus paths: one is shown, the other is "also at"
    pages["kopior/ett.html"] = pages["kopior/tva.html"] = static_page(
        "Mälaren",
        "Sjön Mälaren och dess stränder, öar och vikar är ett omtyckt mål för båtfolk och badare varje sommar.",
    )
    build(write_corpus(folder / "corpus", pages), folder / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(folder / "index")}).test_client()


@pytest.mark.parametrize(("path", "canonical", "url"), ADDRESSES, ids=[path for path, _, _ in ADDRESSES])
def test_a_page_without_a_canonical_link_is_at_https_and_its_host_folders_path(addressed, path, canonical, url):
    word = WORDS[[row[0] for row in ADDRESSES].index(path)]
    hit = addressed.get("/api/search", query_string={"q": word}).get_json()["results"][0]
    assert hit["url"] == url, f"{path}: the section's address"


def _links(html: str) -> list[str]:
    from bs4 import BeautifulSoup

    return [a["href"] for a in BeautifulSoup(html, "html.parser").find_all("a", href=True)]


@pytest.mark.parametrize("q", [*WORDS, "mälaren"])
def test_no_page_shows_a_relative_link_to_a_source_page(addressed, q):
    hit = addressed.get("/api/search", query_string={"q": q}).get_json()["results"][0]
    pages = {
        "the search page": addressed.get("/", query_string={"q": q}).get_data(as_text=True),
        "the section page": addressed.get(f"/avsnitt/{hit['id']}").get_data(as_text=True),
    }
    for name, html in pages.items():
        relative = [href for href in _links(html) if not href.startswith(("/", "https://", "http://", "#"))]
        assert relative == [], f"{q}: {name} links only to this site or to an address"
    source = [href for href in _links(pages["the section page"]) if href.startswith(("https://", "http://"))]
    expected = [hit["url"]] if hit["url"].startswith("https://") else []
    assert source == expected, f"{q}: the source page is linked where it has an address, and only there"


def test_a_copy_known_only_by_its_corpus_path_is_named_but_not_linked(addressed):
    html = addressed.get("/", query_string={"q": "mälaren"}).get_data(as_text=True)
    assert "Finns även på kopior/" in html, "the other copy is named"
    assert not any(href.startswith("kopior/") for href in _links(html)), "and not linked"


def test_the_feed_links_every_entry_to_an_absolute_address(addressed):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(addressed.get("/feed").data)
    links = [entry.find(f"{atom}link").get("href") for entry in feed.iter(f"{atom}entry")]
    assert len(links) == len(ADDRESSES) + 1, "every page's section is an entry"
    assert all(link.startswith(("https://", "http://")) for link in links), f"absolute: {links}"


# -- Date and owner lines: the page's, not its text ----------------------------------------------------------------

LEAD = "Kommunen bygger om torget och gatorna runt det under två år."


def last_text(line: str, after: str = "") -> tuple[str, str | None, str | None]:
    """The text of a page whose lead is followed by ``line`` (and ``after``, outside the content), its dates."""
    from indexer.parse import parse_page

    html = (
        f"<html lang='sv'><head><title>Torget</title></head><body><div id='text'><h1>Torget</h1><p>{LEAD}</p>"
        f"<p class='small'>{line}</p></div>{after}</body></html>"
    )
    page = parse_page(html, "kommunen.se/torget.html")
    return " ".join(" ".join(section.text.split()) for section in page.sections), page.published, page.updated


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Senast granskad 12 mars 2025 av Webbredaktionen", None, "2025-03-12"),  # Umbraco
        ("Senast granskad 2025-10-01 av Kommunikationsavdelningen", None, "2025-10-01"),
        ("Sidan ändrades senast 2019-04-03", None, "2019-04-03"),  # an old static page
        ("Sidan ändrades senast 2021-03-04. Ansvarig: Webbansvarig", None, "2021-03-04"),
        ("Uppdaterad senast 2024-02-02", None, "2024-02-02"),
        ("Sidan uppdaterades senast 3 maj 2025", None, "2025-05-03"),
        ("Sidan granskades senast 2024-01-12 av Kommunikationsenheten", None, "2024-01-12"),
        ("Granskat 2024-05-01", None, "2024-05-01"),
        ("Senast granskat: 2024-05-01", None, "2024-05-01"),
        ("Publicerad 3 mars 2024 av Anna Ek", "2024-03-03", None),
        ("Sidan senast uppdaterad 2024-06-01 av Webbredaktör Anna Ek", None, "2024-06-01"),
        ("Sidan skapades 2020-01-01 och ändrades senast 2024-06-01", "2020-01-01", "2024-06-01"),
        ("Senast uppdaterad 2024-06-01. Granskare: Per Ek", None, "2024-06-01"),
        ("Publicerad 1 september 2025. Senast reviderad 15 oktober 2026", "2025-09-01", "2026-10-15"),
    ],
)
def test_a_date_line_is_read_into_the_dates_and_out_of_the_text(line, published, updated):
    text, read_published, read_updated = last_text(line)
    assert text == LEAD, f"{line}: not the section's text"
    assert (read_published, read_updated) == (published, updated), f"{line}: its dates"


@pytest.mark.parametrize(
    "line",
    [
        "Projektet granskades 2024-03-01 av revisorerna, som fann brister i redovisningen.",
        "Uppdaterad 2024-03-01 av kommunfullmäktige efter en lång process.",
        "Ansökan ska vara inne senast 2024-03-01.",
        "Publicerad 14 mars 2024. Kommunen har beslutat att bygga en ny skola i centrum.",
        "Ansvarig: Anna Ek, projektledare",
    ],
)
def test_a_sentence_about_a_date_or_a_person_stays_text(line):
    text, _, _ = last_text(line)
    assert text == f"{LEAD} {line}", f"{line}: content"


@pytest.mark.parametrize(
    ("footer", "left"),
    [
        ('<div class="bottom"><a href="#">Till sidans topp</a> | Växjö kommun</div>', ""),
        ('<p><a href="#top">↑ Till toppen</a> · Regionen · Storgatan 1</p>', ""),
        ('<div><a href="#">Tillbaka till toppen</a></div>', ""),
        ('<div class="foot"><span><a href="#start">Till början av sidan</a> | Kommunen</span></div>', ""),
        (  # a sentence around it is text, and only the link goes
            '<p>Läs gärna mer om torget i planen. <a href="#">Till toppen</a></p>',
            "Läs gärna mer om torget i planen.",
        ),
    ],
)
def test_a_footer_line_with_a_link_back_to_the_top_is_no_text(footer, left):
    text, _, _ = last_text("Mer om torget följer.", footer)
    assert text == " ".join(f"{LEAD} Mer om torget följer. {left}".split()), f"{footer}: a footer line"


# -- Publisher: a subdomain of a known organisation's host -----------------------------------------------------


@pytest.mark.parametrize(
    ("host", "county", "actor"),
    [
        ("projektbanken.tillvaxtverket.se", None, "Myndighet"),
        ("eu.tillvaxtverket.se", None, "Myndighet"),
        ("statistik.eu.tillvaxtverket.se", None, "Myndighet"),
        ("www2.vgregion.se", "Västra Götalands län", "Region"),
        ("utveckling.regionjh.se", "Jämtlands län", "Region"),
        ("kartor.goteborg.se", "Västra Götalands län", "Kommun"),
        ("bibliotek.vaxjo.se", "Kronobergs län", "Kommun"),  # read by its name before too
        ("tillvaxtverket.se.example.org", None, None),  # a lookalike is no subdomain
        ("minatillvaxtverket.se", None, None),
    ],
)
def test_a_subdomain_of_a_known_host_is_that_organisations_site(host, county, actor):
    read = publishers.read_host(host)
    assert read == publishers.Publisher(county, actor), f"{host} is read as {read}, not as ({county}, {actor})"


def test_a_page_on_an_agencys_subdomain_is_the_agencys(tmp_path: Path):
    page = static_page("Kompetenslyft i besöksnäringen", "Anställda i hotell och restauranger får utbildning.")
    corpus = write_corpus(tmp_path / "corpus", {"projektbanken.tillvaxtverket.se/projekt/1.html": page})
    build(corpus, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hit = client.get("/api/search?q=kompetenslyft").get_json()["results"][0]
    assert hit["actor"] == "Myndighet", "the project bank is Tillväxtverket's site"
