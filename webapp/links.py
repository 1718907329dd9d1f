"""Server-built URLs for the search page: facet toggles, pagination, sorting.

Templates hold no URL logic: every link they show is built here from the
current request's validated parameters.
"""

from __future__ import annotations

from urllib.parse import urlencode

from .params import DEFAULT_PER_PAGE, DEFAULT_SORT, SearchRequest


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
