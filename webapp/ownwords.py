"""A synonym is one step from the word typed: it finds its own forms, not a second step.

The index holds a word under its lemmas, its compound parts and its family
(``indexer/analysis.py``), so the term "byggnad" is held by a section that says
"byggnaden", by one that says "bygga" (byggnad's family) and by one that says
"stadsbyggnadskontor" (a part). For the word the visitor typed, that is what
they mean. A synonym is already one step away ("hus" also finds "byggnad"); its
family and the words that merely hold it are a second step, and drift: "hus"
found every section about building, and its snippets marked "bygga".

So a synonym finds only the sections that say it as a word of its own: a word
whose lemmas include it ("byggnaden"); its verb, or the noun of its act (one word
in two classes: "finansierades" says finansiering; ``data/act_noun_endings.txt``);
a compound that begins with it (about one: "byggnadsnämnd") or ends with it (one
of a kind: "skolbyggnad"; "höghastighetsjärnväg" is a järnväg). Not a compound
that holds it between other parts ("stadsbyggnadskontor"), nor the rest of its
family ("bygga" is no byggnad). Measured on the judged sets (the commits that
made this module give the numbers): leaving out the compounds that end with it
lost "tåg" its "höghastighetsjärnväg" and gained nothing elsewhere, though keeping
them lets "centrum" find "kompetenscentrum"; leaving out the verb and the noun of
its act lost "pengar" its "finansierades" and "kompetensförsörjning" (rekrytering)
its "rekrytera". One rule (``said``) decides both which sections a synonym finds
(``sections_saying``) and which words of a hit are marked for it (``own_terms``,
``snippets.hit_spans``).

Which sections say a lemma is read from the stored text of the sections whose
index terms hold it (the candidates), once per generation and lemma, and kept
(``KEPT`` lemmas per generation, shared by a worker's threads). In the query a
synonym is its terms within those sections (``Within``): the match set, the vector
scores and Whoosh's own matchers all read the same fixed set of sections.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from functools import cache, lru_cache

from pyroaring import BitMap, FrozenBitMap
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from indexer import datafiles
from indexer.analysis import WORD_PATTERN, fold, swedish_analyzer
from indexer.schema import SEARCH_FIELDS

KEPT = 2_000  # lemmas whose sections are kept per generation
GENERATIONS_KEPT = 2  # the one served and the one before it, for requests that opened it
_TOKEN = re.compile(WORD_PATTERN)


def said(analyzer, text: str) -> set[str]:
    """The lemmas ``text`` says as words of their own, read by ``analyzer`` (the index's chain):
    every word's lemmas, the noun of a verb's act and the verb of an act's noun ("finansierades"
    says finansiering, ``same_act``), and the first and last part of a compound; not a part
    between them ("stadsbyggnadskontor" is no byggnad) nor another family member ("bygga" is
    no byggnad)."""
    found: set[str] = set()
    parts: list[str] = []  # the parts of the word read last
    whole = ""
    for token in analyzer(text, mode="index"):
        if token.boost != 1.0:  # a family member, weighted lower
            if not token.part and same_act(whole, token.text):
                found.add(token.text)
            continue
        if token.part:
            parts.append(token.text)
            continue
        found.update(parts[:1] + parts[-1:])
        parts.clear()
        found.add(token.text)
        whole = token.text
    found.update(parts[:1] + parts[-1:])
    return found


def same_act(word: str, relative: str) -> bool:
    """Whether one of two words of a family is a verb and the other the noun of its act
    (``data/act_noun_endings.txt``): "finansiera" and "finansiering", not "bygga" and "byggnad"."""
    verb, noun = (word, relative) if word.endswith("a") else (relative, word)
    return verb.endswith("a") and any(noun == verb[:-1] + ending for ending in act_noun_endings())


@cache
def act_noun_endings() -> tuple[str, ...]:
    return tuple(datafiles.entries("act_noun_endings.txt", package="webapp"))


@lru_cache(maxsize=200_000)
def own_terms(word: str) -> frozenset[str]:
    """The folded lemmas a lowercase word says as a word of its own (``said``): "byggnaden" is
    byggnad; "bygga" is not byggnad, nor "stadsbyggnadskontoret"."""
    return frozenset(fold(lemma) for lemma in _token_says(word))


@cache
def _analyzer():
    return swedish_analyzer()


class Within(wq.Query):
    """A fixed set of sections (document numbers of the whole index): it matches them and
    scores nothing, so ``And([terms, Within(sections)])`` is the terms' score where they are
    in ``sections``."""

    def __init__(self, sections: FrozenBitMap):
        self.sections = sections
        self.boost = 1.0

    def __eq__(self, other):
        return type(other) is type(self) and self.sections == other.sections

    def __hash__(self):
        return hash((type(self).__name__, len(self.sections), self.sections.min() if self.sections else -1))

    def __repr__(self):
        return f"{type(self).__name__}({len(self.sections)} sections)"

    def is_leaf(self):
        return True

    def estimate_size(self, ixreader):
        return len(self.sections)

    def matcher(self, searcher, context=None):
        """The sections of the searcher's own segment, numbered as it numbers them."""
        offset, count = _offset(searcher), searcher.doc_count_all()
        ids = [doc - offset for doc in self.sections.to_array() if offset <= doc < offset + count]
        return ListMatcher(ids, weights=[0.0] * len(ids)) if ids else NullMatcher()


