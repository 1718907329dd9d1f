"""One search function: a validated request -> the result dict.

Both the HTML page and the JSON API render this dict, so they cannot drift.
The steps:

1. parse the query text (``query.py``) and compile it against the index;
2. the full match set, a bitmap combined from cached posting lists
   (``matchset.py``), feeds the total and the facet counts (``facets.py``);
3. the facet selection narrows it; the ranking finds only the best k
   (``budget.py``); only the page shown is loaded and given snippets.

Degenerate queries are decided here: an empty query lists every section; a
query of only stop words or only punctuation finds nothing and says why.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

from whoosh import query as wq

from . import budget, facets
from .budget import Collected
from .matchset import EMPTY, match_set
from .params import SearchRequest
from .query import MAX_CLAUSES, Compiled, compile_query, parse
from .snippets import highlight, hit_spans, snippet, snippet_source

#: Sort name -> (field, newest first).
SORT_FIELDS = {"relevans": (None, False), "titel": ("title_key", False), "andrad": ("changed", True)}

#: How long a section is marked "Ny" or "Ändrad".
RECENT_SECONDS = 30 * 24 * 3600

NOTICE_ONLY_STOP_WORDS = (
    "Sökningen innehöll bara vanliga småord ({words}), som inte går att söka på. "
    "Prova ett mer specifikt ord."
)
NOTICE_NO_WORDS = "Sökningen innehöll inga ord att söka på. Skriv ett eller flera ord."
NOTICE_TOO_MANY_WORDS = "Sökningen hade för många ord. Bara de {n} första användes."
NOTICE_TOO_MANY_PREFIXES = "Sökningen hade för många ord med *. De sista söktes inte på alla sätt."
NOTICE_OUT_OF_TIME = "Sökningen tog för lång tid och avbröts. Resultaten kan vara ofullständiga."
DEFAULT_TIME_LIMIT = 2.0
RERANK_DEPTH = 50  # the best hits by word scores that proximity may reorder


def search(searcher, request: SearchRequest, postings: facets.Postings, baseline: float | None = None,
           time_limit: float = DEFAULT_TIME_LIMIT) -> dict:
    """Run one search within ``time_limit`` seconds. ``baseline`` is when the index was
    first built: sections first indexed after it, or changed since, are marked
    "ny" or "ändrad"."""
    deadline = time.monotonic() + time_limit
    parsed = parse(request.q)
    compiled = compile_query(parsed, searcher, deadline)
    query, notice = _query_or_notice(not request.q.strip(), compiled)
    if parsed.truncated:
        notice = NOTICE_TOO_MANY_WORDS.format(n=MAX_CLAUSES)
    if compiled.cut:
        notice = NOTICE_TOO_MANY_PREFIXES
    allowed = facets.selection_filter(postings, request.filters)
    found = _run(searcher, query, compiled.near, request, postings, allowed, deadline)
    if found.late or compiled.late:
        notice = NOTICE_OUT_OF_TIME
    selected = found.matches if allowed is None else found.matches & allowed
    return {
        "query": request.q,
        "total": len(selected),
        "page": request.page,
        "per_page": request.per_page,
        "pages": max(1, -(-len(selected) // request.per_page)),
        "sort": request.sort,
        "filters": {name: list(values) for name, values in request.filters.items() if values},
        "results": [_result(searcher, docnum, score, compiled, baseline) for docnum, score in found.top],
        "facets": {
            name: [vars(value) for value in values]
            for name, values in facets.count(postings, found.matches, request.filters).items()
        },
        "suggestion": suggestion(request.q, compiled.corrections),
        "notice": notice,
    }


def _run(searcher, query, near, request: SearchRequest, postings: facets.Postings, allowed,
         deadline: float) -> Collected:
    """The matches (for the facets) and the page of hits (the best k only)."""
    end = request.page * request.per_page
    if query is None:
        return Collected(EMPTY, [], False)
    matches, late = match_set(searcher, query, postings.terms, deadline)
    candidates = matches if allowed is None else matches & allowed
    sort_field, newest_first = SORT_FIELDS[request.sort]
    if late:
        top = []
    elif sort_field is not None:
        top = budget.in_field_order(postings, searcher, candidates, sort_field, newest_first, end)
    elif isinstance(query, wq.Every):  # listing everything: in index order, no matcher
        top = [(docnum, None) for docnum in candidates[:end]]
    else:
        limit = max(end, RERANK_DEPTH) if near is not None else end
        top, ranked_late = budget.top(searcher, query, deadline, limit, postings.terms, candidates, allowed)
        late = late or ranked_late
        top = budget.rerank(searcher, top, near) if near is not None else top
    return Collected(matches, top[end - request.per_page:end], late)


def suggestion(q: str, corrections: dict[str, str]) -> str | None:
    """The query with each unknown word replaced by the closest known one."""
    if not corrections:
        return None
    return re.sub(r"[\w-]+", lambda m: corrections.get(m.group(), m.group()), q)


def _query_or_notice(blank: bool, compiled: Compiled) -> tuple[wq.Query | None, str | None]:
    if blank:
        return wq.Every(), None
    if compiled.query is not None:
        return compiled.query, None
    if compiled.dropped:
        words = ", ".join(f"”{word}”" for word in compiled.dropped[:5])
        return None, NOTICE_ONLY_STOP_WORDS.format(words=words)
    return None, NOTICE_NO_WORDS


def _result(searcher, docnum: int, score: float | None, compiled: Compiled, baseline: float | None) -> dict:
    """One hit of the page: its stored fields, a snippet, which fields matched."""
    hit = searcher.stored_fields(docnum)
    text, contact = snippet_source(hit["text"]), hit.get("contact") or ""
    spans = hit_spans(text, compiled.highlight, compiled.prefixes)
    contact_spans = hit_spans(contact, compiled.highlight, compiled.prefixes)
    title_spans = hit_spans(hit["title"], compiled.highlight, compiled.prefixes)
    matched = [name for name, found in (("title", title_spans), ("text", spans), ("contact", contact_spans)) if found]
    return {
        "id": hit["id"],
        "title": hit["title"],
        "url": hit["url"],
        "kind": hit["kind"],
        "region": hit["region"],
        "regions": regions_of(hit),
        "actor": hit["actor"],
        "contact": contact or None,
        "snippet": snippet(text, spans),
        "matched_fields": matched,
        "contact_highlighted": highlight(contact, contact_spans) if contact_spans else None,
        "score": round(score, 4) if score is not None else None,
        "published": hit.get("published") or None,
        "updated": hit.get("updated") or None,
        "first_indexed": _iso(hit["first_indexed"]),
        "changed": _iso(hit["changed"]),
        "mark": recency_mark(hit["first_indexed"], hit["changed"], baseline),
    }


def regions_of(fields: dict) -> list[str]:
    """Every län a stored section is about, the primary first."""
    return [name for name in (fields.get("regions") or "").split(",") if name] or [fields["region"]]


def recency_mark(first_indexed: float, changed: float, baseline: float | None, now: float | None = None):
    """"ny" for a section added after the first build, "ändrad" for one changed since; recently."""
    now = time.time() if now is None else now
    if baseline is not None and first_indexed > baseline and now - first_indexed < RECENT_SECONDS:
        return "ny"
    if changed > first_indexed and now - changed < RECENT_SECONDS:
        return "ändrad"
    return None


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")


SIMILAR = 5
#: What one section page shows (and reads for its similar sections): a section of
#: megabytes would otherwise take seconds to mark up and render. The rest is on its source page.
MAX_SECTION_CHARS = 50_000


def section(searcher, section_id: str, q: str = "", baseline: float | None = None) -> dict | None:
    """One section in full, the words of ``q`` marked, with its most similar sections; None if unknown."""
    docnum = searcher.document_number(id=section_id)
    if docnum is None:
        return None
    fields = searcher.stored_fields(docnum)
    compiled = compile_query(parse(q), searcher)
    shown = _beginning(fields["text"], MAX_SECTION_CHARS)
    text = highlight(shown, hit_spans(shown, compiled.highlight, compiled.prefixes))
    similar = searcher.more_like(docnum, "text", text=shown, top=SIMILAR)
    return {
        "id": fields["id"],
        "title": fields["title"],
        "url": fields["url"],
        "kind": fields["kind"],
        "region": fields["region"],
        "regions": regions_of(fields),
        "actor": fields["actor"],
        "organisation": fields.get("organisation") or None,
        "contact": fields.get("contact") or None,
        "paragraphs": text.split("\n"),
        "truncated": len(shown) < len(fields["text"]),
        "published": fields.get("published") or None,
        "updated": fields.get("updated") or None,
        "first_indexed": _iso(fields["first_indexed"]),
        "changed": _iso(fields["changed"]),
        "mark": recency_mark(fields["first_indexed"], fields["changed"], baseline),
        "similar": [{"id": hit["id"], "title": hit["title"], "kind": hit["kind"], "region": hit["region"]}
                    for hit in similar],
    }


def _beginning(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending at a line break or space if one is near."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
    return text[:cut if cut > limit // 2 else limit]
