"""The secret tokens of ``/insikter`` and the CMS webhook: guessing one is slowed. After ``MAX_FAILURES`` wrong tokens
within ``WINDOW_SECONDS`` the server (its workers together) answers 429 with ``Retry-After`` to every wrong try of
that secret until the oldest failure is out of the window; the right token always passes (else ten anonymous guesses
a minute would shut the CMS and the editors out); a request without a token (an editor opening the form) is no
failure.
The real app on a real index; the page and the webhook each in their own format."""

from __future__ import annotations

import multiprocessing
import sys
import warnings

import pytest

from indexer.build import build
from webapp import create_app
from webapp.tokens import MAX_FAILURES, NEVER, WINDOW_SECONDS, Guard

from .conftest import PROGRAM_PAGE, write_corpus

INSIGHTS = "redaktionens-nyckel-till-insikter"
REINDEX = "cms-nyckel-till-webbhaken-4711"

# (name, how a token is sent, the right token, the answer's content type)
SECRETS = [
    ("/insikter", lambda client, token: client.post("/insikter", data={"token": token}), INSIGHTS, "text/html"),
    (
        "/insikter.csv",
        lambda client, token: client.get("/insikter.csv", headers={"X-Insights-Token": token}),
        INSIGHTS,
        "text/html",
    ),
    (
        "/api/reindex/status",
        lambda client, token: client.get("/api/reindex/status", headers={"X-Reindex-Token": token}),
        REINDEX,
        "application/json",
    ),
]


@pytest.fixture
def app(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"p.html": PROGRAM_PAGE})
    build(corpus, tmp_path / "index")
    return create_app(
        {
            "TESTING": True,
            "INDEX_DIR": str(tmp_path / "index"),
            "CORPUS_DIR": str(corpus),
            "INSIGHTS_TOKEN": INSIGHTS,
            "REINDEX_TOKEN": REINDEX,
        }
    )


@pytest.mark.parametrize(("name", "send", "right", "content_type"), SECRETS)
def test_repeated_wrong_tokens_are_answered_429_while_the_window_lasts(app, name, send, right, content_type):
    client = app.test_client()
    for attempt in range(MAX_FAILURES):
        assert send(client, f"gissning-nummer-{attempt:04d}").status_code == 401, f"{name}: wrong try {attempt + 1}"
    refused = send(client, "gissning-nummer-sista")
    assert refused.status_code == 429, f"{name}: the try after {MAX_FAILURES} wrong ones"
    assert refused.content_type.startswith(content_type), f"{name}: the route's own format, {refused.content_type}"
    assert 1 <= int(refused.headers["Retry-After"]) <= WINDOW_SECONDS, f"{name}: Retry-After {refused.headers}"


@pytest.mark.parametrize(("name", "send", "right", "content_type"), SECRETS)
def test_the_right_token_passes_while_wrong_ones_are_refused(app, name, send, right, content_type):
    client = app.test_client()
    for attempt in range(MAX_FAILURES * 2):
        send(client, f"gissning-nummer-{attempt:04d}")
    assert send(client, right).status_code == 200, f"{name}: the right token after {MAX_FAILURES * 2} wrong ones"
    assert send(client, "gissning-nummer-efter").status_code == 429, f"{name}: a wrong one after it is still slowed"
    assert send(client, right).status_code == 200, f"{name}: and the right one passes again"


@pytest.mark.parametrize(("name", "send", "right", "content_type"), SECRETS)
def test_a_wrong_token_below_the_limit_is_a_plain_401_and_the_right_one_still_works(
    app, name, send, right, content_type
):
    client = app.test_client()
    for attempt in range(MAX_FAILURES - 1):
        assert send(client, f"gissning-nummer-{attempt:04d}").status_code == 401, f"{name}: wrong try {attempt + 1}"
    assert send(client, right).status_code == 200, f"{name}: the right token after {MAX_FAILURES - 1} wrong ones"


def test_the_page_says_in_swedish_to_wait(app):
    client = app.test_client()
    for attempt in range(MAX_FAILURES + 1):
        page = client.post("/insikter", data={"token": f"gissning-nummer-{attempt:04d}"})
    text = page.get_data(as_text=True)
    assert "För många felaktiga försök" in text, "the page says why"
    assert 'role="alert"' in text, "and says it at once to a screen reader"


def test_opening_the_form_without_a_token_is_never_a_failure(app):
    client = app.test_client()
    for _ in range(MAX_FAILURES * 2):
        assert client.get("/insikter").status_code == 401, "the form, without a token"
    assert client.post("/insikter", data={"token": INSIGHTS}).status_code == 200, "the editor gets in"


def test_each_secret_counts_its_own_failures(app):
    client = app.test_client()
    for attempt in range(MAX_FAILURES + 1):
        client.get("/api/reindex/status", headers={"X-Reindex-Token": f"gissning-nummer-{attempt:04d}"})
    assert client.post("/insikter", data={"token": INSIGHTS}).status_code == 200, "guessing the webhook's token"


@pytest.mark.parametrize(("name", "send", "right", "content_type"), SECRETS)
def test_the_workers_of_one_server_count_wrong_tokens_together(app, name, send, right, content_type):
    """gunicorn loads the app, then forks its workers: the wrong tokens one worker was sent count in every other."""

    def worker() -> None:  # the forked process: MAX_FAILURES wrong tries, each a plain 401
        client = app.test_client()
        codes = [send(client, f"gissning-nummer-{attempt:04d}").status_code for attempt in range(MAX_FAILURES)]
        sys.exit(0 if codes == [401] * MAX_FAILURES else 1)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork() in a process with threads (pytest's own)
        process = multiprocessing.get_context("fork").Process(target=worker)
        process.start()
    process.join(timeout=60)
    assert process.exitcode == 0, f"{name}: the other worker's {MAX_FAILURES} wrong tries were each a 401"
    client = app.test_client()
    assert send(client, "gissning-nummer-sista").status_code == 429, f"{name}: this worker counts them too"
    assert send(client, right).status_code == 200, f"{name}: and the right token still passes"


def test_a_lock_left_by_a_killed_worker_never_blocks_a_try():
    """A worker killed while it held the record's lock leaves it held: a wrong try then waits ``LOCK_SECONDS`` and
    is answered 401 uncounted, not blocked for good (reviewer5 N2)."""
    guard = Guard.shared(("INSIGHTS_TOKEN",))
    assert guard.lock.acquire(), "the lock taken, as by a worker that is then killed"
    assert guard.refuse("INSIGHTS_TOKEN", 100.0) == 0, "answered without a wait to tell"
    assert guard.times[0] == NEVER, "and not counted"
