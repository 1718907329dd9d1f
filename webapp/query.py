"""The compiler: parsed clauses (``syntax.py``) -> one Whoosh query against the index.

It puts the clauses together; each typed word becomes its own query in
``wordquery.py``. On top of the words:

* question words and filler ("hur", "finns", "man": ``data/optional_words.txt``),
  light verbs and auxiliaries among them ("gå", "ta", "kommer"), are optional:
  left out while other words remain, a verb of a particle verb ("lägga ner") not,
  nor a light verb and its particle ("ta fram", "hålla öppet");
* consecutive words that spell a multi-word synonym key ("bygga bostäder") stay
  words of their own, each also finding the key's synonyms: an entry only adds
  (a section with "bostäder" alone is still a partial match that lacks "bygga");
  a run of words that names a län (``places.py``) also finds the sections
  tagged with it, and one that names a kommun the sections it publishes; a
  particle verb ("ställa om") also finds its nouns;
* a phrase is its words in order, each also with å, ä, ö put back;
* a prefix expands to at most ``MAX_PREFIX_TERMS`` terms; all prefixes of a query
  together at most ``MAX_QUERY_TERMS``, from ``MAX_QUERY_LOOKUPS`` lookups: past
  that, a prefix is looked up only as typed, then not at all;
* the plain words close together (``near``) score a bonus, never a requirement.

When few sections hold every word, ``partial.py`` ranks those that hold some
of them (``Compiled.terms``); phrases and exclusions stay strict.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from functools import cache

from whoosh import query as wq
from whoosh.query.spans import SpanNear2

from indexer import datafiles
from indexer.analysis import fold, stop_words
from indexer.families import is_verb_particle, particle_nouns
from indexer.families import rules as family_rules
from indexer.schema import SEARCH_FIELDS, folded_title_key
from indexer.synonyms import Synonyms
from indexer.words import lemmatize

from . import places
from .folding import spellings
from .syntax import MAX_PHRASE_WORDS, Clause, ParsedQuery, Phrase, Word, as_typed
from .wordquery import (
    FOLDED_WEIGHT,
    PARTS_WEIGHT,
    SYNONYM_WEIGHT,
    abbreviation_hyphenated,
    analyze,
    any_field,
    indexed,
    is_folded_filler,
    is_folded_stop_word,
    letters_back,
    piece_query,
    synonym_queries,
    with_hyphen_parts,
    word_query,
)

MAX_PREFIX_TERMS = 50
#: What all the prefixes of one query may cost together, so no query spends more
#: than its time budget before it runs: term-dictionary lookups (a prefix with
#: 256 spellings in 3 fields makes 768) and the index terms they expand to.
MAX_QUERY_LOOKUPS = 800
MAX_QUERY_TERMS = 200

NEAR_WEIGHT = 1.0  # extra for several query words standing close together
NEAR_SLOP = 3  # how close: at most this many positions apart
NEAR_FIELDS = ("title", "text")
_WORD = re.compile(r"\w+")


#: A word's pieces, each as typed and its parts' lemmas: ("höghastighet", ("hög", "hastighet")).
Pieces = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class QueryTerm:
    """One thing the visitor asked for: a word with its alternatives, words joined by
    ELLER, or a phrase. ``label`` is how it was typed, for "Saknas: …"."""

    label: str
    query: wq.Query
    strict: bool = False  # a phrase: required even when partial matches are shown
    own: wq.Query | None = None  # the word without its synonyms (None: it has none): how rare it is
    pieces: tuple[QueryTerm, ...] = ()  # a word no section holds whole ("eu-bidrag"): its parts, each may be missing
    plain: wq.Query | None = None  # ``query`` less the synonyms (None: it has none): ``held``
    head: QueryTerm | None = None  # the word's head alone ("transport"): what a partial match may hold of it
    joined: bool = False  # its pieces are a compound's parts: held as the word only where ``query`` holds it
    place: bool = False  # it names a län or a kommun (``places.py``): it narrows, the other words are the need
    around: tuple[str, ...] = ()  # the län of the kommun or tätort it names: its sections hold a share of it


def held(term: QueryTerm) -> wq.Query:
    """What holds ``term`` itself (its forms, parts, family, län), not only by one of the editors'
    synonyms: a section that holds a word only so is not counted among those that hold every word
    ("Bara 2 avsnitt innehåller alla orden"), though it ranks as one that does (``partial.py``)."""
    return term.plain if term.plain is not None else term.query


@dataclass
class Compiled:
    """A Whoosh query, what the snippets should highlight, and what to tell the visitor."""

    query: wq.Query | None  # None: nothing searchable was typed
    near: wq.Query | None = None  # the plain words close together: scored for the best hits only
    terms: list[QueryTerm] = field(default_factory=list)  # the required parts, in the order typed
    excluded: wq.Query | None = None  # what no hit may match (-ord, INTE ord)
    highlight: set[str] = field(default_factory=set)  # folded terms whose words count as hits
    prefixes: set[str] = field(default_factory=set)  # folded prefixes whose words count as hits
    parts: set[str] = field(default_factory=set)  # folded parts of a query word also found together: lesser hits
    wholes: set[str] = field(default_factory=set)  # folded forms of the words themselves (a part may be one too)
    dropped: list[str] = field(default_factory=list)  # words the analysis dropped (stop words)
    optional: list[str] = field(default_factory=list)  # question words and filler left out
    optional_terms: list[QueryTerm] = field(default_factory=list)  # their queries: partial matches may use them
    corrections: dict[str, str] = field(default_factory=dict)  # typed word -> known word
    respelled: dict[str, str] = field(default_factory=dict)  # typed without å, ä, ö -> as the site writes it
    lookups_left: int = MAX_QUERY_LOOKUPS  # what the query's prefixes may still cost
    terms_left: int = MAX_QUERY_TERMS
    cut: bool = False  # a prefix was expanded less, or not at all, to stay in the budget
    late: bool = False  # the deadline passed while compiling: the later words were left out
    synonyms: list[dict] = field(default_factory=list)  # {"word": typed, "also": [synonym, …]} that were used
    pieces: dict[str, Pieces] = field(default_factory=dict)  # word held in parts: (typed, lemmas) each
    compounds: dict[str, Pieces] = field(default_factory=dict)  # word held whole: its pieces
    heads: dict[str, tuple[str, str]] = field(default_factory=dict)  # typed word -> its head (typed, lemma)
    regions: list[dict] = field(default_factory=list)  # {"word": typed, "regions": [län, …]} whose sections it finds
    municipalities: list[dict] = field(default_factory=list)  # {"word": typed, "municipalities": [kommun, …]}: theirs
    english: list[dict] = field(default_factory=list)  # {"word": typed, "as": [Swedish word, …]}: words of English

    @property
    def alone_as_parts(self) -> bool:
        """Whether the query is one compound the index holds whole, also searched as its parts
        (``_alone_as_parts``)."""
        return len(self.terms) == 1 and bool(self.terms[0].pieces) and self.terms[0].label in self.compounds

    @property
    def lesser(self) -> set[str]:
        """The highlighted terms that are only a part of a query word ("cykel" of "cykelväg"): a
        word they mark is a lesser hit than the word itself (``snippets.hit_weights``)."""
        return self.parts - self.wholes


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
    positive = [_with_abbreviation(clause, synonyms, searcher) for clause in parsed.clauses if not clause.negated]
    typed = [clause.options[0].text if _is_plain(clause) else None for clause in positive]
    names = {word for word, marked in zip(typed, places.marked_as_names(typed), strict=True) if marked}  # "i boden"
    measure = _measure_word(positive)  # "lång" of "hur lång tid", found before "hur" drops out as a stop word
    analyzed = [_analyzed(clause, searcher) if _is_plain(clause) else None for clause in positive]
    compiled.dropped = [clause.options[0].text for clause, words in zip(positive, analyzed, strict=True) if words == []]
    positive, analyzed, apart = _written_apart(positive, analyzed, searcher, synonyms)
    particle_verbs = _particle_verbs(positive, analyzed)  # before the particle, a stop word, drops out
    expressions = _light_verb_expressions(positive, analyzed, particle_verbs)  # "ta fram", "hålla öppet"
    stop_word_keys = _stop_word_keys(positive, analyzed, synonyms)  # "på landet", before "på" drops out
    stop_word_runs = _stop_word_runs(positive, analyzed, synonyms)  # "är med" (delta): stop words alone
    positive = [clause for clause, words in zip(positive, analyzed, strict=True) if words != []]  # stop words out,
    analyzed = [words for words in analyzed if words != []]  # so "starta ett eget" is a run for "starta eget"
    if optional_words:
        folded = _folded_filler(positive, analyzed, searcher)  # "manga" is "många", filler
        kept = _without_optional(positive, analyzed, particle_verbs, measure, expressions, folded)
        filler = [positive[i] for i in range(len(positive)) if i not in kept]
        compiled.optional = [clause.options[0].text for clause in filler]
        compiled.optional_terms = [
            QueryTerm(clause.options[0].text, query)
            for clause in filler
            if (query := _clause_query(clause, searcher, Compiled(None), None))
        ]
        positive, analyzed = [positive[i] for i in kept], [analyzed[i] for i in kept]
    lemmas = [words[0][0] if words and len(words) == 1 else None for words in analyzed]
    for run, synonym_key in _synonym_runs(positive, lemmas, synonyms, stop_word_keys):
        if _late(deadline, compiled):
            break
        terms = []
        for clause in run:
            if id(clause) in apart:
                term = _apart_compound(clause, *apart[id(clause)], synonyms, searcher, compiled)
            else:
                term = _term(clause, synonyms, searcher, compiled)
            if term is not None and id(clause) in particle_verbs:
                term = _with_nouns(term, particle_verbs[id(clause)], searcher, compiled)
            terms += [term] if term is not None else []
        if synonym_key is not None:
            terms = _with_key_synonyms(terms, run, synonyms.lookup(synonym_key), searcher, compiled)
        compiled.terms += terms
    meant = [
        term
        for label, key in stop_word_runs
        if (term := _stop_word_term(label, synonyms.lookup(key), searcher, compiled)) is not None
    ]
    if meant and not compiled.terms:  # "är med" alone: what it means is the query
        compiled.terms, meant = meant, []
    compiled.optional_terms += meant  # beside other words, it ranks; it never makes a section lack a word
    compiled.terms = _alone_as_parts(_with_places(compiled.terms, searcher, compiled, names), compiled)
    excluded = [
        q
        for clause in parsed.clauses
        if clause.negated and not _late(deadline, compiled)
        if (q := _excluded_query(clause, searcher, compiled))
    ]
    if not compiled.terms and not excluded:
        return compiled
    required = wq.And([term.query for term in compiled.terms]) if compiled.terms else wq.Every()
    if meant:
        required = wq.AndMaybe(required, wq.Or([term.query for term in meant]))
    compiled.excluded = wq.Or(excluded) if excluded else None
    compiled.query = without(required, compiled.excluded)
    compiled.near = _nearness(positive, searcher)
    return compiled


def _excluded_query(clause: Clause, searcher, compiled: Compiled) -> wq.Query | None:
    """What a negated clause leaves out: its words, and for a plain word that names a län or a
    kommun the sections tagged with it or published by it, as the word typed alone finds them
    ("hamn -trelleborg": not Trelleborg's own pages on its harbour either)."""
    query = _clause_query(clause, searcher, compiled, None)
    if not _is_plain(clause):
        return query
    typed = clause.options[0].text
    regions = places.tagged(searcher, places.named(typed))
    kommuner = places.published(searcher, places.named_kommun(typed))
    tags = [places.region_query(searcher, regions)] if regions else []
    tags += [places.kommun_query(searcher, kommuner)] if kommuner else []
    parts = [query, *tags] if query is not None else tags
    return (parts[0] if len(parts) == 1 else wq.Or(parts)) if parts else None


def _with_abbreviation(clause: Clause, synonyms: Synonyms | None, searcher) -> Clause:
    """A plain word written closed that begins with an abbreviation ("gcväg"), as written with its
    hyphen ("gc-väg"); any other clause as it is."""
    if not synonyms or not _is_plain(clause):
        return clause
    hyphenated = abbreviation_hyphenated(clause.options[0].text, synonyms.abbreviations, searcher)
    return Clause((replace(clause.options[0], text=hyphenated),)) if hyphenated else clause


def _analyzed(clause: Clause, searcher) -> list[tuple[str, tuple[str, ...]]]:
    """A plain word's (lemma, parts) by the index's analyzer; none for a stop word, and for a stop
    word typed without å, ä, ö that means nothing else here ("pa": på)."""
    text = clause.options[0].text
    words = analyze(searcher, text)
    return [] if words and is_folded_stop_word(text, words, searcher) else words


def _late(deadline: float | None, compiled: Compiled) -> bool:
    """Whether the deadline has passed (noted in ``compiled``: the later words are left out)."""
    if deadline is not None and time.monotonic() > deadline:
        compiled.late = True
    return compiled.late


def without(query: wq.Query, excluded: wq.Query | None) -> wq.Query:
    return wq.AndNot(query, excluded) if excluded is not None else query


def outside(query: wq.Query, fields: tuple[str, ...]) -> wq.Query:
    """``query`` with its parts in ``fields`` left out: what it matches elsewhere. A part that needs
    a left-out part (of an ``And``, a sequence) goes with it; an alternative does not."""
    if getattr(query, "fieldname", None) in fields:
        return wq.NullQuery
    query = query.apply(lambda part: outside(part, fields))
    if isinstance(query, wq.BinaryQuery):  # AndNot, AndMaybe: their second part may go; Require's (Where's) may not
        if query.a is wq.NullQuery or query.b is wq.NullQuery and isinstance(query, wq.Require):
            return wq.NullQuery
        return query.a if query.b is wq.NullQuery else query
    if isinstance(query, wq.Or):
        kept = [part for part in query.subqueries if part is not wq.NullQuery]
        return wq.Or(kept, boost=query.boost) if kept else wq.NullQuery
    if isinstance(query, wq.CompoundQuery) and wq.NullQuery in query.subqueries:
        return wq.NullQuery
    if isinstance(query, SpanNear2) and wq.NullQuery in query.qs:  # words together, one of them left out
        return wq.NullQuery
    return query


def held_outside(compiled: Compiled, fields: tuple[str, ...], by_synonym: bool = False) -> wq.Query:
    """The sections that hold every required part of ``compiled`` itself (``held``; or ``by_synonym``
    too) outside ``fields`` (and none of its exclusions, wherever they hold them)."""
    parts = [term.query if by_synonym else held(term) for term in compiled.terms]
    return without(wq.And([outside(part, fields) for part in parts]), compiled.excluded)


@cache
def optional_words() -> tuple[frozenset[str], frozenset[str]]:
    """Question words and filler (``data/optional_words.txt``), and the verb particles that are no stop words
    ("ner", "fram", "bort": ``word_families.toml``'s ``[particle_verbs]``, the one list of particles): (as typed,
    as lemmas). An entry written ``=vår`` is one as typed only: its lemma's other forms are words ("våren",
    spring)."""
    particles = [particle for particle in family_rules().particles if particle not in stop_words()]
    return _listed([*datafiles.entries("optional_words.txt", package="webapp"), *particles])


@cache
def light_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """The optional words that are light verbs (written ``~ta`` in ``data/optional_words.txt``): (as typed,
    as lemmas). In a query of nothing but filler they are its words ("vad ska jag ta med": "ta")."""
    return _listed([entry for entry in datafiles.entries("optional_words.txt", package="webapp") if "~" in entry])


def _listed(entries: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Entries of ``data/optional_words.txt`` without their marks (``?``, ``~``): (as typed, as lemmas; not of
    one written ``=``)."""
    entries = [entry.lower().lstrip("?~") for entry in entries]
    words = [word for word in entries if not word.startswith("=")]
    typed = frozenset(word.removeprefix("=") for word in entries)
    return typed, frozenset(words) | {lemmatize(word) for word in words}


@cache
def question_words() -> frozenset[str]:
    """The optional words that open a question, as typed (written ``?hur`` in ``data/optional_words.txt``)."""
    entries = datafiles.entries("optional_words.txt", package="webapp")
    return frozenset(word.lower()[1:] for word in entries if word.startswith("?"))


@cache
def answer_openings() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The openings of a question that ask for a kind of answer (``data/answer_headings.toml``: "hur lång
    tid", "hur stor", "när"), each as its words folded as headings are (``heading_words``), with the words
    of a heading that names that answer ("tidplan")."""
    table = datafiles.toml("answer_headings.toml", package="webapp")["answers"]
    return {tuple(heading_words(opening)): tuple(words) for opening, words in table.items()}


@cache
def _answer_exceptions() -> dict[tuple[str, ...], frozenset[str]]:
    """The words after an opening that make it another question (``data/answer_headings.toml``,
    ``[unless_next]``: "vad gör" + "man"), each opening and word folded as headings are."""
    table = datafiles.toml("answer_headings.toml", package="webapp").get("unless_next", {})
    return {
        tuple(heading_words(opening)): frozenset(word for entry in words for word in heading_words(entry))
        for opening, words in table.items()
    }


def opens_with(words: list[str] | tuple[str, ...], opening: list[str] | tuple[str, ...]) -> bool:
    """Whether the question ``words`` (folded as headings are) opens with ``opening`` and asks what it asks: not
    when the word after it is one listed in ``[unless_next]`` ("vad gör man om källaren svämmar över" asks what
    to do, "vad gör länsstyrelsen" what the board does)."""
    opening = tuple(opening)
    if tuple(words[: len(opening)]) != opening:
        return False
    after = words[len(opening)] if len(words) > len(opening) else None
    return after not in _answer_exceptions().get(opening, frozenset())


def heading_words(text: str) -> list[str]:
    """The words of a query, heading or heading's sort key, lowercase, å, ä, ö without their marks."""
    return _WORD.findall(folded_title_key(text))


def _measure_word(clauses: list[Clause]) -> frozenset[int]:
    """The clause (by identity) of the word a question asks its measure with, when the query opens with a
    listed opening of two or more words (``answer_openings``; å, ä, ö as typed or not): "stor" of "hur stor
    andel …", "lång" of "hur lång tid tar tåget …". It says how the question asks, as "hur" does, not what it
    is about; the word after it ("tid") names the answer and stays a word."""
    words = []
    for clause in clauses[: max(map(len, answer_openings()), default=0) + 1]:  # and the word after (``opens_with``)
        typed = heading_words(clause.options[0].text) if _is_plain(clause) else []
        if len(typed) != 1:
            break
        words.append(typed[0])
    opens = any(len(opening) >= 2 and opens_with(words, opening) for opening in answer_openings())
    return frozenset((id(clauses[1]),)) if opens else frozenset()


def _without_optional(
    clauses: list[Clause],
    analyzed: list[list | None],
    particle_verbs: dict[int, tuple[str, ...]] | None = None,
    measure: frozenset[int] = frozenset(),
    expressions: frozenset[int] = frozenset(),
    folded: frozenset[int] = frozenset(),
) -> list[int]:
    """The positions of the clauses that are not question words or filler, nor the word a question asks its
    ``measure`` with (``_measure_word``: "lång" of "hur lång tid tar tåget"). A light verb that opens a
    particle verb (``particle_verbs``: "lägga ner", whose noun is "nedläggning") is that verb's, a word:
    "ta" in "ta kontakt" is filler, "lägga" in "lägga ner butiken" is not. A light verb and the particle
    right after it (``expressions``: "ta fram", "komma in", "hålla öppet") are both words. A word typed
    without å, ä, ö that is filler with them (``folded``: "manga", många) is filler. If nothing
    searchable would be left, the light verbs are the words ("vad ska jag ta med": "ta", not "ska"), and
    without one every word is (a query of only "finns" searches for it)."""
    particle_verbs = particle_verbs or {}

    def is_filler(clause: Clause, words: list | None) -> bool:  # a stop word (no words) is dropped anyway
        if not words:
            return False
        if id(clause) in expressions:
            return False
        listed = id(clause) in folded or _listed_in(clause, words, optional_words())
        return id(clause) in measure or id(clause) not in particle_verbs and listed

    pairs = list(enumerate(zip(clauses, analyzed, strict=True)))
    kept = [i for i, (clause, words) in pairs if not is_filler(clause, words)]
    if any(analyzed[i] is None or analyzed[i] for i in kept):
        return kept
    light = [i for i, (clause, words) in pairs if i not in kept and _listed_in(clause, words, light_verbs())]
    return sorted(kept + light) if light else list(range(len(clauses)))


def _folded_filler(clauses: list[Clause], analyzed: list[list | None], searcher) -> frozenset[int]:
    """The clauses (by identity) of words typed without å, ä, ö that are question words or filler with them
    (``wordquery.is_folded_filler``: "manga" is "många", "nar" "när")."""
    typed = optional_words()[0]
    return frozenset(
        id(clause)
        for clause, words in zip(clauses, analyzed, strict=True)
        if words and _is_plain(clause) and is_folded_filler(clause.options[0].text, words, searcher, typed.__contains__)
    )


def _listed_in(clause: Clause, words: list | None, table: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Whether ``clause`` is an entry of ``table`` (``optional_words``, ``light_verbs``), as typed or
    as one of its lemmas (``words``, as ``_analyzed`` gives them)."""
    typed, lemmas = table
    return clause.options[0].text.lower() in typed or any(whole in lemmas for whole, _parts in words or [])


def _light_verb_expressions(
    clauses: list[Clause], analyzed: list[list | None], particle_verbs: dict[int, tuple[str, ...]]
) -> frozenset[int]:
    """The clauses (by identity) of a light verb and the verb particle right after it
    (``families.is_verb_particle``): "ta fram" (produce), "ta bort", "komma in", "hålla öppet", "gå igenom".
    Such a pair means what neither word does alone, so neither is filler; a particle that is a stop word
    ("ta upp", "gå ut") drops out as one and leaves its verb. Not a verb whose particle verb has a noun
    (``particle_verbs``: "lägga ner", nedläggning): that verb is a word and finds the noun, which holds no
    "ner"."""
    found = set()
    for clause, words, following in zip(clauses, analyzed, clauses[1:], strict=False):
        if not words or len(words) != 1 or id(clause) in particle_verbs or not _is_plain(following):
            continue
        if _listed_in(clause, words, light_verbs()) and is_verb_particle(following.options[0].text):
            found.update((id(clause), id(following)))
    return frozenset(found)


def _is_plain(clause: Clause) -> bool:
    """One word, as typed: not a prefix, a phrase, an exact word or alternatives."""
    return _is_word(clause) and not clause.options[0].exact


def _is_word(clause: Clause) -> bool:
    return len(clause.options) == 1 and isinstance(clause.options[0], Word) and not clause.options[0].prefix


def _stop_word_keys(
    clauses: list[Clause], analyzed: list[list | None], synonyms: Synonyms | None
) -> dict[int, tuple[str, ...]]:
    """The plain words that end a synonym key of stop words and one word ("på landet"): each one's
    clause (by identity) -> the key. The stop words are typed as they are written in the key."""
    found: dict[int, tuple[str, ...]] = {}
    if not synonyms:
        return found
    words = [  # a stop word as typed, a word as its lemma
        clause.options[0].text.lower() if lemmas == [] else lemmas[0][0] if lemmas and len(lemmas) == 1 else None
        for clause, lemmas in zip(clauses, analyzed, strict=True)
    ]
    for end, (clause, last) in enumerate(zip(clauses, analyzed, strict=True)):
        for start in range(max(0, end - synonyms.longest + 1), end):
            key = tuple(words[start : end + 1])
            with_stop_word = any(lemmas == [] for lemmas in analyzed[start:end])  # the others are _synonym_runs'
            if last and with_stop_word and None not in key and synonyms.lookup(key):
                found[id(clause)] = key
                break
    return found


def _stop_word_runs(
    clauses: list[Clause], analyzed: list[list | None], synonyms: Synonyms | None
) -> list[tuple[str, tuple[str, ...]]]:
    """The runs of two or more plain stop words that spell a synonym key of stop words alone ("är med":
    delta), longest first from the left, each as typed and as its key."""
    found: list[tuple[str, tuple[str, ...]]] = []
    if not synonyms:
        return found
    start = 0
    while start < len(clauses):
        for end in range(min(len(clauses), start + synonyms.longest), start + 1, -1):
            run = clauses[start:end]
            if all(words == [] for words in analyzed[start:end]) and all(_is_plain(clause) for clause in run):
                key = tuple(clause.options[0].text.lower() for clause in run)
                if synonyms.lookup(key):
                    found.append((" ".join(clause.options[0].text for clause in run), key))
                    start = end - 1
                    break
        start += 1
    return found


def _stop_word_term(label: str, found: tuple, searcher, compiled: Compiled) -> QueryTerm | None:
    """Stop words that mean a word together ("är med"), searched as what they mean at a typed word's weight:
    the words themselves are never indexed, so no section holds them any other way. None if no section
    holds a word they mean (they drop out, as stop words do)."""
    also = synonym_queries(label, found, searcher, compiled, 1 / SYNONYM_WEIGHT)
    if not also:
        return None
    query = also[0] if len(also) == 1 else wq.Or(also)
    return QueryTerm(label, query)


def _synonym_runs(
    clauses: list[Clause],
    lemmas: list[str | None],
    synonyms: Synonyms | None,
    stop_word_keys: dict[int, tuple[str, ...]] | None = None,
):
    """The clauses one by one, except where consecutive plain words spell a multi-word
    synonym key ("europeiska regionala utvecklingsfonden"): those come as one run; a word that
    ends a key of stop words and itself ("på landet") comes alone with that key."""
    longest = synonyms.longest if synonyms else 0
    i = 0
    while i < len(clauses):
        if stop_word_keys and id(clauses[i]) in stop_word_keys:
            yield clauses[i : i + 1], stop_word_keys[id(clauses[i])]
            i += 1
            continue
        for length in range(min(longest, len(clauses) - i), 1, -1):
            key = tuple(lemmas[i : i + length])
            if None not in key and synonyms.lookup(key):
                yield clauses[i : i + length], key
                i += length
                break
        else:
            yield clauses[i : i + 1], None
            i += 1


def _term(clause: Clause, synonyms: Synonyms | None, searcher, compiled: Compiled) -> QueryTerm | None:
    """One clause: a word with its forms and synonyms, words joined by ELLER, or a phrase."""
    if _is_hyphenated(clause):
        return _hyphenated(clause, synonyms, searcher, compiled)
    first = clause.options[0]
    strict = isinstance(first, Phrase) or first.exact
    used = len(compiled.synonyms)
    query = _clause_query(clause, searcher, compiled, None if strict else synonyms)
    own = _clause_query(clause, searcher, Compiled(None), None) if len(compiled.synonyms) > used else None
    parts = compiled.pieces.get(first.text, ()) if _is_plain(clause) else ()
    pieces = _pieces(query, own, parts)
    label = " ELLER ".join(_named(option, compiled) for option in clause.options)
    head = compiled.heads.get(first.text) if _is_plain(clause) and not pieces else None
    head_term = QueryTerm(head[0], any_field(head[1], PARTS_WEIGHT)) if head else None
    return (
        QueryTerm(label, query, strict, own, pieces, plain=own, head=head_term, joined=bool(pieces)) if query else None
    )


def _pieces(query: wq.Query, own: wq.Query | None, parts: Pieces) -> tuple[QueryTerm, ...]:
    """A word's pieces as words a partial match may lack, each held where the word is or where the
    piece is (its one part, or its parts together: ``piece_query``)."""
    return tuple(
        QueryTerm(typed, wq.Or([query, piece]), own=piece, plain=_either(own, piece))
        for typed, piece in ((typed, piece_query(lemmas)) for typed, lemmas in parts)
    )


def _alone_as_parts(terms: list[QueryTerm], compiled: Compiled) -> list[QueryTerm]:
    """A query of one compound the index holds whole ("nattågstrafiken") also finds its parts, as a
    compound no section holds does ("bredbandsstöd"): when few sections hold the word, partial matches
    show those that hold a part ("Nattåget går …", "Saknas: trafiken") after them, the rarer part first.
    Only alone: in a query of several words a compound's head speaks for it (``wordquery.head``)."""
    if len(terms) != 1 or terms[0].strict or terms[0].pieces:
        return terms
    term = terms[0]
    if (parts := compiled.compounds.get(term.label)) is None:
        return terms
    return [replace(term, pieces=_pieces(term.query, term.own, parts), head=None, joined=True)]


def _named(option: Word | Phrase, compiled: Compiled) -> str:
    """How a hit names a word it lacks ("Saknas: …"): as typed, or a misspelled word as the word
    searched for it ("bredband" for "bredbnad"), which "Måste innehålla" can require."""
    corrected = compiled.corrections.get(option.text) if isinstance(option, Word) and not option.prefix else None
    return corrected or as_typed(option)


def _either(plain: wq.Query | None, *also: wq.Query) -> wq.Query | None:
    """``plain`` or ``also``: what holds a term itself once ``also`` is added; None while it has no synonyms."""
    return wq.Or([plain, *also]) if plain is not None else None


def _with_key_synonyms(
    terms: list[QueryTerm], run: list[Clause], found: tuple, searcher, compiled: Compiled
) -> list[QueryTerm]:
    """The words of a multi-word synonym key ("bygga bostäder"), each also finding the key's synonyms
    (bostadsbyggande), which count as one word in all: each its share of ``SYNONYM_WEIGHT``. The words
    stay terms of their own, so an entry only adds: a section holding one of them is still a partial
    match, and one whose synonyms no section holds changes nothing."""
    label = " ".join(as_typed(option) for clause in run for option in clause.options[:1])
    also = synonym_queries(label, found, searcher, compiled, 1 / max(1, len(terms)))
    if not also:
        return terms
    return [
        replace(
            term,
            query=wq.Or([term.query, *also]),
            own=term.own if term.own is not None else term.query,  # how rare the word is stays its own
            plain=held(term),
        )
        for term in terms
    ]


def _is_hyphenated(clause: Clause) -> bool:
    """A plain word of two or more words joined by hyphens, at most as many as a phrase may have
    (its words are searched one by one, as a phrase's are); a letter before a hyphen is a prefix
    of the word ("e-handel", "s-märkt"), not a word of its own."""
    pieces = clause.options[0].text.split("-") if _is_plain(clause) else []
    return 1 < len(pieces) <= MAX_PHRASE_WORDS and all(len(piece) > 1 for piece in pieces)


def _hyphenated(clause: Clause, synonyms: Synonyms | None, searcher, compiled: Compiled) -> QueryTerm | None:
    """A word typed with hyphens ("EU-pengar", "Leader-område") is also its words typed apart, each
    with its own synonyms (pengar: stöd, bidrag …), and the compound written closed ("Leaderområde").
    Its words are its pieces: a partial match may hold some, and says which it lacks, as typed."""
    typed, reader = clause.options[0].text, searcher.reader()
    used = len(compiled.synonyms)
    whole = _clause_query(clause, searcher, compiled, synonyms)
    own = _clause_query(clause, searcher, Compiled(None), None) if len(compiled.synonyms) > used else None
    pieces = tuple(
        term
        for piece in typed.split("-")
        if piece and (term := _term(Clause((Word(piece),)), synonyms, searcher, compiled))
    )
    if len(pieces) < 2:
        return QueryTerm(typed, whole, own=own, plain=own) if whole else None
    closed = [any_field(word) for word, _ in analyze(searcher, typed.replace("-", ""))[:1] if indexed(reader, word)]
    together = [q for q in (whole, *closed) if q is not None]  # a section with these holds every piece
    itself = [q for q in (own if own is not None else whole, *closed) if q is not None]  # ... without synonyms
    query = wq.Or([*together, wq.And([piece.query for piece in pieces])])
    synonymous = own is not None or any(piece.plain is not None for piece in pieces)
    plain = wq.Or([*itself, wq.And([held(piece) for piece in pieces])]) if synonymous else None
    pieces = tuple(
        replace(
            piece, query=wq.Or([*together, piece.query]), plain=wq.Or([*itself, held(piece)]) if synonymous else None
        )
        for piece in pieces
    )
    return QueryTerm(typed, query, own=own, pieces=pieces, plain=plain)


def _written_apart(
    clauses: list[Clause], analyzed: list[list | None], searcher, synonyms: Synonyms | None
) -> tuple[list[Clause], list[list | None], dict[int, tuple[Clause, Clause]]]:
    """Two plain words typed next to each other that are one compound the index holds, written
    apart ("kollektiv trafik", "norrbotnia banan", "bostads bristen", "e handel"): one clause of the
    compound written closed (with a linking "s", or a hyphen after a letter: "e-handel"), noted
    with the two words it was typed as (clause id -> (first, second)); the other clauses as they
    are. Not words that spell a multi-word synonym key: those are searched as the key."""
    joined: list[Clause] = []
    words: list[list | None] = []
    apart: dict[int, tuple[Clause, Clause]] = {}
    i = 0
    while i < len(clauses):
        pair = clauses[i : i + 2]
        closed = _closed(pair, analyzed[i : i + 2], searcher, synonyms) if len(pair) == 2 else None
        if closed is None:
            joined.append(clauses[i])
            words.append(analyzed[i])
            i += 1
            continue
        clause = Clause((Word(closed[0]),))
        joined.append(clause)
        words.append(closed[1])
        apart[id(clause)] = (pair[0], pair[1])
        i += 2
    return joined, words, apart


def _closed(pair: list[Clause], analyzed: list[list | None], searcher, synonyms: Synonyms | None) -> tuple | None:
    """The compound two typed words are written closed, as the index holds it, and its analysis; None
    if they are no such compound (each must be a plain word that is no stop word, and the compound one
    word of its own, neither of them)."""
    if not all(_is_plain(clause) and words and len(words) == 1 for clause, words in zip(pair, analyzed, strict=True)):
        return None
    first, second = (clause.options[0].text for clause in pair)
    lemmas = tuple(words[0][0] for words in analyzed)
    if "-" in first + second or synonyms and synonyms.lookup(lemmas):
        return None
    links = ("-",) if len(first) == 1 else ("", "s") if not first.lower().endswith("s") else ("",)
    reader = searcher.reader()
    for link in links:
        text = f"{first}{link}{second}"
        closed = analyze(searcher, text)
        if len(closed) == 1 and closed[0][0] not in lemmas and indexed(reader, closed[0][0]):
            return text, closed
    return None


def _apart_compound(
    clause: Clause, first: Clause, second: Clause, synonyms: Synonyms | None, searcher, compiled: Compiled
) -> QueryTerm | None:
    """A compound typed as two words ("kollektiv trafik"): the two words, each with its own forms and
    synonyms, or the compound written closed ("kollektivtrafik"), which holds both; the words are its
    pieces, named as typed, as a hyphenated word's are (``_hyphenated``), but a letter is no word a
    partial match may hold alone ("e" of "e handel", as of "e-handel")."""
    pieces = tuple(term for part in (first, second) if (term := _term(part, synonyms, searcher, compiled)))
    if len(pieces) < 2:
        return pieces[0] if pieces else None
    used = len(compiled.synonyms)
    closed = _clause_query(clause, searcher, compiled, synonyms)
    own = _clause_query(clause, searcher, Compiled(None), None) if len(compiled.synonyms) > used else None
    if closed is None:
        return None
    itself = own if own is not None else closed
    synonymous = own is not None or any(piece.plain is not None for piece in pieces)
    plain = wq.Or([itself, wq.And([held(piece) for piece in pieces])]) if synonymous else None
    query = wq.Or([closed, wq.And([piece.query for piece in pieces])])
    label = f"{first.options[0].text} {second.options[0].text}"
    if any(len(piece.label) < 2 for piece in pieces):  # a letter is a prefix ("e handel"): no word of its own
        return QueryTerm(label, query, own=own, plain=plain)
    pieces = tuple(
        replace(piece, query=wq.Or([closed, piece.query]), plain=wq.Or([itself, held(piece)]) if synonymous else None)
        for piece in pieces
    )
    return QueryTerm(label, query, own=own, pieces=pieces, plain=plain)


def _with_places(terms: list[QueryTerm], searcher, compiled: Compiled, names: set[str | None]) -> list[QueryTerm]:
    """The terms, each run of plain words that names a län or a kommun (``places.py``) made one term
    that also finds the sections tagged with the län, or published by the kommun; a run that names a
    place no section is tagged with stays its words, each marked as naming a place (``QueryTerm.place``).
    ``names``: the words typed as names (``places.marked_as_names``), so an everyday word names its kommun."""
    placed, i = [], 0
    while i < len(terms):
        for length in range(min(places.MAX_WORDS, len(terms) - i), 0, -1):
            run = terms[i : i + length]
            label = "" if any(term.strict for term in run) else " ".join(t.label for t in run)
            regions = places.tagged(searcher, places.named(label)) if label else ()
            marked = length == 1 and label in names
            kommuner = places.published(searcher, places.named_kommun(label, marked)) if label else ()
            if regions or kommuner:
                placed.append(_with_regions(run, regions, kommuner, searcher, compiled))
                i += length
                break
            following = terms[i + length].label if i + length < len(terms) else None
            if label and places.names_place(label, following, marked):  # a place no section is tagged with
                around = places.counties_around(label)
                placed.extend(replace(term, place=True, around=around) for term in run)
                i += length
                break
        else:
            placed.append(terms[i])
            i += 1
    return placed


def _with_regions(
    run: list[QueryTerm], regions: tuple[str, ...], kommuner: tuple[str, ...], searcher, compiled: Compiled
) -> QueryTerm:
    """The words of ``run`` together, or the sections tagged with ``regions`` or published by
    ``kommuner``; how rare the words are stays their own (noted for the visitor: "Visar även avsnitt
    om …", "… från …")."""
    words = run[0]
    if len(run) > 1:
        own = wq.And([term.own if term.own is not None else term.query for term in run])
        plain = wq.And([held(term) for term in run]) if any(term.plain is not None for term in run) else None
        words = QueryTerm(
            " ".join(term.label for term in run), wq.And([term.query for term in run]), own=own, plain=plain
        )
    if regions:
        compiled.regions.append({"word": words.label, "regions": list(regions)})
    if kommuner:
        compiled.municipalities.append({"word": words.label, "municipalities": list(kommuner)})
    tags = [places.region_query(searcher, regions)] if regions else []
    tags += [places.kommun_query(searcher, kommuner)] if kommuner else []
    also = tags[0] if len(tags) == 1 else wq.Or(tags)
    own = words.own if words.own is not None else words.query  # measured: rarity with the tags ranked worse
    around = () if regions else places.counties_around(words.label)
    query, plain = wq.Or([words.query, also]), _either(words.plain, also)
    return replace(words, query=query, own=own, plain=plain, place=True, around=around)


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
    indexed_nouns = [noun for noun in nouns if indexed(reader, noun)]
    if not indexed_nouns:
        return term
    compiled.highlight.update(fold(noun) for noun in indexed_nouns)
    also = [any_field(noun, family_rules().family_weight) for noun in indexed_nouns]
    own = term.own if term.own is not None else term.query
    return replace(term, query=wq.Or([term.query, *also]), own=own, plain=_either(term.plain, *also))


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
    words = with_hyphen_parts(analyze(searcher, option.text), option.text, searcher)
    if not words:
        compiled.dropped.append(option.text)
        return None
    found = synonyms.lookup(tuple(whole for whole, _ in words)) if synonyms else ()
    of_head = ()
    if synonyms and len(words) == 1 and words[0][1]:  # "cykelväg": GC-väg, too
        found = (*found, *synonyms.abbreviated(words[0][0], words[0][1][0]))
        if "-" not in option.text and not negated:  # "störtregn": regn's skyfall (a hyphenated word's pieces: own)
            of_head = synonyms.of_head(*words[0])
    if len(words) == 1:
        if bool(synonyms) and not negated and synonyms.is_english(words[0][0]):
            if not indexed(searcher.reader(), words[0][0]):
                return _english_query(words[0][0], option.text, searcher, compiled, found)
            found = ()  # the site writes it ("funding" on its pages in English): searched as any word (reviewer5 S8)
        synonyms_of = (lambda lemma: synonyms.lookup((lemma,))) if synonyms else None
        query = word_query(
            *words[0], option.text, searcher, compiled, negated, found, synonyms_of=synonyms_of, exact=option.exact
        )
        return _with_head_synonyms(query, words[0][1], option.text, of_head, searcher, compiled)
    # one typed word the analysis splits ("FoU", "e-tjänst"): its words, or its synonyms
    queries = wq.And([word_query(whole, parts, option.text, searcher, compiled, negated) for whole, parts in words])
    also = synonym_queries(option.text, found, searcher, compiled) if not negated else []
    return wq.Or([queries, *also]) if also else queries


def _with_head_synonyms(
    query: wq.Query, parts: tuple[str, ...], typed: str, of_head: tuple, searcher, compiled: Compiled
) -> wq.Query:
    """A compound of one of the synonyms' ``heads`` (``Synonyms.of_head``) also finds its first parts with
    the head's words: "störtregn" finds "störta" and skyfall, "bostadsbolag" "bostad" and företag. The
    head's words stand for the head alone, never for the whole word: a section about any företag is no
    bostadsbolag (reviewer M2). Weighted as a synonym, below the word, with the first parts as parts."""
    reader = searcher.reader()
    if not of_head or not all(indexed(reader, part) for part in parts[:-1]):
        return query
    also = synonym_queries(typed, of_head, searcher, compiled)
    if not also:
        return query
    notes = [note for note in compiled.synonyms if note["word"] == typed]
    if len(notes) > 1:  # one note for the word: its own synonyms, then its head's
        compiled.synonyms = [note for note in compiled.synonyms if note["word"] != typed]
        compiled.synonyms.append({"word": typed, "also": [word for note in notes for word in note["also"]]})
    first = [any_field(part, PARTS_WEIGHT) for part in parts[:-1]]
    compiled.highlight.update(fold(part) for part in parts[:-1])
    return wq.Or([query, *(wq.And([*first, synonym]) for synonym in also)])


def _english_query(lemma: str, typed: str, searcher, compiled: Compiled, found: tuple) -> wq.Query:
    """A word of English (a key of the synonyms' ``english`` table): the word as the site may write it,
    and its Swedish words. It is not read as Swedish: no compound parts ("parking" is no par + king),
    no typo correction ("bike" is no "bil"). It is noted as searched in Swedish ("bike": cykel), not as
    a synonym the visitor could leave out: its Swedish words are what it means, and count as the word
    itself (``held``)."""
    swedish = synonym_queries(typed, found, searcher, compiled, 1 / SYNONYM_WEIGHT)  # the word itself: full weight
    word = wq.Or([any_field(lemma), *swedish])
    noted = [note for note in compiled.synonyms if note["word"] == typed]
    compiled.synonyms = [note for note in compiled.synonyms if note["word"] != typed]
    compiled.english.append({"word": typed, "as": [word for note in noted for word in note["also"]]})
    compiled.highlight.add(fold(lemma))
    compiled.wholes.add(fold(lemma))
    return word


def _phrase_query(phrase: Phrase, searcher, compiled: Compiled, negated: bool) -> wq.Query | None:
    """Words in this order, next to each other (stop words left out); each word may
    also be its spelling with å, ä, ö put back, at a lower weight."""
    reader = searcher.reader()
    words = [(typed, analyzed[0][0]) for typed in phrase.words if (analyzed := analyze(searcher, typed))]
    if len(words) < 2:
        return _option(Word(words[0][0]), searcher, compiled, negated) if words else None
    wholes = [whole for _, whole in words]
    variants = [[whole, *letters_back(typed, whole, reader)] for typed, whole in words]
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
    for name in (name for name in SEARCH_FIELDS if name in reader.schema):  # (an older index lacks a newer field)
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
