"""A place in the query: a län named in it also finds the sections tagged with that län, and a
kommun named in it the sections the kommun publishes.

The indexer tags every section with the län it is about (``indexer/regions.py``:
its publisher, its headings, the places in its text), so Skellefteå's page on
cycle paths is tagged Västerbottens län without ever saying "Västerbotten". A
visitor who types "cykelväg västerbotten" means that section, yet as text the
word only finds sections that name the län. So a query word, or two or three
("västerbottens län", "västra götaland"), that names a län also matches the
sections tagged with it, like a synonym: weighted below the word itself, and
counted as held when partial matches rank sections by how much of the query
they hold.

Which names count, from the gazetteer's data (``indexer/data``):

* a län's name in the forms a visitor types it: "västerbotten", "västerbottens",
  "västerbottens län", "skåne län", with or without å, ä, ö ("skane");
* an area that stands for several län or for a whole one: a programme area of
  the regional fund ("övre norrland"), a landskap spanning several län
  ("småland"), a landsdel ("norrland"), "jämtland härjedalen";
* not a kommun, a tätort, or an area within one län (Öland, Skaraborg, a
  landskap such as Hälsingland). Their län is far wider than they are: "hamn
  oskarshamn" means Oskarshamn's harbour, not every harbour in Kalmar län, and
  a section's tags say which län it is about, not which kommun. A län's short
  name that is also its seat's kommun ("kalmar", "uppsala", "stockholm") is
  read as the kommun for the same reason: only "kalmar län" is the län. Where
  the kommun is the whole län (Gotland) the two readings are one.

A kommun is no län, but its own pages are about it: Västerås's site (vasteras.se,
"Västerås stad") writes about Öster Mälarstrand and Svartån and seldom spells
"Västerås", so the word found none of them. So a kommun named in the query
("västerås", "vasteras", "västerås stad", "falu kommun", "göteborgs stad") also
matches the sections the kommun publishes (the index's ``municipality`` tag,
``indexer/publishers.py``), scored as a län's tag. A tätort that is no kommun
("Märsta" in Sigtuna) finds none: the kommun is wider than it. A name that is
both a län and a kommun (Gotland) finds both. A kommun whose name is also an everyday
word a visitor types for the word (``place_words.toml``: ``query_words`` and ``words``;
"mark" is land, "vara" to be) is named only with its suffix ("marks kommun", "mark
kommun"), after a preposition of place ("bostäder i boden") or typed with a capital
("Boden"; not as the first of several words, which a visitor or a phone may capitalise
as a sentence's: ``marked_as_names``): "köpa mark" does not find every page of Marks
kommun. A name that is also a first name or a surname ("mora", "sala") names the kommun
alone.

The score: every section tagged with the län scores the same, the län's own
rarity as a tag (Whoosh's idf, as a BM25 word scores once in an average text)
times ``REGION_WEIGHT``. The tags are a ``KEYWORD`` field without lengths,
which Whoosh scores by the posting's weight (1 for a section, its boost
applied), and so does the vector scorer (``scoring.py``).
"""

from __future__ import annotations

import re
from functools import cache

from whoosh import query as wq

from indexer.analysis import fold
from indexer.gazetteer import (
    areas,
    counties,
    localities,
    municipalities,
    place_expressions,
    place_prepositions,
    query_word_names,
    written_forms,
)
from indexer.publishers import kommun_suffixes
from indexer.schema import FACET_FIELDS, MUNICIPALITY_FIELD

#: How much a section tagged with the län scores, relative to the tag's rarity: below the word's
#: own match. Measured on the judged suites (``bench/relevance.py``): at 0.5 a folding query
#: ("smaland") ranked sections only tagged with the län above the one that names it; 0.25 and
#: below change no bundled query.
REGION_WEIGHT = 0.25
REGIONS_FIELD = FACET_FIELDS["region"]  # every län a section is about, one term each

#: The most words a name has: "västra götalands län".
MAX_WORDS = 3

_WORD = re.compile(r"\w+")


def _key(text: str) -> tuple[str, ...]:
    return tuple(fold(word.casefold()) for word in text.split())


