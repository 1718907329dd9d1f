"""The orders a result list can have: one table, read by the validator (``params.py``), the search
(``search.py``), the page's sort links (``views.py``), the feed and the API contract (``openapi.py``).

A sort is named by its parameter value (``?sort=titel``), labelled for visitors in Swedish, and says which
stored sortable field orders it (none: by relevance) and in which direction.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.schema import TITLE_KEY_FIELD


@dataclass(frozen=True)
class Sort:
    name: str
    label: str
    field: str | None  # a sortable field of the index; None orders by relevance
    newest_first: bool = False


RELEVANCE = "relevans"
NEWEST = "andrad"

SORTS = {
    sort.name: sort
    for sort in (
        Sort(RELEVANCE, "relevans", None),
        Sort("titel", "titel A–Ö", TITLE_KEY_FIELD),  # Swedish order: Å, Ä, Ö after Z
        # by the index history (when the search saw the text change), not by the pages' own dates
        Sort(NEWEST, "senast ändrad i sökningen", "changed", newest_first=True),
    )
}
DEFAULT_SORT = RELEVANCE
