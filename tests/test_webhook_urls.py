"""The CMS webhook names what changed: only those pages are fetched, and no call is dropped.

A real site on 127.0.0.1 (``testkit.http_site``) crawled with the command line, the real app over the
real index, and the real runner process the webhook starts (``python -m indexer reindex``). The site's
request log shows what was fetched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import pending, recrawl
from indexer.cli import cli
from indexer.mirror import host_folder
from indexer.store import IndexStore
from testkit.http_site import Site
from webapp import create_app
from webapp.reindex import WHOLE_SITE

from .conftest import REAL_CORPUS

TOKEN = "cms-nyckel-0815-webbhake"
HEADERS = {"X-Reindex-Token": TOKEN}
PAGES = {
    "/": ("Startsidan", "Välkommen till kommunen."),
    "/evenemang.html": ("Workshop om stadens rum", "Välkommen till en workshop på torget."),
    "/hamnen.html": ("Hamnen", "Kajpromenaden längs hamnen blir klar under hösten."),
    "/skolor.html": ("Skolor", "Den nya skolan i Norrby öppnar i augusti."),
}


def page(title: str, text: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><main><h1 id="start">{title}</h1><p>{text}</p></main></body></html>'
    )


def serve(site: Site) -> Site:
    site.file("/robots.txt", b"User-agent: *\nDisallow: /intern/\n", "text/plain")
    for path, (title, text) in PAGES.items():
        site.page(path, page(title, text))
    site.sitemap("/sitemap.xml", list(PAGES))
    return site


def crawled_app(site: Site, folder: Path):
    """The app of a deployment folder the site was crawled into with the README's command (in this
    process: the runner the webhook starts is the process under test)."""
    options = ["--delay", "0", "--timeout", "3", "--update", "--corpus", str(folder / "corpus")]
    crawled = CliRunner().invoke(
        cli, ["crawl", "--sitemap", site.url("/sitemap.xml"), *options, "--index", str(folder / "index")]
    )
    assert crawled.exit_code == 0, crawled.output
    site.clear_log()
    config = {"INDEX_DIR": str(folder / "index"), "CORPUS_DIR": str(folder / "corpus"), "REINDEX_TOKEN": TOKEN}
    return create_app(config).test_client()


@pytest.fixture
def site():
    with Site() as site:
        yield serve(site)


@pytest.fixture
def client(site, tmp_path):
    return crawled_app(site, tmp_path)


@pytest.fixture(scope="module")
def refusing(tmp_path_factory):
    """A crawled site and its app, shared by the calls that are refused (they change nothing)."""
    folder = tmp_path_factory.mktemp("refusing")
    with Site() as site:
        yield site, crawled_app(serve(site), folder), folder


def publish(client, *urls: str):
    """The CMS's call naming ``urls``: JSON as ``json.dumps`` writes it (ASCII, any lone surrogate escaped)."""
    body = json.dumps({"urls": list(urls)})
    response = client.post("/api/reindex", headers=HEADERS, data=body, content_type="application/json")
    return response.status_code, response.get_json()


def status(client) -> dict:
    return client.get("/api/reindex/status", headers=HEADERS).get_json()


def settled(client, until=lambda s: s["pending"] is None) -> dict:
    """The status once the runner's last run is over (done: its crawl's update is done; or failed) and
    ``until`` holds."""
    deadline, now = time.monotonic() + 60, {}
    while time.monotonic() < deadline:
        now = status(client)
        over = (now["state"], now["command"]) == ("done", "update") or now["state"] in ("failed", "interrupted")
        if over and until(now):
            return now
        time.sleep(0.1)
    return now


def running(client) -> None:
    """Once the runner has taken what is pending and its crawl runs."""
    deadline = time.monotonic() + 30
    while status(client)["state"] != "running" and time.monotonic() < deadline:
        time.sleep(0.05)


def found(client, q: str) -> int:
    return client.get("/api/search", query_string={"q": q}).get_json()["total"]


