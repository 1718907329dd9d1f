"""Every setting the README documents is checked at start (``webapp/settings.py``): a value the app cannot use
is one line that names it and exit 1, never a server that starts and then fails every search, and never a value
read the wrong way. The switches and the retention are pinned in ``test_web_operations.py``; this file covers
the time budget, the public address, the paths, the names and the tokens."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

from testkit.server import free_port
from webapp import create_app
from webapp.settings import MIN_TOKEN_CHARS, SettingsError


def app_from_environment(monkeypatch, index, **env: str):
    """The app as ``python -m webapp`` makes it: every setting from ``FLASK_*`` variables."""
    monkeypatch.setenv("FLASK_INDEX_DIR", str(index))
    for key, value in env.items():
        monkeypatch.setenv(f"FLASK_{key}", value)
    return create_app()


TIME_LIMIT = "FLASK_SEARCH_TIME_LIMIT must be a number of seconds above 0 and at most 30 (2.0), not {}"
TOKEN_RULE = "must be printable ASCII with no space at either end (an HTTP header carries it); the value is not shown"
TOKEN_LENGTH = (
    f"FLASK_{{}}_TOKEN must be at least {MIN_TOKEN_CHARS} characters long (it has {{}}; the value is not shown)"
)
PUBLIC_URL = "FLASK_PUBLIC_URL must be the http(s) address visitors use (https://sok.example.se), not {}"

REFUSED = [
    ("SEARCH_TIME_LIMIT", "abc", TIME_LIMIT.format("'abc'")),
    ("SEARCH_TIME_LIMIT", "2,0", "FLASK_SEARCH_TIME_LIMIT takes a decimal point, not a comma: 2.0, not '2,0'"),
    ("SEARCH_TIME_LIMIT", "0", TIME_LIMIT.format("0")),
    ("SEARCH_TIME_LIMIT", "-1", TIME_LIMIT.format("-1")),
    ("SEARCH_TIME_LIMIT", "31", TIME_LIMIT.format("31")),
    ("SEARCH_TIME_LIMIT", "NaN", TIME_LIMIT.format("nan")),
    ("SEARCH_TIME_LIMIT", "true", TIME_LIMIT.format("True")),
    ("SEARCH_TIME_LIMIT", "", TIME_LIMIT.format("''")),
    ("PUBLIC_URL", "notaurl", PUBLIC_URL.format("'notaurl'")),
    ("PUBLIC_URL", "ftp://sok.example.se", PUBLIC_URL.format("'ftp://sok.example.se'")),
    ("PUBLIC_URL", "https://", PUBLIC_URL.format("'https://'")),
    ("PUBLIC_URL", "https://sok.example.se/?a=1", PUBLIC_URL.format("'https://sok.example.se/?a=1'")),
    ("PUBLIC_URL", "https://sok.example.se/#top", PUBLIC_URL.format("'https://sok.example.se/#top'")),
    ("PUBLIC_URL", "https://sok example.se", PUBLIC_URL.format("'https://sok example.se'")),
    ("PUBLIC_URL", "https://sok.example.se:99999", PUBLIC_URL.format("'https://sok.example.se:99999'")),
    ("SITE_NAME", "  ", "FLASK_SITE_NAME must not be empty, not '  '"),
    ("INDEX_DIR", "", "FLASK_INDEX_DIR must be a path, not ''"),
    ("CORPUS_DIR", "", "FLASK_CORPUS_DIR must be a path, not ''"),
    ("QUERY_LOG_FILE", "", "FLASK_QUERY_LOG_FILE must be a path, not ''"),
    # A token is a secret: the line says what is wrong with it and never shows it (it would end in the journal).
    ("REINDEX_TOKEN", " redaktionens-hemliga", f"FLASK_REINDEX_TOKEN {TOKEN_RULE}"),
    ("INSIGHTS_TOKEN", "redaktionens-hemliga\t", f"FLASK_INSIGHTS_TOKEN {TOKEN_RULE}"),
    ("INSIGHTS_TOKEN", "redaktionens-nyckelå", f"FLASK_INSIGHTS_TOKEN {TOKEN_RULE}"),
    ("INSIGHTS_TOKEN", "a", TOKEN_LENGTH.format("INSIGHTS", 1)),
    ("INSIGHTS_TOKEN", "1234", TOKEN_LENGTH.format("INSIGHTS", 4)),
    ("REINDEX_TOKEN", "x" * (MIN_TOKEN_CHARS - 1), TOKEN_LENGTH.format("REINDEX", MIN_TOKEN_CHARS - 1)),
]


@pytest.mark.parametrize(("key", "value", "message"), REFUSED)
def test_a_setting_the_app_cannot_use_is_refused_in_one_line_that_names_it(
    monkeypatch, fixture_index, key, value, message
):
    with pytest.raises(SettingsError) as refused:
        app_from_environment(monkeypatch, fixture_index, **{key: value})
    assert str(refused.value) == message, f"FLASK_{key}={value!r}"


ACCEPTED = [
    ("SEARCH_TIME_LIMIT", "0.5", 0.5),
    ("SEARCH_TIME_LIMIT", "3", 3.0),
    ("SEARCH_TIME_LIMIT", " 2.5 ", 2.5),
    ("PUBLIC_URL", "https://sok.example.se/", "https://sok.example.se"),
    ("PUBLIC_URL", "http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("PUBLIC_URL", "https://www.example.se/sok/", "https://www.example.se/sok"),
    ("REINDEX_TOKEN", "1e50000000000000", "1e50000000000000"),  # JSON would read a number (infinity)
    ("REINDEX_TOKEN", "", ""),  # empty: the webhook is off
    ("INSIGHTS_TOKEN", "0123456789012345", "0123456789012345"),
    ("INSIGHTS_TOKEN", "x" * MIN_TOKEN_CHARS, "x" * MIN_TOKEN_CHARS),
    ("CORPUS_DIR", "1.50", "1.50"),
    ("SITE_NAME", "2024", "2024"),
    ("SYNONYMS_FILE", "", ""),
]


@pytest.mark.parametrize(("key", "value", "expected"), ACCEPTED)
def test_a_setting_is_read_as_written(monkeypatch, fixture_index, key, value, expected):
    app = app_from_environment(monkeypatch, fixture_index, **{key: value})
    assert app.config[key] == expected, f"FLASK_{key}={value!r}"


@pytest.mark.parametrize("value", ["abc", "2,0", "0"])
def test_the_server_refuses_a_time_limit_it_cannot_use_before_serving(fixture_index, value):
    env = {**os.environ, "FLASK_INDEX_DIR": str(fixture_index), "FLASK_SEARCH_TIME_LIMIT": value}
    done = subprocess.run([sys.executable, "-m", "webapp"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, "exit code"
    assert done.stderr.startswith("Error: FLASK_SEARCH_TIME_LIMIT "), "the line names the setting"
    assert done.stderr.count("\n") == 1, f"one line, no traceback: {done.stderr}"
    assert "Serving on" not in done.stdout, "it does not serve"


@pytest.mark.parametrize("command", [["--check"], []])
@pytest.mark.parametrize(
    ("key", "value"), [("INSIGHTS_TOKEN", "tiny-token"), ("REINDEX_TOKEN", " my-real-secret-with-a-space")]
)
def test_the_server_refuses_a_token_it_cannot_use_without_printing_it(fixture_index, command, key, value):
    env = {**os.environ, "FLASK_INDEX_DIR": str(fixture_index), f"FLASK_{key}": value}
    done = subprocess.run(
        [sys.executable, "-m", "webapp", *command], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, "exit code"
    assert done.stderr.startswith(f"Error: FLASK_{key} must "), f"the line names the setting: {done.stderr}"
    assert done.stderr.count("\n") == 1, f"one line, no traceback: {done.stderr}"
    assert value.strip() not in done.stderr, f"the token is not shown: {done.stderr}"


def test_settings_given_to_the_factory_are_checked_the_same_way(fixture_index):
    with pytest.raises(SettingsError) as refused:
        create_app({"INDEX_DIR": str(fixture_index), "SEARCH_TIME_LIMIT": "2,0"})
    assert "decimal point" in str(refused.value), "the same rule as from the environment"


# -- The address, checked before anything else happens --------------------------


def webapp(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    return subprocess.run(
        [sys.executable, "-m", "webapp", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def taken_port():
    """A port another process listens on."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener.getsockname()[1]


