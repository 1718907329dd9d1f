"""One typed word -> a Whoosh query that finds it the ways a visitor means it.

Each word is analyzed with the index's own analyzer (``analyze``), so the query
matches the terms the indexer wrote; a word the analysis drops, a stop word,
drops out. What the word also finds, each an alternative weighted against an
exact match (``word_query``):

* the other lemmas of an ambiguous form ("bussar": buss and bussa), at full weight;
* the word's family where the index holds it one way only (``one_way_family``), at the
  family's weight: "exporterande" finds "exportera", whose own family has no such participle,
  "trygghet" finds "tryggare" (an adjective's quality noun, searched from the query only) and
  "cyklister" "cykelturism" (a person and what the person does, the same way);
* its spelling with å, ä, ö put back (``folding.py``), at ``FOLDED_WEIGHT``, or lower,
  ``FOLDED_HELD_WEIGHT``, when the word as typed is one the index holds too ("stod": stöd); never
  for a word of its own typed so (``letters_back``: "andra" is no "ändra", "lagen" no "läget");
* a compound's derivations, made as its head's are ("energieffektivisering" for "energieffektiv",
  ``derived_compounds``), at the family's weight;
* all its compound parts together (in one word, or side by side written apart; for a word the
  index holds only in parts, in a section's own words), at ``PARTS_WEIGHT``; a compound also as the
  first part of a longer word the indexer split another way ("regionbuss" in "regionbusslinjer":
  region + busslinje), at the same weight (``as_first_part``);
* the editors' synonyms (``corpus/synonyms.toml``), at ``SYNONYM_WEIGHT``;
* only if the index holds none of those: the nearest known words (``spelling.py``,
  ``TYPO_WEIGHT``), and for a word still not found, two words it may be written
  together from ("hamnkaj"), or the words between its hyphens.

A Swedish word the index lacks is not a typo ("söker" is not "söder"): no
section holds it, and partial matching (``partial.py``) shows what holds the
other words. What the visitor should be told (corrections, synonyms used, words
held only in parts) and what the snippets should mark is noted in the query's
``Compiled`` as the words are read; ``query.py`` puts the words together.

A word's head (``head``) is noted too, for partial matches only: a compound's last
part ("transport" of "godstransporter") or a word without a prefix that leaves its
meaning ("utbilda" of "vidareutbilda", ``data/word_prefixes.txt``). A section
that holds only the head does not hold the word, but is about what it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from whoosh import query as wq

from indexer import datafiles
from indexer.analysis import fold, stop_words
from indexer.compounds import Part, decompounder
from indexer.compounds import rules as compound_rules
from indexer.families import compound_family, conversions, family, has_imperative, lemmas, persons, qualities
from indexer.families import rules as family_rules
from indexer.schema import OWN_FIELDS, SEARCH_FIELDS
from indexer.synonyms import Synonym
from indexer.words import is_known, is_place

from . import places, written
from .folding import likely_spellings, meant_as_typed, spellings, unfolded_terms
from .scoring import Together, Where
from .spelling import compound_corrections, corrections
from .vocabulary import holds

if TYPE_CHECKING:
    from .query import Compiled

#: How much a match counts that is not the word itself, relative to an exact match.
FOLDED_WEIGHT = 0.4  # the word with the å, ä, ö the visitor left out
FOLDED_HELD_WEIGHT = 0.2  # the same, when the index holds the word as typed too ("lagen": lag)
PARTS_WEIGHT = 0.25  # all parts of a compound query word, written apart or in other compounds

#: How far apart (positions, stop words not counted) a compound's parts may stand written apart: "stöd
#: till bredband" (1), "stöd för utbyggnad av bredband" (2) hold "bredbandsstöd"; parts in one word stand
#: at its position (0).
PARTS_SLOP = 3
TYPO_WEIGHT = 0.5  # a known word a few edits away
#: The most index words a compound is looked up as the first part of (``as_first_part``).
MAX_FIRST_PART_TERMS = 20
#: The least letters a word's rest after a prefix (``data/word_prefixes.txt``) has to be its head.
MIN_HEAD_CHARS = 4
SYNONYM_WEIGHT = 0.5  # a word the editors' synonyms say it also means
#: How far apart a synonym's words may stand (positions, stop words not counted): "bristen på lämplig
#: arbetskraft" holds "brist på arbetskraft" (2), as a word put between them keeps the phrase's meaning.
SYNONYM_SLOP = 2


def with_hyphen_parts(words: list[tuple[str, tuple[str, ...]]], typed: str, searcher) -> list:
    """A hyphenated word the analysis keeps whole, without parts (more of them than a compound
    has: "eu-stöd-för-hamnar-i-norr"), with the words between its hyphens as its parts."""
    if len(words) != 1 or words[0][1]:
        return words
    parts = _hyphen_pieces(typed, searcher)
    return [(words[0][0], parts if len(parts) > 1 else ())]


def abbreviation_hyphenated(typed: str, abbreviations: frozenset[str], searcher) -> str | None:
    """A word written closed that begins with an abbreviation of the synonyms ("gcväg": GC), written
    with its hyphen ("gc-väg"), to be searched as a hyphenated word is: the abbreviation with its
    synonyms, the rest as itself. Only a word the index and the word list do not know, whose rest is
    a word the index holds; None for any other word ("gcväg" is no "gc" + "väg" where a page says it,
    and "vagen" is "vägen", not "VA" + "gen")."""
    word = typed.lower()
    shortest_rest = compound_rules().min_part_chars
    starts = [a for a in abbreviations if word.startswith(a) and len(word) - len(a) >= shortest_rest]
    if not starts or not word.isalpha() or any(is_known(spelling) for spelling in spellings(word)):
        return None
    reader = searcher.reader()
    if any(indexed(reader, whole) for whole, _parts in analyze(searcher, word)):
        return None
    for abbreviation in sorted(starts, key=len, reverse=True):
        rest = word[len(abbreviation) :]
        analysed = analyze(searcher, rest)
        if len(analysed) == 1 and indexed(reader, analysed[0][0]):
            return f"{typed[: len(abbreviation)]}-{typed[len(abbreviation) :]}"
    return None


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


def any_field(term: str, weight: float = 1.0) -> wq.Query:
    return wq.Or([wq.Term(name, term, boost=boost * weight) for name, boost in SEARCH_FIELDS.items()])


def word_query(
    whole: str,
    parts: tuple[str, ...],
    typed: str,
    searcher,
    compiled: Compiled,
    negated: bool,
    synonyms: tuple[Synonym, ...] = (),
    weight: float = 1.0,
    synonyms_of: Callable[[str], tuple[Synonym, ...]] | None = None,
    exact: bool = False,
) -> wq.Query:
    """A typed word: its lemma, its lemma with å, ä, ö put back, all its compound
    parts, its synonyms, else (if none of those is indexed and it is not ``exact``, typed in
    quotes: "Sök i stället efter" searches a corrected word so) the nearest known words.
    A Swedish word the index lacks is not a typo ("söker" is not "söder"): no
    section holds it, and partial matching shows what holds the other words.

    A word typed without å, ä, ö that the index holds in no form is searched as its
    spelling with the letters back, as if typed so, at ``FOLDED_WEIGHT``: that word's
    parts and synonyms too (``synonyms_of`` a lemma), so "stationsomrade" finds what
    "stationsområde" finds, ranked below it. ``weight`` scales the whole word."""
    reader = searcher.reader()
    others = _other_lemmas(typed, whole, reader)
    derived = derived_compounds(whole, parts, reader)
    relatives = tuple(dict.fromkeys((*one_way_family(whole, reader), *derived)))  # "trafiksäker": both ways
    parts_held = bool(parts) and all(indexed(reader, part) for part in parts)
    spelled = None
    if not (indexed(reader, whole) or parts_held):
        spelled = _with_letters_back(typed, searcher, compiled, negated, weight * FOLDED_WEIGHT, synonyms_of)
    unfolded = [] if spelled is not None else letters_back(typed, whole, reader)
    folded = FOLDED_HELD_WEIGHT if indexed(reader, whole) else FOLDED_WEIGHT
    forms = [any_field(term, weight) for term in (whole, *others)]
    forms += [any_field(term, folded * weight) for term in unfolded] + ([spelled] if spelled is not None else [])
    kin, loose = family_rules(), set(persons(whole))  # a person's relatives count less (``person_weight``)
    forms += [
        any_field(term, (kin.person_weight if term in loose else kin.family_weight) * weight) for term in relatives
    ]
    longer = as_first_part(whole, reader) if parts else ()
    if parts_held:  # where they stand together; in a section's own words only for a word read as its parts
        held_whole = indexed(reader, whole) or bool(derived or longer)
        forms.append(_together(parts, weight, SEARCH_FIELDS if held_whole else OWN_FIELDS))
    forms += [any_field(term, PARTS_WEIGHT * weight) for term in longer]
    if negated:  # excluded: nothing to mark or tell the visitor, and no guesses
        return wq.Or(forms)
    compiled.highlight.update(
        fold(term) for term in (whole, *others, *relatives, *unfolded, *(parts if parts_held else ()), *longer)
    )
    compiled.wholes.update(fold(term) for term in (whole, *others, *relatives, *unfolded))
    compiled.parts.update(fold(part) for part in (*(parts if parts_held else ()), *longer))
    if parts_held and indexed(reader, whole) and "-" not in typed:  # alone, also its parts ("e-handel" is one word)
        if constituents := pieces_of(typed, parts):
            compiled.compounds[typed] = constituents
    if (found_head := head(typed, whole, parts, searcher)) is not None:
        compiled.heads[typed] = found_head
        compiled.highlight.add(fold(found_head[1]))
        compiled.parts.add(fold(found_head[1]))
    if (unfolded or spelled is not None) and (written_as := _as_written(typed, reader)):
        compiled.respelled[typed] = written_as
    also = synonym_queries(typed, synonyms, searcher, compiled, weight)
    found = bool(unfolded or others or relatives or longer or also or spelled is not None) or indexed(reader, whole)
    return wq.Or([*forms, *also, *_guesses(typed, parts, found, parts_held, searcher, compiled, not exact)])


def is_folded_stop_word(typed: str, words: list[tuple[str, tuple[str, ...]]], searcher) -> bool:
    """Whether a word typed without å, ä, ö is a stop word with them ("pa": på, "nar": när, "fran":
    från), to be dropped as the stop word is, not named as a word no section holds ("Inget avsnitt
    innehåller: ”pa”"). Only if it means nothing else here: the site never writes it as typed (a
    word the site writes is a word: "for", where a page says "han for hem"), the index holds it in
    no form, and no spelling with the letters back is a word the index holds ("ar" is "år" where
    the site writes about years)."""
    word = typed.lower()
    if len(words) != 1 or word not in _folded_stop_words():
        return False
    reader, (whole, _parts) = searcher.reader(), words[0]
    site = written.of(reader)
    if site is not None and site.sections_of(word) or indexed(reader, whole):
        return False
    return not unfolded_terms(word, whole, lambda term: indexed(reader, term))


def is_folded_filler(
    typed: str, words: list[tuple[str, tuple[str, ...]]], searcher, filler: Callable[[str], bool]
) -> bool:
    """Whether a word typed without å, ä, ö is a question word or filler with them (``filler``: "manga":
    många, "nar": när, "far": får), to be optional as that word is, not weighed as a word of the need no
    section holds ("hur manga foretagare …" counted "manga" a quarter of the query). Only if it means
    nothing else here: the site never writes it as typed and the index holds it in no form."""
    word = typed.lower()
    if len(words) != 1 or fold(word) != word:
        return False
    reader, (whole, _parts) = searcher.reader(), words[0]
    site = written.of(reader)
    if site is not None and site.sections_of(word) or indexed(reader, whole):
        return False
    return any(filler(spelling) for spelling in spellings(word)[1:])


@cache
def _folded_stop_words() -> frozenset[str]:
    """The stop words with å, ä or ö, as typed without them ("på": "pa"), stop words themselves left out."""
    return frozenset(fold(word) for word in stop_words() if fold(word) != word) - stop_words()


def _as_written(typed: str, reader) -> str | None:
    """How the site writes a word typed without å, ä, ö ("vaxjo": "växjö"), its most common such
    spelling, to suggest it so; None if the site also writes it as typed (for, för) or never so."""
    site = written.of(reader)
    if site is None or site.sections_of(typed.lower()):
        return None
    said = {spelling: n for spelling in spellings(typed.lower())[1:] if (n := site.sections_of(spelling))}
    return max(said, key=lambda spelling: (said[spelling], spelling)) if said else None


#: The most spellings with å, ä, ö put back that are analysed for a word the index holds in no form.
MAX_LETTERS_BACK = 64


def _with_letters_back(
    typed: str, searcher, compiled: Compiled, negated: bool, weight: float, synonyms_of
) -> wq.Query | None:
    """The word query of the spelling of ``typed`` with å, ä, ö put back that the index holds
    best: as a lemma, else in every compound part, else a known word in some part or in its synonyms
    ("tag": tåg, whose synonym järnväg the page says); None if no spelling is held. A word typed
    with some of those letters may lack others: "höghastighetsjarnvag" (ö typed, ä left out) is
    höghastighetsjärnväg. Its parts are ``typed``'s pieces for
    partial matches. A spelling held only in some parts is no reading of a misspelled word:
    "sundsval" is not "sunds" + "väl" but Sundsvall, which the typo correction finds."""
    word = typed.lower()
    if not word.isalpha():
        return None
    reader, synonyms_of = searcher.reader(), synonyms_of or (lambda _lemma: ())
    best, best_rank = None, None
    for spelling in likely_spellings(word, MAX_LETTERS_BACK):
        analysed = analyze(searcher, spelling)
        if len(analysed) != 1:
            continue
        whole, parts = analysed[0]
        whole_held, held, known = indexed(reader, whole), [indexed(reader, part) for part in parts], is_known(spelling)
        said = any(all(indexed(reader, lemma) for lemma in synonym.lemmas) for synonym in synonyms_of(whole))
        if not (whole_held or (held and all(held)) or known and (any(held) or said)):
            continue
        rank = (not whole_held, not (held and all(held)), not known)
        if best_rank is None or rank < best_rank:
            best, best_rank = (spelling, whole, parts), rank
    if best is None:
        return None
    spelling, whole, parts = best
    query = word_query(whole, parts, spelling, searcher, compiled, negated, synonyms_of(whole), weight)
    if spelling in compiled.pieces:
        compiled.pieces[typed] = compiled.pieces[spelling]
    if spelling in compiled.heads:
        compiled.heads[typed] = compiled.heads[spelling]
    if spelling in compiled.compounds:
        compiled.compounds[typed] = compiled.compounds[spelling]
    return query


def _guesses(
    typed: str, parts: tuple[str, ...], found: bool, parts_held: bool, searcher, compiled: Compiled, correct: bool
) -> list[wq.Query]:
    """What a word may be that the index holds in no form (not ``found``): the nearest known
    words, unless its parts are held, it is a Swedish word or a place's name the index lacks
    ("marsta" is Märsta, no typo) or it is not to be ``correct``-ed; then, if nothing corrected it,
    two words written together ("hamnkaj"). A word held only in parts notes them as its pieces:
    partial matches may hold some."""
    guesses = []
    if correct and not (found or parts_held or is_known(typed.lower()) or places.is_place(typed)):
        guesses += _typo_alternatives(typed, searcher, compiled)
    if found or typed in compiled.corrections:
        return guesses
    if not parts and (parts := _two_words(typed, searcher)):
        guesses.append(_together(parts, fields=OWN_FIELDS))
        compiled.highlight.update(fold(part) for part in parts)
    if parts:
        hyphenated = _hyphen_pieces(typed, searcher)
        pieces = hyphenated or parts
        if hyphenated:
            named = typed_pieces(typed, pieces)
            compiled.pieces[typed] = tuple(zip(named, ((piece,) for piece in pieces), strict=True))
        elif constituents := pieces_of(typed, parts):
            compiled.pieces[typed] = constituents
        compiled.highlight.update(fold(piece) for piece in pieces)
    return guesses


def typed_pieces(typed: str, lemmas: tuple[str, ...]) -> tuple[str, ...]:
    """How the visitor typed each part of a word, to name it: the words between its hyphens, or
    the compound's parts as written without the linking "s" ("byggbranschen": "bygg" and
    "branschen", not the lemmas bygga and bransch; "bredbandsstöd": "bredband", "stöd"); the
    lemmas where the word cannot be read so, and for a part whose letters as written are no word of
    its own, so a notice never names a non-word: a bare stem ("pendl" of pendla) or a first part in
    a form only a compound holds ("arbets" of arbetskraft is named "arbete", as a visitor writes it)."""
    hyphenated = [piece for piece in typed.split("-") if piece]
    if len(hyphenated) > 1:
        return tuple(hyphenated) if len(hyphenated) == len(lemmas) else lemmas
    splitter = decompounder()
    split = splitter.split(typed.lower())
    if split is None or tuple(splitter.term(part) for part in split) != lemmas:
        return lemmas
    return tuple(
        part.surface if _written_alone(part, last=n == len(split) - 1) else splitter.term(part)
        for n, part in enumerate(split)
    )


def _written_alone(part: Part, last: bool) -> bool:
    """Whether a compound's part, as written in it, is a word a visitor writes alone: the last part
    in any known form ("branschen"); a first part as its lemma, or as a bare stem that is a verb's
    imperative ("bygg" of bygga), not with a linking morpheme ("bostads", "arbets") or as the stem
    of a noun, which only a compound holds though the word list knows it ("skol" of skola,
    "medborgar" of medborgare: named "skola", "medborgare")."""
    if last:
        return is_known(part.surface)
    return part.surface == part.lemma or part.truncated and is_known(part.surface) and has_imperative(part.lemma)


def pieces_of(typed: str, lemmas: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A compound's pieces, each (as typed, its parts' lemmas): the words it is made of
    (``Decompounder.constituents``), each a word a partial match may hold without the others. A
    piece of several parts is named as written, without its linking "s" ("höghastighet")."""
    splitter = decompounder()
    split = splitter.split(typed.lower())
    if split is None or tuple(splitter.term(part) for part in split) != lemmas:
        split = tuple(Part(lemma, lemma) for lemma in lemmas)
    groups = splitter.constituents(split)
    names, found, start = typed_pieces(typed, lemmas), [], 0
    for group in groups:
        end = start + len(group)
        found.append(("".join(part.surface for part in group[:-1]) + names[end - 1], lemmas[start:end]))
        start = end
    return tuple(found)


