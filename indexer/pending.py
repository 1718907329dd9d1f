"""What the CMS webhook asked for and no run has taken yet: the pending set beside the index.

The webhook (``webapp/reindex.py``) never runs the indexer in the web process and never answers
"busy": each call adds what it asks for to the pending set, ``index.pending.json`` beside the
index, and starts a *runner*, ``python -m indexer reindex``, unless one is alive. The runner
takes everything pending and runs it (a crawl of the URLs named, then an update; or the whole
re-crawl or update a call without URLs asks for), then takes again, until nothing is left. So
a call that arrives while a run goes on is never dropped: one follow-up run takes what every
call made meanwhile asked for.

The file holds what is ``asked`` (a ``Request``: ``full``, a whole re-crawl, absorbs the URLs,
since it fetches every page; else the ``urls`` named, each once, in the order asked), how many
``calls`` and ``since`` when, what the runner has ``taken`` and is running, and the ``runner``'s
pid. Every read-change-write holds the lock file ``index.webhook.lock`` (threads and worker
processes alike) and every write is atomic (a temporary file, then a rename), so two calls never
lose each other's URLs. The runner lets go (``runner`` null) in the same locked step in which it
finds nothing left: a call sees either a runner that will still take its URLs, or none, and then
starts one.

The set is bounded: past ``MAX_PENDING_URLS`` distinct URLs waiting (a CMS that publishes its whole site page by
page, a migration, or a caller with the token naming 100,000 made-up pages), it asks for a whole re-crawl instead,
which fetches every page those URLs could name (only pages of the recorded crawl may be named) and is one flag, not
a list: the file, and the time each call takes to read and write it under the lock, stay small whatever is sent.
No call is refused for it: each is answered 202 as before, with a ``note`` that says the whole site will be crawled.

Nothing taken is lost either. A run that fails (the site cannot be reached) puts what it took
back, and so does a crawl of URLs for those that failed one by one (a 5xx, a timeout: their
stored copies are kept): the next call retries them. Nor does a failure leave the calls made
during the run waiting: the runner goes on with what they asked (and, with it, what failed),
and stops only when what is left is what failed in its own runs. A runner that died (killed, a reboot) left
its ``taken`` in the file; the next call or runner puts it back before anything else.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import recrawl
from .mirror import write_atomically
from .store import IndexStore, pid_alive

LOCK = "webhook.lock"  # beside the index: held while a call or the runner reads and changes the pending set
#: How many URLs one webhook call may name, and how long each may be (the OpenAPI description and the 422 say so).
MAX_URLS = 100
MAX_URL_CHARS = 2000
#: How many URLs may wait for a run; past that the pending set asks for the whole site instead (see the module).
MAX_PENDING_URLS = 1000


@dataclass(frozen=True)
class Request:
    """What to run: the whole site (``full``), or the pages at ``urls``."""

    full: bool = False
    urls: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.full or bool(self.urls)

    def merged(self, other: Request) -> Request:
        """Both asked at once: a whole re-crawl absorbs any URLs, and so does one asked for more than
        ``MAX_PENDING_URLS``."""
        urls = () if self.full or other.full else tuple(dict.fromkeys((*self.urls, *other.urls)))
        if self.full or other.full or len(urls) > MAX_PENDING_URLS:
            return Request(full=True)
        return Request(urls=urls)

    def within(self, other: Request) -> bool:
        """Whether running ``other`` runs everything this asks for."""
        return other.full or (not self.full and set(self.urls) <= set(other.urls))

    def as_json(self) -> dict:
        return {"full": self.full, "urls": list(self.urls)}

    @classmethod
    def from_json(cls, data: dict | None) -> Request:
        data = data or {}
        return cls(full=bool(data.get("full")), urls=tuple(str(url) for url in data.get("urls", [])))


@dataclass
class Pending:
    """The pending set as one file holds it."""

    asked: Request = field(default_factory=Request)
    calls: int = 0
    since: float | None = None
    taken: Request = field(default_factory=Request)
    runner: int | None = None

    def ask(self, request: Request) -> None:
        self.asked = self.asked.merged(request)
        self.calls += 1
        self.since = self.since or time.time()

    def runner_alive(self) -> bool:
        return self.runner is not None and pid_alive(self.runner)

    def recover(self) -> None:
        """What a runner that died had taken is asked again."""
        if self.taken:
            self.asked, self.taken = self.taken.merged(self.asked), Request()
            self.since = self.since or time.time()
        self.runner = None

    def take(self) -> Request:
        request, self.asked, self.taken = self.asked, Request(), self.asked
        self.calls, self.since = 0, None
        return request

    def put_back(self, request: Request) -> None:
        if request:
            self.asked = request.merged(self.asked)
            self.since = self.since or time.time()

    def summary(self) -> dict | None:
        """What waits for a run, as the status route shows it; None if nothing does."""
        if not self.asked:
            return None
        return {**self.asked.as_json(), "calls": self.calls, "since": self.since}

    def as_json(self) -> dict:
        return {
            "asked": self.asked.as_json(),
            "calls": self.calls,
            "since": self.since,
            "taken": self.taken.as_json(),
            "runner": self.runner,
        }


def path(store: IndexStore) -> Path:
    return store.path.with_name(f"{store.path.name}.pending.json")


def read(store: IndexStore) -> Pending:
    """The pending set; empty if there is none. One that cannot be read (edited by hand) asks for a whole
    re-crawl: what it held is not known, and a whole re-crawl fetches it whatever it was."""
    try:
        data = json.loads(path(store).read_text(encoding="utf-8"))
        return Pending(
            Request.from_json(data["asked"]),
            int(data.get("calls", 0)),
            data.get("since"),
            Request.from_json(data.get("taken")),
            data.get("runner"),
        )
    except FileNotFoundError:
        return Pending()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return Pending(Request(full=True), 1, time.time())


@contextlib.contextmanager
def changing(store: IndexStore):
    """The pending set, to read and change under the lock; written back (atomically) if the block ends well."""
    with store.lock(name=LOCK):
        pending = read(store)
        yield pending
        write_atomically(path(store), json.dumps(pending.as_json(), ensure_ascii=False).encode())


def command(corpus: Path) -> str:
    """What a run of the webhook's is in this corpus: "crawl" (then "update") where a crawl is recorded,
    else "update" (a corpus fed by hand: only an update, and no URL can be fetched)."""
    return "crawl" if recrawl.last_plan_recorded(corpus) else "update"


def queued(store: IndexStore, command: str, pid: int, request: Request) -> None:
    """The status of a run about to start: "queued", with the process that will run it and what it runs."""
    urls = {"urls": list(request.urls)} if request.urls else {}
    store.write_status(state="queued", command=command, requested=time.time(), pid=pid, **urls)


def drain(store: IndexStore, command: str, run: Callable[[Request], tuple[str, ...]]) -> None:
    """Take and run what is pending until nothing is (the runner).

    ``run`` runs one request and returns the URLs that failed: they stay pending for the next call.
    A run that raises puts back all it took. Either way the runner goes on with what other calls asked
    meanwhile, and stops once what is left is within what failed in its runs; the error of a last run
    that raised ends it (the command's exit). Another runner alive takes what is pending: then this one
    does nothing. An interrupt (Ctrl-C) puts back what was taken and ends the runner at once."""
    returned = Request()  # what failed in this runner's runs
    error: Exception | None = None  # of the last run, if it raised
    while True:
        with changing(store) as pending:
            if pending.runner != os.getpid() and pending.runner_alive():
                return
            pending.recover()  # a runner that died: what it took is asked again
            if not pending.asked or pending.asked.within(returned):
                break  # let go in this locked step: a call after it starts a new runner
            request = pending.take()
            pending.runner = os.getpid()
            queued(store, command, os.getpid(), request)
        try:
            failed, error = run(request), None
        except Exception as raised:
            _put_back(store, release=False)
            _failed_before_it_ran(store, command, raised)
            returned, error = returned.merged(request), raised
            continue
        except BaseException:
            _put_back(store, release=True)
            raise
        with changing(store) as pending:
            pending.taken = Request()
            pending.put_back(Request(urls=failed))
        returned = returned.merged(Request(urls=failed))
    if error is not None:
        raise error


def _put_back(store: IndexStore, release: bool) -> None:
    """What the runner took is asked again (a run that raised); ``release``: the runner lets go too."""
    with changing(store) as pending:
        pending.put_back(pending.taken)
        pending.taken = Request()
        if release:
            pending.runner = None


def _failed_before_it_ran(store: IndexStore, command: str, error: BaseException) -> None:
    """A run that failed before it held the lock (the recorded crawl cannot be read) wrote no status of its
    own: the status says why, not "queued" (which would read "interrupted" once the runner is gone)."""
    status = store.read_status() or {}
    if (status.get("state"), status.get("pid")) == ("queued", os.getpid()):
        store.write_status(state="failed", command=command, finished=time.time(), error=str(error) or repr(error))
