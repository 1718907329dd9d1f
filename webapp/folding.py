"""Words typed without å, ä, ö: found at query time, not stored twice.

Visitors type "goteborgsregionen" and "overkalix". Rather than index every
word a second time without its Swedish letters, the query side puts the
letters back: each ``a`` may have been a, å or ä and each ``o`` o or ö, so
"overkalix" may be "överkalix". Of those spellings, the ones the word list
knows are lemmatized ("manniskor" -> människor -> människa), and the ones
the index holds are kept. They become alternatives of the typed word, weighted
lower than an exact match, so exact spellings rank first (för/for, är/år).

A word typed so that is a word of its own means itself (``meant_as_typed``): "andra länder"
(other countries) is no "ändra" (to change), "gotland" no "Götaland". Only when the spelling
with the letters back is far commoner, in Swedish or on the site, is it searched too: "stod"
(stood) is stöd on a site about support, "mal" (moth) is mål.

A word with many a's and o's has many spellings ("arbetsmarknadsanalys" has
243); past ``MAX_SPELLINGS`` only the typed word's own analysis is used.

A word the index holds in no form is searched as the spelling with the letters
back that the index holds best (``webapp/wordquery.py``), its compound parts and
synonyms too; ``likely_spellings`` gives the candidates, those with one letter
changed first: a visitor who left out å, ä, ö seldom left out more than two.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

from indexer.analysis import fold
from indexer.words import frequency, is_known, lemmatize

MAX_SPELLINGS = 256
#: How common a word typed without å, ä, ö has to be, beside a spelling of it with them, to mean only
#: itself: at least this share of the other's uses in Swedish (the word list) and of its sections on
#: the site. Below it, the visitor more likely left the letters out ("stod", "mal").
OWN_WORD_SHARE = 0.25
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


def meant_as_typed(typed: str, lemma: str, other: str, sections: Callable[[str], int]) -> bool:
    """Whether ``typed`` (lemma ``lemma``), typed without å, ä, ö, means itself and not ``other``, an
    index term of a spelling of it with them (``unfolded_terms``). It does if it is a word of its own:
    the word list knows it as typed, the site holds its lemma, and it is at least ``OWN_WORD_SHARE``
    as common as ``other``, both in Swedish (the word list's frequency of the lemmas; a term the word
    list lacks is no commoner word there) and on the site (``sections(term)``: how many sections
    hold a term). "andra" is no "ändra", "gotland" no "götaland"; on a site about support, "stod"
    (Zipf 5.1 beside stöd's 5.2, but one section beside fifty) is stöd, and "mal" (3.8 beside 5.4) mål.

    The word list's frequency alone would read "stod" as the word wherever a page says it once; the
    site's alone would read "andra" as "ändra" on a site that writes the one once and the other
    twice. So the typed word means only itself where neither calls it much the rarer reading."""
    own, theirs = frequency(lemma), frequency(other)
    if not is_known(typed.lower()) or own is None:
        return False
    held = sections(lemma)
    common = theirs is None or own >= theirs + math.log10(OWN_WORD_SHARE)
    return held > 0 and common and held >= OWN_WORD_SHARE * sections(other)
