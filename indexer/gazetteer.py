"""Swedish places -> county (län), from SCB's official list of codes.

The data files in ``indexer/data/`` hold all 21 counties and all 290
municipalities (SCB), the larger tätorter whose names are not kommun names
(``localities.csv``), and named areas that stand for one or more län: the
regional fund's programme areas, the landskap, delregioner (``areas.csv``). A
place is recognised in the forms Swedish text uses for it:

* the name itself ("Kristianstad", "Västra Götaland", "Upplands Väsby"),
* the genitive ("Halmstads kommun", "Gävles funktion"; names ending in s, x or
  z take no extra s: "Borås kommun"),
* a compound with *region* ("Göteborgsregionen", "Västra Götalandsregionen"),
* a county's full name ("Skåne län").

Names in ``ambiguous_places.txt`` ("Mark", "Berg", "Vara") are also everyday
words or surnames: in running text and in headings alike they count only as
"<name> kommun" or after a preposition of place ("i Vara"). Other names are
taken on their capital letter, which says little where every word has one: at
the start of a heading or a sentence. There a name in ``place_words.toml``
("Klippan", "Handen": also "the rock", "the hand") is a *word* mention, a place
only with more evidence. A name that belongs to places in two län (the tätort
Järna) is *ambiguous*: its mention carries both. ``regions.py`` decides both
kinds by the other evidence.

The county, municipality and area lists are read here only (``counties()``,
``municipalities()``, ``areas()``): the lexicon's place names, the web app's map
and its reading of places in a query read them through these functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import datafiles

NATIONAL = "Nationellt"

#: A name that is also a word ("Mark", "Vara") is a place when "kommun" follows it, or when it is
#: capitalised after a preposition of place ("i Mora", "från Vara": ``place_prepositions``).
GUARD_AFTER = frozenset({"kommun", "kommuns"})

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Where every word is capitalised: the start of the text (a heading, a sentence) or after these marks
#: (quotes and dashes before the word aside).
_SENTENCE_MARKS, _OPENERS = ".!?:", " \t\n\"'”»–—-"
_MAX_NAME_WORDS = 3  # "Västra Götalands län"
#: The first part of an elliptic pair just before a place name: "Norr- och " (Västerbotten).
_ELLIPTIC_HEAD = re.compile(r"\b(?P<head>[A-ZÅÄÖ][^\W\d_]+)-\s+(?:och|eller|samt|respektive|,)\s+$")


@dataclass(frozen=True)
class County:
    code: str  # SCB's county code: "12"
    name: str  # as SCB writes it: "Skåne län"
    short_name: str  # "Skåne"
    letter: str  # the official län letter: "M"


@dataclass(frozen=True)
class Municipality:
    code: str  # SCB's municipality code: "1280"
    name: str  # "Malmö"
    county_code: str  # its county's code: "12"


@cache
def counties() -> tuple[County, ...]:
    """Sweden's 21 län in SCB's order (``counties.csv``)."""
    return tuple(County(**row) for row in datafiles.rows("counties.csv"))


@cache
def municipalities() -> tuple[Municipality, ...]:
    """Sweden's 290 kommuner in SCB's order (``municipalities.csv``)."""
    return tuple(Municipality(**row) for row in datafiles.rows("municipalities.csv"))


@dataclass(frozen=True)
class Locality:
    name: str  # a tätort's name: "Åkersberga"
    municipality: str  # the kommun it lies in: "Österåker"


@cache
def localities() -> tuple[Locality, ...]:
    """Tätorter whose name is not a kommun's, with their kommun (``localities.csv``); a name in two län twice."""
    return tuple(Locality(**row) for row in datafiles.rows("localities.csv"))


@dataclass(frozen=True)
class Area:
    names: tuple[str, ...]  # as text writes it, variants too: ("Övre Norrland", "övre Norrland")
    counties: tuple[County, ...]  # the län it stands for, the main ones first
    type: str  # "programområde", "landskap", "landsdel", "delregion", "län"


@cache
def areas() -> tuple[Area, ...]:
    """The named areas that stand for one or more län (``areas.csv``)."""
    by_code = {county.code: county for county in counties()}
    return tuple(
        Area(tuple(row["names"].split("|")), tuple(by_code[code] for code in row["counties"].split("|")), row["type"])
        for row in datafiles.rows("areas.csv")
    )


