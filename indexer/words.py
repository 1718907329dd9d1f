"""One Swedish word -> its lemma and its compound parts. Cached: words repeat.

Lemma, in order of trust:

1. the word list (``bostäder`` -> bostad, ``kommunerna`` -> kommun);
2. a compound whose last part is known (``höghastighetsjärnvägen`` ->
   höghastighets + järnväg);
3. the longest ending that could end a compound (``goteborgsregionen`` ->
   goteborgs + region), after a beginning of at least three letters;
4. the Snowball Swedish stemmer, for words nothing else knows.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.lang.snowball.swedish import SwedishStemmer

from .compounds import decompounder
from .compounds import rules as compound_rules
from .lexicon import load as load_lexicon

#: Longer words are indexed as written: not lemmatized, not split. Splitting
#: costs time with the square of a word's length (an 8,000-letter "word" took
#: seconds), and the longest real Swedish compounds have about 40 letters.
MAX_WORD_CHARS = 64
MIN_BEGINNING_CHARS = 3
MIN_ENDING_CHARS = 4
CACHE_WORDS = 200_000

_stemmer = SwedishStemmer()


@lru_cache(maxsize=CACHE_WORDS)
def lemmatize(word: str) -> str:
    """The lemma of a lowercase word."""
    if len(word) > MAX_WORD_CHARS:
        return word
    known = load_lexicon().lemma_of
    if word in known:
        return known[word]
    if "-" in word:
        return "-".join(lemmatize(piece) for piece in word.split("-"))
    if not word.isalpha():
        return word
    splitter = decompounder()
    parts = splitter.split(word)
    if parts:
        return "".join(part.surface for part in parts[:-1]) + parts[-1].lemma
    for start in range(MIN_BEGINNING_CHARS, len(word) - MIN_ENDING_CHARS + 1):
        if word[start:] in splitter.last_forms:
            return word[:start] + splitter.last_forms[word[start:]]
    return _stemmer.stem(word)


@lru_cache(maxsize=CACHE_WORDS)
def compound_parts(lemma: str) -> tuple[str, ...]:
    """The lemmas of a compound's parts ("bostadsmarknad" -> bostad, marknad), as the index holds them
    (``Decompounder.term``: "lanthandel" -> lant, handel); () if none."""
    if len(lemma) > MAX_WORD_CHARS:
        return ()
    if "-" in lemma:
        pieces = [piece for piece in lemma.split("-") if piece.isalpha()]
        return tuple(dict.fromkeys(pieces)) if len(pieces) > 1 else ()
    splitter = decompounder()
    parts = splitter.parts_of(lemma)
    return tuple(dict.fromkeys(splitter.term(part) for part in parts)) if parts else ()


@lru_cache(maxsize=CACHE_WORDS)
def inner_words(lemma: str) -> tuple[str, ...]:
    """The known compounds inside a compound of three parts or more, beside its parts
    ("besöksnäringsdag" -> besöksnäring); () if none."""
    if len(compound_parts(lemma)) < 3 or not lemma.isalpha():  # cheap: the parts are cached
        return ()
    return decompounder().inner_words(decompounder().parts_of(lemma))


def is_known(word: str) -> bool:
    """Whether the word list knows the word (its lemma is not a guess)."""
    return word in load_lexicon().lemma_of


def frequency(lemma: str) -> float | None:
    """How common a lemma is in Swedish, all its forms together (Zipf: log10 of uses per billion
    words); None if the word list does not know it."""
    return load_lexicon().zipf.get(lemma)


def is_place(word: str) -> bool:
    """Whether a lowercase word names a place the gazetteer knows ("småland"): a name, never two words."""
    return word in load_lexicon().places


def compound_tail(word: str) -> str | None:
    """The last part of a compound as written ("arbetsmarknaden" -> "marknaden")."""
    if len(word) > MAX_WORD_CHARS:
        return None
    parts = decompounder().split(word)
    return parts[-1].surface if parts else None


def elliptic_words(head: str, word: str) -> tuple[str, ...]:
    """The first half of an elliptic compound ("bostads-" in "bostads- och lokalbyggande") as the
    words it stands for, given the word after the joiner: ``head`` with an ending of ``word`` when
    that makes a word, else ``head`` alone, the word the visitor reads there.

    The ending tried first is ``word``'s last compound part ("bostadsbyggande"), kept when the
    whole is a known word or splits where ``head`` ends; then ``word``'s longest ending that
    makes a known word ("kort- och långsiktiga" -> "kortsiktiga", which the splitter keeps whole:
    "långsiktig" is lexicalised), or a known word after a particle where ``head`` is one too ("in- och
    utpendling" -> "inpendling"). Else ``head`` is a word of its own ("små- och medelstora": a search
    for "små företag" finds it), followed by its compound with the last part, which no rule confirms,
    as a guess: "kibbutz- och moshavbarn" is "kibbutz" and "kibbutzbarn" (a word the word list lacks),
    "små- och medelstora" is "små" and "småstora" (a term nobody searches for)."""
    if len(head) + len(word) > MAX_WORD_CHARS or not (head.isalpha() and word.isalpha()):
        return (head,)
    tail = compound_tail(word)
    if tail and _is_compound_of(head + tail, head):
        return (head + tail,)
    particles, shortest = compound_rules().never_first, compound_rules().min_part_chars
    for start in range(1, len(word) - shortest + 1):  # the longest ending first
        ending = word[start:]
        if is_known(head + ending) or head in particles and word[:start] in particles and is_known(ending):
            return (head + ending,)  # a particle for a particle: "in- och utpendling" is "inpendling"
    return (head, head + tail) if tail else (head,)


def _is_compound_of(whole: str, head: str) -> bool:
    """Whether ``whole`` is a known word, or a compound that splits where ``head`` ends."""
    if is_known(whole):
        return True
    parts = decompounder().split(whole) or ()
    return any("".join(part.surface for part in parts[:i]) == head for i in range(1, len(parts)))
