"""The site -> the corpus folder: ``python -m indexer crawl``.

The phases, for each run:

1. **discover**: the page URLs the sitemaps list (``sitemaps.py``), then the
   start URLs; with start URLs, the links of every page fetched are followed
   too (on the site, without a query string, not ``rel="nofollow"``). Every
   URL met is put in its normal form (``urls.py``), so a page named in two
   spellings (``/näringsliv.html``, ``/n%C3%A4ringsliv.html``) is one page;
2. **fetch**: each URL once, politely (``fetch.py``); a conditional request
   (``If-None-Match``, ``If-Modified-Since``) when a copy is stored, so an
   unchanged page costs a ``304`` and no body; redirects followed hop by hop
   while they stay on the site and robots.txt allows them;
3. **store**: the page's bytes in its file (``mirror.py``), rewritten only if
   they changed, so ``update`` reads only what changed. A new body that
   another page got in this crawl too is held until the end: when one body is
   the new text of most changed pages, the site is showing an outage page
   (``outage.py``) and none of them is stored;
4. **remove**: a stored page the crawler would not fetch any more is marked
   for removal: it answers 404 or 410, redirects elsewhere (on the site: the
   page is stored where it leads; off the site or to a page robots.txt
   disallows), robots.txt now disallows it, it is no longer HTML or asks not to
   be indexed (``<meta name="robots" content="noindex">``); so is, at the end,
   a stored page that no sitemap lists and no page links any more, but only
   if the crawl saw the whole site (every sitemap read, no page limit reached;
   a page that failed gives the links of its stored copy, and one that never
   gave a page cannot have led to one). They are removed
   together at the end, unless they are more than the guard lets one run
   remove (``removals.py``): then none is. The report counts them by reason
   (``Removal``). A robots.txt that answers 5xx disallows everything for now
   (RFC 9309): its pages are skipped, never removed;
5. **record**: ``crawl-manifest.json`` is written as the crawl goes (atomically,
   at most once a second), so an interrupted crawl resumes where it stopped,
   if it started less than ``RESUME_WITHIN`` ago; the pages it meant to remove
   are fetched again first. A crawl refused by a guard, or that got no answer
   for any page, is over: the next one starts afresh.

A crawl given URLs (``CrawlPlan.urls``: ``crawl --url``, the CMS webhook naming
the pages it published) fetches those pages only, within the site and rules of
the plan (recorded by the last crawl): each is stored, or removed for the
reasons above, and nothing is discovered, followed, or removed as no longer
listed; an interrupted full crawl's state is left for it to resume.

Network errors, timeouts and 5xx answers leave the stored copy untouched and
are reported by URL. The crawl holds the index's lock (``store.py``), so no
build or update reads a corpus that is half crawled; it waits for the lock
while another crawl, build or update holds it, as they do.
"""

from __future__ import annotations

import hashlib
import time
import warnings
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from urllib.parse import SplitResult, urljoin, urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

from .build import decode_page
from .fetch import MAX_REDIRECTS, REDIRECTS, Fetcher, FetchError, Politeness, Response, Robots, TooLarge, origin
from .mirror import Mirror, Record, host_folder, url_path, write_atomically
from .outage import SiteOutage, check_same_content
from .parse import PageError
from .removals import TooManyRemovals, check_removals
from .sitemaps import SITEMAP_MAX_BYTES, list_pages
from .store import IndexStore
from .urls import normal_path, normal_url

DEFAULT_MAX_PAGES = 10_000
QUERY_EXAMPLES = 3  # links not followed for their query string that the crawl's note names
SAVE_EVERY = 1.0  # seconds between two writes of the crawl state
#: An interrupted crawl older than this starts afresh: what it fetched is stale (a nightly crawl never resumes
#: last night's).
RESUME_WITHIN = timedelta(hours=12)
GONE = frozenset({404, 410})
SLOW_DOWN = frozenset({429, 503})  # the server asks for fewer requests


class CrawlError(Exception):
    """The crawl cannot start: a bad URL, a host that cannot be reached, a corpus that cannot be written."""


