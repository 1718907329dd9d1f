"""One search function: a validated request -> the result dict.

Both the HTML page and the JSON API render this dict, so they cannot drift.
The steps:

1. parse the query text (``syntax.py``) and compile it against the index
   (``query.py``), with the editors' synonyms;
2. the full match set, a bitmap combined from cached posting lists
   (``matchset.py``), feeds the total and the facet counts (``facets.py``);
3. the facet selection narrows it; the ranking collects only the best k
   (``collect.py``), and proximity, the sections' pages, a heading asked like
   the query and words held only in the heading above reorder the best of those
   (``rerank.py``);
   only the page shown is loaded and given snippets;
4. if fewer than ``partial.FEW_HITS`` sections hold every word outside their
   breadcrumb trail (a navigation label above a whole menu branch finds a
   section, but does not make it an answer: ``schema.NAVIGATION_FIELDS``), the
   sections that hold some of them are ranked after those (``partial.py``),
   and each hit says which words it holds and which it lacks.

Degenerate queries are decided here: an empty query lists every section; a
query of only stop words or only punctuation finds nothing and says why, as
does one whose exclusion leaves nothing (``"tåg" -tåg``), and a page past
the last says so.

One section in full, with its similar sections, is ``section.py``'s job; what
a hit and a section page both say about a stored section is ``stored.py``'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from whoosh import query as wq

from indexer.gazetteer import NATIONAL
from indexer.schema import CONTEXT_FIELDS, NAVIGATION_FIELDS, OWN_FIELDS, TITLE_KEY_FIELD, folded_title_key
from indexer.synonyms import Synonyms

from . import collect, facets, headings, places, rerank
from .collect import Collected
from .folding import unfolded_terms
from .matchset import EMPTY, match_set
from .params import SearchRequest
from .partial import FEW_HITS, Coverage, only_a_name, partial_query
from .query import Compiled, QueryTerm, compile_query, held_outside, outside, without
from .snippets import highlight, hit_spans, hit_weights, snippet, snippet_source
from .sorts import SORTS
from .stored import about, sources_and_dates
from .syntax import MAX_CLAUSES, MIN_PREFIX, TYPED_WORD, ParsedQuery, Phrase, Word, as_typed, parse, short_prefixes
from .wordquery import analyze, indexed

NOTICE_ONLY_STOP_WORDS = (
    "Sökningen innehöll bara vanliga småord ({words}), som inte går att söka på. Prova ett mer specifikt ord."
)
NOTICE_STOP_WORDS_IN_HEADINGS = (
    "Sökningen innehöll bara vanliga småord ({words}), och de söktes bara i rubrikerna: här är avsnitten vars "
    "rubrik innehåller {phrase}."
)
NOTICE_NO_WORDS = "Sökningen innehöll inga ord att söka på. Skriv ett eller flera ord."
NOTICE_TOO_MANY_WORDS = "Sökningen hade för många ord. Bara de {n} första användes."
NOTICE_TOO_MANY_PREFIXES = "Sökningen hade för många ord med *. De sista söktes inte på alla sätt."
NOTICE_OUT_OF_TIME = "Sökningen tog för lång tid och avbröts. Resultaten kan vara ofullständiga."
NOTICE_NONE_COMPLETE = (
    "Inget avsnitt innehåller alla orden i sökningen. De som innehåller mest av "
    "sökningen visas först (ett ovanligt ord väger tyngre än ett vanligt), och under varje träff står vad som "
    "saknas."
)
NOTICE_FEW_COMPLETE = (
    "Bara {n} avsnitt innehåller alla orden i sökningen. Efter {them} visas avsnitt som innehåller några av orden."
)
NOTICE_NONE_COMPLETE_BY_SYNONYMS = (
    "Inget avsnitt innehåller alla orden i sökningen som de skrevs, men {held} avsnitt innehåller dem eller ord "
    "med samma betydelse och visas först. Efter {them} visas avsnitt som innehåller några av orden."
)
NOTICE_FEW_COMPLETE_BY_SYNONYMS = (
    "Bara {n} avsnitt innehåller alla orden i sökningen som de skrevs, och {held} innehåller dem eller ord med "
    "samma betydelse; de visas först. Efter dem visas avsnitt som innehåller några av orden."
)
NOTICE_NONE_OUTSIDE_TRAIL = (
    "Inget avsnitt innehåller alla orden i sökningen utom i sidans navigering (brödsmulorna). De som innehåller "
    "mest av sökningen visas först (ett ovanligt ord väger tyngre än ett vanligt), och under varje träff står "
    "vad som saknas."
)
NOTICE_FEW_OUTSIDE_TRAIL = (
    "Bara {n} avsnitt innehåller alla orden i sökningen utanför sidans navigering (brödsmulorna). Efter {them} "
    "visas avsnitt som innehåller några av orden."
)
NOTICE_NOWHERE = "Inget avsnitt innehåller: {words}."
NOTICE_NONE_WITH_PARTS = (
    "Inget avsnitt innehåller alla delar av ordet ”{word}”{together}: {parts}. De som innehåller någon av "
    "delarna visas, och under varje träff står vad som saknas."
)
NOTICE_FEW_WITH_PARTS = (
    "Bara {n} avsnitt innehåller alla delar av ordet ”{word}”{together}: {parts}. "
    "Efter {them} visas avsnitt som innehåller någon av delarna."
)
NOTICE_NONE_WITH_HEAD = "Inget avsnitt innehåller ”{word}”. De som innehåller ”{head}” visas."
NOTICE_FEW_WITH_HEAD = "Bara {n} avsnitt innehåller ”{word}”. Efter {them} visas avsnitt som innehåller ”{head}”."
#: When some of the sections before the head's hold the word only by a synonym: the count is of them all (reviewer7 N1).
NOTICE_FEW_WITH_HEAD_OR_SYNONYM = (
    "Bara {n} avsnitt innehåller ”{word}” eller ett ord med samma betydelse. Efter {them} visas avsnitt som "
    "innehåller ”{head}”."
)
#: Said of a compound's parts (``QueryTerm.joined``): a section holds the word where they stand together.
TOGETHER = " tillsammans"
NOTICE_ENGLISH = "Webbplatsen är på svenska{words}."
NOTICE_SHORT_PREFIX = "Ord med * behöver minst {n} bokstäver före *. {words} söktes som hela ord."
NOTICE_UNKNOWN_FILTER = "Inget avsnitt har {label} ”{value}”."
NOTICE_PAST_END = "Sidan {page} finns inte: träffarna ryms på {pages}."
NOTICE_CONTRADICTION = "Sökningen både kräver och utesluter {words}, så inget avsnitt kan passa."
NOTICE_ELSEWHERE = "Det finns {hits} utan {what}."
NOTICE_PLACES = "{words} är {names} som inget avsnitt på webbplatsen nämner."
NOTICE_QUOTED = "Inget avsnitt innehåller {what} precis som det står inom citattecknen, men {hits} innehåller {words}."
NOTICE_ALL_EXCLUDED = "{n} avsnitt innehåller det du sökte, men {all} också något som sökningen utesluter: {words}."
#: The fields a section holds a word in without saying it itself: what it stands under (``rerank.by_own_words``).
BORROWED_FIELDS = NAVIGATION_FIELDS + CONTEXT_FIELDS
DEFAULT_TIME_LIMIT = 2.0
RERANK_DEPTH = 50  # the best hits by word scores that proximity and page evidence may reorder


@dataclass(frozen=True)
class Features:
    """What a search does beyond requiring every word. All on in the service; the
    benchmark turns them off to compare with the version before them."""

    partial: bool = True  # question words optional; partial matches when few sections hold every word
    synonyms: Synonyms | None = None  # the editors' synonyms (None: none)

    @property
    def key(self) -> tuple:
        """What distinguishes two feature sets in a cache key."""
        return self.partial, self.synonyms.fingerprint if self.synonyms is not None else None


def search(
    searcher,
    request: SearchRequest,
    postings: facets.Postings,
    baseline: float | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    features: Features = Features(),
) -> dict:
    """Run one search within ``time_limit`` seconds. ``baseline`` is when the index was
    first built: sections first indexed after it, or changed since, are marked
    "ny" or "ändrad"."""
    deadline = time.monotonic() + time_limit
    request = replace(request, filters=facets.as_indexed(postings, request.filters))
    parsed = parse(request.q)
    compiled = compile_query(parsed, searcher, features.synonyms, optional_words=features.partial, deadline=deadline)
    query, notice = _query_or_notice(not request.q.strip(), compiled)
    if query is None and compiled.dropped and not compiled.late:  # "hur mycket", "om oss": a heading's words
        if (query := headings.heading_query(searcher, compiled.dropped, postings.headings)) is not None:
            phrase = " ".join(word.lower() for word in compiled.dropped)
            compiled.query, compiled.terms = query, [QueryTerm(phrase, query, strict=True)]  # held as a phrase is
            words = ", ".join(quoted(compiled.dropped[:5]))
            notice = NOTICE_STOP_WORDS_IN_HEADINGS.format(words=words, phrase=quoted([phrase])[0])
    notices = [notice] if notice and not compiled.late else []  # out of time, not out of words
    if parsed.truncated:
        notices.append(NOTICE_TOO_MANY_WORDS.format(n=MAX_CLAUSES))
    if compiled.cut:
        notices.append(NOTICE_TOO_MANY_PREFIXES)
    if short := short_prefixes(parsed):
        notices.append(NOTICE_SHORT_PREFIX.format(n=MIN_PREFIX, words=", ".join(quoted(short))))
    if compiled.english:
        notices.append(_english_notice(compiled.english))
    notices += [
        NOTICE_UNKNOWN_FILTER.format(label=facets.FACET_LABELS[name].lower(), value=value)
        for name, value in facets.unknown_values(postings, request.filters)
    ]
    allowed = facets.selection_filter(postings, request.filters)
    found = _run(searcher, query, compiled.near, request, postings, allowed, deadline, dropped=compiled.dropped)
    complete = anywhere = _count(found.matches, allowed)
    partial = coverage = None
    holding = complete
    if features.partial and not (found.late or compiled.late) and (partial := partial_query(compiled)):
        complete = _complete(searcher, compiled, postings, allowed, deadline) if anywhere else 0
        holding = complete  # with a synonym for its word too: at least as many, at most ``anywhere``
        if complete < FEW_HITS <= anywhere:
            holding = _complete(searcher, compiled, postings, allowed, deadline, itself=False)
        partial = partial if holding < FEW_HITS else None
    typed = compiled.terms[0].label if compiled.terms else ""
    if partial is not None and partial.alone and only_a_name(searcher, partial, postings.terms, deadline, typed):
        partial = None  # "Affärsverken" is no shop
    if partial is not None:
        coverage = Coverage(searcher, partial, postings.terms, _page_numbers(searcher, postings), deadline)
        found = _run(
            searcher, partial.query, compiled.near, request, postings, allowed, deadline, coverage, compiled.dropped
        )
    total = _count(found.matches, allowed)
    if compiled.alone_as_parts:  # the sections that hold the word, or a synonym, come first; then its parts
        complete = _complete(searcher, compiled, postings, allowed, deadline, ())  # the word itself (M2)
    if coverage is not None and total > complete:
        in_trail = anywhere > complete and complete < _complete(searcher, compiled, postings, allowed, deadline, ())
        by_synonym = _complete(searcher, compiled, postings, allowed, deadline, itself=False) if partial.headed else 0
        if holding == complete and anywhere > complete and not compiled.alone_as_parts:
            holding = by_synonym or _complete(searcher, compiled, postings, allowed, deadline, itself=False)
        notices += _partial_notices(
            complete, coverage.nowhere, compiled, in_trail=in_trail, by_synonym=by_synonym, held=holding
        )
    late = found.late or compiled.late or coverage is not None and coverage.late
    if late:
        notices.append(NOTICE_OUT_OF_TIME)
    elif total == 0 and compiled.excluded is not None and compiled.terms:
        notices += _excluded_notices(searcher, parsed, compiled, postings, allowed, deadline)
    named_places = _places(parsed)
    nowhere = _nowhere(searcher, compiled, postings, deadline) if total == 0 and not late else []
    if total == 0 and not found.matches and not late and not _contradictions(searcher, parsed):
        if unnamed := _unnamed(searcher, named_places):
            notices.append(_places_notice(unnamed))
    unquoted = _unquoted(parsed) if total == 0 and not late else None
    held, every = _held_unquoted(searcher, unquoted, features, postings, allowed, deadline) if unquoted else (0, True)
    if held:
        notices.append(_quoted_notice(parsed, held, every))
    else:
        unquoted = None
    unfiltered = 0 if late else len(found.matches)  # not known when the search ran out of time
    if total == 0 and unfiltered:
        notices.append(_elsewhere(unfiltered, request.filters))
    pages = max(1, -(-total // request.per_page))
    if total and request.page > pages:
        notices.append(_past_end(request.page, pages))
    return {
        "query": request.q,
        "total": total,
        "page": request.page,
        "per_page": request.per_page,
        "pages": pages,
        "sort": request.sort,
        "filters": {name: list(values) for name, values in request.filters.items() if values},
        "results": [_result(searcher, docnum, score, compiled, baseline, coverage) for docnum, score in found.top],
        "facets": {
            name: [vars(value) for value in values]
            for name, values in facets.count(postings, found.matches, request.filters).items()
        },
        "suggestion": suggestion(request.q, compiled.corrections, compiled.respelled),
        "notice": " ".join(notices) or None,
        "used": {
            "partial": partial is not None and total > complete,
            "complete": complete,
            "typo": bool(compiled.corrections),
            "synonyms": compiled.synonyms,
            "regions": compiled.regions,
            "municipalities": compiled.municipalities,
            "places": named_places,
            "nowhere": nowhere,
            "english": compiled.english,
            "optional": compiled.optional,
            "searchable": query is not None or compiled.late,  # False: only stop words or no word at all
            "unfiltered": unfiltered,  # the hits without the filters
            "unquoted": unquoted,  # a query that found nothing in quotes, without them, when that finds something
        },
    }


def _places(parsed: ParsedQuery) -> list[str]:
    """The words of the query that name a place as the visitor means it (``places.names_place``: "mark"
    alone is land, "marks kommun" the kommun), as typed: spelled right, so a search that finds nothing
    says so, not "Kontrollera stavningen"."""
    typed = [clause.options[0].text if isinstance(clause.options[0], Word) else None for clause in parsed.clauses]
    marked = places.marked_as_names(typed)  # "i boden", "Boden"
    return [
        option.text
        for at, clause in enumerate(parsed.clauses)
        if not clause.negated
        for option in clause.options
        if isinstance(option, Word)
        and not option.prefix
        and places.names_place(option.text, typed[at + 1] if at + 1 < len(typed) else None, marked[at])
    ]


def _unnamed(searcher, words: list[str]) -> list[str]:
    """Those of the place ``words`` that the index holds in no form: no section holds the word (its
    lemma, or a spelling with å, ä, ö put back: "marsta" is Märsta) and none is tagged with its län or
    kommun. Only of those is the site silent; a search that names another place finds nothing for
    another reason ("\"lund\" \"umeå\"": no section names both)."""
    reader = searcher.reader()

    def said(word: str) -> bool:
        return any(
            indexed(reader, whole) or unfolded_terms(word, whole, lambda term: indexed(reader, term))
            for whole, _parts in analyze(searcher, word)
        )

    return [word for word in words if not said(word) and not places.tags_held(searcher, word)]


def _nowhere(searcher, compiled: Compiled, postings: facets.Postings, deadline: float) -> list[str]:
    """The words of the query (and phrases) that find no section in any form, as typed: not as
    written, nor by their forms, parts, corrections, synonyms or tags."""
    return [term.label for term in compiled.terms if not match_set(searcher, term.query, postings.terms, deadline)[0]]


def _places_notice(words: list[str]) -> str:
    """ "”Märsta” är ett ortnamn som inget avsnitt på webbplatsen nämner." """
    names = "ett ortnamn" if len(words) == 1 else "ortnamn"
    return NOTICE_PLACES.format(words=swedish_list(quoted(words)), names=names)


def _count(matches: frozenset[int], allowed: frozenset[int] | None) -> int:
    return len(matches) if allowed is None else len(matches & allowed)


def _unquoted(parsed: ParsedQuery) -> str | None:
    """The query with its phrases and exact words as plain words (``"hamn bostäder"``: ``hamn
    bostäder``), exclusions as typed; None if it has none: what to offer when the quotes found nothing."""
    if not any(_quoted(option) for clause in parsed.clauses if not clause.negated for option in clause.options):
        return None
    return " ".join(_loose(clause) for clause in parsed.clauses)


def _quoted(option) -> bool:
    return isinstance(option, Phrase) or option.exact


def _loose(clause) -> str:
    """A clause as typed, a phrase or an exact word without its quotes (an exclusion keeps them)."""
    if clause.negated:
        return " ".join(f"-{as_typed(option)}" for option in clause.options)
    return " ELLER ".join(_typed(option) if _quoted(option) else as_typed(option) for option in clause.options)


def _held_unquoted(searcher, unquoted: str, features: Features, postings, allowed, deadline: float) -> tuple[int, bool]:
    """How many sections (of the filters chosen) the query ``unquoted`` finds, and whether they hold every word:
    those that do, or else (with partial matching, as the search without quotes shows them) those holding some."""
    compiled = compile_query(parse(unquoted), searcher, features.synonyms, optional_words=False, deadline=deadline)
    if compiled.query is None or compiled.late:
        return 0, True
    matches, late = match_set(searcher, compiled.query, postings.terms, deadline)
    held = 0 if late else _count(matches, allowed)
    if held or not features.partial or len(compiled.terms) < 2:
        return held, True
    some = without(wq.Or([term.query for term in compiled.terms]), compiled.excluded)
    matches, late = match_set(searcher, some, postings.terms, deadline)
    return (0 if late else _count(matches, allowed)), False


def _quoted_notice(parsed: ParsedQuery, held: int, every: bool) -> str:
    """What a search says when its quotes found nothing and its words apart find ``held`` sections (holding
    ``every`` word, or some of them)."""
    quotes = [_typed(o) for c in parsed.clauses if not c.negated for o in c.options if _quoted(o)]
    words = sum(
        len(o.words) if isinstance(o, Phrase) else 1 for c in parsed.clauses if not c.negated for o in c.options
    )
    said = "ordet" if words == 1 else "orden" if every else "några av orden"
    return NOTICE_QUOTED.format(what=swedish_list(quoted(quotes)), hits=f"{held} avsnitt", words=said)


def _elsewhere(unfiltered: int, filters: dict) -> str:
    """What a search that found nothing with its filters says when it finds something without them:
    how much, and where ("Det finns 3 träffar utan länsvalet.")."""
    hits = "1 träff" if unfiltered == 1 else f"{unfiltered} träffar"
    # not "i andra län": some of them may be national, in no län
    return NOTICE_ELSEWHERE.format(hits=hits, what="länsvalet" if only_lan(filters) else "de valda filtren")


def only_lan(filters: dict) -> bool:
    """Whether the filters chosen are län and nothing else (not "Nationellt", which is no län)."""
    chosen = {name for name, values in filters.items() if values}
    return chosen == {"region"} and NATIONAL not in filters["region"]


def _complete(
    searcher,
    compiled: Compiled,
    postings: facets.Postings,
    allowed,
    deadline: float,
    outside=NAVIGATION_FIELDS,
    itself: bool = True,
) -> int:
    """How many sections (of those the filters allow) hold every word ``itself``, not only by a synonym
    (``query.held``; or by one too), ``outside`` their breadcrumb trail (or anywhere: ``()``).

    What the visitor is told counts the words themselves ("Bara 2 avsnitt innehåller alla orden"); whether
    partial matches are added counts a synonym as its word, as their ranking does (``partial.py``): measured,
    adding them as soon as fewer than a page of sections hold the words themselves ranked the judged queries
    worse ("vem kan få stöd till en lanthandel", whose 16 sections hold stöd and kommersiell service)."""
    query = held_outside(compiled, outside) if itself else held_outside(compiled, outside, by_synonym=True)
    return _count(match_set(searcher, query, postings.terms, deadline)[0], allowed)


def _past_end(page: int, pages: int) -> str:
    """What a page past the last says.

    Such a page is answered, not refused: 200 with this notice and no hits, not a 404 in the one
    error shape. The request is well formed (a page outside 1..``MAX_PAGE`` is refused, 400), and
    how many pages there are is a fact of the index and the filters at this moment, not of the
    request: a bookmarked or shared "page=3" goes past the end when an update or another filter
    leaves fewer hits. The answer still has the total, the facets and the page links, the way back
    that an error body would not have; a client that pages on until ``results`` is empty stops
    there as before. With no hit at all there is no page to point to: the search's own notices
    say why."""
    return NOTICE_PAST_END.format(page=page, pages="en sida" if pages == 1 else f"{pages} sidor")


def _excluded_notices(
    searcher, parsed: ParsedQuery, compiled: Compiled, postings: facets.Postings, allowed, deadline: float
) -> list[str]:
    """Why a query with an exclusion found nothing, when the exclusion is why: it excludes a word the
    query also requires (``"tåg" -tåg``), or every section that holds the words holds what it excludes."""
    if contradicted := _contradictions(searcher, parsed):
        return [NOTICE_CONTRADICTION.format(words=swedish_list(quoted(contradicted)))]
    matches, late = match_set(searcher, wq.And([term.query for term in compiled.terms]), postings.terms, deadline)
    held = _count(matches, allowed)
    if late or not held:
        return []
    excluded = quoted([_typed(option) for clause in parsed.clauses if clause.negated for option in clause.options])
    every = "det innehåller" if held == 1 else "alla innehåller"
    return [NOTICE_ALL_EXCLUDED.format(n=held, all=every, words=swedish_list(excluded))]


def _contradictions(searcher, parsed: ParsedQuery) -> list[str]:
    """The excluded words or phrases that the query also requires, read as the index reads them
    ("tåget" is "tåg"), as typed in the exclusion."""

    def read(option) -> tuple[str, ...]:
        return tuple(whole for whole, _parts in analyze(searcher, _typed(option)))

    required = {  # a prefix ("hamn*") also finds other words than the one excluded ("-hamn": hamnar)
        read(option)
        for clause in parsed.clauses
        if not clause.negated and len(clause.options) == 1
        for option in clause.options
        if not (isinstance(option, Word) and option.prefix)
    }
    return [
        _typed(option)
        for clause in parsed.clauses
        if clause.negated
        for option in clause.options
        if (words := read(option)) and words in required
    ]


def _typed(option) -> str:
    """A word or phrase of the query as typed (without its quotes)."""
    return " ".join(option.words) if isinstance(option, Phrase) else option.text


def _partial_notices(
    complete: int,
    nowhere: list[str],
    compiled: Compiled,
    in_trail: bool = False,
    by_synonym: int = 0,
    held: int = 0,
) -> list[str]:
    """That partial matches are shown, and which words no section holds. A query of one word that no
    section holds whole ("bredbandsstöd") is searched as its parts: the notice speaks of the parts of
    the one word the visitor typed, not of "all the words" (but two words typed for one compound,
    "kollektiv trafik", are words). When some sections hold every word only
    with their breadcrumb trail (``in_trail``), it says the count is of the words outside it. A word
    typed alone and followed by its head's sections counts what comes before them: the sections that
    hold it or, ``by_synonym``, one of its synonyms ("vidareutbildning": kompetensutveckling). When more
    sections (``held``) hold every word with a synonym than without (``complete``), it says so: those rank
    first and lack nothing, and "no section holds every word" above them would contradict them (outsider18)."""
    if compiled.terms and compiled.terms[0].head is not None and by_synonym > complete:
        word, head = compiled.terms[0].label, compiled.terms[0].head.label
        them = "det" if by_synonym == 1 else "dem"
        notices = [NOTICE_FEW_WITH_HEAD_OR_SYNONYM.format(n=by_synonym, them=them, word=word, head=head)]
        return notices + ([NOTICE_NOWHERE.format(words=", ".join(quoted(nowhere)))] if nowhere else [])
    them = "det" if complete == 1 else "dem"
    if len(compiled.terms) == 1 and (pieces := compiled.terms[0].pieces) and " " not in compiled.terms[0].label:
        word, parts = compiled.terms[0].label, swedish_list(quoted([piece.label for piece in pieces]))
        notice = NOTICE_FEW_WITH_PARTS if complete else NOTICE_NONE_WITH_PARTS
        together = TOGETHER if compiled.terms[0].joined else ""
        notices = [notice.format(n=complete, them=them, word=word, parts=parts, together=together)]
    elif len(compiled.terms) == 1 and (head := compiled.terms[0].head) is not None:
        notice = NOTICE_FEW_WITH_HEAD if complete else NOTICE_NONE_WITH_HEAD
        notices = [notice.format(n=complete, them=them, word=compiled.terms[0].label, head=head.label)]
    elif held > complete:
        them = "det" if held == 1 else "dem"
        few, none = NOTICE_FEW_COMPLETE_BY_SYNONYMS, NOTICE_NONE_COMPLETE_BY_SYNONYMS
        notices = [(few if complete else none).format(n=complete, held=held, them=them)]
    else:
        few, none = (
            (NOTICE_FEW_OUTSIDE_TRAIL, NOTICE_NONE_OUTSIDE_TRAIL)
            if in_trail
            else (NOTICE_FEW_COMPLETE, NOTICE_NONE_COMPLETE)
        )
        notices = [few.format(n=complete, them=them) if complete else none]
    if nowhere:
        notices.append(NOTICE_NOWHERE.format(words=", ".join(quoted(nowhere))))
    return notices


def _english_notice(english: list[dict]) -> str:
    """What a query with words of English says: the site is in Swedish, and each word that has Swedish
    words on it was searched as them ("”bike” söktes som ”cykel” och ”parking” som ”parkering”")."""
    searched = [note for note in english if note["as"]]
    said = [
        f"”{note['word']}” {'söktes som' if n == 0 else 'som'} {' eller '.join(quoted(note['as']))}"
        for n, note in enumerate(searched)
    ]
    return NOTICE_ENGLISH.format(words=f": {swedish_list(said)}" if said else "")


def quoted(words: list[str]) -> list[str]:
    """Words as every notice names a word that was typed or searched: in Swedish quotes ("”tåg”").
    A län is named as a place, unquoted ("Visar även avsnitt om Kalmar län för ”småland”")."""
    return [f"”{word}”" for word in words]


def swedish_list(words: list[str]) -> str:
    """["a", "b", "c"] -> "a, b och c"; [] -> ""."""
    return " och ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


def _run(
    searcher,
    query,
    near,
    request: SearchRequest,
    postings: facets.Postings,
    allowed,
    deadline: float,
    coverage: Coverage | None = None,
    dropped: list[str] = (),
) -> Collected:
    """The matches (for the facets) and the page of hits (the best k only; partial
    matches by how much of the query they hold, ``coverage``)."""
    end = request.page * request.per_page
    if query is None:
        return Collected(EMPTY, [], False)
    matches, late = match_set(searcher, query, postings.terms, deadline)
    candidates = matches if allowed is None else matches & allowed
    sort_field, newest_first = SORTS[request.sort].field, SORTS[request.sort].newest_first
    if late:
        top = []
    elif sort_field is not None:
        top = collect.in_field_order(postings, searcher, candidates, sort_field, newest_first, end)
    elif isinstance(query, wq.Every):  # listing everything: in index order, no matcher
        top = [(docnum, None) for docnum in candidates[:end]]
    else:
        rank = coverage.top if coverage is not None else collect.top
        top, ranked_late = rank(searcher, query, deadline, max(end, RERANK_DEPTH), postings.terms, candidates)
        late = late or ranked_late
        if near is not None:
            by_proximity = coverage.rerank if coverage is not None else rerank.by_proximity
            top = by_proximity(searcher, top, near, postings.terms)
        order = coverage.order if coverage is not None else rerank.by_score
        top = rerank.by_page(top, _pages(searcher, postings), order)
        # partial matches hold what they stand under in full; a word typed alone ranks its sections as before
        if coverage is None or coverage.partial.one_word:
            top = rerank.by_own_words(top, _borrowing(searcher, query, postings, deadline), order)
        heading_of = _heading_of(searcher)
        top = rerank.by_contact(top, request.q, heading_of, order)
        lift = coverage.lift if coverage is not None else None
        stating = _stating(searcher, postings, deadline)
        top = rerank.by_question(top, request.q, heading_of, order, lift, stating)
        top = rerank.by_phrase(top, request.q, dropped, _folded_text(searcher), order)
    return Collected(matches, top[end - request.per_page : end], late)


def _borrowing(searcher, query, postings: facets.Postings, deadline: float) -> Callable[[int], bool]:
    """Whether a hit holds one of the query's words only in what it stands under (``BORROWED_FIELDS``):
    it does not hold every word outside them. One bitmap from the cached posting lists."""
    own = match_set(searcher, outside(query, BORROWED_FIELDS), postings.terms, deadline)[0]
    return lambda docnum: docnum not in own


def _folded_text(searcher) -> Callable[[int], str]:
    """Each section's stored heading and text, folded as headings are (``rerank.by_phrase``)."""

    def text_of(docnum: int) -> str:
        hit = searcher.stored_fields(docnum)
        return folded_title_key(f"{hit.get('title') or ''}\n{hit.get('text') or ''}")

    return text_of


