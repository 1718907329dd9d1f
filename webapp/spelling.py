"""Typos: a query word the index does not know is matched to words it does.

"Menade du …?" proposes words as a visitor reads them on the site: "kommunernsa" is
"kommunerna", "godsbåten" is "godsbåtar", "leadr" is "leader", never a lemma ("kommun",
"godsbåta", "lead") and never a word from outside the site that finds nothing. The
candidates, nearest first:

* the site's own words as written (``written.py``, a table the indexer keeps per generation): a
  candidate a few edits away is a word some indexed section says;
* forms from the word list one edit away whose lemma the index holds: "cyklrna" is
  "cyklarna", though the site writes only "cyklar" (the lemma, "cykel", is five edits away,
  and no site word is near). Among candidates as near, the site's own come first.

The corrected word is then searched as any word is, through the analysis ("kommunerna" finds
every section about a "kommun"). An index written before that table offers its terms instead
(lemmas and compound parts). How far a candidate may be grows with the word's length: short
words are easily confused with other real words.

A compound the site never writes whole, misspelled in one part, is near no word of the site:
"bredbandsutbygnad" is two edits from nothing the site says, though "bredbandsutbyggnad" is
found in its parts. ``compound_corrections`` reads it as the indexer splits a compound
(``indexer/compounds.py``), with one part a correction of a word the index holds: a beginning
that reads as first parts and a misspelled rest ("bredbands" + "utbygnad": utbyggnad), or a
misspelled beginning and a rest that is a last part ("bredbans" + "utbyggnad": bredband + s).
Each part is corrected as a word is, one edit at most (a compound with one typo; a search of two
edits costs several times more), never a part that is a word already ("bredbandskabel" is no typo
where the site lacks "kabel"), and at most ``MAX_COMPOUND_TRIES`` ways of cutting the word are
tried, longest known piece first: each costs a search of the site's words.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.support.levenshtein import damerau_levenshtein

from indexer.compounds import decompounder
from indexer.families import lemmas
from indexer.lexicon import load as load_lexicon
from indexer.schema import SEARCH_FIELDS
from indexer.words import is_known

from . import written
from .vocabulary import holds

MAX_CANDIDATES = 3
SAME_START = 1  # candidates share the first letter: typos seldom hit it, and the search is ~20 times cheaper
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöé"  # what an edit may put in a word: the letters of Swedish words
ON_SITE, IN_WORD_LIST = 0, 1  # where a candidate comes from, the site's own first
#: The most cuts of a misspelled compound whose misspelled piece is looked up (``compound_corrections``).
MAX_COMPOUND_TRIES = 3
PART_EDITS = 1  # how far a misspelled part of a compound may be from the word it is


def max_edits(word: str) -> int:
    """Edits allowed for a word of this length: 0 up to 3 letters, 1 up to 7, then 2."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def corrections(reader, word: str, most: int = 2) -> list[str]:
    """The closest words, best first: fewest edits, the site's own words, then most sections; at most
    ``most`` edits away, fewer for a short word (``max_edits``)."""
    word = word.lower()
    limit = min(max_edits(word), most)
    if not limit or not word.isalpha():
        return []
    site = written.of(reader)
    if site is not None:
        near = {candidate: (ON_SITE, n) for candidate, n in site.near(word, limit).items()}
        found = {**_word_list_forms(reader, word), **near}
    else:  # an index written before the words as written: its terms
        found = {}
        for name in (name for name in SEARCH_FIELDS if name in reader.schema):
            for candidate, n in _terms_near(reader, name, word, limit).items():
                found[candidate] = (ON_SITE, found.get(candidate, (ON_SITE, 0))[1] + n)
    ranked = sorted((distance(word, c), source, -n, c) for c, (source, n) in found.items())
    return [candidate for edits, _, _, candidate in ranked if edits <= limit][:MAX_CANDIDATES]


def compound_corrections(reader, word: str) -> Iterator[str]:
    """The compound ``word`` with one part corrected by one edit (see the module docstring), best
    first: the cut that leaves the longest known piece, then as ``corrections`` ranks the part's
    candidates. Lazily, as each cut costs a search of the site's words: the caller takes the first
    whose words the index holds, as the analysis reads it."""
    word, splitter = word.lower(), decompounder()
    if len(word) < splitter.rules.min_word_chars or not word.isalpha():
        return
    for head, rest, fixed in _cuts(word, splitter)[:MAX_COMPOUND_TRIES]:
        if fixed == "rest":
            found = (head + part for part in corrections(reader, rest, PART_EDITS) if splitter.ends(part))
        else:
            found = (
                part + link + rest for link, stem in _unlinked(head) for part in corrections(reader, stem, PART_EDITS)
            )
        yield from (candidate for candidate in found if _reads_better(candidate, word, splitter))