class CrawlStopped(Exception):
    """The crawl stopped part way (the corpus could not be written): what it stored is kept, and recorded."""


class NothingCrawled(Exception):
    """No page answered: no sitemap could be read, no start page fetched (robots.txt, a typo, a site down)."""


#: A run that ends in one of these is over, not interrupted: the next one starts afresh.
REFUSED = (TooManyRemovals, SiteOutage, NothingCrawled)


class Removal(StrEnum):
    """Why a stored page is removed, as the crawl's summary line counts them (each URL's own line says more)."""

    GONE = "404 or 410"
    MOVED = "moved on the site"
    OFF_SITE = "redirects off the site"
    ROBOTS = "disallowed by robots.txt"
    NOT_HTML = "not HTML"
    NOINDEX = "asks not to be indexed"
    UNLISTED = "no longer listed"


class Outside(StrEnum):
    """Why a URL is no page a crawl would fetch (``CrawlPlan.outside``, ``recrawl.refused``)."""

    NOT_HTTP = "not an http(s) URL"
    OFF_SITE = "not on the crawled site"
    OFF_PATHS = "outside the crawled paths"
    ROBOTS = "disallowed by robots.txt"


class _Skip(Exception):
    """A URL the crawler will not fetch (robots.txt, a redirect off the site): a stored copy is removed,
    for ``removal``; None keeps it (a robots.txt that cannot be read now may allow it again)."""

    def __init__(self, why: str, removal: Removal | None):
        super().__init__(why)
        self.removal = removal


@dataclass(frozen=True)
class CrawlPlan:
    """What to crawl, and how politely."""

    sitemaps: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # follow links from these pages
    hosts: tuple[str, ...] = ()  # allowed besides the hosts of the sitemaps and start URLs
    prefixes: tuple[str, ...] = ("/",)  # URL paths a page must start with
    max_pages: int = DEFAULT_MAX_PAGES
    politeness: Politeness = field(default_factory=Politeness)
    allow_removals: bool = False  # past the guard against mass removal (``removals.py``)
    allow_same_content: bool = False  # past the guard against an outage page (``outage.py``)
    urls: tuple[str, ...] = ()  # only these pages, on the site the seeds give: nothing discovered or unlisted

    def check(self) -> None:
        if not (self.sitemaps or self.starts):
            raise CrawlError("give a sitemap (--sitemap URL) or a page to start from (--start URL)")
        for url in (*self.sitemaps, *self.starts):
            if not http_url(url):
                raise CrawlError(f"not an http(s) URL: {url!r}")
        for url in self.urls:
            if why := self.outside(url):
                where = {Outside.OFF_SITE: self.allowed_hosts, Outside.OFF_PATHS: self.prefixes}.get(why)
                raise CrawlError(f"{url!r} is {why}" + (f" ({', '.join(sorted(where))})" if where else ""))
        for prefix in self.prefixes:
            if not prefix.startswith("/"):
                raise CrawlError(f"a path prefix starts with '/': {prefix!r}")
        for host in self.hosts:
            if not _host(host):
                raise CrawlError(f"not a host (name or name:port): {host!r}")
        agent = self.politeness.user_agent
        if not agent.strip() or not agent.isascii() or not agent.isprintable():  # it is sent as a header
            raise CrawlError(f"a user agent is printable ASCII and not empty: {agent!r}")

    @property
    def seeds(self) -> list[str]:
        return [*self.sitemaps, *self.starts]

    @cached_property
    def allowed_hosts(self) -> frozenset[str]:
        """The hosts (``name[:port]``) in their normal form (``urls.py``): ``Example.se:80`` is ``example.se``."""
        urls = (*(f"http://{host}/" for host in self.hosts), *self.seeds)
        return frozenset(urlsplit(normal_url(url)).netloc for url in urls)

    @cached_property
    def _normal_prefixes(self) -> tuple[str, ...]:
        return tuple(normal_path(prefix) for prefix in self.prefixes)

    def on_site(self, url: str) -> bool:
        """A URL on an allowed host (sitemaps and robots.txt may be anywhere there), in any spelling."""
        return self._on_site(urlsplit(normal_url(url)))

    def in_scope(self, url: str) -> bool:
        """A page the crawl may fetch: on the site and under one of the path prefixes."""
        parts = urlsplit(normal_url(url))
        return self._on_site(parts) and parts.path.startswith(self._normal_prefixes)

    def _on_site(self, parts: SplitResult) -> bool:
        return parts.scheme in ("http", "https") and parts.netloc in self.allowed_hosts

    def outside(self, url: str) -> Outside | None:
        """Why ``url`` is no page of this crawl (robots.txt aside); None if it is one."""
        if not http_url(url):
            return Outside.NOT_HTTP
        if not self.on_site(url):
            return Outside.OFF_SITE
        return None if self.in_scope(url) else Outside.OFF_PATHS

    @property
    def follows_links(self) -> bool:
        """Whether the links of the pages fetched are followed: a crawl from start pages, not one of URLs."""
        return bool(self.starts) and not self.urls

    @property
    def key(self) -> dict:
        """What a resumed crawl must share with the interrupted one."""
        return {
            "sitemaps": list(self.sitemaps),
            "starts": list(self.starts),
            "hosts": sorted(self.allowed_hosts),
            "prefixes": list(self.prefixes),
        }


