"""The JSON API: the search page's data, as JSON."""

from flask import Blueprint, jsonify, request

from .index import get_view
from .params import parse_search_args
from .search import search

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def api_search():
    search_request = parse_search_args(request.args)
    view = get_view()
    return jsonify(search(view.searcher, search_request, view.docsets, view.baseline))
