"""The query language: what a visitor types -> a Whoosh query.

The language, for Swedish users:

* words are all required: ``hamn logistik``;
* ``"regional kärna"`` is a phrase; one word in quotes (``"tåg"``) is exact:
  required, without synonyms;
* ``-hamn`` or ``INTE hamn`` (``NOT``) excludes;
* ``hamn ELLER kust`` (``OR``, ``|``) accepts either; ``OCH``/``AND`` is the default;
* ``bostad*`` is a prefix (at least ``MIN_PREFIX`` letters, ``MAX_PREFIX_TERMS`` expansions;
  all prefixes of a query together at most ``MAX_QUERY_TERMS``, from ``MAX_QUERY_LOOKUPS``
  lookups: past that, a prefix is looked up only as typed, then not at all);
* question words and filler ("hur", "finns", "man": ``data/optional_words.txt``)
  are optional: left out while other words remain.

When few sections hold every word, ``partial.py`` ranks those that hold some
of them; phrases and exclusions stay strict. The editors' synonyms
(``corpus/synonyms.toml``) add the words a typed word also finds, weighted
below the word itself.

Anything else is text: parentheses, colons and other punctuation are ignored,
so there is no field syntax, regex or range to abuse. ``parse`` never raises:
every string is a query, possibly an empty one.

Each word is analyzed with the index's own analyzer, so the query matches the
terms the indexer wrote (a word the analysis drops, a stop word, drops out).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from functools import cache

from whoosh import query as wq

from indexer import datafiles
from indexer.analysis import fold, normalize
from indexer.families import lemmas, particle_nouns
from indexer.families import rules as family_rules
from indexer.schema import SEARCH_FIELDS
from indexer.synonyms import Synonym, Synonyms
from indexer.words import is_known, lemmatize

from . import places
from .folding import spellings, unfolded_terms
from .spelling import corrections
from .vocabulary import holds

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
_WORD_CHARS = re.compile(r"(?:[^\W_]|\*)+(?:[-'’](?:[^\W_]|\*)+)*")  # letters and digits; "_" separates


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False
    exact: bool = False  # typed in quotes: required even among partial matches, no synonyms
    short: bool = False  # typed with * but shorter than MIN_PREFIX: searched as the word itself


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


def parse(text: str) -> ParsedQuery:
    """Read a query string into clauses; never raises."""
    text = normalize(text)  # as the index reads text: "sjö\xadfarts" is one word, "ﬁ" is "fi"
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
            if (
                join_with_previous
                and previous
                and not negated
                and not previous.negated
                and len(previous.options) < MAX_OPTIONS
            ):
                clauses[-1] = Clause((*previous.options, atom))
            else:
                clauses.append(Clause((atom,), negated))
            join_with_previous = False
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]), truncated=len(clauses) > MAX_CLAUSES)


def _atoms(match: re.Match) -> tuple[list[Word | Phrase], bool]:
    if match.group("phrase") is not None:
        words = tuple(_WORD_CHARS.findall(match.group("phrase").replace("*", " ")))[:MAX_PHRASE_WORDS]
        return ([Phrase(words)] if len(words) > 1 else [Word(w, exact=True) for w in words]), bool(match.group("neg"))
    raw = match.group("word")
    negated = raw.startswith("-") and len(raw) > 1
    words = _WORD_CHARS.findall(raw)
    return [_word(w) for w in words if w.strip("*")], negated


def _word(text: str) -> Word:
    stripped = text.strip("*")
    starred = text.endswith("*")
    return Word(stripped, prefix=starred and len(stripped) >= MIN_PREFIX, short=starred and len(stripped) < MIN_PREFIX)


def short_prefixes(parsed: ParsedQuery) -> list[str]:
    """The words typed with * that are too short to be a prefix ("b*"), as typed."""
    return [f"{o.text}*" for c in parsed.clauses for o in c.options if isinstance(o, Word) and o.short]


# -- To Whoosh ----------------------------------------------------------------

#: How much a match counts that is not the word itself, relative to an exact match.
FOLDED_WEIGHT = 0.4  # the word with the å, ä, ö the visitor left out
PARTS_WEIGHT = 0.25  # all parts of a compound query word, written apart or in other compounds
TYPO_WEIGHT = 0.5  # a known word a few edits away
SYNONYM_WEIGHT = 0.5  # a word the editors' synonyms say it also means
NEAR_WEIGHT = 1.0  # extra for several query words standing close together
NEAR_SLOP = 3  # how close: at most this many positions apart
NEAR_FIELDS = ("title", "text")


@dataclass(frozen=True)
class QueryTerm:
    """One thing the visitor asked for: a word with its alternatives, words joined by
    ELLER, or a phrase. ``label`` is how it was typed, for "Saknas: …"."""

    label: str
    query: wq.Query
    strict: bool = False  # a phrase: required even when partial matches are shown
    own: wq.Query | None = None  # the word without its synonyms (None: it has none): how rare it is
    pieces: tuple[QueryTerm, ...] = ()  # a word no section holds whole ("eu-bidrag"): its parts, each may be missing


@dataclass
class Compiled:
    """A Whoosh query, what the snippets should highlight, and what to tell the visitor."""

    query: wq.Query | None  # None: nothing searchable was typed
    near: wq.Query | None = None  # the plain words close together: scored for the best hits only
    terms: list[QueryTerm] = field(default_factory=list)  # the required parts, in the order typed
    excluded: wq.Query | None = None  # what no hit may match (-ord, INTE ord)
    highlight: set[str] = field(default_factory=set)  # folded terms whose words count as hits
    prefixes: set[str] = field(default_factory=set)  # folded prefixes whose words count as hits
    dropped: list[str] = field(default_factory=list)  # words the analysis dropped (stop words)
    optional: list[str] = field(default_factory=list)  # question words and filler left out
    optional_terms: list[QueryTerm] = field(default_factory=list)  # their queries: partial matches may use them
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> known word
    lookups_left: int = MAX_QUERY_LOOKUPS  # what the query's prefixes may still cost
    terms_left: int = MAX_QUERY_TERMS
    cut: bool = False  # a prefix was expanded less, or not at all, to stay in the budget
    late: bool = False  # the deadline passed while compiling: the later words were left out
    synonyms: list[dict] = field(default_factory=list)  # {"word": typed, "also": [synonym, …]} that were used
    pieces: dict[str, tuple[str, ...]] = field(default_factory=dict)  # typed word held only in parts -> its parts
    regions: list[dict] = field(default_factory=list)  # {"word": typed, "regions": [län, …]} whose sections it finds


def compile_query(
    parsed: ParsedQuery,
    searcher,
    synonyms: Synonyms | None = None,
    optional_words: bool = True,
    deadline: float | None = None,
) -> Compiled:
    """Turn parsed clauses into a Whoosh query against the searched fields, stopping
    (``late``) if ``deadline`` (a ``time.monotonic`` value) passes.

    ``synonyms``: the editors' synonyms to add (None: none); ``optional_words``:
    leave question words and filler out while other words remain.
    """
    compiled = Compiled(None)
    positive = [clause for clause in parsed.clauses if not clause.negated]
    analyzed = [analyze(searcher, clause.options[0].text) if _is_plain(clause) else None for clause in positive]
    compiled.dropped = [clause.options[0].text for clause, words in zip(positive, analyzed, strict=True) if words == []]
    particle_verbs = _particle_verbs(positive, analyzed)  # before the particle, a stop word, drops out
    positive = [clause for clause, words in zip(positive, analyzed, strict=True) if words != []]  # stop words out,
    analyzed = [words for words in analyzed if words != []]  # so "starta ett eget" is a run for "starta eget"
    if optional_words:
        kept = _without_optional(positive, analyzed)
        filler = [positive[i] for i in range(len(positive)) if i not in kept]
        compiled.optional = [clause.options[0].text for clause in filler]
        compiled.optional_terms = [
            QueryTerm(clause.options[0].text, query)
            for clause in filler
            if (query := _clause_query(clause, searcher, Compiled(None), None))
        ]
        positive, analyzed = [positive[i] for i in kept], [analyzed[i] for i in kept]
    lemmas = [words[0][0] if words and len(words) == 1 else None for words in analyzed]
    for run, synonym_key in _synonym_runs(positive, lemmas, synonyms):
        if _late(deadline, compiled):
            break
        term = _term(run, synonym_key, synonyms, searcher, compiled)
        if term is not None and len(run) == 1 and id(run[0]) in particle_verbs:
            term = _with_nouns(term, particle_verbs[id(run[0])], searcher, compiled)
        if term is not None:
            compiled.terms.append(term)
    compiled.terms = _with_places(compiled.terms, searcher, compiled)
    excluded = [
        q
        for clause in parsed.clauses
        if clause.negated and not _late(deadline, compiled)
        if (q := _clause_query(clause, searcher, compiled, None))
    ]
    if not compiled.terms and not excluded:
        return compiled
    required = wq.And([term.query for term in compiled.terms]) if compiled.terms else wq.Every()
    compiled.excluded = wq.Or(excluded) if excluded else None
    compiled.query = without(required, compiled.excluded)
    compiled.near = _nearness(positive, searcher)
    return compiled


def _late(deadline: float | None, compiled: Compiled) -> bool:
    """Whether the deadline has passed (noted in ``compiled``: the later words are left out)."""
    if deadline is not None and time.monotonic() > deadline:
        compiled.late = True
    return compiled.late


def without(query: wq.Query, excluded: wq.Query | None) -> wq.Query:
    return wq.AndNot(query, excluded) if excluded is not None else query


@cache
def optional_words() -> frozenset[str]:
    """Question words and filler, as typed and as lemmas (``data/optional_words.txt``)."""
    words = {word.lower() for word in datafiles.entries("optional_words.txt", package="webapp")}
    return frozenset(words | {lemmatize(word) for word in words})


def _without_optional(clauses: list[Clause], analyzed: list[list | None]) -> list[int]:
    """The positions of the clauses that are not question words or filler; all of
    them if nothing searchable would be left (a query of only "finns" searches for it)."""
    filler = optional_words()

    def is_filler(clause: Clause, words: list | None) -> bool:  # a stop word (no words) is dropped anyway
        return bool(words) and (
            clause.options[0].text.lower() in filler or any(whole in filler for whole, _parts in words)
        )

    kept = [i for i, (clause, words) in enumerate(zip(clauses, analyzed, strict=True)) if not is_filler(clause, words)]
    if any(analyzed[i] is None or analyzed[i] for i in kept):
        return kept
    return list(range(len(clauses)))


def _is_plain(clause: Clause) -> bool:
    """One word, as typed: not a prefix, a phrase, an exact word or alternatives."""
    return _is_word(clause) and not clause.options[0].exact


def _is_word(clause: Clause) -> bool:
    return len(clause.options) == 1 and isinstance(clause.options[0], Word) and not clause.options[0].prefix


def _synonym_runs(clauses: list[Clause], lemmas: list[str | None], synonyms: Synonyms | None):
    """The clauses one by one, except where consecutive plain words spell a multi-word
    synonym key ("europeiska regionala utvecklingsfonden"): those come as one run."""
    longest = synonyms.longest if synonyms else 0
    i = 0
    while i < len(clauses):
        for length in range(min(longest, len(clauses) - i), 1, -1):
            key = tuple(lemmas[i : i + length])
            if None not in key and synonyms.lookup(key):
                yield clauses[i : i + length], key
                i += length
                break
        else:
            yield clauses[i : i + 1], None
            i += 1


def _term(
    run: list[Clause], key: tuple[str, ...] | None, synonyms: Synonyms | None, searcher, compiled: Compiled
) -> QueryTerm | None:
    label = (
        " ".join(_label(option) for clause in run for option in clause.options[:1])
        if key
        else " ELLER ".join(_label(option) for option in run[0].options)
    )
    if key is None:
        first = run[0].options[0]
        strict = isinstance(first, Phrase) or first.exact
        used = len(compiled.synonyms)
        query = _clause_query(run[0], searcher, compiled, None if strict else synonyms)
        own = _clause_query(run[0], searcher, Compiled(None), None) if len(compiled.synonyms) > used else None
        parts = compiled.pieces.get(first.text, ()) if _is_plain(run[0]) else ()
        pieces = tuple(QueryTerm(part, wq.Or([query, _fields(part)]), own=_fields(part)) for part in parts)
        return QueryTerm(label, query, strict, own, pieces) if query else None
    words = wq.And([q for clause in run if (q := _clause_query(clause, searcher, compiled, None))])
    also = _synonym_queries(label, synonyms.lookup(key), searcher, compiled)
    return QueryTerm(label, wq.Or([words, *also]), own=words)


def _with_places(terms: list[QueryTerm], searcher, compiled: Compiled) -> list[QueryTerm]:
    """The terms, each run of plain words that names a län (``places.py``) made one term that
    also finds the sections tagged with it."""
    placed, i = [], 0
    while i < len(terms):
        for length in range(min(places.MAX_WORDS, len(terms) - i), 0, -1):
            run = terms[i : i + length]
            named = () if any(term.strict for term in run) else places.named(" ".join(t.label for t in run))
            regions = places.tagged(searcher, named)
            if regions:
                placed.append(_with_regions(run, regions, searcher, compiled))
                i += length
                break
        else:
            placed.append(terms[i])
            i += 1
    return placed


def _with_regions(run: list[QueryTerm], regions: tuple[str, ...], searcher, compiled: Compiled) -> QueryTerm:
    """The words of ``run`` together, or the sections tagged with ``regions``; how rare the words
    are stays their own (noted for the visitor: "Visar även avsnitt om …")."""
    words = run[0]
    if len(run) > 1:
        own = wq.And([term.own if term.own is not None else term.query for term in run])
        words = QueryTerm(" ".join(term.label for term in run), wq.And([term.query for term in run]), own=own)
    compiled.regions.append({"word": words.label, "regions": list(regions)})
    also = places.region_query(searcher, regions)
    own = words.own if words.own is not None else words.query  # measured: rarity with the tags ranked worse
    return replace(words, query=wq.Or([words.query, also]), own=own)


def _particle_verbs(clauses: list[Clause], analyzed: list[list | None]) -> dict[int, tuple[str, ...]]:
    """The plain words followed by a verb particle ("ställa om", "följa upp"): each one's
    clause (by identity) -> the particle verb's nouns (omställning, uppföljning)."""
    found = {}
    for clause, words, following in zip(clauses, analyzed, clauses[1:], strict=False):
        if words and len(words) == 1 and _is_plain(following):
            if nouns := particle_nouns(words[0][0], following.options[0].text):
                found[id(clause)] = nouns
    return found


