"""Typos: a query word the index does not know is matched to words it does.

Candidates come from the index's own vocabulary (the terms of the searched
fields: lemmas and compound parts), never from an outside word list, so
"Menade du …?" only proposes words that will find something. How far a candidate may be grows
with the word's length: short words are easily confused with other real words.
"""

from __future__ import annotations

from whoosh.support.levenshtein import damerau_levenshtein

from indexer.schema import SEARCH_FIELDS

from .vocabulary import holds

MAX_CANDIDATES = 3
SAME_START = 1  # candidates share the first letter: typos seldom hit it, and the search is ~20 times cheaper


def max_edits(word: str) -> int:
    """Edits allowed for a word of this length: 0 up to 3 letters, 1 up to 7, then 2."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def corrections(reader, word: str) -> list[str]:
    """The closest known words, best first: fewest edits, then most documents."""
    word = word.lower()
    limit = max_edits(word)
    if not limit or not word.isalpha():
        return []
    documents: dict[str, int] = {}
    for name in SEARCH_FIELDS:
        for raw in _within(reader, name, word, limit):
            candidate = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            if candidate != word and holds(reader, name, candidate):
                documents[candidate] = documents.get(candidate, 0) + reader.doc_frequency(name, candidate)
    ranked = sorted((distance(word, c), -n, c) for c, n in documents.items())
    return [candidate for edits, _, candidate in ranked if edits <= limit][:MAX_CANDIDATES]


def _within(reader, name: str, word: str, limit: int):
    """The field's terms within ``limit`` edits of ``word`` that share its first letter, as Whoosh's
    ``terms_within`` finds them: on one segment with its Levenshtein automaton; on several (an index
    built by more than one process) by comparing each term, with transpositions. There Whoosh merges
    the segments' sorted terms in Python and compares every one; here each segment's terms are read
    as they are, and a term whose length alone differs by more than ``limit`` is not compared (it
    cannot be within ``limit``). The same terms come out."""
    if reader.is_atomic():
        yield from reader.terms_within(name, word, limit, prefix=SAME_START)
        return
    field, seen = reader.schema[name], set()
    for leaf, _ in reader.leaf_readers():
        for raw in leaf.expand_prefix(name, word[:SAME_START]):
            if raw in seen:
                continue
            seen.add(raw)
            term = field.from_bytes(raw)
            if abs(len(term) - len(word)) <= limit and damerau_levenshtein(term, word, limit=limit) <= limit:
                yield term


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    previous, current = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]
