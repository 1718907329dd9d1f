"""Swedish text analysis: how text becomes index terms.

The chain, as the indexer and the query side both run it::

    characters      NormalizedTokenizer "Bo&shy;stads-" -> "Bostads-", "ﬁnans" -> "finans"
    words           NormalizedTokenizer "Bostads- och arbetsmarknaden"
    missing spaces  CaseChangeFilter    "medPolitiker" -> "med" "Politiker"
    lowercase       LowercaseFilter     "bostads-" "och" "arbetsmarknaden"
    ellipsis        EllipticCompoundFilter   "bostadsmarknaden" "och" "arbetsmarknaden";
                                        "små- och medelstora" -> "små" "och" "medelstora"
    stop words      StopFilter          "bostadsmarknaden" "arbetsmarknaden"
    guesses         EllipticGuessFilter + "småstora" beside "små", a compound no rule confirms
    lemma           LemmaFilter         "bostadsmarknad" "arbetsmarknad"
    compounds       CompoundPartsFilter + "bostad" "marknad", + "arbete" "marknad";
                                        "besöksnäringsdagen" + besök näring dag besöksnäring;
                                        a name's ("av Affärsverken", ``is_name``) at a lower
                                        weight, a street's ("Drottninggatan") none
    family          WordFamilyFilter    + derived words, weighted lower: "samverkan" + "samverka"

The last three look at one word at a time, so they run behind ``WordMemoFilter``:
once per distinct word, their output replayed for every later occurrence.

Every term a word yields keeps the word's position and character span, so
phrases work on lemmas and a hit on a part highlights the whole word as
written. Compound parts are marked (``token.part``) so the query side can
rank the whole word above its parts.

A form of two words ("delar": del and dela; "fattade": fatta and fattad) is
indexed under every lemma it can have, and a word's family ("samverkan" and
"samverka", "planering" and "planera") beside it at a lower index weight
(``indexer/families.py``). A query is analysed to the likeliest lemma only
and no family: the index already holds both sides, so "dela" finds "delar"
and "samverka" finds "samverkan", each a single term on the query side.

Before the text is split into words it is normalised (``normalize``): the
invisible characters that never end a word are dropped (the soft hyphen
``&shy;`` that CMSs put into long compounds, zero-width spaces and joiners), and
the text is put in Unicode compatibility form, NFKC, so the ligatures of text
copied out of PDF reports and full-width letters read as the letters they
stand for. The query side normalises the same way (``webapp/syntax.py:parse``).
The text a section stores for display is read without the invisible characters
too (``visible``, applied by ``parse.py``), but keeps its ligatures and
full-width letters as the page wrote them.

Words typed without å, ä, ö are handled on the query side
(``webapp/folding.py``), so the index holds every word once.

The rules are data: ``stopwords.txt``, ``sv_forms.tsv`` with
``lemma_corrections.tsv``, ``compound_rules.toml`` and ``word_families.toml``. The classes here are
pickled into the index schema: keep them importable at this module path.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter, Token

from . import datafiles
from .compounds import rules as compound_rules
from .families import family, lemmas
from .families import rules as family_rules
from .lexicon import fold  # noqa: F401  (defined with the word data, which the compound rules fold too)
from .words import CACHE_WORDS, MAX_WORD_CHARS, compound_parts, elliptic_words, inner_words, is_place, lemmatize

#: Characters that are invisible and never end a word, dropped before the text is split into words:
#: the soft hyphen (U+00AD, ``&shy;``, a hyphenation hint CMSs put into long compounds:
#: "Sjö&shy;farts&shy;sektorn"), the zero-width space (U+200B), non-joiner (U+200C) and joiner
#: (U+200D), the word joiner (U+2060) and the zero-width no-break space or byte-order mark (U+FEFF).
INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

#: Unicode's compatibility normalisation: "ﬁ" -> "fi", "ｈａｍｎ" -> "hamn", "CO₂" -> "CO2".
COMPATIBILITY_FORM = "NFKC"

#: A word: letters and digits, joined by inner hyphens or apostrophes; a
#: trailing hyphen marks the first half of an elliptic compound ("bostads-").
#: Invisible characters and combining marks (U+0300-U+036F, the ring of an "a" pasted
#: as two characters) count as letters, so the stored text, which keeps the marks (and, in an
#: index built before display text was made ``visible``, the invisible characters), is split
#: into the same words as the normalised text the chain reads.
_LETTER = rf"[\w{INVISIBLE_CHARACTERS}\u0300-\u036f]"
WORD_PATTERN = rf"{_LETTER}+(?:[-'’]{_LETTER}+)*-?"

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARACTERS}]+")
_CASE_CHANGE = re.compile(rf".+?(?=(?<=[a-zåäö])[{INVISIBLE_CHARACTERS}]*[A-ZÅÄÖ][{INVISIBLE_CHARACTERS}]*[a-zåäö])|.+")

#: Words that join an elliptic compound to the full one: "bostads- och arbetsmarknad".
ELLIPSIS_JOINERS = frozenset({"och", "eller", "samt", "respektive", "resp", "till"})


@cache
def stop_words() -> frozenset[str]:
    return frozenset(datafiles.entries("stopwords.txt"))


def visible(text: str) -> str:
    """``text`` without ``INVISIBLE_CHARACTERS``: the letters a reader sees. The text a section
    stores for display is kept this way (``parse.py``), so a title or snippet copied out of the
    JSON API holds no hidden character ("Arbets&shy;kraft&shy;brist" is "Arbetskraftbrist")."""
    if text.isascii() or not any(character in text for character in INVISIBLE_CHARACTERS):
        return text  # cheap: the usual text, a fifth of the cost of the regex's scan
    return _INVISIBLE.sub("", text)


def normalize(text: str) -> str:
    """``text`` as the analysis reads it: without ``INVISIBLE_CHARACTERS`` and in Unicode
    compatibility form (NFKC), on the index and the query side alike.

    A soft hyphen or a zero-width space splits a word in two for a tokenizer ("sjö" "farts"
    "sektorn"), though a reader sees one word: dropped, the word is read whole. Text copied out
    of a PDF report carries ligatures ("ﬁnansiering"), and some keyboards type full-width
    letters ("ｈａｍｎ"): NFKC turns each into the letters it stands for, superscripts and
    subscripts into digits ("m²" -> "m2", "CO₂" -> "CO2"), "½" into "1⁄2" and "™" into "TM".
    NFKC composes, it never strips marks: "å", "ä" and "ö" stay, and an "a" followed by a
    combining ring (as some systems paste it) becomes "å"."""
    if text.isascii():  # cheap: nothing to drop or compose
        return text
    return unicodedata.normalize(COMPATIBILITY_FORM, visible(text))  # checks first, returns normalised text as it is


#: ``token.name`` of a street's name ("Drottninggatan"): found whole, only a place in it is a part.
STREET = "street"


class NormalizedTokenizer(RegexTokenizer):
    """The words of the text as ``normalize`` reads it. A token's character span is its place
    in the normalised text, which is the text as written unless that held invisible or
    compatibility characters (highlighting reads the stored text itself: ``words``).

    When indexing, a capitalised word that names one thing is marked (``token.name``, see
    ``is_name``; ``STREET`` for a street's name): ``CompoundPartsFilter`` weights its parts lower."""

    def __call__(self, value, chars=False, start_char=0, mode="", tokenize=True, **kwargs):
        text = normalize(value)
        if mode == "query":  # a query word is read alone, where every word begins a sentence
            return super().__call__(text, chars=chars, start_char=start_char, mode=mode, tokenize=tokenize, **kwargs)
        if tokenize and not self.gaps:
            return self._named_words(text, chars=chars, start_char=start_char, mode=mode, **kwargs)
        # where a word stands tells a name: its span is read, whether or not the caller asked for it
        tokens = super().__call__(text, chars=True, start_char=start_char, mode=mode, tokenize=tokenize, **kwargs)
        return self._named(text, start_char, tokens)

    @staticmethod
    def _named(text, start_char, tokens):
        """Whoosh's tokens, each marked as ``name_kind`` reads it at its place."""
        for token in tokens:
            token.name = name_kind(text, token.startchar - start_char, token.text)
            yield token

    def _named_words(self, text, positions=False, chars=False, keeporiginal=False, start_pos=0, start_char=0, **opts):
        """The tokens ``_named`` gives for the usual call (words, not gaps), in one loop: Whoosh's own
        (``RegexTokenizer.__call__``), that marks each word as it finds it. A filter around Whoosh's
        loop cost as much again as the loop (it had to ask for every word's span), a sixth of the
        chain's time per word; the index is the same."""
        token = Token(positions, chars, **opts)  # mode, removestops and the caller's own, as Whoosh makes it
        for pos, match in enumerate(self.expression.finditer(text)):
            word = token.text = match.group(0)
            token.boost, token.stopped = 1.0, False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            token.name = word[:1].isupper() and name_kind(text, match.start(), word)  # cheap: most words
            yield token


def name_kind(text: str, start: int, word: str) -> bool | str:
    """``token.name`` of ``word`` at ``start`` in ``text``: ``STREET``, another name (True), or none."""
    name = is_name(text, start, word)
    return STREET if name and word.endswith(compound_rules().whole_name_endings) else name


def is_name(text: str, start: int, word: str) -> bool:
    """Whether ``word``, at ``start`` in ``text``, names one thing: capitalised (not in capitals,
    no hyphen) and in a definite form inside a sentence ("fibern byggs av Affärsverken"), or
    anywhere when it ends like a street ("Drottninggatan 2" on a line of its own). A capital after
    the start of the text or of a line, or after a mark that ends a sentence or a cell, begins a
    sentence (``[names]`` in ``compound_rules.toml``)."""
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()):
        return False  # cheap: most words
    rules = compound_rules()
    if word.endswith(rules.name_endings):
        return True
    if not word.endswith(rules.definite_endings):
        return False
    before = start - 1
    while before >= 0 and text[before] in " \t\xa0\"'”’»«":
        before -= 1
    return before >= 0 and text[before] not in rules.sentence_ends


