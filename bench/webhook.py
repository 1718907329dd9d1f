"""From the CMS webhook to the search: one page edited on the crawled fixture site, how long until it is found.

    python -m bench.webhook [--delay 1] [--latency 0.0]

Every host of the fixture site (``testkit.site``, 73 pages on 9 hosts) is served by its own real HTTP
server on 127.0.0.1 (``testkit.http_site``). The site is crawled into a deployment folder (given the
9 sitemaps, recorded with the crawler's ``--delay``: the command's default is 1 s) and the real
production server is started there with the webhook on. Then one page is edited twice, and each
time the clock runs from the webhook call to the first search that finds the new word:

* **the whole site**: a call without a body, as every call was before the webhook took URLs: the
  recorded crawl runs again (every sitemap, robots.txt and page, conditionally), then ``update``;
* **the page named**: ``{"urls": [the page]}``: that page alone (and its host's robots.txt).

Requests are counted at the sites; the seconds include starting the runner process and the update.
"""

from __future__ import annotations

import json
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import click

from indexer import recrawl
from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from indexer.update import update
from testkit.http_site import Site, serve_whole_fixture_site
from testkit.server import get_json, running_server
from webapp.params import MAX_PER_PAGE

TOKEN = "bench-token-for-the-webhook"
WORDS = ("xqvorblinz", "zyprakvoltz")  # the new words of the two edits: no page holds them, nor their parts


def call(base: str, body: dict | None) -> dict:
    data = json.dumps(body).encode() if body else b""
    request = urllib.request.Request(
        base + "/api/reindex",
        data=data,
        headers={"X-Reindex-Token": TOKEN, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def until_found(base: str, word: str, url: str, limit: float) -> float:
    """When a search for ``word`` first finds the page at ``url`` (polled every 50 ms)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if any(hit["url"].split("#", 1)[0] == url for hit in get_json(base, "/api/search", q=word)[1]["results"]):
            return time.monotonic()
        time.sleep(0.05)
    raise click.ClickException(f"{word!r} was not found within {limit:g} s")


def until_idle(base: str) -> None:
    """Until the runner has run everything pending: its last update is done and nothing waits."""
    while True:
        request = urllib.request.Request(base + "/api/reindex/status", headers={"X-Reindex-Token": TOKEN})
        with urllib.request.urlopen(request, timeout=10) as response:
            status = json.loads(response.read())
        if (status["state"], status["command"], status["pending"]) == ("done", "update", None):
            return
        time.sleep(0.1)


def page_without_copies(base: str) -> str:
    """The URL of the first page whose sections have no copy elsewhere: a copy's edit is searched under the page
    it copies (``indexer/duplicates.py``), which would time something else."""
    urls, copied, page = set(), set(), 1
    while True:
        results = get_json(base, "/api/search", q="", per_page=MAX_PER_PAGE, page=page)[1]["results"]
        for hit in results:
            urls.add(hit["url"].split("#", 1)[0])
            copied.update(url.split("#", 1)[0] for url in [hit["url"], *hit["also_at"]] if hit["also_at"])
        if len(results) < MAX_PER_PAGE:
            return min(urls - copied)
        page += 1


def edit(site: Site, path: str, word: str) -> None:
    """A new sentence in the page's lead paragraph (content on every CMS)."""
    html = site.answers[path].body.decode("utf-8")
    at = html.index("<p>", html.index("</h1>")) + len("<p>")
    site.page(path, html[:at] + f"En ny mening om {word}. " + html[at:])


@click.command()
@click.option("--delay", default=1.0, show_default=True, help="The recorded crawl's pause between requests.")
@click.option("--latency", default=0.0, show_default=True, help="Seconds each server waits before answering.")
def main(delay: float, latency: float):
    """Time the webhook, from the call to the search, for the whole site and for the page named."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        work = Path(tmp)
        pages, hosts, sites = serve_whole_fixture_site(stack, work / "assembled", latency)
        plan = CrawlPlan(sitemaps=tuple(site.url("/sitemap.xml") for site in sites), politeness=Politeness(delay=0))
        corpus, index = work / "corpus", work / "instance" / "index"
        crawl(corpus, index, plan)  # the first crawl, quickly; recorded with the delay measured
        recrawl.record(corpus, replace(plan, politeness=Politeness(delay=delay)))
        update(corpus, index)
        rows = []
        base = stack.enter_context(running_server(None, workers=1, cwd=work, env={"FLASK_REINDEX_TOKEN": TOKEN}))
        url = page_without_copies(base)  # the page's own URL (its canonical link), on its host's site
        site, path = sites[hosts.index(urlsplit(url).netloc)], urlsplit(url).path or "/"
        for (name, body), word in zip(
            [("the whole site (no body)", None), ("the page named", {"urls": [site.url(path)]})], WORDS, strict=True
        ):
            for each in sites:
                each.clear_log()
            edit(site, path, word)
            started = time.monotonic()
            call(base, body)
            seconds = until_found(base, word, url, limit=60 + 2 * delay * 100) - started
            until_idle(base)
            log = [request for each in sites for request in each.log]
            statuses = ", ".join(f"{status}: {n}" for status, n in sorted(Counter(r.status for r in log).items()))
            rows.append(f"| {name} | {len(log)} ({statuses}) | {seconds:.1f} |")

    click.echo(f"{len(pages)} pages on {len(hosts)} hosts; crawl delay {delay:g} s, server latency {latency:g} s")
    click.echo(f"the page edited: {path} (no copies)\n")
    click.echo("| webhook call | requests (statuses) | s from the call to the search |")
    click.echo("|---|---|---|")
    for row in rows:
        click.echo(row)


if __name__ == "__main__":
    main()
