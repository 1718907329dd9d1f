"""A sitemap (or a sitemap index, at any depth) -> the page URLs it lists.

Parsing is ``ultimate-sitemap-parser`` (usp): XML sitemaps and indexes, gzip,
plain-text, RSS and Atom sitemaps, the common errors real sites make, and XML
entities refused. usp fetches on its own, with its own client, pace and retries
(five, a second apart); here it fetches through ``_WebClient``, which hands
every request to the crawler: the same User-Agent, pace, timeout, robots.txt
and redirect rules as pages, and no retries (a failure is reported, not slept
on). Sub-sitemaps off the crawled site are not fetched.

usp never raises: a sitemap it could not fetch or read becomes an
``InvalidSitemap`` in the tree. ``list_pages`` reports each one, because a page
may only be removed for "leaving the sitemap" when every sitemap was read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus

from usp.fetch_parse import SitemapFetcher
from usp.objects.sitemap import InvalidSitemap
from usp.web_client.abstract_client import (
    AbstractWebClient,
    AbstractWebClientSuccessResponse,
    WebClientErrorResponse,
)

from .fetch import FetchError, Response

#: The sitemap protocol's limit for one file.
SITEMAP_MAX_BYTES = 50 * 2**20

# usp logs every failure as a warning; ours are reported in the crawl's summary.
logging.getLogger("usp").addHandler(logging.NullHandler())
logging.getLogger("usp").propagate = False


@dataclass
class Listing:
    urls: list[str] = field(default_factory=list)  # in sitemap order, each once
    problems: list[tuple[str, str]] = field(default_factory=list)  # (sitemap URL, why it was not read)

    @property
    def complete(self) -> bool:
        return not self.problems


def list_pages(url: str, get: Callable[[str], Response], on_site: Callable[[str], bool]) -> Listing:
    """Every page URL a sitemap lists. ``get(url)`` fetches through the crawler (FetchError on failure)."""
    client = _WebClient(get)
    tree = SitemapFetcher(
        url=url, recursion_level=0, web_client=client, recurse_callback=lambda sub, level, parents: on_site(sub)
    ).sitemap()
    listing = Listing(urls=list(dict.fromkeys(page.url for page in tree.all_pages())))
    for sitemap in (tree, *tree.all_sitemaps()):
        if isinstance(sitemap, InvalidSitemap):
            listing.problems.append((sitemap.url, client.errors.get(sitemap.url, sitemap.reason)))
    return listing


class _WebClient(AbstractWebClient):
    """usp's web client, fetching through the crawler."""

    def __init__(self, get: Callable[[str], Response]):
        self.get_through_crawler = get
        self.errors: dict[str, str] = {}

    def set_max_response_data_length(self, max_response_data_length: int | None) -> None:
        pass  # the crawler caps sitemaps at SITEMAP_MAX_BYTES

    def get(self, url: str):
        try:
            response = self.get_through_crawler(url)
        except FetchError as error:
            return self._error(url, str(error))
        if response.status != 200:
            return self._error(url, response.status_line)
        return _Success(response)

    def _error(self, url: str, message: str) -> WebClientErrorResponse:
        self.errors[url] = message
        return WebClientErrorResponse(message, retryable=False)


class _Success(AbstractWebClientSuccessResponse):
    def __init__(self, response: Response):
        self.response = response

    def status_code(self) -> int:
        return self.response.status

    def status_message(self) -> str:
        return self.response.reason or HTTPStatus(self.response.status).phrase

    def header(self, case_insensitive_name: str) -> str | None:
        return self.response.headers.get(case_insensitive_name.lower())

    def raw_data(self) -> bytes:
        return self.response.body or b""

    def url(self) -> str:
        return self.response.url
