"""Partial matches: when few sections hold every word, rank those that hold some.

A visitor who types a need ("hur söker man pengar från eu för ett projekt")
rarely uses the exact words of one section. When the query with every word
required finds fewer than ``FEW_HITS`` sections, the search runs once more with
the words as alternatives and ranks each section by how much of the query it
holds, each word weighted by how rare it is (its idf over the sections that
hold it in any accepted form: a section with "eu" and "pengar" beats one with
"projekt" and "pengar"), and then by its ordinary
score. Sections that hold every word therefore always come first. Phrases,
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
A query the vectors cannot score (a multi-word synonym is a phrase) is ranked
by Whoosh's own collector, each word's matcher adding ``COVERAGE_SCALE`` times
its weight to the score.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from pyroaring import FrozenBitMap
from whoosh import query as wq
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.query.wrappers import WrappingQuery

from . import collect, rerank, scoring
from .matchset import match_set
from .params import DEFAULT_PER_PAGE
from .query import Compiled, QueryTerm, without

#: Fewer sections than a page of results with every word: partial matches fill the page after
#: them. Measured on the judged queries: at 3, "beviljade projekt" showed its four full matches
#: and none of the sections about grants that never say "projekt" (Meilisearch, by default,
#: always ranks the sections with fewer words after those with all).
FEW_HITS = DEFAULT_PER_PAGE
COVERAGE_SCALE = 1000.0  # above any ordinary score: the Whoosh fallback ranks coverage first so


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
    ranked the sections about shops below those about the countryside."""

    def __init__(self, searcher, partial: Partial, terms, deadline: float):
        self.partial, self.late = partial, False
        self.sets: list[FrozenBitMap] = []
        self.weights: list[float] = []
        self.held = np.zeros(searcher.doc_count_all())
        for position, term in enumerate(partial.loose):
            found, late = match_set(searcher, term.query, terms, deadline)
            own = match_set(searcher, term.own, terms, deadline)[0] if term.own is not None else found
            holding = len(own) or len(found)
            weight = rarity(len(terms.live), holding) if position < partial.words else 0.0  # filler: score only
            self.late |= late
            self.sets.append(found)
            self.weights.append(weight)
            self.held[np.frombuffer(found.to_array(), dtype=np.uint32)] += weight

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
        docs = np.frombuffer(candidates.to_array(), dtype=np.uint32).astype(np.int64)
        order = np.lexsort((docs, -scores[docs], -self.held[docs]))[:limit]
        return [(int(docs[i]), float(scores[docs[i]])) for i in order], False

    def _top_by_whoosh(self, searcher, terms, candidates, limit, deadline):
        ranked = self.partial.of(
            wq.Or(
                [
                    _Coverage(term.query, COVERAGE_SCALE * weight)
                    for term, weight in zip(self.partial.loose, self.weights, strict=True)
                ]
            )
        )
        top, late = collect.top(searcher, ranked, deadline, limit, terms, candidates)
        return [(docnum, score - COVERAGE_SCALE * self.held[docnum]) for docnum, score in top], late

    def rerank(self, searcher, top: list[tuple[int, float]], near, terms) -> list[tuple[int, float]]:
        """Proximity added to the scores, the order by coverage kept."""
        return sorted(rerank.by_proximity(searcher, top, near, terms), key=self.order)

    def order(self, hit: tuple[int, float | None]) -> tuple:
        """The order of partial matches: how much of the query a section holds, then score, then document."""
        return -self.held[hit[0]], -(hit[1] or 0.0), hit[0]


class _Coverage(WrappingQuery):
    """A word's query whose matches score ``bonus`` more."""

    def __init__(self, child: wq.Query, bonus: float):
        super().__init__(child)
        self.bonus = bonus

    def __eq__(self, other):
        return type(other) is type(self) and (self.child, self.bonus) == (other.child, other.bonus)

    def __hash__(self):
        return hash(self.child) ^ hash(self.bonus)

    def _rewrap(self, child):
        return self.__class__(child, self.bonus)

    def matcher(self, searcher, context=None):
        return _CoverageMatcher(self.child.matcher(searcher, context), self.bonus)


class _CoverageMatcher(WrappingMatcher):
    def __init__(self, child, bonus: float):
        super().__init__(child)
        self.bonus = bonus

    def copy(self):
        return self.__class__(self.child.copy(), self.bonus)

    def _replacement(self, newchild):
        return self.__class__(newchild, self.bonus)

    def supports_block_quality(self):
        return False  # the bonus is not part of the child's block bounds

    def max_quality(self):
        """The child's bound with the bonus: a union that is told less prunes the word
        ("and its matches are never collected": a Whoosh collector replaces a union by
        the part whose bound can still beat its worst hit)."""
        return self.child.max_quality() + self.bonus

    def score(self):
        return self.child.score() + self.bonus
