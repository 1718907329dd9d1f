"""Swedish text analysis: how text becomes index terms.

The chain, as the indexer and the query side both run it::

    words           RegexTokenizer      "Bostads- och arbetsmarknaden"
    missing spaces  CaseChangeFilter    "medPolitiker" -> "med" "Politiker"
    lowercase       LowercaseFilter     "bostads-" "och" "arbetsmarknaden"
    ellipsis        EllipticCompoundFilter   "bostadsmarknaden" "och" "arbetsmarknaden"
    stop words      StopFilter          "bostadsmarknaden" "arbetsmarknaden"
    lemma           LemmaFilter         "bostadsmarknad" "arbetsmarknad"
    compounds       CompoundPartsFilter + "bostad" "marknad", + "arbete" "marknad"
    (folded field)  FoldFilter          å, ä, ö -> a, a, o; + the word as written, folded

Every term a word yields keeps the word's position and character span, so
phrases work on lemmas and a hit on a part highlights the whole word as
written. Compound parts are marked (``token.part``) so the query side can
rank the whole word above its parts.

The folded chain feeds separate fields: a query typed without å, ä, ö
("goteborgsregionen") finds the right words there, while the exact fields,
weighted higher, keep exact spellings ahead (för/for, är/år).

The rules are data: ``stopwords.txt``, ``sv_forms.tsv`` with
``lemma_corrections.tsv``, and ``compound_rules.toml``. The classes here are
pickled into the index schema: keep them importable at this module path.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StopFilter

from .words import compound_parts, compound_tail, lemmatize

#: A word: letters and digits, joined by inner hyphens or apostrophes; a
#: trailing hyphen marks the first half of an elliptic compound ("bostads-").
WORD_PATTERN = r"\w+(?:[-'’]\w+)*-?"

#: Words that join an elliptic compound to the full one: "bostads- och arbetsmarknad".
ELLIPSIS_JOINERS = frozenset({"och", "eller", "samt", "respektive", "resp", "till"})

_CASE_CHANGE = re.compile(r".+?(?=(?<=[a-zåäö])[A-ZÅÄÖ])|.+")

FOLDING = str.maketrans("åäöæøéèêëüáàíóúÅÄÖÆØÉÈÜ", "aaoaoeeeeuaaiouAAOAOEEU")


@cache
def stop_words() -> frozenset[str]:
    text = (resources.files("indexer") / "data" / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def fold(text: str) -> str:
    """Swedish letters typed without their marks: "Överkalix" -> "Overkalix"."""
    return text.translate(FOLDING)


class CaseChangeFilter(Filter):
    """Splits a word where a lowercase letter meets an uppercase one: editors' missing
    spaces ("skryta medPolitiker"). Words written in capitals ("RUS", "RUP") stay whole."""

    def __call__(self, tokens):
        for token in tokens:
            pieces = [m for m in _CASE_CHANGE.finditer(token.text)]
            if len(pieces) < 2:
                yield token
                continue
            text, start = token.text, getattr(token, "startchar", None)
            for match in pieces:
                token.text = text[match.start():match.end()]
                if start is not None:
                    token.startchar, token.endchar = start + match.start(), start + match.end()
                yield token


class EllipticCompoundFilter(Filter):
    """Completes "bostads- och arbetsmarknad" to "bostadsmarknad och arbetsmarknad"."""

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
                tail = compound_tail(token.text) if joiner is not None else None
                yield from _completed(heads, tail)
                if joiner is not None:
                    yield joiner
                heads, joiner = [], None
            yield token
        yield from _completed(heads, None)
        if joiner is not None:
            yield joiner


def _completed(heads, tail: str | None):
    for head in heads:
        head.text = head.text[:-1] + (tail or "")
        if head.text:
            yield head


class LemmaFilter(Filter):
    """Each word becomes its lemma: "bostäderna" -> "bostad" (``token.surface`` keeps the word)."""

    def __call__(self, tokens):
        for token in tokens:
            token.surface = token.text
            token.text = lemmatize(token.text)
            yield token


class CompoundPartsFilter(Filter):
    """After a compound, its parts, at the same position: "järnväg" after "höghastighetsjärnväg"."""

    def __call__(self, tokens):
        for token in tokens:
            whole = token.text
            token.part = False
            yield token
            for part in compound_parts(whole):
                token.text, token.part = part, True
                yield token
            token.text = whole


class FoldFilter(Filter):
    """Terms without å, ä, ö (for the folded fields), and each word as written, folded:
    a word the lexicon does not know ("karna") then still meets its spelling with
    å, ä, ö ("kärna"), whatever the stemmer made of it."""

    def __call__(self, tokens):
        for token in tokens:
            lemma, token.text = token.text, fold(token.text)
            yield token
            surface = fold(getattr(token, "surface", lemma))
            if not token.part and surface != token.text:
                token.text = surface
                yield token
                token.text = fold(lemma)


def swedish_analyzer(folded: bool = False):
    chain = (
        RegexTokenizer(WORD_PATTERN)
        | CaseChangeFilter()
        | LowercaseFilter()
        | EllipticCompoundFilter()
        | StopFilter(stoplist=stop_words(), minsize=1, lang=None)
        | LemmaFilter()
        | CompoundPartsFilter()
    )
    return chain | FoldFilter() if folded else chain


def surface_analyzer():
    """Words as written, lowercased: the vocabulary that spelling suggestions come from."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | TrailingHyphenFilter()


class TrailingHyphenFilter(Filter):
    def __call__(self, tokens):
        for token in tokens:
            token.text = token.text.rstrip("-")
            if token.text:
                yield token
