"""One section in full: a validated section id -> the section page's dict.

Both the HTML section page and the JSON API render this dict. The words of
the search that led here (and their synonyms) are marked in the text, as in
a hit's snippet (``snippets.py``); the most similar sections are Whoosh's
``more_like`` over the text shown. A section of megabytes shows its
beginning only (``MAX_SECTION_CHARS``): marking up and rendering all of it
would take seconds, and the rest is on its source page.
"""

from __future__ import annotations

from .query import compile_query
from .search import Features
from .snippets import highlight, hit_spans
from .stored import about, sources_and_dates
from .syntax import parse

SIMILAR = 5
#: What one section page shows (and reads for its similar sections).
MAX_SECTION_CHARS = 50_000


def section(
    searcher, section_id: str, q: str = "", baseline: float | None = None, features: Features = Features()
) -> dict | None:
    """One section in full, the words of ``q`` (and their synonyms) marked, with its most
    similar sections; None if unknown."""
    docnum = searcher.document_number(id=section_id)
    if docnum is None:
        return None
    fields = searcher.stored_fields(docnum)
    compiled = compile_query(parse(q), searcher, features.synonyms, optional_words=features.partial)
    shown = _beginning(fields["text"], MAX_SECTION_CHARS)
    text = highlight(shown, hit_spans(shown, compiled.highlight, compiled.prefixes))
    similar = searcher.more_like(docnum, "text", text=shown, top=SIMILAR)
    return {
        **about(fields),
        "organisation": fields.get("organisation") or None,
        "contact": fields.get("contact") or None,
        "paragraphs": text.split("\n"),
        "truncated": len(shown) < len(fields["text"]),
        **sources_and_dates(fields, baseline),
        "similar": [
            {"id": hit["id"], "title": hit["title"], "kind": hit["kind"], "region": hit["region"]} for hit in similar
        ],
    }


def _beginning(text: str, limit: int) -> str:
    """At most ``limit`` characters of ``text``, ending at a line break or space if one is near."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind("\n", 0, limit), text.rfind(" ", 0, limit))
    return text[: cut if cut > limit // 2 else limit]
