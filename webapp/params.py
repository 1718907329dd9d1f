"""Request arguments -> a validated search request, or one clear error.

Every parameter is checked here and nowhere else: the HTML page and the JSON
API share this code, so they accept exactly the same requests. Messages are
Swedish: they are shown to visitors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.analysis import INVISIBLE_CHARACTERS, normalize
from indexer.describe import MAX_SECTION_ID_CHARS as MAX_SECTION_ID_CHARS  # one rule for ids: the indexer's
from indexer.describe import is_section_id
from indexer.schema import FACET_FIELDS

from .sorts import DEFAULT_SORT, SORTS

MAX_QUERY_CHARS = 500
MAX_SUGGEST_CHARS = 100
MAX_PAGE = 1000
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_FILTER_VALUES = 30
MAX_FILTER_CHARS = 100
INTEGER = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also take "١٢" and " 12"


class BadRequest(ValueError):
    """A request that cannot be answered as asked; the message says why."""


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
        raise BadRequest("Ogiltigt avsnitts-id.")
    return value


def parse_search_args(args) -> SearchRequest:
    """Read a Werkzeug MultiDict (or any mapping with getlist) into a request."""
    typed = _text(args.get("q", ""), "q", MAX_QUERY_CHARS, "Sökfrågan", keep=INVISIBLE_CHARACTERS)
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


def _text(value: str, name: str, limit: int, label: str, keep: str = "") -> str:
    """``value`` without control and format characters (a bidi override would turn the text
    around where it is shown again), but those in ``keep``."""
    if len(value) > limit:
        raise BadRequest(f"{label} är för lång: högst {limit} tecken ({name}).")
    return "".join(ch for ch in value if ch.isprintable() or ch.isspace() or ch in keep)


def _integer(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    if not INTEGER.fullmatch(value):
        raise BadRequest(f"Parametern {name} måste vara ett heltal mellan {low} och {high}, inte {value[:20]!r}.")
    number = int(value)  # "-1" is an integer, out of range
    if not low <= number <= high:
        raise BadRequest(f"Parametern {name} måste vara mellan {low} och {high}.")
    return number


def _choice(value: str | None, name: str, choices: dict, default: str) -> str:
    if value is None or value == "":
        return default
    if value not in choices:
        raise BadRequest(f"Parametern {name} kan vara {', '.join(choices)}.")
    return value


def _filter_values(values: list[str], name: str) -> tuple[str, ...]:
    if len(values) > MAX_FILTER_VALUES:
        raise BadRequest(f"Högst {MAX_FILTER_VALUES} värden för {name}.")
    cleaned = [_text(v, name, MAX_FILTER_CHARS, f"Filtervärdet för {name}").strip() for v in values]
    return tuple(dict.fromkeys(v for v in cleaned if v))
