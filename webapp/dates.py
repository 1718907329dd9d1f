"""What the page says about time, and what each date means.

Two different clocks, never mixed up:

* the **content's own dates**: when the page says it was published or last
  updated (``published``/``updated`` in a result, read from the page by the
  indexer, or None). Only these are shown as the content's date:
  "Publicerad 3 mars 2025", "Uppdaterad 5 maj 2025";
* the **index history**: when the search first saw a section and when its text
  last changed there (``first_indexed``/``changed``). It drives the "Ny i
  sökningen"/"Ändrad i sökningen" marks, labelled as news about the search,
  because the day a page was first indexed says nothing about its content.
"""

from __future__ import annotations

from datetime import date

from indexer.sites import page_rules

from .stored import RECENT_SECONDS

RECENT_DAYS = RECENT_SECONDS // (24 * 3600)

#: A result's ``mark`` -> the badge's text and its explanation.
MARKS = {
    "ny": ("Ny i sökningen", f"Avsnittet kom med i sökningen under de senaste {RECENT_DAYS} dagarna."),
    "ändrad": (
        "Ändrad i sökningen",
        f"Avsnittets text har ändrats i sökningen under de senaste {RECENT_DAYS} dagarna.",
    ),
}


def swedish_date(iso: str) -> str:
    """ "2026-11-26T16:34:58+00:00" or "2026-11-26" -> "26 november 2026"."""
    day = date.fromisoformat(iso[:10])
    return f"{day.day} {page_rules().months[day.month - 1]} {day.year}"  # the month names the indexer reads


def content_dates(fields: dict) -> list[dict]:
    """The dates the page itself gives, labelled: published first, then updated; none if it gives none
    (or gives something that is not a date)."""
    found = []
    for key, label in (("published", "Publicerad"), ("updated", "Uppdaterad")):
        value = fields.get(key)
        try:
            found.append({"label": label, "datetime": value[:10], "text": swedish_date(value)})
        except (TypeError, ValueError):  # None or not a date
            continue
    return found


def mark(fields: dict) -> dict | None:
    """The "Ny/Ändrad i sökningen" badge of a result or section, if it has one."""
    if not fields.get("mark"):
        return None
    text, explanation = MARKS[fields["mark"]]
    return {"text": text, "explanation": explanation}
