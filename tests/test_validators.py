"""Conditional GET for what the search computes: the feed and the JSON API carry an ``ETag`` (and ``Cache-Control:
no-cache``: ask again every time), and a client that sends it back gets ``304 Not Modified`` without a body until
the answer changes: a new index generation, an edited synonyms file, a section's "ny" mark running out."""

from __future__ import annotations

import time

import pytest

from indexer.build import build
from webapp import create_app
from webapp.insights import report

from .conftest import PROGRAM_PAGE, write_corpus

ROUTES = ["/feed?q=hamn", "/api/search?q=hamn", "/api/sections/program/boverket", "/api/suggest?q=ham"]


@pytest.fixture
def site(tmp_path):
    """The real app over a real index of the program page, with a synonyms file of its own (none yet)."""
    corpus = write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})
    build(corpus, tmp_path / "index")
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "SYNONYMS_FILE": str(corpus / "synonyms.toml")})
    return app.test_client(), corpus, tmp_path / "index"


@pytest.mark.parametrize("path", ROUTES)
def test_an_answer_carries_a_validator_and_asks_to_be_revalidated(site, path):
    response = site[0].get(path)
    assert response.headers.get("ETag"), f"{path}: an ETag"
    assert response.headers.get("Cache-Control") == "no-cache", f"{path}: revalidate every time"


@pytest.mark.parametrize("path", ROUTES)
def test_the_same_answer_asked_again_with_its_etag_is_a_304_without_a_body(site, path):
    client = site[0]
    etag = client.get(path).headers["ETag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304, f"{path}: not modified"
    assert again.data == b"", f"{path}: no body"


def test_a_new_generation_with_changed_content_is_a_new_answer(site):
    client, corpus, index = site
    etag = client.get("/feed?q=hamn").headers["ETag"]
    (corpus / "program.html").write_text(PROGRAM_PAGE.replace("hamn", "hamn och kaj"), encoding="utf-8")
    build(corpus, index)
    response = client.get("/feed?q=hamn", headers={"If-None-Match": etag})
    assert response.status_code == 200, "the changed feed is sent"
    assert response.headers["ETag"] != etag, "under a new validator"


def test_an_edited_synonyms_file_is_a_new_answer(site):
    client, corpus, _ = site
    etag = client.get("/api/search?q=fartyg").headers["ETag"]
    (corpus / "synonyms.toml").write_text('[expand]\n"fartyg" = ["hamn"]\n', encoding="utf-8")
    time.sleep(1.1)  # the file is looked at once a second
    response = client.get("/api/search?q=fartyg", headers={"If-None-Match": etag})
    assert response.status_code == 200, "the search that now finds the harbour is sent"
    assert response.get_json()["total"] > 0, "and it finds it"


def test_an_error_carries_no_validator(site):
    response = site[0].get("/api/search?page=0")
    assert response.status_code == 400, "a bad parameter"
    assert "ETag" not in response.headers, "an error is not cached as an answer"


def test_a_conditional_feed_poll_is_still_counted(site):
    client = site[0]
    assert client.get("/api/search?q=hamn").status_code == 200, "searched once: a feed is shown for a query searched"
    etag = client.get("/feed?q=hamn").headers["ETag"]
    assert client.get("/feed?q=hamn", headers={"If-None-Match": etag}).status_code == 304, "not modified"
    querylog = client.application.extensions["querylog"]
    querylog.close()  # writes what it holds
    polls = {row["query"]: row["polls"] for row in report(querylog.path, min_searches=1)["feeds"]}
    assert polls == {"hamn": 2}, "both polls, the one answered 304 too"
