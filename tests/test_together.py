"""Where a compound's parts stand together is found for every section at once, as Whoosh's span test finds it.

A query of "cykelväg" finds the sections where "cykel" and "väg" stand within ``PARTS_SLOP`` positions
of each other in one field: in one word ("cykelvägar", "huvudcykelvägen"), in nearby words ("vägar för
cyklar", three words apart), not four words apart, and not "cykel" in the heading above a section
that says "väg". ``webapp/together.py`` finds those sections by reading the parts' positions in bulk
and running Whoosh's span test on arrays; here Whoosh's own ``SpanNear2`` matcher is the judge, on a
real index on disk, as built and after an update (a new generation: two segments, deleted sections).
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from pyroaring import FrozenBitMap
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.formats import Characters, Positions

from indexer.build import build
from indexer.schema import SEARCH_FIELDS
from indexer.update import update
from webapp import create_app, together
from webapp.matchset import TermSets
from webapp.scoring import Together
from webapp.wordquery import PARTS_SLOP

from .conftest import page_of_sections, write_corpus

TRAFFIC = page_of_sections(
    "Trafik",
    {
        "Nya cykelvägar": "Nya cykelvägar byggs längs ån.",
        "Tre ord emellan": "Cyklar parkeras tvättas vägar sopas.",
        "Fyra ord emellan": "Cyklar parkeras tvättas lagas vägar sopas.",
        "Cykelparkering": "Vägen dit är lång.",
        "Cykelväg längs ån": "Ingen text om annat.",
    },
)


def plans(updated: bool) -> str:
    """The page that changes, under the heading "Cykelplan": before the update a section says "vägar
    för cyklar", after it "vägar för bilar", and a new one says "väg för cykel"."""
    road = "bilar" if updated else "cyklar"
    sections = {
        f"Vägar för {road}": f"Kommunen planerar vägar för {road}.",
        "Huvudstråk": "Den nya huvudcykelvägen går genom centrum.",
    }
    if updated:
        sections["Nybyggt"] = "Här byggs en väg för cykel och gång."
    return page_of_sections("Cykelplan", sections)


def built(root: Path, updated: bool) -> Path:
    """A real index of both pages; ``updated``: then updated with the changed page (a second
    segment, and the changed page's old sections deleted)."""
    corpus = write_corpus(root / "corpus", {"trafik.html": TRAFFIC, "plan.html": plans(updated=False)})
    build(corpus, root / "index")
    if updated:
        (corpus / "plan.html").write_text(plans(updated=True), encoding="utf-8")
        update(corpus, root / "index")
    return root / "index"


GENERATIONS = {"as built": False, "after an update": True}


@pytest.fixture(scope="module")
def indexes(tmp_path_factory) -> dict[str, Path]:
    return {name: built(tmp_path_factory.mktemp("together"), updated) for name, updated in GENERATIONS.items()}


@pytest.fixture(scope="module")
def searchers(indexes):
    opened = {name: whoosh_index.open_dir(str(index.resolve())).searcher() for name, index in indexes.items()}
    yield opened
    for searcher in opened.values():
        searcher.close()


def test_the_update_made_a_new_generation_with_two_segments_and_deleted_sections(searchers):
    updated = searchers["after an update"]
    assert not updated.is_atomic(), "the updated index should have two segments"
    assert updated.doc_count() < updated.doc_count_all(), "the update should have deleted sections"


FOUND_BY_CYKELVAG = [
    ("as built", "Nya cykelvägar", True),  # in one word
    ("as built", "Huvudstråk", True),  # in another compound
    ("as built", "Vägar för cyklar", True),  # in nearby words
    ("as built", "Tre ord emellan", True),  # PARTS_SLOP apart
    ("as built", "Fyra ord emellan", False),  # one word further
    ("as built", "Cykelparkering", False),  # "cykel" in the heading, "väg" in the text
    ("as built", "Cykelväg längs ån", True),  # in the heading only
    ("after an update", "Vägar för bilar", False),  # "väg" in it, "cykel" only in the page's heading above it
    ("after an update", "Nybyggt", True),  # new: "väg för cykel"
    ("after an update", "Huvudstråk", True),
    ("after an update", "Tre ord emellan", True),
    ("after an update", "Fyra ord emellan", False),
]


@pytest.mark.parametrize(("generation", "section", "found"), FOUND_BY_CYKELVAG)
def test_a_compound_is_found_where_its_parts_stand_together(indexes, generation, section, found):
    client = create_app({"TESTING": True, "INDEX_DIR": str(indexes[generation])}).test_client()
    result = client.get("/api/search", query_string={"q": "cykelväg"}).get_json()
    titles = [hit["title"] for hit in result["results"] if hit["coverage"] == 1]  # holds the word; its parts follow
    said = "holds" if found else "does not hold"
    assert (section in titles) is found, f"{generation}: {section!r} {said} 'cykelväg': {titles}"


