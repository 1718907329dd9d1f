"""The CMS webhook: ``POST /api/reindex`` starts an update, ``GET /api/reindex/status`` reports it.

Off unless ``REINDEX_TOKEN`` is set (the routes then answer 404, as if absent).
The token comes in the ``X-Reindex-Token`` header (or ``Authorization: Bearer``)
and is compared in constant time. The update runs as its own process,
``python -m indexer update``, so a web worker never writes the index itself and
a restarted worker does not kill it. One update at a time: a call while one
runs gets 409; the indexer's lock serialises anything that slips between.
The status reads "queued" from the call until the indexer reports "running",
then "done" (with the summary) or "failed".
"""

from __future__ import annotations

import hmac
import subprocess
import sys
import threading
import time
from pathlib import Path

from flask import Blueprint, abort, current_app, jsonify, request, url_for

from indexer.store import IndexBusy, IndexStore

from .errors import error_response

bp = Blueprint("reindex", __name__, url_prefix="/api/reindex")


def _authorised() -> bool:
    token = current_app.config.get("REINDEX_TOKEN")
    if not token:
        abort(404)
    given = request.headers.get("X-Reindex-Token") or request.headers.get("Authorization", "").removeprefix("Bearer ")
    return hmac.compare_digest(given.encode("utf-8"), str(token).encode("utf-8"))


def _store() -> IndexStore:
    return IndexStore(Path(current_app.config["INDEX_DIR"]))


@bp.post("")
def start():
    if not _authorised():
        return error_response("Fel eller saknad nyckel.", 401)
    store = _store()
    try:
        with store.lock(wait=False):
            pass
    except IndexBusy:
        return error_response("En uppdatering pågår redan.", 409)
    store.write_status(state="queued", command="update", requested=time.time())
    command = [sys.executable, "-m", "indexer", "update",
               "--corpus", str(current_app.config["CORPUS_DIR"]), "--index", str(store.path)]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    threading.Thread(target=process.wait, daemon=True).start()  # reap it when it ends
    return jsonify(state="started", status_url=url_for("reindex.status")), 202


@bp.get("/status")
def status():
    if not _authorised():
        return error_response("Fel eller saknad nyckel.", 401)
    return jsonify(_store().read_status() or {"state": "none"})
