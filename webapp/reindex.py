"""The CMS webhook: ``POST /api/reindex`` starts an update, ``GET /api/reindex/status`` reports it.

What it starts depends on where the corpus's pages come from. A corpus a crawl filled
(its last crawl's settings are recorded, ``indexer/recrawl.py``) is crawled again and then
updated, ``python -m indexer crawl --update``: the edit an editor just published is on the
site, not in the corpus, and only a crawl fetches it. A corpus fed by hand (or by the CMS
writing files) is updated, ``python -m indexer update``. A corpus crawled before crawls were
recorded is updated too, and the answer's ``note`` says that nothing is fetched and how to
record the crawl.

Off unless ``REINDEX_TOKEN`` is set: the blueprint is registered only then (``create_app``), so the
routes answer 404 to every method, as if absent (a 405 would say they exist).
The token comes in the ``X-Reindex-Token`` header (or ``Authorization: Bearer``)
and is compared in constant time. The update runs as its own process,
``python -m indexer update``, so a web worker never writes the index itself and
a restarted worker does not kill it. One update at a time: calls decide one after
another (a lock file beside the index), and a call while an update is queued
or running gets 409. The status reads "queued" (with the new process's id)
from the call until the indexer reports "running", then "done" (with the
summary) or "failed"; a process that died without a word reads "interrupted".
"""

from __future__ import annotations

import hmac
import subprocess
import sys
import threading
import time
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request, url_for

from indexer import recrawl
from indexer.store import IndexStore

from .errors import error_response

bp = Blueprint("reindex", __name__, url_prefix="/api/reindex")

WEBHOOK_LOCK = "webhook.lock"  # beside the index: held while a call decides whether to start
NOT_RECORDED = (
    "{corpus} was crawled, but no crawl of it is recorded to run again: this update fetches nothing;"
    " run python -m indexer crawl --sitemap URL (or --start URL) once"
)


def _authorised() -> bool:
    token = str(current_app.config["REINDEX_TOKEN"])
    return hmac.compare_digest(_given_token().encode("utf-8"), token.encode("utf-8"))


def _given_token() -> str:
    """The token from ``X-Reindex-Token``, or from ``Authorization: Bearer`` (the scheme
    in any case, as RFC 7235 allows); a bare token without a scheme is not accepted."""
    if token := request.headers.get("X-Reindex-Token"):
        return token
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else ""


def _store() -> IndexStore:
    return IndexStore(Path(current_app.config["INDEX_DIR"]))


@bp.post("")
def start():
    if not _authorised():
        return error_response("Fel eller saknad nyckel.", 401)
    store = _store()
    # One call at a time decides (threads and workers alike): busy, or start and record it.
    with store.lock(name=WEBHOOK_LOCK):
        if store.busy():
            return error_response("En uppdatering pågår redan.", 409)
        corpus = Path(current_app.config["CORPUS_DIR"])
        command = ["crawl", "--update"] if recrawl.last_plan_recorded(corpus) else ["update"]
        process = subprocess.Popen(
            [sys.executable, "-m", "indexer", *command, "--corpus", str(corpus), "--index", str(store.path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        store.write_status(state="queued", command=command[0], requested=time.time(), pid=process.pid)
    threading.Thread(target=process.wait, daemon=True).start()  # reap it when it ends
    answer = {"state": "started", "command": command[0], "status_url": url_for("reindex.status")}
    if recrawl.crawled_without_settings(corpus):
        answer["note"] = NOT_RECORDED.format(corpus=corpus)
    return jsonify(answer), 202


@bp.get("/status")
def status():
    if not _authorised():
        return error_response("Fel eller saknad nyckel.", 401)
    return jsonify(_store().read_status() or {"state": "none"})