def piece_query(lemmas: tuple[str, ...]) -> wq.Query:
    """What holds a piece of a word: its one part anywhere, or its parts where they stand together,
    scored as one word ("höghastighet": hög and hastighet in "höghastighetståg", not "höga")."""
    if len(lemmas) == 1:
        return any_field(lemmas[0])
    return _together(lemmas, 1 / (PARTS_WEIGHT * len(lemmas)))


def as_first_part(whole: str, reader) -> tuple[str, ...]:
    """The index's words that are a compound typed (``whole``) followed by a word, with or without a
    linking "s": "regionbusslinje" for "regionbuss". The indexer splits such a word the way that
    reads best (region + busslinje), so the typed compound's parts never stand together in it; the
    word holds the compound all the same, as "cykelvägen" holds "cykel". At most
    ``MAX_FIRST_PART_TERMS``, the commonest."""
    shortest, found = compound_rules().min_part_chars, {}
    for name in (name for name in SEARCH_FIELDS if name in reader.schema):
        for term in reader.expand_prefix(name, whole):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            rest = term[len(whole) :]
            rest = rest[1:] if rest.startswith("s") and is_known(rest[1:]) else rest
            if len(rest) >= shortest and is_known(rest) and term not in found and indexed(reader, term):
                found[term] = sum(
                    reader.doc_frequency(field, term) for field in SEARCH_FIELDS if field in reader.schema
                )
    return tuple(sorted(found, key=lambda term: (-found[term], term))[:MAX_FIRST_PART_TERMS])


