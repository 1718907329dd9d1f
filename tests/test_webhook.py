"""The CMS webhook: off without a token, refuses a wrong one, one run at a time, no call dropped."""

import shutil
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from indexer.build import build
from indexer.store import IndexStore
from testkit.server import post_json, serving_corpus
from webapp import create_app

from .conftest import REAL_CORPUS

TOKEN = "hemlig-nyckel-123"


def holding(client, word: str) -> list[str]:
    """The titles of the sections that hold ``word`` itself (coverage 1); a compound's parts' sections follow them."""
    results = client.get("/api/search", query_string={"q": word}).get_json()["results"]
    return [hit["title"] for hit in results if hit["coverage"] == 1]


@pytest.fixture
def setup(tmp_path):
    corpus = Path(shutil.copytree(REAL_CORPUS, tmp_path / "corpus"))
    build(corpus, tmp_path / "index")
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus), "REINDEX_TOKEN": TOKEN})
    return app.test_client(), corpus, tmp_path / "index"


def test_without_a_configured_token_the_webhook_does_not_exist(tmp_path):
    client = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    assert client.post("/api/reindex").status_code == 404, "status code"
    assert client.get("/api/reindex/status").status_code == 404, "status code"


@pytest.mark.parametrize(
    "headers", [{}, {"X-Reindex-Token": "fel"}, {"Authorization": "Bearer fel"}, {"X-Reindex-Token": TOKEN[:-1]}]
)
def test_a_missing_or_wrong_token_is_401_with_the_error_shape(setup, headers):
    client, _, _ = setup
    response = client.post("/api/reindex", headers=headers)
    assert response.status_code == 401, "status code"
    assert list(response.get_json()) == ["error"], "response.get_json()"
    assert client.get("/api/reindex/status", headers=headers).status_code == 401, "nor may it read the status"


def test_a_call_while_another_run_holds_the_lock_is_run_after_it_and_the_next_waits_as_pending(setup):
    client, corpus, index = setup
    page = corpus / "utveckla-svenska-stader.html"
    with IndexStore(index).lock():  # a cron crawl, say
        first = client.post("/api/reindex", headers={"X-Reindex-Token": TOKEN})
        page.write_text(
            page.read_text("utf-8").replace("Kuststad 2025 handlar", "Kuststad 2025 och färjeläget handlar")
        )
        second = client.post("/api/reindex", headers={"X-Reindex-Token": TOKEN})
    assert (first.status_code, first.get_json()["state"]) == (202, "started"), "the first call starts a runner"
    assert (second.status_code, second.get_json()["state"]) == (202, "pending"), "the next waits for it, not 409"
    status = until_done(client)
    assert (status["state"], status["pending"]) == ("done", None), "everything asked was run"
    assert holding(client, "färjeläget") == ["Trelleborgs kommun"], "the page changed during the held lock is found"


def until_done(client) -> dict:
    """The status once the runner has run everything pending (or a run failed)."""
    deadline, status = time.monotonic() + 60, {}
    while time.monotonic() < deadline:
        status = client.get("/api/reindex/status", headers={"X-Reindex-Token": TOKEN}).get_json()
        if status["state"] in ("failed", "interrupted") or (status["state"] == "done" and status["pending"] is None):
            return status
        time.sleep(0.1)
    return status


def test_the_update_runs_and_its_result_is_visible(setup):
    client, corpus, index = setup
    page = corpus / "utveckla-svenska-stader.html"
    page.write_text(
        page.read_text("utf-8").replace("Kuststad 2025 handlar", "Kuststad 2025 och färjeläget handlar"),
        encoding="utf-8",
    )
    response = client.post("/api/reindex", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 202, "status code"
    assert response.get_json()["state"] == "started", "state"
    status = until_done(client)
    assert status["state"] == "done", "state"
    assert status["summary"]["changed"] == 1, "changed"
    assert holding(client, "färjeläget") == ["Trelleborgs kommun"], "the changed page is found by its new word"


@pytest.mark.parametrize("path", ["/api/reindex", "/api/reindex/status"])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_every_method_is_404_while_the_webhook_is_off(tmp_path, path, method):
    response = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client().open(path, method=method)
    assert response.status_code == 404, f"{method} {path}: a route that does not exist (not 405)"
    assert "Allow" not in response.headers, f"{method} {path}: no list of the methods it takes"


@pytest.mark.parametrize("path", ["/insikter", "/insikter.csv"])
@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
def test_every_method_is_404_while_the_insights_page_is_off(tmp_path, path, method):
    response = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client().open(path, method=method)
    assert response.status_code == 404, f"{method} {path}: a page that does not exist (not 405)"


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (f"Bearer {TOKEN}", 200),
        (f"bearer {TOKEN}", 200),  # the scheme is case-insensitive (RFC 7235)
        (f"BEARER  {TOKEN}", 200),
        (TOKEN, 401),  # a raw token is not the Bearer scheme
        (f"Basic {TOKEN}", 401),
        (f"Bearer{TOKEN}", 401),
    ],
)
def test_the_authorization_header_takes_the_bearer_scheme_in_any_case(setup, authorization, status):
    client, _, _ = setup
    assert client.get("/api/reindex/status", headers={"Authorization": authorization}).status_code == status


def test_concurrent_calls_start_exactly_one_runner_and_the_others_wait_for_it(tmp_path):
    corpus = Path(shutil.copytree(REAL_CORPUS, tmp_path / "corpus"))
    with serving_corpus(corpus, tmp_path, env={"FLASK_REINDEX_TOKEN": TOKEN, "FLASK_CORPUS_DIR": str(corpus)}) as base:
        barrier = threading.Barrier(16)

        def call(_):
            barrier.wait()
            status, answer = post_json(base, "/api/reindex", {"X-Reindex-Token": TOKEN})
            return status, answer["state"]

        with ThreadPoolExecutor(16) as pool:
            answers = Counter(pool.map(call, range(16)))
        assert answers == Counter({(202, "started"): 1, (202, "pending"): 15}), "one starts, none is refused"
