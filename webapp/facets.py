"""Facet counts from cached posting lists, with disjunctive (multi-select) logic.

Each facet value (``regions:Skåne län``) is one term, so its documents are one
posting list; a section about several län is in each of their lists, so the
region facet counts it under every one of them. The lists are read once per searcher and kept as sets of
document numbers (``Postings``); counting is then set intersection with the
match set, never a read of stored fields. With no query and no selection the
counts are the sizes of the sets themselves.

Disjunctive counting: values selected within one facet are OR-ed, facets are
AND-ed, and each facet's counts apply every *other* facet's selection but not
its own, so choosing "Skåne län" leaves the other län with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.schema import FACET_FIELDS, title_key


@dataclass(frozen=True)
class Postings:
    """One searcher's cached posting lists: every live document, and each facet value's."""

    all: frozenset[int]
    values: dict[str, dict[str, frozenset[int]]]  # field -> value -> document numbers


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


def read_postings(searcher) -> Postings:
    """Every live document and every facet value's documents (deleted ones left out)."""
    reader = searcher.reader()
    by_field = {}
    for fieldname, indexed in FACET_FIELDS.items():
        values = {}
        for raw in reader.lexicon(indexed):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            ids = reader.postings(indexed, value).all_ids()
            values[value] = frozenset(i for i in ids if not reader.is_deleted(i))
        by_field[fieldname] = values
    return Postings(frozenset(reader.all_doc_ids()), by_field)


def selection_filter(postings: Postings, selected: dict[str, tuple[str, ...]], skip: str | None = None):
    """The documents allowed by every facet's selection (but ``skip``'s); None: all."""
    allowed = None
    for fieldname, values in selected.items():
        if fieldname == skip or not values:
            continue
        chosen = frozenset().union(*(postings.values[fieldname].get(v, frozenset()) for v in values))
        allowed = chosen if allowed is None else allowed & chosen
    return allowed


def count(postings: Postings, matches: frozenset[int], selected: dict[str, tuple[str, ...]]
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
            FacetValue(value, len(ids) if everything else len(base & ids), value in chosen)
            for value, ids in postings.values[fieldname].items()
        ]
        values += [FacetValue(v, 0, True) for v in chosen - set(postings.values[fieldname])]
        kept = values if chosen else [v for v in values if v.count]
        facets[fieldname] = sorted(kept, key=lambda v: (-v.count, title_key(v.value)))
    return facets