@cache
def _names() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name a visitor may type for a län or an area of whole län (folded words) -> its län."""
    kommuner: dict[str, list[str]] = {}
    for municipality in municipalities():
        kommuner.setdefault(municipality.county_code, []).append(municipality.name)
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for area in areas():
        if len(area.counties) > 1 or area.type == "län":
            for name in area.names:
                for form in written_forms(name)[:2]:
                    names[_key(form)] = tuple(county.name for county in area.counties)
    for county in counties():
        whole = {county.name, county.name + "s"}  # "Kalmar län", "Kalmar läns"
        seat = county.short_name in kommuner[county.code] and len(kommuner[county.code]) > 1
        short = set() if seat else set(written_forms(county.short_name)[:2])  # "Skåne", "Skånes"
        for form in whole | short:
            names[_key(form)] = (county.name,)
    return names


def named(typed: str) -> tuple[str, ...]:
    """The län that the typed words name together (none: they name no län, nor an area of whole län)."""
    return _names().get(_typed_key(typed), ())


def _typed_key(typed: str) -> tuple[str, ...]:
    """The typed words as a name's key, or () if they cannot be a name (too many, not words)."""
    words = typed.split()
    if not words or len(words) > MAX_WORDS or not all(_WORD.fullmatch(word) for word in words):
        return ()
    return _key(typed)


@cache
def _kommun_names(marked: bool = False) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name a visitor may type for a kommun (folded words) -> the kommun (two whose letters fold
    alike: both, "habo" is Habo and Håbo). A name that is also an everyday word, as the gazetteer
    lists them ("mark", "vara", "klippan"), names the kommun only with its suffix ("marks kommun") unless it is
    ``marked`` as a name (``marked_as_names``); a name that is also a first name or a surname ("mora") names it
    alone, as a one-word search on these sites means."""
    words = set() if marked else query_word_names()
    names: dict[tuple[str, ...], tuple[str, ...]] = {}
    for municipality in municipalities():
        name, genitive = written_forms(municipality.name)[:2]
        alone = set() if municipality.name in words else {name, genitive}
        forms = alone | {f"{form} {word}" for form in (name, genitive) for word in kommun_suffixes()}
        for form in forms:
            names[_key(form)] = (*names.get(_key(form), ()), municipality.name)
    return names


def named_kommun(typed: str, marked: bool = False) -> tuple[str, ...]:
    """The kommun that the typed words name together (none: they name no kommun); ``marked``: they are written
    as a name (``marked_as_names``), so an everyday word names its kommun too ("i boden")."""
    return _kommun_names(marked).get(_typed_key(typed), ())


@cache
def _place_keys() -> frozenset[tuple[str, ...]]:
    """Every name of a place the gazetteer knows, as a visitor types it (folded words): a län, an area,
    a kommun, a tätort."""
    tatorter = {_key(form) for locality in localities() for form in written_forms(locality.name)[:2]}
    areas_ = {_key(form) for area in areas() for name in area.names for form in written_forms(name)[:2]}
    kommuner = {_key(form) for kommun in municipalities() for form in written_forms(kommun.name)[:2]}  # "mark" too
    return frozenset(_names()) | frozenset(_kommun_names()) | kommuner | tatorter | areas_


def is_place(typed: str) -> bool:
    """Whether the typed words name a place: spelled right, though a site may never name it."""
    return _typed_key(typed) in _place_keys()


@cache
def _counties_around() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each name of a kommun or a tätort as a visitor types it (folded words, "skellefteå kommun" too) -> the län
    it lies in (a name shared by places in several län: each of them)."""
    county_of = {county.code: county.name for county in counties()}
    kommun_county = {kommun.name: county_of[kommun.county_code] for kommun in municipalities()}
    around: dict[tuple[str, ...], tuple[str, ...]] = {}
    for key, kommuner in _kommun_names().items():
        around[key] = tuple(dict.fromkeys(kommun_county[kommun] for kommun in kommuner))
    for kommun in municipalities():
        for form in written_forms(kommun.name)[:2]:
            around.setdefault(_key(form), (kommun_county[kommun.name],))
    for locality in localities():
        for form in written_forms(locality.name)[:2]:
            county = kommun_county[locality.municipality]
            around[_key(form)] = tuple(dict.fromkeys((*around.get(_key(form), ()), county)))
    return around


