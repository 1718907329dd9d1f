"""The Flask web app: a Swedish search page and its JSON twin.

``create_app`` is the application factory. Configuration, in order of
precedence: the ``test_config`` mapping, ``FLASK_*`` environment variables
(``FLASK_INDEX_DIR``), then defaults; every setting is checked at once
(``settings.py``). The index and the corpus default to the indexer's own
defaults (``indexer.cli``: ``instance/index`` and ``corpus``), relative to the
folder the server runs in, so ``python -m indexer build`` and ``python -m
webapp`` run in one deployment folder meet. ``SYNONYMS_FILE`` defaults to
``synonyms.toml`` in ``CORPUS_DIR``: the editors' file beside their pages. The query log
(``querylog.py``) is on by default and lives beside the index.
"""

from __future__ import annotations

import os

from flask import Flask

from indexer.synonyms import FILE_NAME as SYNONYMS_FILE_NAME


def create_app(test_config: dict | None = None) -> Flask:
    from indexer.cli import DEFAULT_CORPUS, DEFAULT_INDEX

    from . import settings
    from .querylog import MIN_SEARCHES, RARE_DAYS
    from .search import DEFAULT_TIME_LIMIT

    app = Flask(__name__)
    app.config.from_mapping(
        INDEX_DIR=str(DEFAULT_INDEX),  # one default for both commands: the indexer's
        CORPUS_DIR=str(DEFAULT_CORPUS),
        REINDEX_TOKEN=None,
        SEARCH_TIME_LIMIT=DEFAULT_TIME_LIMIT,
        SITE_NAME="Utveckla svenska städer",
        PUBLIC_URL="http://127.0.0.1:8000",  # where visitors reach the site: the feed's links; never the Host header
        METRICS=False,
        SYNONYMS_FILE=None,
        PARTIAL_MATCHING=True,
        QUERY_LOG=True,  # the editors' query log (querylog.py): no person in it, see the README
        QUERY_LOG_FILE=None,  # None: index.querylog.sqlite3 beside INDEX_DIR
        QUERY_LOG_RETENTION_DAYS=395,
        QUERY_LOG_RARE_DAYS=RARE_DAYS,  # a query searched fewer than k times loses its text after these days
        INSIGHTS_TOKEN=None,  # None: no /insikter page
        INSIGHTS_MIN_SEARCHES=MIN_SEARCHES,  # k: a query is shown on /insikter once searched this often
    )
    if test_config is None:
        settings.read_environment(app.config)
    else:
        app.config.from_mapping(test_config)
    settings.check(app.config)  # SettingsError: one line that names the setting
    if app.config["SYNONYMS_FILE"] is None:
        app.config["SYNONYMS_FILE"] = os.path.join(app.config["CORPUS_DIR"], SYNONYMS_FILE_NAME)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    from . import api, conditional, errors, feed, index, insights, metrics, querylog, reindex, security, tokens, views

    index.init_app(app)
    metrics.init_app(app)
    querylog.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    tokens.init_app(app)
    conditional.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(feed.bp)
    # A feature that is off has no routes: 404 to every method, as for any path (not 405, which names the route).
    if app.config["REINDEX_TOKEN"]:
        app.register_blueprint(reindex.bp)
    if app.config["INSIGHTS_TOKEN"]:
        app.register_blueprint(insights.bp)
    return app