def _host(host: str) -> bool:
    """``name[:port]``, as a URL's netloc holds it: no space, user, path or bad port."""
    try:
        parts = urlsplit(f"http://{host}/")
        parts.port  # noqa: B018 (raises ValueError for a port that is not one)
    except ValueError:
        return False
    return bool(parts.hostname) and parts.netloc == host and not any(c.isspace() or c in "@/?#" for c in host)


def http_url(url: str) -> bool:
    """An http(s) URL with a host (``http://[::1`` is not one: its brackets are not closed), written in text: a lone
    surrogate (``"\\ud800"`` in JSON, a shell argument that is not UTF-8) has no UTF-8 bytes to ask a server for."""
    try:
        url.encode("utf-8")
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # UnicodeEncodeError is one
        return False


@dataclass
class CrawlReport:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_modified: int = 0  # of the unchanged: answered 304 (no body sent)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (URL, why)
    removed_for: Counter = field(default_factory=Counter)  # how many were removed, by Removal
    redirected: list[tuple[str, str]] = field(default_factory=list)  # (URL, where it leads)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # the stored copy, if any, is kept
    copies_kept: set[str] = field(default_factory=set)  # of the failed URLs, those with a stored copy
    notes: list[str] = field(default_factory=list)
    requests: int = 0
    resumed: int = 0  # URLs an interrupted crawl had done already

    def summary(self) -> dict:
        """How many URLs went each way, and how many requests it took."""
        counted = ("new", "changed", "unchanged", "removed", "skipped", "failed")
        return {**{name: len(getattr(self, name)) for name in counted}, "requests": self.requests}


def crawl(corpus_dir: Path, index_dir: Path, plan: CrawlPlan, progress=None) -> CrawlReport:
    """Crawl the site into the corpus folder, holding the index's lock."""
    plan.check()
    try:
        with IndexStore(index_dir).run("crawl") as summary:  # waits, as a build or an update does
            _check_writable(corpus_dir)
            crawler = _Crawler(corpus_dir, plan, progress)
            try:
                report = crawler.run()
            except OSError as error:  # a full disk, a folder made read-only mid-crawl
                where = f" {error.filename}" if error.filename else ""
                raise CrawlStopped(f"cannot write{where}: {error.strerror or error}") from None
            finally:
                crawler.fetcher.close()
            summary.update(report.summary())
            return report
    except OSError as error:  # the lock or status file beside the index: a read-only folder, a full disk
        where = f" {error.filename}" if error.filename else f" beside {index_dir}"
        raise CrawlError(f"cannot write{where}: {error.strerror or error}") from None


def _check_writable(corpus_dir: Path) -> None:
    try:
        corpus_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(corpus_dir / ".crawl-write-check", b"")
        (corpus_dir / ".crawl-write-check").unlink()
    except OSError as error:
        raise CrawlError(f"cannot write to the corpus folder {corpus_dir}: {error.strerror or error}") from None