def _with_nouns(term: QueryTerm, nouns: tuple[str, ...], searcher, compiled: Compiled) -> QueryTerm:
    """A particle verb's term that also finds its nouns the index holds, at the weight of a word's
    family; how rare the word is stays the verb's own."""
    reader = searcher.reader()
    held = [noun for noun in nouns if _indexed(reader, noun)]
    if not held:
        return term
    compiled.highlight.update(fold(noun) for noun in held)
    also = [_fields(noun, family_rules().family_weight) for noun in held]
    return replace(term, query=wq.Or([term.query, *also]), own=term.own if term.own is not None else term.query)


def _label(option: Word | Phrase) -> str:
    if isinstance(option, Phrase):
        return '"' + " ".join(option.words) + '"'
    if option.exact:
        return f'"{option.text}"'
    return option.text + ("*" if option.prefix else "")


def exact(q: str, words: str) -> str:
    """``q`` with ``words`` in quotes: required as typed, without synonyms
    ("Måste innehålla", "Sök bara efter …"). Unchanged if ``words`` is not in ``q``."""
    pattern = re.compile(r'(?<![\w"*-])' + re.escape(words) + r'(?![\w"*])')
    return pattern.sub(lambda match: f'"{match.group()}"', q, count=1)


def _clause_query(clause: Clause, searcher, compiled: Compiled, synonyms: Synonyms | None) -> wq.Query | None:
    options = [q for q in (_option(o, searcher, compiled, clause.negated, synonyms) for o in clause.options) if q]
    if not options:
        return None
    return options[0] if len(options) == 1 else wq.Or(options)