def _stating(searcher, postings: facets.Postings, deadline: float) -> Callable[[list[str]], Callable[[int], bool]]:
    """For the words that state a question's answer (``rerank.stated_words``: "kronor"), whether a section
    holds one of them, as the index reads it, in its own heading, text or contact."""

    def stating(words: list[str]) -> Callable[[int], bool]:
        lemmas = {whole for word in words for whole, _parts in analyze(searcher, word)}
        query = wq.Or([wq.Term(name, lemma) for lemma in sorted(lemmas) for name in OWN_FIELDS])
        holding = match_set(searcher, query, postings.terms, deadline)[0]
        return holding.__contains__

    return stating


def _heading_of(searcher) -> Callable[[int], str]:
    """Each section's heading as its sort key, from the index's column (the sorts read it too): 50
    of them in 0.07 ms, where the stored headings took 1.2 ms. Each is read once per search."""
    column, read = None, {}

    def heading(docnum: int) -> str:
        nonlocal column
        if docnum not in read:
            if column is None:
                column = searcher.reader().column_reader(TITLE_KEY_FIELD)
            read[docnum] = column[docnum]
        return read[docnum]

    return heading


def _pages(searcher, postings: facets.Postings) -> Callable[[int], str]:
    """Each section's page, read when first asked for, kept for the generation's life."""
    known, columns = postings.pages, []

    def page_of(docnum: int) -> str:
        if docnum not in known:  # the column is opened for the first page not yet known, not per search
            if not columns:
                columns.append(_page_column(searcher))
            known[docnum] = columns[0][docnum]
        return known[docnum]

    return page_of


