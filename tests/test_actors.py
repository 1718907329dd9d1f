"""Who publishes a page, and what type of actor it is: from its <meta>, its <title>'s site name, its host."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from indexer import datafiles
from indexer.actors import actor_type, actor_types, host_actor, page_actor
from indexer.parse import parse_page

from .conftest import client_for


def news_page(url: str, title: str, head: str = "", h1: str = "Nytt torg i centrum") -> str:
    return (
        f'<html lang="sv"><head><title>{title}</title>{head}<link rel="canonical" href="{url}"></head>'
        f"<body><main><h1>{h1}</h1><p>Torget byggs om under våren.</p>"
        "<h2>Kontakt</h2><p>Ring växeln.</p></main></body></html>"
    )


@pytest.mark.parametrize(
    ("url", "title", "head", "organisation", "actor"),
    [
        # the site's name after the page's title
        ("https://vaxjo.se/torg", "Nytt torg - Växjö kommun", "", "Växjö kommun", "Kommun"),
        ("https://boras.se/torg", "Nytt torg | Borås Stad", "", "Borås Stad", "Kommun"),
        ("https://skane.se/torg", "Nytt torg – Region Skåne", "", "Region Skåne", "Region"),
        ("https://vgregion.se/torg", "Nytt torg - Västra Götalandsregionen", "", "Västra Götalandsregionen", "Region"),
        (
            "https://lansstyrelsen.se/dalarna/torg",
            "Torg - Länsstyrelsen Dalarna",
            "",
            "Länsstyrelsen Dalarna",
            "Myndighet",
        ),
        ("https://tillvaxtverket.se/torg", "Nytt torg - Tillväxtverket", "", "Tillväxtverket", "Myndighet"),
        ("https://leadersjuharad.se/torg", "Torg - Leader Sjuhärad", "", "Leader Sjuhärad", "Annan organisation"),
        # <meta> first
        (
            "https://example.org/torg",
            "Nytt torg",
            '<meta name="author" content="Eslövs kommun">',
            "Eslövs kommun",
            "Kommun",
        ),
        (
            "https://example.org/torg",
            "Nytt torg - X",
            '<meta property="og:site_name" content="Region Kronoberg">',
            "Region Kronoberg",
            "Region",
        ),
        # a title's second half that names no organisation is the title's
        ("https://tillvaxtverket.se/torg", "Regionalfonden - Övre Norrland", "", "", "Annan organisation"),
        # no name at all: the host says the type
        ("https://www.kungsbacka.se/torg", "Nytt torg", "", "", "Kommun"),
        ("https://regionhalland.se/torg", "Nytt torg", "", "", "Region"),
        ("https://morakommun.se/torg", "Nytt torg", "", "", "Kommun"),
        ("https://norrbotten.se/torg", "Nytt torg", "", "", "Region"),
        ("https://rjl.se/torg", "Nytt torg", "", "", "Region"),
        ("https://www.lansstyrelsen.se/skane/torg", "Nytt torg", "", "", "Myndighet"),
        ("https://example.org/torg", "Nytt torg", "", "", "Annan organisation"),
    ],
)
def test_the_publisher_and_its_actor_type_are_read_from_the_page(url, title, head, organisation, actor):
    found = page_actor(parse_page(news_page(url, title, head), "torg.html"))
    assert found.organisation == organisation, "the organisation's name"
    assert found.type == actor, "its actor type"


@pytest.mark.parametrize(
    ("host", "actor"),
    [
        ("uppsala.se", "Kommun"),  # a kommun's name that is also a län's: the kommun's site
        ("gotland.se", "Kommun"),  # Region Gotland's <title> says Region; its host alone says kommun
        ("regionvasterbotten.se", "Region"),
        ("goteborg.se", "Kommun"),
        ("regionservice.se", None),  # "region" before a word that is no place says nothing
        ("kommun.se", None),
        ("tillvaxtverket.se", None),
    ],
)
def test_a_host_alone_says_its_actor_type_only_when_its_name_reads_as_one(host, actor):
    assert host_actor(host) == actor


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Ystads kommun", "Kommun"),
        ("Borås Stad", "Kommun"),
        ("Region Gävleborg", "Region"),
        ("Boverket", "Myndighet"),
        ("Krinova Science Park", "Annan organisation"),
    ],
)
def test_an_organisations_name_says_its_actor_type_in_any_case(name, actor):
    assert actor_type(name) == actor


def test_every_actor_type_the_site_table_names_is_an_actor_type():
    data = datafiles.toml("publishers.toml")
    named = {
        *(entry["actor"] for entry in data["hosts"].values()),
        *data["host_prefixes"].values(),
        *data["host_suffixes"].values(),
        *data["host_names"].values(),
    }
    assert named <= set(actor_types()), "publishers.toml names only the types of actor_types.toml"


def test_actor_facet_and_section_page_name_each_publisher_and_its_site(tmp_path):
    client = client_for(
        tmp_path,
        {
            "vaxjo.html": news_page("https://vaxjo.se/torg", "Nytt torg - Växjö kommun"),
            "skane.html": news_page("https://skane.se/torg", "Torg - Region Skåne", h1="Nytt torg i Lund"),
            "verket.html": news_page("https://tillvaxtverket.se/t", "Torg - Tillväxtverket", h1="Nytt torg i Sverige"),
        },
    )
    facet = client.get("/api/search?q=").get_json()["facets"]["actor"]
    assert sorted((value["value"], value["count"]) for value in facet) == [
        ("Kommun", 2),
        ("Myndighet", 2),
        ("Region", 2),
    ], "every section under its publisher's type, written as the other facets' values are"
    soup = BeautifulSoup(client.get("/avsnitt/vaxjo/nytt-torg-i-centrum").data, "html.parser")
    facts = section_facts(soup)
    assert facts["Aktör"] == "Växjö kommun", "a name that says its type stands alone"
    link = soup.select_one("article > p:last-child a")
    assert link.get_text() == "Läs avsnittet på vaxjo.se", "the link names the section's own site"
    assert link["href"] == "https://vaxjo.se/torg#nytt-torg-i-centrum", "and goes there"
    soup = BeautifulSoup(client.get("/avsnitt/verket/nytt-torg-i-sverige").data, "html.parser")
    facts = section_facts(soup)
    assert facts["Aktör"] == "Tillväxtverket (Myndighet)", "a name that does not say its type gets it added"


def section_facts(soup: BeautifulSoup) -> dict[str, str]:
    terms, values = soup.select(".section-facts dt"), soup.select(".section-facts dd")
    return dict(zip([dt.get_text() for dt in terms], [dd.get_text() for dd in values], strict=True))
