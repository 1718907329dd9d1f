"""Conditional GET for what the search computes: the feed and the JSON API.

A feed reader polls the same URL every few minutes, and an API client may ask again what it asked before. Each
answer of these routes carries an ``ETag`` and ``Cache-Control: no-cache`` (a cache may keep it, but asks again
every time); a client that sends the tag back in ``If-None-Match`` gets ``304 Not Modified`` and no body until the
answer changes.

The tag is a hash of the answer itself (Werkzeug's ``add_etag``), so it changes exactly when the answer does: a
new index generation, an edited synonyms file, and also what no version number would say, a section's "ny" mark
running out after 30 days. For the same reason there is no ``Last-Modified``: the generation's date would not
change when the synonyms or the marks do, and a client that sent only ``If-Modified-Since`` would keep a stale
answer. The search still runs (from the result cache, usually) and a feed poll answered 304 is still counted in
the query log: what is saved is the transfer, which is what a feed reader's poll costs.
"""

from __future__ import annotations

from flask import Flask, request

#: The routes whose answers are validated: the Atom feed and the JSON API's searches and sections.
VALIDATED = ("feed.feed", "api.api_search", "api.api_section", "api.api_suggest")


def init_app(app: Flask) -> None:
    @app.after_request
    def validate(response):
        if request.endpoint in VALIDATED and request.method in ("GET", "HEAD") and response.status_code == 200:
            response.add_etag()
            response.headers["Cache-Control"] = "no-cache"
            response.make_conditional(request)
        return response
