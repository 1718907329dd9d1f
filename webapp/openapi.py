"""The JSON API's contract: an OpenAPI 3.1 description, served at ``/api/openapi.json``.

The description is built from the same constants that ``params.py`` validates with (limits, sorts, facet
names), so the contract and the code cannot disagree on a limit. Response shapes are closed
(``additionalProperties: false``): a key the API starts to send must be described here first, and the
Schemathesis run in ``tests/test_openapi.py`` (property-based requests generated from this description)
fails until it is. Errors have one shape everywhere: ``{"error": "…"}``, plus ``"parameter"`` when a query
parameter was wrong (the Swedish message says what was wrong in words, not by the parameter's name).
"""

from __future__ import annotations

from indexer.describe import SECTION_ID
from indexer.pending import MAX_URL_CHARS, MAX_URLS
from indexer.schema import FACET_FIELDS

from .params import (
    DEFAULT_PER_PAGE,
    MAX_FILTER_CHARS,
    MAX_FILTER_VALUES,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    MAX_REQUEST_LINE,
    MAX_SECTION_ID_CHARS,
    MAX_SUGGEST_CHARS,
)
from .partial import ASKED, COVERAGE_TERMS, WAYS
from .rerank import RELEVANCE_ORDER
from .section import MAX_SECTION_CHARS
from .sorts import DEFAULT_SORT, SORTS

