"""Who publishes a page, and what type of actor it is: from its <meta>, its <title>'s site name, its host."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from indexer import datafiles, publishers
from indexer.actors import actor_type, host_actor, page_actor
from indexer.cli import cli
from indexer.parse import parse_page

from .conftest import client_for, write_corpus


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
        # a title's second half that names no organisation is the title's; the host table then says the type
        ("https://tillvaxtverket.se/torg", "Regionalfonden - Övre Norrland", "", "", "Myndighet"),
        ("https://eu.tillvaxtverket.se/torg", "Nytt torg", "", "", "Myndighet"),
        # words of an actor type alone, or beside no place, name no organisation
        ("https://example.org/torg", "Om projektet - Framtidens stad", "", "", "Annan organisation"),
        ("https://example.org/torg", "Kontakt - Region", "", "", "Annan organisation"),
        ("https://hallbarstad.se/torg", "Grönytefaktor - Hållbar stad", "", "Hållbar stad", "Annan organisation"),
        # a tail the host's name only starts with, or with no letter at all, is no site's name
        ("https://boras.se/torg", "Nyheter - Bo", "", "", "Kommun"),
        ("https://boras.se/torg", "Nyheter - ★", "", "", "Kommun"),
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
        ("karlstad.se", "Kommun"),  # a kommun whose name ends like a suffix ("stad")
        ("lansstyrelsen.se", "Myndighet"),  # a prefix alone
        ("tillvaxtverket.se", "Myndighet"),  # the host table: a row with an actor type and no län
        ("example.org", None),
    ],
)
def test_a_host_alone_says_its_actor_type_only_when_its_name_reads_as_one(host, actor):
    assert host_actor(host) == actor, f"{host} says its actor type is {host_actor(host)!r}, not {actor!r}"


@pytest.mark.parametrize(
    ("host", "county", "actor"),
    [
        ("vgregion.se", "Västra Götalands län", "Region"),
        ("tillvaxtverket.se", None, "Myndighet"),
        ("regionhalland.se", "Hallands län", "Region"),
        ("morakommun.se", "Dalarnas län", "Kommun"),
        ("karlstad.se", "Värmlands län", "Kommun"),
        ("skane.se", "Skåne län", "Region"),
        ("region.se", None, "Region"),
        ("kommun.se", None, None),
    ],
)
def test_one_rule_reads_a_hosts_lan_and_actor_type(host, county, actor):
    read = publishers.read_host(host)
    assert read == publishers.Publisher(county, actor), f"{host} is read as {read}, not as ({county}, {actor})"


@pytest.mark.parametrize(
    ("name", "actor"),
    [
        ("Ystads kommun", "Kommun"),
        ("Borås Stad", "Kommun"),
        ("Region Gävleborg", "Region"),
        ("Boverket", "Myndighet"),
        ("Krinova Science Park", "Annan organisation"),
        ("YSTADS KOMMUN", "Kommun"),
        ("region skåne", "Region"),
        ("Hållbar stad", "Annan organisation"),  # "stad" beside no place: a portal's name
        ("Region", "Annan organisation"),
    ],
)
def test_an_organisations_name_says_its_actor_type_in_any_case(name, actor):
    assert actor_type(name) == actor, f"{name!r} says its actor type is {actor_type(name)!r}, not {actor!r}"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ('"x.se" = { actor = "Kommunen" }', '"Kommunen" is no actor type'),
        ('"x.se" = { county = "Mittlands län" }', '"x.se": county "Mittlands län" is no län'),
        ('"x.se" = { lan = "Skåne län" }', '"x.se" must be a table of county and/or actor'),
        ('"x.se" = "Region"', '"x.se" must be a table of county and/or actor'),
    ],
)
def test_a_bad_row_of_the_site_table_stops_the_build_with_one_line(tmp_path, monkeypatch, row, message):
    read, text = datafiles.text, datafiles.text("publishers.toml") + row + "\n"
    monkeypatch.setattr(datafiles, "text", lambda name, *rest: text if name == "publishers.toml" else read(name, *rest))
    publishers.table.cache_clear()
    try:
        corpus = write_corpus(tmp_path / "corpus", {"a.html": news_page("https://vaxjo.se/a", "A - Växjö kommun")})
        result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    finally:
        publishers.table.cache_clear()
    assert result.exit_code != 0, "the build stops"
    assert message in result.output, result.output
    assert len(result.output.strip().splitlines()) == 1, f"one line, no traceback: {result.output}"


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
    assert facts["Aktör"] == "Tillväxtverket (myndighet)", "a name that does not say its type gets it, in lower case"


@pytest.mark.parametrize("typed", ["kommun", "KOMMUN", "Kommun"])
def test_a_facet_value_is_found_in_any_case(tmp_path, typed):
    """Links and API clients from before the actor types were capitalised ask for actor=kommun."""
    client = client_for(
        tmp_path,
        {
            "vaxjo.html": news_page("https://vaxjo.se/torg", "Nytt torg - Växjö kommun"),
            "skane.html": news_page("https://skane.se/torg", "Torg - Region Skåne", h1="Nytt torg i Lund"),
        },
    )
    result = client.get(f"/api/search?q=torg&actor={typed}").get_json()
    assert sorted(hit["id"] for hit in result["results"]) == [
        "vaxjo/kontakt",
        "vaxjo/nytt-torg-i-centrum",
    ], "the kommun's sections"
    assert result["notice"] is None, "no notice of an unknown value"
    assert result["filters"] == {"actor": ["Kommun"]}, "the filter as the index spells it"
    chosen = next(value for value in result["facets"]["actor"] if value["value"] == "Kommun")
    assert chosen["selected"], "the facet value shows as selected"
    assert "actor=" not in chosen["toggle_url"], "and its link unselects it"


def section_facts(soup: BeautifulSoup) -> dict[str, str]:
    terms, values = soup.select(".section-facts dt"), soup.select(".section-facts dd")
    return dict(zip([dt.get_text() for dt in terms], [dd.get_text() for dd in values], strict=True))