def counties_around(typed: str) -> tuple[str, ...]:
    """The län of the kommun or the tätort the typed words name (none for a län or an area: its sections are
    tagged with it already)."""
    return () if named(typed) else _counties_around().get(_typed_key(typed), ())


@cache
def _everyday_keys() -> frozenset[tuple[str, ...]]:
    """The names that are everyday words a visitor types for the word (``query_word_names``), and their
    genitives, as typed: "mark", "marks", "boden"."""
    return frozenset(_key(form) for name in query_word_names() for form in written_forms(name)[:2])


def names_place(typed: str, next_word: str | None = None, marked: bool = False) -> bool:
    """Whether a typed word names a place as the visitor means it (``is_place``): a name that is also an
    everyday word a visitor types for the word ("mark" is land, "boden" the shed: ``place_words.toml``)
    only before a kommun's suffix ("marks kommun"), as it names the kommun (``named_kommun``), or ``marked``
    as a name (``marked_as_names``: "i boden", "Boden"); alone it is the word (review N12: "mark" on Marks
    kommun's pages said no section names the place)."""
    if not is_place(typed):
        return False
    if marked or _typed_key(typed) not in _everyday_keys():
        return True
    return next_word is not None and _key(next_word) in {_key(suffix) for suffix in kommun_suffixes()}


def marked_as_names(typed: list[str | None]) -> list[bool]:
    """For each word of a query as typed (None: no plain word), whether it is written as a name: after a
    preposition of place ("bostäder i boden", "projekt från mark": ``place_words.toml``, ``prepositions``), or with
    a capital letter the visitor typed ("Boden", "centrum i Vara") but not on the first of several words, where
    any word may have one, as at the start of a sentence (review S4), nor after a capitalised word that is no place,
    as a surname follows a given name ("Anna Berg", "Karin Mark": reviewer8 S2). A preposition and a name that are an
    everyday expression together ("ta till vara": ``place_words.toml``, ``expressions``) mark no name."""
    marked = []
    for at, word in enumerate(typed):
        before = (typed[at - 1] or "").casefold() if at else ""
        capital = bool(word) and word[:1].isupper() and (at > 0 or len(typed) == 1) and not _after_a_name(typed, at)
        placed = before in place_prepositions() and f"{before} {(word or '').casefold()}" not in place_expressions()
        marked.append(bool(word) and (capital or placed))
    return marked


def _after_a_name(typed: list[str | None], at: int) -> bool:
    """Whether the word at ``at`` follows a word typed with a capital that is no place: the run is one name."""
    before = typed[at - 1] if at else None
    return bool(before) and before[:1].isupper() and not is_place(before)


def published(searcher, kommuner: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``kommuner`` that publish some section (none in an index written before the tag)."""
    if MUNICIPALITY_FIELD not in searcher.schema:
        return ()
    return tuple(kommun for kommun in kommuner if searcher.doc_frequency(MUNICIPALITY_FIELD, kommun))


def tags_held(searcher, typed: str) -> bool:
    """Whether some section is tagged with the län or the kommun that the typed words name."""
    return bool(tagged(searcher, named(typed)) or published(searcher, named_kommun(typed)))


def kommun_query(searcher, kommuner: tuple[str, ...]) -> wq.Query:
    """The sections ``kommuner`` publish, each scoring its tag's rarity times ``REGION_WEIGHT``, as a län's."""
    return _tags(searcher, MUNICIPALITY_FIELD, kommuner)


def tagged(searcher, regions: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``regions`` that some section is tagged with."""
    return tuple(region for region in regions if searcher.doc_frequency(REGIONS_FIELD, region))


def region_query(searcher, regions: tuple[str, ...]) -> wq.Query:
    """The sections tagged with any of ``regions``, each scoring its län's rarity times ``REGION_WEIGHT``."""
    return _tags(searcher, REGIONS_FIELD, regions)


def _tags(searcher, field: str, values: tuple[str, ...]) -> wq.Query:
    tags = [wq.Term(field, value, boost=REGION_WEIGHT * searcher.idf(field, value)) for value in values]
    return tags[0] if len(tags) == 1 else wq.Or(tags)