def _page_numbers(searcher, postings: facets.Postings) -> np.ndarray:
    """Every section's page as a number (the sections of one page share it), read once for the
    generation's life (100,000 sections: 0.2 s, at the first partial match)."""
    if "every" not in postings.page_numbers:
        numbers: dict[str, int] = {}
        pages = [numbers.setdefault(page, len(numbers)) for page in _page_column(searcher)]
        postings.page_numbers["every"] = np.array(pages, dtype=np.int64)
    return postings.page_numbers["every"]


def _page_column(searcher):
    """Every section's page, by document number: the index's page column, or for an index written
    before it had one, its stored fields."""
    reader = searcher.reader()
    return reader.column_reader("page") if reader.has_column("page") else _StoredPages(searcher)


class _StoredPages:
    """An older index's pages, read from its stored fields as a column is read."""

    def __init__(self, searcher):
        self.searcher = searcher

    def __getitem__(self, docnum: int) -> str:
        return self.searcher.stored_fields(docnum).get("page", "")

    def __iter__(self):
        return (self[docnum] for docnum in range(self.searcher.doc_count_all()))


def suggestion(q: str, corrections: dict[str, str], respelled: dict[str, str]) -> str | None:
    """The query with each unknown word replaced by the closest known one, and each word typed without
    å, ä, ö as the site writes it ("trähustaden vaxjo": "trähusstaden växjö"); None if nothing was
    corrected (å, ä, ö left out alone are no typo: the search finds the words anyway)."""
    if not corrections:
        return None
    changed = {**respelled, **corrections}
    return TYPED_WORD.sub(lambda m: changed.get(m.group(), m.group()), q)