def pages_fetched(site: Site) -> list[str]:
    return [request.path for request in site.log if request.path != "/robots.txt"]


def test_an_edit_named_by_the_webhook_reaches_the_search_and_no_other_page_is_fetched(site, client):
    site.page("/evenemang.html", page("Workshop om stadens rum", "Nyhet: tolkning till teckenspråk finns."))
    assert publish(client, site.url("/evenemang.html")) == (
        202,
        {
            "state": "started",
            "command": "crawl",
            "urls": [site.url("/evenemang.html")],
            "status_url": "/api/reindex/status",
        },
    ), "the answer names what it runs"
    done = settled(client)
    assert (done["state"], done["command"], done["summary"]["changed"]) == ("done", "update", 1), "one section changed"
    assert found(client, "teckenspråk") == 1, "the edit is found"
    assert pages_fetched(site) == ["/evenemang.html"], "only the page named was fetched: no sitemap, no other page"
    assert site.requests_to("/evenemang.html")[0].conditional, "asked for with the stored validators"


@pytest.mark.parametrize("gone", [404, 410])
def test_a_page_named_that_is_gone_leaves_the_search(site, client, tmp_path, gone):
    assert found(client, "kajpromenaden") == 1, "indexed before"
    site.status("/hamnen.html", gone)
    assert publish(client, site.url("/hamnen.html"))[0] == 202, "asked"
    assert settled(client)["state"] == "done", "the run ended"
    assert found(client, "kajpromenaden") == 0, "the page left the search"
    assert not (tmp_path / "corpus" / host_folder(site.host) / "hamnen.html").exists(), "and the corpus"
    assert found(client, "skolan") == 1, "the other pages stay"


@pytest.mark.parametrize(
    ("failure", "run"),
    [("503", "done"), ("500", "done"), ("timeout", "failed")],  # no page answered: the run fetched nothing
)
def test_a_page_named_that_fails_keeps_its_text_and_waits_for_the_next_call(site, client, failure, run):
    if failure == "timeout":
        site.page("/hamnen.html", page("Hamnen", "Stängd."), delay=5)  # the crawl's timeout is 3 s
    else:
        site.status("/hamnen.html", int(failure))
    publish(client, site.url("/hamnen.html"))
    done = settled(client, until=lambda s: s["pending"] is not None)
    assert done["state"] == run, "the run ended"
    assert found(client, "kajpromenaden") == 1, "the stored page is kept: a failure is not a removal"
    assert done["pending"]["urls"] == [site.url("/hamnen.html")], "the URL waits for the next call, not dropped"


def test_pages_published_during_a_run_are_taken_by_one_follow_up_run(site, client):
    site.page("/evenemang.html", page("Workshop om stadens rum", "Tolkning till teckenspråk."), delay=1.5)
    assert publish(client, site.url("/evenemang.html"))[1]["state"] == "started"
    running(client)  # fetching the slow page
    site.page("/hamnen.html", page("Hamnen", "Kajpromenaden får belysning."))
    site.page("/skolor.html", page("Skolor", "Skolan får en ny idrottshall."))
    during = [publish(client, site.url("/hamnen.html")), publish(client, site.url("/skolor.html"))]
    assert [(code, answer["state"]) for code, answer in during] == [(202, "pending"), (202, "pending")], "not 409"
    assert during[1][1]["pending"]["urls"] == [site.url("/hamnen.html"), site.url("/skolor.html")], "merged"
    assert settled(client)["state"] == "done", "every run ended"
    assert [found(client, q) for q in ("teckenspråk", "belysning", "idrottshall")] == [1, 1, 1], "all three published"
    assert len(site.requests_to("/robots.txt")) == 2, "two runs: the first and one follow-up for both calls"
    assert sorted(pages_fetched(site)) == ["/evenemang.html", "/hamnen.html", "/skolor.html"], "each page once"


