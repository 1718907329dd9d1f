"""Start the real production server (``python -m webapp``) as a process, for tests."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from indexer.cli import DEFAULT_INDEX

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, timeout: float = 10, **params):
    """(status, content type, body) of a GET; HTTP errors are answers too."""
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get_content_type(), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode("utf-8")


def post(base: str, path: str, headers: dict, timeout: float = 10) -> int:
    """The status of a POST with no body; HTTP errors are answers too."""
    request = urllib.request.Request(base + path, data=b"", headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def post_json(base: str, path: str, headers: dict, timeout: float = 10, body: dict | None = None):
    """(status, JSON answer) of a POST of ``body`` as JSON (none: no body); HTTP errors are answers too."""
    data = json.dumps(body).encode() if body is not None else b""
    headers = {**headers, "Content-Type": "application/json"} if body is not None else headers
    request = urllib.request.Request(base + path, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get_json(base: str, path: str, **params):
    status, _, body = get(base, path, **params)
    return status, json.loads(body)


@contextlib.contextmanager
def running_server(index: Path | None, workers: int = 2, env: dict | None = None, cwd: Path = REPO):
    """The production server on a free loopback port, serving ``index`` (relative to ``cwd``,
    the folder it runs in, if relative; None: its default, ``instance/index`` there); yields its base URL.

    Its log goes to ``server.log`` beside the index (never to an unread pipe, which
    would block a server that logs much)."""
    port = free_port()
    log_path = (cwd / (index or DEFAULT_INDEX)).parent / "server.log"
    log = open(log_path, "wb")
    index_dir = {} if index is None else {"FLASK_INDEX_DIR": str(index)}
    process = subprocess.Popen(
        [sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env={**{k: v for k, v in os.environ.items() if k != "FLASK_INDEX_DIR"}, **index_dir, **(env or {})},
        cwd=cwd,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        with serving(process, f"http://127.0.0.1:{port}", log_path) as base:
            yield base
    finally:
        log.close()


@contextlib.contextmanager
def serving(process: subprocess.Popen, base: str, log_path: Path):
    """Wait until the server ``process`` answers at ``base`` (its output in ``log_path``, quoted if it never
    does), yield ``base``, then stop it."""
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(base, "/api/readyz", timeout=2)  # opens the index as a search does, but counts as none
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    raise RuntimeError("server did not start: " + log_path.read_text()) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def indexer(*args: str, cwd: Path = REPO, **kwargs) -> subprocess.CompletedProcess:
    """Run ``python -m indexer`` to completion, in the folder ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args], cwd=cwd, capture_output=True, text=True, timeout=120, **kwargs
    )


@contextlib.contextmanager
def serving_corpus(corpus: Path, folder: Path, env: dict | None = None):
    """Build ``corpus`` with the CLI into ``folder`` and serve it with the production server."""
    index = folder / "index"
    built = indexer("build", "--corpus", str(corpus), "--index", str(index))
    assert built.returncode == 0, built.stderr
    with running_server(index, env=env) as base:
        yield base
