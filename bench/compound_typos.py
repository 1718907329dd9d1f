"""What correcting a misspelled compound costs, and how often it finds the compound meant.

    python -m bench.compound_typos --sections 20000 --queries 100

Builds generated sections (``bench/generate.py``) with the indexer (or reads ``--index``), makes
compounds of two words the sections say that no section writes whole (as "bredbandsutbyggnad" on a
site that says "bredband" and "utbyggnaden"), each with a letter dropped or two neighbours swapped,
and times the service's search function on them, on the same compounds spelled right, and on
realistic queries (``analysis_cost.realistic_queries``).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import click
from whoosh import index as whoosh_index

from indexer.build import build
from indexer.compounds import decompounder
from indexer.words import is_known
from testkit.relevance import served_features
from webapp import written
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .analysis_cost import percentile, realistic_queries
from .generate import documents, write_pages


def misspelled_compounds(site, n: int, seed: int = 5) -> list[tuple[str, str]]:
    """(typo, compound meant): two words the site says joined, with or without a linking s, that
    the site never writes whole; mostly the last part misspelled, as typos fall."""
    rng, splitter = random.Random(seed), decompounder()
    words = [word for word in site.words if word.isalpha() and 5 <= len(word) <= 9 and is_known(word)]
    found: list[tuple[str, str]] = []
    while len(found) < n:
        first, last = rng.choice(words), rng.choice(words)
        compound = first + ("s" if rng.random() < 0.5 else "") + last
        parts = splitter.split(compound)
        if not parts or len(parts) != 2 or site.sections_of(compound):
            continue
        cut = len(parts[0].surface)
        i = rng.randrange(cut + 1, len(compound) - 1) if rng.random() < 0.7 else rng.randrange(1, cut - 1)
        typo = (
            compound[:i] + compound[i + 1 :]
            if rng.random() < 0.5
            else compound[:i] + compound[i + 1] + compound[i] + compound[i + 2 :]
        )
        if typo != compound:
            found.append((typo, compound))
    return found


def timed(searcher, postings, queries: list[str]) -> tuple[list[float], list[dict]]:
    features = served_features()
    times, results = [], []
    for q in queries:
        start = time.perf_counter()
        results.append(search(searcher, SearchRequest(q=q), postings, features=features))
        times.append((time.perf_counter() - start) * 1000)
    return times, results


@contextmanager
def warm_searcher(sections: int, index_dir: Path | None):
    """A searcher of ``index_dir``, or of ``sections`` generated sections built into a temporary folder, and its
    postings, its caches warmed as a running worker's are. Shared by the compound benches."""
    with tempfile.TemporaryDirectory() as folder:
        if index_dir is None:
            write_pages(documents(sections), Path(folder) / "corpus")
            index_dir = Path(folder) / "index"
            build(Path(folder) / "corpus", index_dir)
        searcher = whoosh_index.open_dir(str(index_dir.resolve())).searcher()
        try:
            postings = read_postings(searcher)
            timed(searcher, postings, realistic_queries(20))
            yield searcher, postings
        finally:
            searcher.close()


def index_options(command):
    """The options of a bench over generated sections or a built index: how many sections, queries, which index."""
    options = (
        click.option("--sections", default=20_000, show_default=True),
        click.option("--queries", "n_queries", default=100, show_default=True),
        click.option("--index", "index_dir", type=click.Path(path_type=Path), help="An index built before (no build)."),
    )
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@index_options
def main(sections: int, n_queries: int, index_dir: Path | None):
    with warm_searcher(sections, index_dir) as (searcher, postings):
        pairs = misspelled_compounds(written.of(searcher.reader()), n_queries)
        print(f"{searcher.doc_count()} sections, {len(pairs)} misspelled compounds\n")
        print("| queries | p50 ms | p95 ms | corrected | to the compound meant | with hits |")
        print("|---|---|---|---|---|---|")
        rows = (
            ("compounds misspelled", [typo for typo, _ in pairs]),
            ("the same spelled right", [meant for _, meant in pairs]),
            ("realistic", realistic_queries(2 * n_queries)),
        )
        meant = dict(pairs)
        for label, queries in rows:
            times, results = timed(searcher, postings, queries)
            corrected = sum(result["used"]["typo"] for result in results)
            right = sum(result["suggestion"] == meant.get(result["query"]) for result in results)
            hits = sum(result["total"] > 0 for result in results)
            print(
                f"| {label} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | {corrected} | "
                f"{right if label == rows[0][0] else '–'} | {hits} of {len(queries)} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
