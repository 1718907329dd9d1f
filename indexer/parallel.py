"""Building an index with every core: each worker process reads, then writes, its own pages.

Most of a build is parsing HTML, the Swedish analysis and Whoosh's writing of
postings, all pure Python, so one process uses one core. The corpus's pages
are cut into as many contiguous runs as there are workers (``Workers``:
forked processes; each shares the parent's loaded word data, and is given the
paths of its pages, never their contents). A build asks the workers in phases,
and each worker keeps what it read from one phase to the next
(``indexer/build.py``):

1. **read**: a worker parses and describes its pages and keeps the sections;
   it sends back only what must be seen for the whole corpus at once: each
   section without its text, and its near-duplicate print;
2. the parent collapses near-duplicates over all of them;
3. **write**: each worker leaves out the copies among its sections, analyses
   the rest and writes them as one segment of the new index, and sends back
   only the segment's description.

The parent then commits one table of contents listing the segments in run
order, as Whoosh's own multi-process writer does with ``multisegment=True``,
so document numbers follow the corpus order just as in a one-process build,
and search results are the same. The sections' text is held once, by the
worker that read it (forked workers that read the parent's copy would each
copy every memory page they touch).

Nothing is merged afterwards (a merge would rewrite every posting in one
process). An error in a worker is raised in the parent, before the table of
contents is written: the generation is never published. A small corpus has
one worker: the calling process itself, through the same phases.

A worker never outlives its parent, however the parent ends (Ctrl-C, SIGTERM
from a deploy script, SIGKILL from the OOM killer): on Linux the kernel kills
it when the parent dies (``PR_SET_PDEATHSIG``); elsewhere it notices between
orders (its order pipe reaches its end, or its parent changed). Each pipe goes
one way, and a worker closes the ends it inherited, so only the parent holds
what a worker waits on. A worker never holds the index's lock either: the
store closes the inherited lock in every forked child (``store.py``).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Iterable, Iterator

from whoosh import index as whoosh_index

from .writer import SegmentWriter

#: Below this many documents one process is as fast (forking costs more than it saves).
PARALLEL_FROM = 1000

#: The writing buffer of the whole build, shared out among the workers.
LIMIT_MB = 64

#: How often (documents) a worker reports its progress.
REPORT_EVERY = 100

#: How long (seconds) the parent waits between looks at its workers.
POLL_S = 0.05

#: How often (seconds) an idle worker checks that its parent is alive.
PARENT_CHECK_S = 1.0

#: prctl(2): "send me this signal when my parent dies" (Linux).
PR_SET_PDEATHSIG = 1


def workers_for(documents: int) -> int:
    """How many processes build an index of ``documents``: one per core, one for a small corpus."""
    return max(1, min(os.cpu_count() or 1, documents // PARALLEL_FROM))


class WorkerError(RuntimeError):
    """A worker process died, or failed with an error that could not be sent back as it was."""


class Workers:
    """``count`` workers, the n-th owning the n-th contiguous run of ``items``.

    ``each(function, *args)`` runs ``function(state, *args)`` in every worker and returns the
    results in run order. ``state`` is the worker's own dict, alive until the workers stop:
    ``items`` (its run), ``tick`` (call it once per document done: the parent's ``progress``
    hears of it) and the ``shared`` values given here (read, never sent: a forked worker
    starts with them)."""

    def __init__(self, items: list, count: int, **shared):
        count = max(1, min(count, len(items)))
        self.states = [{**shared, "items": items[start:end]} for start, end in _runs(len(items), count)] or [
            {**shared, "items": []}
        ]
        self._context = multiprocessing.get_context("fork")
        self._orders: list = []  # the parent's end of each worker's order pipe
        self._answers: list = []  # the parent's end of each worker's answer pipe
        self._processes: list = []
        self._done = None

    def __enter__(self) -> Workers:
        if len(self.states) > 1:
            self._done = self._context.Value("i", 0)
            for state in self.states:
                orders, order = self._context.Pipe(duplex=False)  # (receiving end, sending end)
                answer, answers = self._context.Pipe(duplex=False)
                parents_ends = [*self._orders, *self._answers, order, answer]  # the worker closes them
                process = self._context.Process(
                    target=_serve, args=(orders, answers, parents_ends, state, self._done, os.getpid()), daemon=True
                )
                process.start()
                orders.close()
                answers.close()
                self._orders.append(order)
                self._answers.append(answer)
                self._processes.append(process)
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is not None:  # failed or interrupted: nothing to wait for (a worker may be mid-page)
            for process in self._processes:
                process.terminate()
        for order in self._orders:
            try:
                order.send(None)
            except OSError:  # the worker is gone already
                pass
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        for end in (*self._orders, *self._answers):
            end.close()

    def each(self, function: Callable, *args, progress: Callable | None = None, total: int = 0) -> list:
        """``function(state, *args)`` in every worker, the results in run order; ``progress(done, total)``
        hears of the documents done (the workers call ``state["tick"]``)."""
        if not self._processes:
            state = self.states[0]
            state["tick"] = _local_ticker(progress, total)
            return [function(state, *args)]
        with self._done.get_lock():
            self._done.value = 0
        for order in self._orders:
            order.send((function, args))
        results: dict[int, object] = {}
        while len(results) < len(self._answers):
            for n, answer in enumerate(self._answers):
                if n not in results and answer.poll(POLL_S):
                    results[n] = self._receive(n)
            if progress:
                progress(min(self._done.value, total), total)
        return [results[n] for n in range(len(self._answers))]

    def _receive(self, n: int):
        try:
            kind, value = self._answers[n].recv()
        except EOFError:
            raise WorkerError(f"an indexing worker died (exit code {self._processes[n].exitcode})") from None
        if kind == "error":
            raise value
        return value


def _runs(count: int, workers: int) -> list[tuple[int, int]]:
    size = -(-count // workers) if count else 1
    return [(start, min(count, start + size)) for start in range(0, count, size)]


def _local_ticker(progress: Callable | None, total: int) -> Callable[[], None]:
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, total)

    return tick


def _serve(orders, answers, parents_ends: list, state: dict, done, parent: int) -> None:
    """A worker's life: run what the parent sends, keep ``state``, send back each result or error;
    end when the parent says so or is gone."""
    _die_with_parent(parent)
    for end in parents_ends:
        end.close()
    count = 0

    def tick() -> None:
        nonlocal count
        count += 1
        if count % REPORT_EVERY == 0:
            with done.get_lock():
                done.value += REPORT_EVERY

    state["tick"] = tick
    while (order := _next_order(orders, parent)) is not None:
        function, args = order
        try:
            answer = ("result", function(state, *args))
        except BaseException as error:  # sent to the parent, which raises it
            answer = ("error", error)
        try:
            answers.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError):
            answers.send(("error", WorkerError(f"an indexing worker failed: {answer[1]!r}")))


def _next_order(orders, parent: int):
    """The parent's next order; None when it says stop, or when it is gone (the pipe's end, or a new parent)."""
    while not orders.poll(PARENT_CHECK_S):
        if os.getppid() != parent:
            return None
    try:
        return orders.recv()
    except EOFError:
        return None


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies, even while it works (Linux only:
    elsewhere ``_next_order`` notices between orders)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def write_segment(folder, documents: Iterable, fields_of: Callable, tick: Callable[[], None], workers: int):
    """Write ``documents`` (``fields_of(document)``: its index fields) as one new segment of the
    index in ``folder``; its description, for ``commit_segments`` (None for no documents)."""
    ix = whoosh_index.open_dir(str(folder))
    writer = SegmentWriter(ix, _lk=False, limitmb=max(16, LIMIT_MB // workers), compound=False)
    for document in documents:
        writer.add_document(**fields_of(document))
        tick()
    if writer.docnum == 0:  # its empty files are not in the table of contents, which removes them
        writer._close_segment()
        return None
    return writer._finalize_segment()


def released(items: list) -> Iterator:
    """Each item of the list, in order, the list letting go of it as it is given."""
    for n in range(len(items)):
        item, items[n] = items[n], None
        yield item


def commit_segments(folder, segments: list) -> None:
    """Commit the table of contents of the index in ``folder``: its segments, in this order."""
    ix = whoosh_index.open_dir(str(folder))
    writer = SegmentWriter(ix, limitmb=1)  # adds nothing: commits the workers' segments, in order
    writer._close_segment()
    writer._commit_toc([segment for segment in segments if segment is not None])
    writer._finish()
