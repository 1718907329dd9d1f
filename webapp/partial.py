"""Partial matches: when few sections hold every word, rank those that hold some.

A visitor who types a need ("hur söker man pengar från eu för ett projekt")
rarely uses the exact words of one section. When fewer than ``FEW_HITS``
sections hold every word outside their breadcrumb trail (a word only there
finds a section but does not complete it: ``schema.NAVIGATION_FIELDS``), the
search runs once more with the words as alternatives and ranks each section by
how much of the query it holds, each word weighted by how rare it is (its idf
over the sections that hold it in any accepted form: a section with "eu" and
"pengar" beats one with "projekt" and "pengar"), and then by its ordinary
score. A section holds all of a word it holds in its own fields (heading,
text, contact, what it stands under), ``NAVIGATION_SHARE`` of one only its
trail holds, and ``PAGE_SHARE`` of one it lacks that another section of its
page holds in its own: "Vem kan söka?" on a call whose lead names the fund
answers "vem kan söka pengar från regionalfonden" better than a programme's
"Budget" that holds "söka" and "pengar" only in its trail "Sök finansiering"
(passage retrieval adds the document's evidence to the passage's, as
``rerank.py`` does for the score). Sections that hold every word on their
own therefore always come first. Phrases,
words in quotes and exclusions stay strict: a partial match still has every
phrase and none of the excluded words. Question words and filler
(``query.optional_words``) take part in the match set and the score, not in
how much of the query a section holds: a query of one real word and some
filler never finds nothing while the filler matches, and a section with "kan"
never outranks a better one with the same real words (at a twentieth of a
word, as before, it did: coverage is compared before the score).

How it stays cheap: the second run happens only for the rare query with few
full matches. Each word's match set is a bitmap combined from the cached
posting lists (``matchset.py``); the coverage of every section is the sum of
the weights of the bitmaps that hold it, one numpy addition per word; the
ordinary score comes as a vector too (``scoring.py``), and the best k are
taken by coverage, then score. Which words a hit lacks is a bitmap lookup.
The shares of the page cost one more numpy pass per word over every section's
page number, read once per generation. A query the vectors cannot score (a
multi-word synonym is a phrase) is scored by Whoosh's own collector, for the
sections that can reach the best k by coverage only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from pyroaring import FrozenBitMap
from whoosh import query as wq

from indexer.schema import NAVIGATION_FIELDS

from . import collect, rerank, scoring
from .matchset import match_set
from .params import DEFAULT_PER_PAGE
from .query import Compiled, QueryTerm, outside, without

#: Fewer sections than a page of results with every word: partial matches fill the page after
#: them. Measured on the judged queries: at 3, "beviljade projekt" showed its four full matches
#: and none of the sections about grants that never say "projekt" (Meilisearch, by default,
#: always ranks the sections with fewer words after those with all).
FEW_HITS = DEFAULT_PER_PAGE

#: How much of a word a section holds that holds it only in its breadcrumb trail, and one that lacks it
#: while another section of its page holds it outside the trail (both: the larger). Measured (nDCG@10,
#: 2026-11-27; README, *Navigation labels*): the trail's share at 0, 0.25, 0.5, 0.75 (the page's 0.5): set B
#: 0.741, 0.741, 0.741, 0.751, an outside tester's 50 queries 0.868, 0.868, 0.867, 0.862, and at 0.75 the
#: answer to "vem kan söka pengar från regionalfonden" falls off the first page; the page's at 0.25 and 0.5
#: (the trail's 0.5): fixture site 0.841, 0.845.
NAVIGATION_SHARE = 0.5
PAGE_SHARE = 0.5


@dataclass(frozen=True)
class Partial:
    """The query of partial matches, and what it needs to rank and explain them."""

    query: wq.Query  # any of the words (with every phrase), none of the exclusions: the match set
    loose: list[QueryTerm]  # the words that may be missing: the query's, then its filler
    filler: int  # how many of ``loose``, at its end, are question words and filler
    strict: list[wq.Query]  # phrases and words in quotes: every partial match has them
    excluded: wq.Query | None

    @property
    def words(self) -> int:
        """How many of ``loose`` are the query's own words (not filler)."""
        return len(self.loose) - self.filler

    def missing_labels(self, lacking: list[int]) -> list[str]:
        """What a hit lacking these positions lacks, as typed (filler is never missed)."""
        return [self.loose[position].label for position in lacking if position < self.words]

    def held_labels(self, lacking: list[int]) -> list[str]:
        """The query's own words (not filler) a hit lacking these positions holds, as typed."""
        return [term.label for position, term in enumerate(self.loose[: self.words]) if position not in lacking]

    def filler_held(self, lacking: list[int]) -> list[str]:
        """The question words and filler a hit lacking these positions holds."""
        return [
            term.label for position, term in enumerate(self.loose[self.words :], self.words) if position not in lacking
        ]

    def of(self, any_word: wq.Query) -> wq.Query:
        """``any_word`` with the strict parts and the exclusions: with a phrase or an exact
        word every other word may be missing; without, one must be there."""
        return without(wq.AndMaybe(wq.And(self.strict), any_word) if self.strict else any_word, self.excluded)


