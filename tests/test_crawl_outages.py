"""A crawl that meets a site in trouble loses nothing, and the site's recovery is picked up by the next crawl.

A site answers ``404`` to everything for a while, or ``200`` with one
maintenance page at every URL, or nothing at all (a typo in the cron line);
a crawl is killed while a page answers ``404`` for a moment. Each test serves a
real site on 127.0.0.1 whose answers it switches, and runs the crawl as an
operator does: ``python -m indexer crawl`` from the deployment folder, with the
default ``corpus`` and ``instance/index``.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import cli
from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from indexer.mirror import CRAWL_MANIFEST, page_path
from indexer.outage import SiteOutage
from indexer.store import IndexStore
from testkit.http_site import Site
from webapp import create_app

#: Ten pages, each with a word of its own.
WORDS = ["hamnen", "torget", "parken", "skolan", "biblioteket", "badhuset", "stationen", "kajen", "ishallen", "museet"]
PATHS = ["/", *(f"/sida-{n}" for n in range(1, len(WORDS)))]
MAINTENANCE = "<html><head><title>Underhåll</title></head><body><h1>Webbplatsen har underhåll</h1></body></html>"


def page(word: str, text: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{word.capitalize()}</title></head>'
        f"<body><main><h1>{word.capitalize()}</h1><p>Om {word} i Norrbacka. {text}</p></main></body></html>"
    )


@pytest.fixture
def site():
    with Site() as site:
        site.file("/robots.txt", b"User-agent: *\nDisallow: /privat/\n", "text/plain")
        serve(site)
        site.sitemap("/sitemap.xml", PATHS)
        yield site


def serve(site: Site, answer=None) -> None:
    """Every page as it should be, or ``answer(site, path)`` at each path."""
    for path, word in zip(PATHS, WORDS, strict=True):
        site.page(path, page(word)) if answer is None else answer(site, path)


@pytest.fixture
def deployment(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the defaults: corpus/ and instance/index
    return tmp_path


def crawl_command(site: Site, *args: str):
    return CliRunner().invoke(cli, ["crawl", "--sitemap", site.url("/sitemap.xml"), "--delay", "0", *args])


def manifest(corpus: Path = Path("corpus")) -> dict:
    return json.loads((corpus / CRAWL_MANIFEST).read_text(encoding="utf-8"))


def hits(word: str) -> int:
    client = create_app({"TESTING": True, "INDEX_DIR": "instance/index"}).test_client()
    return client.get("/api/search", query_string={"q": word}).get_json()["total"]


def pages_requested(site: Site) -> list[str]:
    return [request.path for request in site.log if request.path in PATHS]


# -- a site that answers 404 for a while ----------------------------------------------------


def test_a_refused_mass_removal_is_over_so_the_crawl_after_the_site_is_back_fetches_every_page(site, deployment):
    assert crawl_command(site, "--update").exit_code == 0, "the first crawl"
    serve(site, lambda s, path: s.status(path, 404))
    refused = crawl_command(site, "--update")
    assert refused.exit_code == 1, refused.output
    assert refused.output.startswith("Error: refusing to remove 10 of 10 pages in one run"), refused.output
    assert manifest()["run"] is None, "a refused crawl is over, not interrupted"

    serve(site)  # the site is back
    site.clear_log()
    again = crawl_command(site, "--update")
    assert again.exit_code == 0, again.output
    assert sorted(pages_requested(site)) == sorted(PATHS), "every page is asked for again"
    assert "resumed" not in again.output, "nothing of the outage is reused"
    assert "0 removed" in again.output.splitlines()[0], again.output
    assert hits("hamnen") == 1, "the search still finds the pages"

    told_to = crawl_command(site, "--update", "--allow-removals")
    assert told_to.exit_code == 0, told_to.output
    assert "Removed " not in told_to.output, "--allow-removals removes nothing: every page answers 200"
    assert len(list(Path("corpus").rglob("*.html"))) == len(PATHS), "every page is still in the corpus"


def interrupt_after(count: int):
    def progress(done, total):
        if done == count:
            raise KeyboardInterrupt

    return progress


def plan(site: Site, **options) -> CrawlPlan:
    return CrawlPlan(sitemaps=(site.url("/sitemap.xml"),), politeness=Politeness(delay=0, timeout=2), **options)


def test_a_killed_crawl_fetches_a_page_it_would_have_removed_again_when_it_resumes(site, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    crawl(corpus, index, plan(site))
    site.status("/sida-1", 404)  # for a moment, while the CMS publishes
    with pytest.raises(KeyboardInterrupt):
        crawl(corpus, index, plan(site), progress=interrupt_after(3))
    assert site.url("/sida-1") in manifest(corpus)["run"]["removals"], "the killed crawl meant to remove it"

    site.page("/sida-1", page("torget"))  # the page is back
    site.clear_log()
    report = crawl(corpus, index, plan(site))
    assert site.requests_to("/sida-1"), "the page it would have removed is asked for again"
    assert report.removed == [], "and kept, since it answers 200"
    assert (corpus / page_path(site.url("/sida-1"))).exists(), "its file is kept"
    assert [note for note in report.notes if re.fullmatch(RESUMED, note)] == report.notes, "it says it resumed"
    assert pages_requested(site) == ["/sida-1", *PATHS[3:]], "the rest is not fetched twice"


RESUMED = (
    r"resumed an interrupted crawl started \S+ \S+ UTC: 2 URLs were done already; "
    r"the pages it would have removed are fetched again \(1\)"
)


@pytest.mark.parametrize(
    ("started", "note"),
    [
        (timedelta(hours=13), "older than 12 hours, this one starts afresh"),
        (None, "an interrupted crawl started by an earlier version was dropped"),
    ],
    ids=["13 hours old", "undated"],
)
def test_an_old_interrupted_crawl_is_not_resumed(site, tmp_path, started, note):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    with pytest.raises(KeyboardInterrupt):
        crawl(corpus, index, plan(site), progress=interrupt_after(5))
    data = manifest(corpus)
    if started is None:
        del data["run"]["started"]
    else:
        data["run"]["started"] = (datetime.now(UTC) - started).isoformat(timespec="seconds")
    (corpus / CRAWL_MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    site.clear_log()
    report = crawl(corpus, index, plan(site))
    assert sorted(pages_requested(site)) == sorted(PATHS), "every page is fetched again"
    assert report.resumed == 0, "nothing is resumed"
    assert any(note in line for line in report.notes), report.notes


# -- a site in maintenance: 200 and the same page everywhere ----------------------------------------


def test_a_site_in_maintenance_changes_nothing_and_its_recovery_costs_304s(site, deployment):
    assert crawl_command(site, "--update").exit_code == 0, "the first crawl"
    before = {path.as_posix(): path.read_bytes() for path in Path("corpus").rglob("*.html")}
    pages_before, served = manifest()["pages"], IndexStore(Path("instance/index")).target()
    serve(site, lambda s, path: s.page(path, MAINTENANCE))

    refused = crawl_command(site, "--update")
    assert refused.exit_code == 1, refused.output
    assert refused.output == (
        'Error: refusing to store one page ("Underhåll") as the new text of 10 of 10 changed pages in one run '
        "(more than 50%; a site in maintenance, or answering 200 with a 'not found' page, looks like this): if the "
        "pages really are the same now, run again with --allow-same-content (none of them was stored and no page "
        "removed; the other pages fetched are stored)\n"
    ), "one line that names the page, the count and the way out"
    after = {path.as_posix(): path.read_bytes() for path in Path("corpus").rglob("*.html")}
    assert after == before, "every stored page is as it was"
    assert manifest()["pages"] == pages_before, "so are their validators: the next crawl asks again"
    assert manifest()["run"] is None, "a refused crawl is over"
    assert IndexStore(Path("instance/index")).target() == served, "the served index is unchanged"
    assert (hits("hamnen"), hits("underhåll")) == (1, 0), "the search finds the pages, not the maintenance page"

    serve(site)  # back, with the same pages
    site.clear_log()
    recovered = crawl_command(site, "--update")
    assert recovered.exit_code == 0, recovered.output
    assert {r.status for r in site.log if r.path in PATHS} == {304}, "the recovered site answers with 304s"
    assert "Up to date" in recovered.output, recovered.output


#: (pages that answer the maintenance page, pages edited each their own way, whether the crawl is an outage)
SAME_CONTENT = [
    (10, 0, True),
    (5, 4, True),  # 5 of 9 changed pages
    (5, 5, False),  # 5 of 10: not more than half
    (4, 0, False),  # below the minimum: two copies of a page, a few pages of one template
]


@pytest.mark.parametrize(
    ("same", "edited", "outage"), SAME_CONTENT, ids=[f"{s} same, {e} edited" for s, e, _ in SAME_CONTENT]
)
def test_most_changed_pages_with_one_body_is_an_outage_and_none_of_them_is_stored(site, tmp_path, same, edited, outage):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    crawl(corpus, index, plan(site))
    for path in PATHS[:same]:
        site.page(path, MAINTENANCE)
    for path, word in zip(PATHS[same : same + edited], WORDS[same : same + edited], strict=True):
        site.page(path, page(word, "Nu ombyggt."))
    stored = {path: (corpus / page_path(site.url(path))).read_text(encoding="utf-8") for path in PATHS}
    if outage:
        with pytest.raises(SiteOutage, match=f"the new text of {same} of {same + edited} changed pages"):
            crawl(corpus, index, plan(site))
    else:
        crawl(corpus, index, plan(site))
    for path in PATHS[:same]:
        now = (corpus / page_path(site.url(path))).read_text(encoding="utf-8")
        assert now == (stored[path] if outage else MAINTENANCE), f"{path}: stored only if it is no outage"
    for path in PATHS[same : same + edited]:
        assert "Nu ombyggt." in (corpus / page_path(site.url(path))).read_text(encoding="utf-8"), f"{path}: an edit"


def test_an_outage_met_by_a_crawl_with_no_manifest_leaves_the_files_it_adopted_as_they_were(site, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    crawl(corpus, index, plan(site))
    before = {path: path.read_bytes() for path in corpus.rglob("*.html")}
    (corpus / CRAWL_MANIFEST).unlink()
    serve(site, lambda s, path: s.page(path, MAINTENANCE))
    with pytest.raises(SiteOutage):
        crawl(corpus, index, plan(site))
    assert {path: path.read_bytes() for path in corpus.rglob("*.html")} == before, "every file is as it was"
    assert len(manifest(corpus)["adopted"]) == len(PATHS), "and still adopted, for the next crawl"


def test_allow_same_content_stores_the_pages(site, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    crawl(corpus, index, plan(site))
    serve(site, lambda s, path: s.page(path, MAINTENANCE))
    report = crawl(corpus, index, plan(site, allow_same_content=True))
    assert len(report.changed) == len(PATHS), "every page changed"
    assert (corpus / page_path(site.url("/sida-3"))).read_text(encoding="utf-8") == MAINTENANCE


# -- nothing crawled ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "sitemap", "reason"),
    [
        (None, "/sitemapp.xml", "{url}/sitemapp.xml: sitemap not read: 404 Not Found"),
        (None, "/sida-1", "{url}/sida-1: sitemap not read: "),
        (lambda s: s.status("/robots.txt", 503), "/sitemap.xml", "robots.txt answers 503 Service Unavailable"),
        (lambda s: s.sitemap("/sitemap.xml", []), "/sitemap.xml", "no page was crawled: the sitemaps list none"),
    ],
    ids=["a typo", "a page given as the sitemap", "robots.txt answers 503", "an empty sitemap"],
)
def test_a_crawl_that_fetched_no_page_says_why_in_one_line_and_exits_1(site, deployment, change, sitemap, reason):
    if change:
        change(site)
    result = CliRunner().invoke(cli, ["crawl", "--sitemap", site.url(sitemap), "--delay", "0", "--update"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [result.output.strip()], "one line"
    assert result.output.startswith("Error: no page was crawled: "), result.output
    assert reason.format(url=site.url("")) in result.output, result.output
    assert not Path("instance/index").exists(), "no update ran"


# -- a crawl manifest lost -----------------------------------------------------------------------


def test_after_a_damaged_manifest_is_removed_the_next_crawl_adopts_the_files_of_its_site(site, deployment):
    assert crawl_command(site, "--update").exit_code == 0, "the first crawl"
    host = Path("corpus") / page_path(site.url("/")).split("/")[0]
    hand_written = [Path("corpus/egen-sida.html"), host / "Egen sida.html"]
    for path in hand_written:
        path.write_text(page("hembygdsgården"), encoding="utf-8")
    Path("corpus", CRAWL_MANIFEST).write_text('{"format": 1, "pages": {"http', encoding="utf-8")
    damaged = crawl_command(site)
    assert damaged.exit_code == 1, damaged.output
    assert "remove it to crawl afresh" in damaged.output, "the message says what to do"

    Path("corpus", CRAWL_MANIFEST).unlink()  # as told
    site.status("/sida-9", 410)  # meanwhile the editors delete a page
    site.sitemap("/sitemap.xml", PATHS[:-1])
    result = crawl_command(site, "--update")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Crawled into corpus: 0 new, 0 changed, 9 unchanged"), result.output
    assert (
        f"Removed {page_path(site.url('/sida-9'))}: no longer in the sitemap (a file of an earlier crawl whose "
        "manifest was lost)" in result.output.splitlines()
    ), result.output
    assert not (Path("corpus") / page_path(site.url("/sida-9"))).exists(), "its file is removed"
    assert hits("museet") == 0, "and it leaves the search"
    for path in hand_written:
        assert path.exists(), f"{path}: a file the crawl would not have named is not its own"
    assert manifest()["adopted"] == [], "every file adopted is settled"


def test_the_first_crawl_of_a_corpus_removes_no_file_it_did_not_write(site, deployment):
    host = Path("corpus") / page_path(site.url("/")).split("/")[0]
    own = host / page_path(site.url("/min-egen-sida")).split("/", 1)[1]  # named as the crawl would name it
    own.parent.mkdir(parents=True)
    own.write_text(page("hembygdsgården"), encoding="utf-8")
    result = crawl_command(site, "--update")
    assert result.exit_code == 0, result.output
    assert own.exists(), "an editor's page in the host folder is not a file of an earlier crawl: none ran here"
    assert hits("hembygdsgården") == 1, "and it is searched like any page of the corpus"


# -- a broken link on a site crawled by its links ---------------------------------------------------------


def test_a_link_that_never_answered_keeps_no_unlinked_page_and_a_failed_page_gives_its_stored_links(site, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    start = lambda *paths: page("hamnen", "".join(f'<a href="{p}">länk</a>' for p in paths))  # noqa: E731
    site.page("/", start(*PATHS[1:8], "/sida-9", "/trasig", "/loop-a"))
    site.page("/sida-1", page("torget", '<a href="/sida-8">länk</a>'))  # the only link to /sida-8
    site.status("/trasig", 500)
    site.redirect("/loop-a", "/loop-b")
    site.redirect("/loop-b", "/loop-a")
    links = CrawlPlan(starts=(site.url("/"),), politeness=Politeness(delay=0, timeout=2))
    assert len(crawl(corpus, index, links).new) == len(PATHS), "the first crawl"

    site.page("/", start(*PATHS[1:8], "/trasig", "/loop-a"))  # the editor takes the only link to /sida-9 away
    site.status("/sida-1", 500)  # failed, with a stored copy that links /sida-8
    report = crawl(corpus, index, links)
    assert {url for url, _ in report.failed} == {site.url(p) for p in ("/trasig", "/loop-a", "/sida-1")}
    assert report.removed == [(site.url("/sida-9"), "no longer linked")], "the unlinked page is removed"
    assert (corpus / page_path(site.url("/sida-8"))).exists(), "a page linked from a failed page's copy is kept"
    assert report.notes == [], "nothing is kept back"


def test_a_failed_page_that_asks_not_to_be_indexed_keeps_the_pages_only_it_links(site, tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    hub = '<meta name="robots" content="noindex">'
    site.page("/", page("hamnen", '<a href="/arkiv">arkiv</a>'))
    site.page("/arkiv", page("arkiv", '<a href="/sida-1">länk</a>').replace("<head>", f"<head>{hub}"))
    links = CrawlPlan(starts=(site.url("/"),), politeness=Politeness(delay=0, timeout=2))
    assert crawl(corpus, index, links).new == [site.url("/"), site.url("/sida-1")], "the first crawl"
    site.status("/arkiv", 500)
    report = crawl(corpus, index, links)
    assert report.removed == [], "the page linked only from the list that failed is kept"
    assert any("a page that asks not to be indexed failed" in note for note in report.notes), report.notes