def test_a_whole_re_crawl_pending_absorbs_the_urls_named_after_it(site, client):
    site.page("/evenemang.html", page("Workshop om stadens rum", "Tolkning till teckenspråk."), delay=1.5)
    publish(client, site.url("/evenemang.html"))
    running(client)
    whole = client.post("/api/reindex", headers=HEADERS).get_json()
    named = publish(client, site.url("/hamnen.html"))[1]
    assert (whole["state"], whole["pending"]) == (
        "pending",
        {"full": True, "urls": [], "calls": 1, "since": whole["pending"]["since"]},
    )
    assert named["pending"]["full"] and named["pending"]["urls"] == [], "the re-crawl fetches it anyway"
    assert settled(client)["state"] == "done", "every run ended"
    assert site.requests_to("/sitemap.xml"), "the follow-up was the whole re-crawl"


def test_what_a_runner_that_died_had_taken_is_run_by_the_next_call(site, client, tmp_path):
    store = IndexStore(tmp_path / "index")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pending.path(store).write_text(
        json.dumps({"asked": {"urls": []}, "taken": {"urls": [site.url("/hamnen.html")]}, "runner": int(dead.stdout)})
    )
    site.page("/hamnen.html", page("Hamnen", "Kajpromenaden får belysning."))
    site.page("/skolor.html", page("Skolor", "Skolan får en ny idrottshall."))
    assert publish(client, site.url("/skolor.html"))[1]["state"] == "started", "a dead runner is no runner"
    assert settled(client)["state"] == "done", "the run ended"
    assert [found(client, q) for q in ("belysning", "idrottshall")] == [1, 1], "what it had taken was run too"


