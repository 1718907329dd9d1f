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
text, contact, what it stands under), a relative's weight (``family_weight``,
0.5) of one it holds there only as a name's part ("affär" in the company
"Affärsverken", indexed at that weight; a derived word of the word's family,
"samverkan" for "samverka", is the word: ``Coverage._written``),
``NAVIGATION_SHARE`` of one only its trail holds, and ``PAGE_SHARE`` of one it
lacks that another section of its page holds in its own: "Vem kan söka?" on a
call whose lead names the fund answers "vem kan söka pengar från
regionalfonden" better than a programme's "Budget" that holds "söka" and
"pengar" only in its trail "Sök finansiering" (passage retrieval adds the
document's evidence to the passage's, as ``rerank.py`` does for the score).
Sections that hold every word on their own therefore always come first, and
coverage 1 means every word: a section lifted by the question it asks
(``Coverage.lift``) stays below it unless it holds every word, its trail's too. Phrases,
words in quotes and exclusions stay strict: a partial match still has every
phrase and none of the excluded words. Question words and filler
(``query.optional_words``) take part in the match set and the score, not in
how much of the query a section holds: a query of one real word and some
filler never finds nothing while the filler matches, and a section with "kan"
never outranks a better one with the same real words (at a twentieth of a
word, as before, it did: coverage is compared before the score).