class CaseChangeFilter(Filter):
    """Splits a word where a lowercase letter meets a capitalised word: editors' missing
    spaces ("skryta medPolitiker"). Words written in capitals ("RUS", "RUP") stay whole, and so
    does a name that ends in capitals ("BankID", "MinID"): its last letters are an abbreviation,
    no word of its own, and a visitor types the name as one word ("bankid")."""

    def __call__(self, tokens):
        for token in tokens:
            pieces = case_pieces(token.text)
            if len(pieces) < 2:
                yield token
                continue
            start = getattr(token, "startchar", None)
            for offset, piece in pieces:
                token.text = piece
                if start is not None:
                    token.startchar, token.endchar = start + offset, start + offset + len(piece)
                yield token


def case_pieces(word: str) -> list[tuple[int, str]]:
    """``word`` split where a lowercase letter meets a capitalised word, as (offset, piece):
    the one split the chain (``CaseChangeFilter``) and highlighting (``words``) share."""
    rest = word[1:]
    if rest == rest.lower():  # the common case, and cheap: no uppercase after the first letter
        return [(0, word)]
    return [(match.start(), match.group()) for match in _CASE_CHANGE.finditer(word)]


class EllipticCompoundFilter(Filter):
    """Completes "bostads- och arbetsmarknad" to "bostadsmarknad och arbetsmarknad" when that
    makes a word; else the first half is a word of its own: "små- och medelstora" is "små och
    medelstora" (``words.elliptic_words``)."""

    def __call__(self, tokens):
        heads, joiner = [], None
        for token in tokens:
            if token.text.endswith("-"):
                heads.append(token.copy())
                continue
            if heads and joiner is None and token.text in ELLIPSIS_JOINERS:
                joiner = token.copy()
                continue
            if heads:
                yield from _completed(heads, token.text if joiner is not None else None)
                if joiner is not None:
                    yield joiner
                heads, joiner = [], None
            yield token
        yield from _completed(heads, None)
        if joiner is not None:
            yield joiner


