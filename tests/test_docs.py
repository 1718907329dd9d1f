"""The README tells the truth: every command, setting and API parameter is documented."""

import re

import pytest

from indexer.cli import cli
from indexer.schema import FACET_FIELDS
from webapp import create_app
from webapp.sorts import SORTS

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_first_screen_gives_the_serve_and_test_commands_and_ci_runs_the_test_command():
    first_screen = "\n".join(README.splitlines()[:15])
    assert "./scripts/serve" in first_screen and "./scripts/test" in first_screen
    assert "./scripts/test" in (REPO / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_indexer_command_is_documented(command):
    assert f"python -m indexer {command}" in README


def test_every_config_key_is_documented(tmp_path):
    app = create_app({"INDEX_DIR": str(tmp_path)})
    ours = [
        key
        for key in app.config
        if key in ("INDEX_DIR", "CORPUS_DIR", "REINDEX_TOKEN", "SEARCH_TIME_LIMIT", "SITE_NAME")
    ]
    assert len(ours) == 5
    for key in ours:
        assert f"`{key}`" in README and f"`FLASK_{key}`" in README


@pytest.mark.parametrize("key", ["QUERY_LOG", "QUERY_LOG_FILE", "QUERY_LOG_RETENTION_DAYS", "INSIGHTS_TOKEN"])
def test_every_query_log_setting_and_the_insights_command_are_documented(key):
    assert f"`{key}`" in README and f"`FLASK_{key}`" in README, key
    assert "python -m webapp insights" in README and "/insikter" in README, "the insights command and page"


@pytest.mark.parametrize("parameter", ["q", "page", "per_page", "sort", *FACET_FIELDS])
def test_every_api_parameter_is_documented(parameter):
    assert re.search(rf"`{parameter}`", README)


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_every_sort_is_documented(sort):
    assert f"`{sort}`" in README


def test_indexer_default_index_is_the_web_apps_instance_index():
    from indexer.cli import DEFAULT_INDEX

    app = create_app({})
    assert (REPO / DEFAULT_INDEX).resolve() == (REPO / "instance" / "index").resolve()
    assert app.config["INDEX_DIR"] == str(REPO / "instance" / "index")
