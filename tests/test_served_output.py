"""What the service sends is well-formed and its own: feeds that always parse,
addresses from configuration rather than from the request, bounded pages,
security headers even on the answers gunicorn writes itself, and a server log
that says what gunicorn refused without the visitor's address or request."""

from __future__ import annotations

import json
import logging
import socket
import xml.etree.ElementTree as ET

import pytest

from testkit.server import get, serving_corpus
from webapp import create_app
from webapp.errors import MESSAGES
from webapp.params import MAX_QUERY_CHARS, MAX_REQUEST_LINE
from webapp.section import MAX_SECTION_CHARS
from webapp.serverlog import PRIVATE

from .conftest import PROGRAM_PAGE, REAL_CORPUS, client_for, write_corpus

ATOM = {"a": "http://www.w3.org/2005/Atom"}
CONTROL_PAGE = "<h1>Styrtecken</h1><p>hamn&#1; med &#xFFFE; och &#x1F; tecken</p>"


@pytest.mark.parametrize(
    "path",
    ["/feed", "/feed?q=hamn", "/feed?x=%EF%BF%BE", "/feed?q=%EF%BF%BE", "/feed?q=ham%01n", "/feed?region=%EF%BF%BF"],
)
def test_the_feed_is_well_formed_xml_whatever_pages_and_queries_hold(tmp_path, path):
    client = client_for(tmp_path, {"styr.html": CONTROL_PAGE})
    response = client.get(path)
    assert response.status_code == 200
    ET.fromstring(response.data)  # raises on malformed XML


def test_the_feed_keeps_the_text_around_characters_xml_forbids(tmp_path):
    client = client_for(tmp_path, {"styr.html": CONTROL_PAGE})
    root = ET.fromstring(client.get("/feed?q=hamn").data)
    assert "hamn" in root.find("a:entry/a:summary", ATOM).text


def test_feed_addresses_come_from_public_url_never_from_the_host_header(tmp_path):
    client_for(tmp_path, {"styr.html": CONTROL_PAGE})
    app = create_app({"INDEX_DIR": str(tmp_path / "index"), "PUBLIC_URL": "https://sok.example.se/"})
    response = app.test_client().get("/feed?q=hamn&x=1", headers={"Host": "evil.example"})
    root = ET.fromstring(response.data)
    assert b"evil.example" not in response.data
    assert root.findtext("a:id", namespaces=ATOM) == "https://sok.example.se/feed?q=hamn"
    assert root.find("a:link[@rel='alternate']", ATOM).get("href") == "https://sok.example.se/?q=hamn"


@pytest.mark.parametrize("path", ["//feed", "/avsnitt//x", "//"])
def test_redirects_never_name_the_host_the_request_claimed(client, path):
    response = client.get(path, headers={"Host": "evil.example"})
    assert response.status_code in (301, 308), "a path with // is redirected to its clean form"
    assert response.headers["Location"].startswith("/"), "a local redirect"
    assert "evil.example" not in response.headers["Location"], "never to another host"


def test_a_huge_section_shows_its_beginning_with_a_notice(tmp_path):
    paragraph = "Hamnen i Ystad byggs om med nya kajer och bostäder. " * 20
    client = client_for(tmp_path, {"jatte.html": "<h1>Jätte</h1>" + f"<p>{paragraph}</p>" * 500})  # 0.5 MB
    hit = client.get("/api/search?q=ystad").get_json()["results"][0]
    data = client.get(f"/api/sections/{hit['id']}").get_json()
    assert data["truncated"] is True
    assert MAX_SECTION_CHARS // 2 < sum(len(p) for p in data["paragraphs"]) <= MAX_SECTION_CHARS + 1000
    page = client.get(f"/avsnitt/{hit['id']}")
    assert len(page.data) < 4 * MAX_SECTION_CHARS
    assert "Här visas början; hela texten finns på källsidan." in page.get_data(as_text=True)


def test_an_ordinary_section_is_shown_whole(client):
    data = client.get("/api/sections/program/ystads-kommun").get_json()
    assert data["truncated"] is False


