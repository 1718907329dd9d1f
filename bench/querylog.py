"""What the editors' query log costs: search throughput with the log on and off, through the production server.

    python -m bench.querylog [--rounds 5] [--seconds 5] [--clients 4] [--workers 2]
    python -m bench.querylog --prune-days 395 [--per-day 3000]

Builds the bundled corpus into a temporary index, then, in alternating rounds (off, on, off, on, ...: the
machine is shared and noisy, so neither setting gets the quiet minutes), starts ``python -m webapp`` with
``FLASK_QUERY_LOG`` false or true and has ``--clients`` threads send, for ``--seconds``, the judged queries
in turn to ``/api/search``. The result cache makes most answers cheap, which makes the log's share of the
work as large as it gets: a worst case. Prints requests per second per round, the medians, the cost, and
after each round with the log on whether the log holds every search (written = sent, dropped = 0).
Bounded in time and to 127.0.0.1.

Wall-clock throughput on a shared machine swings by more than the 5% it is meant to show, so the same
comparison is also made in CPU time, which other processes hardly change: one process, the real app on the
same index with the log on and with it off (the Flask test client, no server), alternating batches of the
judged queries. The cost with the log on is the searching thread's CPU time plus all the CPU time the
writer thread used; with the log off, the searching thread's only. Both go through the result cache as a
visitor's repeated queries do (the log's worst case: cheap searches).

``--prune-days N`` measures instead what the first prune of a full log costs the other workers: a log of N days of
``--per-day`` queries each (a fifth searched every day, the rest once: rare, so their rows older than
``QUERY_LOG_RARE_DAYS`` lose their text) is pruned by the real writer while it is sent a search every 0.1 s, as a
server would, and another connection writes a row every 10 ms, as another worker's batch does. Prints how long the
prune took and how long the other worker's writes waited (each from ``BEGIN IMMEDIATE`` to ``COMMIT``).
"""

from __future__ import annotations

import contextlib
import datetime
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import click

from testkit.server import indexer, running_server
from webapp import create_app
from webapp.querylog import RARE_DAYS, QueryLog, connect, log_path

from .relevance import load_judgments

REPO = Path(__file__).resolve().parents[1]


def client(base: str, queries: list[str], deadline: float, offset: int, sent: list) -> None:
    n = offset
    while time.monotonic() < deadline:
        q = queries[n % len(queries)]
        with urllib.request.urlopen(f"{base}/api/search?{urllib.parse.urlencode({'q': q})}", timeout=30) as response:
            response.read()
        n += 1
    sent.append(n - offset)


