"""Synonyms and abbreviations: the shipped base list and the editors' file, read and checked.

A synonyms file says which words a visitor's word should also find. Two
files are read: the base list shipped with the search
(``indexer/data/synonyms.toml``), which applies wherever the corpus is, and
the editors' file ``corpus/synonyms.toml``, which adds to it. Two kinds of
entry::

    equal = [
      # EU's regional development fund: abbreviation, short and full name
      ["ERUF", "Regionalfonden", "Europeiska regionala utvecklingsfonden"],
    ]

    [expand]
    # visitors say "tåg"; the site writes about railways (not the other way round)
    "tåg" = ["järnväg", "pendeltåg"]

    [english]
    # visitors type English words; the site is in Swedish ("parking" is no par + king)
    "parking" = ["parkering"]

* ``equal``: groups of words that mean the same; each finds all the others.
  Groups that share a member naming one thing, an abbreviation (written in
  capitals: "ERUF") or a name of several words, are one group: ``["ERDF",
  "ERUF"]`` makes ERDF find the full name the first group gives ERUF. A shared
  plain word does not join groups ("besöksnäring" is in two loose groups).
* ``expand``: one-way; the key also finds the listed words, not the reverse.
* ``english``: one-way, as ``expand``, from a word of English, one word as typed: it is
  searched as its Swedish words, never read as Swedish (no compound parts, no typo
  correction), and the visitor is told so ("Webbplatsen är på svenska …").

``heads = ["regn", …]`` names words whose compounds are kinds of them: a compound ending
in one, with no entry of its own, also finds the word's ``expand`` words ("störtregn":
skyfall, as "regn" does; ``Synonyms.of_head``). Not every word: a "kulturhus" is no home.

An abbreviation of one word in an ``equal`` group (written in capitals:
"GC", "ÖP") is also read where it begins a compound a visitor writes closed
("gcväg", as "GC-väg"; ``Synonyms.abbreviations``).

An entry may be several words ("Europeiska regionala utvecklingsfonden").
Every entry is analysed by the index's own chain (``analysis.py``), so it
is kept as lemmas: "tågen" finds what "tåg" finds, and a multi-word entry is
a sequence of lemmas matched as a phrase. The synonyms are used on the query
side only (``webapp/query.py``, ``webapp/wordquery.py``): changing the file needs no re-index.

The merge rule (``with_base``): the editors' entries add to the base list's,
so a word in both finds both lists' words; ``without = ["jobb"]`` at the top
of the editors' file leaves those words without the base list's synonyms (the
file's own entries for them still apply), and ``base = false`` leaves the
whole base list out. No editors' file means the base list alone.

``read_synonyms`` raises ``SynonymsError`` with a one-line reason for a file
that is not valid TOML or not in this shape; the web app then keeps the last
good version and ``python -m indexer`` reports the reason.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .analysis import swedish_analyzer
from .compounds import rules as compound_rules
from .lexicon import load as load_lexicon
from .words import is_known

FILE_NAME = "synonyms.toml"
BASE_FILE = Path(__file__).parent / "data" / FILE_NAME  # the shipped base list
MAX_ENTRY_WORDS = 8  # longer entries are sentences, not names
MAX_ENTRY_CHARS = 100


class SynonymsError(ValueError):
    """The synonyms file cannot be used; the message says where and why, in one line."""


@dataclass(frozen=True)
class Synonym:
    """A word or words another word also finds."""

    text: str  # as the editor wrote it, shown to the visitor
    lemmas: tuple[str, ...]  # as the analysis makes it: matched against the index


@dataclass(frozen=True)
class Synonyms:
    """Analysed entries: a sequence of query lemmas -> what it also finds."""

    rules: dict[tuple[str, ...], tuple[Synonym, ...]] = field(default_factory=dict)
    fingerprint: str = ""  # changes whenever the file's content does
    base: bool = True  # the editors' file: whether the base list applies too
    without: frozenset[tuple[str, ...]] = frozenset()  # keys whose base list synonyms do not apply
    abbreviations: frozenset[str] = frozenset()  # the equal groups' one-word abbreviations, lowercase
    halves: dict[str, tuple[str, ...]] = field(default_factory=dict)  # "cykel" -> ("GC",): of "gång och cykel"
    english: frozenset[str] = frozenset()  # the ``english`` keys (one lemma each): words of another language
    one_way: dict[str, tuple[Synonym, ...]] = field(default_factory=dict)  # one word's ``expand`` words alone
    heads: frozenset[str] = frozenset()  # words whose ``one_way`` words their compounds find too ("regn")

    @property
    def longest(self) -> int:
        """The most words any key has (how far a query is scanned for a multi-word key)."""
        return max((len(key) for key in self.rules), default=0)

    def lookup(self, lemmas: tuple[str, ...]) -> tuple[Synonym, ...]:
        return self.rules.get(lemmas, ())

    def abbreviated(self, lemma: str, first: str) -> tuple[Synonym, ...]:
        """A compound whose first part is a half of an abbreviation's expansion "X och Y", with the
        abbreviation in that part's place: "cykelväg" (cykel, a half of "gång och cykel") -> GC-väg, the
        word the index holds for a page's "GC-vägen"; "avloppsrening" -> VA-rening (the linking "s" left
        out). None if the rest is no word: a compound's parts are words."""
        abbreviations = self.halves.get(first, ())
        rest = lemma.removeprefix(first) if abbreviations and lemma != first else ""
        tails = [rest, *(rest[len(link) :] for link in link_morphemes() if link and rest.startswith(link))]
        tail = next((tail for tail in tails if tail and is_known(tail)), None)
        if tail is None:
            return ()
        return tuple(Synonym(text, analyse(text)) for text in (f"{a}-{tail}" for a in abbreviations))

    def of_head(self, lemma: str, parts: tuple[str, ...]) -> tuple[Synonym, ...]:
        """The one-way synonyms of a compound's last part, if that part is one of ``heads`` and the compound
        has no entry of its own: "störtregn" (störta + regn) finds what "regn" finds one way (skyfall,
        nederbörd), as a kind of rain. Not for every head: a "kulturhus" is no home (hus -> bostad)."""
        if not parts or parts[-1] not in self.heads or self.lookup((lemma,)):
            return ()
        return tuple(synonym for synonym in self.one_way.get(parts[-1], ()) if synonym.lemmas != (lemma,))

    def is_english(self, lemma: str) -> bool:
        """Whether a word (as its lemma) is an ``english`` key: searched as its Swedish words only."""
        return lemma in self.english

    def __len__(self) -> int:
        return len(self.rules)