def head(typed: str, whole: str, parts: tuple[str, ...], searcher) -> tuple[str, str] | None:
    """A word's head, as typed and as the index holds it, if the index holds it: a compound's last
    part ("anställda" of "säsongsanställda": anställa), or what follows a prefix that leaves the
    word's meaning (``data/word_prefixes.txt``: "utbilda" of "vidareutbilda"); None for a word
    with neither. Partial matches offer the sections that hold the head (``partial.py``)."""
    reader = searcher.reader()
    if parts:
        label = typed_pieces(typed, parts)[-1]
        return (label, parts[-1]) if indexed(reader, parts[-1]) and parts[-1] != whole else None
    word = typed.lower()
    for prefix in word_prefixes():
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= MIN_HEAD_CHARS and is_known(rest):
            analysed = analyze(searcher, rest)
            if len(analysed) == 1 and analysed[0][0] != whole and indexed(reader, analysed[0][0]):
                return rest, analysed[0][0]
    return None


@cache
def word_prefixes() -> tuple[str, ...]:
    """The prefixes that leave a word's meaning (``data/word_prefixes.txt``), longest first."""
    return tuple(sorted(datafiles.entries("word_prefixes.txt", package="webapp"), key=lambda p: (-len(p), p)))


def _apart(parts: tuple[str, ...], weight: float = 1.0) -> wq.Query:
    """All the parts of a word, anywhere in a section, weighted as parts: how the sections that hold
    them together score (``_together``), and what a partial match may hold of the word (``partial.py``)."""
    return wq.And([any_field(part, PARTS_WEIGHT * weight) for part in parts])