def _query_or_notice(blank: bool, compiled: Compiled) -> tuple[wq.Query | None, str | None]:
    if blank:
        return wq.Every(), None
    if compiled.query is not None:
        return compiled.query, None
    if compiled.dropped:
        words = ", ".join(quoted(compiled.dropped[:5]))
        return None, NOTICE_ONLY_STOP_WORDS.format(words=words)
    return None, NOTICE_NO_WORDS


def _matched_terms(compiled: Compiled, coverage: Coverage | None, lacking: list[int], docnum: int) -> list[str]:
    """The query's words a hit holds, as typed: all of them, unless it is a partial match (a compound
    typed alone and searched as its parts too: the word itself where the section holds it)."""
    if coverage is None or docnum in coverage.word_holders:  # a compound searched as its parts, held whole
        return [term.label for term in compiled.terms]
    strict = [term.label for term in compiled.terms if term.strict]
    return strict + coverage.partial.held_labels(lacking)


def _coverage(docnum: int, compiled: Compiled, coverage: Coverage | None) -> float | None:
    """How much of the query a hit holds (``partial.Coverage.coverage``): all of it unless partial matches
    were ranked; None when no words were searched (every section listed)."""
    if coverage is not None:
        return float(coverage.coverage(docnum))
    return rerank.FULL_COVERAGE if compiled.query is not None else None


