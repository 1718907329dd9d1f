"""The HTML search page: parse arguments, call ``search``, render."""

from flask import Blueprint, abort, current_app, render_template, request, url_for

from indexer.gazetteer import NATIONAL

from . import dates, facets, links, params, querylog, topics
from .index import get_view
from .params import MAX_QUERY_CHARS, parse_search_args
from .query import exact
from .search import section
from .sorts import DEFAULT_SORT, SORTS
from .swedenmap import VIEWBOX, county_shapes, map_counties

bp = Blueprint("views", __name__)

FACET_LABELS = {"region": "Län", "kind": "Typ av innehåll", "actor": "Aktör"}


@bp.get("/")
def search_page():
    search_request = parse_search_args(request.args)
    view = get_view()
    result = view.search(search_request, current_app.config["SEARCH_TIME_LIMIT"])
    offers = no_hits_help(search_request, view.postings) if result["total"] == 0 else None
    return render_template(
        "search.html",
        result=with_links(result, search_request),
        no_hits=offers,
        facet_labels=FACET_LABELS,
        map_viewbox=VIEWBOX,
    )


def with_links(result: dict, req) -> dict:
    """Add the server-built URLs the page shows to the search result."""
    links.add_toggle_urls(result["facets"], req)
    result["selected_filters"] = [
        {"name": name, "label": FACET_LABELS[name], "value": value, "remove_url": links.toggle_url(req, name, value)}
        for name, values in req.filters.items()
        for value in values
    ]
    result["clear_filters_url"] = links.clear_filters_url(req)
    result["show_filters"] = any(result["facets"].values())  # never a panel of empty boxes
    result["default_sort"] = DEFAULT_SORT
    regions = {value["value"]: value for value in result["facets"]["region"]}  # with their toggle URLs

    def region(name: str) -> dict:
        return regions.get(name) or {
            "value": name,
            "count": 0,
            "selected": False,
            "toggle_url": links.toggle_url(req, "region", name),
        }

    result["map"] = map_counties([region(name) for name in county_shapes()])
    result["national"] = region(NATIONAL)
    result["pagination"] = links.pagination(req, result["pages"])
    result["sorts"] = [
        {
            "name": sort.name,
            "label": sort.label,
            "url": links.search_url(req, sort=sort.name),
            "current": sort.name == req.sort,
        }
        for sort in SORTS.values()
    ]
    result["feed_url"] = links.feed_url(req)
    for hit in result["results"]:
        hit["dates"], hit["badge"] = dates.content_dates(hit), dates.mark(hit)
        hit["page_url"] = section_url(hit["id"], req.q)
        hit["missing"] = [{"word": word, "require_url": _exact_url(req, word)} for word in hit["missing_terms"]]
    result["synonym_notes"] = [
        {"word": used["word"], "also": swedish_list(used["also"]), "exact_url": _exact_url(req, used["word"])}
        for used in result["used"]["synonyms"]
    ]
    if result["suggestion"]:
        result["suggestion_url"] = links.search_url(req, q=result["suggestion"])
        result["suggestion_words"] = changed_words(req.q, result["suggestion"])
    return result


def no_hits_help(req, postings: facets.Postings) -> dict:
    """What a page that found nothing offers: the editors' common topics, every kind of
    content with its size (from the index), and everything."""
    every_kind = facets.count(postings, postings.all, {})["kind"]
    return {
        "topics": [
            {"text": topic, "url": links.search_url(req, q=topic, filters={})}
            for topic in topics.common_topics(current_app.config["CORPUS_DIR"])
        ],
        "kinds": [
            {
                "value": kind.value,
                "count": kind.count,
                "url": links.search_url(req, q="", filters={"kind": (kind.value,)}),
            }
            for kind in every_kind
        ],
        "everything_url": links.search_url(req, q="", filters={}),
        "everything_count": len(postings.all),
    }


@bp.get("/avsnitt/<path:section_id>")
def section_page(section_id: str):
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    view = get_view()
    found = section(view.searcher, params.section_id(section_id), q, view.baseline, view.features)
    if found is None:
        abort(404)
    querylog.record_open(q, found["id"])
    found["dates"], found["badge"] = dates.content_dates(found), dates.mark(found)
    for similar in found["similar"]:
        similar["page_url"] = section_url(similar["id"])
    back_url = url_for(".search_page", **({"q": q} if q else {}))
    return render_template("section.html", section=found, q=q, back_url=back_url)


@bp.get("/tillganglighet")
def accessibility_statement():
    return render_template("accessibility.html")


def section_url(section_id: str, q: str = "") -> str:
    return url_for("views.section_page", section_id=section_id, **({"q": q} if q else {}))


def _exact_url(req, words: str) -> str | None:
    """The search with ``words`` required as typed; None if that changes nothing."""
    q = exact(req.q, words)
    return links.search_url(req, q=q) if q != req.q else None


def swedish_list(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b och c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " och " + words[-1]


def changed_words(typed: str, suggested: str) -> list[dict]:
    """The suggestion word by word, marking the words that differ from what was typed."""
    before = typed.split()
    return [
        {"word": word, "changed": i >= len(before) or before[i] != word} for i, word in enumerate(suggested.split())
    ]