def test_the_servers_own_error_pages_carry_the_security_headers(tmp_path):
    import shutil
    import urllib.error
    import urllib.request

    corpus = shutil.copytree(REAL_CORPUS, tmp_path / "corpus")
    with serving_corpus(corpus, tmp_path) as base:
        assert get(base, "/api/healthz")[0] == 200
        try:
            urllib.request.urlopen(base + "/?q=" + "x" * 9000, timeout=10)
            raise AssertionError("a request line of 9,000 bytes is refused by gunicorn")
        except urllib.error.HTTPError as error:
            status, headers = error.code, error.headers
    assert status == 414
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert headers["X-Content-Type-Options"] == "nosniff", "X-Content-Type-Options"
    assert headers["X-Frame-Options"] == "DENY", "X-Frame-Options"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The production server (gunicorn) over the tiny program page."""
    folder = tmp_path_factory.mktemp("served")
    with serving_corpus(write_corpus(folder / "corpus", {"program.html": PROGRAM_PAGE}), folder) as base:
        yield base


#: Queries of emoji (12 bytes each in a URL, percent-encoded), where they go, and who answers what: 400 emoji met
#: gunicorn's default limit (4,094 bytes) and its English HTML 414, also under /api/.
LONG_QUERIES = [
    ("/api/search", MAX_QUERY_CHARS, 200, "application/json"),
    ("/api/sections/program/boverket", MAX_QUERY_CHARS, 200, "application/json"),
    ("/api/search", MAX_QUERY_CHARS + 1, 400, "application/json"),
    ("/", MAX_QUERY_CHARS + 1, 400, "text/html"),
]


@pytest.mark.parametrize(("path", "emoji", "status", "content_type"), LONG_QUERIES)
def test_a_long_query_of_any_characters_is_answered_by_the_app(served, path, emoji, status, content_type):
    answer, kind, body = get(served, path, q="🏠" * emoji)
    assert (answer, kind) == (status, content_type), f"the app's own answer: {body[:200]}"


def test_a_query_past_its_limit_in_the_api_is_the_swedish_json_error(served):
    _, _, body = get(served, "/api/search", q="🏠" * (MAX_QUERY_CHARS + 1))
    assert json.loads(body)["error"].startswith("Sökfrågan är för lång"), "the one error shape, in Swedish"


def test_a_request_line_past_the_servers_limit_is_a_short_swedish_414(served):
    status, kind, body = get(served, "/api/search", q="x" * MAX_REQUEST_LINE)
    assert (status, kind) == (414, "text/html"), "gunicorn's own answer, as the API description says"
    assert MESSAGES[414] in body, "in Swedish"
    assert "Request Line" not in body, "without gunicorn's English detail"


#: Request lines gunicorn refuses before the app sees them (a client that does not percent-encode), the
#: answer, what its log line must say about it, and the parts of the request a log line must never hold.
REFUSED = [
    (b"GET /?q=19800101-1234 anna@kalmar.se HTTP/1.1", 400, "Invalid HTTP Version", ["19800101", "anna", "kalmar"]),
    (b"GET /?q=070-1234567 storgatan 12 HTTP/1.1", 400, "Invalid HTTP Version", ["1234567", "storgatan"]),
    ("GET /api/search?q=stationsområdet HTTP/1.1".encode(), 400, "Invalid HTTP request line", ["stationsomr"]),
    (b"GET /?q=sara.nilsson@exempel.se" + b"x" * 9000 + b" HTTP/1.1", 414, "Request Line is too large", ["nilsson"]),
]


def raw_status(base: str, request_line: bytes) -> int:
    """The status gunicorn answers to ``request_line`` sent as it is, on a raw socket."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request_line + b"\r\nHost: x\r\n\r\n")
        head = connection.recv(64)
    return int(head.split()[1])


def test_the_server_log_says_what_gunicorn_refused_without_the_address_or_the_request(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})
    with serving_corpus(corpus, tmp_path) as base:
        for request_line, status, _, _ in REFUSED:
            assert raw_status(base, request_line) == status, f"the answer to {request_line[:50]!r}"
    lines = [line for line in (tmp_path / "server.log").read_text().splitlines() if not line.startswith("Serving on")]
    log = "\n".join(lines)
    for request_line, _, said, never in REFUSED:
        assert said in log, f"the log says {said!r} for {request_line[:50]!r}"
        for text in never:
            assert text not in log, f"the log holds {text!r} of {request_line[:50]!r}"
    assert "127.0.0.1" not in log, "the log holds the visitor's address"
    assert "ip=" not in log, "the log names an address at all"


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "2001:db8::7"])
def test_a_refused_request_is_logged_without_its_address_of_either_ip_version(address):
    message = f"Invalid request from ip={address}: Invalid HTTP Version: 'anna@kalmar.se HTTP/1.1'"
    record = logging.makeLogRecord({"msg": message})
    assert PRIVATE.filter(record), "the line is kept"
    assert record.getMessage() == "Invalid request refused: Invalid HTTP Version", "no address, no request text"


@pytest.mark.parametrize(
    ("uri", "logged"),
    [
        ("/?q=anna@kalmar.se", "GET /"),
        ("/avsnitt/a/b?q=070-1234567", "GET /avsnitt/a/b"),
        ("/anna@kalmar.se", "GET /[e-post]"),
    ],
)
def test_a_request_the_app_failed_on_is_logged_with_its_masked_path_never_its_query(uri, logged):
    record = logging.makeLogRecord({"msg": "Error handling request %s %s", "args": ("GET", uri)})
    assert PRIVATE.filter(record), "the line is kept"
    assert record.getMessage() == f"Error handling request {logged}", "the method and the masked path only"
