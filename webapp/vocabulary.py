"""Which words the index holds: terms of live sections only.

Whoosh keeps a deleted section's terms in the term dictionary, and counts
them in ``doc_frequency``, until its segment is merged away. After an update
removes or rewrites a page, its old words would still look indexed: offered
as completions that then find nothing, chosen as spelling corrections, and
taken as words the index holds whole (so a query for one was neither
corrected nor matched part by part, and found nothing where a fresh build
finds its parts). ``holds`` asks the posting list, which skips deleted
sections, only when it must: a term held by more sections than were deleted
is held by a live one, so most words cost the plain frequency lookup.
"""

from __future__ import annotations


def holds(reader, fieldname: str, term) -> bool:
    """Whether a live section holds ``term`` in ``fieldname``."""
    frequency = reader.doc_frequency(fieldname, term)
    if frequency > reader.doc_count_all() - reader.doc_count():  # more than were deleted: a live one holds it
        return True
    return bool(frequency) and reader.postings(fieldname, term).is_active()
