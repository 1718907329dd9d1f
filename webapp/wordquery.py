"""One typed word -> a Whoosh query that finds it the ways a visitor means it.

Each word is analyzed with the index's own analyzer (``analyze``), so the query
matches the terms the indexer wrote; a word the analysis drops, a stop word,
drops out. What the word also finds, each an alternative weighted against an
exact match (``_word_query``):

* the other lemmas of an ambiguous form ("bussar": buss and bussa), at full weight;
* its spelling with å, ä, ö put back (``folding.py``), at ``FOLDED_WEIGHT``;
* all its compound parts, written apart or in other compounds, at ``PARTS_WEIGHT``;
* the editors' synonyms (``corpus/synonyms.toml``), at ``SYNONYM_WEIGHT``;
* only if the index holds none of those: the nearest known words (``spelling.py``,
  ``TYPO_WEIGHT``), and for a word still not found, two words it may be written
  together from ("hamnkaj"), or the words between its hyphens.

A Swedish word the index lacks is not a typo ("söker" is not "söder"): no
section holds it, and partial matching (``partial.py``) shows what holds the
other words. What the visitor should be told (corrections, synonyms used, words
held only in parts) and what the snippets should mark is noted in the query's
``Compiled`` as the words are read; ``query.py`` puts the words together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whoosh import query as wq

from indexer.analysis import fold
from indexer.compounds import rules as compound_rules
from indexer.families import lemmas
from indexer.schema import SEARCH_FIELDS
from indexer.synonyms import Synonym
from indexer.words import is_known

from .folding import unfolded_terms
from .spelling import corrections
from .vocabulary import holds

if TYPE_CHECKING:
    from .query import Compiled

#: How much a match counts that is not the word itself, relative to an exact match.
FOLDED_WEIGHT = 0.4  # the word with the å, ä, ö the visitor left out
PARTS_WEIGHT = 0.25  # all parts of a compound query word, written apart or in other compounds
TYPO_WEIGHT = 0.5  # a known word a few edits away
SYNONYM_WEIGHT = 0.5  # a word the editors' synonyms say it also means


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
    what they lack, so a loose split costs nothing elsewhere; () if there is none.

    Each part has at least the compound rules' shortest part's letters, so a simple word is not
    read as two short ones: "tomat" is not "to" and "mat", nor "matta" "mat" and "ta"."""
    word = typed.lower()
    if not word.isalpha() or len(word) > MAX_SPLIT_CHARS:
        return ()
    reader, shortest = searcher.reader(), compound_rules().min_part_chars
    for cut in range(shortest, len(word) - shortest + 1):
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