def _nearness(clauses: list[Clause], searcher) -> wq.Query | None:
    """The plain query words standing close together: a bonus, not a requirement."""
    words = [clause.options[0].text for clause in clauses if _is_word(clause)]
    wholes = [analyzed[0][0] for analyzed in (analyze(searcher, word) for word in words) if analyzed]
    if len(wholes) < 2:
        return None
    return wq.Or(
        [wq.Phrase(name, wholes, slop=NEAR_SLOP, boost=SEARCH_FIELDS[name] * NEAR_WEIGHT) for name in NEAR_FIELDS]
    )


def _option(
    option: Word | Phrase, searcher, compiled: Compiled, negated: bool, synonyms: Synonyms | None = None
) -> wq.Query | None:
    if isinstance(option, Phrase):
        return _phrase_query(option, searcher, compiled, negated)
    if option.prefix:
        return _prefix_query(option.text.lower(), searcher, compiled, negated)
    words = _with_hyphen_parts(analyze(searcher, option.text), option.text, searcher)
    if not words:
        compiled.dropped.append(option.text)
        return None
    found = synonyms.lookup(tuple(whole for whole, _ in words)) if synonyms else ()
    if len(words) == 1:
        return _word_query(*words[0], option.text, searcher, compiled, negated, found)
    # one typed word the analysis splits ("FoU", "e-tjänst"): its words, or its synonyms
    queries = wq.And([_word_query(whole, parts, option.text, searcher, compiled, negated) for whole, parts in words])
    also = _synonym_queries(option.text, found, searcher, compiled) if not negated else []
    return wq.Or([queries, *also]) if also else queries


