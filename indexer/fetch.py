"""Polite HTTP for the crawler: one request at a time, named, paced, bounded.

Every request the crawler makes goes through one ``Fetcher``:

* it names the service in its ``User-Agent``;
* it waits ``delay`` seconds between the starts of two requests (one a second
  by default), longer if robots.txt asks for a ``Crawl-delay`` or the server
  answers 429 or 503 (its ``Retry-After``, else twice the pause, up to a minute);
* it gives up after ``timeout`` seconds for the whole response, body included
  (a server that trickles bytes cannot hold the crawl);
* it reads at most ``max_bytes`` of a body: a larger ``Content-Length`` is
  refused before reading, a body without one is cut off at the cap;
* it never follows a redirect itself: the crawler decides, hop by hop, whether
  the target is on the site and allowed by robots.txt.

robots.txt is read per host with ``protego`` and treated as RFC 9309 says: up
to five redirects are followed, a missing file (4xx) allows everything, a server
error (5xx) forbids everything, and a host that cannot be reached at all is an
error of the whole crawl.

HTTP is ``requests`` (``ultimate-sitemap-parser`` depends on it already, so the
crawler brings in one HTTP stack, not two).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from .build import MAX_PAGE_BYTES

USER_AGENT = "UtvecklaSvenskaStaderSok/0.1 (site search crawler)"
ROBOTS_NAME = "UtvecklaSvenskaStaderSok"  # the name robots.txt rules address
DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 10.0
MAX_DELAY = 60.0  # the longest pause a Retry-After or a slow-down makes
MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK_BYTES = 64 * 1024


class FetchError(Exception):
    """A URL that could not be fetched: no connection, a timeout, a broken response."""


class TooLarge(FetchError):
    """A response larger than the cap; its body was not kept."""


@dataclass(frozen=True)
class Politeness:
    user_agent: str = USER_AGENT
    delay: float = DEFAULT_DELAY  # seconds between the starts of two requests
    timeout: float = DEFAULT_TIMEOUT  # seconds for one whole response
    max_bytes: int = MAX_PAGE_BYTES  # per page


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names
    body: bytes | None  # None unless the status is 200 and the body was wanted

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES

    @property
    def status_line(self) -> str:
        return f"{self.status} {self.reason}".strip()


@dataclass
class Fetcher:
    politeness: Politeness = field(default_factory=Politeness)
    extra_delay: float = 0.0  # what robots.txt (Crawl-delay) or the server (429, 503) asks for
    requests_made: int = 0
    _last_start: float = float("-inf")
    _session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self):
        self._session.headers["User-Agent"] = self.politeness.user_agent

    def get(
        self, url: str, headers: dict[str, str] | None = None, html_only: bool = False, max_bytes: int | None = None
    ) -> Response:
        """One GET, no redirects followed. The body is read for a 200 (only if HTML when ``html_only``)."""
        self._wait()
        limit = max_bytes or self.politeness.max_bytes
        deadline = time.monotonic() + self.politeness.timeout
        try:
            with self._session.get(
                url, headers=headers or {}, stream=True, allow_redirects=False, timeout=self.politeness.timeout
            ) as reply:
                response = Response(
                    reply.url,
                    reply.status_code,
                    reply.reason or "",
                    {k.lower(): v for k, v in reply.headers.items()},
                    None,
                )
                if reply.status_code != 200 or (html_only and not response.is_html):
                    return response
                return Response(**{**response.__dict__, "body": _read(reply, limit, deadline)})
        except requests.Timeout:
            raise FetchError(f"no answer within {self.politeness.timeout:g} s") from None
        except requests.RequestException as error:
            raise FetchError(_reason(error)) from None

    def _wait(self) -> None:
        pause = self._last_start + max(self.politeness.delay, self.extra_delay) - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self._last_start = time.monotonic()
        self.requests_made += 1

    def slow_down(self, retry_after: str | None = None) -> None:
        """The server answered 429 or 503: wait what it asks (in seconds), else twice as long, up to a minute."""
        current = max(self.politeness.delay, self.extra_delay)
        asked = float(retry_after) if retry_after and retry_after.strip().isdigit() else 2 * max(current, 0.5)
        self.extra_delay = min(max(current, asked), MAX_DELAY)

    def close(self) -> None:
        self._session.close()


def _read(reply: requests.Response, limit: int, deadline: float) -> bytes:
    declared = reply.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"larger than the cap of {_size(limit)} ({_size(int(declared))})")
    chunks, size = [], 0
    for chunk in reply.iter_content(CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"larger than the cap of {_size(limit)}")
        if time.monotonic() > deadline:
            raise requests.Timeout()
        chunks.append(chunk)
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{n // 1024} kB"


def _reason(error: requests.RequestException) -> str:
    """The cause in a few words ("Connection refused"), not urllib3's chain of wrappers."""
    text = str(error)
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if found:
        return found.group(1).strip()
    if isinstance(error, requests.ConnectionError):
        return "the connection failed"
    return text.splitlines()[0][:200] if text else type(error).__name__


# -- robots.txt -------------------------------------------------------------------


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be read


@dataclass
class Robots:
    """robots.txt of every host met, read once per crawl through ``get(url, max_bytes)``."""

    fetcher: Fetcher
    get: Callable[[str, int], Response]
    rules: dict[str, Protego] = field(default_factory=dict)  # origin -> rules
    unreachable: dict[str, str] = field(default_factory=dict)  # origin -> its robots.txt's 5xx answer

    def allowed(self, url: str) -> bool:
        return self.for_origin(origin(url)).can_fetch(url, ROBOTS_NAME)

    def unreadable(self, url: str) -> str | None:
        """The 5xx answer of the robots.txt that disallows everything on ``url``'s host for now; None if it was read."""
        return self.unreachable.get(origin(url))

    def for_origin(self, site: str) -> Protego:
        """The rules of one origin; FetchError if the host cannot be reached."""
        if site not in self.rules:
            url = f"{site}/robots.txt"
            for _ in range(MAX_REDIRECTS):  # RFC 9309: follow at least five redirects
                response = self.get(url, ROBOTS_MAX_BYTES)
                if response.status not in REDIRECTS or not response.headers.get("location"):
                    break
                url = urljoin(url, response.headers["location"])
            if response.status == 200:
                text = (response.body or b"").decode("utf-8", errors="replace")
            elif response.status >= 500:
                text = "User-agent: *\nDisallow: /\n"  # RFC 9309: unreachable, assume complete disallow
                self.unreachable[site] = response.status_line
            else:
                text = ""  # RFC 9309: unavailable (4xx, too many redirects), assume everything allowed
            rules = self.rules[site] = Protego.parse(text)
            delay = rules.crawl_delay(ROBOTS_NAME)
            if delay:
                self.fetcher.extra_delay = max(self.fetcher.extra_delay, float(delay))
        return self.rules[site]
