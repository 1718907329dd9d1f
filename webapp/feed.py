"""``GET /feed``: a search as an Atom feed, newest changes first.

Takes the search page's parameters (``q``, ``region``, ``kind``, ``actor``),
so a planner can follow new and changed projects in their län in any feed
reader. Built from the same search function as the page and the API. A fetch
is logged as a feed poll, apart from visitors' searches (``querylog.py``).

Entry summaries are ``type="html"``: the snippet's HTML source, escaped once
more into the XML, so a feed reader that decodes the XML gets exactly the safe
snippet (escaped text and ``<mark>``), never live markup.

Always well-formed XML: characters XML 1.0 forbids (control characters a page
may hold as ``&#1;``, U+FFFE) are dropped from everything the feed shows. Its
own addresses are ``PUBLIC_URL`` and the validated search parameters, never
the request's ``Host`` header or its raw query string.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

from flask import Blueprint, current_app, render_template, request
from werkzeug.datastructures import MultiDict

from indexer.schema import FACET_FIELDS
from indexer.store import published

from . import links
from .index import get_snapshot
from .params import parse_search_args
from .sorts import NEWEST

bp = Blueprint("feed", __name__)

FEED_ENTRIES = 20
#: What the feed takes; the search page's paging and sorting are not the feed's (it is the newest 20), so a
#: ``page=0`` copied from a page's address is ignored, not a 400 a feed reader cannot show.
FEED_PARAMETERS = ("q", *FACET_FIELDS)


@bp.get(links.FEED_PATH)
def feed():
    asked = parse_search_args(MultiDict([(k, v) for k, v in request.args.items(multi=True) if k in FEED_PARAMETERS]))
    search_request = replace(asked, sort=NEWEST, page=1, per_page=FEED_ENTRIES)
    snapshot = get_snapshot()
    result = snapshot.search(search_request, current_app.config["SEARCH_TIME_LIMIT"], feed=True)
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    for hit in result["results"]:
        hit["summary_html"] = str(hit["snippet"])  # HTML source: the template escapes it into the XML
        # an entry's id and link are absolute: the source page's address, else (none known) the section's page here
        hit["link"] = links.source_url(hit["url"]) or base + links.section_url(hit["id"])
    body = render_template(
        "feed.xml",
        result=xml_safe(result),
        updated=result["results"][0]["changed"] if result["results"] else generation_time(snapshot.generation),
        self_url=base + links.feed_url(asked),
        page_url=base + links.search_url(asked),
    )
    return body, 200, {"Content-Type": "application/atom+xml; charset=utf-8"}


def generation_time(generation) -> str:
    """When the generation was published, as Atom dates it: a feed that selects nothing changed no later."""
    return datetime.fromtimestamp(published(generation), UTC).isoformat(timespec="seconds")


#: What XML 1.0 does not allow in a document, not even as a character reference.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value):
    """``value`` (a result dict, its lists and strings) without the characters XML forbids."""
    if isinstance(value, str):
        return type(value)(_NOT_XML.sub("", value)) if _NOT_XML.search(value) else value
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [xml_safe(item) for item in value]
    return value
