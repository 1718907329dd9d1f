"""Search-as-you-type: completions of the word being typed, from the site's own words.

The last word of the query is completed with the words the site writes that begin with it
(``written.py``: "godsb" completes to "godsbåtar", as a visitor reads it, not
to the lemma "godsbåta" the index searches), most sections first, one form per word ("ham"
is "hamnen", not also "hamnar", unless the visitor has typed the word: "hamn"), with its
Swedish letters intact: "goteb" also completes to "göteborgsregionen". The words before it are kept, so a
suggestion is a whole query; every suggestion finds something, as every word an indexed
section says does. An index written before there was a table of them completes with its terms
(lemmas and compound parts).
"""

from __future__ import annotations

from indexer.analysis import normalize
from indexer.schema import SEARCH_FIELDS
from indexer.words import lemmatize

from . import written
from .folding import spellings
from .vocabulary import held_with_prefix

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
    site = written.of(reader)
    documents: dict[str, int] = {}
    for spelling in spellings(prefix)[:MAX_SPELLINGS]:
        if site is not None:
            documents.update(site.with_prefix(spelling))
            continue
        for name in SEARCH_FIELDS:  # an index written before there was a table of its words: its terms
            for term, sections in held_with_prefix(reader, name, spelling).items():
                if term.isalpha():
                    documents[term] = documents.get(term, 0) + sections
    ranked = sorted(documents, key=lambda term: (-documents[term], len(term), term))
    best = ranked[:limit] if site is None else one_form_per_word(ranked, len(prefix), limit)
    return [f"{head} {term}".strip() for term in best]


def one_form_per_word(forms: list[str], typed: int, limit: int) -> list[str]:
    """The first ``limit`` of ``forms`` (best first), one per lemma that begins as the ``typed``
    letters do and goes on: "ham" is "hamnen" (on most sections), not also "hamnar"; "hamn" is both, and "kommune"
    is "kommunen", "kommunerna" and "kommunens", each a form the visitor may be typing (their
    lemma is typed already)."""
    best, seen = [], set()
    for form in forms:
        lemma = lemmatize(form)
        word = lemma if len(lemma) > typed and lemma[:typed] == form[:typed] else form
        if word not in seen:
            seen.add(word)
            best.append(form)
            if len(best) == limit:
                break
    return best
