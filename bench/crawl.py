"""What crawling costs: the whole fixture site served over HTTP, crawled, re-crawled and updated.

    python -m bench.crawl [--delay 0] [--latency 0.0]

Every host of the fixture site (``testkit.site``, 9 sites) is served by its own
real HTTP server on 127.0.0.1 (``testkit.http_site``), each with a sitemap and
a robots.txt; one crawl is given all the sitemaps. It measures, with the
library calls ``python -m indexer crawl --update`` makes:

* the first crawl, then the ``update`` that indexes it;
* a re-crawl of the unchanged site (what the server sent: statuses and bytes);
* a re-crawl after one page was edited, and its ``update``.

``--delay`` is the crawler's pause between requests (the default here is 0, to
time the crawler; the command's default is 1 s, so a real crawl takes about
one second per request); ``--latency`` makes each server answer that much later,
like a real site.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import click

from indexer.analysis import warm_up
from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from indexer.update import update
from testkit.http_site import Site, serve_whole_fixture_site


def served(sites: list[Site]) -> tuple[int, Counter, int]:
    """Requests, their statuses and the body bytes sent since the logs were cleared."""
    log = [request for site in sites for request in site.log]
    for site in sites:
        site.clear_log()
    return len(log), Counter(request.status for request in log), sum(request.body_bytes for request in log)


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


@click.command()
@click.option("--delay", default=0.0, show_default=True, help="Seconds between the crawler's requests.")
@click.option("--latency", default=0.0, show_default=True, help="Seconds each server waits before answering.")
def main(delay: float, latency: float):
    """Crawl, re-crawl and update the fixture site over HTTP, and print what it cost."""
    warm_up()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        work = Path(tmp)
        pages, hosts, sites = serve_whole_fixture_site(stack, work / "assembled", latency)
        plan = CrawlPlan(sitemaps=tuple(site.url("/sitemap.xml") for site in sites), politeness=Politeness(delay=delay))
        corpus, index = work / "corpus", work / "index"
        rows = []

        def step(name: str, then_update: bool = True):
            crawl_s, report = timed(crawl, corpus, index, plan)
            requests, statuses, sent = served(sites)
            update_s, updated = timed(update, corpus, index) if then_update else (0.0, None)
            changed = f"{len(report.new)} new, {len(report.changed)} changed, {len(report.unchanged)} unchanged"
            codes = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
            sections = f"{len(updated.added)} added, {len(updated.changed)} changed" if updated else "–"
            if updated and updated.rebuilt:  # say why a one-page change was a full build
                sections += f" (a full build: {updated.notes[-1]})"
            rows.append(
                f"| {name} | {changed} | {requests} ({codes}) | {sent / 1024:.0f} | {crawl_s:.2f} "
                f"| {sections} | {update_s:.2f} |"
            )

        step("first crawl")
        step("unchanged site", then_update=False)
        site, (path, answer) = sites[0], next(iter(sorted(sites[0].answers.items())))
        html = answer.body.decode("utf-8")
        at = html.index("<p>", html.index("</h1>")) + len("<p>")  # the lead paragraph: content on every CMS
        site.page(path, html[:at] + "En ny mening om bostäder. " + html[at:])
        step("one page edited")

    click.echo(f"{len(pages)} pages on {len(hosts)} hosts; crawler delay {delay:g} s, server latency {latency:g} s\n")
    click.echo("| crawl | pages | requests (statuses) | KB sent | crawl s | then update: sections | update s |")
    click.echo("|---|---|---|---|---|---|---|")
    for row in rows:
        click.echo(row)


if __name__ == "__main__":
    main()
