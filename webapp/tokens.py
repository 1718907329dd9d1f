"""The secret tokens of ``/insikter`` (``INSIGHTS_TOKEN``) and the CMS webhook (``REINDEX_TOKEN``): how a request
brings one, how it is compared, and how guessing is slowed.

A token comes in the route's own header (``X-Insights-Token``, ``X-Reindex-Token``) or as ``Authorization: Bearer``
(the scheme in any case, as RFC 7235 allows; a bare token without a scheme is not accepted); the insights page's
form posts it as the field ``token``. Never a cookie or the URL. It is compared in constant time.

Guessing: the settings refuse a token shorter than ``settings.MIN_TOKEN_CHARS``, and the server counts the wrong
tokens it was sent, per secret, in every worker process together. After ``MAX_FAILURES`` within ``WINDOW_SECONDS``
every wrong try of that secret is answered 429 with ``Retry-After`` (not 401) until the oldest failure leaves the
window. The token is compared first, and the right one always passes: the counts are per secret, not per client, so
if the right token waited too, ten anonymous guesses a minute would shut the CMS out of the webhook and the editors
out of the page. Against 95**16 tokens (``settings.MIN_TOKEN_CHARS``) the answer to a guess is all the slowing there
is to do. A request without any token (an editor opening the form) is no failure. Nothing waits: a worker never
sleeps on a guess, so a flood of them costs no more than answering.

One count for the server, not one per worker: the record is a fixed block of shared memory (``mmap``, anonymous and
shared) with a lock, made by ``init_app`` when the app is loaded; gunicorn loads the app before it forks its workers
(``preload_app``), so every worker inherits the same block and the same lock, and ``MAX_FAILURES`` is the server's
limit whatever the number of workers (with a count per worker, four workers let four times as many guesses through).
The block holds the times of the last ``MAX_FAILURES`` failures of each secret, nothing else: its size is fixed, so a
flood cannot grow it. No new service and nothing on disk: a restart forgets.
"""

from __future__ import annotations

import hmac
import mmap
import multiprocessing
import time
from dataclasses import dataclass

from flask import Flask, current_app, request

from .settings import TOKENS

MAX_FAILURES = 10  # wrong tokens per secret within the window, for the whole server; the next try is answered 429
WINDOW_SECONDS = 60

FORM_FIELD = "token"
NEVER = float("-inf")  # a failure slot not used yet
#: How long a worker waits for the record's lock: holding it takes microseconds, so a lock held longer was left by a
#: worker killed while holding it (gunicorn's timeout), and the try is answered 401 uncounted rather than wait forever.
LOCK_SECONDS = 1.0


@dataclass(frozen=True)
class Guard:
    """The server's record of the wrong tokens it was sent: for each secret, the times of its last ``MAX_FAILURES``
    failures, in memory that the workers forked after it share."""

    secrets: tuple[str, ...]
    times: memoryview  # doubles, MAX_FAILURES per secret in the order of ``secrets``
    lock: object

    @classmethod
    def shared(cls, secrets: tuple[str, ...] = TOKENS) -> Guard:
        block = mmap.mmap(-1, 8 * MAX_FAILURES * len(secrets))  # anonymous, shared with the processes forked later
        times = memoryview(block).cast("d")
        for slot in range(len(times)):
            times[slot] = NEVER
        return cls(secrets, times, multiprocessing.get_context("fork").Lock())

    def refuse(self, secret: str, now: float) -> int:
        """One wrong try of ``secret``: the seconds until it may be tried again (0: now, and the try is counted).
        A try answered 429 is not counted: the record stays at MAX_FAILURES however long a flood goes on."""
        first = self.secrets.index(secret) * MAX_FAILURES
        if not self.lock.acquire(timeout=LOCK_SECONDS):  # left held by a killed worker (reviewer5 N2)
            return 0
        try:
            slots = range(first, first + MAX_FAILURES)
            oldest = min(slots, key=self.times.__getitem__)
            if self.times[oldest] > now - WINDOW_SECONDS:  # all MAX_FAILURES slots are within the window
                return max(1, int(self.times[oldest] + WINDOW_SECONDS - now + 0.999))
            self.times[oldest] = now
            return 0
        finally:
            self.lock.release()


def init_app(app: Flask) -> None:
    app.extensions["token_guard"] = Guard.shared()


def given(header: str, form: bool = False) -> str:
    """The token the request brings: the route's own ``header``, else ``Authorization: Bearer``, else (``form``, a
    POST) the form field; "" if none."""
    if token := request.headers.get(header):
        return token
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return credentials.strip()
    return request.form.get(FORM_FIELD, "") if form and request.method == "POST" else ""


def check(secret: str, header: str, form: bool = False) -> tuple[bool, int]:
    """Whether the request brings the token configured as ``secret`` (``INSIGHTS_TOKEN``), and, for a wrong one
    while guessing is slowed, the seconds to wait (0: answer 401). The right token always passes; a
    wrong one is counted."""
    token = given(header, form)
    if hmac.compare_digest(token.encode("utf-8"), str(current_app.config[secret]).encode("utf-8")):
        return True, 0
    if not token:
        return False, 0
    guard: Guard = current_app.extensions["token_guard"]
    return False, guard.refuse(secret, time.monotonic())  # CLOCK_MONOTONIC: one clock for every worker