def _reads_better(candidate: str, word: str, splitter) -> bool:
    """Whether ``candidate`` reads as a compound better than the word typed: the typed word splits
    into no known parts, or into more of them or more bare stems than the candidate ("bredbandsutbyggand"
    is bredband + utbygg + and, "bredbandsutbyggnad" bredband + utbyggnad). A word read as well is
    spelled right: "otäcktvärdigt" is otäckt + värdigt, no typo for "otäcktvärdit"."""
    typed = splitter.split(word)
    if typed is None:
        return True
    parts = splitter.split(candidate)
    return parts is not None and splitter.rank(parts)[:2] < splitter.rank(typed)[:2]


def _cuts(word: str, splitter) -> list[tuple[str, str, str]]:
    """Where a misspelled compound may be cut into a known piece and a misspelled one, longest known
    piece first: (beginning, rest, which of the two is to be corrected)."""
    shortest = splitter.rules.min_part_chars
    cuts = [  # the beginning reads as first parts; the rest, no word, is misspelled
        (len(word[:start]), word[:start], word[start:], "rest")
        for start in splitter.beginnings(word)
        if start and _misspelled(word[start:])
    ]
    cuts += [  # the rest is a last part; the beginning, no word with or without its link, is misspelled
        (len(word) - start, word[:start], word[start:], "head")
        for start in range(shortest, len(word) - shortest + 1)
        if splitter.ends(word[start:]) and all(_misspelled(stem) for _link, stem in _unlinked(word[:start]))
    ]
    return [(head, rest, fixed) for _known, head, rest, fixed in sorted(cuts, key=lambda cut: -cut[0])]


def _unlinked(head: str) -> list[tuple[str, str]]:
    """A compound's beginning as (link, the word before it): "bredbans" is bredban + s, or itself."""
    linked = [("s", head[:-1])] if head.endswith("s") and len(head) > 1 else []
    return [*linked, ("", head)]


def _misspelled(piece: str) -> bool:
    """Whether a piece of a compound may be a misspelled word: long enough to correct, and no word."""
    return max_edits(piece) > 0 and not is_known(piece)


def _terms_near(reader, name: str, word: str, limit: int) -> dict[str, int]:
    """The field's terms within ``limit`` edits that a live section holds -> how many sections hold them."""
    found = {}
    for raw in _within(reader, name, word, limit):
        candidate = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        if candidate != word and holds(reader, name, candidate):
            found[candidate] = reader.doc_frequency(name, candidate)
    return found


def _word_list_forms(reader, word: str) -> dict[str, tuple[int, int]]:
    """The word list's forms one edit from ``word`` whose lemma the index holds -> (IN_WORD_LIST,
    the most sections holding one of its lemmas)."""
    known, found = load_lexicon().lemma_of, {}
    for form in one_edit(word):
        if form in known:
            sections = [_sections(reader, lemma) for lemma in lemmas(form)]
            if max(sections, default=0):
                found[form] = (IN_WORD_LIST, max(sections))
    return found


def _sections(reader, term: str) -> int:
    """How many sections hold ``term`` in a searched field, at most (0: no live one holds it)."""
    return max((reader.doc_frequency(name, term) for name in SEARCH_FIELDS if holds(reader, name, term)), default=0)


def one_edit(word: str) -> set[str]:
    """The strings one edit from ``word`` that keep its first letter (``SAME_START``): a letter
    left out, put in, replaced, or two neighbours swapped."""
    start, rest = word[:SAME_START], word[SAME_START:]
    cuts = [(rest[:i], rest[i:]) for i in range(len(rest) + 1)]
    edits = {a + b[1:] for a, b in cuts if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    edits |= {a + letter + b[1:] for a, b in cuts if b for letter in LETTERS}
    edits |= {a + letter + b for a, b in cuts for letter in LETTERS}
    return {start + edit for edit in edits} - {word}


def _within(reader, name: str, word: str, limit: int):
    """The field's terms within ``limit`` edits of ``word`` that share its first letter, as Whoosh's
    ``terms_within`` finds them: on one segment with its Levenshtein automaton; on several (an index
    built by more than one process) by comparing each term, with transpositions. There Whoosh merges
    the segments' sorted terms in Python and compares every one; here each segment's terms are read
    as they are, and a term whose length alone differs by more than ``limit`` is not compared (it
    cannot be within ``limit``). The same terms come out."""
    if reader.is_atomic():
        yield from reader.terms_within(name, word, limit, prefix=SAME_START)
        return
    field, seen = reader.schema[name], set()
    for leaf, _ in reader.leaf_readers():
        for raw in leaf.expand_prefix(name, word[:SAME_START]):
            if raw in seen:
                continue
            seen.add(raw)
            term = field.from_bytes(raw)
            if abs(len(term) - len(word)) <= limit and damerau_levenshtein(term, word, limit=limit) <= limit:
                yield term


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn ``a`` into ``b``."""
    previous, current = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[len(b)]