What a section holds is what its words show. A compound typed as one word
("cykelväg") is held where its parts stand together (``wordquery._together``);
a section with its parts only apart, in other words ("huvudcykelstråken" …
"bilvägarna"), holds ``APART_SHARE`` of it and is said to lack it. A compound no
section holds in any form ("energirådgivning") is searched as its parts, each a word
that may be missing, and it too is held only where they stand together, in a section's
own words: one with "rådgivning" in its text and "energi" only in the page's heading
above holds its best part and half of the other (``Coverage._parts_spread``). One written
word holds one query word: among the best, a section whose
"stadsbyggnadskontoret" would hold both "städer" and "bygger" holds one of them
(``Coverage._one_word_each``). A section that holds none of the query's words but a
word's head, a compound's last part ("transport" of "godstransporter") or the word
without a prefix that leaves its meaning ("utbilda" of "vidareutbilda";
``wordquery.head``), holds ``HEAD_SHARE`` of it and scores by the heads: it lacks the
word, and the hit says which part it holds (``part_terms``). A head brings in sections
nothing else would offer; it never reorders those that hold a word of the query
(measured: "Lanthandeln … visar vägen" passed the sections about cycle paths for
"pengar till cykelväg"). A heading that asks the visitor's question answers it
about what it stands under: a word it holds only in its trail counts in full, and it
gains a share of the lightest word (``Coverage.lift``): among sections that hold about
as much of the query, the FAQ entry that asks it goes first; one that holds none of the
words gains nothing. And a word a section holds only in what it stands
under (its page's heading, ``schema.CONTEXT_FIELDS``) still counts, as the page's
evidence does, but the hit says so ("Bara i rubriken ovanför: skyfall",
``context_terms``) instead of naming it among the words it holds. (Measured:
counting such a word for less, or only as a tie-break, ranked the judged suites
worse: README, *Partial matches*.) A compound typed alone that the index holds
("nattågstrafiken") is also its parts (``Partial.alone``): its sections keep
coverage 1 and their order, and those that hold a part follow; not a name's
(``only_a_name``). So is a word typed alone that has a head ("vidareutbildning": ``Partial.headed``):
the sections that hold the head follow those that hold the word, which keep their order.
Of a compound's parts, the one it is about weighs the most
(``topic_part``: "cykel" of "cykelväg", "företag" of "småföretag"), not the rarer.

What a hit's coverage counts is kept per word (``Coverage.shares``, ``Coverage.ways``)
and shown in the JSON (``coverage_terms``, ``Coverage.counted``): the coverage is the
sum of each word's weight times how much of it the hit holds, so two hits that hold the
same words the same way (``WAYS``: in their own words, only on their page, …) have one
coverage, and a page's share of a word a hit lacks is no longer invisible.

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
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

import numpy as np
from pyroaring import FrozenBitMap
from whoosh import query as wq

from indexer import datafiles
from indexer.families import family, is_adjective
from indexer.families import rules as family_rules
from indexer.schema import CONTEXT_FIELDS, NAVIGATION_FIELDS, OWN_FIELDS, SEARCH_FIELDS
from indexer.words import compound_parts

from . import collect, rerank, scoring
from .matchset import EMPTY, match_set
from .params import DEFAULT_PER_PAGE
from .places import REGIONS_FIELD
from .query import Compiled, QueryTerm, outside, without
from .query import held as without_synonyms
from .scoring import Where
from .wordquery import word_prefixes

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

#: How much of a compound word a section holds whose parts it holds only in other words, apart
#: ("bredbandsnätet" … "stödberättigade" for "bredbandsstöd"): it does not hold the word
#: (``wordquery._together``) but is about what the word is about.
APART_SHARE = 0.5

#: How much of a word a section holds that holds only its head ("transport" for "godstransporter",
#: "utbilda" for "vidareutbilda"): less than its parts apart, which hold all of what it names.
HEAD_SHARE = 0.25

#: How much of the query's lightest word a section gains whose heading asks the visitor's question
#: (``Coverage.lift``): less than the word, so it never passes a section that holds a word more.
ASKED_SHARE = 0.5

#: The most a word that names a place (a län or a kommun, ``QueryTerm.place``) weighs in the coverage, as a share
#: of the lightest of the query's other words: in "bostad skellefteå" the place narrows and the topic is the need,
#: so a section on housing in Skellefteå's län whose page names Skellefteå goes before one that names Skellefteå
#: and whose page names housing elsewhere (by its rarity alone the place weighed 0.58 of the query and the topic
#: 0.42: outsider17). Above half, a section that names the place and whose page holds the topic still goes before
#: one on the topic elsewhere.
PLACE_SHARE = 0.75

#: The least the cap (``PLACE_SHARE``) lets a place weigh, as a share of the heaviest of the query's other words: in
#: "jobb i umeå" a section that names Umeå and lacks "jobb" goes before "jobb" in another län (review S7: capped at
#: 0.75 of "jobb", the topic anywhere in Sweden, 0.57 of the query, outranked the place, 0.43). Below 4/3 a section
#: on the topic in the kommun's län (``COUNTY_SHARE``) still goes before one that only names the kommun; below 2, a
#: section holding two other words of about one weight elsewhere before one holding only the place ("driftstöd
#: butik gotland": the support's own pages before Gotland's statistics), and, with ``PLACE_PAGE_SHARE``, the topic on
#: a page that names the place before the place on a page that holds the topic elsewhere. Of three words or more the
#: cap is ``PLACE_SHARE`` of them together, as before.
PLACE_WORD_SHARE = 1.25

#: How much of a kommun or a tätort a section holds that does not name it while another section of its page does, and
#: that is tagged with its län: more than another word's ``PAGE_SHARE``, since such a page is about what happens there
#: (not a national page that lists places). With the place at ``PLACE_WORD_SHARE`` of the topic, above 0.6 the topic on
#: a page that names the place goes before the place on a page that holds the topic elsewhere ("bostad skellefteå",
#: outsider17). Measured at 0.75 for every page that names a place: a national programme page that lists Övre Norrland
#: went before Övre Norrland's own (held-out question 0.798 -> 0.779).
PLACE_PAGE_SHARE = 0.75

#: How much of a kommun or a tätort named in the query a section holds that does not name it but is tagged with
#: its län (``QueryTerm.around``): a section on housing in Västerbottens län is nearer "bostad skellefteå" than one
#: on housing in Kronobergs län, and farther than one whose page names Skellefteå (``PAGE_SHARE``).
COUNTY_SHARE = 0.25

#: A number of at most this many digits ("1", "12") never makes a partial match by itself: tables, dates and facts
#: boxes are full of them, and "<script>alert(1)</script>" found every section holding the digit 1 and none of the
#: words (outsider18). It still counts in the coverage of a section that holds a word of the query, and a query of
#: such numbers alone searches them as before; a year ("2025") or "200" of "1 200" is a word like any other.
SHORT_NUMBER_DIGITS = 2

#: Coverage, a share of the query's weight (``Coverage.coverage``), is compared and shown in the JSON to this
#: many decimals: two sums of the same shares in another order are one coverage, and what a client reads
#: from a hit's ``coverage`` and ``score`` is the order it was given (``rerank.relevance_order``).
COVERAGE_DECIMALS = 4

#: The most coverage a section that lacks part of a word can show: the largest below whole at
#: ``COVERAGE_DECIMALS`` (0.9999). Coverage 1 (``rerank.FULL_COVERAGE``) says the section holds every word.
BELOW_FULL = rerank.FULL_COVERAGE - 10.0**-COVERAGE_DECIMALS

#: How much of a word a section holds only inside a written word that holds another of the query's
#: words ("stadsbyggnadskontoret" for "bygger" and "städer"): as much as one its page holds.
SHARED_SHARE = PAGE_SHARE

#: How a section holds each word of the query, as a hit's ``coverage_terms`` names it (``Coverage.counted``):
#: in its own heading, text or contact; only in what it stands under (its page's heading: ``CONTEXT_FIELDS``);
#: only as a name's part ("affär" in "Affärsverken", at a relative's weight: ``family_weight``) or as a word of a
#: synonym's family ("bygger" for "hus", which finds "byggnad": ``Coverage._written``); only in its
#: breadcrumb trail (``NAVIGATION_SHARE``); not at all while another section of its page holds it
#: (``PAGE_SHARE``); a compound's parts apart (``APART_SHARE``); only its head (``HEAD_SHARE``); only inside
#: a written word that holds another of the query's words (``SHARED_SHARE``); not at all.
WAYS = ("own", "context", "relative", "trail", "page", "apart", "head", "shared", "county", "none")
OWN, CONTEXT, RELATIVE, TRAIL, PAGE, APART, HEAD, SHARED, COUNTY, NONE = range(len(WAYS))
#: What a heading asked like the query adds to a hit's coverage is named so in ``coverage_terms`` (``Coverage.lift``).
ASKED = "question"

#: What a hit's ``coverage_terms`` say, for the API's description (``openapi.py``); ``Coverage.counted`` makes them.
COVERAGE_TERMS = (
    "What the coverage counts when partial matches were ranked (empty otherwise: every hit holds every word): "
    "each of the query's words with its weight (its share of the query, by how rare it is), how much of it the "
    "section holds (held, 0-1) and how (as): own (its heading, text or contact: 1), context (only the heading "
    "above it: 1), relative (only as a name's part, or as a word of a synonym's family: a relative's weight, as "
    f"word families count), trail (only its breadcrumbs: {NAVIGATION_SHARE}), page (another section of its page "
    f"holds it: {PAGE_SHARE}; a kommun or a tätort in a section tagged with its län: {PLACE_PAGE_SHARE}), apart (a "
    f"compound's parts apart: {APART_SHARE}), head (only its head, a compound's last part or the word without "
    f"its prefix: at most {HEAD_SHARE}), shared (only inside a written word that holds another of the query's "
    f"words: {SHARED_SHARE}), county (a kommun or a tätort it does not name, tagged with its län: {COUNTY_SHARE}), "
    f"none; a heading asked like the query that holds a word adds the rest of each word it holds only in its "
    f"trail, and {ASKED_SHARE} of the lightest word (word null, as {ASKED!r}). The coverage is the sum of weight "
    "times held, to four decimals: two hits that hold the same words the same way have the same coverage."
)


@dataclass(frozen=True)
class Partial:
    """The query of partial matches, and what it needs to rank and explain them."""

    query: wq.Query  # any of the words (with every phrase), none of the exclusions: the match set
    loose: list[QueryTerm]  # the words that may be missing: the query's, then its filler
    filler: int  # how many of ``loose``, at its end, are question words and filler
    strict: list[wq.Query]  # phrases and words in quotes: every partial match has them
    excluded: wq.Query | None
    heads: wq.Query | None = None  # the words' heads: they find sections, and score only those with no word
    scored: wq.Query | None = None  # ``query`` without the heads: what scores every section
    joined: tuple[tuple[tuple[int, ...], wq.Query], ...] = ()  # a compound's parts (positions), where it is held
    alone: bool = False  # one compound the index holds whole, also searched as its parts (``query._alone_as_parts``)
    headed: bool = False  # one word typed alone, also searched as its head ("utbildning" of "vidareutbildning")

    @property
    def one_word(self) -> bool:
        """Whether the query is one word typed alone, searched as its parts or its head too: the sections that
        hold the word rank as they do without partial matches (a word held only in the trail is held)."""
        return self.alone or self.headed

    @property
    def words(self) -> int:
        """How many of ``loose`` are the query's own words (not filler)."""
        return len(self.loose) - self.filler

    def missing_labels(self, lacking: list[int]) -> list[str]:
        """What a hit lacking these positions lacks, as typed (filler is never missed)."""
        return [self.loose[position].label for position in lacking if position < self.words]

    def head_labels(self, by_head: list[int]) -> list[dict[str, str]]:
        """The words a hit holds only the head of (these positions), as typed, each with its head."""
        return [{"word": self.loose[p].label, "part": self.loose[p].head.label} for p in by_head if p < self.words]

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


def apart(query: wq.Query) -> wq.Query | None:
    """A word's compound parts anywhere in a section (the scored side of each ``Where`` in its
    query: ``wordquery._together``), or None if it has none."""
    found = []

    def collect(part: wq.Query) -> None:
        if isinstance(part, Where):
            found.append(part.a)
        else:
            for child in part.children():
                collect(child)

    collect(query)
    return wq.Or(found) if found else None


def anywhere(query: wq.Query) -> wq.Query:
    """``query`` with a compound's parts found anywhere in a section, as its scored side has them
    (``wordquery._together``): a partial match may hold them apart, which ``Coverage`` counts as
    ``APART_SHARE`` of the word, and scores them as it did before parts had to stand together."""
    return query.a if isinstance(query, Where) else query.apply(anywhere)


def partial_query(compiled: Compiled) -> Partial | None:
    """The partial matches' query for ``compiled``, or None if nothing could be missing. A word
    no section holds whole ("eu-bidrag", "hamnbidrag") takes part as its parts: a section may
    hold "eu" and lack "bidrag"."""
    pieces = [piece for term in compiled.terms if not term.strict for piece in (term.pieces or (term,))]
    words = list({term.label: term for term in pieces}.values())  # a word typed twice
    strict = [term.query for term in compiled.terms if term.strict]
    loose = words + compiled.optional_terms
    split = any(term.pieces for term in compiled.terms if not term.strict)  # a part alone finds more than the word
    # as does the head of a word typed alone after a prefix ("utbildning" of "vidareutbildning"), as in a query of
    # several words; a compound's head alone is the compound's own rule (``alone``: not a name's, a street's, nor
    # a word with a letter before its hyphen, "e-handel")
    headed = not strict and not split and len(loose) == 1 and after_a_prefix(loose[0])
    if len(loose) < (1 if strict or split or headed else 2):
        return None
    labels = [term.label for term in words]
    joined = tuple(
        (tuple(labels.index(piece.label) for piece in term.pieces), term.query)
        for term in compiled.terms
        if term.joined and not term.strict
    )
    alone = compiled.alone_as_parts
    filler = len(compiled.optional_terms)
    partial = Partial(wq.NullQuery, loose, filler, strict, compiled.excluded, joined=joined, alone=alone, headed=headed)
    scored = partial.of(_any_of([anywhere(term.query) for term in loose], loose))
    if alone:  # the word's sections score as the word alone does, the others by the parts they hold
        word, parts = compiled.terms[0].query, wq.Or([term.own for term in words])
        scored = partial.of(wq.Or([word, wq.AndNot(parts, word), *(term.query for term in compiled.optional_terms)]))
    heads = [term.head.query for term in words if term.head is not None]
    if not heads:
        return replace(partial, query=scored, scored=scored)
    query = partial.of(_any_of([anywhere(term.query) for term in loose] + heads, [*loose, *(None for _ in heads)]))
    return replace(partial, query=query, scored=scored, heads=wq.Or(heads))


def _any_of(queries: list[wq.Query], terms: list[QueryTerm | None]) -> wq.Query:
    """Any of ``queries`` (each of ``terms``' query, or a head's: None), but a short number (``short_number``)
    only beside another: a section that holds nothing else of the query is no partial match."""
    numbers = [query for query, term in zip(queries, terms, strict=True) if term is not None and short_number(term)]
    others = [query for query, term in zip(queries, terms, strict=True) if term is None or not short_number(term)]
    if not numbers or not others:
        return wq.Or(queries)
    return wq.AndMaybe(wq.Or(others), wq.Or(numbers))


def short_number(term: QueryTerm) -> bool:
    """Whether a query word is a number of at most ``SHORT_NUMBER_DIGITS`` digits ("1", "12")."""
    return term.label.isdigit() and len(term.label) <= SHORT_NUMBER_DIGITS


def after_a_prefix(term: QueryTerm) -> bool:
    """Whether a query word's head is what follows a prefix that leaves its meaning ("utbildning" of
    "vidareutbildning": ``wordquery.word_prefixes``), not a compound's last part."""
    if term.head is None:
        return False
    typed, head = term.label.lower(), term.head.label.lower()
    return any(typed == prefix + head for prefix in word_prefixes())


def only_a_name(searcher, partial: Partial, terms, deadline: float, typed: str = "") -> bool:
    """Whether the compound a query of one word is also searched as the parts of (``Partial.alone``) is
    only ever a name's: no section that holds it writes its parts as words of their own, or every
    section writes the word ``typed`` as a name (``written_as_a_name``). The indexer gives a name's
    parts a relative's weight ("Affärsverken", "Regionalfonden" inside a sentence:
    ``analysis.CompoundPartsFilter``); searched as its parts, the company would find every shop
    ("affär") and the fund every other fund."""
    holding = match_set(searcher, partial.joined[0][1], terms, deadline)[0]
    if typed and written_as_a_name(searcher, holding, typed):
        return True
    relative = family_rules().family_weight
    for piece in partial.loose[: partial.words]:
        written = [terms.written(searcher, name, text, relative) for name, text in piece.own.all_terms()]
        holding &= FrozenBitMap.union(*written) if written else EMPTY
    return not holding


#: The most sections whose own text is read to tell whether they write a word as a name (``written_as_a_name``).
NAME_READS = FEW_HITS
#: Letters a written form may have beyond what it shares with the word typed: its inflection ("Stenstadens").
NAME_ENDING_CHARS = 4
_WORD_AT = re.compile(r"[\w-]+")


def written_as_a_name(searcher, holding: FrozenBitMap, typed: str) -> bool:
    """Whether the few sections that hold a compound typed alone write it only with a capital, once
    at least inside a sentence ("rusta upp Stenstadens gårdar", "på Kvarnholmen"): the name of a
    place or a thing, not its parts ("sten" and "stad"; outsider18: "Stenstaden" found 57 sections,
    the notice naming its parts). Each form of the word counts: capitalised at the start of a
    heading or a sentence it says nothing; one written in lowercase is a common word ("nattåget").
    The sections holding a name only where the indexer does not mark one (a heading's first word,
    a genitive) are found so; more than ``NAME_READS`` such sections are not read."""
    if len(holding) > NAME_READS:
        return False
    lemma = next((token.text for token in searcher.schema["text"].analyzer(typed, mode="query")), "")
    stem = os.path.commonprefix([lemma, typed.lower()])
    if len(stem) < 4:
        return False
    capitalised, inside = 0, False
    for docnum in holding:
        stored = searcher.stored_fields(docnum)
        for text in (stored.get("title") or "", stored.get("text") or ""):
            for match in _WORD_AT.finditer(text):
                word = match.group()
                if not word.lower().startswith(stem) or len(word) > len(stem) + NAME_ENDING_CHARS:
                    continue
                if not word[0].isupper():
                    return False
                capitalised += 1
                before = text[: match.start()].rstrip()
                inside = inside or bool(before) and (before[-1].islower() or before[-1] == ",")
    return capitalised > 0 and inside


def _parts_at(searcher, docnum: int, fieldname: str, at: int) -> set[str]:
    """The compound parts of the written word at position ``at`` of a section's stored ``fieldname``
    (read again through the field's analyzer), as the index holds them; empty if it has none."""
    text = searcher.stored_fields(docnum).get(fieldname) or ""
    for token in searcher.schema[fieldname].analyzer(text, positions=True):
        if token.pos == at:
            return set(compound_parts(token.text)) if not getattr(token, "part", False) else set()
        if token.pos > at:
            break
    return set()


def topic_part(parts: list[str]) -> int:
    """Which of a compound's parts, as typed, a visitor means when a section holds only one: its last
    part (the head) after a first part that only qualifies it, an adjective ("småföretag": företag,
    ``families.is_adjective``) or a time (``data/qualifier_parts.txt``: "sommarjobb": jobb); else its
    first, which says what the compound is about ("cykelväg": cykel; "personalbrist": personal; a head such as
    "väg", "stöd" or "brist" names a wide class of which the compound is one corner)."""
    first = parts[0].lower()
    return len(parts) - 1 if first in qualifier_parts() or is_adjective(first) else 0


@cache
def qualifier_parts() -> frozenset[str]:
    """The first parts of a compound that say when its head is (``data/qualifier_parts.txt``)."""
    return frozenset(datafiles.entries("qualifier_parts.txt", package="webapp"))


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
    section holds a share of that weight (``shares``). Among the best, one
    written word holds one query word (``_one_word_each``)."""

    def __init__(self, searcher, partial: Partial, terms, pages: np.ndarray, deadline: float):
        """``pages``: every section's page as a number (``shares``)."""
        self.partial, self.late, self.terms, self.searcher = partial, False, terms, searcher
        self.sets: list[FrozenBitMap] = []  # the sections that hold each word anywhere
        self.own: list[FrozenBitMap] = []  # ... in their own heading, text or contact
        self.stated: list[FrozenBitMap] = []  # ... outside their breadcrumb trail
        self.relative: list[FrozenBitMap] = []  # ... there only at a relative's weight (a name's part): ``_written``
        self._above: dict[int, FrozenBitMap] = {}  # ... in what they stand under (``CONTEXT_FIELDS``): ``above``
        self.weights: list[float] = []
        self.heads: dict[int, FrozenBitMap] = {}  # a word's position -> the sections that hold its head
        self.shared: dict[int, frozenset[int]] = {}  # a best section -> its words held only inside another's word
        self._terms_of: dict[int, list] | None = None  # ``_own_terms``
        self.shares: dict[int, np.ndarray] = {}  # a word's position -> how much of it each section holds (0-1)
        self.ways: dict[int, np.ndarray] = {}  # ... and how (an index of ``WAYS``)
        self.asked = np.zeros(searcher.doc_count_all())  # what a heading asked like the query adds (``lift``)
        by_heads: dict[int, np.ndarray] = {}  # a word's position -> how much of it each section holds by its head
        for position, term in enumerate(partial.loose):
            found, late = match_set(searcher, term.query, terms, deadline)
            own = match_set(searcher, term.own, terms, deadline)[0] if term.own is not None else found
            holding = len(own) or len(found)
            weight = rarity(len(terms.live), holding) if position < partial.words else 0.0  # filler: score only
            self.sets.append(found)
            self.weights.append(weight)
            stated = itself = relative = EMPTY
            if weight:
                (stated, itself), fields_late = self._in_fields(searcher, term.query, deadline)
                # "affär" in "Affärsverken" only; "bygger" for "hus" (byggnad's family, not hus's)
                relative = stated - self._written(searcher, term.query, without_synonyms(term))
                trail = 1.0 if partial.one_word else NAVIGATION_SHARE  # a query of one word: held anywhere
                held, way = shares(found, stated, pages, relative, itself, trail)
                if term.around:  # a kommun's or a tätort's län: its sections hold a share of the place
                    tagged = wq.Or([wq.Term(REGIONS_FIELD, county) for county in term.around])
                    near, near_late = match_set(searcher, tagged, terms, deadline)
                    less = _documents(near)[held[_documents(near)] < COUNTY_SHARE]
                    held[less], way[less] = COUNTY_SHARE, COUNTY
                    on_page = _documents(near)[way[_documents(near)] == PAGE]
                    held[on_page] = PLACE_PAGE_SHARE
                    late |= near_late
                if (parts := apart(term.query)) is not None:
                    scattered, parts_late = match_set(searcher, parts, terms, deadline)
                    less = _documents(scattered)[held[_documents(scattered)] < APART_SHARE]
                    held[less], way[less] = APART_SHARE, APART
                    late |= parts_late
                if term.head is not None:
                    heads, head_late = match_set(searcher, term.head.query, terms, deadline)
                    (head_stated, _), head_fields_late = self._in_fields(searcher, term.head.query, deadline)
                    share = HEAD_SHARE * min(1.0, rarity(len(terms.live), len(heads)) / weight)  # a common head less
                    head_relative = head_stated - self._written(searcher, term.head.query)
                    by_heads[position] = share * shares(heads, head_stated, pages, head_relative)[0]
                    self.heads[position] = heads
                    late |= head_late or head_fields_late
                self.shares[position], self.ways[position] = held, way
                late |= fields_late
            self.own.append(itself)
            self.stated.append(stated)
            self.relative.append(relative)
            self.late |= late
        self._weigh_parts()
        self._narrow_places()
        self.word_holders: FrozenBitMap = EMPTY  # a compound searched as its parts (``alone``): who holds it
        self.late |= self._parts_spread(searcher, pages, deadline)
        self.by_heads_only = self._held() == 0  # the sections a head counts for: they hold none of the words
        for position, held in by_heads.items():
            by_head = self.by_heads_only & (held > 0)
            self.shares[position] = np.where(by_head, held, self.shares[position])
            self.ways[position][by_head] = HEAD
        self.held = self._held()  # how much of the query each section holds, in the words' weight
        self.whole = sum(self.weights)  # what a section holding every word holds

    def _weigh_parts(self) -> None:
        """A compound searched as its parts ("cykelväg": cykel, väg) weighs most in the part it is about
        (``topic_part``): the parts' weights are swapped so that part has the largest. By rarity alone, a
        site that writes less of roads than of cycling listed "Enskilda vägar" before "Cykelparkering"
        (reviewer5 N8), and "småföretag" the sections about "små" before those about companies."""
        for positions, _query in self.partial.joined:
            topic = topic_part([self.partial.loose[position].label for position in positions])
            heaviest = max(positions, key=lambda position: self.weights[position])
            chosen = positions[topic]
            self.weights[chosen], self.weights[heaviest] = self.weights[heaviest], self.weights[chosen]

    def _narrow_places(self) -> None:
        """A word that names a place weighs at most ``PLACE_SHARE`` of the query's other words together (not
        filler), or ``PLACE_WORD_SHARE`` of the heaviest of them if that is more: however rare the place, the topic
        is what the visitor needs, and the place still narrows it. A query of places only keeps their rarity."""
        words = self.partial.loose[: self.partial.words]
        topics = [weight for term, weight in zip(words, self.weights, strict=False) if weight and not term.place]
        if not topics:
            return
        for position, term in enumerate(words):
            if term.place:
                cap = max(PLACE_SHARE * sum(topics), PLACE_WORD_SHARE * max(topics))
                self.weights[position] = min(self.weights[position], cap)

    def _held(self) -> np.ndarray:
        """How much of the query each section holds: each word's weight times its share, summed."""
        held = np.zeros(len(self.asked))
        for position, share in self.shares.items():
            held += self.weights[position] * share
        return held

    def _parts_spread(self, searcher, pages: np.ndarray, deadline: float) -> bool:
        """A compound read as its parts ("energi" and "rådgivning" of "energirådgivning", which no
        section says) is held where they stand together in a section's own words (``wordquery._together``,
        the word's ``query``). A section that holds them all otherwise (apart in its text, one only in the
        heading above it or on another section of its page) holds its best part in full and the others at
        ``APART_SHARE``: more than with one part, less than where they stand together. A section that lacks
        a part holds the others as they are: "höghastighetsjärnväg" holds "hög" and "hastighet" of
        "höghastighetståg" together, and ranks above a section holding "hög" alone. Returns whether the
        deadline passed."""
        late = False
        for positions, query in self.partial.joined:
            together, late_here = match_set(searcher, query, self.terms, deadline)
            best = np.array([self.weights[p] * self.shares[p] for p in positions]).argmax(axis=0)
            spread = np.all([self.shares[p] > 0 for p in positions], axis=0)  # every part, but not together
            spread[_documents(together)] = False
            for n, position in enumerate(positions):
                apart = spread & (best != n) & (self.shares[position] > 0)
                self.shares[position] = np.where(apart, APART_SHARE * self.shares[position], self.shares[position])
                self.ways[position][apart] = APART
            self.word_holders = together if self.partial.alone else EMPTY
            late |= late_here
        return late

    def _written(self, searcher, query: wq.Query, itself: wq.Query | None = None) -> FrozenBitMap:
        """The sections where one of ``query``'s terms, or a word of the family (``families.family``) of a
        term of ``itself`` (the word less its synonyms; default ``query``), stands outside their breadcrumb
        trail as itself, not only at a relative's weight (``family_weight``; ``matchset.TermSets.written``).
        A term a section holds only at that weight is there as a name's part ("affär" in the company
        "Affärsverken") or as the family of another written word: that word is then in the query word's
        family ("samverkan" for "samverka"), and the section holds the word. A synonym's family is not the
        word's: "hus" finds "byggnad", but a section that only says "bygger" (byggnad's family) holds
        "hus" at a relative's weight."""
        relative = family_rules().family_weight
        written = {(name, text) for name, text in query.all_terms() if name not in NAVIGATION_FIELDS}
        own = written if itself is None else {(name, text) for name, text in itself.all_terms()}
        related = {(name, word) for name, text in written & own if isinstance(text, str) for word in family(text)}
        found = [self.terms.written(searcher, name, text, relative) for name, text in sorted(written | related)]
        return FrozenBitMap.union(*found) if found else EMPTY

    def _in_fields(self, searcher, query: wq.Query, deadline: float) -> tuple[tuple[FrozenBitMap, ...], bool]:
        """The sections that hold ``query`` outside their breadcrumb trail, and those that hold it in
        their own fields (not the trail, not the context)."""
        found = [
            match_set(searcher, outside(query, fields), self.terms, deadline)
            for fields in (NAVIGATION_FIELDS, NAVIGATION_FIELDS + CONTEXT_FIELDS)
        ]
        return tuple(sets for sets, _late in found), any(late for _sets, late in found)

    def above(self, position: int, docnum: int) -> bool:
        """Whether what a section stands under (``CONTEXT_FIELDS``) holds word ``position``: read for
        the few sections that hold it in their own fields too and need to know (``_one_word_each``)."""
        if docnum not in self.stated[position]:
            return False
        if docnum not in self.own[position]:
            return True  # outside the trail, not in its own fields: in its context
        if position not in self._above:
            elsewhere = tuple(name for name in SEARCH_FIELDS if name not in CONTEXT_FIELDS)
            query = outside(self.partial.loose[position].query, elsewhere)
            self._above[position] = match_set(self.searcher, query, self.terms, float("inf"))[0]
        return docnum in self._above[position]

    @property
    def nowhere(self) -> list[str]:
        """The query's words no section holds."""
        words = self.partial.loose[: self.partial.words]
        return [term.label for term, found in zip(words, self.sets[: len(words)], strict=True) if not found]

    def lacking(self, docnum: int) -> list[int]:
        """The positions (in ``partial.loose``) of the words a section lacks: it does not hold them,
        or only inside a word that holds another query word (and not in what it stands under)."""
        shared = self.shared.get(docnum, frozenset())
        return [
            position
            for position, found in enumerate(self.sets)
            if docnum not in found or position in shared and not self.above(position, docnum)
        ]

    def by_head(self, docnum: int) -> list[int]:
        """The positions of the query's words a section lacks but holds the head of (``HEAD_SHARE``)."""
        return [
            position for position, heads in self.heads.items() if docnum not in self.sets[position] and docnum in heads
        ]

    def only_above(self, docnum: int) -> list[int]:
        """The positions of the query's words a section holds only in what it stands under (its page's
        and group's heading, ``CONTEXT_FIELDS``), not in its own heading, text or contact."""
        shared = self.shared.get(docnum, frozenset())
        return [
            position
            for position in range(len(self.sets))
            if (docnum not in self.own[position] or position in shared) and self.above(position, docnum)
        ]

    def top(
        self, searcher, _query, deadline: float, limit: int, terms, candidates: FrozenBitMap
    ) -> tuple[list[tuple[int, float]], bool]:
        """The best ``limit`` candidates by coverage, then ordinary score, then document
        (``collect.top``'s signature: the query is the partial query's)."""
        scores = self._scores(searcher, terms)
        if scores is None:
            top, late = self._top_by_whoosh(searcher, terms, candidates, limit, deadline)
        else:
            docs = _documents(candidates).astype(np.int64)
            order = np.lexsort((docs, -scores[docs], -self.coverage(docs)))[:limit]
            top, late = [(int(docs[i]), float(scores[docs[i]])) for i in order], False
        self._one_word_each(searcher, [docnum for docnum, _ in top])  # a section only falls: among these
        return sorted(top, key=self.order), late

    def _scores(self, searcher, terms) -> np.ndarray | None:
        """Every section's score: the words' (``Partial.scored``), and for a section that holds none of
        them, its heads'; None if the query cannot be scored as vectors."""
        scores = scoring.vector(searcher, self.partial.scored, terms)
        if scores is None or self.partial.heads is None:
            return scores
        heads = scoring.vector(searcher, self.partial.heads, terms)
        return None if heads is None else scores + np.where(self.by_heads_only, heads, 0.0)

    def _top_by_whoosh(self, searcher, terms, candidates: FrozenBitMap, limit: int, deadline: float):
        """Whoosh's own scores for the candidates that can be among the best ``limit`` by coverage
        (those that hold as much of the query as the ``limit``-th best, or more), in this order: the
        words' (``Partial.scored``), and with the heads for a section that holds none of the words."""
        docs = _documents(candidates)
        if len(docs) > limit:
            bar = np.partition(self.held[docs], len(docs) - limit)[len(docs) - limit]
            docs = docs[self.held[docs] >= bar]
        if not len(docs):
            return [], False
        by_heads = self.by_heads_only[docs]
        scored, late = [], False
        for query, chosen in ((self.partial.scored, docs[~by_heads]), (self.partial.query, docs[by_heads])):
            if len(chosen):
                found, chosen_late = collect.top(searcher, query, deadline, len(chosen), terms, FrozenBitMap(chosen))
                scored, late = scored + found, late or chosen_late
        return sorted(scored, key=self.order)[:limit], late

    def _one_word_each(self, searcher, docnums: list[int]) -> None:
        """Among ``docnums``, a word of the query that a section holds in its own fields only inside
        a written word that also holds another of the query's words ("stadsbyggnadskontoret": *stad*
        and *bygga*) counts as held there no more. The written word goes to the word whose loss costs
        least (one that what the section stands under holds anyway, else the commoner), so a section
        is credited with no more than its words show: "Kontakt … stadsbyggnadskontoret" on a page headed
        "Stenstaden" holds *stad* and lacks *bygga* (``SHARED_SHARE``), and is reported so (``lacking``,
        ``only_above``). Each section's written words (field and position) are read from the postings
        for the words it holds in its own fields, two or more."""
        words = [position for position, weight in enumerate(self.weights) if weight]
        readers = scoring.PositionReaders(searcher)  # each term's postings opened once, read in document order
        for docnum in sorted(docnums):
            held = [position for position in words if docnum in self.own[position]]
            if len(held) < 2:
                continue
            read = {position: self._tokens(searcher, readers, position, docnum) for position in held}
            tokens = {position: found for position, found in read.items() if found is not None}
            held = list(tokens)  # a word held by a term the query gives several words holds it with all of them
            taken: dict[tuple[str, int], int] = {}  # a written word -> the query word it holds
            shared = []
            for position in sorted(held, key=lambda p: (self._loss(p, docnum), p)):
                free = tokens[position] - taken.keys()
                if not free:
                    if not self._parts_hold_both(searcher, readers, docnum, position, tokens[position], taken):
                        shared.append(position)
                    continue
                taken[min(free, key=lambda token: sum(token in tokens[other] for other in held))] = position
            if shared:
                self.shared[docnum] = frozenset(shared)
                for position in shared:
                    if not self.above(position, docnum):
                        self.shares[position][docnum] -= 1.0 - SHARED_SHARE
                        self.ways[position][docnum] = SHARED
                        self.held[docnum] -= self.weights[position] * (1.0 - SHARED_SHARE)

    def _parts_hold_both(self, searcher, readers, docnum: int, position: int, tokens, taken) -> bool:
        """Whether a written word that holds another of the query's words holds word ``position`` too,
        each as one of its own compound parts: "butikslokaler" is butik + lokal, and holds both "butik"
        and "lokaler" (outsider18: "butik" counted half, and "pop up butik tomma lokaler" ranked the
        section that says "elva tomma butikslokaler" fifth). Not a part's relative: "stadsbyggnadskontoret"
        holds *bygga* only as the family of its part *byggnad*, and holds "städer" or "bygger", not both."""
        for fieldname, at in tokens:
            other = taken.get((fieldname, at))
            if other is None:
                continue
            parts = _parts_at(searcher, docnum, fieldname, at)
            mine, theirs = (
                self._texts_at(readers, position, docnum, fieldname, at),
                self._texts_at(readers, other, docnum, fieldname, at),
            )
            if any(a != b for a in mine & parts for b in theirs & parts):
                return True
        return False

    def _texts_at(self, readers, position: int, docnum: int, fieldname: str, at: int) -> set[str]:
        """The terms of word ``position`` that a section holds at (``fieldname``, ``at``)."""
        return {
            text
            for name, text, holding, _common in self._terms_of[position]
            if name == fieldname and docnum in holding and at in readers.at(name, text, docnum)
        }

    def _loss(self, position: int, docnum: int) -> float:
        """What a section's coverage loses if word ``position`` is not held by a word of its own."""
        return 0.0 if self.above(position, docnum) else self.weights[position] * (1.0 - SHARED_SHARE)

    def _tokens(self, searcher, readers, position: int, docnum: int) -> set[tuple[str, int]] | None:
        """The written words (field, position) of a section's own fields that hold word ``position``;
        None if one of them holds it by a term the query gives several of its words (the synonym of a
        key of several words: "SKR" holds all of "sveriges kommuner och regioner")."""
        found = set()
        for fieldname, text, holding, common in self._own_terms(searcher)[position]:
            if docnum in holding:
                if common:
                    return None
                found.update((fieldname, at) for at in readers.at(fieldname, text, docnum))
        return found

    def _own_terms(self, searcher) -> dict[int, list[tuple[str, str, FrozenBitMap, bool]]]:
        """Each word's terms in the sections' own fields, read from its query once: (field, text, the
        sections that hold it, whether the query gives it to several words)."""
        if self._terms_of is None:
            terms_of = {
                position: {(name, text) for name, text in term.query.all_terms() if name in OWN_FIELDS}
                for position, (term, weight) in enumerate(zip(self.partial.loose, self.weights, strict=True))
                if weight
            }
            given = Counter(key for keys in terms_of.values() for key in keys)
            self._terms_of = {
                position: [
                    (name, text, self.terms.get(searcher, name, text), given[name, text] > 1)
                    for name, text in sorted(keys)
                ]
                for position, keys in terms_of.items()
            }
        return self._terms_of

    def rerank(self, searcher, top: list[tuple[int, float]], near, terms) -> list[tuple[int, float]]:
        """Proximity added to the scores, the order by coverage kept."""
        return sorted(rerank.by_proximity(searcher, top, near, terms), key=self.order)

    def lift(self, docnums: list[int]) -> None:
        """Raise the coverage of sections whose heading answers the visitor's question (``rerank.by_question``).
        Such a heading answers it about what it stands under ("Vem kan söka?" on a call in the menu "Sök
        pengar", "Adresser" on a page of offices under "Om Tillväxtverket"), so a word it holds only in its
        breadcrumbs (``TRAIL``) counts in full, as one in the heading above it does, and ``ASKED_SHARE`` of the
        lightest word is added: it goes before
        sections that hold about as much of the query, never before one that holds a word more. One that holds
        every word (in its breadcrumbs too) reaches whole and is ordered among its peers by the question's
        score; one that lacks a word stays below whole (``BELOW_FULL``): coverage 1 says "every word"
        (reviewer5 N8). A section that holds none of the query's words answers nothing, however it is asked
        ("Varför behövs en grönplan?" for "varför behövs dubbelspår": outsider17), and gains nothing."""
        lightest = min((weight for weight in self.weights if weight), default=0.0)
        answering = np.array([docnum for docnum in docnums if self.held[docnum] > 0], dtype=np.int64)
        gained = np.full(len(answering), ASKED_SHARE * lightest)
        for position, share in self.shares.items():
            in_trail = self.ways[position][answering] == TRAIL
            gained += in_trail * self.weights[position] * (1.0 - share[answering])
        every = np.array([self._holds_every_word(docnum) for docnum in answering], dtype=bool)
        held = self.held[answering]
        raised = np.maximum(held, np.minimum(held + gained, np.where(every, 1.0, BELOW_FULL) * self.whole))
        self.asked[answering] += raised - held
        self.held[answering] = raised

    def _holds_every_word(self, docnum: int) -> bool:
        """Whether a section holds each of the query's words (not the filler), in any of its fields."""
        return not any(position < self.partial.words for position in self.lacking(docnum))

    def coverage(self, docnums):
        """How much of the query sections hold: their ``held`` weight as a share of every word's
        (``rerank.FULL_COVERAGE``: all of it), to ``COVERAGE_DECIMALS``; between equal coverages the
        score decides."""
        held = self.held[docnums]
        if not self.whole:  # only phrases and filler: every partial match holds every phrase
            return np.full_like(held, rerank.FULL_COVERAGE)
        return np.round(held / self.whole, COVERAGE_DECIMALS)

    def counted(self, docnum: int) -> list[dict]:
        """What a hit's coverage counts, for the JSON (``coverage_terms``): each of the query's words (not
        filler) with its weight (its share of the query's, ``rarity``), how much of it the hit holds and how
        (``WAYS``); what a heading asked like the query adds (``lift``) is named ``ASKED``. The coverage is
        the sum of weight times held (to ``COVERAGE_DECIMALS``)."""
        if not self.whole:
            return []
        counted = [
            {
                "word": self.partial.loose[position].label,
                "weight": round(self.weights[position] / self.whole, COVERAGE_DECIMALS),
                "held": round(float(share[docnum]), COVERAGE_DECIMALS),
                "as": WAYS[self.ways[position][docnum]],
            }
            for position, share in self.shares.items()
        ]
        if asked := self.asked[docnum]:
            weight = round(float(asked) / self.whole, COVERAGE_DECIMALS)
            counted.append({"word": None, "weight": weight, "held": 1.0, "as": ASKED})
        return counted

    def order(self, hit: tuple[int, float | None]) -> tuple:
        """The order of partial matches: ``rerank.relevance_order`` by their coverage."""
        return rerank.relevance_order(float(self.coverage(hit[0])), hit[1], hit[0])


def shares(
    found: FrozenBitMap,
    stated: FrozenBitMap,
    pages: np.ndarray,
    relative: FrozenBitMap = EMPTY,
    itself: FrozenBitMap = EMPTY,
    trail: float = NAVIGATION_SHARE,
) -> tuple[np.ndarray, np.ndarray]:
    """How much of a word each section holds, and how (``WAYS``), given the sections that hold it
    (``found``), those that hold it outside their breadcrumb trail (``stated``), those of them that hold
    it there only at a relative's weight (``relative``: "affär" in the company name "Affärsverken") and
    those that hold it in their own fields (``itself``): all of it, ``family_weight`` for ``relative``,
    ``trail`` in the trail only, ``PAGE_SHARE`` when another section of its page states it as itself;
    the most of these."""
    held, way = np.zeros(len(pages)), np.full(len(pages), NONE, dtype=np.uint8)
    stating, finding = _documents(stated - relative), _documents(found)
    page_states = np.zeros(int(pages.max(initial=-1)) + 1, dtype=bool)
    page_states[pages[stating]] = True
    held[page_states[pages]], way[page_states[pages]] = PAGE_SHARE, PAGE
    held[finding], way[finding] = np.maximum(held[finding], trail), TRAIL
    relatives = _documents(relative)
    held[relatives], way[relatives] = np.maximum(held[relatives], family_rules().family_weight), RELATIVE
    held[stating], way[stating] = 1.0, CONTEXT
    way[_documents(itself - relative)] = OWN
    return held, way


def _documents(found: FrozenBitMap) -> np.ndarray:
    return np.frombuffer(found.to_array(), dtype=np.uint32)
