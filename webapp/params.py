"""Request arguments -> a validated search request, or one clear error.

Every parameter is checked here and nowhere else: the HTML page and the JSON
API share this code, so they accept exactly the same requests. Messages are
Swedish and shown to visitors, so they say what was wrong in words ("Sidnumret
…"), never by a parameter's name; the error carries that name for developers
(the JSON error's ``parameter``). Every message is in ``MESSAGES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import INVISIBLE_CHARACTERS, normalize
from indexer.describe import MAX_SECTION_ID_CHARS as MAX_SECTION_ID_CHARS  # one rule for ids: the indexer's
from indexer.describe import is_section_id
from indexer.schema import FACET_FIELDS

from .facets import FACET_LABELS
from .sorts import DEFAULT_SORT, SORTS

MAX_QUERY_CHARS = 500
MAX_SUGGEST_CHARS = 100
MAX_PAGE = 1000
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_FILTER_VALUES = 30
MAX_FILTER_CHARS = 100
#: The longest request line the server reads (gunicorn's ``limit_request_line``; 8,190 is the most gunicorn allows).
#: A query of ``MAX_QUERY_CHARS`` characters of any kind fits, with its path: 6,000 bytes at most, 12 a character
#: (four of UTF-8, an emoji, each percent-encoded: "%F0%9F%8F%A0"). So a query too long in characters meets this
#: module's 400 in Swedish, JSON under /api/; gunicorn's own 414 (at its default limit, 4,094 bytes, 400 emoji met
#: it) is left for request lines past every limit here.
MAX_REQUEST_LINE = 8190
INTEGER = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also take "١٢" and " 12"

#: What a visitor reads about a request that cannot be answered as asked.
MESSAGES = {
    "query_too_long": "Sökfrågan är för lång: högst {limit} tecken.",
    "filter_too_long": "Ett filterval för {facet} är för långt: högst {limit} tecken.",
    "too_many_filters": "Högst {limit} filterval för {facet}.",
    "not_an_integer": "{said} måste vara ett heltal mellan {low} och {high}, inte {value!r}.",
    "out_of_range": "{said} måste vara mellan {low} och {high}.",
    "not_a_choice": "{said} kan vara {choices}.",
    "section_id": "Ogiltigt avsnitts-id.",
}
#: How a message names a parameter (a filter is named by its facet's label, in lower case).
SAID = {"page": "Sidnumret", "per_page": "Antalet träffar per sida", "sort": "Sorteringen"}


class BadRequest(ValueError):
    """A request that cannot be answered as asked: the message says why, in Swedish words; ``parameter``
    names the parameter that was wrong, for developers (None: the path was)."""

    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.parameter = parameter


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    sort: str = DEFAULT_SORT
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)


def section_id(value: str) -> str:
    """A section id from a URL: page path + heading anchor, nothing else (no "..", no "//");
    the indexer's own rule, so every id it makes is accepted."""
    if not is_section_id(value):
        raise BadRequest(MESSAGES["section_id"])
    return value


def parse_search_args(args) -> SearchRequest:
    """Read a Werkzeug MultiDict (or any mapping with getlist) into a request."""
    too_long = MESSAGES["query_too_long"].format(limit=MAX_QUERY_CHARS)
    typed = _text(args.get("q", ""), "q", MAX_QUERY_CHARS, too_long, keep=INVISIBLE_CHARACTERS)
    return SearchRequest(
        q=query_text(typed),
        page=_integer(args.get("page"), "page", 1, 1, MAX_PAGE),
        per_page=_integer(args.get("per_page"), "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
        sort=_choice(args.get("sort"), "sort", SORTS, DEFAULT_SORT),
        filters={name: _filter_values(args.getlist(name), name) for name in FACET_FIELDS},
    )


def query_text(typed: str) -> str:
    """The query as the index reads text (``normalize``: "ﬁnansiering" is "finansiering", a soft
    hyphen is dropped), its white space collapsed, so the search, the query shown again, its
    links, "Menade du …?" and the query log all see the same words. A query of only invisible
    characters stays as typed: a query without words (a notice), not the empty query that
    lists every section. NFKC can lengthen text ("ﷺ" is 18 letters): the limit holds after it."""
    return " ".join(normalize(typed)[:MAX_QUERY_CHARS].split()) or typed.strip()


def suggest_query(value: str) -> str:
    """The letters typed so far, for ``/api/suggest``: at most ``MAX_SUGGEST_CHARS``."""
    if len(value) > MAX_SUGGEST_CHARS:
        raise BadRequest(MESSAGES["query_too_long"].format(limit=MAX_SUGGEST_CHARS), "q")
    return value


def typed_again(args) -> str:
    """The query of a request that was refused, as its page's search form shows it again for the visitor
    to fix: cut to the limit, then read as the search reads a query."""
    return query_text(_shown(args.get("q", "")[:MAX_QUERY_CHARS], keep=INVISIBLE_CHARACTERS))


def _text(value: str, name: str, limit: int, too_long: str, keep: str = "") -> str:
    """``value``, at most ``limit`` characters long (else the message ``too_long``), as ``_shown``."""
    if len(value) > limit:
        raise BadRequest(too_long, name)
    return _shown(value, keep)


def _shown(value: str, keep: str) -> str:
    """``value`` without control and format characters (a bidi override would turn the text
    around where it is shown again), but those in ``keep``."""
    return "".join(ch for ch in value if ch.isprintable() or ch.isspace() or ch in keep)


def _integer(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    if not INTEGER.fullmatch(value):
        raise BadRequest(MESSAGES["not_an_integer"].format(said=SAID[name], low=low, high=high, value=value[:20]), name)
    number = int(value)  # "-1" is an integer, out of range
    if not low <= number <= high:
        raise BadRequest(MESSAGES["out_of_range"].format(said=SAID[name], low=low, high=high), name)
    return number


def _choice(value: str | None, name: str, choices: dict, default: str) -> str:
    if value is None or value == "":
        return default
    if value not in choices:
        *first, last = choices
        either = f"{', '.join(first)} eller {last}"
        raise BadRequest(MESSAGES["not_a_choice"].format(said=SAID[name], choices=either), name)
    return value


def _filter_values(values: list[str], name: str) -> tuple[str, ...]:
    facet = FACET_LABELS[name].lower()
    if len(values) > MAX_FILTER_VALUES:
        raise BadRequest(MESSAGES["too_many_filters"].format(limit=MAX_FILTER_VALUES, facet=facet), name)
    too_long = MESSAGES["filter_too_long"].format(facet=facet, limit=MAX_FILTER_CHARS)
    cleaned = [_text(v, name, MAX_FILTER_CHARS, too_long).strip() for v in values]
    return tuple(dict.fromkeys(v for v in cleaned if v))
