"""Facet counts from cached posting lists, with disjunctive (multi-select) logic.

Each facet value (``regions:Skåne län``) is one term, so its documents are one
posting list; a section about several län is in each of their lists, so the
region facet counts it under every one of them. The lists are read once per
generation and kept as compressed bitmaps (``Postings``, ``pyroaring``); a
count is then the size of an intersection, computed in C, never a walk of the
matches or a read of stored fields. With no query and no selection the counts
are the sizes of the sets themselves.

Disjunctive counting: values selected within one facet are OR-ed, facets are
AND-ed, and each facet's counts apply every *other* facet's selection but not
its own, so choosing "Skåne län" leaves the other län with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyroaring import FrozenBitMap

from indexer.schema import FACET_FIELDS, title_key

from .matchset import EMPTY, TermSets

#: How the page and the notices name each facet (Swedish UI text).
FACET_LABELS = {"region": "Län", "kind": "Typ av innehåll", "actor": "Aktör"}


@dataclass(frozen=True)
class Postings:
    """One generation's cached posting lists as bitmaps: every live document, each
    facet value's, and each query term's (read on first use, ``matchset.TermSets``)."""

    all: FrozenBitMap
    values: dict[str, dict[str, FrozenBitMap]]  # field -> value -> document numbers
    terms: TermSets
    spellings: dict[str, dict[str, str]]  # field -> value casefolded -> the value as the index spells it
    orders: dict = field(default_factory=dict)  # (sort field, reverse) -> documents in that order
    pages: dict = field(default_factory=dict)  # document -> its page, as read for page evidence (``rerank``)
    page_numbers: dict = field(default_factory=dict)  # "every" -> each document's page as a number (``partial``)
    headings: dict = field(default_factory=dict)  # "every" -> the headings' words, for stop words alone (``headings``)


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


def read_postings(searcher) -> Postings:
    """Every live document and every facet value's documents (deleted ones left out)."""
    reader = searcher.reader()
    live = FrozenBitMap(reader.all_doc_ids())
    terms = TermSets(live)
    by_field = {}
    for fieldname, indexed in FACET_FIELDS.items():
        values = {}
        for raw in reader.lexicon(indexed):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            values[value] = terms.get(searcher, indexed, value)
        by_field[fieldname] = values
    spellings = {name: {value.casefold(): value for value in values} for name, values in by_field.items()}
    return Postings(live, by_field, terms, spellings)


def as_indexed(postings: Postings, selected: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The selected values as the index spells them, whatever their case: ``actor=kommun`` is Kommun (links
    and API clients from before the actor types were capitalised); a value no section has stays as typed."""
    return {
        name: tuple(dict.fromkeys(postings.spellings[name].get(value.casefold(), value) for value in values))
        for name, values in selected.items()
    }


def selection_filter(postings: Postings, selected: dict[str, tuple[str, ...]], skip: str | None = None):
    """The documents allowed by every facet's selection (but ``skip``'s); None: all."""
    allowed = None
    for fieldname, values in selected.items():
        if fieldname == skip or not values:
            continue
        chosen = FrozenBitMap.union(EMPTY, *(postings.values[fieldname].get(v, EMPTY) for v in values))
        allowed = chosen if allowed is None else allowed & chosen
    return allowed


def unknown_values(postings: Postings, selected: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """The selected (facet, value) pairs no section has: a hand-made or outdated link."""
    return [
        (name, value) for name, values in selected.items() for value in values if value not in postings.values[name]
    ]


def count(
    postings: Postings, matches: FrozenBitMap, selected: dict[str, tuple[str, ...]]
) -> dict[str, list[FacetValue]]:
    """Counts for every facet value, most first. Values without hits are left out,
    except in a facet with a selection: there every value stays, so a visitor can
    see what the other choices hold and undo a choice that emptied the result."""
    facets = {}
    for fieldname in FACET_FIELDS:
        allowed = selection_filter(postings, selected, skip=fieldname)
        base = matches if allowed is None else matches & allowed
        everything = base is postings.all  # no query, no other selection: the sets' own sizes
        chosen = set(selected.get(fieldname, ()))
        values = [
            FacetValue(value, len(ids) if everything else base.intersection_cardinality(ids), value in chosen)
            for value, ids in postings.values[fieldname].items()
        ]
        values += [FacetValue(v, 0, True) for v in chosen - set(postings.values[fieldname])]
        kept = values if chosen else [v for v in values if v.count]
        facets[fieldname] = sorted(kept, key=lambda v: (-v.count, title_key(v.value)))
    return facets
