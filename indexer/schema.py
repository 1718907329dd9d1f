"""Which fields the index stores, searches and facets on.

* searched: ``title`` (the heading), ``text`` (the section body), ``contact``
  (the contact person, so a name finds the project), each also as a
  ``*_folded`` twin analyzed without å, ä, ö, weighted lower;
* ``spell``: the words as written, the vocabulary of "Menade du …?";
* faceted: ``kind``, ``region``, ``actor``: one exact term each, so a facet
  value's documents are one posting list;
* sorted: ``title_key`` (Swedish collation: Å, Ä, Ö after Z), ``changed``;
* stored only: ``url``, ``page``, ``organisation``, ``hash`` (to find changed
  sections), ``first_indexed``.

The schema is pickled into the index together with its analyzers, so the
analyzer classes must stay importable at ``indexer.analysis``.
"""

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import surface_analyzer, swedish_analyzer

#: Searched fields and their weight in ranking.
SEARCH_FIELDS = {"title": 3.0, "text": 1.0, "contact": 1.5}

#: Each searched field's twin without å, ä, ö.
FOLDED_FIELDS = {name: f"{name}_folded" for name in SEARCH_FIELDS}

#: The field of words as written, for spelling suggestions.
SPELL_FIELD = "spell"

#: Fields offered as facets.
FACET_FIELDS = ("region", "kind", "actor")

#: Swedish alphabetical order: Å, Ä, Ö come after Z; W sorts with V, Ü with Y.
_COLLATION = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "w": "v",
                            "ü": "y", "é": "e", "è": "e", "à": "a", "á": "a"})


def make_schema() -> Schema:
    exact, folded = swedish_analyzer(), swedish_analyzer(folded=True)
    return Schema(
        id=ID(stored=True, unique=True),
        page=ID(stored=True),
        url=STORED(),
        title=TEXT(analyzer=exact, stored=True),
        text=TEXT(analyzer=exact, stored=True),
        contact=TEXT(analyzer=exact, stored=True),
        title_folded=TEXT(analyzer=folded),
        text_folded=TEXT(analyzer=folded),
        contact_folded=TEXT(analyzer=folded),
        spell=TEXT(analyzer=surface_analyzer(), phrase=False),
        organisation=STORED(),
        kind=ID(stored=True),
        region=ID(stored=True),
        actor=ID(stored=True),
        title_key=ID(sortable=True),
        hash=ID(stored=True),
        first_indexed=NUMERIC(stored=True),
        changed=NUMERIC(stored=True, sortable=True),
    )


def searched_fields(title: str, text: str, contact: str) -> dict[str, str]:
    """The values of every searched field, the folded twins and the spelling field included."""
    values = {"title": title, "text": text, "contact": contact}
    folded = {FOLDED_FIELDS[name]: value for name, value in values.items()}
    return {**values, **folded, SPELL_FIELD: "\n".join(values.values())}


def title_key(title: str) -> str:
    """A sort key that puts titles in Swedish alphabetical order."""
    return title.casefold().translate(_COLLATION)