@pytest.mark.parametrize("check_only", [False, True], ids=["serve", "check"])
def test_a_port_in_use_is_one_line_that_says_how_to_choose_another(tmp_path, taken_port, check_only):
    done = webapp(*(["--check"] if check_only else []), "--port", str(taken_port), cwd=tmp_path)
    assert done.returncode == 1, "exit code"
    assert done.stderr == (
        f"Error: 127.0.0.1:{taken_port} is in use (another server?): choose another port with --port, "
        "as in ./scripts/serve --port 8080\n"
    ), "one line, no gunicorn errors"


def test_the_check_passes_on_a_free_port_before_any_index_is_built(tmp_path):
    done = webapp("--check", "--port", str(free_port()), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, ""), "nothing to say: scripts/serve goes on to index and serve"


def test_the_check_refuses_a_bad_setting_before_indexing(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "webapp", "--check"],
        cwd=tmp_path,
        env={**os.environ, "FLASK_SEARCH_TIME_LIMIT": "2,0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, "exit code"
    assert done.stderr.startswith("Error: FLASK_SEARCH_TIME_LIMIT takes a decimal point"), "the setting's line"


# -- The query log's file, tried at start ---------------------------------------------


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ("corpus", "is a folder, not a file"),  # a folder: every entry dropped, /insikter 503
        ("nowhere/log.sqlite3", "cannot be made: there is no folder {tmp}/nowhere"),
        ("corpus/page.html", "is not a query log (file is not a database)"),  # a file that is not SQLite
    ],
    ids=["folder", "no folder", "not a database"],
)
@pytest.mark.parametrize("check_only", [False, True], ids=["serve", "check"])
def test_a_query_log_file_the_server_cannot_use_is_refused_at_start_in_one_line(tmp_path, setting, reason, check_only):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "page.html").write_text("<h1>Sida</h1>" * 200, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "webapp", *(["--check"] if check_only else []), "--port", str(free_port())],
        cwd=tmp_path,
        env={**{k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}, "FLASK_QUERY_LOG_FILE": setting},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, "exit code"
    assert done.stderr == (
        f"Error: FLASK_QUERY_LOG_FILE: the query log {tmp_path / setting} {reason.format(tmp=tmp_path)}; name a file"
        " the server can write,"
        " or turn the log off with FLASK_QUERY_LOG=false\n"
    ), "one line that names the setting, what is wrong and the way out"


def test_a_query_log_file_in_a_folder_to_be_made_by_the_build_passes_the_check(tmp_path):
    done = webapp("--check", "--port", str(free_port()), cwd=tmp_path)  # the default: instance/ does not exist yet
    assert (done.returncode, done.stderr) == (0, ""), "scripts/serve goes on to build instance/index and serve"
