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

A field the index lacks (one written before the field was added: ``schema.py``)
holds no word.
"""

from __future__ import annotations


def holds(reader, fieldname: str, term) -> bool:
    """Whether a live section holds ``term`` in ``fieldname``."""
    if fieldname not in reader.schema:
        return False
    frequency = reader.doc_frequency(fieldname, term)
    if frequency > reader.doc_count_all() - reader.doc_count():  # more than were deleted: a live one holds it
        return True
    return bool(frequency) and reader.postings(fieldname, term).is_active()


def held_with_prefix(reader, fieldname: str, prefix: str) -> dict[str, int]:
    """The terms of ``fieldname`` that begin with ``prefix`` and a live section holds -> their
    ``doc_frequency``. Each segment's terms are read in order with their frequencies, as they
    are stored, not looked up one by one: a two-letter prefix has thousands of terms."""
    frequencies: dict[str, int] = {}
    live: set[str] = set()
    if fieldname not in reader.schema:
        return {}
    for leaf, _ in reader.leaf_readers():
        deleted = leaf.doc_count_all() - leaf.doc_count()
        for raw, info in leaf.iter_prefix(fieldname, prefix):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            frequency = info.doc_frequency()
            frequencies[term] = frequencies.get(term, 0) + frequency
            if term not in live and (frequency > deleted or leaf.postings(fieldname, term).is_active()):
                live.add(term)
    return {term: frequencies[term] for term in live}
