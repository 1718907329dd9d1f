"""Building an index with every core: pages read in a pool, one Whoosh segment per worker.

Reading (parsing the HTML, describing the sections) is cut into contiguous runs
of pages, one per worker process (``in_runs``); the documents come back in
page order.

Most of a build is the Swedish analysis and Whoosh's writing of postings, both
pure Python, so one process uses one core. The documents are cut into as
many contiguous runs as there are workers; each worker (a forked process: it
shares the parent's documents and loaded word data, nothing is pickled to it)
analyses and writes its run as a segment of the new index, and returns only
the segment's description. The parent then commits one table of contents
listing the segments in run order, as Whoosh's own multi-process writer does
with ``multisegment=True``, so document numbers follow the corpus order just
as in a one-process build, and search results are the same.

Nothing is merged afterwards (a merge would rewrite every posting in one
process). A failure in any worker raises in the parent before the table of
contents is written: the generation is never published.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

#: Below this many documents one process is as fast (forking costs more than it saves).
PARALLEL_FROM = 1000

#: The writing buffer of the whole build, shared out among the workers.
LIMIT_MB = 128

#: How often (documents) a worker reports its progress.
REPORT_EVERY = 100


def workers_for(documents: int) -> int:
    """How many processes write ``documents``: one per core, one for a small corpus."""
    return max(1, min(os.cpu_count() or 1, documents // PARALLEL_FROM))


def in_runs(function: Callable, items: list, workers: int, *args) -> list:
    """``function(run, *args)`` for ``workers`` contiguous runs of ``items``, in worker
    processes, the results in run order (one run, in this process, for one worker)."""
    if workers <= 1 or len(items) < 2:
        return [function(items, *args)]
    runs = [items[start:end] for start, end in _runs(len(items), workers)]
    with multiprocessing.get_context("fork").Pool(len(runs)) as pool:
        return pool.starmap(function, [(run, *args) for run in runs])


def write_segments(
    folder: Path, schema, count: int, fields_of: Callable[[int], dict], workers: int, progress: Callable | None = None
) -> None:
    """Write ``count`` documents (``fields_of(n)``: the index fields of the n-th) as
    ``workers`` segments of a new index in the empty ``folder``."""
    ix = whoosh_index.create_in(str(folder), schema)
    context = multiprocessing.get_context("fork")
    done = context.Value("i", 0)
    runs = _runs(count, workers)
    pipes, processes = [], []
    for start, end in runs:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_write_run, args=(ix, fields_of, start, end, workers, send, done))
        process.start()
        send.close()
        pipes.append(receive)
        processes.append(process)
    try:
        segments = _collect(pipes, processes, done, count, progress)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
    writer = SegmentWriter(ix, limitmb=1)  # adds nothing: commits the workers' segments, in order
    writer._close_segment()
    writer._commit_toc(segments)
    writer._finish()


def _runs(count: int, workers: int) -> list[tuple[int, int]]:
    size = -(-count // workers)
    return [(start, min(count, start + size)) for start in range(0, count, size)]


def _write_run(ix, fields_of, start: int, end: int, workers: int, send, done) -> None:
    """In a worker: write documents ``start:end`` as one segment, send its description."""
    try:
        writer = SegmentWriter(ix, _lk=False, limitmb=max(16, LIMIT_MB // workers), compound=False)
        for n in range(start, end):
            writer.add_document(**fields_of(n))
            if (n - start + 1) % REPORT_EVERY == 0:
                with done.get_lock():
                    done.value += REPORT_EVERY
        send.send(("segment", writer._finalize_segment()))
    except BaseException as error:  # sent to the parent, which raises it
        send.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        send.close()


def _collect(pipes, processes, done, total: int, progress) -> list:
    """Each run's segment, in run order; raises if a worker failed or died."""
    results: dict[int, object] = {}
    while len(results) < len(pipes):
        for n, pipe in enumerate(pipes):
            if n in results or not pipe.poll(0.05):
                continue
            try:
                kind, value = pipe.recv()
            except EOFError:
                raise RuntimeError(f"an indexing worker died (exit code {processes[n].exitcode})") from None
            if kind == "error":
                raise RuntimeError(f"an indexing worker failed: {value}")
            results[n] = value
        if progress:
            progress(min(done.value, total), total)
        time.sleep(0.05)
    if progress:
        progress(total, total)
    return [results[n] for n in range(len(pipes))]
