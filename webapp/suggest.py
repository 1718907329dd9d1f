"""Search-as-you-type: completions of the word being typed, from the index vocabulary.

The last word of the query is completed with the terms of the searched fields
that begin with it (most documents first), with its Swedish letters intact:
"goteb" also completes to "göteborgsregion". The words before it are kept, so
a suggestion is a whole query. Terms are lemmas and compound parts, so every
suggestion finds something.
"""

from __future__ import annotations

from indexer.analysis import normalize
from indexer.schema import SEARCH_FIELDS

from .folding import spellings
from .vocabulary import holds

#: Completions start at the second letter of the word typed: a list of at most MAX_SUGGESTIONS
#: costs little. Not ``query.MIN_PREFIX`` (3): a ``bostad*`` in a query searches every expansion.
MIN_LETTERS = 2
MAX_SUGGESTIONS = 8
MAX_SPELLINGS = 12  # of the typed prefix, with å, ä, ö put back


def completions(reader, q: str, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Completions of ``q``'s last word, read as the index reads text (``normalize``: "ｈａｍ" is "ham")."""
    head, _, last = normalize(q).rstrip().rpartition(" ")
    prefix = last.lower()
    if len(prefix) < MIN_LETTERS or not prefix.isalnum():
        return []
    documents: dict[str, int] = {}
    for name in SEARCH_FIELDS:
        for spelling in spellings(prefix)[:MAX_SPELLINGS]:
            for raw in reader.expand_prefix(name, spelling):
                term = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                if term.isalpha() and holds(reader, name, term):
                    documents[term] = documents.get(term, 0) + reader.doc_frequency(name, term)
    best = sorted(documents, key=lambda term: (-documents[term], len(term), term))[:limit]
    return [f"{head} {term}".strip() for term in best]
