"""Server-built URLs for the search page: facet toggles, pagination, sorting.

Templates hold no URL logic: every link they show is built here from the
current request's validated parameters.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .params import DEFAULT_PER_PAGE, MAX_PAGE, SearchRequest
from .sorts import DEFAULT_SORT

PAGE_WINDOW = 2  # page links on each side of the current page


def search_url(req: SearchRequest, path: str = "/", **changes) -> str:
    """The URL of the search ``req`` with some parameters changed."""
    q = changes.get("q", req.q)
    filters = changes.get("filters", req.filters)
    page = changes.get("page", 1)
    sort = changes.get("sort", req.sort)
    pairs = [("q", q)] if q else []
    pairs += [(name, value) for name, values in filters.items() for value in values]
    if sort != DEFAULT_SORT:
        pairs.append(("sort", sort))
    if req.per_page != DEFAULT_PER_PAGE:
        pairs.append(("per_page", str(req.per_page)))
    if page != 1:
        pairs.append(("page", str(page)))
    return path + ("?" + urlencode(pairs) if pairs else "")


def feed_url(req: SearchRequest) -> str:
    """The Atom feed of the search ``req`` (the feed sorts by date itself)."""
    return search_url(req, path="/feed", sort=DEFAULT_SORT)


def toggle_url(req: SearchRequest, name: str, value: str, path: str = "/") -> str:
    """Select ``value`` in facet ``name``, or unselect it if it is selected."""
    current = req.filters.get(name, ())
    values = tuple(v for v in current if v != value) if value in current else (*current, value)
    return search_url(req, path, filters={**req.filters, name: values})


def add_toggle_urls(facets: dict[str, list[dict]], req: SearchRequest, path: str = "/") -> None:
    """Give every facet value the URL that toggles it (Datasette's ``toggle_url``), on the page or the API."""
    for name, values in facets.items():
        for value in values:
            value["toggle_url"] = toggle_url(req, name, value["value"], path)


def clear_filters_url(req: SearchRequest) -> str:
    return search_url(req, filters={})


def page_url(req: SearchRequest, page: int) -> str:
    return search_url(req, page=page)


def pagination(req: SearchRequest, pages: int) -> list[dict]:
    """Links to the first and last page and to ``PAGE_WINDOW`` pages around the current one,
    with ``{"gap": True}`` where pages are left out; never a page past ``MAX_PAGE``."""
    last = min(pages, MAX_PAGE)
    around = range(max(1, req.page - PAGE_WINDOW), min(last, req.page + PAGE_WINDOW) + 1)
    items, previous = [], 0
    for n in sorted({1, last, *around}):
        if n > previous + 1:
            items.append({"gap": True})
        items.append({"page": n, "url": page_url(req, n), "current": n == req.page})
        previous = n
    return items