def one_round(index: Path, logging: bool, seconds: int, clients: int, workers: int) -> tuple[float, int]:
    """(requests per second, requests sent) of one server run."""
    queries = [judged.q for judged in load_judgments() if judged.q.strip()]
    sent: list[int] = []
    with running_server(index, workers=workers, env={"FLASK_QUERY_LOG": "true" if logging else "false"}) as base:
        deadline = time.monotonic() + seconds
        threads = [threading.Thread(target=client, args=(base, queries, deadline, n * 7, sent)) for n in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return sum(sent) / seconds, sum(sent)


def thread_cpu(thread: threading.Thread | None) -> float:
    """CPU seconds a (live) thread has used; 0 for none."""
    if thread is None or not thread.is_alive():
        return 0.0
    return time.clock_gettime(time.pthread_getcpuclockid(thread.ident))


def cpu_rounds(index: Path, rounds: int, batch: int) -> tuple[list[float], list[float], int]:
    """CPU microseconds per search with the log off and on, per round, and the searches not logged."""
    queries = [judged.q for judged in load_judgments() if judged.q.strip()]
    apps = {logging: create_app({"INDEX_DIR": str(index), "QUERY_LOG": logging}) for logging in (False, True)}
    clients = {logging: app.test_client() for logging, app in apps.items()}
    for client in clients.values():  # warm: word data, postings, the result cache
        for q in queries:
            client.get("/api/search", query_string={"q": q})
    querylog = apps[True].extensions["querylog"]
    writer_before = thread_cpu(querylog.writer)
    per_search: dict[bool, list[float]] = {False: [], True: []}
    sent = 0
    for n in range(rounds):
        for logging in (False, True):
            start = time.thread_time()
            for i in range(batch):
                clients[logging].get("/api/search", query_string={"q": queries[(n * batch + i) % len(queries)]})
            per_search[logging].append(time.thread_time() - start)
            sent += batch if logging else 0
    while querylog.pending():  # the writer's last batch taken ...
        time.sleep(0.05)
    time.sleep(0.5)  # ... and written, before its CPU time is read
    writer_cpu = thread_cpu(querylog.writer) - writer_before
    querylog.close()
    with sqlite3.connect(log_path(index)) as connection:
        logged = connection.execute("SELECT SUM(searches) FROM searches").fetchone()[0] - len(queries)
    writer_share = writer_cpu / rounds
    click.echo(f"writer thread: {1e3 * writer_cpu:.0f} ms CPU in all for {sent} searches logged")
    off = [1e6 * cpu / batch for cpu in per_search[False]]
    on = [1e6 * (cpu + writer_share) / batch for cpu in per_search[True]]
    return off, on, sent - logged


def full_log(path: Path, days: int, per_day: int) -> str:
    """A log of ``days`` days of ``per_day`` queries; returns the first day whose rare rows the prune merges."""
    today = datetime.date.today()
    frequent = per_day // 5
    with contextlib.closing(connect(path)) as connection:
        connection.execute("BEGIN")
        for back in range(days):
            day = (today - datetime.timedelta(days=back)).isoformat()
            connection.executemany(
                "INSERT INTO searches VALUES (?, ?, 1, 0, 0, 0, 0, 1, 0)",
                ((day, f"vanlig {n}" if n < frequent else f"ovanlig {back} {n}") for n in range(per_day)),
            )
        connection.execute("COMMIT")
    return (today - datetime.timedelta(days=RARE_DAYS)).isoformat()


def other_worker(path: Path, stop: threading.Event, waits: list[float]) -> None:
    """Write a row every 10 ms in a transaction of its own, as another worker's batch; note how long each took."""
    with contextlib.closing(sqlite3.connect(path, timeout=120, isolation_level=None)) as connection:
        n = 0
        while not stop.is_set():
            start = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT OR REPLACE INTO counts VALUES ('other', ?)", (n,))
            connection.execute("COMMIT")
            waits.append(time.perf_counter() - start)
            n += 1
            time.sleep(0.01)


def prune_waits(days: int, per_day: int) -> None:
    """The first prune of a full log, timed, and what it made another worker's writes wait."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "log.sqlite3"
        before = full_log(path, days, per_day)
        querylog, stop, waits = QueryLog(path, days), threading.Event(), []
        other = threading.Thread(target=other_worker, args=(path, stop, waits))
        rare_left = "SELECT 1 FROM searches WHERE day < ? AND query LIKE 'ovanlig %' LIMIT 1"
        with contextlib.closing(sqlite3.connect(path, timeout=120)) as reader:
            other.start()
            start, n = time.perf_counter(), 0
            while reader.execute(rare_left, (before,)).fetchone() and time.perf_counter() - start < 600:
                querylog.put(("search", datetime.date.today().isoformat(), f"sökning {n}", 1, False, False, (), False))
                n += 1
                time.sleep(0.1)
            took = time.perf_counter() - start
        stop.set()
        other.join()
        querylog.close()
    waits.sort()
    click.echo(f"log: {days} days of {per_day} queries ({days * per_day:,} rows); the first prune took {took:.1f} s")
    click.echo(
        f"another worker's {len(waits)} writes meanwhile: median {1e3 * statistics.median(waits):.1f} ms, "
        f"p99 {1e3 * waits[int(0.99 * (len(waits) - 1))]:.1f} ms, longest {1e3 * waits[-1]:.0f} ms"
    )


@click.command()
@click.option("--rounds", default=5, show_default=True, type=click.IntRange(1, 50), help="Rounds per setting.")
@click.option("--seconds", default=5, show_default=True, type=click.IntRange(1, 120))
@click.option("--clients", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 16))
@click.option("--batch", default=2000, show_default=True, type=click.IntRange(10, 100_000), help="CPU rounds.")
@click.option("--prune-days", default=0, type=click.IntRange(0, 3650), help="Measure the first prune of a full log.")
@click.option("--per-day", default=3000, show_default=True, type=click.IntRange(1, 10_000), help="With --prune-days.")
def main(rounds: int, seconds: int, clients: int, workers: int, batch: int, prune_days: int, per_day: int):
    """Measure search throughput with the query log on and off (or, with --prune-days, the first prune's cost)."""
    if prune_days:
        prune_waits(prune_days, per_day)
        return 0
    rates = {False: [], True: []}
    lost = 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(shutil.copytree(REPO / "corpus", Path(tmp) / "corpus"))
        index = Path(tmp) / "index"
        assert indexer("build", "--corpus", str(corpus), "--index", str(index)).returncode == 0
        for n in range(rounds):
            for logging in (False, True):
                log = log_path(index)
                for path in log.parent.glob(log.name + "*"):
                    path.unlink()
                rate, sent = one_round(index, logging, seconds, clients, workers)
                rates[logging].append(rate)
                line = f"round {n + 1}, log {'on ' if logging else 'off'}: {rate:7.0f} requests/s"
                if logging:
                    with sqlite3.connect(log) as connection:
                        counts = dict(connection.execute("SELECT name, value FROM counts"))
                        searches = connection.execute("SELECT SUM(searches) FROM searches").fetchone()[0]
                    lost += sent - searches
                    line += (
                        f"; sent {sent}, logged {searches}, written {counts['written']}, dropped {counts['dropped']}"
                    )
                click.echo(line)
    off, on = statistics.median(rates[False]), statistics.median(rates[True])
    click.echo(
        f"median requests/s: log off {off:.0f}, log on {on:.0f}; cost {100 * (off - on) / off:+.1f}% "
        f"({rounds} rounds of {seconds} s, {clients} clients, {workers} workers)"
    )
    click.echo(f"searches sent but not in the log: {lost}")
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        assert indexer("build", "--corpus", str(REPO / "corpus"), "--index", str(index)).returncode == 0
        off_cpu, on_cpu, cpu_lost = cpu_rounds(index, rounds, batch)
    for n, (a, b) in enumerate(zip(off_cpu, on_cpu, strict=True)):
        click.echo(f"CPU round {n + 1}: {a:6.0f} µs per search with the log off, {b:6.0f} µs on")
    a, b = statistics.median(off_cpu), statistics.median(on_cpu)
    click.echo(
        f"median CPU per search: log off {a:.0f} µs, log on {b:.0f} µs (the writer thread's included): "
        f"cost {100 * (b - a) / a:+.1f}% of throughput ({rounds} rounds of {batch} searches, one process)"
    )
    click.echo(f"CPU rounds: searches not in the log: {cpu_lost}")
    lost += cpu_lost
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main(standalone_mode=False))
