"""Load test: the production server under realistic and hostile queries while the index updates.

    python -m bench.load [--seconds 60] [--clients 8]

Builds the bundled corpus into a temporary index, starts ``python -m webapp``
on loopback, and runs ``--clients`` threads that send, for ``--seconds``, a mix
of realistic queries (the judged ones), hostile queries (the nasty-input list)
and facet filters to ``/api/search`` and ``/``, while ``python -m indexer
update`` runs every few seconds on an edited copy of the corpus. Bounded in
time and to 127.0.0.1. Prints every status code, connection errors, updates
and latency percentiles.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import click

from tests.server import indexer, running_server
from tests.test_hardening import NASTY_QUERIES

from .relevance import load_judgments

REPO = Path(__file__).resolve().parents[1]
UPDATE_EVERY = 5.0
EXTRA = '<h3 id="lulea-kommun">Luleå kommun</h3>\n<p>Hamnen i Luleå.</p>\n<h3 id="boverket">'


def requests_mix(rng: random.Random):
    realistic = [judged.q for judged in load_judgments()]
    regions = ["Skåne län", "Blekinge län", "Nationellt", "Västra Götalands län"]
    while True:
        roll = rng.random()
        q = rng.choice(NASTY_QUERIES) if roll < 0.25 else rng.choice(realistic)
        params = {"q": q}
        if rng.random() < 0.3:
            params["region"] = rng.sample(regions, rng.randint(1, 2))
        yield rng.choice(["/api/search", "/api/search", "/"]), params


def client(base: str, deadline: float, seed: int, record) -> None:
    for path, params in requests_mix(random.Random(seed)):
        if time.monotonic() > deadline:
            return
        url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = f"connection error: {type(error).__name__}"
        record(status, (time.perf_counter() - start) * 1000)


def updater(corpus: Path, index: Path, deadline: float, runs: list) -> None:
    page = corpus / "utveckla-svenska-stader.html"
    while time.monotonic() + UPDATE_EVERY < deadline:
        time.sleep(UPDATE_EVERY)
        text = page.read_text(encoding="utf-8")
        edited = text.replace(EXTRA, '<h3 id="boverket">') if EXTRA in text else text.replace(
            '<h3 id="boverket">', EXTRA)
        page.write_text(edited, encoding="utf-8")
        runs.append(indexer("update", "--corpus", str(corpus), "--index", str(index)).returncode)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@click.command()
@click.option("--seconds", default=60, show_default=True, type=click.IntRange(5, 600))
@click.option("--clients", default=8, show_default=True, type=click.IntRange(1, 64))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
def main(seconds: int, clients: int, workers: int):
    """Run the load test and print what happened."""
    statuses, latencies, lock, runs = Counter(), [], threading.Lock(), []

    def record(status, ms):
        with lock:
            statuses[status] += 1
            latencies.append(ms)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(shutil.copytree(REPO / "corpus", Path(tmp) / "corpus"))
        index = Path(tmp) / "index"
        assert indexer("build", "--corpus", str(corpus), "--index", str(index)).returncode == 0
        with running_server(index, workers=workers) as base:
            deadline = time.monotonic() + seconds
            threads = [threading.Thread(target=client, args=(base, deadline, n, record)) for n in range(clients)]
            threads.append(threading.Thread(target=updater, args=(corpus, index, deadline, runs)))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    total = sum(statuses.values())
    click.echo(f"{seconds} s, {clients} clients, {workers} workers, {len(runs)} updates during the run "
               f"(exit codes {sorted(set(runs))})")
    click.echo(f"requests: {total} ({total / seconds:.0f}/s); statuses: {dict(sorted(statuses.items(), key=str))}")
    click.echo(f"latency ms: p50 {statistics.median(latencies):.1f}, p95 {percentile(latencies, 95):.1f}, "
               f"p99 {percentile(latencies, 99):.1f}, max {max(latencies):.1f}")
    failures = sum(n for status, n in statuses.items() if not isinstance(status, int) or status >= 500)
    click.echo(f"5xx and connection errors: {failures}")
    return 1 if failures or any(runs) else 0


if __name__ == "__main__":
    sys.exit(main(standalone_mode=False))
