"""What an operator's bad day does to the web app: a generation that vanishes while threads switch to it, a damaged
segment file, settings from the environment, a server started from another folder. Each case ends in a clear
503 or one line at start, and the service recovers as soon as the index is repaired."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from whoosh.util.varints import varint

from indexer.build import build
from indexer.store import IndexStore
from testkit.server import get, get_json, indexer, running_server
from webapp import create_app
from webapp.errors import MESSAGES
from webapp.index import damage_in
from webapp.querylog import log_path
from webapp.serve import missing_data
from webapp.settings import MAX_RETENTION_DAYS, SettingsError

from .conftest import PROGRAM_PAGE, write_corpus


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def in_another_thread(client, url: str) -> int:
    """The status of a request answered by a thread of its own (a worker's other thread)."""
    statuses = []
    thread = threading.Thread(target=lambda: statuses.append(client.get(url).status_code))
    thread.start()
    thread.join()
    return statuses[0]


def damage_a_segment(index: Path) -> None:
    """One term file of the served generation cut short (a bad sector, a half-copied backup)."""
    for terms in IndexStore(index).target().glob("*.trm"):
        with terms.open("r+b") as file:
            file.truncate(100)


# -- A generation that vanishes, and the repair --------------------------------


def test_a_thread_whose_switch_failed_serves_the_repaired_index(corpus, index_path):
    build(corpus, index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert client.get("/api/search?q=hamn").status_code == 200, "this thread opens generation 1"
    build(corpus, index_path)
    assert in_another_thread(client, "/api/search?q=kaj") == 200, "another thread opens generation 2"
    for file in IndexStore(index_path).target().iterdir():
        file.unlink()  # generation 2 removed by hand, after the worker opened it
    assert client.get("/api/search?q=hamn").status_code == 503, "this thread cannot switch to generation 2"
    build(corpus, index_path)
    statuses = [client.get("/api/search", query_string={"q": q}).status_code for q in ("hamn", "kaj", "ystad")]
    assert statuses == [200, 200, 200], "every later request answers from the repaired index"


# -- A damaged segment ---------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/search?q=hamn", "/api/suggest?q=ham", "/api/readyz"])
def test_a_damaged_segment_is_a_json_503_that_says_so(corpus, index_path, url):
    build(corpus, index_path)
    damage_a_segment(index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get(url)
    assert response.status_code == 503, "status code"
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "the one error shape, saying it is damaged"


def test_a_damaged_segment_is_a_503_page_that_says_so(corpus, index_path):
    build(corpus, index_path)
    damage_a_segment(index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/?q=hamn")
    assert response.status_code == 503, "status code"
    assert "Sökindexet är skadat" in response.get_data(as_text=True), "the page says the index is damaged"


def test_a_damaged_table_of_contents_is_called_damaged_not_missing(corpus, index_path):
    build(corpus, index_path)
    for toc in IndexStore(index_path).target().glob("*.toc"):
        toc.write_bytes(b"")
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/api/search?q=hamn")
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "not 'finns inte ännu'"


def test_a_missing_index_is_still_called_missing(tmp_path):
    response = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client().get("/api/readyz")
    assert (response.status_code, response.get_json()) == (503, {"error": MESSAGES[503]}), "status and message"


def test_liveness_stays_ok_while_readiness_fails_on_a_damaged_index(corpus, index_path):
    build(corpus, index_path)
    damage_a_segment(index_path)
    client = create_app({"INDEX_DIR": str(index_path)}).test_client()
    assert client.get("/api/healthz").status_code == 200, "the process is alive"
    assert client.get("/api/readyz").status_code == 503, "but it cannot search"


def test_readiness_names_the_generation_it_searches(corpus, index_path):
    build(corpus, index_path)
    response = create_app({"INDEX_DIR": str(index_path)}).test_client().get("/api/readyz")
    expected = {"status": "ready", "generation": IndexStore(index_path).target().name, "sections": 6}
    assert response.get_json() == expected, "ready, on the served generation"


# -- A file damaged while the server runs ------------------------------------------

#: A segment file damaged after the searcher opened it: cut short (a half-restored backup) or its bytes
#: overwritten (a stray write, a bad copy), and a request that reads the damaged part.
DAMAGED_WHILE_SERVING_API = [
    ("pst", "cut", "/api/search?q=ystad"),
    ("pst", "overwritten", "/api/search?q=ystad"),
    ("trm", "cut", "/api/search?q=planering"),
    ("_stored.col", "cut", "/api/search?q=planering"),
    ("_stored.col", "overwritten", "/api/sections/program/boverket"),
]
DAMAGED_WHILE_SERVING_PAGES = [
    ("pst", "cut", "/?q=ystad"),
    ("trm", "cut", "/?q=planering"),
    ("_stored.col", "overwritten", "/avsnitt/program/boverket"),
]


def damaged_while_serving(tmp_path: Path, corpus: Path, suffix: str, how: str):
    """An app whose searcher opened a real index (a search answered), then its ``*.suffix`` files damaged."""
    index = tmp_path / "index"
    build(corpus, index)
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    assert client.get("/api/search?q=hamn").status_code == 200, "the searcher is open and answers"
    for path in IndexStore(index).target().glob(f"*.{suffix}"):
        with path.open("r+b") as file:
            file.truncate(100) if how == "cut" else file.write(b"\xff" * path.stat().st_size)
    return client


@pytest.mark.parametrize(("suffix", "how", "url"), DAMAGED_WHILE_SERVING_API)
def test_a_file_damaged_while_serving_is_a_json_503_logged_in_one_line(tmp_path, corpus, suffix, how, url, caplog):
    response = damaged_while_serving(tmp_path, corpus, suffix, how).get(url)
    assert response.status_code == 503, "status code"
    assert response.get_json() == {"error": MESSAGES["damaged"]}, "the one error shape, saying it is damaged"
    errors = [record for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1, f"logged once: {caplog.text}"
    assert errors[0].exc_info is None, "in one line, no traceback"
    assert "cannot be read" in errors[0].getMessage(), "the line says the index cannot be read"


@pytest.mark.parametrize(("suffix", "how", "url"), DAMAGED_WHILE_SERVING_PAGES)
def test_a_file_damaged_while_serving_is_the_swedish_503_page(tmp_path, corpus, suffix, how, url):
    response = damaged_while_serving(tmp_path, corpus, suffix, how).get(url)
    assert response.status_code == 503, "status code"
    page = response.get_data(as_text=True)
    assert MESSAGES["damaged"] in page, "the page says the index is damaged"
    assert '<html lang="sv">' in page, "in Swedish"
    assert "Traceback" not in page, "no traceback"


def test_a_mistake_of_ours_that_shows_inside_whoosh_is_not_called_a_damaged_index():
    with pytest.raises(TypeError) as raised:
        varint(None)  # a None where Whoosh expects a number: raised in whoosh.util.varints
    assert damage_in(raised.value) is None, "a 500 with its traceback in the log, not a 503 'damaged'"


# -- Settings from the environment ---------------------------------------------

RETENTION = f"FLASK_QUERY_LOG_RETENTION_DAYS must be a whole number from 1 to {MAX_RETENTION_DAYS}, not {{}}"

SPELLINGS = [(word, False) for word in ("false", "False", "FALSE", "off", "Off", "no", "NO", "0")] + [
    (word, True) for word in ("true", "True", "on", "ON", "yes", "Yes", "1")
]


def app_from_environment(monkeypatch, index: Path, **env: str):
    """The app as ``python -m webapp`` makes it: every setting from ``FLASK_*`` variables."""
    monkeypatch.setenv("FLASK_INDEX_DIR", str(index))
    for key, value in env.items():
        monkeypatch.setenv(f"FLASK_{key}", value)
    return create_app()


@pytest.mark.parametrize("key", ["QUERY_LOG", "METRICS", "PARTIAL_MATCHING"])
@pytest.mark.parametrize(("value", "expected"), SPELLINGS)
def test_a_switch_is_read_in_every_spelling_people_write(monkeypatch, fixture_index, key, value, expected):
    app = app_from_environment(monkeypatch, fixture_index, **{key: value})
    assert app.config[key] is expected, f"FLASK_{key}={value}"


@pytest.mark.parametrize(("value", "expected"), SPELLINGS)
def test_the_query_log_is_on_only_when_its_switch_says_on(monkeypatch, fixture_index, value, expected):
    app = app_from_environment(monkeypatch, fixture_index, QUERY_LOG=value)
    assert ("querylog" in app.extensions) is expected, f"FLASK_QUERY_LOG={value}"


def test_metrics_switched_off_in_words_are_off(monkeypatch, fixture_index):
    client = app_from_environment(monkeypatch, fixture_index, METRICS="off").test_client()
    assert client.get("/metrics").status_code == 404, "no /metrics"


def test_the_query_log_switched_off_as_python_spells_it_logs_nothing(corpus, tmp_path):
    index = tmp_path / "instance" / "index"
    build(corpus, index)
    with running_server(index, workers=1, env={"FLASK_QUERY_LOG": "False"}) as base:
        assert get(base, "/api/search", q="hemlig fråga")[0] == 200, "the search is answered"
    # the server has stopped: a log that was on has written its last entries by now
    assert not log_path(index).exists(), "no query log is written"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("QUERY_LOG", "maybe", "FLASK_QUERY_LOG must be true or false (or yes/no, on/off, 1/0), not 'maybe'"),
        ("QUERY_LOG", "", "FLASK_QUERY_LOG must be true or false (or yes/no, on/off, 1/0), not ''"),
        ("METRICS", "2", "FLASK_METRICS must be true or false (or yes/no, on/off, 1/0), not 2"),
        ("QUERY_LOG_RETENTION_DAYS", "0", RETENTION.format("0")),
        ("QUERY_LOG_RETENTION_DAYS", "-1", RETENTION.format("-1")),
        ("QUERY_LOG_RETENTION_DAYS", "7.5", RETENTION.format("7.5")),
        ("QUERY_LOG_RETENTION_DAYS", "abc", RETENTION.format("'abc'")),
        ("QUERY_LOG_RETENTION_DAYS", "true", RETENTION.format("True")),
        # "keep for ever" as an operator writes it: past year 1 the writer could not compute the oldest day to keep
        ("QUERY_LOG_RETENTION_DAYS", "999999", RETENTION.format("999999")),
        ("QUERY_LOG_RETENTION_DAYS", "99999999999999999999", RETENTION.format("99999999999999999999")),
        ("QUERY_LOG_RETENTION_DAYS", str(MAX_RETENTION_DAYS + 1), RETENTION.format(MAX_RETENTION_DAYS + 1)),
    ],
)
def test_a_setting_the_app_cannot_use_is_refused_at_start(monkeypatch, fixture_index, key, value, message):
    with pytest.raises(SettingsError) as refused:
        app_from_environment(monkeypatch, fixture_index, **{key: value})
    assert str(refused.value) == message, "one line that names the setting"


@pytest.mark.parametrize("days", ["30", "1", str(MAX_RETENTION_DAYS)])
def test_a_retention_kept_as_digits_is_that_many_days(monkeypatch, fixture_index, days):
    app = app_from_environment(monkeypatch, fixture_index, QUERY_LOG_RETENTION_DAYS=days)
    assert app.extensions["querylog"].retention_days == int(days), f"{days} days"


@pytest.mark.parametrize("command", [[], ["--check"], ["insights"]])
@pytest.mark.parametrize("days", ["-1", "999999"])
def test_the_commands_refuse_a_bad_setting_in_one_line(fixture_index, command, days):
    env = {**os.environ, "FLASK_INDEX_DIR": str(fixture_index), "FLASK_QUERY_LOG_RETENTION_DAYS": days}
    done = subprocess.run(
        [sys.executable, "-m", "webapp", *command], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, "exit code"
    assert done.stderr == f"Error: {RETENTION.format(days)}\n", "one line, no traceback"


# -- One deployment folder, the defaults of both commands --------------------------

SYNONYMS = """
[expand]
# visitors say jetty; the pages say quay
"brygga" = ["kaj"]
"""


def test_the_server_serves_what_the_indexer_built_in_the_same_folder(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})
    (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    built = indexer("build", cwd=tmp_path)  # the defaults: --corpus corpus --index instance/index
    assert built.returncode == 0, built.stderr
    home = {"HOME": str(tmp_path / "home"), "XDG_RUNTIME_DIR": ""}
    with running_server(None, workers=1, cwd=tmp_path, env=home) as base:  # no FLASK_INDEX_DIR either
        status, found = get_json(base, "/api/search", q="brygga")
    assert status == 200, "the server found the index the indexer built"
    assert [hit["title"] for hit in found["results"]] == ["Ystads kommun"], "found through corpus/synonyms.toml"
    log = (tmp_path / "instance" / "server.log").read_text()
    assert "note:" not in log, "nothing is missing"
    assert not (tmp_path / "home").exists(), "nothing written outside the deployment (no gunicorn control socket)"


def test_the_server_without_an_index_says_where_it_looked_and_how_to_build_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLASK_")}
    done = subprocess.run(
        [sys.executable, "-m", "webapp"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: no search index at {tmp_path / 'instance' / 'index'}: run python -m indexer build first\n",
    ), "the index of this folder, and the command that builds it here"


NO_CORPUS = "no corpus folder at {}/corpus (CORPUS_DIR): the webhook's update has no pages to read"
NO_SYNONYMS = "no synonyms file at {}/corpus/synonyms.toml (SYNONYMS_FILE): searches use the shipped base list alone"


@pytest.mark.parametrize(
    ("corpus", "synonyms", "config", "notes"),
    [
        (True, True, {}, []),
        (True, False, {}, [NO_SYNONYMS]),
        (True, False, {"SYNONYMS_FILE": ""}, []),  # no synonyms, on purpose
        (False, False, {}, [NO_CORPUS, NO_SYNONYMS]),
    ],
)
def test_missing_editors_data_is_named_at_start(tmp_path, monkeypatch, fixture_index, corpus, synonyms, config, notes):
    monkeypatch.chdir(tmp_path)  # the defaults: corpus and corpus/synonyms.toml here
    if corpus:
        (tmp_path / "corpus").mkdir()
    if synonyms:
        (tmp_path / "corpus" / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
    app = create_app({"INDEX_DIR": str(fixture_index), **config})
    assert missing_data(app.config) == [note.format(tmp_path) for note in notes], "one line for each"


def test_the_insights_command_says_when_there_is_no_query_log(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "webapp", "insights", "--index", str(tmp_path / "none" / "index")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (
        1,
        f"Error: no query log at {tmp_path}/none/index.querylog.sqlite3: is the index the one the server serves?\n",
    ), "one line, not an empty report"


# -- A page number out of range ------------------------------------------------


@pytest.mark.parametrize(
    ("query_string", "message"),
    [
        ({"page": "-1"}, "Sidnumret måste vara mellan 1 och 1000."),
        ({"page": "0"}, "Sidnumret måste vara mellan 1 och 1000."),
        ({"page": "99999"}, "Sidnumret måste vara mellan 1 och 1000."),
        ({"per_page": "-5"}, "Antalet träffar per sida måste vara mellan 1 och 50."),
        ({"page": "två"}, "Sidnumret måste vara ett heltal mellan 1 och 1000, inte 'två'."),
        ({"page": "1.5"}, "Sidnumret måste vara ett heltal mellan 1 och 1000, inte '1.5'."),
        ({"page": "١٢"}, "Sidnumret måste vara ett heltal mellan 1 och 1000, inte '١٢'."),
    ],
)
def test_a_number_out_of_range_is_answered_with_the_range(client, query_string, message):
    response = client.get("/api/search", query_string=query_string)
    assert response.status_code == 400, "status"
    assert response.get_json()["error"] == message, "the message"


# -- The query log deleted under a running server ------------------------------


def logged_queries(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:  # creates nothing
        return [row[0] for row in connection.execute("SELECT query FROM searches ORDER BY query")]


def written(path: Path) -> bool:
    try:
        return bool(logged_queries(path))
    except sqlite3.Error:
        return False


def test_a_query_log_deleted_while_serving_is_made_anew(fixture_index, tmp_path):
    path = tmp_path / "instance" / "index.querylog.sqlite3"
    path.parent.mkdir()
    app = create_app({"INDEX_DIR": str(fixture_index), "QUERY_LOG_FILE": str(path)})
    client = app.test_client()
    client.get("/api/search?q=hamn")
    deadline = time.monotonic() + 10
    while not written(path) and time.monotonic() < deadline:  # the writer's first batch, within a second
        time.sleep(0.05)
    for file in path.parent.iterdir():
        file.unlink()  # the operator clears instance/ while the server runs
    client.get("/api/search?q=kaj")
    app.extensions["querylog"].close()  # the server stops: what is waiting is written
    assert logged_queries(path) == ["kaj"], "the later search is in a log that exists"


FULL_DISK = """
import logging, resource, sys
from pathlib import Path
from webapp.querylog import QueryLog
logging.basicConfig(level=logging.ERROR, format="%(message)s")
path = Path(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))  # the disk fills at 64 kB
log = QueryLog(path, retention_days=30)
for n in range(5000):
    log.put(("search", "2026-11-27", f"fråga {n} " + "x" * 100, 1, False, False, (), False))
log.close()
"""


def test_a_full_disk_is_named_in_the_query_logs_line(tmp_path):
    path = tmp_path / "index.querylog.sqlite3"
    done = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True, timeout=60)
    # the write's own error (a file-size limit is an I/O error to SQLite), not "cannot rollback - no transaction"
    assert done.stderr == f"query log: 5000 entries dropped ({path}: disk I/O error)\n", "the loss and its cause"