def _with_hyphen_parts(words: list[tuple[str, tuple[str, ...]]], typed: str, searcher) -> list:
    """A hyphenated word the analysis keeps whole, without parts (more of them than a compound
    has: "eu-stöd-för-hamnar-i-norr"), with the words between its hyphens as its parts."""
    if len(words) != 1 or words[0][1]:
        return words
    parts = _hyphen_pieces(typed, searcher)
    return [(words[0][0], parts if len(parts) > 1 else ())]


def _hyphen_pieces(typed: str, searcher) -> tuple[str, ...]:
    """The words between a typed word's hyphens, each read as if typed alone: "omgivande-kommuner"
    is omgivande and kommun (as a compound part, "omgivande" would be read as the verb omge)."""
    if "-" not in typed:
        return ()
    return tuple(whole for piece in typed.split("-") for whole, _ in analyze(searcher, piece))


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


def _word_query(
    whole: str,
    parts: tuple[str, ...],
    typed: str,
    searcher,
    compiled: Compiled,
    negated: bool,
    synonyms: tuple[Synonym, ...] = (),
) -> wq.Query:
    """A typed word: its lemma, its lemma with å, ä, ö put back, all its compound
    parts, its synonyms, else (if none of those is indexed) the nearest known words.
    A Swedish word the index lacks is not a typo ("söker" is not "söder"): no
    section holds it, and partial matching shows what holds the other words."""
    reader = searcher.reader()
    unfolded = unfolded_terms(typed, whole, lambda term: _indexed(reader, term))
    others = _other_lemmas(typed, whole, reader)
    whole_held = _indexed(reader, whole)
    alternatives = [_fields(term) for term in (whole, *others)] + [_fields(term, FOLDED_WEIGHT) for term in unfolded]
    parts_indexed = bool(parts) and all(_indexed(reader, part) for part in parts)
    if parts_indexed:
        alternatives.append(wq.And([_fields(part, PARTS_WEIGHT) for part in parts]))
    if not negated:
        compiled.highlight.update(fold(term) for term in (whole, *others, *unfolded, *(parts if parts_indexed else ())))
        also = _synonym_queries(typed, synonyms, searcher, compiled)
        alternatives += also
        if not (unfolded or others or parts_indexed or also or whole_held or is_known(typed.lower())):
            alternatives += _typo_alternatives(typed, searcher, compiled)
        held = unfolded or others or also or whole_held or typed in compiled.corrections
        if not parts and not held and (parts := _two_words(typed, searcher)):
            alternatives.append(wq.And([_fields(part, PARTS_WEIGHT) for part in parts]))
            compiled.highlight.update(fold(part) for part in parts)
        if parts and not held:
            pieces = _hyphen_pieces(typed, searcher) or parts  # held only in parts: partial matches may hold some
            compiled.pieces[typed] = pieces
            compiled.highlight.update(fold(piece) for piece in pieces)
    return wq.Or(alternatives)