def test_past_the_limit_of_urls_waiting_the_pending_set_asks_for_the_whole_site(site, client, tmp_path):
    """A CMS (or a caller with the token) naming page after page never grows the pending set past its limit."""
    store = IndexStore(tmp_path / "index")
    with pending.changing(store) as waiting:
        waiting.runner = os.getpid()  # a runner alive (this process): the calls only wait
    calls = [
        publish(client, *[site.url(f"/nyheter/{call}-{n}.html") for n in range(pending.MAX_URLS)])
        for call in range(pending.MAX_PENDING_URLS // pending.MAX_URLS + 2)
    ]
    assert [code for code, _ in calls] == [202] * len(calls), "every call is answered 202: none refused, none lost"
    at_limit, past, after = (answer for _, answer in calls[-3:])
    assert len(at_limit["pending"]["urls"]) == pending.MAX_PENDING_URLS, "up to the limit, each URL waits"
    assert "note" not in at_limit, "and nothing needs saying"
    assert (past["pending"]["full"], past["pending"]["urls"]) == (True, []), "past it, the whole site is asked for"
    assert past["note"] == WHOLE_SITE, "and the answer says so in one line"
    assert "note" not in after, "said once: a later call finds the whole site asked for already"
    assert pending.path(store).stat().st_size < 500, "the file holds a flag, not a list of URLs"


#: A page whose URL the sitemap lists in one spelling and the CMS names in another: (listed, named).
SPELLINGS = {
    "percent-encoded, listed in letters": ("/näringsliv.html", "http://{host}/n%C3%A4ringsliv.html"),
    "in letters, listed percent-encoded": ("/n%C3%A4ringsliv.html", "http://{host}/näringsliv.html"),
    "lower-case escapes": ("/näringsliv.html", "http://{host}/n%c3%a4ringsliv.html"),
    "the scheme in capitals": ("/näringsliv.html", "HTTP://{host}/näringsliv.html"),
}


@pytest.mark.parametrize(("listed", "named"), SPELLINGS.values(), ids=SPELLINGS)
def test_a_page_named_in_another_spelling_of_its_url_is_the_page_stored(tmp_path, listed, named):
    served = "/n%C3%A4ringsliv.html"  # the path as HTTP sends it
    with Site() as site:
        serve(site).page(served, page("Näringsliv", "Företagslotsen hjälper dig som vill starta företag."))
        site.sitemap("/sitemap.xml", [*PAGES, listed])
        client = crawled_app(site, tmp_path)
        url = named.format(host=site.host)
        site.page(served, page("Näringsliv", "Företagslotsen har öppet på lördagar."))
        assert publish(client, url)[0] == 202, "asked"
        assert settled(client)["state"] == "done", "the run ended"
        assert found(client, "företagslotsen") == 1, "one page, not a second copy under the other spelling"
        assert found(client, "lördagar") == 1, "with the edit"
        site.status(served, 410)
        publish(client, url)
        assert settled(client)["state"] == "done", "the second run ended"
        assert found(client, "företagslotsen") == 0, "unpublished, the page leaves the search"


def test_a_call_made_during_a_run_that_fails_is_run_by_the_same_runner(site, client):
    site.file("/robots.txt", b"User-agent: *\n", "text/plain", delay=5)  # the crawl's timeout is 3 s: it fails
    publish(client, site.url("/hamnen.html"))
    running(client)
    site.page("/skolor.html", page("Skolor", "Skolan får en ny idrottshall."))
    assert publish(client, site.url("/skolor.html"))[1]["state"] == "pending", "taken by the runner alive"
    site.file("/robots.txt", b"User-agent: *\n", "text/plain")  # the site answers again
    done = settled(client)
    assert (done["state"], done["pending"]) == ("done", None), "the runner went on after the failed run"
    assert found(client, "idrottshall") == 1, "the call made during the failed run was run"


def test_a_site_that_cannot_be_reached_fails_the_run_and_keeps_its_urls(site, client):
    url = site.url("/hamnen.html")
    site.__exit__()
    publish(client, url)
    failed = settled(client, until=lambda s: s["pending"] is not None)
    assert (failed["state"], failed["command"]) == ("failed", "crawl"), "the run failed"
    assert "cannot reach" in failed["error"], "and says why"
    assert failed["pending"]["urls"] == [url], "the URL waits for the next call"
    assert found(client, "kajpromenaden") == 1, "nothing was removed"


def test_a_run_that_cannot_read_the_recorded_crawl_says_so_and_keeps_what_it_was_asked(client, tmp_path):
    (tmp_path / "corpus" / recrawl.SETTINGS_FILE).write_text("{", encoding="utf-8")
    assert client.post("/api/reindex", headers=HEADERS).status_code == 202, "a call without a body is taken"
    failed = settled(client, until=lambda s: s["pending"] is not None)
    assert failed["state"] == "failed", "the run failed"
    assert "cannot be read" in failed["error"], "and says why"
    assert failed["pending"]["full"], "what was asked waits for the next call"
    named = publish(client, "http://127.0.0.1/sida.html")
    assert named == (503, {"error": "Den senaste crawlningens inställningar kan inte läsas; se serverns logg."})


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://annan.example/sida.html", "ligger inte på den crawlade webbplatsen ({host})"),
        ("{site}/intern/lista.html", "får inte hämtas enligt webbplatsens robots.txt"),
        ("ftp://127.0.0.1/fil.html", "är ingen http(s)-adress"),
        ("/evenemang.html", "är ingen http(s)-adress"),
        ("{site}/\ud800.html", "är ingen http(s)-adress"),  # valid JSON ("\\ud800"), no text: no UTF-8 to fetch
    ],
)
def test_a_url_the_crawl_would_not_fetch_refuses_the_call_in_one_line(refusing, url, says):
    site, client, _ = refusing
    site.clear_log()
    url = url.format(site=site.url("").rstrip("/"))
    code, answer = publish(client, site.url("/evenemang.html"), url)
    assert code == 422, "refused"
    named = url.replace("\ud800", "\\ud800")  # a lone surrogate is named as JSON escapes it
    assert answer == {"error": f"{named} {says.format(host=site.host)}; inget hämtas."}, "one line naming the URL"
    assert status(client)["pending"] is None, "nothing is pending"
    assert site.log == [], "nothing is fetched"