def _together(parts: tuple[str, ...], weight: float = 1.0, fields=SEARCH_FIELDS) -> wq.Query:
    """All the parts of a word, weighted as parts, in a section where they stand together in one of
    ``fields``: in one word (a compound's parts share its position: "huvudcykelvägen") or in words at
    most ``PARTS_SLOP`` apart ("vägar för cyklar", "stöd till bredband"), in any order. Not where two
    other words each hold a part: "huvudcykelstråken" … "bilvägarna" is no "cykelväg", and a section
    that says so does not hold the word. Where they stand together, every mention of the parts
    scores, in any field, as before, so the ranking of the sections that hold the word is unchanged
    (measured in the README, *Compounds*).

    A word the index holds itself (as written, derived as its head is: ``derived_compounds``, or as the
    first part of a longer word: ``as_first_part``) is held in any searched field, as every word is:
    in the heading above a section too. A word the index holds only in parts ("bredbandsstöd" on a
    site that never writes it) is a reading of the parts, held only where they stand together in a
    section's own heading, text or contact (``OWN_FIELDS``): not "energi" in the text and
    "effektiv" in the page's heading, as "energieffektiv" was (outside test, outsider14 D5)."""
    return Where(_apart(parts, weight), _side_by_side(parts, fields))


def _side_by_side(parts: tuple[str, ...], fields=SEARCH_FIELDS) -> wq.Query:
    """Where the parts stand within ``PARTS_SLOP`` positions of each other in one of ``fields`` (0: in
    one word)."""
    return wq.Or(
        [
            Together(
                [wq.Term(name, part) for part in parts],
                slop=PARTS_SLOP,
                ordered=False,
                mindist=0,
            )
            for name in fields
        ]
    )


