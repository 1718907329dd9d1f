"""The benchmark suite: ``python -m bench`` (not part of the test run).

    python -m bench [--sizes 1000,10000,20000,100000] [--queries 300] [--repeats 3] [--http-seconds 10]

Our service and a plain Whoosh ``LanguageAnalyzer("sv")`` setup, on the same
generated sections (``bench.generate``), in one run:

* **indexing**: ours is the real pipeline from HTML pages (parse, describe,
  Swedish analysis, write, fsync, publish); plain Whoosh indexes the same
  sections' title and text (no parsing) with region/kind/actor as ID fields.
  Sections/s, index size, peak memory of the indexing process.
* **search, in-process**: ours is the whole page search (top 10, all three
  facets with disjunctive counts, snippets, suggestion); plain Whoosh is top 10
  with its parser plus one ``groupedby`` facet (region). p50/p95/p99 over
  distinct realistic queries, never from a result cache: the first pass over a
  freshly opened generation (every word's postings read for the first time),
  then the median of ``--repeats`` further passes, and the first queries right
  after an update.
* **update** after a one-section change; **web worker memory** (RSS of each
  gunicorn worker after the queries); **cold start** (server start to the first
  answered search).
* **HTTP** through the production server, wrk on loopback: on the largest
  generated index, at 16 connections, distinct queries (each sent once: no
  result cache hits), 50 popular queries sent over and over (the result cache
  answers), and ``/api/healthz`` (the floor); on the bundled corpus with 1, 4
  and 16 connections, the 85 judged queries in turn.

The report is printed and written to ``bench/reports/DATE.md``, or ``DATE-b.md``, ``DATE-c.md`` … when the
day already has one (a report is never overwritten).
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import click
import whoosh
from whoosh import index as whoosh_index
from whoosh.qparser import MultifieldParser

from indexer.analysis import warm_up
from indexer.build import build
from indexer.store import IndexStore
from indexer.update import update
from testkit.server import free_port, get, running_server
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .analysis_cost import folder_size, percentile, realistic_queries
from .indexing import (
    MEMORY_SAMPLE_S,
    build_ours,
    build_plain_generated,
    in_fresh_process,
    sections_in,
    write_generated,
)
from .reindex import change_one_section
from .relevance import load_judgments

REPO = Path(__file__).resolve().parents[1]
AFTER_UPDATE_QUERIES = 50
HTTP_DISTINCT = 30_000  # more than 16 connections send in a run: no query is sent twice
HTTP_POPULAR = 50


# -- Searching ----------------------------------------------------------------


def distinct_queries(n: int, seed: int = 7) -> list[str]:
    """``n`` different realistic queries (``analysis_cost.realistic_queries`` repeats some)."""
    found, draw = {}, n
    while len(found) < n:
        found = dict.fromkeys(realistic_queries(draw, seed))
        draw *= 2
    return list(found)[:n]


def latencies(run, queries) -> list[float]:
    times = []
    for q in queries:
        start = time.perf_counter()
        run(q)
        times.append((time.perf_counter() - start) * 1000)
    return times


def ours_searcher(index: Path):
    """Our search on the current generation of ``index``, as a web worker serves it: with the word data
    loaded before the first search (``webapp.index.init_app`` does so at start; without it, the first
    query of a single-size run paid for loading it)."""
    warm_up()
    searcher = whoosh_index.open_dir(str(IndexStore(index).current())).searcher()
    postings = read_postings(searcher)
    return searcher, lambda q: search(searcher, SearchRequest(q=q), postings)


def plain_searcher(folder: Path):
    searcher = whoosh_index.open_dir(str(folder)).searcher()
    parser = MultifieldParser(["title", "text"], searcher.schema)

    def run(q):
        try:
            query = parser.parse(q)
        except Exception:  # the plain parser fails on some inputs
            return None
        results = searcher.search(query, limit=10, groupedby="region")
        return [hit["id"] for hit in results[:10]], results.groups("region")

    return searcher, run


def median_run(runs: list[list[float]]) -> list[float]:
    """The run whose p95 is the median of the runs' (the machine is shared: runs vary)."""
    return sorted(runs, key=lambda times: percentile(times, 95))[len(runs) // 2]


def summary(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} / {percentile(times, 95):.1f} / {percentile(times, 99):.1f}"


def worker_rss_mb(index: Path, queries: list[str]) -> list[tuple[float, float]]:
    """Serve ``index``, send the queries, read each worker's resident memory: (its own
    (anonymous) MB, file-backed MB). File-backed pages are the index files Whoosh maps:
    shared with the page cache, and given back by the kernel under pressure."""
    with running_server(index) as base:
        for q in queries:
            get(base, "/api/search", q=q)
        master = _server_pid(base)
        workers = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout.split()
        rss = []
        for pid in workers:
            status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
            rss.append((int(status["RssAnon"].split()[0]) / 1024, int(status["RssFile"].split()[0]) / 1024))
    return rss


def _server_pid(base: str) -> int:
    port = base.rsplit(":", 1)[1]
    out = subprocess.run(["pgrep", "-f", "--", f"--port {port}"], capture_output=True, text=True).stdout.split()
    return int(out[0])


def cold_start(index: Path) -> float:
    """Seconds from starting the server process to its first answered search."""
    port = free_port()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "webapp", "--port", str(port), "--workers", "2"],
        cwd=REPO,
        env={**os.environ, "FLASK_INDEX_DIR": str(index)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=hamn", timeout=2).read()
                return time.perf_counter() - start
            except OSError:
                time.sleep(0.02)
    finally:
        process.terminate()
        process.wait()


def measure_size(n: int, queries: list[str], tmp: Path, repeats: int) -> dict:
    corpus = tmp / f"corpus-{n}"
    index = tmp / f"ours-{n}" / "index"
    in_fresh_process(write_generated, n, corpus)
    ours_load = os.getloadavg()[0]
    ours = in_fresh_process(build_ours, corpus, index)  # as deployed: never forked from this process
    plain_load = os.getloadavg()[0]
    plain = in_fresh_process(build_plain_generated, n, tmp / f"plain-{n}")
    sections = sections_in(corpus, n)
    row = {
        "n": n,
        "sections": sections,
        "ours_rate": sections / ours.value["seconds"],
        "plain_rate": n / plain.value,
        "loads": (ours_load, plain_load),
        "ours_mb": folder_size(IndexStore(index).current()) / 2**20,
        "plain_mb": folder_size(tmp / f"plain-{n}") / 2**20,
        "ours_peak": ours.peak_pss_mb,
        "plain_peak": plain.peak_pss_mb,
    }
    searcher, run = ours_searcher(index)
    row["ours_first"] = latencies(run, queries)  # a fresh generation: every word read for the first time
    row["ours_warm"] = median_run([latencies(run, queries) for _ in range(repeats)])
    searcher.close()
    plain, run_plain = plain_searcher(tmp / f"plain-{n}")
    latencies(run_plain, queries)
    row["plain_warm"] = median_run([latencies(run_plain, queries) for _ in range(repeats)])
    plain.close()
    change_one_section(corpus)
    start = time.perf_counter()
    updated = update(corpus, index)
    row["update_s"] = time.perf_counter() - start
    row["update_changed"] = len(updated.changed)
    searcher, run = ours_searcher(index)
    row["ours_after_update"] = latencies(run, queries[:AFTER_UPDATE_QUERIES])
    searcher.close()
    row["worker_rss"] = worker_rss_mb(index, queries[:100])
    row["cold_start"] = cold_start(index)
    return row


# -- HTTP ---------------------------------------------------------------------


def wrk(base: str, paths: list[str], connections: int, seconds: int, tmp: Path) -> dict:
    listing = tmp / f"paths-{len(paths)}.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    threads = min(connections, 2)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(REPO / "bench" / "wrk_report.lua"),
            base,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "WRK_PATHS": str(listing), "WRK_THREADS": str(threads)},
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    return {key: float(value) for key, value in (item.split("=") for item in line.split()[1:])}


