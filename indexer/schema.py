"""Which fields the index stores, searches and facets on.

* searched: ``title`` (the heading), ``text`` (the section body), ``contact``
  (the contact person, so a name finds the project), ``context`` (what the
  section stands under: its page's heading and its group heading; weighed well
  below the section's own words, so "Vem kan söka?" on a page about "Stöd till
  kommersiell service" is found by "stöd butik" yet a section that says it
  itself ranks first) and ``trail`` (the page's breadcrumb labels, weighed as
  the context, but navigation: ``NAVIGATION_FIELDS``); their terms are also
  the vocabulary that "Menade du …?" draws on;
* faceted: ``kind``, ``actor``: one exact term each, and ``regions``: one
  term per län the section is about (the primary one is also stored alone as
  ``region``), so a facet value's documents are one posting list;
* searched as a tag: ``municipality``, the kommun that publishes the section
  ("Västerås": its own site rarely spells its name), which a kommun named in
  the query also finds (``webapp/places.py``), weighted as a län's tag;
* sorted: ``title_key`` (Swedish collation: Å, Ä, Ö after Z), ``changed``;
* stored only: ``url``, ``page``, ``organisation``, ``lang`` (the language it is
  written in: "sv", or "en" for an English page), ``first_indexed``, ``published`` and ``updated`` (the page's own
  dates, ISO, or empty), ``also_at`` (the URLs of collapsed copies);
* indexed only: ``dupkeys`` (near-duplicate band keys) and ``also_pages`` (the
  pages of collapsed copies), so an update finds the copies a change touches.

The schema is pickled into the index together with its analyzers, so the
analyzer classes must stay importable at ``indexer.analysis``. An index keeps
the fields it was written with: the web app serves one written before a field
was added as it is (the field matches nothing there), and the next update
rebuilds it whole (``update.py``), as it does when the analysis changes.
"""

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import normalize, swedish_analyzer

#: Searched fields and their weight in ranking.
SEARCH_FIELDS = {"title": 3.0, "text": 1.0, "contact": 1.5, "context": 0.5, "trail": 0.5}

#: Searched fields that place a section in the site's menu rather than say what it is about: a word a
#: section holds only there finds it, but does not make it a complete match (``webapp/search.py``).
NAVIGATION_FIELDS = ("trail",)

#: Searched fields that hold what a section stands under (its page's heading and its group heading),
#: alike for every section of a page: in partial matching a word a section holds only there counts for
#: less than one its own heading or text holds, and the hit says so (``webapp/partial.py``).
CONTEXT_FIELDS = ("context",)

#: Searched fields that are a section's own (its heading, text and contact): a word there is one the
#: section itself holds.
OWN_FIELDS = tuple(name for name in SEARCH_FIELDS if name not in CONTEXT_FIELDS + NAVIGATION_FIELDS)

#: Facets offered (the request parameter's name) -> the indexed field that holds their values.
FACET_FIELDS = {"region": "regions", "kind": "kind", "actor": "actor"}

#: The field of the kommun that publishes a section, searched as a tag (``webapp/places.py``).
MUNICIPALITY_FIELD = "municipality"
#: The field of each section's heading as one term, its Swedish sort key (``title_key``): sorted on, and looked
#: up whole by a search of headings.
TITLE_KEY_FIELD = "title_key"

#: Swedish alphabetical order: Å, Ä, Ö come after Z; W sorts with V, Ü with Y.
_COLLATION = str.maketrans(
    {"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}", "w": "v", "ü": "y", "é": "e", "è": "e", "à": "a", "á": "a"}
)


def make_schema(analyzer=None) -> Schema:
    """The index schema; ``analyzer`` replaces the Swedish analysis (benchmarks compare with it)."""
    analyzer = analyzer or swedish_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        page=ID(stored=True, sortable=True),  # a column too: the ranking reads hits' pages (webapp/rerank.py)
        url=STORED(),
        title=TEXT(analyzer=analyzer, stored=True),
        text=TEXT(analyzer=analyzer, stored=True),
        contact=TEXT(analyzer=analyzer, stored=True),
        context=TEXT(analyzer=analyzer, stored=True),
        trail=TEXT(analyzer=analyzer, stored=True),
        organisation=STORED(),
        lang=STORED(),
        kind=ID(stored=True),
        region=ID(stored=True),
        regions=KEYWORD(stored=True, commas=True, scorable=False),
        **{MUNICIPALITY_FIELD: ID()},
        actor=ID(stored=True),
        title_key=ID(sortable=True),
        also_at=STORED(),
        also_pages=KEYWORD(commas=True, scorable=False),
        dupkeys=KEYWORD(scorable=False),
        published=STORED(),
        updated=STORED(),
        first_indexed=NUMERIC(stored=True),
        changed=NUMERIC(stored=True, sortable=True),
    )


#: The sort key's letters for å, ä, ö read back without their marks (``folded_title_key``).
_KEY_FOLDING = str.maketrans({"{": "a", "|": "a", "}": "o"})


def folded_title_key(key: str) -> str:
    """A ``title_key`` (or a title) as words with å, ä, ö written a, a, o: a heading compared with
    what a visitor typed, with or without them ("Vem kan söka?" and "vem kan soka")."""
    return title_key(key).translate(_KEY_FOLDING)


def title_key(title: str) -> str:
    """A sort key that puts titles in Swedish alphabetical order, read as the analysis reads
    them (``normalize``): a soft hyphen in "Sjö&shy;fart" does not put it after "Sjögräs"."""
    return normalize(title).casefold().translate(_COLLATION)