#: The longest word ``_two_words`` tries to read as two: each cut costs two analyses.
MAX_SPLIT_CHARS = 30


def _two_words(typed: str, searcher) -> tuple[str, ...]:
    """A word nothing else finds, which the compound rules keep whole ("hamnkaj": its part "kaj" is
    too short for them; "kajförlängning"), read as two words the index holds: the longest last word
    first, a linking "s" dropped ("godstrafik"). Only on this path, for partial matches that say
    what they lack, so a loose split costs nothing elsewhere; () if there is none.

    Each part has at least the compound rules' shortest part's letters, so a simple word is not
    read as two short ones: "tomat" is not "to" and "mat", nor "matta" "mat" and "ta"; a place name
    is a name: "Småland" is not "små" and "land"; each is a word the word list knows, never a
    stem the analysis guesses ("pendl" of "pendlare"); and the first is no particle that never
    starts a compound ("genvägar" is not "gen" and "vägar")."""
    word = typed.lower()
    if not word.isalpha() or len(word) > MAX_SPLIT_CHARS or is_place(word):
        return ()
    reader, shortest = searcher.reader(), compound_rules().min_part_chars
    for cut in range(shortest, len(word) - shortest + 1):
        first, last = word[:cut], word[cut:]
        if not is_known(last) or first in compound_rules().never_first:
            continue
        tails = [lemma for lemma in _lemmas(last, searcher) if indexed(reader, lemma)]
        if not tails:
            continue
        heads = [first, first[:-1]] if first.endswith("s") and cut > 2 else [first]
        for head in (lemma for text in heads if is_known(text) for lemma in _lemmas(text, searcher)):
            if indexed(reader, head):
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
    return tuple(lemma for lemma in lemmas(typed.lower())[1:] if lemma != whole and indexed(reader, lemma))


