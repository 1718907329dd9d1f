"""The fast path finds what plain Whoosh finds.

The search combines cached bitmaps for the match set and the facet counts and
lets Whoosh skip low-scoring blocks for the ranking (``webapp/matchset.py``,
``webapp/collect.py``). Here the same requests are answered the plain way:
every match walked by Whoosh (``docs_for_query``), every match scored
(``optimize=False``, no limit) and sorted, facet counts tallied from each
match's stored fields. Both must give the same total, the same hits in the
same order and the same facet counts, over a few hundred generated requests
(some with a län, which also finds the sections tagged with it) on a generated
index of several segments with deleted sections.
"""

from __future__ import annotations

import random
from collections import Counter
from importlib import resources

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from indexer import gazetteer
from indexer.analysis import stop_words
from indexer.build import build
from indexer.schema import FACET_FIELDS
from indexer.update import update
from webapp import scoring
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.query import compile_query, outside
from webapp.rerank import BORROWED_SHARE, PAGE_WEIGHT
from webapp.search import BORROWED_FIELDS, RERANK_DEPTH, Features, search
from webapp.sorts import SORTS
from webapp.syntax import parse

from .conftest import write_corpus

PAGES, SECTIONS_PER_PAGE = 4, 120
REQUESTS = 300
SEED = 13


def vocabulary(size: int = 400) -> tuple[list[str], list[float]]:
    """The most frequent Swedish word forms that are not stop words, with their frequencies."""
    rows = []
    for line in (resources.files("indexer") / "data" / "sv_forms.tsv").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            form, _lemma, zipf = line.split("\t")
            if form.isalpha() and len(form) > 2 and form not in stop_words():
                rows.append((float(zipf), form))
    best = sorted(rows, reverse=True)[:size]
    return [form for _, form in best], [10**zipf for zipf, _ in best]


def organisations() -> list[str]:
    names = [municipality.name for municipality in gazetteer.municipalities()]
    return [f"{name}s kommun" if not name.endswith("s") else f"{name} kommun" for name in names][::7]


def page(rng: random.Random, number: int) -> str:
    forms, weights = vocabulary()
    orgs = organisations()
    parts = [
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sida {number}</title></head>'
        f"<body><main><h1>Sida {number}</h1><p>{' '.join(rng.choices(forms, weights, k=12))}.</p>"
    ]
    for n in range(SECTIONS_PER_PAGE):
        if n % 40 == 0:
            parts.append(f"<h2>{'Genomförda projekt' if n % 80 == 0 else 'Kunskapsprojekt'}</h2>")
        title = f"{rng.choice(orgs)} {' '.join(rng.choices(forms, weights, k=rng.randint(0, 4)))}"
        text = " ".join(rng.choices(forms, weights, k=rng.randint(8, 50)))
        parts.append(f'<h3 id="s{n}">{title}</h3><p>{text}.</p>')
    return "\n".join(parts) + "</main></body></html>"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory):
    """A generated index, then updated: a second segment, and deleted sections."""
    rng = random.Random(SEED)
    root = tmp_path_factory.mktemp("fast-path")
    pages = {f"sida-{n}.html": page(rng, n) for n in range(PAGES)}
    corpus = write_corpus(root / "corpus", pages)
    build(corpus, root / "index")
    (corpus / "sida-0.html").write_text(page(rng, 0), encoding="utf-8")  # every section of one page changes
    update(corpus, root / "index")
    searcher = whoosh_index.open_dir(str((root / "index").resolve())).searcher()
    assert not searcher.is_atomic(), "the updated index should have several segments"
    assert searcher.doc_count() < searcher.doc_count_all(), "the updated index should hold deleted sections"
    yield searcher
    searcher.close()


def place_names() -> list[str]:
    """Län as a visitor types them, short and in full: they also find the sections tagged with them."""
    return [name for county in gazetteer.counties() for name in (county.short_name.lower(), county.name)]


def generated_requests(searcher) -> list[SearchRequest]:
    rng, place_rng = random.Random(SEED), random.Random(SEED + 1)
    forms, weights = vocabulary()
    stored = list(searcher.all_stored_fields())
    requests = []
    for _ in range(REQUESTS):
        chosen = rng.choices(forms, weights, k=rng.choice((1, 1, 2, 2, 3)))
        shape = rng.random()
        if shape < 0.1:
            q = f"{chosen[0]} ELLER {chosen[-1]}"
        elif shape < 0.2:
            q = f"{chosen[0]} -{chosen[-1]}"
        elif shape < 0.3:
            q = f'"{" ".join(chosen)}"'
        elif shape < 0.38:
            q = chosen[0][:3] + "*"
        elif shape < 0.46:
            q = " ".join(chosen).translate(str.maketrans("åäö", "aao"))
        elif shape < 0.5:
            q = ""
        else:
            q = " ".join(chosen)
            if place_rng.random() < 0.3:
                q += " " + place_rng.choice(place_names())
        filters = {}
        if rng.random() < 0.3:
            name = rng.choice(list(FACET_FIELDS))
            filters[name] = tuple(
                sorted({rng.choice(values_of(rng.choice(stored), name)) for _ in range(rng.randint(1, 2))})
            )
        sort = rng.choice(("relevans",) * 6 + ("titel", "andrad"))
        requests.append(SearchRequest(q=q, page=rng.choice((1, 1, 1, 2, 3)), sort=sort, filters=filters))
    return requests


