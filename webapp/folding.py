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

A word the index holds in no form is searched as the spelling with the letters
back that the index holds best (``webapp/wordquery.py``), its compound parts and
synonyms too; ``likely_spellings`` gives the candidates, those with one letter
changed first: a visitor who left out å, ä, ö seldom left out more than two.
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


def likely_spellings(word: str, most: int, max_changes: int = 3) -> list[str]:
    """Up to ``most`` spellings of ``word`` with å, ä or ö for its a's and o's, one letter
    changed first, then two, up to ``max_changes``: of "planeringsforutsattningarna"'s, too many
    to try them all, "planeringsförutsättningarna" (two changes) is the 25th."""
    slots = [(at, _LETTERS[letter][1:]) for at, letter in enumerate(word) if letter in "ao"]
    found: list[str] = []
    for changes in range(1, max_changes + 1):
        for chosen in itertools.combinations(slots, changes):
            for letters in itertools.product(*(options for _, options in chosen)):
                spelled = list(word)
                for (at, _), letter in zip(chosen, letters, strict=True):
                    spelled[at] = letter
                found.append("".join(spelled))
                if len(found) == most:
                    return found
    return found


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
