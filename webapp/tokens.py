"""The secret tokens of ``/insikter`` (``INSIGHTS_TOKEN``) and the CMS webhook (``REINDEX_TOKEN``): how a request
brings one, how it is compared, and how guessing is slowed.

A token comes in the route's own header (``X-Insights-Token``, ``X-Reindex-Token``) or as ``Authorization: Bearer``
(the scheme in any case, as RFC 7235 allows; a bare token without a scheme is not accepted); the insights page's
form posts it as the field ``token``. Never a cookie or the URL. It is compared in constant time.

Guessing: the settings refuse a token shorter than ``settings.MIN_TOKEN_CHARS``, and each worker process counts the
wrong tokens it was sent, per secret. After ``MAX_FAILURES`` within ``WINDOW_SECONDS`` every wrong try of that
secret is answered 429 with ``Retry-After`` (not 401) until the oldest failure leaves the window. The token is
compared first, and the right one always passes: the counts are per secret, not per client, so if the right token
waited too, ten anonymous guesses a minute would shut the CMS out of the webhook and the editors out of the page.
Against 95**16 tokens (``settings.MIN_TOKEN_CHARS``) the answer to a guess is all the slowing there is to do. A
request without any token (an editor opening the form) is no failure. Nothing waits: a worker never sleeps on a
guess, so a flood of them costs no more than answering. With gunicorn's workers, each counts its own. An attack
never lets a guess through and never keeps the editors out. No new service and nothing on disk: a restart forgets.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field

from flask import Flask, current_app, request

MAX_FAILURES = 10  # wrong tokens per secret and worker within the window; the next try is answered 429
WINDOW_SECONDS = 60

FORM_FIELD = "token"


@dataclass
class Guard:
    """One worker's record of the wrong tokens it was sent: secret -> the times of the failures in the window."""

    failures: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, secret: str, now: float) -> int:
        """Seconds until ``secret`` may be tried again (0: now)."""
        with self._lock:
            times = self.failures[secret]
            while times and times[0] <= now - WINDOW_SECONDS:
                times.popleft()
            return 0 if len(times) < MAX_FAILURES else max(1, int(times[0] + WINDOW_SECONDS - now + 0.999))

    def failed(self, secret: str, now: float) -> None:
        with self._lock:
            self.failures[secret].append(now)


def init_app(app: Flask) -> None:
    app.extensions["token_guard"] = Guard()


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
    now = time.monotonic()
    if wait := guard.wait(secret, now):
        return False, wait  # not counted: the record stays at MAX_FAILURES however long a flood goes on
    guard.failed(secret, now)
    return False, 0