def _completed(heads, word: str | None):
    """The heads, each as the word it stands for, given ``word`` (the word after the joiner; None:
    there is none), with the compound no rule confirms as its ``guess`` (``EllipticGuessFilter``);
    a stop word, which would be dropped, is the guess alone ("när-, fjärr- och exportmarknader")."""
    for head in heads:
        head.text, head.guess = head.text[:-1], None
        if head.text and word is not None:
            head.text, *guess = elliptic_words(head.text, word)
            head.guess = guess[0] if guess else None
            if head.guess and head.text in stop_words():
                head.text, head.guess = head.guess, None
        if head.text:
            yield head


class EllipticGuessFilter(Filter):
    """After the first half of an elliptic compound that stands alone, at its place, the compound
    no rule confirms ("kibbutzbarn" after "kibbutz" in "kibbutz- och moshavbarn"): a real word the
    word list lacks is found whole. After the stop words, whose removal renumbers positions."""

    def __call__(self, tokens):
        for token in tokens:
            yield token
            guess = getattr(token, "guess", None)
            if guess is not None:
                token.text, token.guess = guess, None
                yield token


class LemmaFilter(Filter):
    """Each word becomes its lemma: "bostäderna" -> "bostad"; when indexing, a form of
    two words becomes both: "delar" -> "dela" "del". A query keeps the likeliest.
    With ``families=False``, the word list's one lemma (the analysis before word families)."""

    families = True  # a class default: indexes pickled before this attribute still load

    def __init__(self, families: bool = True):
        self.families = families

    def __call__(self, tokens):
        for token in tokens:
            found = lemmas(token.text) if self.families else (lemmatize(token.text),)
            if token.mode == "query":
                found = found[:1]
            for lemma in found:
                token.text = lemma
                yield token