PARTS = [("cykel", "väg"), ("väg", "cykel"), ("huvud", "cykel", "väg"), ("cykel",), ("väg", "cykel", "väg")]
SPANS = [(PARTS_SLOP, False, 0), (1, True, 1), (0, False, 0), (2, False, 1), (5, True, 0)]


@pytest.mark.parametrize("generation", list(GENERATIONS))
@pytest.mark.parametrize("fieldname", list(SEARCH_FIELDS))
@pytest.mark.parametrize("parts", PARTS, ids="+".join)
@pytest.mark.parametrize(("slop", "ordered", "mindist"), SPANS, ids=lambda value: str(value))
def test_the_sections_are_those_whooshs_span_matcher_finds(
    searchers, generation, fieldname, parts, slop, ordered, mindist
):
    searcher = searchers[generation]
    query = Together([_term(fieldname, part) for part in parts], slop=slop, ordered=ordered, mindist=mindist)
    live = FrozenBitMap(searcher.reader().all_doc_ids())
    holding = live
    for part in set(parts):
        holding &= FrozenBitMap(searcher.docs_for_query(_term(fieldname, part)))
    expected = set(searcher.docs_for_query(query))
    assert set(together.near_set(searcher, query, holding)) == expected, f"{fieldname}: {query}"


@pytest.mark.parametrize("generation", list(GENERATIONS))
def test_the_fixture_has_parts_together_in_some_sections_and_apart_in_others(searchers, generation):
    searcher = searchers[generation]
    query = Together([_term("text", "cykel"), _term("text", "väg")], slop=PARTS_SLOP, ordered=False, mindist=0)
    holding = FrozenBitMap(searcher.docs_for_query(_term("text", "cykel"))) & FrozenBitMap(
        searcher.docs_for_query(_term("text", "väg"))
    )
    found = together.near_set(searcher, query, holding)
    assert 0 < len(found) < len(holding), f"some of the {len(holding)} sections with both parts, not all: {found}"


@pytest.mark.parametrize("generation", list(GENERATIONS))
@pytest.mark.parametrize("read_before", [False, True], ids=["parts first read here", "parts read before"])
def test_a_generations_sections_with_the_parts_together_are_those_whoosh_finds(searchers, generation, read_before):
    searcher = searchers[generation]
    terms = TermSets(FrozenBitMap(searcher.reader().all_doc_ids()))
    query = Together([_term("text", "cykel"), _term("text", "väg")], slop=PARTS_SLOP, ordered=False, mindist=0)
    if read_before:  # by another query of the generation: their positions are then read from the index
        for part in ("cykel", "väg"):
            terms.get(searcher, "text", part)
    assert set(terms.near(searcher, query)) == set(searcher.docs_for_query(query)), f"{generation}: {query}"
    assert terms.reads == 2, f"each part's postings read from the index once, with their positions: {terms.reads}"


@pytest.mark.parametrize("generation", list(GENERATIONS))
def test_positions_read_in_bulk_are_those_whooshs_matcher_decodes(searchers, generation):
    searcher = searchers[generation]
    field, live = searcher.schema["text"], np.asarray(sorted(searcher.reader().all_doc_ids()), dtype=np.int64)
    for text in searcher.reader().field_terms("text"):
        expected = [(docnum, position) for docnum, positions in _positions(searcher, text) for position in positions]
        keys = together._keys(searcher, "text", field, text, live)
        read = [(int(key) >> together.POSITION_BITS, int(key) & ((1 << together.POSITION_BITS) - 1)) for key in keys]
        assert read == sorted(expected), f"the positions of {text!r} in every live section"


@pytest.mark.parametrize("format_", [Positions(), Characters()], ids=["Positions", "Characters"])
def test_each_format_s_positions_are_read_as_it_decodes_them(format_):
    lists = [[0], [3, 4, 9], [0, 0, 2], list(range(0, 70_000, 700))]
    if isinstance(format_, Characters):
        values = [format_.encode([(p, 2 * p, 2 * p + 1) for p in positions]) for positions in lists]
    else:
        values = [format_.encode(positions) for positions in lists]
    lengths, positions = together._positions(format_, values)
    assert lengths.tolist() == [len(each) for each in lists], f"{type(format_).__name__}: counts"
    assert positions.tolist() == list(itertools.chain.from_iterable(lists)), f"{type(format_).__name__}: positions"


def _term(fieldname: str, text: str) -> wq.Term:
    return wq.Term(fieldname, text)


def _positions(searcher, text: str):
    """Each live section's positions of ``text`` in the text field, as Whoosh's matcher decodes them."""
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        if ("text", text) not in reader:
            continue
        matcher = reader.postings("text", text)
        while matcher.is_active():
            yield matcher.id() + offset, list(matcher.value_as("positions"))
            matcher.next()
