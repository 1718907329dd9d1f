"""The product as a visitor meets it: the real corpus, the real production server
process, queries over HTTP."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from .conftest import REPO


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(base: str, path: str, **params):
    url = base + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get_content_type(), response.read().decode("utf-8")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    index = tmp_path_factory.mktemp("e2e") / "index"
    subprocess.run([sys.executable, "-m", "indexer", "build", "--corpus", str(REPO / "corpus"),
                    "--index", str(index)], check=True, capture_output=True, cwd=REPO)
    port = free_port()
    env = {**os.environ, "FLASK_INDEX_DIR": str(index)}
    process = subprocess.Popen(
        [sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            get(base, "/api/search")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(process.stdout.read().decode()) from None
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
    process.stdout.close()


def test_high_speed_rail_finds_jonkoping_first_with_a_mark(server):
    status, mimetype, body = get(server, "/api/search", q="höghastighetsjärnväg")
    first = json.loads(body)["results"][0]
    assert (status, mimetype) == (200, "application/json")
    assert (first["title"], first["region"]) == ("Jönköpings kommun", "Jönköpings län")
    assert "<mark>" in first["snippet"]


def test_empty_query_counts_four_sections_in_skane(server):
    facets = json.loads(get(server, "/api/search")[2])["facets"]["region"]
    assert {"value": "Skåne län", "count": 4, "selected": False} in facets


def test_the_page_is_served_in_swedish(server):
    status, mimetype, body = get(server, "/", q="hamn")
    assert (status, mimetype) == (200, "text/html")
    assert '<html lang="sv">' in body and "Trelleborgs kommun" in body


def test_bad_parameter_is_400_over_http(server):
    with pytest.raises(urllib.error.HTTPError) as error:
        get(server, "/api/search", page="x")
    assert error.value.code == 400
    assert list(json.loads(error.value.read())) == ["error"]