def _result(
    searcher, docnum: int, score: float | None, compiled: Compiled, baseline: float | None, coverage: Coverage | None
) -> dict:
    """One hit of the page: its stored fields, a snippet, which fields and query words matched."""
    hit = searcher.stored_fields(docnum)
    text, contact = snippet_source(hit["text"]), hit.get("contact") or ""
    spans = hit_spans(text, compiled.highlight, compiled.prefixes)
    contact_spans = hit_spans(contact, compiled.highlight, compiled.prefixes)
    title_spans = hit_spans(hit["title"], compiled.highlight, compiled.prefixes)
    context_spans = hit_spans(hit.get("context") or "", compiled.highlight, compiled.prefixes)
    trail_spans = hit_spans(hit.get("trail") or "", compiled.highlight, compiled.prefixes)
    fields = (
        ("title", title_spans),
        ("text", spans),
        ("contact", contact_spans),
        ("context", context_spans),
        ("trail", trail_spans),
    )
    matched = [name for name, found in fields if found]
    weights = hit_weights(text, spans, compiled.highlight, compiled.lesser, compiled.prefixes)
    lacking = coverage.lacking(docnum) if coverage else []
    above = coverage.only_above(docnum) if coverage and docnum not in coverage.word_holders else []
    absent = coverage.partial.missing_labels(lacking) if coverage else []
    filler = coverage.partial.filler_held(lacking) if coverage else []
    return {
        **about(hit),
        "contact": contact or None,
        "snippet": snippet(text, spans, title=hit["title"], weights=weights),
        "matched_fields": matched,
        "matched_terms": _matched_terms(compiled, coverage, lacking + above, docnum) + filler,
        "missing_terms": absent,
        "context_terms": coverage.partial.missing_labels(above) if coverage else [],
        "part_terms": coverage.partial.head_labels(coverage.by_head(docnum)) if coverage else [],
        "contact_highlighted": highlight(contact, contact_spans) if contact_spans else None,
        "coverage": _coverage(docnum, compiled, coverage),
        "coverage_terms": coverage.counted(docnum) if coverage else [],
        "score": round(score, 4) if score is not None else None,
        **sources_and_dates(hit, baseline),
    }
