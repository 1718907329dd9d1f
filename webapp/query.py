"""The query language: what a visitor types -> a Whoosh query.

The language, for Swedish users:

* words are all required: ``hamn logistik``;
* ``"regional kärna"`` is a phrase;
* ``-hamn`` or ``INTE hamn`` (``NOT``) excludes;
* ``hamn ELLER kust`` (``OR``, ``|``) accepts either; ``OCH``/``AND`` is the default;
* ``bostad*`` is a prefix (at least ``MIN_PREFIX`` letters, ``MAX_PREFIX_TERMS`` expansions;
  all prefixes of a query together at most ``MAX_QUERY_TERMS``, from ``MAX_QUERY_LOOKUPS``
  lookups: past that, a prefix is looked up only as typed, then not at all).

Anything else is text: parentheses, colons and other punctuation are ignored,
so there is no field syntax, regex or range to abuse. ``parse`` never raises:
every string is a query, possibly an empty one.

Each word is analyzed with the index's own analyzer, so the query matches the
terms the indexer wrote (a word the analysis drops, a stop word, drops out).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from whoosh import query as wq

from indexer.analysis import fold
from indexer.schema import SEARCH_FIELDS

from .folding import spellings, unfolded_terms
from .spelling import corrections

OR_WORDS = frozenset({"OR", "ELLER", "|"})
AND_WORDS = frozenset({"AND", "OCH", "&"})
NOT_WORDS = frozenset({"NOT", "INTE"})
MIN_PREFIX = 3
MAX_PREFIX_TERMS = 50
MAX_CLAUSES = 32
MAX_PHRASE_WORDS = 16
MAX_OPTIONS = 16  # alternatives joined by ELLER in one clause
#: What all the prefixes of one query may cost together, so no query spends more
#: than its time budget before it runs: term-dictionary lookups (a prefix with
#: 256 spellings in 3 fields makes 768) and the index terms they expand to.
MAX_QUERY_LOOKUPS = 800
MAX_QUERY_TERMS = 200

_TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_WORD_CHARS = re.compile(r"[\w*]+(?:[-'’][\w*]+)*")


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """Alternatives of which one must match (or, if negated, none may)."""

    options: tuple[Word | Phrase, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    truncated: bool = False  # more than MAX_CLAUSES words were typed; the rest are ignored

    @property
    def is_empty(self) -> bool:
        return not self.clauses


def parse(text: str) -> ParsedQuery:
    """Read a query string into clauses; never raises."""
    clauses: list[Clause] = []
    negate_next = join_with_previous = False
    for match in _TOKEN.finditer(text):
        raw = match.group("word")
        if raw in OR_WORDS:
            join_with_previous = bool(clauses)
            continue
        if raw in AND_WORDS:
            continue
        if raw in NOT_WORDS:
            negate_next = True
            continue
        atoms, negated = _atoms(match)
        negated = negated or negate_next
        negate_next = False
        for atom in atoms:
            previous = clauses[-1] if clauses else None
            if (join_with_previous and previous and not negated and not previous.negated
                    and len(previous.options) < MAX_OPTIONS):
                clauses[-1] = Clause((*previous.options, atom))
            else:
                clauses.append(Clause((atom,), negated))
            join_with_previous = False
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]), truncated=len(clauses) > MAX_CLAUSES)


def _atoms(match: re.Match) -> tuple[list[Word | Phrase], bool]:
    if match.group("phrase") is not None:
        words = tuple(_WORD_CHARS.findall(match.group("phrase").replace("*", " ")))[:MAX_PHRASE_WORDS]
        return ([Phrase(words)] if len(words) > 1 else [Word(w) for w in words]), bool(match.group("neg"))
    raw = match.group("word")
    negated = raw.startswith("-") and len(raw) > 1
    words = _WORD_CHARS.findall(raw)
    return [_word(w) for w in words if w.strip("*")], negated


def _word(text: str) -> Word:
    stripped = text.strip("*")
    return Word(stripped, prefix=text.endswith("*") and len(stripped) >= MIN_PREFIX)


# -- To Whoosh ----------------------------------------------------------------

#: How much a match counts that is not the word itself, relative to an exact match.
FOLDED_WEIGHT = 0.4  # the word with the å, ä, ö the visitor left out
PARTS_WEIGHT = 0.25  # all parts of a compound query word, written apart or in other compounds
TYPO_WEIGHT = 0.5  # a known word a few edits away
NEAR_WEIGHT = 1.0  # extra for several query words standing close together
NEAR_SLOP = 3  # how close: at most this many positions apart
NEAR_FIELDS = ("title", "text")


@dataclass
class Compiled:
    """A Whoosh query, what the snippets should highlight, and what to tell the visitor."""

    query: wq.Query | None  # None: nothing searchable was typed
    near: wq.Query | None = None  # the plain words close together: scored for the best hits only
    highlight: set[str] = field(default_factory=set)  # folded terms whose words count as hits
    prefixes: set[str] = field(default_factory=set)  # folded prefixes whose words count as hits
    dropped: list[str] = field(default_factory=list)  # words the analysis dropped (stop words)
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> known word
    lookups_left: int = MAX_QUERY_LOOKUPS  # what the query's prefixes may still cost
    terms_left: int = MAX_QUERY_TERMS
    cut: bool = False  # a prefix was expanded less, or not at all, to stay in the budget
    late: bool = False  # the deadline passed while compiling: the later words were left out


def compile_query(parsed: ParsedQuery, searcher, deadline: float | None = None) -> Compiled:
    """Turn parsed clauses into a Whoosh query against the searched fields, stopping
    (``late``) if ``deadline`` (a ``time.monotonic`` value) passes."""
    compiled = Compiled(None)
    required, excluded = [], []
    for clause in parsed.clauses:
        if deadline is not None and time.monotonic() > deadline:
            compiled.late = True
            break
        options = [q for q in (_option(o, searcher, compiled, clause.negated) for o in clause.options) if q]
        if not options:
            continue
        query = options[0] if len(options) == 1 else wq.Or(options)
        (excluded if clause.negated else required).append(query)
    if not required and not excluded:
        return compiled
    positive = wq.And(required) if required else wq.Every()
    compiled.query = wq.AndNot(positive, wq.Or(excluded)) if excluded else positive
    compiled.near = _nearness(parsed, searcher)
    return compiled


def _nearness(parsed: ParsedQuery, searcher) -> wq.Query | None:
    """The plain query words standing close together: a bonus, not a requirement."""
    words = [
        clause.options[0].text for clause in parsed.clauses
        if len(clause.options) == 1 and not clause.negated and isinstance(clause.options[0], Word)
        and not clause.options[0].prefix
    ]
    wholes = [analyzed[0][0] for analyzed in (analyze(searcher, word) for word in words) if analyzed]
    if len(wholes) < 2:
        return None
    return wq.Or([wq.Phrase(name, wholes, slop=NEAR_SLOP, boost=SEARCH_FIELDS[name] * NEAR_WEIGHT)
                  for name in NEAR_FIELDS])


def _option(option: Word | Phrase, searcher, compiled: Compiled, negated: bool) -> wq.Query | None:
    if isinstance(option, Phrase):
        return _phrase_query(option, searcher, compiled, negated)
    if option.prefix:
        return _prefix_query(option.text.lower(), searcher, compiled, negated)
    words = analyze(searcher, option.text)
    if not words:
        compiled.dropped.append(option.text)
        return None
    queries = [_word_query(whole, parts, option.text, searcher, compiled, negated) for whole, parts in words]
    return queries[0] if len(queries) == 1 else wq.And(queries)


def analyze(searcher, text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each word of ``text`` as (lemma, compound parts), by the index's own analyzer."""
    words: list[tuple[str, list[str]]] = []
    for token in searcher.schema["text"].analyzer(text, mode="query"):
        if getattr(token, "part", False) and words:
            words[-1][1].append(token.text)
        else:
            words.append((token.text, []))
    return [(whole, tuple(parts)) for whole, parts in words]