STRING, INTEGER, NUMBER, BOOLEAN = ({"type": t} for t in ("string", "integer", "number", "boolean"))
DATE_TIME = {"type": "string", "format": "date-time"}
PAGE_DATE = {
    "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
    "description": "The page's own date (ISO, 2024-03-05), as the page states it; null if it states none.",
}
ALSO_AT = {
    "type": "array",
    "items": {"type": "string"},
    "description": "Where else the same content stands (the URLs of copies collapsed into this one).",
}
LANG = {
    "type": "string",
    "pattern": "^[a-z]{2,3}$",
    "description": "The language the section is written in (its page's or its own lang attribute): sv, or en for "
    "an English page. The HTML marks a hit or section in another language than Swedish with it.",
}
REGIONS = {
    "type": "array",
    "items": {"type": "string"},
    "minItems": 1,
    "description": "Every county (län) the section is about, the primary one (region) first.",
}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def closed(properties: dict, optional: tuple[str, ...] = ()) -> dict:
    """An object with exactly these keys (all required but the ``optional`` ones)."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


SCHEMAS = {
    "Error": closed(
        {
            "error": {**STRING, "description": "One line in Swedish that says what was wrong, as a visitor reads it."},
            "parameter": {**STRING, "description": "The query parameter that was wrong (page, q, …), for developers."},
        },
        optional=("parameter",),
    ),
    "FacetValue": closed(
        {
            "value": STRING,
            "count": {**INTEGER, "minimum": 0},
            "selected": BOOLEAN,
            "toggle_url": {**STRING, "description": "This search with the value selected, or unselected if it is."},
        }
    ),
    "Result": closed(
        {
            "id": STRING,
            "title": STRING,
            "url": STRING,
            "kind": STRING,
            "region": {**STRING, "description": "The county (län) as SCB names it, or Nationellt."},
            "regions": REGIONS,
            "also_at": ALSO_AT,
            "actor": STRING,
            "lang": LANG,
            "contact": nullable(STRING),
            "snippet": {**STRING, "description": "Escaped text; the only markup is <mark>."},
            "matched_fields": array({"enum": ["title", "text", "contact", "context", "trail"]}),
            "matched_terms": {
                **array(STRING),
                "description": "The query's words this section holds, as typed "
                '(a word, "a phrase", a ELLER b, or a multi-word synonym entry).',
            },
            "missing_terms": {
                **array(STRING),
                "description": "The query's words this section lacks: only in partial "
                "matches, shown when few sections hold every word (Saknas: …).",
            },
            "context_terms": {
                **array(STRING),
                "description": "The query's words this section holds only in what it stands under (its "
                "page's or group's heading), not in its own heading or text: only in partial matches "
                "(Bara i rubriken ovanför: …).",
            },
            "part_terms": {
                **array(closed({"word": STRING, "part": STRING})),
                "description": "The query's words this section lacks but holds a part of: a compound's last part "
                '("transporter" of "godstransporter") or the word without its prefix ("utbilda" of '
                '"vidareutbilda"): only in partial matches (Innehåller en del av ordet: …).',
            },
            "contact_highlighted": nullable(STRING),
            "coverage_terms": {
                **array(
                    closed(
                        {
                            "word": nullable(STRING),
                            "weight": {**NUMBER, "minimum": 0, "maximum": 1},
                            "held": {**NUMBER, "minimum": 0, "maximum": 1},
                            "as": {"enum": [*WAYS, ASKED]},
                        }
                    )
                ),
                "description": COVERAGE_TERMS,
            },
            "coverage": nullable(
                {
                    **NUMBER,
                    "minimum": 0,
                    "maximum": 1,
                    "description": "How much of the query the section holds: its words, each weighted by how rare it "
                    "is, as a share of all of them (1: every word; less: a partial match, which may hold a word only "
                    "as part of a name, at half its weight). Null when no words were "
                    f"searched. {RELEVANCE_ORDER}",
                }
            ),
            "score": nullable(
                {
                    **NUMBER,
                    "description": "The relevance score: how well the section matches the words it holds (BM25F "
                    "over its fields, with the words' nearness, its page and a heading asked like the query; less "
                    "for a section that holds a word only in its page's heading). It orders sections of the same "
                    "coverage only. Null when the order is not by relevance or nothing was searched.",
                }
            ),
            "published": PAGE_DATE,
            "updated": PAGE_DATE,
            "first_indexed": DATE_TIME,
            "changed": DATE_TIME,
            "mark": nullable({"enum": ["ny", "ändrad"]}),
        }
    ),
    "SearchResponse": closed(
        {
            "query": STRING,
            "total": {**INTEGER, "minimum": 0},
            "page": {**INTEGER, "minimum": 1, "maximum": MAX_PAGE},
            "per_page": {**INTEGER, "minimum": 1, "maximum": MAX_PER_PAGE},
            "pages": {**INTEGER, "minimum": 1},
            "sort": {"enum": list(SORTS)},
            "filters": {
                "type": "object",
                "propertyNames": {"enum": list(FACET_FIELDS)},
                "additionalProperties": array(STRING),
            },
            "results": array(ref("Result")),
            "facets": closed({name: array(ref("FacetValue")) for name in FACET_FIELDS}),
            "suggestion": nullable(
                {**STRING, "description": "Menade du …? The query with its typos corrected to words the site writes."}
            ),
            "notice": nullable(
                {
                    **STRING,
                    "description": "Why the query was cut, timed out or found nothing, "
                    "that partial matches are shown, or that the page asked for is past the last one.",
                }
            ),
            "used": ref("Used"),
        }
    ),
    "Used": closed(
        {
            "partial": {**BOOLEAN, "description": "Sections holding only some of the words were shown."},
            "complete": {
                **INTEGER,
                "minimum": 0,
                "description": "How many sections hold every word itself (not only by a synonym) outside their trail.",
            },
            "typo": {**BOOLEAN, "description": "A typo correction was searched."},
            "synonyms": array(closed({"word": STRING, "also": array(STRING)})),
            "regions": {
                **array(closed({"word": STRING, "regions": array(STRING)})),
                "description": "Place names in the query that also found the sections tagged with their län.",
            },
            "municipalities": {
                **array(closed({"word": STRING, "municipalities": array(STRING)})),
                "description": "Kommun names in the query that also found the sections the kommun publishes "
                "(its own site, or an organisation that is the kommun: Västerås stad).",
            },
            "places": {
                **array(STRING),
                "description": "The words of the query that name a place (a län, an area, a kommun, a tätort), as "
                "typed: spelled right, so a search that finds nothing gives no spelling tip for them, and names "
                "those the site holds in no form (the notice).",
            },
            "nowhere": {
                **array(STRING),
                "description": "When the search finds nothing: the words and phrases of the query that find no "
                "section in any form, as typed (a spelling tip is given unless every one is a place); else empty.",
            },
            "english": {
                **array(closed({"word": STRING, "as": array(STRING)})),
                "description": "Words of English in the query (the synonyms' english table), each searched as the "
                "Swedish words the site holds (the notice says so: Webbplatsen är på svenska …).",
            },
            "optional": {**array(STRING), "description": "Question words and filler left out of the query."},
            "searchable": {
                **BOOLEAN,
                "description": "The query held something to search for (false: only stop words that no heading "
                "holds in that order, or no word at all; the notice says so). A query of only stop words is searched "
                "in the headings.",
            },
            "unfiltered": {
                **INTEGER,
                "minimum": 0,
                "description": "How many sections the query finds without the chosen filters (when it finds none "
                "with them, the notice says how many are elsewhere).",
            },
            "unquoted": {
                **nullable(STRING),
                "description": "When a query with a phrase or a word in quotes finds nothing and its words without "
                "the quotes find something: that query (the notice says how many sections hold the words); else null.",
            },
        }
    ),
    "Similar": closed({"id": STRING, "title": STRING, "kind": STRING, "region": STRING}),
    "Section": closed(
        {
            "id": STRING,
            "title": STRING,
            "url": STRING,
            "kind": STRING,
            "region": STRING,
            "regions": REGIONS,
            "also_at": ALSO_AT,
            "actor": STRING,
            "lang": LANG,
            "organisation": nullable(STRING),
            "contact": nullable(STRING),
            "paragraphs": array(STRING),
            "truncated": {
                **BOOLEAN,
                "description": f"The section is longer than a page shows "
                f"({MAX_SECTION_CHARS:,} characters): its paragraphs are its beginning; the rest is at its url.",
            },
            "published": PAGE_DATE,
            "updated": PAGE_DATE,
            "first_indexed": DATE_TIME,
            "changed": DATE_TIME,
            "mark": nullable({"enum": ["ny", "ändrad"]}),
            "similar": array(ref("Similar")),
        }
    ),
    "Suggestions": closed({"query": STRING, "suggestions": array(STRING)}),
    "Health": closed({"status": {"const": "ok"}}),
    "Ready": closed(
        {
            "status": {"const": "ready"},
            "generation": {**STRING, "description": "The generation folder this worker searches."},
            "sections": {**INTEGER, "description": "How many sections that generation holds."},
        }
    ),
    "ReindexRequest": closed(
        {
            "urls": {
                **array({**STRING, "format": "uri", "maxLength": MAX_URL_CHARS}),
                "minItems": 1,
                "maxItems": MAX_URLS,
                "description": "The pages published or unpublished: only they are fetched (on the recorded crawl's "
                "hosts and paths, allowed by its robots.txt) and indexed; one that is gone (404, 410) leaves the "
                "search.",
            }
        }
    ),
    "ReindexPending": closed(
        {
            "full": {**BOOLEAN, "description": "A whole re-crawl (or update) is asked for: it absorbs the URLs."},
            "urls": array(STRING),
            "calls": {**INTEGER, "description": "How many calls asked for it since the last run took what waited."},
            "since": {**NUMBER, "description": "When the first of them came (Unix time)."},
        }
    ),
    "ReindexAnswer": closed(
        {
            "state": {
                "enum": ["started", "pending"],
                "description": "started: a runner was started for it; pending: the run going on takes it next.",
            },
            "command": {
                "enum": ["crawl", "update"],
                "description": "What runs: a crawl (then an update), or an update.",
            },
            "urls": {**array(STRING), "description": "The URLs this call named; empty for the whole corpus."},
            "status_url": STRING,
            "pending": ref("ReindexPending"),
            "note": STRING,
        },
        optional=("pending", "note"),
    ),
    "ReindexStatus": {
        "type": "object",
        "properties": {
            "state": {"enum": ["none", "queued", "running", "done", "failed", "interrupted"]},
            "pending": {
                **nullable(ref("ReindexPending")),
                "description": "What waits for the next run; null if nothing.",
            },
        },
        "required": ["state", "pending"],
        "description": "The last run's state, with its command, when it started and finished and its summary.",
    },
}


def error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref("Error")}}}


def ok(schema: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


def query_parameter(name: str, schema: dict, description: str) -> dict:
    """An optional query parameter; given empty (``?page=``, as HTML forms send it) it takes its default."""
    return {
        "name": name,
        "in": "query",
        "required": False,
        "allowEmptyValue": True,
        "description": description,
        "schema": schema,
    }


def repeated_parameter(name: str, items: dict, max_items: int, description: str) -> dict:
    """A parameter given once per value (``region=a&region=b``)."""
    schema = {**array(items), "maxItems": max_items}
    return {**query_parameter(name, schema, description), "style": "form", "explode": True}


SEARCH_PARAMETERS = [
    query_parameter(
        "q",
        {**STRING, "maxLength": MAX_QUERY_CHARS},
        "The query; empty lists every section. Words are required (partial matches when few sections "
        'hold every word); "a phrase", "exact", -word, ELLER.',
    ),
    *(
        repeated_parameter(
            name,
            {**STRING, "maxLength": MAX_FILTER_CHARS},
            MAX_FILTER_VALUES,
            f"Facet filter on {name}; repeat it to OR values, facets are AND-ed.",
        )
        for name in FACET_FIELDS
    ),
    query_parameter("page", {**INTEGER, "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Page number."),
    query_parameter(
        "per_page", {**INTEGER, "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE}, "Results per page."
    ),
    query_parameter("sort", {"enum": list(SORTS), "default": DEFAULT_SORT}, f"Order of the results. {RELEVANCE_ORDER}"),
]

TOKEN_HEADER = {
    "name": "X-Reindex-Token",
    "in": "header",
    "required": False,
    "schema": STRING,
    "description": "The webhook token (or send it as Authorization: Bearer …).",
}
BAD_REQUEST = error("A parameter is out of range or malformed.")
NO_INDEX = error("There is no usable index: none is built yet, or it is damaged.")
WEBHOOK_OFF = error("The webhook is off (no REINDEX_TOKEN configured).")
WRONG_TOKEN = error("The token is wrong or missing.")
TOO_MANY_WRONG = error("Too many wrong tokens in the last minute: try again after Retry-After seconds.")
#: The one answer not in the error shape: the server refuses a request line it will not read before the app sees
#: its path. A query within its maxLength always fits; more filter values than any page offers may not.
URI_TOO_LONG = {
    "description": f"The request line is longer than {MAX_REQUEST_LINE} bytes: the server's own short Swedish page.",
    "content": {"text/html": {"schema": STRING}},
}

PATHS = {
    "/api/search": {
        "get": {
            "summary": "Search: ranked results with snippets, facet counts and a spelling suggestion",
            "parameters": SEARCH_PARAMETERS,
            "responses": {"200": ok("SearchResponse"), "400": BAD_REQUEST, "414": URI_TOO_LONG, "503": NO_INDEX},
        }
    },
    "/api/sections/{section_id}": {
        "get": {
            "summary": "One section in full, the query's words marked, with similar sections",
            "parameters": [
                {
                    "name": "section_id",
                    "in": "path",
                    "required": True,
                    "schema": {**STRING, "maxLength": MAX_SECTION_ID_CHARS, "pattern": f"^{SECTION_ID.pattern}$"},
                },
                query_parameter("q", STRING, "Words to mark in the text."),
            ],
            "responses": {
                "200": ok("Section"),
                "400": error("Not a valid section id."),
                "404": error("No such section."),
                "414": URI_TOO_LONG,
                "503": NO_INDEX,
            },
        }
    },
    "/api/suggest": {
        "get": {
            "summary": "Completions of the last word typed, from the words the site writes",
            "parameters": [query_parameter("q", {**STRING, "maxLength": MAX_SUGGEST_CHARS}, "What has been typed.")],
            "responses": {"200": ok("Suggestions"), "400": BAD_REQUEST, "414": URI_TOO_LONG, "503": NO_INDEX},
        }
    },
    "/api/healthz": {
        "get": {
            "summary": "Liveness: the cheapest answer the service gives; it does not touch the index",
            "responses": {"200": ok("Health")},
        }
    },
    "/api/readyz": {
        "get": {
            "summary": "Readiness: the worker that answers opens a searcher on the current index",
            "responses": {"200": ok("Ready"), "503": NO_INDEX},
        }
    },
    "/api/reindex": {
        "post": {
            "summary": "Bring the index up to date with the pages named, or the whole site (the CMS webhook)",
            "parameters": [TOKEN_HEADER],
            "requestBody": {
                "required": False,
                "description": "The pages that changed; no body: the whole corpus (a re-crawl, or an update).",
                "content": {"application/json": {"schema": ref("ReindexRequest")}},
            },
            "responses": {
                "202": ok("ReindexAnswer", "Started, or taken by the run that follows the one going on."),
                "400": error("The body is not JSON."),
                "401": WRONG_TOKEN,
                "404": WEBHOOK_OFF,
                "413": error("The body is larger than any list of URLs allowed."),
                "422": error("A URL the crawl would not fetch, or a body that is not a list of URLs."),
                "429": TOO_MANY_WRONG,
                "503": error("The recorded crawl's settings cannot be read."),
            },
        }
    },
    "/api/reindex/status": {
        "get": {
            "summary": "The state of the last run, and what waits for the next",
            "parameters": [TOKEN_HEADER],
            "responses": {"200": ok("ReindexStatus"), "401": WRONG_TOKEN, "404": WEBHOOK_OFF, "429": TOO_MANY_WRONG},
        }
    },
    "/api/openapi.json": {
        "get": {
            "summary": "This description",
            "responses": {
                "200": {
                    "description": "The OpenAPI description",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


def description(site_name: str) -> dict:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{site_name} – sök",
            "version": "1",
            "description": (
                'Swedish full-text search. Every error is {"error": "…"} with a 4xx or 503 status, plus'
                ' "parameter" naming the query parameter that was wrong, if one was; but the server\'s own 414'
                f" for a request line past {MAX_REQUEST_LINE} bytes is an HTML page."
            ),
        },
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
