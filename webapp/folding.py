"""Words typed without å, ä, ö: found at query time, not stored twice.

Visitors type "goteborgsregionen" and "overkalix". Rather than index every
word a second time without its Swedish letters, the query side puts the
letters back: each ``a`` may have been a, å or ä and each ``o`` o or ö, so
"overkalix" may be "överkalix". Of those spellings, the ones the word list
knows are lemmatized ("manniskor" -> människor -> människa), and the ones
the index holds are kept. They become alternatives of the typed word, weighted
lower than an exact match, so exact spellings rank first (för/for, är/år).

A word with many a's and o's has many spellings ("arbetsmarknadsanalys" has
243); past ``MAX_SPELLINGS`` only the typed word's own analysis is used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from indexer.analysis import fold
from indexer.words import is_known, lemmatize

MAX_SPELLINGS = 256
_LETTERS = {"a": "aåä", "o": "oö", "e": "eé"}


def spellings(word: str) -> list[str]:
    """Every way ``word`` may have been written with å, ä, ö (itself first), or [word] if too many."""
    choices = [_LETTERS.get(ch, ch) for ch in word]
    count = 1
    for options in choices:
        count *= len(options)
        if count > MAX_SPELLINGS:
            return [word]
    return ["".join(letters) for letters in itertools.product(*choices)]


def unfolded_terms(typed: str, lemma: str, indexed: Callable[[str], bool]) -> list[str]:
    """Index terms that ``typed`` (lemma ``lemma``) may mean if å, ä, ö were left out.

    ``indexed(term)`` says whether the index holds a term. The exact lemma is
    not included: the caller searches it at full weight.
    """
    typed = typed.lower()
    if fold(typed) != typed:  # typed with Swedish letters: nothing was left out
        return []
    found = {lemmatize(spelling) for spelling in spellings(typed)[1:] if is_known(spelling)}
    found |= {spelling for spelling in spellings(lemma)[1:]}
    return sorted(term for term in found if term != lemma and indexed(term))