def _fields(term: str, weight: float = 1.0) -> wq.Query:
    return wq.Or([wq.Term(name, term, boost=boost * weight) for name, boost in SEARCH_FIELDS.items()])


def _word_query(whole: str, parts: tuple[str, ...], typed: str, searcher, compiled: Compiled,
                negated: bool) -> wq.Query:
    """A typed word: its lemma, else its lemma with å, ä, ö put back, else all its
    compound parts, else the nearest known words."""
    reader = searcher.reader()
    unfolded = unfolded_terms(typed, whole, lambda term: _indexed(reader, term))
    alternatives = [_fields(whole)] + [_fields(term, FOLDED_WEIGHT) for term in unfolded]
    parts_indexed = bool(parts) and all(_indexed(reader, part) for part in parts)
    if parts_indexed:
        alternatives.append(wq.And([_fields(part, PARTS_WEIGHT) for part in parts]))
    if not negated:
        compiled.highlight.update(fold(term) for term in (whole, *unfolded, *(parts if parts_indexed else ())))
        if not (unfolded or parts_indexed or _indexed(reader, whole)):
            alternatives += _typo_alternatives(typed, searcher, compiled)
    return wq.Or(alternatives)


def _indexed(reader, term: str) -> bool:
    """Whether any searched field holds the term."""
    return any(reader.doc_frequency(name, term) for name in SEARCH_FIELDS)


