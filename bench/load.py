"""Load test: the production server under realistic and hostile queries while the index updates.

    python -m bench.load [--seconds 60] [--clients 8]

Builds the bundled corpus into a temporary index, starts ``python -m webapp``
on loopback, and runs ``--clients`` threads that send, for ``--seconds``, a mix
of realistic queries (the judged ones), hostile queries (the nasty-input list)
and facet filters to ``/api/search`` and ``/``, while every few seconds the
corpus copy is edited and ``python -m indexer update``, ``build``, or an
indexer killed with SIGKILL at a random moment runs on it, in turn. Everything
runs in one deployment folder with the product's default relative paths
(``--corpus corpus --index instance/index``). One more thread checks that the
section total is always that of a complete generation. Bounded in time and to
127.0.0.1. Prints every status code, connection errors, indexer runs, totals
and latency percentiles.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
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

from testkit.nasty import NASTY_QUERIES
from testkit.server import indexer, running_server

from .relevance import load_judgments

REPO = Path(__file__).resolve().parents[1]
CORPUS, INDEX = Path("corpus"), Path("instance") / "index"  # the product's defaults, relative
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


def updater(folder: Path, deadline: float, runs: list, rng: random.Random) -> None:
    """Every few seconds: edit the corpus, then ``update``, ``build``, or an indexer killed
    (SIGKILL) at a random moment, in turn; run in ``folder`` with the default relative paths.
    The served generation is first made older than the grace period, as it usually is."""
    page = folder / CORPUS / "utveckla-svenska-stader.html"
    for turn in itertools.count():
        if time.monotonic() + UPDATE_EVERY >= deadline:
            return
        time.sleep(UPDATE_EVERY)
        text = page.read_text(encoding="utf-8")
        edited = (
            text.replace(EXTRA, '<h3 id="boverket">') if EXTRA in text else text.replace('<h3 id="boverket">', EXTRA)
        )
        page.write_text(edited, encoding="utf-8")
        served = (folder / INDEX).resolve()
        os.utime(served, (time.time() - 300, time.time() - 300))
        command = ("update", "build", "killed")[turn % 3]
        if command == "killed":
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "indexer",
                    rng.choice(["update", "build"]),
                    "--corpus",
                    str(CORPUS),
                    "--index",
                    str(INDEX),
                ],
                cwd=folder,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(0.2, 1.2))
            process.send_signal(signal.SIGKILL)
            process.wait()
            runs.append(command)
        else:
            result = indexer(command, "--corpus", str(CORPUS), "--index", str(INDEX), cwd=folder)
            runs.append("removed the served generation" if served.name in result.stdout else result.returncode)


def totals_checker(base: str, deadline: float, expected: set[int], seen: Counter) -> None:
    """Ask for every section's count again and again: it must always be one complete generation's."""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/api/search?per_page=1", timeout=30) as response:
                total = json.load(response)["total"]
        except (OSError, ValueError) as error:
            seen[f"error: {type(error).__name__}"] += 1
            continue
        seen["consistent" if total in expected else f"inconsistent total {total}"] += 1


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

    totals: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)  # a deployment folder: every command runs here, with the default relative paths
        shutil.copytree(REPO / "corpus", folder / CORPUS)
        assert indexer("build", "--corpus", str(CORPUS), "--index", str(INDEX), cwd=folder).returncode == 0
        with running_server(INDEX, workers=workers, cwd=folder) as base:
            with urllib.request.urlopen(f"{base}/api/search?per_page=1", timeout=30) as response:
                sections = json.load(response)["total"]
            deadline = time.monotonic() + seconds
            threads = [threading.Thread(target=client, args=(base, deadline, n, record)) for n in range(clients)]
            threads.append(threading.Thread(target=updater, args=(folder, deadline, runs, random.Random(7))))
            threads.append(
                threading.Thread(target=totals_checker, args=(base, deadline, {sections, sections + 1}, totals))
            )
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    total = sum(statuses.values())
    finished = [run for run in runs if run != "killed"]
    click.echo(
        f"{seconds} s, {clients} clients, {workers} workers, index {INDEX} (relative, run in the "
        f"deployment folder); indexer runs: {len(finished)} finished (exit codes: "
        f"{', '.join(sorted(set(map(str, finished))))}), "
        f"{runs.count('killed')} killed with SIGKILL"
    )
    click.echo(f"requests: {total} ({total / seconds:.0f}/s); statuses: {dict(sorted(statuses.items(), key=str))}")
    click.echo(
        f"latency ms: p50 {statistics.median(latencies):.1f}, p95 {percentile(latencies, 95):.1f}, "
        f"p99 {percentile(latencies, 99):.1f}, max {max(latencies):.1f}"
    )
    unexpected = sum(n for status, n in statuses.items() if status not in (200, 400))
    click.echo(f"answers other than 200 and the hostile queries' 400: {unexpected}")
    click.echo(f"section totals: {dict(totals)} (a complete generation has {sections} or {sections + 1})")
    inconsistent = sum(n for outcome, n in totals.items() if outcome != "consistent")
    return 1 if unexpected or inconsistent or any(finished) else 0


if __name__ == "__main__":
    sys.exit(main(standalone_mode=False))
