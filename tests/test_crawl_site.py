"""Crawling the fixture site's tillvaxtverket.se over HTTP gives the index that building its files gives.

The pages of ``testkit.site`` for tillvaxtverket.se are served by a real HTTP
server on 127.0.0.1 with a sitemap; ``python -m indexer crawl --update`` fetches
them and indexes them; the sections must be exactly those of ``build`` over the
same pages written to disk, under the same public URLs (the pages' canonical
links). A second crawl of the unchanged site must cost nothing but 304s.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from indexer.build import build
from indexer.cli import cli
from indexer.store import IndexStore
from testkit.http_site import Site, serve_fixture_site
from testkit.site import build_site
from webapp import create_app

from .conftest import crawl_command

HOST = "tillvaxtverket.se"


def sections(index) -> set[tuple]:
    with IndexStore(index).open().searcher() as searcher:
        return {(f["url"], f["title"], f["text"], f["kind"], f["region"]) for f in searcher.all_stored_fields()}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    root = tmp_path_factory.mktemp("crawl-site")
    pages = build_site(root / "assembled")
    build(root / "assembled" / HOST, root / "built")
    with Site() as site:
        served = serve_fixture_site(site, pages, HOST)
        crawl_and_update = crawl_command(site.url("/sitemap.xml"), root)
        first = CliRunner().invoke(cli, crawl_and_update)
        site.clear_log()
        second = CliRunner().invoke(cli, crawl_and_update)
        yield root, served, first, second, list(site.log)


def test_the_crawl_fetches_every_page_the_sitemap_lists(crawled):
    root, served, first, _, _ = crawled
    assert first.exit_code == 0, first.output
    assert len(served) >= 30, "the site's tillvaxtverket.se part"
    assert first.output.splitlines()[0].startswith(f"Crawled into {root / 'corpus'}: {len(served)} new, 0 changed")


def test_the_crawled_index_holds_the_sections_building_the_same_pages_gives(crawled):
    root = crawled[0]
    assert sections(root / "index") == sections(root / "built")


def test_an_unchanged_site_recrawled_sends_no_body(crawled):
    _, served, _, second, log = crawled
    assert second.exit_code == 0, second.output
    assert {request.status for request in log} == {304}
    assert len(log) == len(served) + 2, "robots.txt, the sitemap and every page, once each"
    assert "Up to date: " in second.output


def test_a_crawled_page_is_found_under_its_public_url(crawled):
    root, served, _, _, _ = crawled
    client = create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()
    results = client.get("/api/search?q=regionalfonden&per_page=50").get_json()["results"]
    assert results, "the crawled site is searchable"
    assert {hit["url"].split("#")[0] for hit in results} <= set(served.values()), "every hit links to the real site"
