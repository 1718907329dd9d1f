"""A crawled site kept up to date without its URLs given again: ``crawl`` given no URL crawls what the last
crawl into the corpus crawled, the CMS webhook re-crawls a crawled corpus (an update alone fetches nothing),
and a crawl waits for the index's lock as a build or an update does.

Against a real site on 127.0.0.1 (``testkit.http_site``), the real command line and the real server process,
run from a deployment folder with the default paths (``corpus``, ``instance/index``)."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from indexer.mirror import CRAWL_MANIFEST
from indexer.recrawl import SETTINGS_FILE
from indexer.store import IndexStore
from testkit.http_site import Site
from testkit.server import REPO, get_json, indexer, post_json, running_server

TOKEN = "cms-nyckel-4711-recrawl"


def page(title: str, text: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><main><h1 id="start">{title}</h1><p>{text}</p></main></body></html>'
    )


@pytest.fixture
def site():
    with Site() as site:
        site.file("/robots.txt", b"User-agent: *\nAllow: /\n", "text/plain")
        site.page("/", page("Startsidan", "Välkommen till kommunen."))
        site.page("/evenemang.html", page("Workshop om stadens rum", "Välkommen till en workshop på torget."))
        site.sitemap("/sitemap.xml", ["/", "/evenemang.html"])
        yield site


@pytest.fixture
def crawled(site, tmp_path) -> Path:
    """A deployment folder the site was crawled into with the README's command."""
    first = indexer("crawl", "--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    site.page("/evenemang.html", page("Workshop om stadens rum", "Nyhet: tolkning till teckenspråk finns."))
    site.clear_log()
    return tmp_path


def found(base: str, q: str) -> int:
    return get_json(base, "/api/search", q=q)[1]["total"]


def test_a_crawl_given_no_url_crawls_again_what_the_last_one_crawled(site, crawled):
    again = indexer("crawl", "--update", cwd=crawled)
    assert again.returncode == 0, again.stderr
    assert f"note: crawling again what the last crawl into corpus crawled: --sitemap {site.url('/sitemap.xml')}" in (
        again.stderr.splitlines()
    ), "it says what it crawls"
    assert "Crawled into corpus: 0 new, 1 changed, 1 unchanged" in again.stdout, "the edit was fetched"
    assert "Updated instance/index: 0 added, 1 changed" in again.stdout, "and indexed"


def test_an_option_given_wins_over_the_recorded_one(site, crawled):
    again = indexer("crawl", "--prefix", "/evenemang", cwd=crawled)
    assert again.returncode == 0, again.stderr
    assert [r.path for r in site.log if r.path.endswith(".html") or r.path == "/"] == ["/evenemang.html"], (
        "only the pages under the prefix given were fetched"
    )


def test_a_crawl_given_no_url_into_a_corpus_never_crawled_is_one_line(tmp_path):
    result = indexer("crawl", cwd=tmp_path)
    assert result.returncode == 1, "exit code"
    assert result.stderr.strip().splitlines() == [
        "Error: give a sitemap (--sitemap URL) or a page to start from (--start URL): no crawl into corpus is"
        " recorded to crawl again (the corpus is unchanged)"
    ], "one line that says what to give"


def test_a_damaged_record_of_the_last_crawl_is_one_line(crawled):
    (crawled / "corpus" / SETTINGS_FILE).write_text("{", encoding="utf-8")
    result = indexer("crawl", cwd=crawled)
    assert result.returncode == 1, "exit code"
    assert "cannot be read" in result.stderr and "crawl once with --sitemap or --start" in result.stderr, "the fix"
    assert len(result.stderr.strip().splitlines()) == 1, "one line"


def status_of(base: str) -> dict:
    request = urllib.request.Request(base + "/api/reindex/status", headers={"X-Reindex-Token": TOKEN})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def webhook_until_done(base: str) -> dict:
    """The webhook's status once the run it started is over: its crawl, then the crawl's update."""
    deadline, status = time.monotonic() + 60, {}
    while time.monotonic() < deadline:
        status = status_of(base)
        if status.get("state") in ("failed", "interrupted") or status == {
            **status,
            "state": "done",
            "command": "update",
        }:
            return status
        time.sleep(0.2)
    return status


def test_the_cms_webhook_on_a_crawled_site_fetches_the_edit_and_the_search_finds_it(site, crawled):
    with running_server(None, workers=1, cwd=crawled, env={"FLASK_REINDEX_TOKEN": TOKEN}) as base:
        assert found(base, "teckenspråk") == 0, "not yet crawled"
        status, answer = post_json(base, "/api/reindex", {"Authorization": f"Bearer {TOKEN}"})
        assert (status, answer["command"]) == (202, "crawl"), "a crawled corpus is crawled again"
        done = webhook_until_done(base)
        assert done["state"] == "done", "the crawl and its update ran"
        assert found(base, "teckenspråk") == 1, "the editor's change is found"
    assert site.requests_to("/evenemang.html"), "the edited page was fetched"


def test_the_webhook_on_a_corpus_crawled_without_a_record_updates_and_says_nothing_is_fetched(site, crawled):
    (crawled / "corpus" / SETTINGS_FILE).unlink()  # crawled by a version that did not record its crawls
    assert (crawled / "corpus" / CRAWL_MANIFEST).is_file(), "the corpus was crawled"
    with running_server(None, workers=1, cwd=crawled, env={"FLASK_REINDEX_TOKEN": TOKEN}) as base:
        status, answer = post_json(base, "/api/reindex", {"X-Reindex-Token": TOKEN})
    assert (status, answer["command"]) == (202, "update"), "an update, as before"
    assert "this update fetches nothing" in answer["note"], "the answer says so"
    assert "python -m indexer crawl --sitemap URL" in answer["note"], "and how to record the crawl"


def test_a_crawl_waits_while_another_run_holds_the_lock_and_then_crawls(site, crawled):
    index = crawled / "instance" / "index"
    with IndexStore(index).lock():
        process = subprocess.Popen(
            [sys.executable, "-m", "indexer", "crawl", "--update"],
            cwd=crawled,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        lines: queue.Queue[str] = queue.Queue()  # stderr as it comes: the crawl says it waits before it waits
        reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True)
        reader.start()
        said = _first_line_starting(lines, "Waiting: ", timeout=60)  # however long a loaded machine takes to start
        waited = process.poll() is None
        assert said is not None, "it says whom it waits for"
        assert waited, "the crawl waits, not refused"
        assert site.log == [], "and fetches nothing while it waits"
    process.wait(timeout=60)  # stderr is the thread's to read; stdout is short
    stdout = process.stdout.read()
    reader.join(timeout=10)
    process.stdout.close(), process.stderr.close()
    assert process.returncode == 0, "the crawl ends well once the lock is free"
    assert "Crawled into corpus: 0 new, 1 changed" in stdout, "then it crawls"


def _first_line_starting(lines: queue.Queue, prefix: str, timeout: float) -> str | None:
    """The first line from ``lines`` that starts with ``prefix``, or None after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            return None
        if line.startswith(prefix):
            return line
    return None


def test_a_server_started_during_a_crawl_serves_the_index_there_is_at_once(crawled):
    """``./scripts/serve`` builds with ``--unless-busy`` before it serves: during a crawl (here: a run that
    holds the lock as a crawl does) the build keeps the index as it is, and the server starts at once. Before,
    the build waited for the crawl's lock, and the server was down until the crawl ended."""
    assert "indexer build --corpus corpus --index instance/index --unless-busy" in (
        (REPO / "scripts" / "serve").read_text(encoding="utf-8")
    ), "the serve script builds so"
    with IndexStore(crawled / "instance" / "index").run("crawl"):
        started = time.monotonic()
        built = indexer("build", "--corpus", "corpus", "--index", "instance/index", "--unless-busy", cwd=crawled)
        took = time.monotonic() - started
        with running_server(None, workers=1, cwd=crawled) as base:
            assert found(base, "workshop") == 1, "the index there is is served"
    assert built.returncode == 0, built.stderr
    assert took < 30, "the build did not wait for the crawl"
    assert "(crawl) holds" in built.stderr and "the served index stays as it is (no build now)" in built.stderr, (
        "one line says so"
    )


def test_a_copy_whose_canonical_page_was_deleted_links_to_where_it_stands(site, tmp_path):
    """A CMS copy (``/kanonisk-kopia``) names the page it copies as canonical; the editors delete that page
    (404, and gone from the sitemap). The result must link to the copy, which answers, not to the 404."""
    text = "Kajpromenaden längs hamnen blir klar under hösten och binder ihop torget med stranden."
    site.page("/hamnen.html", page("Hamnen", text))
    canonical = f'<link rel="canonical" href="{site.url("/hamnen.html")}">'
    site.page("/kanonisk-kopia.html", page("Hamnen", text).replace("</title>", f"</title>{canonical}"))
    site.sitemap("/sitemap.xml", ["/", "/evenemang.html", "/hamnen.html", "/kanonisk-kopia.html"])
    first = indexer("crawl", "--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    site.status("/hamnen.html", 404)
    site.sitemap("/sitemap.xml", ["/", "/evenemang.html", "/kanonisk-kopia.html"])
    again = indexer("crawl", "--update", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    with running_server(None, workers=1, cwd=tmp_path) as base:
        hits = get_json(base, "/api/search", q="kajpromenaden")[1]["results"]
    assert [hit["url"] for hit in hits] == [site.url("/kanonisk-kopia.html#start")], "the copy's own address"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--allow-host", "a b", "not a host (name or name:port): 'a b'"),
        ("--allow-host", "example.se:99999", "not a host (name or name:port): 'example.se:99999'"),
        ("--allow-host", "https://example.se/", "not a host (name or name:port): 'https://example.se/'"),
        ("--user-agent", "", "a user agent is printable ASCII and not empty: ''"),
        ("--user-agent", "Sök\n", "a user agent is printable ASCII and not empty: 'Sök\\n'"),
    ],
)
def test_an_option_a_crawl_could_not_use_is_refused_before_it_is_recorded(site, tmp_path, option, value, message):
    """The options a crawl records are crawled again by cron and the webhook: one that cannot be used is
    refused at once, in one line (it was accepted without a word)."""
    done = indexer("crawl", "--sitemap", site.url("/sitemap.xml"), option, value, cwd=tmp_path)
    assert done.returncode == 1, "exit code"
    assert done.stderr == f"Error: {message} (the corpus is unchanged)\n", "one line"
    assert site.log == [], "nothing fetched"
