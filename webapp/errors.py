"""One error shape for every failure: ``{"error": message}`` in the API, the
same message on an HTML page, and as one line of plain text from the feed (a
feed reader shows text; an HTML page would be a broken feed), with the right
status code. Nothing a visitor sends produces a 500 or a traceback.

A request a visitor got wrong (``params.BadRequest``) is told in Swedish words;
the API adds the parameter's name for developers (``{"error": …, "parameter":
"page"}``). Every HTML error page keeps the search form, with the query as
typed (cut to its limit), so the visitor can fix it or search again.

An index that cannot be used is a 503 with a generic Swedish line: a visitor
cannot build it, so the command that repairs it goes to the server log, in
the line that names the problem. A missing index and a damaged one are told
apart (a generation deleted by hand, or a file damaged, whether met when the
index opens or by a search that reads a file damaged since:
``index.read_damage``).
"""

from __future__ import annotations

from flask import Flask, current_app, jsonify, make_response, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.cli import how_to_build
from indexer.store import IndexMissing, IndexUnreadable, IndexUnsafe

from .index import read_damage
from .links import FEED_PATH
from .params import BadRequest, typed_again
from .suggest import MIN_LETTERS

MESSAGES = {
    400: "Felaktig begäran.",
    404: "Sidan finns inte.",
    405: "Den metoden stöds inte här.",
    414: "Adressen är för lång. Korta sökfrågan eller välj färre filter.",
    503: "Sökningen är inte tillgänglig just nu. Försök igen om en stund.",
    "unsafe": "Sökindexet kan inte användas just nu. Försök igen senare.",
    "damaged": "Sökindexet är skadat och kan inte läsas just nu. Försök igen om en stund.",
    500: "Något gick fel hos oss. Försök igen om en stund.",
}

#: What the operator does about each problem, in the log line (``{build}``: the build command for this index).
REPAIRS = {
    503: "build it: {build}",
    "unsafe": "only the serving user may own and write the index's files",
    "damaged": "rebuild it: {build}",
}


def error_response(message: str, status: int, parameter: str | None = None):
    """The error as a response in the format of the route it answers: JSON (naming the ``parameter`` that was
    wrong, if one was), plain text for the feed, or an HTML page with the search form."""
    if request.path.startswith("/api/"):
        return make_response(jsonify(error=message, **({"parameter": parameter} if parameter else {})), status)
    if request.path == FEED_PATH:
        return make_response(message + "\n", status, {"Content-Type": "text/plain; charset=utf-8"})
    page = render_template(
        "error.html",
        message=message,
        status=status,
        query=typed_again(request.args),
        invalid_query=parameter == "q",
        suggest_min_letters=MIN_LETTERS,
    )
    return make_response(page, status)


def init_app(app: Flask) -> None:
    @app.errorhandler(BadRequest)
    def bad_request(error):
        return error_response(str(error), 400, error.parameter)

    @app.errorhandler(IndexMissing)
    def index_missing(error):
        problem = _index_problem(error)
        repair = REPAIRS[problem].format(build=how_to_build(current_app.config["INDEX_DIR"]))
        app.logger.error("search index not usable: %s (%s)", error, repair)
        return error_response(MESSAGES[problem], 503)

    @app.errorhandler(HTTPException)
    def http_error(error):
        message = MESSAGES.get(error.code) or MESSAGES[400]
        response = error_response(message, error.code or 500)
        # Keep what the protocol asks of the error (a 405's Allow), not its HTML body's type.
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

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
