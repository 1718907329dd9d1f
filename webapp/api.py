"""The JSON API: the search page's data, as JSON."""

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from . import links, params
from .index import get_snapshot
from .openapi import description
from .params import MAX_QUERY_CHARS, parse_search_args, suggest_query
from .section import section
from .suggest import completions

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def api_search():
    search_request = parse_search_args(request.args)
    result = get_snapshot().search(search_request, current_app.config["SEARCH_TIME_LIMIT"])
    links.add_toggle_urls(result["facets"], search_request, url_for("api.api_search"))
    return jsonify(result)


@bp.get("/suggest")
def api_suggest():
    q = suggest_query(request.args.get("q", ""))
    return jsonify(query=q, suggestions=completions(get_snapshot().searcher.reader(), q))


@bp.get("/sections/<path:section_id>")
def api_section(section_id: str):
    snapshot = get_snapshot()
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    found = section(snapshot.searcher, params.section_id(section_id), q, snapshot.baseline, snapshot.features)
    if found is None:
        abort(404)
    return jsonify(found)


@bp.get("/openapi.json")
def api_description():
    """The API's contract (OpenAPI 3.1), built from the same limits the parameters are checked with."""
    return jsonify(description(current_app.config["SITE_NAME"]))


@bp.get("/healthz", endpoint="healthz")
def healthz():
    """The cheapest answer the app can give: a liveness check, and the floor in benchmarks."""
    return jsonify(status="ok")


@bp.get("/readyz", endpoint="readyz")
def readyz():
    """Readiness for a load balancer: the answering worker's searcher on the current generation, opened as a
    search opens it; a missing or damaged index is the searches' own 503."""
    snapshot = get_snapshot()
    return jsonify(status="ready", generation=snapshot.generation.name, sections=snapshot.searcher.doc_count())
