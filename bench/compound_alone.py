"""What a compound typed alone costs now that it also finds its parts.

    python -m bench.compound_alone --sections 20000 --queries 100

Builds generated sections (``bench/generate.py``) with the indexer (or reads ``--index``), takes
compounds the sections write whole in fewer sections than a page of results (``partial.FEW_HITS``),
as "nattågstrafiken" on a site that says it once, and times the service's search function on them,
one word each, and on realistic queries (``analysis_cost.realistic_queries``). Such a compound is
also searched as its parts (``query._alone_as_parts``): the sections that hold a part follow those
that hold the word, one more search.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import click

from indexer.compounds import decompounder
from webapp import written
from webapp.partial import FEW_HITS

from .analysis_cost import percentile, realistic_queries
from .compound_typos import index_options, timed, warm_searcher


def rare_compounds(site, n: int, seed: int = 7) -> list[str]:
    """Words of two or more parts that 1 to ``FEW_HITS`` - 1 sections write, at most ``n``."""
    splitter = decompounder()
    found = sorted(
        word
        for word in site.words
        if word.isalpha() and 0 < site.sections_of(word) < FEW_HITS and len(splitter.split(word) or ()) > 1
    )
    return random.Random(seed).sample(found, min(n, len(found)))


@click.command()
@index_options
def main(sections: int, n_queries: int, index_dir: Path | None):
    with warm_searcher(sections, index_dir) as (searcher, postings):
        compounds = rare_compounds(written.of(searcher.reader()), n_queries)
        print(f"{searcher.doc_count()} sections, {len(compounds)} compounds written in 1-{FEW_HITS - 1} sections\n")
        print("| queries | p50 ms | p95 ms | mean ms | partial matches | mean hits |")
        print("|---|---|---|---|---|---|")
        for label, queries in (("compounds alone", compounds), ("realistic", realistic_queries(2 * n_queries))):
            times, results = timed(searcher, postings, queries)
            partial = sum(result["used"]["partial"] for result in results)
            hits = sum(result["total"] for result in results) / len(results)
            print(
                f"| {label} | {percentile(times, 50):.1f} | {percentile(times, 95):.1f} | "
                f"{sum(times) / len(times):.1f} | {partial} of {len(queries)} | {hits:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
