"""The last crawl's settings, kept so that the same crawl can run again without its options.

A crawl that met the site records what it crawled and how, in the corpus folder:
``.crawl-cache/last-crawl.json`` (hidden, so never indexed), holding the sitemaps and start pages,
the other hosts, the path prefixes, the page limit, and the delay, timeout and user agent.
``python -m indexer crawl`` given no ``--sitemap`` and no ``--start`` crawls with them, so a cron line
and the CMS webhook (``webapp/reindex.py``) re-crawl the site as it was first crawled; an option
given on the command line wins over the recorded one. ``--allow-removals`` and
``--allow-same-content`` are never recorded: a guard passed once is not passed for good.

A corpus that holds a crawl manifest but no recorded settings was crawled by a version that did not
record them: ``crawled_without_settings`` says so, and the first crawl run by hand records them.

The CMS webhook may name the pages to fetch: ``refused`` says why the recorded crawl would not fetch
one (another host, outside its paths, disallowed by the robots.txt the last crawl kept), before any
process starts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from protego import Protego

from .crawl import CrawlError, CrawlPlan, Outside
from .fetch import ROBOTS_NAME, origin
from .mirror import CACHE_FOLDER, CRAWL_MANIFEST, Mirror, MirrorError, write_atomically
from .urls import normal_url

SETTINGS_FILE = f"{CACHE_FOLDER}/last-crawl.json"
#: The plan's fields a re-crawl takes from the record when the command line does not give them.
RECORDED = ("sitemaps", "starts", "hosts", "prefixes", "max_pages", "user_agent", "delay", "timeout")


def record(corpus: Path, plan: CrawlPlan) -> None:
    """Keep the plan of a crawl that met the site, for the next crawl given no URL."""
    values = _values(plan)
    write_atomically(corpus / SETTINGS_FILE, json.dumps(values, ensure_ascii=False, indent=1).encode())


def last_plan(corpus: Path) -> CrawlPlan | None:
    """The plan of the last crawl recorded in ``corpus``; None if none is. CrawlError if the record is damaged."""
    path = corpus / SETTINGS_FILE
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        return _plan({name: values[name] for name in RECORDED})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CrawlError(
            f"the last crawl's settings in {path} cannot be read ({error}); crawl once with --sitemap or --start"
        ) from None


def again(last: CrawlPlan, given: CrawlPlan, on_command_line: set[str]) -> CrawlPlan:
    """The last crawl's plan, with the options ``on_command_line`` (names of ``RECORDED``) taken from ``given``."""
    values = _values(last) | {name: value for name, value in _values(given).items() if name in on_command_line}
    return _plan(values, given)  # the rest (--allow-removals) as given


def last_plan_recorded(corpus: Path) -> bool:
    """Whether a crawl into ``corpus`` is recorded (``crawl`` given no URL crawls it again)."""
    return (corpus / SETTINGS_FILE).is_file()


def crawled_without_settings(corpus: Path) -> bool:
    """A corpus a crawl filled before crawls were recorded: re-crawling it needs its URLs once more."""
    return (corpus / CRAWL_MANIFEST).is_file() and not last_plan_recorded(corpus)


def refused(corpus: Path, plan: CrawlPlan, urls: Iterable[str]) -> list[tuple[str, Outside]]:
    """The URLs a crawl of ``plan`` into ``corpus`` would not fetch as pages, each with why. robots.txt is
    the copy the last crawl kept, if it kept one: the crawl reads it afresh before it fetches, and skips (or
    removes) a page it disallows by then."""
    try:
        mirror = Mirror.load(corpus)
    except MirrorError:  # the crawl itself names a damaged manifest
        mirror = None
    rules: dict[str, Protego | None] = {}  # origin -> its robots.txt as kept, None if none was

    def allowed(url: str) -> bool:
        url = normal_url(url)  # as the crawl asks for it
        site = origin(url)
        if site not in rules:
            kept = mirror.cached(f"{site}/robots.txt") if mirror else None
            rules[site] = Protego.parse(kept[1].decode("utf-8", errors="replace")) if kept else None
        return rules[site] is None or rules[site].can_fetch(url, ROBOTS_NAME)

    return [(url, why) for url in urls if (why := plan.outside(url) or (None if allowed(url) else Outside.ROBOTS))]


def _values(plan: CrawlPlan) -> dict:
    politeness = plan.politeness
    return {
        "sitemaps": list(plan.sitemaps),
        "starts": list(plan.starts),
        "hosts": list(plan.hosts),
        "prefixes": list(plan.prefixes),
        "max_pages": plan.max_pages,
        "user_agent": politeness.user_agent,
        "delay": politeness.delay,
        "timeout": politeness.timeout,
    }


def _plan(values: dict, base: CrawlPlan | None = None) -> CrawlPlan:
    base = base or CrawlPlan()
    return replace(
        base,
        sitemaps=tuple(values["sitemaps"]),
        starts=tuple(values["starts"]),
        hosts=tuple(values["hosts"]),
        prefixes=tuple(values["prefixes"]),
        max_pages=int(values["max_pages"]),
        politeness=replace(
            base.politeness,
            user_agent=str(values["user_agent"]),
            delay=float(values["delay"]),
            timeout=float(values["timeout"]),
        ),
    )
