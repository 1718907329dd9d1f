"""One error shape for every failure: ``{"error": message}`` in the API, the
same message on an HTML page, with the right status code. Nothing a visitor
sends produces a 500 or a traceback; a missing index is a 503 that says what
to do, and a damaged one a 503 that says it is damaged, whether the damage is
met when the index opens or by a search that reads a file damaged since
(``index.read_damage``), logged in one line.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.store import IndexMissing, IndexUnreadable, IndexUnsafe

from .index import read_damage
from .params import BadRequest

MESSAGES = {
    404: "Sidan finns inte.",
    405: "Den metoden stöds inte här.",
    503: "Sökindexet finns inte ännu. Bygg det med: python -m indexer build",
    "unsafe": "Sökindexet kan inte användas just nu. Försök igen senare.",
    "damaged": "Sökindexet är skadat och kan inte läsas. Bygg om det med: python -m indexer build",
    500: "Något gick fel hos oss. Försök igen om en stund.",
}


def error_response(message: str, status: int):
    if request.path.startswith("/api/"):
        return jsonify(error=message), status
    return render_template("error.html", message=message, status=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(error):
        return error_response(str(error), 400)

    @app.errorhandler(IndexMissing)
    def index_missing(error):
        app.logger.error("search index not usable: %s", error)
        return error_response(MESSAGES[_index_problem(error)], 503)

    @app.errorhandler(HTTPException)
    def http_error(error):
        message = MESSAGES.get(error.code) or "Felaktig begäran."
        body, status = error_response(message, error.code or 500)
        # Keep what the protocol asks of the error (a 405's Allow), not its HTML body's type.
        headers = [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]
        return body, status, headers

    @app.errorhandler(Exception)
    def unexpected(error):
        if damaged := read_damage(error):
            return index_missing(damaged)
        app.logger.exception("unexpected error")
        return error_response(MESSAGES[500], 500)


def _index_problem(error: IndexMissing) -> str | int:
    """The key of the message for an index that cannot be used: not safe to open, damaged, or not built."""
    if isinstance(error, IndexUnsafe):
        return "unsafe"
    return "damaged" if isinstance(error, IndexUnreadable) else 503
