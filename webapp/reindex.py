"""The CMS webhook: ``POST /api/reindex`` asks for a run, ``GET /api/reindex/status`` reports it.

A call may name the pages the CMS published or unpublished, ``{"urls": ["https://…", …]}`` (at
most ``pending.MAX_URLS``): only those are fetched (conditionally, with the validators the crawl
stored), stored or removed as a crawl does, and indexed, ``python -m indexer crawl --url URL
--update``. They must be pages the recorded crawl would fetch: on its hosts, under its paths, not
disallowed by the robots.txt it kept (``recrawl.refused``); a call naming one that is not is
refused whole, 422, in one line. A URL may be named in any spelling (``/n%C3%A4ringsliv.html`` for
the sitemap's ``/näringsliv.html``, ``HTTP://``): it is asked for in its normal form
(``indexer/urls.py``), the key the crawl stores the page under, so it is that page, never a copy.

A call without a body asks for what the corpus needs as a whole: a corpus a crawl filled (its
last crawl is recorded, ``indexer/recrawl.py``) is crawled again and then updated, ``python -m
indexer crawl --update``; a corpus fed by hand (or by the CMS writing files) is updated,
``python -m indexer update``. A corpus crawled before crawls were recorded is
updated too, and the answer's ``note`` says that nothing is fetched and how to record the crawl.

No call is dropped and no call waits: each adds what it asks for to the pending set beside the
index (``indexer/pending.py``, under a lock file across threads and worker processes) and is
answered 202 at once. The first starts a runner, ``python -m indexer reindex``, as its own
process (a web worker never writes the index, and a restarted worker does not kill it), which
runs what is pending until nothing is: a call while a run is queued or running is answered
``"pending"`` and taken by one follow-up run, with every other call made meanwhile. One run at a
time, as before: one runner, and every run holds the index's lock.

Off unless ``REINDEX_TOKEN`` is set: the blueprint is registered only then (``create_app``), so the
routes answer 404 to every method, as if absent (a 405 would say they exist).
The token comes in the ``X-Reindex-Token`` header (or ``Authorization: Bearer``)
and is compared in constant time, before the body is read; repeated wrong tokens get 429 for a while
(``tokens.py``). The status reads "queued" (with the
runner's process id) from the call until the indexer reports "running", then "done" (with the
summary) or "failed"; a process that died without a word reads "interrupted"; ``pending`` says
what waits for the next run (null if nothing does).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from flask import Blueprint, current_app, jsonify, request, url_for

from indexer import pending, recrawl
from indexer.crawl import CrawlError, Outside
from indexer.store import IndexStore
from indexer.urls import normal_url

from . import tokens
from .errors import error_response

bp = Blueprint("reindex", __name__, url_prefix="/api/reindex")

#: The answer's ``note`` when the URLs waiting passed ``pending.MAX_PENDING_URLS``.
WHOLE_SITE = f"Fler än {pending.MAX_PENDING_URLS} adresser väntade på en körning: hela webbplatsen crawlas i stället."
NOT_RECORDED = (
    "{corpus} was crawled, but no crawl of it is recorded to run again: this update fetches nothing;"
    " run python -m indexer crawl --sitemap URL (or --start URL) once"
)
BODY = f'Skicka {{"urls": ["https://…"]}} med 1–{pending.MAX_URLS} adresser, eller ingen kropp alls.'
BODY_BYTES = 8 * pending.MAX_URLS * pending.MAX_URL_CHARS  # room for every URL escaped (\u00e5: 6 bytes a letter)
#: Why a URL named is not fetched, as the 422 says it ({hosts}, {paths}: the recorded crawl's).
OUTSIDE = {
    Outside.NOT_HTTP: "är ingen http(s)-adress",
    Outside.OFF_SITE: "ligger inte på den crawlade webbplatsen ({hosts})",
    Outside.OFF_PATHS: "ligger utanför de crawlade sökvägarna ({paths})",
    Outside.ROBOTS: "får inte hämtas enligt webbplatsens robots.txt",
}


class Refused(Exception):
    """A call that asks for what cannot be run: its one line, and its status."""

    def __init__(self, message: str, status: int = 422):
        super().__init__(message)
        self.status = status


TOKEN_HEADER = "X-Reindex-Token"


def _refusal():
    """None if the request brings the token; else the answer: 401, or 429 while guessing is slowed (``tokens.py``)."""
    authorised, wait = tokens.check("REINDEX_TOKEN", TOKEN_HEADER)
    if authorised:
        return None
    if not wait:
        return error_response("Fel eller saknad nyckel.", 401)
    response = error_response(f"För många felaktiga nycklar. Försök igen om {wait} sekunder.", 429)
    response.headers["Retry-After"] = str(wait)
    return response


def _store() -> IndexStore:
    return IndexStore(Path(current_app.config["INDEX_DIR"]))


@bp.post("")
def start():
    if refused := _refusal():
        return refused
    corpus, store = Path(current_app.config["CORPUS_DIR"]), _store()
    try:
        asked = _asked(corpus)
    except Refused as refused:
        return error_response(str(refused), refused.status)
    command = pending.command(corpus)
    answer = {"command": command, "urls": list(asked.urls), "status_url": url_for("reindex.status")}
    # One call at a time decides (threads and workers alike): a runner alive takes it, or one is started.
    with pending.changing(store) as waiting:
        whole_site_before = waiting.asked.full
        waiting.ask(asked)
        if asked.urls and waiting.asked.full and not whole_site_before:  # the URLs waiting passed the limit
            answer["note"] = WHOLE_SITE
        if waiting.runner_alive():
            return jsonify(state="pending", **answer, pending=waiting.summary()), 202
        waiting.recover()  # what a runner that died had taken is asked again
        process = _start_runner(corpus, store)
        waiting.runner = process.pid
        pending.queued(store, command, process.pid, waiting.asked)
    threading.Thread(target=process.wait, daemon=True).start()  # reap it when it ends
    if not asked.urls and recrawl.crawled_without_settings(corpus):
        answer["note"] = NOT_RECORDED.format(corpus=corpus)
    return jsonify(state="started", **answer), 202


def _asked(corpus: Path) -> pending.Request:
    """What the call asks for: the URLs of its body, or (no body) the whole corpus; Refused if it cannot be run."""
    body = request.stream.read(BODY_BYTES + 1)
    if len(body) > BODY_BYTES:
        raise Refused(f"Kroppen är för stor. {BODY}", 413)
    if not body.strip():
        return pending.Request(full=True)
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested deeper than the parser goes
        raise Refused(f"Kroppen är inte JSON. {BODY}", 400) from None
    urls = data.get("urls") if isinstance(data, dict) and set(data) == {"urls"} else None
    if not isinstance(urls, list) or not 1 <= len(urls) <= pending.MAX_URLS:
        raise Refused(BODY)
    if not all(isinstance(url, str) and 0 < len(url) <= pending.MAX_URL_CHARS for url in urls):
        raise Refused(f"Varje adress är en sträng på högst {pending.MAX_URL_CHARS} tecken. {BODY}")
    urls = list(dict.fromkeys(url.split("#", 1)[0] for url in urls))
    _check_fetched(corpus, urls)
    return pending.Request(urls=tuple(dict.fromkeys(map(normal_url, urls))))  # one page, named in any spelling, once


def _check_fetched(corpus: Path, urls: list[str]) -> None:
    """Refused unless the recorded crawl would fetch every one of the URLs."""
    try:
        plan = recrawl.last_plan(corpus)
    except CrawlError as error:
        current_app.logger.error("webhook: %s", error)
        raise Refused("Den senaste crawlningens inställningar kan inte läsas; se serverns logg.", 503) from None
    if plan is None:
        raise Refused("Ingen crawlning av webbplatsen är registrerad, så inga adresser kan hämtas. Anropa utan kropp.")
    if refusals := recrawl.refused(corpus, plan, urls):
        (url, why), more = refusals[0], len(refusals) - 1
        where = OUTSIDE[why].format(hosts=", ".join(sorted(plan.allowed_hosts)), paths=", ".join(plan.prefixes))
        also = f" (och {more} {'adress' if more == 1 else 'adresser'} till)" if more else ""
        shown = url.encode("utf-8", "backslashreplace").decode("utf-8")  # a lone surrogate named as its escape
        raise Refused(f"{shown} {where}{also}; inget hämtas.")


def _start_runner(corpus: Path, store: IndexStore) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "indexer", "reindex", "--corpus", str(corpus), "--index", str(store.path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@bp.get("/status")
def status():
    if refused := _refusal():
        return refused
    store = _store()
    return jsonify({**(store.read_status() or {"state": "none"}), "pending": pending.read(store).summary()})
