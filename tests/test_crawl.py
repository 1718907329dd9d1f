"""Crawling a site into the corpus folder, against a real HTTP server on 127.0.0.1.

Each test serves a small site it writes (``http_site.Site``), crawls it with no
delay between requests, and reads what the server saw and what the corpus holds.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.build import decode_page
from indexer.cli import EXIT_URLS_FAILED, cli
from indexer.crawl import CrawlPlan, NothingCrawled, crawl
from indexer.fetch import USER_AGENT, Fetcher, Politeness
from indexer.mirror import CRAWL_MANIFEST, page_path
from indexer.parse import PageError
from indexer.store import IndexStore
from testkit.http_site import Site
from webapp import create_app

FAST = Politeness(delay=0, timeout=2)


def page(title: str, text: str = "Bostäder och hamn i Ystad.", links: tuple[str, ...] = (), head: str = "") -> str:
    anchors = "".join(f'<a href="{href}">länk</a>' for href in links)
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title>{head}</head>'
        f'<body><header>Meny</header><main><h1 id="start">{title}</h1><p>{text}</p>{anchors}</main></body></html>'
    )


PAGES = {
    "/": page("Startsidan", links=("/program/stader.html", "/nyheter/")),
    "/program/stader.html": page("Utveckla svenska städer", "Stadsutveckling i Malmö."),
    "/nyheter/": page("Nyheter", "Nyheter om regional utveckling.", links=("/nyheter/hamnen.html",)),
    "/nyheter/hamnen.html": page("Ny kaj i hamnen", "Kajen i Ystad byggs om."),
}


@pytest.fixture
def site():
    with Site() as site:
        site.file("/robots.txt", b"User-agent: *\nDisallow: /privat/\n", "text/plain")
        for path, html in PAGES.items():
            site.page(path, html)
        site.sitemap("/sitemap-sidor.xml", ["/", "/program/stader.html"])
        site.sitemap("/sitemap-nyheter.xml", ["/nyheter/", "/nyheter/hamnen.html"])
        site.sitemap_index("/sitemap.xml", ["/sitemap-sidor.xml", "/sitemap-nyheter.xml"])
        yield site


@pytest.fixture
def corpus(tmp_path) -> Path:
    return tmp_path / "corpus"


def run(site: Site, corpus: Path, politeness: Politeness = FAST, **plan):
    plan.setdefault("sitemaps", (site.url("/sitemap.xml"),))
    return crawl(corpus, corpus.parent / "index", CrawlPlan(politeness=politeness, **plan))


def stored(site: Site, corpus: Path, path: str) -> Path:
    return corpus / page_path(site.url(path))


def manifest(corpus: Path) -> dict:
    return json.loads((corpus / CRAWL_MANIFEST).read_text(encoding="utf-8"))


# -- a first crawl ---------------------------------------------------------------------


def test_a_first_crawl_stores_every_page_a_sitemap_index_lists_with_its_url_and_validators(site, corpus):
    report = run(site, corpus)
    assert sorted(report.new) == sorted(site.url(p) for p in PAGES), "every listed page is new"
    for path, html in PAGES.items():
        assert stored(site, corpus, path).read_text(encoding="utf-8") == html, f"{path} is stored byte for byte"
    record = manifest(corpus)["pages"][site.url("/program/stader.html")]
    assert record["path"] == f"127.0.0.1_{site.server.server_port}/program/stader.html"
    answer = site.requests_to("/program/stader.html")[0]
    assert record["etag"], "the ETag is kept for the next crawl"
    assert record["last_modified"], "so is Last-Modified"
    assert not answer.conditional, "nothing was stored, so the first request is unconditional"


def test_every_request_names_the_service_and_robots_txt_comes_first(site, corpus):
    run(site, corpus)
    assert site.log[0].path == "/robots.txt"
    assert {request.headers["user-agent"] for request in site.log} == {USER_AGENT}


def test_requests_are_paced_by_the_delay(site, corpus):
    started = time.monotonic()
    run(site, corpus, Politeness(delay=0.1, timeout=2))
    requests = len(site.log)  # robots.txt, 3 sitemaps, 4 pages
    assert requests == 8
    assert time.monotonic() - started >= 0.1 * (requests - 1), "at least the delay between two requests"


# -- the re-crawl -------------------------------------------------------------------------


def test_an_unchanged_site_answers_a_recrawl_with_304s_only(site, corpus):
    run(site, corpus)
    site.clear_log()
    report = run(site, corpus)
    assert [r.path for r in site.log if not r.conditional] == [], "every request is conditional"
    assert {r.status for r in site.log} == {304}, "no page, sitemap or robots.txt body was sent"
    assert len(report.unchanged) == 4, "number of unchanged"
    assert report.not_modified == 4, "not modified"
    assert report.new == [], "new"
    assert report.changed == [], "changed"


def test_an_edited_page_is_fetched_again_and_rewritten_and_nothing_else_is(site, corpus):
    run(site, corpus)
    other = stored(site, corpus, "/nyheter/").stat().st_mtime_ns
    edited = page("Ny kaj i hamnen", "Kajen i Ystad är klar.")
    site.page("/nyheter/hamnen.html", edited)
    site.clear_log()
    report = run(site, corpus)
    assert report.changed == [site.url("/nyheter/hamnen.html")]
    assert stored(site, corpus, "/nyheter/hamnen.html").read_text(encoding="utf-8") == edited
    assert [r.path for r in site.log if r.status == 200] == ["/nyheter/hamnen.html"]
    assert stored(site, corpus, "/nyheter/").stat().st_mtime_ns == other, "an unchanged page's file is not touched"


def test_a_page_that_answers_404_or_410_or_leaves_the_sitemap_is_removed(site, corpus):
    run(site, corpus)
    site.status("/nyheter/hamnen.html", 404)
    site.status("/program/stader.html", 410)
    site.sitemap("/sitemap-nyheter.xml", ["/nyheter/hamnen.html"])  # "/nyheter/" left the sitemap
    site.clear_log()
    report = run(site, corpus, allow_removals=True)  # 3 of 4 pages: past the guard against mass removal
    assert dict(report.removed) == {
        site.url("/nyheter/hamnen.html"): "404 Not Found",
        site.url("/program/stader.html"): "410 Gone",
        site.url("/nyheter/"): "no longer in the sitemap",
    }
    for path in ("/nyheter/hamnen.html", "/program/stader.html", "/nyheter/"):
        assert not stored(site, corpus, path).exists(), f"{path} is removed from the corpus"
        assert site.url(path) not in manifest(corpus)["pages"], f"{path} is removed from the manifest"
    assert site.requests_to("/nyheter/") == [], "a page no longer listed is not fetched"
    assert stored(site, corpus, "/").exists()


def test_no_page_is_removed_for_leaving_a_sitemap_that_could_not_be_read(site, corpus):
    run(site, corpus)
    site.status("/sitemap-nyheter.xml", 503)
    report = run(site, corpus)
    assert report.removed == []
    assert stored(site, corpus, "/nyheter/hamnen.html").exists()
    assert (site.url("/sitemap-nyheter.xml"), "sitemap not read: 503 Service Unavailable") in report.failed
    assert any("kept 2 stored pages" in note for note in report.notes)


@pytest.mark.parametrize(
    ("cut_short", "why"),
    [
        ({"/sitemap-sidor.xml": ["/"], "/sitemap-nyheter.xml": []}, "no longer in the sitemap"),  # written in part
        ({"/program/stader.html": 404, "/nyheter/": 404, "/nyheter/hamnen.html": 404}, "404 Not Found"),
    ],
    ids=["sitemap cut short", "404 for a while"],
)
def test_a_crawl_that_would_remove_most_pages_removes_none_until_told_to(site, tmp_path, monkeypatch, cut_short, why):
    monkeypatch.chdir(tmp_path)  # the defaults: corpus/ and instance/index
    args = ["--sitemap", site.url("/sitemap.xml"), "--delay", "0"]
    assert crawl_command(*args).exit_code == 0
    for path, change in cut_short.items():
        site.sitemap(path, change) if path.endswith(".xml") else site.status(path, change)
    refused = crawl_command(*args)
    assert refused.exit_code == 1, "refused"
    assert refused.output == (
        "Error: refusing to remove 3 of 4 pages in one run (more than 50%; a sitemap cut short, or a site "
        "answering 404 for a while, looks like this): if they are really gone, run again with --allow-removals "
        "(no page was removed; the pages fetched are stored)\n"
    ), "one line that names the count and the way out"
    for path in PAGES:
        assert stored(site, tmp_path / "corpus", path).exists(), f"{path} is kept"
    allowed = crawl_command(*args, "--allow-removals")
    assert allowed.exit_code == 0, allowed.output
    assert sorted(line for line in allowed.output.splitlines() if line.startswith("Removed ")) == [
        f"Removed {site.url(path)}: {why}" for path in sorted(set(PAGES) - {"/"})
    ], "told to, it removes them"


# -- redirects, robots.txt and answers that are not pages -------------------------------------


def test_a_redirect_on_the_site_is_followed_and_recorded_and_the_page_stored_where_it_leads(site, corpus):
    run(site, corpus)
    site.page("/program/stadsutveckling.html", PAGES["/program/stader.html"])
    site.redirect("/program/stader.html", "/program/stadsutveckling.html")
    report = run(site, corpus)
    old, new = site.url("/program/stader.html"), site.url("/program/stadsutveckling.html")
    assert report.redirected == [(old, new)]
    assert (old, f"moved to {new}") in report.removed
    assert not stored(site, corpus, "/program/stader.html").exists()
    assert stored(site, corpus, "/program/stadsutveckling.html").exists()
    assert manifest(corpus)["redirects"] == {old: new}


def test_a_redirect_off_the_site_is_not_followed(site, corpus):
    site.redirect("/program/stader.html", "https://example.org/stader.html")
    report = run(site, corpus)
    assert (
        site.url("/program/stader.html"),
        "redirects off the crawled site, to https://example.org/stader.html",
    ) in report.skipped


def test_robots_txt_disallow_is_obeyed(site, corpus):
    site.page("/privat/utkast.html", page("Utkast"))
    site.sitemap("/sitemap-sidor.xml", ["/", "/program/stader.html", "/privat/utkast.html"])
    report = run(site, corpus)
    assert site.requests_to("/privat/utkast.html") == [], "a disallowed page is never requested"
    assert (site.url("/privat/utkast.html"), "disallowed by robots.txt") in report.skipped
    assert not stored(site, corpus, "/privat/utkast.html").exists()


#: What a site may do between two crawls to a stored page that makes the crawler stop fetching it, and the
#: reason its removal gives ({site} is the site's address).
NO_LONGER_FETCHED = {
    "robots.txt disallows it": (
        lambda s: s.file("/robots.txt", b"User-agent: *\nDisallow: /nyheter/hamnen.html\n", "text/plain"),
        "disallowed by robots.txt",
    ),
    "it redirects off the site": (
        lambda s: s.redirect("/nyheter/hamnen.html", "https://example.org/hamnen.html"),
        "redirects off the crawled site, to https://example.org/hamnen.html",
    ),
    "it redirects to a disallowed page": (
        lambda s: (
            s.page("/privat/hamnen.html", PAGES["/nyheter/hamnen.html"]),
            s.redirect("/nyheter/hamnen.html", "/privat/hamnen.html"),
        ),
        "redirects to {site}/privat/hamnen.html, disallowed by robots.txt",
    ),
    "it answers 404": (lambda s: s.status("/nyheter/hamnen.html", 404), "404 Not Found"),
    "it answers 410": (lambda s: s.status("/nyheter/hamnen.html", 410), "410 Gone"),
}


@pytest.mark.parametrize(("change", "why"), NO_LONGER_FETCHED.values(), ids=NO_LONGER_FETCHED)
def test_a_stored_page_the_crawler_would_no_longer_fetch_is_removed_with_the_reason(site, corpus, change, why):
    run(site, corpus)
    change(site)
    report = run(site, corpus)
    url = site.url("/nyheter/hamnen.html")
    assert report.removed == [(url, why.format(site=site.url("")))], "removed, and why"
    assert not stored(site, corpus, "/nyheter/hamnen.html").exists(), "its file is gone from the corpus"
    assert url not in manifest(corpus)["pages"], "and from the crawl's manifest"


def test_a_robots_txt_that_cannot_be_read_removes_nothing(site, corpus):
    """RFC 9309: a robots.txt that answers 5xx means "fetch nothing" for now, not "these pages are gone"."""
    run(site, corpus)
    site.status("/robots.txt", 503)
    with pytest.raises(NothingCrawled, match="robots.txt answers 503 Service Unavailable"):
        run(site, corpus, allow_removals=True)
    for path in PAGES:
        assert stored(site, corpus, path).exists(), f"{path} is kept"


def test_pages_no_longer_fetched_leave_the_index_and_the_summary_line_says_why(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the defaults: corpus/ and instance/index
    args = ["--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update"]
    assert crawl_command(*args).exit_code == 0, "the first crawl"
    site.file("/robots.txt", b"User-agent: *\nDisallow: /nyheter/hamnen.html\n", "text/plain")
    site.redirect("/program/stader.html", "https://example.org/stader.html")
    result = crawl_command(*args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Crawled into corpus: 0 new, 0 changed, 2 unchanged (2 not modified), 2 removed (disallowed by robots.txt: 1, "
        "redirects off the site: 1), 0 skipped, 0 failed (7 requests)"
    ), "the summary line counts the removed pages by reason"
    assert "Updated instance/index: 0 added, 0 changed, 2 removed, 2 unchanged (0 of 2 pages read)" in result.output
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "instance" / "index")}).test_client()
    for word in ("kajen", "malmö"):
        assert client.get("/api/search", query_string={"q": word}).get_json()["total"] == 0, f"{word}: not found"


@pytest.mark.parametrize(
    ("setup", "skipped"),
    [
        (lambda s: s.file("/rapport.pdf", b"%PDF-1.7 ...", "application/pdf"), "not HTML (application/pdf)"),
        (
            lambda s: s.page(
                "/rapport.pdf",
                page("Stor"),
            ),
            None,
        ),
        (lambda s: s.page("/rapport.pdf", page("Stor", "ord " * 30_000)), "larger than the cap of 64 kB (117 kB)"),
        (lambda s: s.page("/rapport.pdf", page("Stor", "ord " * 30_000), stream=True), "larger than the cap of 64 kB"),
        (
            lambda s: s.page("/rapport.pdf", page("Robot", head='<meta name="robots" content="noindex">')),
            "asks not to be indexed (meta robots noindex)",
        ),
    ],
    ids=["not-html", "html-under-the-cap", "over-the-cap-declared", "over-the-cap-streamed", "noindex"],
)
def test_only_html_pages_under_the_size_cap_are_stored(site, corpus, setup, skipped):
    setup(site)
    site.sitemap("/sitemap-sidor.xml", ["/rapport.pdf"])
    report = run(site, corpus, Politeness(delay=0, timeout=2, max_bytes=64 * 1024))
    url = site.url("/rapport.pdf")
    if skipped is None:
        assert url in report.new
        assert stored(site, corpus, "/rapport.pdf").exists()
    else:
        assert (url, skipped) in report.skipped
        assert not stored(site, corpus, "/rapport.pdf").exists()


def test_a_file_that_is_not_a_page_is_asked_for_conditionally_next_time(site, corpus):
    site.file("/rapport.pdf", b"%PDF-1.7 ...", "application/pdf")
    site.sitemap("/sitemap-sidor.xml", ["/rapport.pdf"])
    run(site, corpus)
    site.clear_log()
    run(site, corpus)
    assert [r.status for r in site.requests_to("/rapport.pdf")] == [304]


# -- failures --------------------------------------------------------------------------------


def test_a_500_leaves_the_stored_copy_untouched_and_is_reported_by_url(site, corpus):
    run(site, corpus)
    before = stored(site, corpus, "/program/stader.html").read_bytes()
    site.status("/program/stader.html", 500)
    report = run(site, corpus)
    assert report.failed == [(site.url("/program/stader.html"), "500 Internal Server Error")]
    assert stored(site, corpus, "/program/stader.html").read_bytes() == before
    assert site.url("/program/stader.html") in manifest(corpus)["pages"]


def test_a_slow_page_times_out_and_the_crawl_goes_on(site, corpus):
    site.page("/program/stader.html", PAGES["/program/stader.html"], delay=5)
    started = time.monotonic()
    report = run(site, corpus, Politeness(delay=0, timeout=0.3))
    assert report.failed == [(site.url("/program/stader.html"), "no answer within 0.3 s")]
    assert len(report.new) == 3, "the other pages are stored"
    assert time.monotonic() - started < 3, "the crawl did not wait for the slow page"


def test_following_links_finds_pages_no_sitemap_lists(site, corpus):
    site.page(
        "/nyheter/",
        page(
            "Nyheter",
            links=("/nyheter/hamnen.html#kajen", "/sok?q=hamn", "https://example.org/", "mailto:info@example.se"),
        ),
    )
    report = run(site, corpus, sitemaps=(), starts=(site.url("/"),))
    assert sorted(report.new) == sorted(site.url(p) for p in PAGES)
    assert site.requests_to("/sok?q=hamn") == [], "links with a query string are not followed"


def test_links_not_followed_for_their_query_string_are_named_in_a_note(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pagination = tuple(f"/nyheter/?sida={n}" for n in (2, 3, 4, 5))
    elsewhere = ("/privat/?a=1", "https://example.org/?x=1", "/nyheter/?sida=2#topp")
    site.page("/nyheter/", page("Nyheter", links=("/nyheter/hamnen.html", *pagination, *elsewhere)))
    result = crawl_command("--start", site.url("/"), "--delay", "0")
    assert result.exit_code == 0, result.output
    assert (
        f"note: not followed: 4 links with a query string ({site.url(pagination[0])}, {site.url(pagination[1])}, "
        f"{site.url(pagination[2])}, …); pages reached only through them are not crawled (a site that pages its "
        "lists so needs --sitemap)"
    ) in result.output.splitlines(), "the count and three examples, on the site and allowed by robots.txt"


def test_links_are_followed_from_the_stored_copy_when_a_page_is_unchanged(site, corpus):
    run(site, corpus, sitemaps=(), starts=(site.url("/"),))
    report = run(site, corpus, sitemaps=(), starts=(site.url("/"),))
    assert len(report.unchanged) == 4, "the unchanged pages"
    assert report.removed == [], "nothing removed"


# -- resuming and the lock ---------------------------------------------------------------------


def interrupted_after_two(site: Site, corpus: Path) -> CrawlPlan:
    """The plan of a crawl of the site, interrupted (Ctrl-C) after two of its pages."""

    def interrupt_after_two(done, total):
        if done == 2:
            raise KeyboardInterrupt

    plan = CrawlPlan(sitemaps=(site.url("/sitemap.xml"),), politeness=FAST)
    with pytest.raises(KeyboardInterrupt):
        crawl(corpus, corpus.parent / "index", plan, progress=interrupt_after_two)
    return plan


def test_an_interrupted_crawl_resumes_where_it_stopped(site, corpus):
    plan = interrupted_after_two(site, corpus)
    assert len(manifest(corpus)["run"]["done"]) == 2, "what was done is on disk"
    site.clear_log()
    report = crawl(corpus, corpus.parent / "index", plan)
    fetched = [r.path for r in site.log if r.path.endswith((".html", "/"))]
    assert fetched == ["/nyheter/", "/nyheter/hamnen.html"], "only the pages not done are fetched"
    assert report.resumed == 2
    assert manifest(corpus)["run"] is None, "a finished crawl leaves no resume state"


def test_a_crawl_of_some_urls_leaves_an_interrupted_crawl_of_the_site_to_resume(site, corpus):
    plan = interrupted_after_two(site, corpus)
    state = manifest(corpus)["run"]
    site.clear_log()
    crawl(corpus, corpus.parent / "index", replace(plan, urls=(site.url("/nyheter/hamnen.html"),)))
    assert [r.path for r in site.log] == ["/robots.txt", "/nyheter/hamnen.html"], "only the URL given (and robots)"
    assert manifest(corpus)["run"] == state, "the interrupted crawl's state is kept"
    assert crawl(corpus, corpus.parent / "index", plan).resumed == 2, "and it resumes"


def test_a_crawl_of_some_urls_from_start_pages_follows_no_link_and_removes_no_page_it_did_not_meet(site, corpus):
    run(site, corpus, sitemaps=(), starts=(site.url("/"),))
    site.clear_log()
    report = run(site, corpus, sitemaps=(), starts=(site.url("/"),), urls=(site.url("/nyheter/"),))
    assert [r.path for r in site.log] == ["/robots.txt", "/nyheter/"], "the page given, its links not followed"
    assert (len(report.unchanged), report.removed) == (1, []), "the pages not met are not 'no longer linked'"
    assert stored(site, corpus, "/program/stader.html").is_file(), "and stay stored"


def test_a_crawl_holds_the_index_lock_while_it_fetches(site, corpus):
    site.page("/nyheter/hamnen.html", PAGES["/nyheter/hamnen.html"], delay=1.0)
    crawler = threading.Thread(target=run, args=(site, corpus))
    crawler.start()
    holders = set()
    while crawler.is_alive():  # a second at least: the slow page
        holders.add(IndexStore(corpus.parent / "index").holder() or "")
        time.sleep(0.05)
    assert any("(crawl) holds" in holder for holder in holders), "a build or update started meanwhile waits for it"


# -- the command line ---------------------------------------------------------------------------


def crawl_command(*args: str):
    return CliRunner().invoke(cli, ["crawl", *args])


def test_crawl_update_makes_the_site_searchable_under_the_urls_it_was_crawled_from(site, tmp_path, monkeypatch):
    site.page(
        "/program/stader.html",
        page(
            "Utveckla svenska städer",
            "Stadsutveckling i Malmö.",
            head='<link rel="canonical" href="https://example.se/stader.html">',
        ),
    )
    monkeypatch.chdir(tmp_path)  # the defaults: corpus/ and instance/index
    result = crawl_command("--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == (
        "Crawled into corpus: 4 new, 0 changed, 0 unchanged (0 not modified), "
        "0 removed, 0 skipped, 0 failed (8 requests)"
    )
    assert "Rebuilt instance/index: 4 sections" in result.output
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "instance" / "index")}).test_client()
    urls = {hit["title"]: hit["url"] for hit in client.get("/api/search?q=kajen").get_json()["results"]}
    assert urls == {"Ny kaj i hamnen": site.url("/nyheter/hamnen.html#start")}, "a page's URL is where it was crawled"
    hit = client.get("/api/search?q=stadsutveckling").get_json()["results"][0]
    assert hit["url"] == "https://example.se/stader.html#start", "a canonical link wins over the crawled URL"


def test_crawl_update_after_an_edit_updates_only_that_page(site, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert crawl_command("--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update").exit_code == 0
    site.page("/nyheter/hamnen.html", page("Ny kaj i hamnen", "Kajen i Ystad är klar."))
    site.status("/program/stader.html", 404)
    result = crawl_command("--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update")
    assert f"Removed {site.url('/program/stader.html')}: 404 Not Found" in result.output.splitlines()
    assert "Updated instance/index: 0 added, 1 changed, 1 removed, 2 unchanged (1 of 3 pages read)" in result.output


def test_urls_that_failed_are_named_and_the_exit_code_is_3(site, tmp_path):
    site.status("/nyheter/hamnen.html", 503)
    args = ["--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--corpus", str(tmp_path / "c")]
    args += ["--index", str(tmp_path / "i")]
    result = crawl_command(*args)
    assert result.exit_code == EXIT_URLS_FAILED
    failed = f"Failed {site.url('/nyheter/hamnen.html')}: 503 Service Unavailable"
    assert failed in result.output.splitlines(), "named, with no copy to keep on a first crawl"
    site.page("/nyheter/hamnen.html", PAGES["/nyheter/hamnen.html"])
    assert crawl_command(*args).exit_code == 0, "stored"
    site.status("/nyheter/hamnen.html", 503)
    again = crawl_command(*args)
    assert f"{failed} (a stored copy is kept)" in again.output.splitlines(), "the copy stored before is kept"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give a sitemap (--sitemap URL) or a page to start from (--start URL)"),
        (("--sitemap", "ftp://example.se/sitemap.xml"), "not an http(s) URL: 'ftp://example.se/sitemap.xml'"),
        (("--start", "tillvaxtverket.se"), "not an http(s) URL: 'tillvaxtverket.se'"),
        (("--start", "http://127.0.0.1:{port}/", "--prefix", "program"), "a path prefix starts with '/': 'program'"),
        (("--start", "http://127.0.0.1:{closed}/"), "cannot reach http://127.0.0.1:{closed}: Connection refused"),
        (("--start", "http://127.0.0.1:{port}/", "--corpus", "{file}/corpus"), "cannot write to the corpus folder"),
        (("--start", "http://[::1"), "not an http(s) URL: 'http://[::1'"),
        (  # an argument that is not UTF-8 (printf 'http://...\xff.html') reaches Python as a lone surrogate
            ("--start", "http://127.0.0.1:{port}/", "--url", "http://127.0.0.1:{port}/\udcff.html"),
            "'http://127.0.0.1:{port}/\\udcff.html' is not an http(s) URL",
        ),
        (("--start", "http://127.0.0.1:{port}/", "--index", "{file}/index"), "cannot write {file}: File exists"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(site, tmp_path, args, message):
    (tmp_path / "a-file").write_text("not a folder")
    values = {"port": site.server.server_port, "closed": closed_port(), "file": tmp_path / "a-file"}
    args = [arg.format(**values) for arg in args]
    for option, default in (("--corpus", "corpus"), ("--index", "index")):
        if option not in args:
            args += [option, str(tmp_path / default)]
    result = crawl_command(*args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [result.output.strip()], "one line"
    assert message.format(**values) in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("<h1>Åre</h1>".encode(), "<h1>Åre</h1>"),
        ("<h1>Åre</h1>".encode("utf-8-sig"), "<h1>Åre</h1>"),
        ("<h1>Åre</h1><p>Fjällen.</p>".encode("latin-1"), "<h1>Åre</h1><p>Fjällen.</p>"),
        ('<meta charset="iso-8859-2"><h1>Łódź</h1>'.encode("iso-8859-2"), '<meta charset="iso-8859-2"><h1>Łódź</h1>'),
        ("<h1>Örnsköldsvik</h1>".encode() + b"<p>\x96 p\xc3\xa5 tr\xe4</p>", "<h1>Örnsköldsvik</h1><p>– på trä</p>"),
        ("<p>Fjällen på Åre, Ã©</p>".encode("latin-1"), "<p>Fjällen på Åre, Ã©</p>"),
    ],
    ids=[
        "utf-8",
        "utf-8 with a byte order mark",
        "undeclared-latin-1",
        "declared",
        "utf-8, stray windows-1252",
        "latin-1, a utf-8 lookalike",
    ],
)
def test_a_page_is_decoded_as_utf8_or_as_declared_or_as_windows_1252_never_by_a_guess(data, text):
    assert decode_page(data) == text


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b'<meta charset="iso-8859-1"><p>V\xe4xj\xf6 \x96 ny station \x81</p>', "V\xe4xj\xf6 \u2013 ny station \x81"),
        (b"<p>V\xe4xj\xf6 \x96 ny \x8d station</p>", "V\xe4xj\xf6 \u2013 ny \x8d station"),  # no label: windows-1252
        (b'<meta charset="windows-1252"><p>\x93Torget\x94 \x8f\x90\x9d</p>', "\u201cTorget\u201d \x8f\x90\x9d"),
        (b'<meta charset="iso-8859-9"><p>G\xfcl \x96 \x8e</p>', "G\xfcl \u2013 \x8e"),  # windows-1254
        (b'<meta charset="tis-620"><p>\xa1 \x96</p>', "\u0e01 \u2013"),  # windows-874, Python's cp874
    ],
    ids=["declared latin-1", "undeclared", "declared windows-1252", "declared iso-8859-9", "declared tis-620"],
)
def test_a_byte_a_legacy_encoding_leaves_undefined_is_read_as_browsers_do_not_as_another_encoding(data, text):
    """Review N3: one of windows-1252's five undefined bytes anywhere sent the whole page to Latin-1, its en dashes
    U+0096 again; the WHATWG Encoding Standard reads such a byte as the control character of its number."""
    assert text in decode_page(data), f"{data!r} reads {decode_page(data)!r}"


def test_a_page_with_a_stray_nul_byte_is_read_without_it():
    data = b"<h1>Hamnen</h1><p>Kajen" + b"\x00" + " byggs om för färjor.</p>".encode() + b" " * 4000
    assert decode_page(data).startswith("<h1>Hamnen</h1><p>Kajen byggs om för färjor.</p>"), "without the NUL"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 16,  # compressed data: every byte value alike
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
    ],
    ids=["compressed", "png header", "pdf stream"],
)
def test_a_binary_file_is_refused_by_name(data):
    with pytest.raises(PageError, match="a binary file"):
        decode_page(data)


def test_robots_txt_is_obeyed_behind_a_redirect(site, corpus):
    site.file("/robots-2026.txt", b"User-agent: *\nDisallow: /program/\n", "text/plain")
    site.redirect("/robots.txt", "/robots-2026.txt")
    report = run(site, corpus)
    assert site.requests_to("/program/stader.html") == []
    assert (site.url("/program/stader.html"), "disallowed by robots.txt") in report.skipped


@pytest.mark.parametrize(
    ("answers", "delay"),
    [
        (["7"], 7.0),  # Retry-After in seconds
        ([None], 1.0),  # none: twice the pause, at least a second
        ([None, None], 2.0),
        (["3600"], 60.0),  # never more than a minute
        (["Fri, 27 Nov 2026 12:00:00 GMT"], 1.0),  # a date is not waited for: twice the pause
    ],
)
def test_a_429_or_503_slows_the_crawl_down(answers, delay):
    fetcher = Fetcher(Politeness(delay=0))
    for retry_after in answers:
        fetcher.slow_down(retry_after)
    assert fetcher.extra_delay == delay


def test_a_corpus_that_cannot_be_written_mid_crawl_stops_it_with_one_line_and_resumes_later(site, tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / page_path(site.url("/program/stader.html"))).parent.parent.mkdir(parents=True)
    (corpus / page_path(site.url("/program/stader.html"))).parent.write_text("a file where a folder must go")
    args = [
        "--sitemap",
        site.url("/sitemap.xml"),
        "--delay",
        "0",
        "--corpus",
        str(corpus),
        "--index",
        str(tmp_path / "index"),
    ]
    result = crawl_command(*args)
    assert result.exit_code == 1
    assert result.output.splitlines() == [result.output.strip()], "one line"
    assert result.output.startswith("Error: the crawl stopped: cannot write")
    assert "run the same command again to resume" in result.output
    assert not [p for p in corpus.rglob(".*.partial")], "no temporary file is left"
    (corpus / page_path(site.url("/program/stader.html"))).parent.unlink()
    again = crawl_command(*args)
    assert again.exit_code == 0, again.output
    assert stored(site, corpus, "/program/stader.html").exists(), again.output


def test_a_manifest_that_stores_a_page_outside_the_corpus_folder_stops_the_crawl_before_it_touches_a_file(
    site, tmp_path
):
    corpus, victim = tmp_path / "deploy" / "corpus", tmp_path / "victim.txt"
    victim.write_text("viktig")
    args = ["--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--corpus", str(corpus)]
    assert crawl_command(*args, "--index", str(tmp_path / "index")).exit_code == 0
    data = manifest(corpus)
    data["pages"][site.url("/gammal-nyhet.html")] = {**data["pages"][site.url("/")], "path": "../../victim.txt"}
    (corpus / CRAWL_MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    site.clear_log()
    result = crawl_command(*args, "--index", str(tmp_path / "index"))
    assert result.exit_code == 1, "refused"
    assert result.output.splitlines() == [result.output.strip()], "one line"
    assert "outside the corpus folder, at '../../victim.txt'" in result.output, "it names the bad path"
    assert victim.read_text() == "viktig", "the file outside the corpus is untouched"
    assert site.log == [], "nothing was fetched"