def one_way_family(whole: str, reader) -> tuple[str, ...]:
    """The word's family the index holds, less the relatives whose own family holds the word:
    those the indexer already wrote beside the word's forms (a section that says "samverka" holds
    "samverkan" at the family's weight). The rest are relations the word list shows one way: a
    participle it finds rare ("exporterande") has its verb as family, but the verb's family has
    no such participle, so without this no section that says "exportera" would find it. An
    adjective's quality noun and the other way round ("trygghet": trygg), a person and what the
    person does ("cyklist": cykel, cykla; "turism": turist), and a noun and its verb alike ("lån":
    låna), are relatives the index never holds beside the word (``qualities``, ``persons``,
    ``conversions``)."""
    one_way = (relative for relative in family(whole) if whole not in family(relative))
    found = dict.fromkeys([*one_way, *qualities(whole), *persons(whole), *conversions(whole)])
    return tuple(relative for relative in found if indexed(reader, relative))


def derived_compounds(whole: str, parts: tuple[str, ...], reader) -> tuple[str, ...]:
    """The index's words derived from a compound as its head is (``families.compound_family``):
    "energieffektivisering" for "energieffektiv", "trafiksäkerhet" for "trafiksäker", at the family's
    weight. A section that says one holds the word, not only its parts: the word is not split."""
    if not parts:
        return ()
    return tuple(term for term in compound_family(whole, parts[-1]) if indexed(reader, term))