class CompoundPartsFilter(Filter):
    """After a compound, its parts, at the same position: "järnväg" after "höghastighetsjärnväg";
    when indexing, then the known compounds inside it ("besöksnäring" after besök, näring and
    dag of "besöksnäringsdag"), so a search for one finds the whole. A query word keeps its parts
    only: they are what a section must hold when it lacks the whole word. A name (``is_name``:
    "Affärsverken", "Regionalfonden" inside a sentence) keeps its parts at a relative's lower
    weight (``family_weight``): "affär" ranks a section about an "affär" above the company
    Affärsverken, and "fond" still finds "finansieras av Regionalfonden". A street's name
    ("Drottninggatan", ``STREET``) drops them: "gatan" does not find it. A part that is a place
    keeps the full weight in both ("Göteborgsregionen": göteborg)."""

    def __call__(self, tokens):
        for token in tokens:
            whole, boost = token.text, token.boost
            token.part = False
            yield token
            inner = inner_words(whole) if token.mode != "query" else ()
            name = getattr(token, "name", False)
            parts = compound_parts(whole)
            for n, part in enumerate((*parts, *inner)):
                token.head = n == len(parts) - 1
                weight = 1.0
                if name and not is_place(part):
                    if name == STREET:
                        continue
                    weight = family_rules().family_weight
                token.text, token.part, token.boost = part, True, boost * weight
                yield token
            token.text, token.boost, token.head = whole, boost, False


class WordFamilyFilter(Filter):
    """When indexing, after a word or compound part its family, at the same position and a
    lower weight: "samverka" after "samverkan", "planera" after the part "planering" of
    "samhällsplanering". A compound's head (``token.head``) brings the words derived from it,
    which begin with it and go on, at ``head_derived_weight`` only: "tidplan" is a plan, a
    schedule, so "planera" ranks "planerar" above it, yet "planering" still finds "översiktsplan"."""

    def __call__(self, tokens):
        rules = family_rules()
        for token in tokens:
            yield token
            if token.mode == "query":
                continue
            whole, boost = token.text, token.boost
            head = getattr(token, "head", False)
            for relative in family(whole):
                derived = head and relative.startswith(whole) and len(relative) > len(whole)
                token.text = relative
                token.boost = boost * (rules.head_derived_weight if derived else rules.family_weight)
                yield token
            token.text, token.boost = whole, boost