@dataclass(frozen=True)
class Mention:
    county: str  # the county's name as SCB writes it: "Skåne län" (an area's first)
    start: int  # character offset in the text
    end: int = 0  # where the name ends
    counties: tuple[str, ...] = ()  # every county the name stands for (an area: several)
    ambiguous: bool = False  # places in several län share the name: ``counties`` are the candidates
    word: bool = False  # an everyday word capitalised only by where it stands: a place only with other evidence
    regional: bool = False  # the name of a län or of an area ("Gotland", "Övre Norrland"), not a kommun's alone

    @property
    def all(self) -> tuple[str, ...]:
        return self.counties or (self.county,)


class Gazetteer:
    """Finds the counties that Swedish place names in a text belong to."""

    def __init__(
        self,
        counties: dict[str, str],
        forms: dict[str, tuple[str, ...]],
        guarded: dict[str, tuple[str, ...]],
        shared: frozenset[str] = frozenset(),
        words: frozenset[str] = frozenset(),
        regional: frozenset[str] = frozenset(),
    ):
        self.counties = counties  # code -> "Skåne län"
        self._forms = forms  # written form -> the counties it stands for
        self._guarded = guarded  # form that is also a word -> its county, only before "kommun"
        self._shared = shared  # forms of places in several län
        self._words = words  # forms that are also everyday words (place_words.toml)
        self._regional = regional  # forms of a län's or an area's name
        self._slug_map: dict[str, str] | None = None  # squashed form -> county, built when first asked
        self._first_words = {form.split(" ")[0] for form in [*forms, *guarded]}  # most words start no name

    @property
    def regions(self) -> list[str]:
        """Every value a section's region can take."""
        return [*self.counties.values(), NATIONAL]

    def mentions(self, text: str, strict: bool = True) -> list[Mention]:
        """Places named in ``text`` (a heading, a sentence: its first word is capitalised
        whatever it is). ``strict`` leaves out the names of ``ambiguous_places.txt`` unless
        "kommun" follows or a preposition of place comes before; an organisation's name
        ("Mora kommun", "Region ...") is read with ``strict=False``."""
        if self._first_words.isdisjoint(_WORD.findall(text)):  # most texts: no word starts a name (cheap)
            return []
        words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        found, index = [], 0
        while index < len(words):
            if words[index][0] not in self._first_words:
                index += 1
                continue
            for size in range(min(_MAX_NAME_WORDS, len(words) - index), 0, -1):
                phrase = " ".join(word for word, _ in words[index : index + size])
                following = words[index + size][0] if index + size < len(words) else ""
                preceding = words[index - 1][0] if index else ""
                counties = self._county_of(phrase, preceding, following, strict)
                if counties:
                    start, (last, last_start) = words[index][1], words[index + size - 1]
                    word = phrase in self._words and following not in GUARD_AFTER and self._forced(text, start)
                    end = last_start + len(last)
                    shared, regional = phrase in self._shared, phrase in self._regional
                    found.append(Mention(counties[0], start, end, counties, shared, word, regional))
                    index += size
                    break
            else:
                index += 1
        return self._with_elliptic(text, found)

    def _with_elliptic(self, text: str, found: list[Mention]) -> list[Mention]:
        """Add the places written elliptically before a named one: "Norr- och Västerbotten" names
        Norrbotten too, "Öster- och Västergötland" Östergötland (the head, completed with the end of the
        whole name, must itself be a place)."""
        added = []
        for mention in found:
            head = _ELLIPTIC_HEAD.search(text, 0, mention.start)
            if head is None:
                continue
            phrase = text[mention.start : mention.end]
            for cut in range(1, len(phrase.split(" ")[0]) - 2):  # the longest shared end first
                completed = head.group("head") + phrase[cut:]
                if completed != phrase and (counties := self._forms.get(completed)):
                    start = head.start("head")
                    end, regional = start + len(head.group("head")), completed in self._regional
                    added.append(Mention(counties[0], start, end, counties, regional=regional))
                    break
        return sorted([*found, *added], key=lambda mention: mention.start) if added else found

    def _county_of(self, phrase: str, preceding: str, following: str, strict: bool) -> tuple[str, ...] | None:
        if phrase in self._forms:
            return self._forms[phrase]
        if phrase in self._guarded and (not strict or following in GUARD_AFTER or preceding in place_prepositions()):
            return self._guarded[phrase]
        return None

    @staticmethod
    def _forced(text: str, start: int) -> bool:
        """Does the word at ``start`` stand where any word is capitalised?"""
        before = text[:start].rstrip(_OPENERS)
        return not before or before[-1] in _SENTENCE_MARKS

    def county_of_slug(self, slug: str) -> str | None:
        """The county a place name written as a host or path part stands for: "lulea", "vastra-gotaland"."""
        return self._slugs().get(_squash(slug))

    def _slugs(self) -> dict[str, str]:
        if self._slug_map is None:
            self._slug_map = {}
            for form, counties in [*self._guarded.items(), *self._forms.items()]:
                if len(counties) == 1 and form not in self._shared:
                    self._slug_map.setdefault(_squash(form), counties[0])
        return self._slug_map

    def county_of_organisation(self, name: str) -> str | None:
        """The county an organisation's name places it in ("Region Gävleborg")."""
        counties = {county for mention in self.mentions(name, strict=False) for county in mention.all}
        return counties.pop() if len(counties) == 1 else None

    def county_of_text(self, text: str) -> str | None:
        """The county named most often in a text; the first named wins a tie."""
        mentions = [mention for mention in self.mentions(text) if len(mention.all) == 1 and not mention.word]
        if not mentions:
            return None
        counts = Counter(mention.county for mention in mentions)
        best = max(counts.values())
        return next(m.county for m in mentions if counts[m.county] == best)