def synonym_queries(
    typed: str, synonyms: tuple[Synonym, ...], searcher, compiled: Compiled, scale: float = 1.0
) -> list[wq.Query]:
    """The synonyms the index holds, as queries weighted below the typed word (``scale`` times
    ``SYNONYM_WEIGHT``); noted for the visitor ("Visar även träffar för …") and highlighted."""
    reader = searcher.reader()
    queries, shown = [], []
    for synonym in synonyms:
        if not all(indexed(reader, lemma) for lemma in synonym.lemmas):
            continue
        if len(synonym.lemmas) == 1:
            queries.append(any_field(synonym.lemmas[0], SYNONYM_WEIGHT * scale))
        else:  # a phrase scores the sum of its words: weighted as one word
            weight = SYNONYM_WEIGHT * scale / len(synonym.lemmas)
            phrase = wq.Or(
                [
                    wq.Phrase(name, list(synonym.lemmas), slop=SYNONYM_SLOP, boost=boost * weight)
                    for name, boost in SEARCH_FIELDS.items()
                ]
            )
            if not _matches(phrase, searcher):  # its words on the site, never together: not held
                continue
            queries.append(phrase)
        compiled.highlight.update(fold(lemma) for lemma in synonym.lemmas)
        shown.append(synonym.text)
    if shown:
        compiled.synonyms.append({"word": typed, "also": shown})
    return queries


def _matches(query: wq.Query, searcher) -> bool:
    """Whether a live section matches ``query`` (a phrase: its words may stand on the site apart only)."""
    return any(True for _ in searcher.docs_for_query(query))


def indexed(reader, term: str) -> bool:
    """Whether a live section holds the term in any searched field."""
    return any(holds(reader, name, term) for name in SEARCH_FIELDS)


def sections(reader, term: str) -> int:
    """About how many sections hold the term: the most of any searched field (deleted ones counted
    until their segment is merged), to compare how common two words are on the site."""
    return max((reader.doc_frequency(name, term) for name in SEARCH_FIELDS if name in reader.schema), default=0)


def letters_back(typed: str, whole: str, reader) -> list[str]:
    """The index terms a word typed without å, ä, ö (lemma ``whole``) may mean with them
    (``folding.unfolded_terms``), less those a word of its own typed so does not mean
    (``folding.meant_as_typed``: "andra" is no "ändra")."""
    found = unfolded_terms(typed, whole, lambda term: indexed(reader, term))
    return [term for term in found if not meant_as_typed(typed, whole, term, lambda t: sections(reader, t))]


