"""Indexing measured as it runs: every build in a fresh interpreter, its memory its own.

    python -m bench.indexing [--sections 20000] [--plain]

A build is started as a deployment starts one, in a process of its own (a fresh
interpreter: multiprocessing's ``spawn``), never forked from the benchmark. A
forked child shares its parent's memory pages (the generated documents, the
indexes searched at the smaller sizes, the word caches those searches filled),
and PSS counts a share of each as the child's: report 2026-11-27 (c) said
1,110 MB for a build of 105,000 sections that takes 923 MB run alone. The
build's own workers are forked from it, as in production.

Peak memory is given two ways:

* **PSS**: the proportional set size of the build process and its workers,
  summed, sampled every ``MEMORY_SAMPLE_S``: pages they share (the word data the
  workers inherit) count once. What the machine must hold.
* **RSS**: each process's high-water mark as the kernel keeps it (``getrusage``,
  exact, not sampled): the build process, and the largest of its workers.

It also prints the build's CPU time (the process and its workers): on a shared
machine, the figure that other people's work does not lengthen.

The generated corpus (``bench.generate``) is written by a process of its own
first. ``--plain`` also indexes the same sections with plain Whoosh
(``LanguageAnalyzer("sv")``, text only, no parsing, one process), for the speed
ratio the README's targets give; ``python -m bench`` measures its indexing
table with these same functions.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click
from whoosh import index as whoosh_index
from whoosh.analysis import LanguageAnalyzer
from whoosh.fields import ID, TEXT, Schema

from indexer.analysis import warm_up
from indexer.build import build

from .generate import documents, write_pages

MEMORY_SAMPLE_S = 0.25


@dataclass(frozen=True)
class Run:
    """One measured run: what the function returned, and the peak PSS (MB) of its process tree."""

    value: object
    peak_pss_mb: float


def in_fresh_process(function, *args) -> Run:
    """``function(*args)`` in a fresh interpreter (``function`` must be importable by name)."""
    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_send_result, args=(child, function, args))
    process.start()
    child.close()
    peak = 0.0
    while not parent.poll(MEMORY_SAMPLE_S):
        if not process.is_alive():
            raise RuntimeError(f"{function.__name__} died (exit code {process.exitcode})")
        peak = max(peak, tree_pss_mb(process.pid))
    value = parent.recv()
    process.join()
    return Run(value, peak)


def _send_result(pipe, function, args) -> None:
    pipe.send(function(*args))


def tree_pss_mb(root: int) -> float:
    """The proportional set size of a process and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += int(next(line for line in rollup.splitlines() if line.startswith("Pss:")).split()[1])
        todo += children.get(pid, [])
    return total / 1024


# -- What runs in the fresh processes -----------------------------------------


def write_generated(n: int, corpus: Path) -> None:
    write_pages(documents(n), corpus)


def build_ours(corpus: Path, index: Path) -> dict:
    """The build as ``python -m indexer build`` runs it, timed once the word data is loaded;
    the peak RSS (MB) of this process and of its largest worker."""
    warm_up()
    cpu, start = _cpu_s(), time.perf_counter()
    build(corpus, index)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "cpu_s": _cpu_s() - cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _cpu_s() -> float:
    """CPU seconds (user and system) of this process and its finished workers."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def build_plain_generated(n: int, folder: Path) -> float:
    """Plain Whoosh over the same generated documents, made in this process (not timed)."""
    return build_plain(documents(n), folder)


def build_plain(docs, folder: Path) -> float:
    analyzer = LanguageAnalyzer("sv")
    schema = Schema(
        id=ID(stored=True),
        title=TEXT(analyzer, stored=True),
        text=TEXT(analyzer, stored=True),
        region=ID(stored=True, sortable=True),
        kind=ID(stored=True),
        actor=ID(stored=True),
    )
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), schema)
    start = time.perf_counter()
    with ix.writer(limitmb=128) as writer:
        for d in docs:
            writer.add_document(id=d.id, title=d.title, text=d.text, region=d.region, kind=d.kind, actor=d.actor)
    return time.perf_counter() - start


def sections_in(corpus: Path, generated: int) -> int:
    """The sections a build of a generated corpus indexes: the generated ones and a lead section per page."""
    return sum(1 for _ in corpus.glob("*.html")) + generated


# -- The command --------------------------------------------------------------


@click.command()
@click.option("--sections", default=20_000, show_default=True, help="Generated sections (and a lead section per page).")
@click.option("--plain", is_flag=True, help="Also index them with plain Whoosh, for the speed ratio.")
def main(sections: int, plain: bool):
    """Build a generated corpus in a fresh process; print its time and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        in_fresh_process(write_generated, sections, corpus)
        load = os.getloadavg()[0]
        ours = in_fresh_process(build_ours, corpus, Path(tmp) / "index")
        count = sections_in(corpus, sections)
        built = ours.value
        rate = count / built["seconds"]
        click.echo(
            f"ours: {count:,} sections in {built['seconds']:.1f} s ({rate:.0f}/s; CPU {built['cpu_s']:.0f} s), "
            f"peak PSS {ours.peak_pss_mb:.0f} MB (build and workers), peak RSS {built['rss_mb']:.0f} MB "
            f"(build), {built['worker_rss_mb']:.0f} MB (largest worker); load at start {load:.1f}"
        )
        if plain:
            load = os.getloadavg()[0]
            run = in_fresh_process(build_plain_generated, sections, Path(tmp) / "plain")
            plain_rate = sections / run.value
            click.echo(
                f"plain: {sections:,} sections in {run.value:.1f} s ({plain_rate:.0f}/s), "
                f"peak PSS {run.peak_pss_mb:.0f} MB; load at start {load:.1f}"
            )
            click.echo(f"ours / plain speed: {rate / plain_rate:.2f}")


if __name__ == "__main__":
    sys.exit(main())