def _squash(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text)


def written_forms(name: str) -> list[str]:
    """How a place name is written in running text, by Swedish grammar (and ``genitives.csv``: "Falu kommun")."""
    genitive = irregular_genitives().get(name) or (name if name[-1] in "sxz" else name + "s")
    return [name, genitive, genitive + "region", genitive + "regionen", genitive + "regionens"]


@cache
def irregular_genitives() -> dict[str, str]:
    """Place names whose genitive is not the name + s (``genitives.csv``): Falun, "Falu kommun"."""
    return {row["name"]: row["genitive"] for row in datafiles.rows("genitives.csv")}


@cache
def ambiguous_names() -> frozenset[str]:
    """Place names that are also everyday words or names ("Mark", "Vara", "Berg"): a place only as
    "<name> kommun" or after a preposition of place (``ambiguous_places.txt``)."""
    return frozenset(datafiles.entries("ambiguous_places.txt"))


@cache
def word_names() -> frozenset[str]:
    """Place names that are also everyday words where a capital letter says nothing ("Klippan",
    "Handen"): a place at the start of a heading only with "kommun" after it (``place_words.toml``)."""
    return frozenset(datafiles.toml("place_words.toml")["words"])


@cache
def query_word_names() -> frozenset[str]:
    """Kommun names that are everyday words a visitor types for the word ("Mark", "Vara"): in a search, the
    kommun only as "<name> kommun" (``place_words.toml``: ``query_words`` and ``words``)."""
    data = datafiles.toml("place_words.toml")
    return frozenset(data["query_words"]) | frozenset(data["words"])


@cache
def place_prepositions() -> frozenset[str]:
    """The prepositions of place after which a name that is also a word is the place ("i Vara", "från Mark":
    ``place_words.toml``, ``prepositions``)."""
    return frozenset(datafiles.toml("place_words.toml")["prepositions"])


@cache
def place_expressions() -> frozenset[str]:
    """A preposition of place and a name that together are an everyday expression ("till vara": ``place_words.toml``,
    ``expressions``): in a search, no place unless the name is typed with a capital."""
    return frozenset(datafiles.toml("place_words.toml")["expressions"])


@cache
def load() -> Gazetteer:
    """The gazetteer shipped with the indexer."""
    ambiguous = ambiguous_names()
    names = {county.code: county.name for county in counties()}
    forms: dict[str, tuple[str, ...]] = {}
    guarded: dict[str, tuple[str, ...]] = {}
    for municipality in municipalities():
        target = guarded if municipality.name in ambiguous else forms
        for form in written_forms(municipality.name):
            target[form] = (names[municipality.county_code],)
    county_of_municipality = {m.name: names[m.county_code] for m in municipalities()}
    by_name: dict[str, list[str]] = {}  # a tätort's name -> the län of each tätort of that name
    for locality in localities():
        by_name.setdefault(locality.name, []).append(county_of_municipality[locality.municipality])
    words = {form for name in word_names() for form in written_forms(name)[:2]}
    shared = set()
    for name, places in by_name.items():
        for form in written_forms(name):
            if form not in forms:  # a kommun's name wins over a tätort's
                forms[form] = tuple(dict.fromkeys(places))
                if len(forms[form]) > 1:
                    shared.add(form)
    regional = set()
    for area in areas():
        for name in area.names:
            for form in written_forms(name):
                forms[form] = tuple(county.name for county in area.counties)
                regional.add(form)
    for county in counties():
        forms[county.name] = (county.name,)
        regional.add(county.name)
        for form in written_forms(county.short_name):
            forms[form] = (county.name,)
            regional.add(form)
    return Gazetteer(names, forms, guarded, frozenset(shared), frozenset(words), frozenset(regional))