def _offset(searcher) -> int:
    """Where a segment's searcher starts in the whole index (0 for the index's own searcher)."""
    parent = searcher.parent() if searcher.parent is not None else None
    return 0 if parent is None else parent._offset_for_subsearcher(searcher)


_kept: OrderedDict[tuple, OrderedDict[str, FrozenBitMap]] = OrderedDict()  # generation -> lemma -> sections
_lock = threading.Lock()


def sections_saying(searcher, lemma: str) -> FrozenBitMap:
    """The live sections with a word of their own that is a form of ``lemma`` in a searched field."""
    generation = _generation(searcher.reader())
    if generation is None:  # a reader of unknown segments: nothing to keep it by
        return _read(searcher, lemma)
    with _lock:
        kept = _kept.setdefault(generation, OrderedDict())
        _kept.move_to_end(generation)
        while len(_kept) > GENERATIONS_KEPT:
            _kept.popitem(last=False)
        if lemma in kept:
            kept.move_to_end(lemma)
            return kept[lemma]
    found = _read(searcher, lemma)
    with _lock:
        kept[lemma] = found
        while len(kept) > KEPT:
            kept.popitem(last=False)
    return found


def _generation(reader) -> tuple | None:
    """What a reader's document numbers stand for, the same for every thread's reader of a generation: its
    segments (a segment's documents never change; an update writes new ones) and how many are live."""
    ids = []
    for leaf, _offset in reader.leaf_readers():
        segment = getattr(leaf, "segment", None)
        if segment is None:
            return None
        ids.append(segment().segment_id())
    return tuple(ids), reader.doc_count_all(), reader.doc_count()


def _read(searcher, lemma: str) -> FrozenBitMap:
    """The candidates (sections whose terms hold ``lemma``) whose stored text says it as a word."""
    candidates = BitMap()
    for name in SEARCH_FIELDS:
        candidates.update(searcher.docs_for_query(wq.Term(name, lemma)))
    found = BitMap()
    for docnum in candidates:
        stored = searcher.stored_fields(docnum)
        tokens = set(_TOKEN.findall("\n".join(stored.get(name) or "" for name in SEARCH_FIELDS)))
        if any(lemma in _token_says(token) for token in tokens):
            found.add(docnum)
    return FrozenBitMap(found)


@lru_cache(maxsize=200_000)
def _token_says(token: str) -> frozenset[str]:
    """What one token of a text says (``said``): text repeats its words, so each is read once."""
    return frozenset(said(_analyzer(), token))
