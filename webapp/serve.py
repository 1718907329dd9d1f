"""Run the app under gunicorn.

Why gunicorn: search is CPU-bound Python, so one process uses one core (the
GIL). gunicorn's pre-forked worker processes use every core, and each worker
keeps its own long-lived index and searchers. Defaults: one worker per core,
each with a few threads for slow clients.

The app and the Swedish word data are loaded once, in the master process,
before the workers fork (``preload_app``): workers share that memory and answer
their first search without loading anything.
"""

from __future__ import annotations

import atexit
import errno
import html
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path

import click
from gunicorn import util as gunicorn_util
from gunicorn.app.base import BaseApplication
from gunicorn.config import KNOWN_SETTINGS
from gunicorn.workers.gthread import ThreadWorker

from indexer.cli import how_to_build
from indexer.store import IndexMissing, IndexUnreadable, IndexUnsafe

from . import create_app
from .errors import MESSAGES
from .index import LiveIndex
from .params import MAX_REQUEST_LINE
from .security import HEADERS
from .settings import SettingsError


class _Server(BaseApplication):
    def __init__(self, app, options: dict):
        self.application, self.options = app, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


class SecureWorker(ThreadWorker):
    """gunicorn's threaded worker, whose own error pages are Swedish and carry the security headers.

    A request gunicorn refuses itself (a request line past ``MAX_REQUEST_LINE``:
    414; a malformed request: 400) never reaches Flask, so gunicorn writes the
    answer with ``util.write_error``; the worker replaces that function with one
    that says it in the app's words (``errors.MESSAGES``) and adds ``security.HEADERS``.
    gunicorn has not read the path then, so the page cannot be JSON under /api/
    (the API description says so).
    """

    def init_process(self):
        gunicorn_util.write_error = write_error
        super().init_process()


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's error answer; ``mesg`` (its English detail, "Request Line is too large (8200 > 8190)") is
    for its log, not for visitors."""
    message = html.escape(MESSAGES.get(status_int, MESSAGES[400]))
    body = (
        f'<!doctype html><html lang="sv"><meta charset="utf-8"><title>{status_int} {message}</title>'
        f"<h1>{message}</h1></html>"
    ).encode()
    headers = {
        "Connection": "close",
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": str(len(body)),
        **HEADERS,
    }
    head = f"HTTP/1.1 {status_int} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    gunicorn_util.write_nonblock(sock, head.encode("latin-1") + b"\r\n" + body)


#: No access log: it would record visitors' addresses; gunicorn's own error log keeps neither an address nor a
#: request's text (``serverlog.py``; see the README's privacy note).
SERVER_OPTIONS = {
    "worker_class": "webapp.serve.SecureWorker",
    "logger_class": "webapp.serverlog.PrivateLogger",
    "accesslog": None,
    "errorlog": "-",
    "loglevel": "warning",
    "timeout": 30,
    "graceful_timeout": 10,
    "preload_app": True,
    "limit_request_line": MAX_REQUEST_LINE,
}
#: gunicorn 27's control socket is off: nothing here uses it, and its default path ($HOME/.gunicorn/gunicorn.ctl) is
#: outside the deployment and one for every server on the machine. Older gunicorn has none.
if "control_socket_disable" in {setting.name for setting in KNOWN_SETTINGS}:
    SERVER_OPTIONS["control_socket_disable"] = True


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=os.cpu_count() or 1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (one per core suits CPU-bound search).",
)
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Threads per worker.")
@click.option(
    "--check",
    is_flag=True,
    help="Only check the settings and that the address is free, then exit (./scripts/serve does, before indexing).",
)
def main(host: str, port: int, workers: int, threads: int, check: bool):
    """Serve the search page and API with gunicorn.

    Example: python -m webapp --host 127.0.0.1 --port 8000
    """
    use_multiprocess_metrics()
    try:
        app = create_app()
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    log_note = _query_log_problem(app.config)  # a path set on purpose that cannot be used: refused here
    check_address(host, port)
    if check:
        return
    try:
        LiveIndex(app.config["INDEX_DIR"]).store.current()
    except IndexUnsafe as error:
        raise click.ClickException(str(error)) from None
    except IndexUnreadable as error:  # damaged, or its generation deleted by hand: not "never built"
        raise click.ClickException(f"{error}: rebuild it with {how_to_build(app.config['INDEX_DIR'])}") from None
    except IndexMissing:
        raise click.ClickException(_no_index(app.config["INDEX_DIR"])) from None
    for note in [*missing_data(app.config), *([log_note] if log_note else [])]:
        click.echo(f"note: {note}", err=True)
    click.echo(f"Serving on http://{host}:{port}/ (index {app.config['INDEX_DIR']})")
    sys.argv = sys.argv[:1]  # gunicorn must not read our options
    _Server(app, {"bind": f"{host}:{port}", "workers": workers, "threads": threads, **SERVER_OPTIONS}).run()


def _query_log_problem(config) -> str | None:
    """A query log the app could not write or read: ``QUERY_LOG_FILE`` set to it is refused in one line (every
    search's entry would be dropped and /insikter answer 503); the default, beside a read-only index, is a note
    (a read-only deployment serves, unlogged)."""
    from . import querylog  # after use_multiprocess_metrics, as every module the app loads

    if not config["QUERY_LOG"]:
        return None
    path, chosen = querylog.configured_path(config), config["QUERY_LOG_FILE"] is not None
    reason = querylog.unusable(path, folder_made_later=not chosen)
    if reason is None:
        return None
    if chosen:
        raise click.ClickException(
            f"FLASK_QUERY_LOG_FILE: the query log {path} {reason}; name a file the server can write, or turn the"
            " log off with FLASK_QUERY_LOG=false"
        )
    return f"the query log {path} {reason}: searches are not logged (FLASK_QUERY_LOG=false turns it off on purpose)"


def check_address(host: str, port: int) -> None:
    """One line, before anything is loaded or built, when the server could not listen at ``host:port``: gunicorn
    would try five times a second for ten seconds and log each failure. The socket is opened as gunicorn opens its
    own (``SO_REUSEADDR``), so a port that a stopped server left in TIME_WAIT is free to both."""
    try:
        socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            reason = "is in use (another server?): choose another port with --port, as in ./scripts/serve --port 8080"
        elif error.errno == errno.EACCES:
            reason = (
                "may not be listened on by this user (ports below 1024 need privileges): choose another with --port"
            )
        else:
            reason = f"cannot be listened on ({error.strerror or error}): check --host"
        raise click.ClickException(f"{host}:{port} {reason}") from None


def _no_index(index_dir: str) -> str:
    """Where the index was looked for, and the command that builds it there."""
    return f"no search index at {Path(index_dir).absolute()}: run {how_to_build(index_dir)} first"


def missing_data(config) -> list[str]:
    """The editors' data the server reads that is missing, one line each: the corpus folder (the webhook's update
    reads it) and the editors' synonyms file (in it, by default; the shipped base list applies without it). An empty
    ``SYNONYMS_FILE`` means none, on purpose."""
    corpus, synonyms = Path(config["CORPUS_DIR"]), config["SYNONYMS_FILE"]
    notes = []
    if not corpus.is_dir():
        notes.append(f"no corpus folder at {corpus.absolute()} (CORPUS_DIR): the webhook's update has no pages to read")
    if synonyms and not Path(synonyms).is_file():
        notes.append(
            f"no synonyms file at {Path(synonyms).absolute()} (SYNONYMS_FILE): searches use the shipped base list alone"
        )
    return notes


def use_multiprocess_metrics() -> None:
    """Give the workers a fresh folder to count in, before anything imports prometheus_client (its
    multi-process mode is chosen at import). Removed when the server stops; a folder the operator set in
    ``PROMETHEUS_MULTIPROC_DIR`` is used as it is. Harmless when metrics are off: nothing writes there."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    folder = tempfile.mkdtemp(prefix="search-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    server_pid = os.getpid()  # workers are forked from this process and run its exit handlers too
    atexit.register(lambda: os.getpid() == server_pid and shutil.rmtree(folder, ignore_errors=True))