class WordMemoFilter(Filter):
    """Runs filters that look at one word at a time once per distinct word, and replays what they
    yielded for every later occurrence: text repeats its words, and the filters are pure Python.

    What a word yields depends on its text, the mode (a query keeps one lemma and no family),
    whether it is a name (``token.name``: its parts weighted lower or dropped) and the filters (their own settings: each
    memo belongs to its chain), nothing else, so the key is (text, mode, name). Position and
    character span are the occurrence's own; the weight is the occurrence's times the factor the
    filters applied. The memo is bounded (least recently used words leave first) and never
    pickled with the schema."""

    def __init__(self, *filters: Filter, size: int = 50_000):
        self.filters = filters
        self.size = size

    def __getstate__(self):
        return {key: value for key, value in self.__dict__.items() if key != "_memo"}

    def __eq__(self, other):
        return type(other) is type(self) and (self.filters, self.size) == (other.filters, other.size)

    def memo(self):
        """The bounded memo: ``(text, mode, name)`` -> ((text, part, weight factor), ...)."""
        if "_memo" not in self.__dict__:
            self._memo = lru_cache(maxsize=self.size)(self._terms)
        return self._memo

    def _terms(self, text: str, mode: str, name: bool | str = False) -> tuple[tuple[str, bool, float], ...]:
        tokens = iter([Token(text=text, mode=mode, boost=1.0, name=name)])
        for step in self.filters:
            tokens = step(tokens)
        return tuple((token.text, getattr(token, "part", False), token.boost) for token in tokens)

    def __call__(self, tokens):
        memo = self.memo()
        for token in tokens:
            boost = token.boost
            for text, part, factor in memo(token.text, token.mode, getattr(token, "name", False)):
                token.text, token.part, token.boost = text, part, boost * factor
                yield token
            token.boost = boost


def swedish_analyzer(families: bool = True):
    """The chain; ``families=False`` leaves out word families (benchmarks compare with it)."""
    per_word = [LemmaFilter(families), CompoundPartsFilter(), *([WordFamilyFilter()] if families else [])]
    return (
        NormalizedTokenizer(WORD_PATTERN)
        | CaseChangeFilter()
        | LowercaseFilter()
        | EllipticCompoundFilter()
        | StopFilter(stoplist=stop_words(), minsize=1, lang=None)
        | EllipticGuessFilter()
        | WordMemoFilter(*per_word)
    )


_WORD = re.compile(WORD_PATTERN)


def words(text: str):
    """Each word of ``text`` as (start, end, normalised lowercase word), split at case changes
    as the chain splits it: the cheap first steps of the chain, for highlighting. The span is
    the word's place in ``text`` as written, soft hyphens and ligatures included."""
    for match in _WORD.finditer(text):
        start = match.start()
        for offset, piece in case_pieces(match.group()):
            word = normalize(piece).lower().rstrip("-")
            if word:
                yield start + offset, start + offset + len(piece), word


def written_words(text: str) -> set[str]:
    """The words of ``text`` a visitor may be offered as written, lowercase and split at case changes
    as the chain splits them: whole words of letters ("små" of "små-"; not numbers, "eu-bidrag" or
    words longer than ``MAX_WORD_CHARS``), no stop words."""
    return set().union(*map(_written_pieces, set(_WORD.findall(normalize(text)))))


@lru_cache(maxsize=CACHE_WORDS)
def _written_pieces(word: str) -> tuple[str, ...]:
    """The written words of one word as the tokenizer finds it (a page repeats its words: read each once)."""
    stops, found = stop_words(), []
    for _offset, piece in case_pieces(word):
        piece = piece.lower().rstrip("-")
        if piece.isalpha() and len(piece) <= MAX_WORD_CHARS and piece not in stops:
            found.append(piece)
    return tuple(found)


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms one lowercase word gives: its lemmas, their compound parts (and the known
    compounds inside them) and the families of all (none for a stop word)."""
    if word in stop_words():
        return ()
    found = lemmas(word)
    terms = [*found, *(part for lemma in found for part in (*compound_parts(lemma), *inner_words(lemma)))]
    terms += [relative for term in terms for relative in family(term)]
    return tuple(dict.fromkeys(terms))


def warm_up() -> None:
    """Load the word data and build the compound tables now, not at the first search
    (a server calls this before it forks its workers)."""
    list(swedish_analyzer()("Bostads- och arbetsmarknaden i Göteborgsregionen"))