def test_a_call_naming_several_urls_the_crawl_would_not_fetch_names_the_first_and_counts_the_rest(refusing):
    site, client, _ = refusing
    urls = ["https://annan.example/a.html", site.url("/evenemang.html"), "https://annan.example/b.html"]
    code, answer = publish(client, *urls)
    assert (code, answer["error"]) == (
        422,
        f"{urls[0]} ligger inte på den crawlade webbplatsen ({site.host}) (och 1 adress till); inget hämtas.",
    ), "one line"


def test_crawl_given_a_url_off_the_crawled_site_refuses_in_one_line(refusing):
    site, _, folder = refusing
    options = ["--corpus", str(folder / "corpus"), "--index", str(folder / "index")]
    result = CliRunner().invoke(cli, ["crawl", "--url", "https://annan.example/sida.html", *options])
    assert result.exit_code == 1, "exit code"
    assert result.output.splitlines()[-1] == (
        f"Error: 'https://annan.example/sida.html' is not on the crawled site ({site.host}) (the corpus is unchanged)"
    ), "one line that names the URL and the site"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"urls=https://x", 400),
        (b"[" * 100_000, 400),  # deeper than the parser's recursion limit
        (b"[]", 422),
        (b"{}", 422),
        (b'{"urls": []}', 422),
        (b'{"urls": "https://x"}', 422),
        (b'{"urls": [1]}', 422),
        (b'{"url": ["https://x"]}', 422),
        (b'{"urls": ["https://x"], "full": true}', 422),
        (json.dumps({"urls": [f"https://x/{n}" for n in range(pending.MAX_URLS + 1)]}).encode(), 422),
        (json.dumps({"urls": ["https://x/" + "a" * pending.MAX_URL_CHARS]}).encode(), 422),
    ],
)
def test_a_body_that_is_not_a_list_of_urls_is_refused_in_one_line(tmp_path, body, code):
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(REAL_CORPUS), "REINDEX_TOKEN": TOKEN})
    response = app.test_client().post("/api/reindex", headers=HEADERS, data=body)
    assert response.status_code == code, "status code"
    assert str(pending.MAX_URLS) in response.get_json()["error"], "the line says what to send"
    assert not pending.path(IndexStore(tmp_path / "index")).exists(), "nothing is asked"


def test_urls_for_a_corpus_fed_by_hand_are_refused(tmp_path):
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(REAL_CORPUS), "REINDEX_TOKEN": TOKEN})
    response = app.test_client().post("/api/reindex", headers=HEADERS, json={"urls": ["https://x/a.html"]})
    assert response.status_code == 422, "status code"
    assert response.get_json()["error"] == (
        "Ingen crawlning av webbplatsen är registrerad, så inga adresser kan hämtas. Anropa utan kropp."
    ), "one line that says what to do"


@pytest.mark.parametrize(
    ("first", "then", "merged"),
    [
        (pending.Request(urls=("a", "b")), pending.Request(urls=("b", "c")), pending.Request(urls=("a", "b", "c"))),
        (pending.Request(full=True), pending.Request(urls=("a",)), pending.Request(full=True)),
        (pending.Request(urls=("a",)), pending.Request(full=True), pending.Request(full=True)),
        (pending.Request(), pending.Request(urls=("a",)), pending.Request(urls=("a",))),
        (
            pending.Request(urls=tuple(map(str, range(pending.MAX_PENDING_URLS)))),
            pending.Request(urls=("0",)),
            pending.Request(urls=tuple(map(str, range(pending.MAX_PENDING_URLS)))),
        ),
        (
            pending.Request(urls=tuple(map(str, range(pending.MAX_PENDING_URLS)))),
            pending.Request(urls=("ny",)),
            pending.Request(full=True),
        ),
    ],
)
def test_requests_merge_each_url_once_and_a_whole_re_crawl_absorbs_urls(first, then, merged):
    assert first.merged(then) == merged, "merged"
