"""What every answer says about a stored section: what and where it is, and when.

A hit in a result list (``search.py``) and a section page (``section.py``)
show the same fields of a stored section in the same order; they are built
here, once. Two clocks are kept apart (``dates.py`` says what each means):
the content's own dates (``published``, ``updated``: what the page says, or
None) and the index history (``first_indexed``, ``changed``), which decides
the "ny"/"ändrad" mark.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from indexer.parse import DEFAULT_LANGUAGE

#: How long a section is marked "Ny" or "Ändrad".
RECENT_SECONDS = 30 * 24 * 3600


def about(fields: dict) -> dict:
    """What a stored section is and where: its id, title, address, kind, län and actor, and the language
    it is written in (an index built before languages were stored: Swedish)."""
    return {
        "id": fields["id"],
        "title": fields["title"],
        "url": fields["url"],
        "kind": fields["kind"],
        "region": fields["region"],
        "regions": regions_of(fields),
        "actor": fields["actor"],
        "lang": fields.get("lang") or DEFAULT_LANGUAGE,
    }


def sources_and_dates(fields: dict, baseline: float | None) -> dict:
    """Where else a stored section stands, its own dates, its index history and its mark."""
    return {
        # a copy whose canonical link names the section's own page has its URL: never "also at" itself
        "also_at": [url for url in fields.get("also_at") or () if url != fields["url"]],
        "published": fields.get("published") or None,
        "updated": fields.get("updated") or None,
        "first_indexed": _iso(fields["first_indexed"]),
        "changed": _iso(fields["changed"]),
        "mark": recency_mark(fields["first_indexed"], fields["changed"], baseline),
    }


def regions_of(fields: dict) -> list[str]:
    """Every län a stored section is about, the primary first."""
    return [name for name in (fields.get("regions") or "").split(",") if name] or [fields["region"]]


def recency_mark(first_indexed: float, changed: float, baseline: float | None, now: float | None = None):
    """ "ny" for a section added after the first build, "ändrad" for one changed since; recently."""
    now = time.time() if now is None else now
    if baseline is not None and first_indexed > baseline and now - first_indexed < RECENT_SECONDS:
        return "ny"
    if changed > first_indexed and now - changed < RECENT_SECONDS:
        return "ändrad"
    return None


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=UTC).isoformat(timespec="seconds")