def measure_http(seconds: int, tmp: Path, workers: int) -> list[tuple]:
    corpus = Path(shutil.copytree(REPO / "corpus", tmp / "bundled"))
    index = tmp / "bundled-index" / "index"
    build(corpus, index)
    search_paths = ["/api/search?" + urllib.parse.urlencode({"q": judged.q}) for judged in load_judgments()]
    rows = []
    with running_server(index, workers=workers) as base:
        for connections in (1, 4, 16):
            rows.append(("search API", connections, wrk(base, search_paths, connections, seconds, tmp)))
            rows.append(("/api/healthz (floor)", connections, wrk(base, ["/api/healthz"], connections, seconds, tmp)))
    return rows


def measure_http_generated(index: Path, seconds: int, tmp: Path, workers: int) -> list[tuple]:
    """At 16 connections on a generated index: distinct queries (a fresh server, each query
    sent once, so the result cache never answers), popular queries (the cache answers
    nearly all), and the floor."""
    distinct = ["/api/search?" + urllib.parse.urlencode({"q": q}) for q in distinct_queries(HTTP_DISTINCT, seed=11)]
    popular = distinct[:HTTP_POPULAR]
    rows = []
    with running_server(index, workers=workers) as base:
        rows.append(
            (
                "search API, distinct queries (no cache hits)",
                distinct,
                wrk(base, distinct[HTTP_POPULAR:], 16, seconds, tmp),
            )
        )
        for path in popular:  # into both workers' caches
            for _ in range(workers * 2):
                get(base, path)
        rows.append(
            (f"search API, {HTTP_POPULAR} popular queries (cached)", popular, wrk(base, popular, 16, seconds, tmp))
        )
        rows.append(("/api/healthz (floor)", ["/api/healthz"], wrk(base, ["/api/healthz"], 16, seconds, tmp)))
    return [
        (name, 16, {**result, "repeats": max(0.0, result["requests"] - len(paths))}) for name, paths, result in rows
    ]


