"""``GET /feed``: a search as an Atom feed, newest changes first.

Takes the search page's parameters (``q``, ``region``, ``kind``, ``actor``),
so a planner can follow new and changed projects in their län in any feed
reader. Built from the same search function as the page and the API.

Entry summaries are ``type="html"``: the snippet's HTML source, escaped once
more into the XML, so a feed reader that decodes the XML gets exactly the safe
snippet (escaped text and ``<mark>``), never live markup.
"""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, current_app, render_template, request

from . import links
from .index import get_view
from .params import parse_search_args

bp = Blueprint("feed", __name__)

FEED_ENTRIES = 20


@bp.get("/feed")
def feed():
    search_request = replace(parse_search_args(request.args), sort="andrad", page=1, per_page=FEED_ENTRIES)
    view = get_view()
    result = view.search(search_request, current_app.config["SEARCH_TIME_LIMIT"])
    for hit in result["results"]:
        hit["summary_html"] = str(hit["snippet"])  # HTML source: the template escapes it into the XML
    body = render_template("feed.xml", result=result, self_url=request.url,
                           page_url=request.host_url.rstrip("/") + links.search_url(search_request))
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}
