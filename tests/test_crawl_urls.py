"""One page, one URL: every spelling of a page's URL is the same page to the crawl (``indexer/urls.py``).

The normal form is a table; a corpus crawled before URLs were normalised (its manifest keyed by the
spelling the sitemap used) is crawled again against a real HTTP server on 127.0.0.1 without a second
copy of any page and without removing one."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from indexer.mirror import CRAWL_MANIFEST
from indexer.urls import normal_url
from testkit.http_site import Site

FAST = Politeness(delay=0, timeout=2)


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("http://example.se/sida.html", "http://example.se/sida.html"),
        ("HTTP://Example.SE/Sida.html", "http://example.se/Sida.html"),  # a path keeps its case
        ("http://example.se:80/sida.html", "http://example.se/sida.html"),
        ("https://example.se:443/sida.html", "https://example.se/sida.html"),
        ("https://example.se:80/sida.html", "https://example.se:80/sida.html"),
        ("http://example.se:8080/sida.html", "http://example.se:8080/sida.html"),
        ("http://example.se", "http://example.se/"),
        ("http://example.se/sida.html#start", "http://example.se/sida.html"),
        ("http://example.se/näringsliv.html", "http://example.se/n%C3%A4ringsliv.html"),
        ("http://example.se/n%c3%a4ringsliv.html", "http://example.se/n%C3%A4ringsliv.html"),
        ("http://example.se/N%C3%A4ringsliv.html", "http://example.se/N%C3%A4ringsliv.html"),
        ("http://example.se/%7Eanna/%61", "http://example.se/~anna/a"),  # unreserved letters need no escape
        ("http://example.se/a%2Fb/c", "http://example.se/a%2Fb/c"),  # an escaped slash is no slash
        ("http://example.se/ett%3Btva;tre", "http://example.se/ett%3Btva;tre"),
        ("http://example.se/en sida", "http://example.se/en%20sida"),
        ("http://example.se/100%", "http://example.se/100%25"),  # as requests sends it
        ("http://example.se/sök?q=år", "http://example.se/s%C3%B6k?q=%C3%A5r"),
        ("http://example.se/sok?b=2&a=1", "http://example.se/sok?b=2&a=1"),  # a query keeps its order
        ("http://Växjö.se/", "http://xn--vxj-qla6g.se/"),
        ("http://[::1]:80/sida.html", "http://[::1]/sida.html"),
        ("ftp://Example.se/fil#x", "ftp://Example.se/fil"),  # not a page URL: only the fragment goes
    ],
)
def test_a_url_has_one_normal_form(url, normal):
    assert normal_url(url) == normal, "normalised"
    assert normal_url(normal) == normal, "the normal form is its own"


def page(title: str, text: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><main><h1 id="start">{title}</h1><p>{text}</p></main></body></html>'
    )


#: The site's pages, as HTTP asks for them.
PAGES = {
    "/": page("Startsidan", "Välkommen."),
    "/hamnen.html": page("Hamnen", "Kajen byggs om."),
    "/n%C3%A4ringsliv.html": page("Näringsliv", "Företagslotsen hjälper dig."),
}


@pytest.fixture
def site():
    with Site() as site:
        site.file("/robots.txt", b"User-agent: *\n", "text/plain")
        for path, html in PAGES.items():
            site.page(path, html)
        site.sitemap("/sitemap.xml", ["/", "/hamnen.html", "/näringsliv.html"])  # a sitemap lists letters
        yield site


def manifest(corpus: Path) -> dict:
    return json.loads((corpus / CRAWL_MANIFEST).read_text(encoding="utf-8"))


def files(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html"))


def keyed_as_before(site: Site, corpus: Path) -> dict:
    """The manifest as a crawl before URLs were normalised left it: each page under the spelling it met
    (the sitemap's letters; a link's capitals)."""
    data = manifest(corpus)
    old = {
        site.url("/n%C3%A4ringsliv.html"): site.url("/näringsliv.html"),
        site.url("/hamnen.html"): site.url("/hamnen.html").replace("http://", "HTTP://"),
    }
    data["pages"] = {old.get(url, url): record for url, record in data["pages"].items()}
    (corpus / CRAWL_MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return data


@pytest.mark.parametrize("urls", [(), ("/n%C3%A4ringsliv.html", "/hamnen.html")], ids=["the site", "the pages named"])
def test_a_corpus_keyed_by_the_old_spellings_is_crawled_again_without_a_copy_or_a_removal(site, tmp_path, urls):
    corpus = tmp_path / "corpus"
    plan = CrawlPlan(sitemaps=(site.url("/sitemap.xml"),), politeness=FAST)
    crawl(corpus, tmp_path / "index", plan)
    keyed_as_before(site, corpus)
    before = files(corpus)
    site.page("/n%C3%A4ringsliv.html", page("Näringsliv", "Företagslotsen har öppet på lördagar."))
    report = crawl(corpus, tmp_path / "index", replace(plan, urls=tuple(map(site.url, urls))))
    assert (report.new, report.removed) == ([], []), "no page is new, none removed"
    assert report.changed == [site.url("/n%C3%A4ringsliv.html")], "the edited page is the stored one, changed"
    assert sorted(manifest(corpus)["pages"]) == sorted(map(site.url, PAGES)), "one key a page, in the normal form"
    assert files(corpus) == before, "the same files"


@pytest.mark.parametrize("urls", [(), ("/n%C3%A4ringsliv.html",)], ids=["the site", "the page named"])
def test_two_copies_of_one_page_stored_under_two_spellings_are_one_after_a_crawl(site, tmp_path, urls):
    """A corpus where the webhook stored a second copy before URLs were normalised."""
    corpus = tmp_path / "corpus"
    plan = CrawlPlan(sitemaps=(site.url("/sitemap.xml"),), politeness=FAST)
    crawl(corpus, tmp_path / "index", plan)
    data = keyed_as_before(site, corpus)
    record = data["pages"][site.url("/näringsliv.html")]
    copy = {**record, "path": record["path"].replace(".html", "-1a2b3c.html")}
    (corpus / copy["path"]).write_bytes((corpus / record["path"]).read_bytes())
    data["pages"][site.url("/n%C3%A4ringsliv.html")] = copy
    (corpus / CRAWL_MANIFEST).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    report = crawl(corpus, tmp_path / "index", replace(plan, urls=tuple(map(site.url, urls))))
    assert report.new == [], "no page is new"
    assert len(files(corpus)) == len(PAGES), "one file a page: the copy is removed"
    assert sorted(manifest(corpus)["pages"]) == sorted(map(site.url, PAGES)), "one key a page"