# -- Report -------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = (
        int(
            next(
                line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
            ).split()[1]
        )
        / 2**20
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GB, Python {platform.python_version()}, "
        f"Whoosh {whoosh.versionstring()}, {platform.system()} {platform.release()}; a shared machine"
    )


def report(rows: list[dict], http: list[tuple], http_generated: list[tuple], queries: int, repeats: int) -> str:
    lines = [
        f"# Benchmark {time.strftime('%Y-%m-%d')}",
        "",
        f"Machine: {machine()}.",
        "",
        f"Generated Swedish sections (`bench/generate.py`), {queries} distinct realistic queries "
        "(`bench/analysis_cost.py`), never answered from the result cache.",
        "",
        "## Indexing",
        "",
        "| sections | ours sections/s | plain sections/s | ours / plain speed | ours MB | plain MB "
        "| ours peak MB | plain peak MB | load at start: ours, plain |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['sections']:,} | {r['ours_rate']:.0f} | {r['plain_rate']:.0f} "
            f"| {r['ours_rate'] / r['plain_rate']:.2f} | {r['ours_mb']:.0f} | {r['plain_mb']:.0f} "
            f"| {r['ours_peak']:.0f} | {r['plain_peak']:.0f} | {r['loads'][0]:.1f}, {r['loads'][1]:.1f} |"
        )
    lines += [
        "",
        "Ours is the whole pipeline from HTML pages (parse, describe, collapse near-duplicates, analyze, "
        "write, fsync) with one worker process per core, each reading and writing its own pages; plain "
        "Whoosh indexes the same sections' text without parsing, in one process. Each build runs in a fresh "
        "interpreter, never forked from the benchmark (`bench/indexing.py`). Peak memory: the PSS of the "
        f"indexing process and its workers, summed, sampled every {MEMORY_SAMPLE_S} s. Load: the "
        "machine's one-minute load average when the build started (2 cores).",
        "",
        "## Search in-process, p50 / p95 / p99 ms",
        "",
        "| sections | ours: full page search | ours: first pass on a fresh generation "
        "| ours: right after an update | plain: top 10 + region facet | ours p95 / plain p95 |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        ratio = percentile(r["ours_warm"], 95) / percentile(r["plain_warm"], 95)
        lines.append(
            f"| {r['sections']:,} | {summary(r['ours_warm'])} | {summary(r['ours_first'])} "
            f"| {summary(r['ours_after_update'])} | {summary(r['plain_warm'])} | {ratio:.2f} |"
        )
    lines += [
        "",
        f"Ours: top 10, three facets with disjunctive counts, snippets, suggestion; the run with the "
        f"median p95 of {repeats} passes over the queries (the first pass on a fresh generation reads each "
        f"word's postings for the first time and is shown apart). The first {AFTER_UPDATE_QUERIES} queries "
        "after an update run on a freshly opened generation. Plain: the run with the median p95 of "
        f"{repeats}.",
        "",
        "## Update, memory, cold start",
        "",
        "| sections | update after a one-section change s | sections rewritten "
        "| web worker memory MB: own + mapped index files | cold start s |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        rss = ", ".join(f"{own:.0f} + {mapped:.0f}" for own, mapped in r["worker_rss"])
        lines.append(
            f"| {r['sections']:,} | {r['update_s']:.2f} | {r['update_changed']} | {rss} | {r['cold_start']:.2f} |"
        )
    largest = rows[-1]["sections"] if rows else 0
    lines += [
        "",
        f"## HTTP, {largest:,} generated sections, production server on loopback (wrk)",
        "",
        "| endpoint | connections | requests/s | p50 ms | p95 ms | p99 ms | requests | repeated | errors | non-2xx |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, connections, r in http_generated:
        lines.append(
            f"| {name} | {connections} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['p99']:.1f} | {r['requests']:.0f} | {r['repeats']:.0f} | {r['errors']:.0f} "
            f"| {r['non2xx']:.0f} |"
        )
    lines += [
        "",
        "Repeated: requests beyond the number of distinct paths (0 for the distinct queries: "
        "none came from the result cache).",
        "",
        "## HTTP, bundled corpus, production server on loopback (wrk)",
        "",
        "| endpoint | connections | requests/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, connections, r in http:
        lines.append(
            f"| {name} | {connections} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} "
            f"| {r['errors']:.0f} | {r['non2xx']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def new_report_path(folder: Path, day: str) -> Path:
    """``folder/DAY.md``, else the first of ``DAY-b.md``, ``DAY-c.md`` … not yet written."""
    for suffix in ["", *(f"-{letter}" for letter in "bcdefghijklmnopqrstuvwxyz")]:
        if not (path := folder / f"{day}{suffix}.md").exists():
            return path
    raise click.ClickException(f"{folder}: every report name of {day} is taken")


@click.command()
@click.option("--sizes", default="1000,10000,20000,100000", show_default=True, help="Comma-separated section counts.")
@click.option("--queries", "n_queries", default=300, show_default=True, help="Distinct queries per pass.")
@click.option("--repeats", default=3, show_default=True, help="Passes over the queries (the median is reported).")
@click.option("--http-seconds", default=10, show_default=True)
@click.option("--workers", default=2, show_default=True, help="gunicorn workers for the HTTP runs.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the report (default bench/reports/DATE.md, never over an existing one).",
)
def main(sizes: str, n_queries: int, repeats: int, http_seconds: int, workers: int, report_path: Path | None):
    """Run every benchmark and write the dated report."""
    if shutil.which("wrk") is None:
        raise click.ClickException("wrk is needed for the HTTP runs: apt-get install wrk")
    queries = distinct_queries(n_queries)
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for n in (int(s) for s in sizes.split(",")):
            click.echo(f"measuring {n:,} sections...", err=True)
            rows.append(measure_size(n, queries, Path(tmp), repeats))
        click.echo("measuring HTTP...", err=True)
        largest = Path(tmp) / f"ours-{int(sizes.split(',')[-1])}" / "index"
        http_generated = measure_http_generated(largest, http_seconds, Path(tmp), workers)
        http = measure_http(http_seconds, Path(tmp), workers)
    text = report(rows, http, http_generated, n_queries, repeats)
    report_path = report_path or new_report_path(REPO / "bench" / "reports", time.strftime("%Y-%m-%d"))
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(text, encoding="utf-8")
    click.echo(text)


if __name__ == "__main__":
    main()
