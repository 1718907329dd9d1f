"""Facet counts from cached posting lists, with disjunctive (multi-select) logic.

Each facet value (``region:Skåne län``) is one term, so its documents are one
posting list. The lists are read once per searcher and kept as sets of
document numbers; counting is then set intersection, never a read of stored
fields.

Disjunctive counting: values selected within one facet are OR-ed, facets are
AND-ed, and each facet's counts apply every *other* facet's selection but not
its own, so choosing "Skåne län" leaves the other län with their counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.schema import FACET_FIELDS, title_key

DocSets = dict[str, dict[str, frozenset[int]]]  # field -> value -> document numbers


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    selected: bool


def read_docsets(searcher) -> DocSets:
    """Every facet value's document numbers, without deleted documents."""
    reader = searcher.reader()
    docsets: DocSets = {}
    for fieldname in FACET_FIELDS:
        values = {}
        for raw in reader.lexicon(fieldname):
            value = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            ids = reader.postings(fieldname, value).all_ids()
            values[value] = frozenset(i for i in ids if not reader.is_deleted(i))
        docsets[fieldname] = values
    return docsets


def selection_filter(docsets: DocSets, selected: dict[str, tuple[str, ...]], skip: str | None = None):
    """The documents allowed by every facet's selection (but ``skip``'s); None: all."""
    allowed = None
    for fieldname, values in selected.items():
        if fieldname == skip or not values:
            continue
        chosen = frozenset().union(*(docsets[fieldname].get(v, frozenset()) for v in values))
        allowed = chosen if allowed is None else allowed & chosen
    return allowed


def count(docsets: DocSets, matches: frozenset[int], selected: dict[str, tuple[str, ...]]
          ) -> dict[str, list[FacetValue]]:
    """Counts for every facet value, most first. Values without hits are left out,
    except in a facet with a selection: there every value stays, so a visitor can
    see what the other choices hold and undo a choice that emptied the result."""
    facets = {}
    for fieldname in FACET_FIELDS:
        allowed = selection_filter(docsets, selected, skip=fieldname)
        base = matches if allowed is None else matches & allowed
        chosen = set(selected.get(fieldname, ()))
        values = [
            FacetValue(value, len(base & ids), value in chosen)
            for value, ids in docsets[fieldname].items()
        ]
        values += [FacetValue(v, 0, True) for v in chosen - set(docsets[fieldname])]
        kept = values if chosen else [v for v in values if v.count]
        facets[fieldname] = sorted(kept, key=lambda v: (-v.count, title_key(v.value)))
    return facets