def values_of(fields: dict, name: str) -> list[str]:
    """A stored section's values of a facet (the region facet's field holds several, comma-separated)."""
    return [value for value in fields[FACET_FIELDS[name]].split(",") if value]


def plain(searcher, request: SearchRequest) -> tuple[int, list[str], dict]:
    """The request answered the plain way: walk, score and tally everything."""
    compiled = compile_query(parse(request.q), searcher, optional_words=False)
    query = wq.Every() if not request.q.strip() else compiled.query
    if query is None:
        return 0, [], {name: {} for name in FACET_FIELDS}
    matches = plain_matches(searcher, query)
    fields = {docnum: searcher.stored_fields(docnum) for docnum in matches}

    def allowed(docnum, skip=None):
        return all(
            set(values_of(fields[docnum], name)) & set(values)
            for name, values in request.filters.items()
            if name != skip
        )

    selected = sorted(docnum for docnum in matches if allowed(docnum))
    end = request.page * request.per_page
    sort_field, newest_first = SORTS[request.sort].field, SORTS[request.sort].newest_first
    if not selected:  # (Whoosh reads an empty filter as no filter)
        ranked = []
    elif sort_field is not None:
        ranked = [
            hit.docnum
            for hit in searcher.search(
                query, sortedby=sort_field, reverse=newest_first, limit=None, filter=set(selected)
            )
        ]
    elif isinstance(query, wq.Every):
        ranked = selected
    else:
        every = searcher.search(query, limit=None, optimize=False, filter=set(selected))
        scored = sorted(((hit.docnum, hit.score) for hit in every), key=lambda hit: (-hit[1], hit[0]))
        scored = scored[: max(end, RERANK_DEPTH)]
        if compiled.near is not None:
            scored = plain_rerank(searcher, scored, compiled.near)
        ranked = [docnum for docnum, _ in plain_own_words(searcher, plain_by_page(searcher, scored), query)]
    hits = [searcher.stored_fields(docnum)["id"] for docnum in ranked[end - request.per_page : end]]
    counts = {}
    for name in FACET_FIELDS:
        tally = Counter(
            value for docnum in matches if allowed(docnum, skip=name) for value in values_of(fields[docnum], name)
        )
        counts[name] = {value: n for value, n in tally.items() if n}
    return len(selected), hits, counts


def plain_matches(searcher, query) -> set[int]:
    """Whoosh's matches. Its AndNot matcher keeps a segment's first match when the excluded
    words' first match comes before it (``_find_first`` only compares equal ids), so an
    exclusion is walked as its two sides; the fast path and the page agree with that."""
    if type(query) is wq.AndNot:
        return plain_matches(searcher, query.a) - plain_matches(searcher, query.b)
    return set(searcher.docs_for_query(query))


def plain_rerank(searcher, top: list[tuple[int, float]], bonus) -> list[tuple[int, float]]:
    """The proximity bonus added the plain way: Whoosh's matcher for it, skipped to each hit."""
    matcher = bonus.matcher(searcher)
    scored = []
    for docnum, score in sorted(top):
        extra = 0.0
        if matcher.is_active():
            matcher.skip_to(docnum)
            if matcher.is_active() and matcher.id() == docnum:
                extra = matcher.score()
        scored.append((docnum, score + extra))
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def plain_by_page(searcher, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The page bonus added the plain way: each hit's page read from its stored fields."""
    page = {docnum: searcher.stored_fields(docnum)["page"] for docnum, _ in top}
    best = {}
    for docnum, score in top:
        best[page[docnum]] = max(best.get(page[docnum], 0.0), score)
    scored = [(docnum, score + PAGE_WEIGHT * best[page[docnum]]) for docnum, score in top]
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def plain_own_words(searcher, top: list[tuple[int, float]], query) -> list[tuple[int, float]]:
    """A hit that does not hold every word outside what it stands under scores ``BORROWED_SHARE`` of its
    score: Whoosh's own matches of the query without those fields."""
    own = plain_matches(searcher, outside(query, BORROWED_FIELDS))
    scored = [(docnum, score if docnum in own else score * BORROWED_SHARE) for docnum, score in top]
    return sorted(scored, key=lambda hit: (-hit[1], hit[0]))


def fast(searcher, postings, request: SearchRequest) -> tuple[int, list[str], dict]:
    # every word required, as plain Whoosh has it (partial matches: tests/test_partial.py)
    result = search(searcher, request, postings, features=Features(partial=False))
    counts = {name: {v["value"]: v["count"] for v in values if v["count"]} for name, values in result["facets"].items()}
    return result["total"], [hit["id"] for hit in result["results"]], counts


@pytest.fixture(scope="module")
def answered(searcher) -> list[tuple[SearchRequest, tuple]]:
    return [(request, plain(searcher, request)) for request in generated_requests(searcher)]


def test_most_generated_requests_fill_more_than_a_page(answered):
    assert sum(total > 10 for _, (total, _, _) in answered) > REQUESTS // 3


@pytest.mark.parametrize("vectors", [True, False], ids=["scored as vectors", "Whoosh's top-k collector"])
def test_the_fast_path_gives_the_plain_paths_hits_order_and_facet_counts(searcher, answered, vectors, monkeypatch):
    if not vectors:
        monkeypatch.setattr(scoring, "supported", lambda searcher: False)
    postings = read_postings(searcher)
    differing = [request for request, expected in answered if fast(searcher, postings, request) != expected]
    assert differing == [], f"{len(differing)} of {len(answered)} requests differ"
