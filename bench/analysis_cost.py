"""What the Swedish analysis costs, next to Whoosh's Snowball analyzer, in one run.

    python -m bench.analysis_cost [--sections 20000] [--queries 300]

Both indexes use the service's schema and the same generated sections
(``bench.generate``); only the analyzer of the searched fields differs:

* **ours**: lemmas, compound parts and word families (``indexer.analysis``; words typed
  without å, ä, ö are found at query time, ``webapp/folding.py``, not indexed twice);
* **sv-stem**: ``LanguageAnalyzer("sv")``.

It prints indexing speed (sections/s), index size, and the latency of the
service's own search function (top 10, facets, snippets) over realistic
queries on each index, with the ratios ours / sv-stem.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import click
from whoosh import index as whoosh_index
from whoosh.analysis import LanguageAnalyzer

from indexer.analysis import warm_up
from indexer.build import write_index
from indexer.schema import make_schema
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .generate import documents, words


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir() if path.is_file())


def realistic_queries(n: int, seed: int = 7) -> list[str]:
    """One to three words as people type them: mostly as written, some without
    å/ä/ö, some with a typo, some prefixes."""
    rng = random.Random(seed)
    queries = []
    for _ in range(n):
        chosen = [w for w in words(rng, rng.choice((1, 1, 2, 2, 3))) if len(w) > 2] or ["stad"]
        q = " ".join(chosen)
        roll = rng.random()
        if roll < 0.15:
            q = q.translate(str.maketrans("åäö", "aao"))
        elif roll < 0.25 and len(q) > 5:
            i = rng.randrange(1, len(q) - 1)
            q = q[:i] + q[i + 1 :]
        queries.append(q)
    return queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def time_queries(folder: Path, queries: list[str]) -> list[float]:
    searcher = whoosh_index.open_dir(str(folder)).searcher()
    postings = read_postings(searcher)
    for q in queries[:20]:  # warm up
        search(searcher, SearchRequest(q=q), postings)
    times = []
    for q in queries:
        start = time.perf_counter()
        search(searcher, SearchRequest(q=q), postings)
        times.append((time.perf_counter() - start) * 1000)
    searcher.close()
    return times


@click.command()
@click.option("--sections", default=20_000, show_default=True)
@click.option("--queries", "n_queries", default=300, show_default=True)
def main(sections: int, n_queries: int):
    """Index and query a generated corpus with both analyzers; print the comparison."""
    warm_up()  # load the word data before timing, as a server does at start
    docs = documents(sections)
    queries = realistic_queries(n_queries)
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, analyzer in (("sv-stem", LanguageAnalyzer("sv")), ("ours", None)):
            folder = Path(tmp) / name
            folder.mkdir()
            start = time.perf_counter()
            write_index(folder, docs, {}, now=0.0, schema=make_schema(analyzer))
            seconds = time.perf_counter() - start
            latencies = time_queries(folder, queries)
            rows[name] = {
                "sections/s": sections / seconds,
                "index MB": folder_size(folder) / 2**20,
                "query p50 ms": statistics.median(latencies),
                "query p95 ms": percentile(latencies, 95),
            }
    click.echo(f"{sections} generated sections, {n_queries} queries, one run\n")
    click.echo("| | sv-stem | ours | ours / sv-stem |")
    click.echo("|---|---|---|---|")
    for metric in rows["ours"]:
        a, b = rows["sv-stem"][metric], rows["ours"][metric]
        click.echo(f"| {metric} | {a:.1f} | {b:.1f} | {b / a:.2f} |")
    time_ratio = rows["sv-stem"]["sections/s"] / rows["ours"]["sections/s"]
    click.echo(f"\nindexing time ours / sv-stem: {time_ratio:.2f} (target at most 1.5)")


if __name__ == "__main__":
    sys.exit(main())
