"""Server-built URLs: facet toggles, removed filters, pagination, sorting, the
feed, section pages, suggestions, words required as typed.

Templates and views hold no URL logic: every link a page shows is built here
from the current request's validated parameters (``add_page_links`` gives the
search page all of its own), and the JSON API's facet values get their
``toggle_url`` here too.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from flask import url_for

from indexer.sites import bare_host

from .params import DEFAULT_PER_PAGE, MAX_PAGE, SearchRequest
from .partial import PAGE, WAYS
from .sorts import DEFAULT_SORT, SORTS
from .syntax import TYPED_WORD, exact

FEED_PATH = "/feed"

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
    return search_url(req, path=FEED_PATH, sort=DEFAULT_SORT)


def toggle_url(req: SearchRequest, name: str, value: str, path: str = "/") -> str:
    """Select ``value`` in facet ``name``, or unselect it if it is selected (in any case: ``facets.as_indexed``)."""
    current = req.filters.get(name, ())
    kept = tuple(v for v in current if v.casefold() != value.casefold())
    values = kept if len(kept) < len(current) else (*current, value)
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


def section_url(section_id: str, q: str = "") -> str:
    """A section's page; with the search ``q`` that led there, whose words it marks."""
    return url_for("views.section_page", section_id=section_id, **({"q": q} if q else {}))


def source_site(url: str) -> str | None:
    """The site a section's address is on, as a link names it ("kungsbacka.se"); None for a
    page known only by its corpus path."""
    parts = urlsplit(url)
    return bare_host(parts.netloc) if parts.scheme in ("http", "https") and parts.netloc else None


def source_url(url: str) -> str | None:
    """A section's address as a link to its source page: an absolute http(s) URL, else None. A page known only by
    its corpus path ("projekt/a.html#mal") has no address, and a relative link to it would open a page of this
    site that does not exist."""
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def source_links(urls: list[str]) -> list[dict]:
    """The other places a section stands, each ``{"text", "url"}``: the address without its anchor as the text,
    and the link only where it is an address (``source_url``)."""
    return [{"text": url.split("#", 1)[0], "url": source_url(url)} for url in urls]


def search_page_url(q: str = "") -> str:
    """The search page for ``q`` alone (the way back from a section page)."""
    return url_for("views.search_page", **({"q": q} if q else {}))


def exact_url(req: SearchRequest, words: str, searched: str | None = None) -> str | None:
    """The search with ``words`` required as typed; None if that changes nothing. A word the search
    corrected ("bredband" for "bredbnad") is required in the query as ``searched``, the corrected one."""
    q = exact(req.q, words)
    if q == req.q and searched:
        q = exact(searched, words)
    return search_url(req, q=q) if q != req.q else None


def as_typed_url(req: SearchRequest, corrected: str) -> str:
    """The search for what was typed, no word corrected ("Sök i stället efter …"): each word the
    ``corrected`` query changed in quotes, which searches a word as typed (a word typed without
    å, ä, ö still finds the word with them)."""
    q = req.q
    for typed, searched in zip(TYPED_WORD.findall(req.q), TYPED_WORD.findall(corrected), strict=False):
        if typed != searched:
            q = exact(q, typed)
    return search_url(req, q=q)


def with_zero(req: SearchRequest, name: str, counted: list[dict], value: str) -> dict:
    """Facet ``name``'s ``value`` as counted, or with a zero count if the search found none of it."""
    for found in counted:
        if found["value"] == value:
            return found
    return {"value": value, "count": 0, "selected": False, "toggle_url": toggle_url(req, name, value)}


def add_page_links(result: dict, req: SearchRequest, labels: dict[str, str]) -> None:
    """Give the search page's copy of a result every link the page shows; ``labels`` name the facets."""
    add_toggle_urls(result["facets"], req)
    result["selected_filters"] = [
        {"name": name, "label": labels[name], "value": value, "remove_url": toggle_url(req, name, value)}
        for name, values in req.filters.items()
        for value in values
    ]
    result["clear_filters_url"] = clear_filters_url(req)
    result["pagination"] = pagination(req, result["pages"])
    result["first_page_url"] = page_url(req, 1)  # the way back from a page past the last
    result["sorts"] = [
        {
            "name": sort.name,
            "label": sort.label,
            "url": search_url(req, sort=sort.name),
            "current": sort.name == req.sort,
        }
        for sort in SORTS.values()
    ]
    result["feed_url"] = feed_url(req)
    for hit in result["results"]:
        hit["page_url"] = section_url(hit["id"], req.q)
        hit["also_at_links"] = source_links(hit["also_at"])
        hit["missing"] = [
            {"word": word, "require_url": exact_url(req, word, result["suggestion"])} for word in hit["missing_terms"]
        ]
        hit["on_page"] = [held["word"] for held in hit["coverage_terms"] if held["as"] == WAYS[PAGE]]
    if result["suggestion"]:
        result["suggestion_url"] = search_url(req, q=result["suggestion"])
        result["as_typed_url"] = as_typed_url(req, result["suggestion"])
