"""``/metrics``: Prometheus metrics, off unless configured; under gunicorn every worker's counts add up."""

from __future__ import annotations

import pytest
from prometheus_client.parser import text_string_to_metric_families

from testkit.server import get, running_server
from webapp import create_app
from webapp.metrics import OUTCOMES


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of a scrape."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def searches(scraped: dict, outcome: str) -> float:
    return scraped[("search_searches_total", (("outcome", outcome),))]


@pytest.fixture
def metrics_client(real_index):
    return create_app({"TESTING": True, "INDEX_DIR": str(real_index), "METRICS": True}).test_client()


def test_metrics_are_off_unless_configured(real_client):
    assert real_client.get("/metrics").status_code == 404, "/metrics without METRICS"


@pytest.mark.parametrize(
    "q, outcome",
    [("hamn", "hits"), ("zzxqvw", "zero_hits"), ("jarnvag", "hits"), ("höghastighetsjärnvägg", "typo")],
)
def test_each_search_is_counted_by_its_outcome(metrics_client, q, outcome):
    before = samples(metrics_client.get("/metrics").text)
    metrics_client.get("/api/search", query_string={"q": q})
    after = samples(metrics_client.get("/metrics").text)
    assert searches(after, outcome) - searches(before, outcome) == 1, f"{q!r} counted as {outcome}"


def test_a_feed_poll_is_counted_apart_from_the_searches(metrics_client):
    before = samples(metrics_client.get("/metrics").text)
    assert metrics_client.get("/feed", query_string={"q": "hamn"}).status_code == 200, "the feed of a search"
    after = samples(metrics_client.get("/metrics").text)
    assert all_searches_in(after) == all_searches_in(before), "a feed poll is no search"
    polls = after[("search_feed_polls_total", ())] - before[("search_feed_polls_total", ())]
    assert polls == 1, "it is counted as a feed poll"


def all_searches_in(scraped: dict) -> float:
    return sum(searches(scraped, outcome) for outcome in OUTCOMES)


def test_the_page_and_the_api_are_both_counted_by_route_and_status(metrics_client):
    metrics_client.get("/", query_string={"q": "hamn"})
    metrics_client.get("/api/search", query_string={"page": "x"})
    scraped = samples(metrics_client.get("/metrics").text)
    assert scraped[("search_http_requests_total", (("route", "/"), ("status", "200")))] == 1, "the page, 200"
    assert scraped[("search_http_requests_total", (("route", "/api/search"), ("status", "400")))] == 1, "API, 400"
    assert scraped[("search_http_request_duration_seconds_count", (("route", "/"),))] == 1, "the page's latency"


def test_the_served_generation_and_the_last_build_are_reported(metrics_client, real_index):
    scraped = samples(metrics_client.get("/metrics").text)
    generation = real_index.resolve().name
    assert scraped[("search_index_generation_info", (("generation", generation),))] == 1, "the served generation"
    assert scraped[("search_index_generation_age_seconds", ())] >= 0, "its age"
    assert scraped[("search_index_last_run_success", (("command", "build"),))] == 1, "the build succeeded"
    assert scraped[("search_index_last_run_duration_seconds", (("command", "build"),))] > 0, "how long it took"


def test_the_scrape_is_the_prometheus_text_format(metrics_client):
    response = metrics_client.get("/metrics")
    assert response.mimetype == "text/plain", "Prometheus' text exposition format"


SEARCHES_OVER_HTTP = 40


def all_searches(text: str) -> float:
    scraped = samples(text)
    return sum(searches(scraped, outcome) for outcome in ("hits", "zero_hits", "partial", "typo", "timed_out"))


def test_every_worker_s_searches_add_up_under_the_production_server(real_index):
    with running_server(real_index, workers=2, env={"FLASK_METRICS": "true"}) as base:
        before = all_searches(get(base, "/metrics")[2])
        for n in range(SEARCHES_OVER_HTTP):
            status, _, _ = get(base, "/api/search", q=f"hamn {n}")  # distinct: no result cache hit
            assert status == 200, "a search over HTTP"
        status, _, text = get(base, "/metrics")
    assert status == 200, "/metrics over HTTP"
    assert all_searches(text) - before == SEARCHES_OVER_HTTP, "searches counted across both workers"