def _typo_alternatives(typed: str, searcher, compiled: Compiled) -> list[wq.Query]:
    candidates = corrections(searcher.reader(), typed)
    if not candidates:
        return []
    compiled.corrections[typed] = candidates[0]
    alternatives = []
    for candidate in candidates:
        for whole, _parts in analyze(searcher, candidate):
            compiled.highlight.add(fold(whole))
            alternatives.append(_fields(whole, TYPO_WEIGHT))
    return alternatives


def _phrase_query(phrase: Phrase, searcher, compiled: Compiled, negated: bool) -> wq.Query | None:
    """Words in this order, next to each other (stop words left out); each word may
    also be its spelling with å, ä, ö put back, at a lower weight."""
    reader = searcher.reader()
    words = [(typed, analyzed[0][0]) for typed in phrase.words if (analyzed := analyze(searcher, typed))]
    if len(words) < 2:
        return _option(Word(words[0][0]), searcher, compiled, negated) if words else None
    wholes = [whole for _, whole in words]
    variants = [[whole, *unfolded_terms(typed, whole, lambda t: _indexed(reader, t))] for typed, whole in words]
    if not negated:
        compiled.highlight.update(fold(term) for terms in variants for term in terms)
    queries = [wq.Phrase(name, wholes, boost=boost) for name, boost in SEARCH_FIELDS.items()]
    if any(len(terms) > 1 for terms in variants):
        queries += [
            wq.Sequence([wq.Or([wq.Term(name, t, boost=boost * FOLDED_WEIGHT) for t in terms]) for terms in variants])
            for name, boost in SEARCH_FIELDS.items()
        ]
    return wq.Or(queries)


def _prefix_query(prefix: str, searcher, compiled: Compiled, negated: bool) -> wq.Query:
    """A prefix expanded to at most MAX_PREFIX_TERMS of the most frequent terms,
    within what is left of the query's budget."""
    reader = searcher.reader()
    texts = spellings(prefix)
    if len(texts) * len(SEARCH_FIELDS) > compiled.lookups_left:
        texts = texts[:compiled.lookups_left // len(SEARCH_FIELDS)]  # the typed spelling first
        compiled.cut = True
    compiled.lookups_left -= len(texts) * len(SEARCH_FIELDS)
    expansions: dict[tuple[str, str], int] = {}
    for name in SEARCH_FIELDS:
        for text in texts:
            for term in reader.expand_prefix(name, text):
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                expansions[(name, term)] = reader.doc_frequency(name, term)
    keep = min(MAX_PREFIX_TERMS, compiled.terms_left)
    compiled.cut |= len(expansions) > keep and keep < MAX_PREFIX_TERMS
    best = sorted(expansions, key=lambda key: (-expansions[key], key))[:keep]
    compiled.terms_left -= len(best)
    if not best:
        return wq.NullQuery
    if not negated:
        compiled.prefixes.add(fold(prefix))
    return wq.Or([wq.Term(name, term) for name, term in best])