def _typo_alternatives(typed: str, searcher, compiled: Compiled) -> list[wq.Query]:
    """The words a word nothing finds may be meant as, at ``TYPO_WEIGHT``: the site's word with a
    hyphen in it (``_hyphenated``: "ehandel" is e-handel), else the nearest known words, else a
    compound with one part corrected, else the words it is written apart as (``_spaced``: "popup"
    is "pop up"). The nearest word is searched as that word typed is, its compound parts too
    ("översvämnigsskydd" finds what "översvämningsskydd" finds: its parts where they stand together,
    and the parts as its pieces where few sections hold them all); the others as the analysis reads
    them ("kommunerna": kommun)."""
    if hyphenated := _hyphenated(typed, searcher):
        return [_corrected(typed, hyphenated, searcher, compiled)]
    candidates = corrections(searcher.reader(), typed)
    if not candidates:
        found = _compound_alternative(typed, searcher, compiled)
        if not found and (pieces := _spaced(typed, searcher)):
            compiled.corrections[typed] = " ".join(pieces)
            compiled.highlight.update(fold(piece) for piece in pieces)
            found = [_side_by_side(pieces)]
        return found
    alternatives = [_corrected(typed, candidates[0], searcher, compiled)]
    for candidate in candidates[1:]:
        for term in dict.fromkeys([candidate, *(whole for whole, _parts in analyze(searcher, candidate))]):
            compiled.highlight.add(fold(term))
            alternatives.append(any_field(term, TYPO_WEIGHT))
    return alternatives


def _corrected(typed: str, candidate: str, searcher, compiled: Compiled) -> wq.Query:
    """A word typed wrong searched as its correction ``candidate`` typed is, at ``TYPO_WEIGHT``."""
    compiled.corrections[typed] = candidate
    analysed = analyze(searcher, candidate)
    if len(analysed) != 1:
        compiled.highlight.add(fold(candidate))
        return any_field(candidate, TYPO_WEIGHT)
    whole, parts = analysed[0]
    query = word_query(whole, parts, candidate, searcher, compiled, False, weight=TYPO_WEIGHT, exact=True)
    for noted in (compiled.pieces, compiled.heads, compiled.compounds):
        if candidate in noted:
            noted[typed] = noted[candidate]
    return query


def _hyphenated(typed: str, searcher) -> str | None:
    """A word nothing finds that the site writes with a hyphen inside: "ehandel" is e-handel,
    "etjanst" e-tjänst. The index holds a hyphenated word whole; its letters typed closed are no
    typo of any word (each edit is a letter, never a hyphen). None if no such word is held."""
    word, reader = typed.lower(), searcher.reader()
    if not word.isalpha() or len(word) > MAX_SPLIT_CHARS:
        return None
    for cut in range(1, len(word)):
        hyphenated = f"{word[:cut]}-{word[cut:]}"
        analysed = analyze(searcher, hyphenated)
        if len(analysed) == 1 and indexed(reader, analysed[0][0]):
            return hyphenated
    return None


def _spaced(typed: str, searcher) -> tuple[str, str] | None:
    """A word nothing finds, no typo of a site word, that the site writes as two words side by side:
    "popup" is "pop up" ("pop up-butiker"). Each word has two letters or more and stands as the
    analysis reads it; the two must stand together in a section, not anywhere. None if none does."""
    word, reader = typed.lower(), searcher.reader()
    if not word.isalpha() or len(word) > MAX_SPLIT_CHARS:
        return None
    for cut in range(2, len(word) - 1):
        first, last = analyze(searcher, word[:cut]), analyze(searcher, word[cut:])
        if len(first) != 1 or len(last) != 1:
            continue
        pieces = (first[0][0], last[0][0])
        if all(indexed(reader, piece) for piece in pieces) and searcher.search(_side_by_side(pieces), limit=1):
            return pieces
    return None


def _compound_alternative(typed: str, searcher, compiled: Compiled) -> list[wq.Query]:
    """A compound no word of the site is near, with one part corrected (``spelling.compound_corrections``:
    "bredbandsutbygnad" is bredbandsutbyggnad), searched as that word typed whole is, at ``TYPO_WEIGHT``:
    its parts together, and where few sections hold them all, the parts as its pieces. The first
    candidate the index holds (whole, or in every part) is the correction; none: no guess."""
    reader = searcher.reader()
    for candidate in compound_corrections(reader, typed):
        analysed = analyze(searcher, candidate)
        if len(analysed) != 1:
            continue
        whole, parts = analysed[0]
        if indexed(reader, whole) or parts and all(indexed(reader, part) for part in parts):
            compiled.corrections[typed] = candidate
            query = word_query(whole, parts, candidate, searcher, compiled, False, weight=TYPO_WEIGHT)
            if candidate in compiled.pieces:
                compiled.pieces[typed] = compiled.pieces[candidate]
            if candidate in compiled.heads:
                compiled.heads[typed] = compiled.heads[candidate]
            return [query]
    return []