class _Crawler:
    def __init__(self, corpus_dir: Path, plan: CrawlPlan, progress):
        self.plan, self.progress = plan, progress
        self.mirror = Mirror.load(corpus_dir)
        self.fetcher = Fetcher(plan.politeness)
        self.robots = Robots(self.fetcher, self._get_kept)
        self.report = CrawlReport()
        self.queue: deque[str] = deque()
        self.found: dict[str, None] = {}  # every page URL met, in order
        self.done: dict[str, None] = {}
        self.incomplete: list[str] = []  # why pages not met cannot be removed
        self.removals: dict[str, tuple[str, str]] = {}  # stored pages to remove at the end: why, and its Removal
        self.bodies: dict[str, list[str]] = defaultdict(list)  # a new or changed page's body hash -> its URLs
        self.changed: set[str] = set()  # of those, the pages whose stored copy changes
        self.held: dict[str, tuple[bytes, list[tuple[str, str, dict[str, str]]]]] = {}  # a body met twice: its
        # pages' URLs, times and headers (the body once, not once per page: a soft 404 at 10,000 URLs), until the end
        self.answered = 0  # page requests the site answered
        self.query_links: dict[str, None] = {}  # links on the site not followed for their query string
        self.started = _now()
        self.saved_at = 0.0

    # -- the run -----------------------------------------------------------------

    def run(self) -> CrawlReport:
        self.mirror.forget_set_aside()  # left by a crawl that was killed
        whole = not self.plan.urls  # a crawl of the site, not of some URLs
        if whole:
            if self.mirror.fresh and self.mirror.crawled_before():
                self.mirror.adopt(self.plan.allowed_hosts)
            self._resume()
        for site in dict.fromkeys(origin(normal_url(url)) for url in self.plan.urls or self.plan.seeds):
            try:
                self.robots.for_origin(site)
            except FetchError as error:
                raise CrawlError(f"cannot reach {site}: {error}") from None
        try:
            for sitemap in self.plan.sitemaps if whole else ():
                self._discover(sitemap)
            for url in self.plan.starts if whole else self.plan.urls:
                self._found(url)
            while self.queue:
                url = self.queue.popleft()
                if url in self.done:
                    continue
                if len(self.done) >= self.plan.max_pages:
                    self.incomplete.append(f"the limit of {self.plan.max_pages} pages was reached")
                    break
                self._visit(url)
                self.done[url] = None
                self._progress()
                self._save()
            self._finish()
        except REFUSED:
            self._end()  # refused by a guard: over, not interrupted (a resumed run would refuse again)
            raise
        except BaseException:
            self._save(force=True)  # Ctrl-C or a crash: the next run resumes here
            raise
        self._end()
        self.report.requests = self.fetcher.requests_made
        return self.report

    def _end(self) -> None:
        self.mirror.forget_set_aside()
        if not self.plan.urls:  # an interrupted crawl of the site resumes after a crawl of some URLs
            self.mirror.run = None
        self.mirror.save()

    def _resume(self) -> None:
        """Go on with an interrupted crawl of the same plan, unless it is older than ``RESUME_WITHIN``. The
        pages it would have removed are fetched again: the site may have answered 404 only for a while."""
        run = self.mirror.run
        if not run:
            return
        if run.get("plan") != self.plan.key:
            self.report.notes.append("an interrupted crawl of other URLs was dropped: this one starts afresh")
            return
        if not _recent(run.get("started")):
            self.report.notes.append(
                f"an interrupted crawl started {_when(run.get('started')) or 'by an earlier version'} was dropped: "
                f"older than {RESUME_WITHIN.total_seconds() / 3600:g} hours, this one starts afresh"
            )
            return
        self.started = run["started"]
        for url in run.get("found", []):
            self._found(url)
        self.done = dict.fromkeys(run.get("done", []))
        again = [url for url in run.get("removals", {}) if url in self.mirror.pages]
        for url in again:
            self.done.pop(url, None)
            self._found(url)
        self.report.resumed = len(self.done)
        checked = f"; the pages it would have removed are fetched again ({len(again)})" if again else ""
        self.report.notes.append(
            f"resumed an interrupted crawl started {_when(self.started)}: {len(self.done)} URLs were done already"
            f"{checked}"
        )

    def _discover(self, sitemap: str) -> None:
        listing = list_pages(sitemap, self._get_sitemap, self.plan.on_site)
        for url, reason in listing.problems:
            self.report.failed.append((url, f"sitemap not read: {reason}"))
            self.incomplete.append(f"the sitemap {url} was not read")
        off_site = [url for url in listing.urls if not self._found(url)]
        if off_site:
            self.report.notes.append(
                f"{sitemap} lists {len(off_site)} URLs outside the crawled site, not fetched "
                "(--allow-host and --prefix widen it)"
            )

    def _found(self, url: str) -> bool:
        """Queue a page URL met in a sitemap or a link, in its normal form (``urls.py``: one page, one URL);
        False if it is not on the crawled site."""
        url = normal_url(url)
        if not self.plan.in_scope(url):
            return False
        if url not in self.found:
            self.found[url] = None
            self.queue.append(url)
        return True

    # -- one page ----------------------------------------------------------------

    def _visit(self, url: str) -> None:
        try:
            response, chain = self._follow(url, self._get_page, page=True)
        except _Skip as skip:
            if skip.removal is None:
                self.report.skipped.append((url, str(skip)))
            else:
                self._remove_or_skip(url, str(skip), skip.removal)
            return
        except TooLarge as reason:
            self.report.skipped.append((url, str(reason)))
            return
        except FetchError as error:
            self._fail(url, str(error))
            return
        final = chain[-1]
        for source in chain[:-1]:
            self._redirected(source, final)
        self.found.setdefault(final, None)
        self._answered(final, response)
        self.done[final] = None  # only now: a crawl stopped while storing it fetches it again

    def _answered(self, url: str, response: Response) -> None:
        """What the site's answer (after redirects) does to the corpus."""
        status = response.status
        if status == 304 and url in self.mirror.not_html:
            self.report.skipped.append((url, "not HTML (unchanged)"))
        elif status == 304 and self.mirror.file(url):
            self.mirror.touch(url, _now())
            self.report.unchanged.append(url)
            self.report.not_modified += 1
            self._follow_links(url, self.mirror.file(url).read_bytes())
        elif status == 200 and response.body is not None:
            self._fetched(url, response)
        elif status == 200:
            self._remove_or_skip(url, f"not HTML ({response.content_type or 'no content type'})", Removal.NOT_HTML)
            self.mirror.not_html[url] = Record(
                "", _now(), response.headers.get("etag"), response.headers.get("last-modified")
            )
        elif status in GONE:
            self._remove_or_skip(url, response.status_line, Removal.GONE)
        else:
            if status in SLOW_DOWN:
                self.fetcher.slow_down(response.headers.get("retry-after"))
            self._fail(url, response.status_line)

    def _fetched(self, url: str, response: Response) -> None:
        links, noindex = _read_links(response.body, url)
        if noindex:
            self._remove_or_skip(url, "asks not to be indexed (meta robots noindex)", Removal.NOINDEX)
            self.mirror.noindex[url] = None
        else:
            self._store(url, response)
        self._queue_links(links)

    def _store(self, url: str, response: Response) -> None:
        """Store a page. A new body that another page got in this crawl too is held until the end, and the
        first page with it can be put back: most changed pages with one body is an outage (``outage.py``)."""
        change = self.mirror.change(url, response.body)
        if change != "unchanged" and not self.plan.allow_same_content:
            digest = hashlib.sha256(response.body).hexdigest()
            self.bodies[digest].append(url)
            if change == "changed":
                self.changed.add(url)
            if len(self.bodies[digest]) > 1:
                self.held.setdefault(digest, (response.body, []))[1].append((url, _now(), response.headers))
                return
            self.mirror.set_aside(url)
        self._write(url, response.body, _now(), response.headers)

    def _write(self, url: str, body: bytes, fetched: str, headers: dict[str, str]) -> None:
        outcome = self.mirror.store(url, body, fetched, headers.get("etag"), headers.get("last-modified"))
        getattr(self.report, outcome).append(url)

    def _follow_links(self, url: str, body: bytes) -> None:
        if self.plan.follows_links:
            self._queue_links(_read_links(body, url)[0])

    def _queue_links(self, links: list[str]) -> None:
        if self.plan.follows_links:
            for link in links:
                if not urlsplit(link).query:
                    self._found(link)
                else:
                    self.query_links.setdefault(normal_url(link), None)

    def _redirected(self, source: str, target: str) -> None:
        self.report.redirected.append((source, target))
        self._remove(source, f"moved to {target}", Removal.MOVED)
        self.mirror.redirects[source] = target

    def _remove(self, url: str, why: str, removal: Removal) -> None:
        """Mark a stored page for removal at the end (``_remove_marked``)."""
        if url in self.mirror.pages:
            self.removals[url] = (why, removal)

    def _remove_or_skip(self, url: str, why: str, removal: Removal) -> None:
        """A URL that is not (or no longer) a page to keep: removed if it was stored, else skipped."""
        if url in self.mirror.pages:
            self.removals[url] = (why, removal)
        else:
            self.report.skipped.append((url, why))
        if removal == Removal.GONE:
            self.mirror.gone[url] = None  # no page's address any more, though a copy's canonical link names it

    def _fail(self, url: str, reason: str) -> None:
        """A URL that failed: its stored copy is kept, and gives the links it had. One that never gave a page
        cannot have led to one, so it does not hold back the removal of pages no longer linked."""
        self.report.failed.append((url, reason))
        copy = self.mirror.file(url)
        if copy:
            self.report.copies_kept.add(url)
        if not self.plan.follows_links:
            return
        if copy:
            self._queue_links(_read_links(copy.read_bytes(), url)[0])
        elif url in self.mirror.redirects:
            self._found(self.mirror.redirects[url])  # where it led the last time
        elif url in self.mirror.noindex:
            self.incomplete.append("a page that asks not to be indexed failed, so its links were not followed")

    def _follow(self, url: str, get, page: bool = False) -> tuple[Response, list[str]]:
        """``get`` a URL, following redirects on the site (a page's: within the prefixes too);
        the response and the URLs passed through."""
        chain = [url]
        for _ in range(MAX_REDIRECTS + 1):
            current = chain[-1]
            if not self.robots.allowed(current):
                raise self._disallowed(current, redirected=len(chain) > 1)
            response = get(current)
            if response.status not in REDIRECTS or not response.headers.get("location"):
                return response, chain
            target = normal_url(urljoin(current, response.headers["location"]))
            if not (self.plan.in_scope(target) if page else self.plan.on_site(target)):
                raise _Skip(f"redirects off the crawled site, to {target}", Removal.OFF_SITE)
            if target in chain:
                raise FetchError(f"redirects in a loop, back to {target}")
            chain.append(target)
        raise FetchError(f"more than {MAX_REDIRECTS} redirects")

    def _disallowed(self, url: str, redirected: bool) -> _Skip:
        """Why robots.txt keeps the crawler from ``url`` (reached by a redirect, or not)."""
        if status := self.robots.unreadable(url):
            kept = " (a stored copy is kept)" if url in self.mirror.pages else ""
            return _Skip(f"robots.txt answers {status}: nothing is fetched for now{kept}", None)
        return _Skip(
            f"redirects to {url}, disallowed by robots.txt" if redirected else "disallowed by robots.txt",
            Removal.ROBOTS,
        )

    def _get_page(self, url: str) -> Response:
        """A page: a conditional request if a copy is stored."""
        response = self.fetcher.get(url, self.mirror.validators(url), html_only=True)
        self.answered += 1
        return response

    def _get_sitemap(self, url: str) -> Response:
        try:
            return self._follow(url, lambda u: self._get_kept(u, SITEMAP_MAX_BYTES))[0]
        except _Skip as reason:
            raise FetchError(str(reason)) from None

    def _get_kept(self, url: str, max_bytes: int) -> Response:
        """robots.txt or a sitemap: a conditional request if kept from the last crawl; a 304 gives the kept copy."""
        kept = self.mirror.cached(url)
        response = self.fetcher.get(url, kept[0].validators() if kept else {}, max_bytes=max_bytes)
        if response.status == 304 and kept:
            return replace(response, status=200, reason="OK", body=kept[1])
        if response.status == 200:
            self.mirror.cache(
                url, response.body, _now(), response.headers.get("etag"), response.headers.get("last-modified")
            )
        return response

    # -- the end -----------------------------------------------------------------

    def _finish(self) -> None:
        """The end of a crawl: the pages held are stored (unless they are an outage), then the removals."""
        self._store_held()
        if not self.answered and not self.report.resumed:
            raise NothingCrawled(self._why_nothing())
        self._note_query_links()
        if self.plan.urls:  # the other pages were not asked about: only those marked go
            self._remove_marked()
        else:
            self._remove_pages_not_found()

    def _note_query_links(self) -> None:
        """Name the links on the site that were not followed for their query string (``?sida=2``): pages
        reached only through them are not crawled, and the summary would not show it."""
        unfollowed = [
            link
            for link in self.query_links
            if link not in self.found and self.plan.in_scope(link) and self.robots.allowed(link)
        ]
        if unfollowed:
            examples = ", ".join(unfollowed[:QUERY_EXAMPLES]) + (", …" if len(unfollowed) > QUERY_EXAMPLES else "")
            self.report.notes.append(
                f"not followed: {len(unfollowed)} links with a query string ({examples}); pages reached only "
                "through them are not crawled (a site that pages its lists so needs --sitemap)"
            )

    def _store_held(self) -> None:
        """Store the pages whose body another page got too, unless one body is the new text of most changed
        pages (an outage): then those pages are put back as they were before this crawl, and none is stored."""
        if not self.bodies:
            return
        digest, urls = max(self.bodies.items(), key=lambda item: len(self.changed.intersection(item[1])))
        same = len(self.changed.intersection(urls))
        if same < 2:
            self._write_held()
            return
        try:
            check_same_content(same, len(self.changed), self.plan.allow_same_content, _title(self.held[digest][0]))
        except SiteOutage:
            self.mirror.put_back(urls[0])  # the only one of them written
            del self.held[digest]
            self._write_held()
            raise
        self._write_held()

    def _write_held(self) -> None:
        for body, pages in self.held.values():
            for url, fetched, headers in pages:
                self._write(url, body, fetched, headers)
        self.held = {}

    def _why_nothing(self) -> str:
        """Why a crawl got no answer for any page: the first URL that failed or was skipped."""
        reasons = [f"{url}: {why}" for url, why in (*self.report.failed, *self.report.skipped)]
        if not reasons:
            return "no page was crawled: the sitemaps list none"
        more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
        return f"no page was crawled: {reasons[0]}{more}"

    def _remove_pages_not_found(self) -> None:
        """Pages stored by earlier crawls that this one did not meet: gone from the sitemap and the links;
        so are the files adopted (``Mirror.adopt``) that no page of this crawl was stored at."""
        stored = [url for url in self.mirror.pages if self.plan.in_scope(url) and url not in self.found]
        stored += self._adopted_in_scope()
        if not self.done:
            self.incomplete.append("no page was fetched")
        if self.incomplete and stored:
            why = "; ".join(dict.fromkeys(self.incomplete))
            self.report.notes.append(
                f"kept {len(stored)} stored pages this crawl did not meet, since it did not see the whole site ({why})"
            )
            self._remove_marked()
            return
        what = " or ".join(
            w for w, used in (("in the sitemap", self.plan.sitemaps), ("linked", self.plan.starts)) if used
        )
        for url in sorted(stored):
            earlier = " (a file of an earlier crawl whose manifest was lost)" if url in self.mirror.adopted else ""
            self.removals[url] = (f"no longer {what}{earlier}", Removal.UNLISTED)
        self._remove_marked()
        for table in (self.mirror.redirects, self.mirror.not_html, self.mirror.noindex):
            for url in [u for u in table if self.plan.in_scope(u) and u not in self.found]:
                del table[url]

    def _remove_marked(self) -> None:
        """Remove the pages marked for removal, all of them or (past the guard) none."""
        known = sum(1 for url in self.mirror.pages if self.plan.in_scope(url)) + len(self._adopted_in_scope())
        looks_like = "a sitemap cut short, or a site answering 404 for a while, looks like this"
        check_removals(len(self.removals), known, self.plan.allow_removals, looks_like)
        for url, (why, removal) in self.removals.items():
            self.mirror.remove(url)
            if removal in (Removal.GONE, Removal.UNLISTED):
                self.mirror.gone[url] = None
            self.report.removed.append((url, why))
            self.report.removed_for[removal] += 1
        self.removals = {}

    def _adopted_in_scope(self) -> list[str]:
        """The files adopted in the folders of the crawl's hosts, under its prefixes (a file read back as the
        URL it stands for: ``host/nyheter/index.html`` is ``http://host/nyheter/``)."""
        hosts = {host_folder(host): host for host in self.plan.allowed_hosts}
        found = []
        for path in self.mirror.adopted:
            folder, _, rest = path.partition("/")
            rest = url_path(rest)
            if folder in hosts and self.plan.in_scope(f"http://{hosts[folder]}/{rest}"):
                found.append(path)
        return found

    def _progress(self) -> None:
        if self.progress:
            self.progress(len(self.done), len(self.found))  # every URL done was found

    def _save(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.saved_at >= SAVE_EVERY:
            if not self.plan.urls:  # a crawl of some URLs is run again, and keeps a site crawl's state as it was
                self.mirror.run = self._state()
            self.mirror.save()
            self.saved_at = now

    def _state(self) -> dict:
        """Where this crawl is, for a run that resumes it."""
        held = {url for body, pages in self.held.values() for url, _, _ in pages}
        held.update(self.bodies[digest][0] for digest in self.held)  # written, but may be an outage
        return {
            "plan": self.plan.key,
            "started": self.started,
            "found": list(self.found),
            "done": [url for url in self.done if url not in held],  # a resumed run fetches them again
            "removals": self.removals,
        }


def _read_links(body: bytes, url: str) -> tuple[list[str], bool]:
    """The absolute URLs a page links to (not rel=nofollow), and whether it asks not to be indexed."""
    try:
        text = decode_page(body)
    except PageError:
        return [], False  # not readable as a page: stored as it is, and the indexer will name it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    meta = soup.find("meta", attrs={"name": lambda name: name and name.lower() == "robots"})
    directives = {d.strip().lower() for d in (meta.get("content", "") if meta else "").split(",")}
    if "nofollow" in directives or "none" in directives:
        links = []
    else:
        base_tag = soup.find("base", href=True)
        base = urljoin(url, base_tag["href"]) if base_tag else url
        links = [
            urljoin(base, a["href"].strip())
            for a in soup.find_all("a", href=True)
            if "nofollow" not in (a.get("rel") or [])
        ]
    return links, bool(directives & {"noindex", "none"})


def _title(body: bytes) -> str:
    """' ("Webbplatsen har underhåll")': a page's title, to name it in one line; "" if it has none."""
    try:
        text = decode_page(body)
    except PageError:
        return ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    tag = soup.find("title") or soup.find("h1")
    title = " ".join(tag.get_text(" ").split())[:80] if tag else ""
    return f' ("{title}")' if title else ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _when(started: str | None) -> str:
    """ "2026-11-28 01:10 UTC", or "" for a time that cannot be read."""
    try:
        return datetime.fromisoformat(started).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (TypeError, ValueError):
        return ""


def _recent(started: str | None) -> bool:
    """Whether a crawl started at ``started`` (ISO 8601) may still be resumed."""
    try:
        return datetime.now(UTC) - datetime.fromisoformat(started) <= RESUME_WITHIN
    except (TypeError, ValueError):
        return False  # a crawl state written before crawls were dated, or damaged
