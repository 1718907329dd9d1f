"""What the query log's masking takes from ordinary queries: false positives, and the cost of the rules.

    python -m bench.masking [--generated 20000] [--rounds 5]

An ordinary query holds no personnummer, phone number, e-mail address, date of birth, home address or name, so the
log should keep it as typed (in its one spelling, lower case). This runs the log's normalisation
(``querylog.normalise``) over every judged query (``testkit.relevance.JUDGED_TABLES``) and over the benchmarks'
generated queries (``bench.analysis_cost.realistic_queries``: one to three words drawn by their frequency in Swedish,
some without å/ä/ö, some with a typo), counts the queries it changes, and prints each one changed with what the log
would keep: the target is none, apart from what a judged query holds on purpose (the bundled page's contact
person's mobile number, judged as a number, is masked as it must be). Those queries hardly hold a number or a date,
so it then runs the ordinary queries with numbers and dates of ``tests/data/ordinary_queries.tsv`` (case numbers,
report dates of the old programmes, addresses of public buildings, distances: ``testkit.relevance.load_ordinary``)
and counts the false positives among them: each query the log keeps otherwise than the file says (target: 0).
What is masked too little shows in none of those: it then runs the queries that name a person beside everyday words
of ``tests/data/private_queries.tsv`` (a name with a date of birth, a home address, a landline, a card or an account
number: ``testkit.relevance.load_private``) and counts the misses among them, each printed (target: 0).
Then the CPU time of the rules per distinct query (the normalisation without its cache), the median of
``--rounds``.
"""

from __future__ import annotations

import statistics
import sys
import time

import click

from testkit.relevance import (
    JUDGED_TABLES,
    ORDINARY_QUERIES,
    PRIVATE_QUERIES,
    as_typed,
    load_judgments,
    load_ordinary,
    load_private,
)
from webapp.querylog import normalise

from .analysis_cost import realistic_queries


def changed(expected: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The queries the log keeps otherwise than ``expected``, with what it keeps."""
    unmasked = normalise.__wrapped__
    return [(q, kept) for q, should in expected if (kept := unmasked(q)) != should]


def report(name: str, table: list[tuple[str, str]], what: str, wrong: str) -> None:
    """Print each query of a table the log keeps otherwise than the table says, and how many."""
    found = changed(table)
    click.echo(f"\n{name}: {len(table)} {what}")
    for q, kept in found:
        click.echo(f"  {q!r} -> {kept!r}, not {dict(table)[q]!r}")
    click.echo(f"{wrong}: {len(found)} of {len(table)} (a query kept otherwise than the file says)")


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
    """Count the ordinary queries the query log's masking changes and the private ones it misses (target: 0)."""
    sources = {
        f"{path.name} [{table}]": [judged.q for judged in load_judgments(path, table)] for path, table in JUDGED_TABLES
    }
    sources[f"generated ({generated})"] = realistic_queries(generated)
    total = 0
    for name, queries in sources.items():
        found = changed([(q, as_typed(q)) for q in queries])
        total += len(found)
        click.echo(f"{name}: {len(queries)} queries, {len(set(queries))} distinct, {len(found)} changed")
        for q, kept in found:
            click.echo(f"  {q!r} -> {kept!r}")
    every = [q for queries in sources.values() for q in queries]
    click.echo(f"changed in all: {total} of {len(every)} queries, each listed above (a judged query may be a phone")
    click.echo("number on a page, masked as it must be: every other change is a false positive)")
    ordinary = load_ordinary()
    report(ORDINARY_QUERIES.name, ordinary, "ordinary queries with numbers and dates", "false positives")
    private = load_private()
    report(PRIVATE_QUERIES.name, private, "queries that name a person beside everyday words", "must-mask misses")
    every += [q for q, _ in ordinary + private]
    click.echo(f"masking cost: {cost(every, rounds):.1f} µs CPU per query (uncached, median of {rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main(standalone_mode=False))