def partial_query(compiled: Compiled) -> Partial | None:
    """The partial matches' query for ``compiled``, or None if nothing could be missing. A word
    no section holds whole ("eu-bidrag", "hamnbidrag") takes part as its parts: a section may
    hold "eu" and lack "bidrag"."""
    pieces = [piece for term in compiled.terms if not term.strict for piece in (term.pieces or (term,))]
    words = list({term.label: term for term in pieces}.values())  # a word typed twice
    strict = [term.query for term in compiled.terms if term.strict]
    loose = words + compiled.optional_terms
    split = any(term.pieces for term in compiled.terms if not term.strict)  # a part alone finds more than the word
    if len(loose) < (1 if strict or split else 2):
        return None
    partial = Partial(wq.NullQuery, loose, len(compiled.optional_terms), strict, compiled.excluded)
    return replace(partial, query=partial.of(wq.Or([term.query for term in loose])))


def rarity(sections: int, holding: int) -> float:
    """A word's idf: log(N / (df + 1)) + 1, as Whoosh's BM25F has it."""
    return math.log(sections / (holding + 1)) + 1


class Coverage:
    """Which sections hold which of a partial query's words, and how much of it each holds.

    A word's weight is its rarity (idf) over the sections that hold it as typed
    (in any inflection, spelling or compound); a word no section holds that way
    takes the rarity of its synonyms. Synonyms widen what a word finds, not how
    much it counts: measured, weighting "butik" by all of "kommersiell service"
    ranked the sections about shops below those about the countryside. Each
    section holds a share of that weight (``shares``)."""

    def __init__(self, searcher, partial: Partial, terms, pages: np.ndarray, deadline: float):
        """``pages``: every section's page as a number (``shares``)."""
        self.partial, self.late = partial, False
        self.sets: list[FrozenBitMap] = []
        self.held = np.zeros(searcher.doc_count_all())
        for position, term in enumerate(partial.loose):
            found, late = match_set(searcher, term.query, terms, deadline)
            own = match_set(searcher, term.own, terms, deadline)[0] if term.own is not None else found
            holding = len(own) or len(found)
            weight = rarity(len(terms.live), holding) if position < partial.words else 0.0  # filler: score only
            self.sets.append(found)
            if weight:
                stated, stated_late = match_set(searcher, outside(term.query, NAVIGATION_FIELDS), terms, deadline)
                self.held += weight * shares(found, stated, pages)
                late |= stated_late
            self.late |= late

    @property
    def nowhere(self) -> list[str]:
        """The query's words no section holds."""
        words = self.partial.loose[: self.partial.words]
        return [term.label for term, found in zip(words, self.sets[: len(words)], strict=True) if not found]

    def lacking(self, docnum: int) -> list[int]:
        """The positions (in ``partial.loose``) of the words a section lacks."""
        return [position for position, found in enumerate(self.sets) if docnum not in found]

    def top(
        self, searcher, _query, deadline: float, limit: int, terms, candidates: FrozenBitMap
    ) -> tuple[list[tuple[int, float]], bool]:
        """The best ``limit`` candidates by coverage, then ordinary score, then document
        (``collect.top``'s signature: the query is the partial query's)."""
        scores = scoring.vector(searcher, self.partial.query, terms)
        if scores is None:
            return self._top_by_whoosh(searcher, terms, candidates, limit, deadline)
        docs = _documents(candidates).astype(np.int64)
        order = np.lexsort((docs, -scores[docs], -self.held[docs]))[:limit]
        return [(int(docs[i]), float(scores[docs[i]])) for i in order], False

    def _top_by_whoosh(self, searcher, terms, candidates: FrozenBitMap, limit: int, deadline: float):
        """Whoosh's own scores for the candidates that can be among the best ``limit`` by coverage
        (those that hold as much of the query as the ``limit``-th best, or more), in this order."""
        docs = _documents(candidates)
        if len(docs) > limit:
            bar = np.partition(self.held[docs], len(docs) - limit)[len(docs) - limit]
            docs = docs[self.held[docs] >= bar]
        if not len(docs):
            return [], False
        scored, late = collect.top(searcher, self.partial.query, deadline, len(docs), terms, FrozenBitMap(docs))
        return sorted(scored, key=self.order)[:limit], late

    def rerank(self, searcher, top: list[tuple[int, float]], near, terms) -> list[tuple[int, float]]:
        """Proximity added to the scores, the order by coverage kept."""
        return sorted(rerank.by_proximity(searcher, top, near, terms), key=self.order)

    def order(self, hit: tuple[int, float | None]) -> tuple:
        """The order of partial matches: how much of the query a section holds, then score, then document."""
        return -self.held[hit[0]], -(hit[1] or 0.0), hit[0]


def shares(found: FrozenBitMap, stated: FrozenBitMap, pages: np.ndarray) -> np.ndarray:
    """How much of a word each section holds, given the sections that hold it (``found``) and those
    that hold it outside their breadcrumb trail (``stated``): all of it, ``NAVIGATION_SHARE`` in the
    trail only, ``PAGE_SHARE`` when another section of its page states it; the most of these."""
    held = np.zeros(len(pages))
    stating, finding = _documents(stated), _documents(found)
    page_states = np.zeros(int(pages.max(initial=-1)) + 1, dtype=bool)
    page_states[pages[stating]] = True
    held[page_states[pages]] = PAGE_SHARE
    held[finding] = np.maximum(held[finding], NAVIGATION_SHARE)
    held[stating] = 1.0
    return held


def _documents(found: FrozenBitMap) -> np.ndarray:
    return np.frombuffer(found.to_array(), dtype=np.uint32)
