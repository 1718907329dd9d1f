"""The HTML search page: parse arguments, call ``search``, render."""

from flask import Blueprint, render_template, request

from . import links
from .index import get_view
from .params import parse_search_args
from .search import search

bp = Blueprint("views", __name__)

FACET_LABELS = {"region": "Län", "kind": "Typ av innehåll", "actor": "Aktör"}
SORT_LABELS = {"relevans": "relevans", "titel": "titel A–Ö", "andrad": "senast ändrad"}
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


@bp.get("/")
def search_page():
    search_request = parse_search_args(request.args)
    view = get_view()
    result = search(view.searcher, search_request, view.docsets, view.baseline)
    return render_template("search.html", result=with_links(result, search_request),
                           facet_labels=FACET_LABELS)


def with_links(result: dict, req) -> dict:
    """Add the server-built URLs the page shows to the search result."""
    for name, values in result["facets"].items():
        for value in values:
            value["toggle_url"] = links.toggle_url(req, name, value["value"])
    result["selected_filters"] = [
        {"name": name, "label": FACET_LABELS[name], "value": value,
         "remove_url": links.toggle_url(req, name, value)}
        for name, values in req.filters.items() for value in values
    ]
    result["clear_filters_url"] = links.clear_filters_url(req)
    result["pagination"] = [
        {"page": n, "url": links.page_url(req, n), "current": n == req.page}
        for n in range(1, result["pages"] + 1)
    ]
    result["sorts"] = [
        {"name": name, "label": label, "url": links.search_url(req, sort=name), "current": name == req.sort}
        for name, label in SORT_LABELS.items()
    ]
    result["feed_url"] = links.search_url(req, path="/feed", sort="relevans")
    for hit in result["results"]:
        hit["changed_label"] = swedish_date(hit["changed"])
    if result["suggestion"]:
        result["suggestion_url"] = links.search_url(req, q=result["suggestion"])
        result["suggestion_words"] = changed_words(req.q, result["suggestion"])
    return result


def swedish_date(iso: str) -> str:
    """"2026-11-26T16:34:58+00:00" -> "26 november 2026"."""
    year, month, day = (int(part) for part in iso[:10].split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def changed_words(typed: str, suggested: str) -> list[dict]:
    """The suggestion word by word, marking the words that differ from what was typed."""
    before = typed.split()
    return [
        {"word": word, "changed": i >= len(before) or before[i] != word}
        for i, word in enumerate(suggested.split())
    ]
