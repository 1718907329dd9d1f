"""What the query log's masking takes from ordinary queries: false positives, and the cost of the rules.

    python -m bench.masking [--generated 20000] [--rounds 5]

An ordinary query holds no personnummer, phone number, e-mail address, date of birth, home address or name, so the
log should keep it as typed (in its one spelling, lower case). This runs the log's normalisation
(``querylog.normalise``) over every judged query of ``tests/data/relevance*.toml`` and over the benchmarks'
generated queries (``bench.analysis_cost.realistic_queries``: one to three words drawn by their frequency in Swedish,
some without å/ä/ö, some with a typo), counts the queries it changes, and prints each one changed with what the log
would keep: the target is none, apart from what a judged query holds on purpose (the bundled page's contact
person's mobile number, judged as a number, is masked as it must be). Then the CPU time of the rules per distinct
query (the normalisation without its cache), the median of ``--rounds``.
"""

from __future__ import annotations

import statistics
import sys
import time
import tomllib
from pathlib import Path

import click

from webapp.querylog import MAX_QUERY_CHARS, canonical, normalise

from .analysis_cost import realistic_queries

JUDGED = sorted((Path(__file__).resolve().parents[1] / "tests" / "data").glob("relevance*.toml"))


def judged_queries(path: Path) -> list[str]:
    """Every query of a judgments file, of every table that holds queries."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [item["q"] for table in data.values() if isinstance(table, list) for item in table if "q" in item]


def changed(queries: list[str]) -> list[tuple[str, str]]:
    """The queries the log keeps otherwise than as typed, with what it keeps."""
    unmasked = normalise.__wrapped__
    return [(q, kept) for q in queries if (kept := unmasked(q)) != canonical(q)[:MAX_QUERY_CHARS].lower()]


def cost(queries: list[str], rounds: int) -> float:
    """CPU microseconds per query of the uncached normalisation, the median of ``rounds``."""
    unmasked = normalise.__wrapped__
    times = []
    for _ in range(rounds):
        start = time.thread_time()
        for q in queries:
            unmasked(q)
        times.append(time.thread_time() - start)
    return 1e6 * statistics.median(times) / len(queries)


@click.command()
@click.option("--generated", default=20_000, show_default=True, type=click.IntRange(1, 1_000_000))
@click.option("--rounds", default=5, show_default=True, type=click.IntRange(1, 50))
def main(generated: int, rounds: int):
    """Count the ordinary queries the query log's masking changes (target: 0)."""
    sources = {path.name: judged_queries(path) for path in JUDGED}
    sources[f"generated ({generated})"] = realistic_queries(generated)
    total = 0
    for name, queries in sources.items():
        found = changed(queries)
        total += len(found)
        click.echo(f"{name}: {len(queries)} queries, {len(set(queries))} distinct, {len(found)} changed")
        for q, kept in found:
            click.echo(f"  {q!r} -> {kept!r}")
    every = [q for queries in sources.values() for q in queries]
    click.echo(f"changed in all: {total} of {len(every)} queries, each listed above (a judged query may be a phone")
    click.echo("number on a page, masked as it must be: every other change is a false positive)")
    click.echo(f"masking cost: {cost(every, rounds):.1f} µs CPU per query (uncached, median of {rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main(standalone_mode=False))
