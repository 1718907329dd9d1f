"""Län: a section can be about several; the facet, the filter, the map and the feed use every one."""

from pathlib import Path

from indexer.build import build
from webapp import create_app

from .conftest import write_corpus

NEWS = """<html lang="sv"><head><title>Nyhet</title></head><body><main>
<h1 id="nyhet">Pengar till hamnar</h1><p>Hamnar i flera län får stöd.</p></main></body></html>"""
LOCAL = """<html lang="sv"><head><title>Lokal</title></head><body><main>
<h1 id="lokal">Hamnar i hela landet</h1><p>Landets hamnar byggs ut.</p></main></body></html>"""
OVERRIDES = """["nyhet/nyhet"]
regions = ["Värmlands län", "Dalarnas län", "Gävleborgs län"]
"""


def client_with_overrides(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"nyhet.html": NEWS, "lokal.html": LOCAL})
    (corpus / "overrides.toml").write_text(OVERRIDES, encoding="utf-8")
    build(corpus, tmp_path / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()


def test_a_section_about_several_lan_is_counted_and_found_under_each(tmp_path: Path):
    client = client_with_overrides(tmp_path)
    result = client.get("/api/search?q=hamn").get_json()
    counts = {value["value"]: value["count"] for value in result["facets"]["region"]}
    assert counts == {"Värmlands län": 1, "Dalarnas län": 1, "Gävleborgs län": 1, "Nationellt": 1}
    hit = next(hit for hit in result["results"] if hit["id"] == "nyhet/nyhet")
    assert (hit["region"], hit["regions"]) == ("Värmlands län", ["Värmlands län", "Dalarnas län", "Gävleborgs län"])
    found = client.get("/api/search?q=hamn&region=Dalarnas+län").get_json()["results"]
    assert [hit["id"] for hit in found] == ["nyhet/nyhet"], "a filter on a secondary län finds the section"


def test_the_map_shades_and_the_feed_filters_by_every_lan(tmp_path: Path):
    client = client_with_overrides(tmp_path)
    html = client.get("/?q=hamn").get_data(as_text=True)
    assert 'aria-label="Gävleborgs län: 1 träff"' in html, "the map counts the section in a secondary län"
    feed = client.get("/feed?region=Gävleborgs+län").get_data(as_text=True)
    assert feed.count("<entry>") == 1, "the feed filters by a secondary län"
    assert "Pengar till hamnar" in feed