#: The longest word ``_two_words`` tries to read as two: each cut costs two analyses.
MAX_SPLIT_CHARS = 30


def _two_words(typed: str, searcher) -> tuple[str, ...]:
    """A word nothing else finds, which the compound rules keep whole ("hamnkaj": its part "kaj" is
    too short for them; "kajförlängning"), read as two words the index holds: the longest last word
    first, a linking "s" dropped ("godstrafik"). Only on this path, for partial matches that say
    what they lack, so a loose split costs nothing elsewhere; () if there is none."""
    word = typed.lower()
    if not word.isalpha() or len(word) > MAX_SPLIT_CHARS:
        return ()
    reader = searcher.reader()
    for cut in range(2, len(word) - 1):
        first, last = word[:cut], word[cut:]
        tails = [lemma for lemma in _lemmas(last, searcher) if _indexed(reader, lemma)]
        if not tails:
            continue
        heads = [first, first[:-1]] if first.endswith("s") and cut > 2 else [first]
        for head in (lemma for text in heads for lemma in _lemmas(text, searcher)):
            if _indexed(reader, head):
                return head, tails[0]
    return ()


def _lemmas(text: str, searcher) -> list[str]:
    """What a piece of a word may be in the index: its analysis and every lemma of the form."""
    wholes = [whole for whole, _ in analyze(searcher, text)]
    return list(dict.fromkeys([*wholes[:1], *lemmas(text)])) if len(wholes) == 1 else []


