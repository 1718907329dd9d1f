"""``GET /metrics``: what the running service does, in the Prometheus text format. Off unless ``METRICS`` is set.

What is measured, and where:

* every request, by route and status, and its latency (``after_request``);
* every search, by outcome: ``hits``, ``zero_hits``, ``partial`` (found only by leaving words out),
  ``typo`` (found through a spelling correction), ``timed_out`` (``record_search``, called by the one
  search function's caller, so the page and the API are both counted);
* every feed poll (``/feed?q=…``), apart from the searches: a feed reader fetching a search every 15
  minutes is not 96 visitors searching, as the query log counts it apart too (``querylog.py``);
* the served index generation and its age, and the last indexer run (``build``/``update``/``crawl``: its
  state, when it ended, how long it took), read from the index folder at scrape time, because the indexer
  is another process: nothing has to be pushed, and a scrape always tells the truth on disk. (The webhook's
  requests are the requests of its route: 202 started or pending, 401 refused, 422 a URL not crawled.)

Under gunicorn every worker is its own process: ``serve.py`` points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh
folder before the app is made, each worker writes its counters there, and a scrape adds them up
(prometheus-client's multi-process mode). ``prometheus_client`` is imported only when metrics are on, and
only after that folder is set, as its multi-process mode requires.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, g, request

from indexer.store import IndexStore, published

from .search import NOTICE_OUT_OF_TIME

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
OUTCOMES = ("hits", "zero_hits", "partial", "typo", "timed_out")


@dataclass(frozen=True)
class Metrics:
    requests: object
    latency: object
    searches: object
    feed_polls: object


def search_outcome(result: dict) -> str:
    """One word for how a search went, in order of what an editor most needs to know."""
    if result["notice"] == NOTICE_OUT_OF_TIME:
        return "timed_out"
    if not result["total"]:
        return "zero_hits"
    if (result.get("used") or {}).get("partial"):
        return "partial"
    if result["suggestion"]:
        return "typo"
    return "hits"


def record_search(result: dict, feed: bool = False) -> None:
    """Count a visitor's search by its outcome, or a feed reader's poll (``feed``) apart."""
    metrics: Metrics | None = current_app.extensions.get("metrics")
    if metrics is None:
        return
    if feed:
        metrics.feed_polls.inc()
    else:
        metrics.searches.labels(search_outcome(result)).inc()


def _make_metrics(registry) -> Metrics:
    from prometheus_client import Counter, Histogram

    searches = Counter("search_searches", "Searches by outcome.", ["outcome"], registry=registry)
    for outcome in OUTCOMES:
        searches.labels(outcome)  # every outcome is exported, at 0 until it happens
    return Metrics(
        requests=Counter(
            "search_http_requests", "HTTP requests by route and status.", ["route", "status"], registry=registry
        ),
        latency=Histogram(
            "search_http_request_duration_seconds",
            "Time to answer a request, by route.",
            ["route"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        ),
        searches=searches,
        feed_polls=Counter("search_feed_polls", "Feed readers' fetches of a search's feed.", registry=registry),
    )


class IndexCollector:
    """The served generation and the last indexer run, read from disk at each scrape."""

    def __init__(self, store: IndexStore):
        self.store = store

    def collect(self):
        from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily

        target = self.store.target()
        if target.is_dir():
            yield InfoMetricFamily(
                "search_index_generation", "The index generation being served.", value={"generation": target.name}
            )
            yield GaugeMetricFamily(
                "search_index_generation_age_seconds",
                "Seconds since the served generation was published.",
                value=max(0.0, time.time() - published(target)),
            )
        status = self.store.read_status() or {}
        if status.get("finished"):
            labels = [status.get("command", "unknown")]
            for name, doc, value in (
                (
                    "search_index_last_run_success",
                    "1 if the last indexer run succeeded, else 0.",
                    1.0 if status.get("state") == "done" else 0.0,
                ),
                (
                    "search_index_last_run_finished_timestamp_seconds",
                    "When the last indexer run ended (Unix time).",
                    status["finished"],
                ),
                (
                    "search_index_last_run_duration_seconds",
                    "How long the last indexer run took.",
                    status["finished"] - status.get("started", status["finished"]),
                ),
            ):
                family = GaugeMetricFamily(name, doc, labels=["command"])
                family.add_metric(labels, value)
                yield family


def _exposition(app: Flask, own_registry) -> Response:
    """One scrape: every worker's metrics (or this process's own) and the index's, in a fresh registry."""
    from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    scrape = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(scrape)  # the files of every worker, added up
    else:
        scrape.register(own_registry)
    scrape.register(IndexCollector(IndexStore(Path(app.config["INDEX_DIR"]))))
    return Response(generate_latest(scrape), mimetype=CONTENT_TYPE_LATEST.split(";")[0])


def init_app(app: Flask) -> None:
    if not app.config["METRICS"]:
        return
    from prometheus_client import CollectorRegistry

    registry = CollectorRegistry()
    metrics = app.extensions["metrics"] = _make_metrics(registry)

    @app.before_request
    def start_timer():
        g.request_started = time.perf_counter()

    @app.after_request
    def count_request(response):
        route = request.url_rule.rule if request.url_rule else "unmatched"
        metrics.requests.labels(route, str(response.status_code)).inc()
        if "request_started" in g:
            metrics.latency.labels(route).observe(time.perf_counter() - g.request_started)
        return response

    app.add_url_rule("/metrics", "metrics", lambda: _exposition(app, registry))
