"""What partial matching, optional words and synonyms cost a search.

    python -m bench.query_features --sections 10000 --queries 300

Builds generated sections (``bench/generate.py``) with the indexer and times
the service's search function on the same queries with the features on (as
served, with the shipped synonyms) and off (every word required, no
synonyms), in the same run: realistic one-to-three-word queries, and the same
queries with a question's filler and a word no section holds, so that every
one of them goes to partial matching (the worst case).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import click
from whoosh import index as whoosh_index

from indexer.build import build
from testkit.relevance import FEATURES_OFF, served_features
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .analysis_cost import percentile, realistic_queries
from .generate import documents, write_pages

FILLER = ("hur", "var finns", "vad kan man", "vilka")


def as_questions(queries: list[str], seed: int = 11) -> list[str]:
    """Each query as a question with a word no section holds: every one is a partial match."""
    rng = random.Random(seed)
    return [f"{rng.choice(FILLER)} {q} xqzvw" for q in queries]


def timed(searcher, postings, queries: list[str], features) -> tuple[list[float], int]:
    """Milliseconds per query, and how many went to partial matching."""
    for q in queries[:20]:  # warm up the caches, as a running worker has them
        search(searcher, SearchRequest(q=q), postings, features=features)
    times, partial = [], 0
    for q in queries:
        start = time.perf_counter()
        result = search(searcher, SearchRequest(q=q), postings, features=features)
        times.append((time.perf_counter() - start) * 1000)
        partial += result["used"]["partial"]
    return times, partial


@click.command()
@click.option("--sections", default=10_000, show_default=True)
@click.option("--queries", "n_queries", default=300, show_default=True)
def main(sections: int, n_queries: int):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        write_pages(documents(sections), corpus)
        build(corpus, Path(folder) / "index")
        searcher = whoosh_index.open_dir(str((Path(folder) / "index").resolve())).searcher()
        postings = read_postings(searcher)
        plain = realistic_queries(n_queries)
        print(f"{sections} generated sections, {n_queries} queries of each kind\n")
        print("| queries | features | p50 ms | p95 ms | partial matches |")
        print("|---|---|---|---|---|")
        for label, queries in (("realistic", plain), ("as questions, one word found nowhere", as_questions(plain))):
            for name, features in (("off", FEATURES_OFF), ("on", served_features())):
                times, partial = timed(searcher, postings, queries, features)
                print(
                    f"| {label} | {name} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | "
                    f"{partial} of {len(queries)} |"
                )
        searcher.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