def _other_lemmas(typed: str, whole: str, reader) -> tuple[str, ...]:
    """The form's other lemmas the index holds: "bussar" is the verb bussa's present and the
    noun buss's plural; the query's analysis keeps the first, the index holds both, and a
    section that says "bussen" holds only buss. Each is the word itself, at full weight."""
    return tuple(lemma for lemma in lemmas(typed.lower())[1:] if lemma != whole and _indexed(reader, lemma))


def _synonym_queries(typed: str, synonyms: tuple[Synonym, ...], searcher, compiled: Compiled) -> list[wq.Query]:
    """The synonyms the index holds, as queries weighted below the typed word; noted
    for the visitor ("Visar även träffar för …") and highlighted."""
    reader = searcher.reader()
    queries, shown = [], []
    for synonym in synonyms:
        if not all(_indexed(reader, lemma) for lemma in synonym.lemmas):
            continue
        if len(synonym.lemmas) == 1:
            queries.append(_fields(synonym.lemmas[0], SYNONYM_WEIGHT))
        else:  # a phrase scores the sum of its words: weighted as one word
            weight = SYNONYM_WEIGHT / len(synonym.lemmas)
            queries.append(
                wq.Or(
                    [
                        wq.Phrase(name, list(synonym.lemmas), boost=boost * weight)
                        for name, boost in SEARCH_FIELDS.items()
                    ]
                )
            )
        compiled.highlight.update(fold(lemma) for lemma in synonym.lemmas)
        shown.append(synonym.text)
    if shown:
        compiled.synonyms.append({"word": typed, "also": shown})
    return queries


def _indexed(reader, term: str) -> bool:
    """Whether a live section holds the term in any searched field."""
    return any(holds(reader, name, term) for name in SEARCH_FIELDS)


def _typo_alternatives(typed: str, searcher, compiled: Compiled) -> list[wq.Query]:
    candidates = corrections(searcher.reader(), typed)
    if not candidates:
        return []
    compiled.corrections[typed] = candidates[0]
    alternatives = []
    for candidate in candidates:  # an index term; read again, it may be another ("godsbåta": godsbåt)
        for term in dict.fromkeys([candidate, *(whole for whole, _parts in analyze(searcher, candidate))]):
            compiled.highlight.add(fold(term))
            alternatives.append(_fields(term, TYPO_WEIGHT))
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
        texts = texts[: compiled.lookups_left // len(SEARCH_FIELDS)]  # the typed spelling first
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
