"""The query language: what a visitor types -> a Whoosh query.

The language, for Swedish users:

* words are all required: ``hamn logistik``;
* ``"regional kärna"`` is a phrase;
* ``-hamn`` or ``INTE hamn`` (``NOT``) excludes;
* ``hamn ELLER kust`` (``OR``, ``|``) accepts either; ``OCH``/``AND`` is the default;
* ``bostad*`` is a prefix (at least ``MIN_PREFIX`` letters, ``MAX_PREFIX_TERMS`` expansions).

Anything else is text: parentheses, colons and other punctuation are ignored,
so there is no field syntax, regex or range to abuse. ``parse`` never raises:
every string is a query, possibly an empty one.

Each word is analyzed with the index's own analyzer, so the query matches the
terms the indexer wrote (a word the analysis drops, a stop word, drops out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq

from indexer.schema import SEARCH_FIELDS

OR_WORDS = frozenset({"OR", "ELLER", "|"})
AND_WORDS = frozenset({"AND", "OCH", "&"})
NOT_WORDS = frozenset({"NOT", "INTE"})
MIN_PREFIX = 3
MAX_PREFIX_TERMS = 50
MAX_CLAUSES = 32

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
            if join_with_previous and previous and not negated and not previous.negated:
                clauses[-1] = Clause((*previous.options, atom))
            else:
                clauses.append(Clause((atom,), negated))
            join_with_previous = False
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]))


def _atoms(match: re.Match) -> tuple[list[Word | Phrase], bool]:
    if match.group("phrase") is not None:
        words = tuple(_WORD_CHARS.findall(match.group("phrase").replace("*", " ")))
        return ([Phrase(words)] if len(words) > 1 else [Word(w) for w in words]), bool(match.group("neg"))
    raw = match.group("word")
    negated = raw.startswith("-") and len(raw) > 1
    words = _WORD_CHARS.findall(raw)
    return [_word(w) for w in words if w.strip("*")], negated


def _word(text: str) -> Word:
    stripped = text.strip("*")
    return Word(stripped, prefix=text.endswith("*") and len(stripped) >= MIN_PREFIX)


# -- To Whoosh ----------------------------------------------------------------


@dataclass
class Compiled:
    """A Whoosh query and what the snippets should highlight."""

    query: wq.Query | None  # None: nothing searchable was typed
    terms: set[str] = field(default_factory=set)  # index terms that count as a hit
    prefixes: set[str] = field(default_factory=set)
    dropped: list[str] = field(default_factory=list)  # words the analysis dropped (stop words)


def compile_query(parsed: ParsedQuery, searcher) -> Compiled:
    """Turn parsed clauses into a Whoosh query against the searched fields."""
    compiled = Compiled(None)
    required, excluded = [], []
    for clause in parsed.clauses:
        options = [q for q in (_option(o, searcher, compiled, clause.negated) for o in clause.options) if q]
        if not options:
            continue
        query = options[0] if len(options) == 1 else wq.Or(options)
        (excluded if clause.negated else required).append(query)
    if not required and not excluded:
        return compiled
    positive = wq.And(required) if required else wq.Every()
    compiled.query = wq.AndNot(positive, wq.Or(excluded)) if excluded else positive
    return compiled


def _option(option: Word | Phrase, searcher, compiled: Compiled, negated: bool) -> wq.Query | None:
    analyzer = searcher.schema["text"].analyzer
    if isinstance(option, Phrase):
        terms = [t for word in option.words for t in _terms(analyzer, word)[:1]]
        if len(terms) < 2:
            return _word_query(terms, compiled, negated) if terms else None
        if not negated:
            compiled.terms.update(terms)
        return wq.Or([wq.Phrase(f, terms, boost=b) for f, b in SEARCH_FIELDS.items()])
    if option.prefix:
        return _prefix_query(option.text.lower(), searcher, compiled, negated)
    terms = _terms(analyzer, option.text)
    if not terms:
        compiled.dropped.append(option.text)
        return None
    return _word_query(terms, compiled, negated)


def _terms(analyzer, word: str) -> list[str]:
    return [token.text for token in analyzer(word, mode="query")]


def _word_query(terms: list[str], compiled: Compiled, negated: bool) -> wq.Query:
    if not negated:
        compiled.terms.update(terms)
    per_term = [
        wq.Or([wq.Term(f, term, boost=b) for f, b in SEARCH_FIELDS.items()]) for term in terms
    ]
    return per_term[0] if len(per_term) == 1 else wq.And(per_term)


def _prefix_query(prefix: str, searcher, compiled: Compiled, negated: bool) -> wq.Query | None:
    """A prefix expanded to at most MAX_PREFIX_TERMS of the most frequent terms."""
    reader = searcher.reader()
    expansions: dict[str, int] = {}
    for fieldname in SEARCH_FIELDS:
        for term in reader.expand_prefix(fieldname, prefix):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            expansions[text] = expansions.get(text, 0) + reader.doc_frequency(fieldname, text)
    best = sorted(expansions, key=lambda t: (-expansions[t], t))[:MAX_PREFIX_TERMS]
    if not best:
        return wq.NullQuery
    if not negated:
        compiled.prefixes.add(prefix)
        compiled.terms.update(best)
    return wq.Or([wq.Term(f, t, boost=b) for t in best for f, b in SEARCH_FIELDS.items()])