def read_synonyms(path: Path) -> Synonyms:
    """The synonyms in ``path``, analysed; raises SynonymsError if the file is unusable."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SynonymsError(f"{path}: cannot be read ({error.strerror})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SynonymsError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise SynonymsError(f"{path}: not valid TOML: {error}") from None
    try:
        return parse_synonyms(data, fingerprint=hashlib.sha1(raw).hexdigest())
    except SynonymsError as error:
        raise SynonymsError(f"{path}: {error}") from None


def parse_synonyms(data: dict, fingerprint: str = "") -> Synonyms:
    """Check the shape of a parsed file and analyse every entry."""
    unknown = sorted(set(data) - {"equal", "expand", "english", "heads", "without", "base"})
    if unknown:
        raise SynonymsError(
            f"unknown key {unknown[0]!r} (only 'equal', 'expand', 'english', 'heads', 'without' and 'base' are read)"
        )
    base = data.get("base", True)
    if not isinstance(base, bool):
        raise SynonymsError("'base' must be true or false (whether the shipped base list applies too)")
    without = frozenset(_entry(text, "without").lemmas for text in _list(data.get("without", []), "without"))
    rules: dict[tuple[str, ...], dict[tuple[str, ...], Synonym]] = defaultdict(dict)
    groups = []
    for number, group in enumerate(_list(data.get("equal", []), "equal"), 1):
        members = [_entry(text, f"equal group {number}", found=True) for text in _list(group, f"equal group {number}")]
        if len(members) < 2:
            raise SynonymsError(f"equal group {number} needs at least two words")
        groups.append(members)
    for members in _joined(groups):
        for member in members:
            for other in members:
                if other.lemmas != member.lemmas:
                    rules[member.lemmas].setdefault(other.lemmas, other)
    halves: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for members in _joined(groups):
        for half in (lemma for member in members if _is_coordination(member) for lemma in member.lemmas):
            halves[half] += tuple(member.text for member in members if _is_abbreviation(member))
    abbreviations = frozenset(
        "".join(filter(str.isalnum, member.text.lower()))
        for members in groups
        for member in members
        if _is_abbreviation(member)
    )
    english, one_way = set(), defaultdict(dict)
    for table in ("expand", "english"):
        for source, found in _one_way(data, table):
            if table == "english" and len(source.lemmas) != 1:
                raise SynonymsError(f"english {source.text!r} must be one word")
            if table == "english" and _is_swedish(source):
                raise SynonymsError(f"english {source.text!r} is a Swedish word too; it can only be an expand key")
            english |= {source.lemmas[0]} if table == "english" else set()
            for target in found:
                if target.lemmas != source.lemmas:
                    rules[source.lemmas].setdefault(target.lemmas, target)
                    if table == "expand" and len(source.lemmas) == 1:
                        one_way[source.lemmas[0]].setdefault(target.lemmas, target)
    rules_found = {key: tuple(found.values()) for key, found in rules.items()}
    one_way_found = {key: tuple(found.values()) for key, found in one_way.items()}
    heads = frozenset(_head(text) for text in _list(data.get("heads", []), "heads"))
    halves_found = {half: tuple(dict.fromkeys(found)) for half, found in halves.items() if found}
    return Synonyms(
        rules_found, fingerprint, base, without, abbreviations, halves_found, frozenset(english), one_way_found, heads
    )


def _is_coordination(entry: Synonym) -> bool:
    """An entry of two words joined by "och", each a word of its own ("gång och cykel", "vatten och
    avlopp"): an abbreviation of it stands for both as a compound's first part ("GC-väg"). Not the
    halves of an elliptic compound ("Havs- och vattenmyndigheten": a "havsplanering" is no "HaV-planering")."""
    words = entry.text.lower().split()
    return len(words) == 3 and words[1] == "och" and len(entry.lemmas) == 2 and not words[0].endswith("-")


def _is_abbreviation(entry: Synonym) -> bool:
    """An entry written as an abbreviation: one word, mostly capitals ("ERUF", "GC", "ÖP", "HaV"; "ESF+" is
    ESF)."""
    capitals = sum(letter.isupper() for letter in entry.text)
    small = sum(letter.islower() for letter in entry.text)
    return len(entry.lemmas) == 1 and " " not in entry.text.strip() and capitals >= 2 and capitals > small


def _names_one_thing(entry: Synonym) -> bool:
    """An abbreviation or a name of several words: a member that joins the equal groups it is in."""
    return _is_abbreviation(entry) or len(entry.lemmas) > 1


def _joined(groups: list[list[Synonym]]) -> list[list[Synonym]]:
    """The equal groups, those that share a member naming one thing made one, in their order: ["ERDF",
    "ERUF"] and ["ERUF", "Regionalfonden", …] are one group, so ERDF finds Regionalfonden."""
    joined: list[list[Synonym]] = []
    for members in groups:
        names = {member.lemmas for member in members if _names_one_thing(member)}
        sharing = [group for group in joined if names & {member.lemmas for member in group if _names_one_thing(member)}]
        merged = [member for group in sharing for member in group] + members
        joined = [group for group in joined if group not in sharing] + [merged]
    return joined


def _one_way(data: dict, table: str) -> list[tuple[Synonym, list[Synonym]]]:
    """A table of one-way entries (``expand``, ``english``): each key with the words it also finds."""
    entries = data.get(table, {})
    if not isinstance(entries, dict):
        raise SynonymsError(f"'{table}' must be a table: word = [\"other\", …]")
    read = []
    for key, targets in entries.items():
        found = [_entry(text, f"{table} {key!r}", found=True) for text in _list(targets, f"{table} {key!r}")]
        if not found:
            raise SynonymsError(f"{table} {key!r} lists no words")
        read.append((_entry(key, f"{table} {key!r}"), found))
    return read


@cache
def base_synonyms() -> Synonyms:
    """The shipped base list (read once: it changes with a release, not while the server runs)."""
    return read_synonyms(BASE_FILE)


def with_base(own: Synonyms | None) -> Synonyms:
    """The synonyms a search uses: the base list, with the editors' file ``own`` (None: no file) added.

    A key in both finds the base list's words, then the file's; a key the file names in ``without`` keeps
    only the file's; a file that says ``base = false`` is used alone."""
    if own is None:
        return base_synonyms()
    if not own.base:
        return own
    base = base_synonyms()
    rules = {key: found for key, found in base.rules.items() if key not in own.without}
    for key, found in own.rules.items():
        known = {synonym.lemmas for synonym in rules.get(key, ())}
        rules[key] = (*rules.get(key, ()), *(synonym for synonym in found if synonym.lemmas not in known))
    fingerprint = hashlib.sha1(f"{base.fingerprint} {own.fingerprint}".encode()).hexdigest()
    halves = {half: (*base.halves.get(half, ()), *own.halves.get(half, ())) for half in {*base.halves, *own.halves}}
    english = {lemma for lemma in base.english if (lemma,) not in own.without} | own.english
    abbreviations = base.abbreviations | own.abbreviations
    one_way = {key: found for key, found in base.one_way.items() if (key,) not in own.without}
    for key, found in own.one_way.items():
        known = {synonym.lemmas for synonym in one_way.get(key, ())}
        one_way[key] = (*one_way.get(key, ()), *(synonym for synonym in found if synonym.lemmas not in known))
    heads = base.heads | own.heads
    return Synonyms(
        rules, fingerprint, own.base, own.without, abbreviations, halves, frozenset(english), one_way, heads
    )


def _head(text) -> str:
    """A word of ``heads``: one word, as its lemma."""
    entry = _entry(text, "heads")
    if len(entry.lemmas) != 1:
        raise SynonymsError(f"heads: {entry.text!r} must be one word (a compound's last part)")
    return entry.lemmas[0]


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise SynonymsError(f"{where} must be a list in [brackets]")
    return value


def _entry(text, where: str, found: bool = False) -> Synonym:
    """An entry as the query side reads it; ``found``: also searched for in the pages, where its
    stop words are not indexed, so one word with stop words ("på landet") cannot be searched as
    what it means (it would find "landet" alone): only an ``expand`` key may be one."""
    if not isinstance(text, str) or not text.strip():
        raise SynonymsError(f"{where}: {text!r} is not a word")
    if len(text) > MAX_ENTRY_CHARS:
        raise SynonymsError(f"{where}: {text[:30]!r}… is longer than {MAX_ENTRY_CHARS} characters")
    lemmas = analyse_key(text)
    if found and lemmas != analyse(text):
        raise SynonymsError(
            f"{where}: {text!r} would be found as {' '.join(analyse(text))!r} alone (stop words are not indexed);"
            " it can only be an expand key"
        )
    if not lemmas:
        raise SynonymsError(f"{where}: {text!r} has only stop words, which are never searched")
    if len(lemmas) > MAX_ENTRY_WORDS:
        raise SynonymsError(f"{where}: {text!r} has more than {MAX_ENTRY_WORDS} words")
    return Synonym(text.strip(), lemmas)


def _is_swedish(entry: Synonym) -> bool:
    """Whether a word is one the word list knows, as written or as the lemma the analysis reads
    ("grant": grann): a word of English must be neither, or Swedish queries would be read as English."""
    lexicon = load_lexicon()
    return entry.text.lower() in lexicon.lemma_of or entry.lemmas[0] in lexicon.zipf


def analyse_key(text: str) -> tuple[str, ...]:
    """The lemmas a visitor's words must have for an entry to apply: ``analyse``'s, except for one
    word with stop words ("på landet"), which keeps its stop words as written: they are what it
    means ("landet" alone is also the country; "på landet" is the countryside), and for two or more
    stop words that mean a word together ("är med": delta), as written, lowercase."""
    lemmas = analyse(text)
    if not lemmas:
        words = tuple(word.lower() for word in text.split())
        return words if len(words) > 1 else lemmas
    if len(lemmas) != 1:
        return lemmas
    words = tuple(lemmas[0] if analyse(word) else word.lower() for word in text.split())
    return words if len(words) > 1 and all(words) else lemmas


def analyse(text: str) -> tuple[str, ...]:
    """The lemmas of ``text`` as the index has them (compound parts left out)."""
    return tuple(token.text for token in _analyzer()(text, mode="query") if not token.part)


def link_morphemes() -> tuple[str, ...]:
    """The linking morphemes a compound's first part may end in ("s": avlopp-s-rening)."""
    return compound_rules().link_any


@cache
def _analyzer():
    return swedish_analyzer()
