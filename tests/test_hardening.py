"""Hostile queries, parameters and content: nothing a visitor or an editor sends
crashes, hangs or injects. The property tests in test_properties.py cover
arbitrary input; these are the inputs known to break search engines."""

import re
import time

import pytest
from bs4 import BeautifulSoup

from indexer.build import build
from indexer.parse import TOO_DEEP
from indexer.store import IndexStore, IndexUnsafe
from testkit.nasty import NASTY_QUERIES
from webapp import create_app
from webapp.query import MAX_QUERY_LOOKUPS, compile_query
from webapp.syntax import parse

from .conftest import PROGRAM_PAGE, write_corpus


@pytest.mark.parametrize("q", NASTY_QUERIES)
def test_nasty_queries_are_answered_quickly_and_safely(client, q):
    start = time.monotonic()
    api = client.get("/api/search", query_string={"q": q})
    page = client.get("/", query_string={"q": q})
    assert (api.status_code, page.status_code) in {(200, 200), (400, 400)}
    assert time.monotonic() - start < 4
    if api.status_code == 200:
        for hit in api.get_json()["results"]:
            assert set(re.findall(r"</?[^>]*>", hit["snippet"])) <= {"<mark>", "</mark>"}
    soup = BeautifulSoup(page.data, "html.parser")
    assert {s.get("src") for s in soup.select("script")} <= {"/static/search.js"}
    assert not soup.select("img, [onerror], [onclick]")


def test_a_query_of_10000_characters_is_a_400_in_swedish(client):
    response = client.get("/api/search", query_string={"q": "a" * 10_000})
    assert response.status_code == 400, "status code"
    assert response.get_json() == {"error": "Sökfrågan är för lång: högst 500 tecken.", "parameter": "q"}, "the error"


def test_too_many_words_are_cut_with_a_notice(client):
    data = client.get("/api/search", query_string={"q": " ".join(["hamn"] * 40)}).get_json()
    assert data["notice"] == "Sökningen hade för många ord. Bara de 32 första användes."


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?page=-1",
        "/api/search?page=1e3",
        "/api/search?per_page=abc",
        "/api/search?sort=%3Cx%3E",
        "/api/search?region=" + "x" * 101,
        "/api/search?" + "&".join(["kind=a"] * 31),
        "/feed?q=" + "x" * 501,
        "/feed?region=" + "x" * 101,
        "/?page=%00",
        "/api/suggest?q=" + "a" * 101,
        "/avsnitt/../../etc/passwd",
        "/avsnitt/a%00b",
        "/avsnitt/a//b",
        "/api/sections/..%2F..%2Fetc%2Fpasswd",
        "/avsnitt/" + "a" * 301,
    ],
)
def test_invalid_parameters_and_section_ids_are_400_with_the_error_shape(client, path):
    response = client.get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert set(response.get_json()) in ({"error"}, {"error", "parameter"}), "the one error shape"
    elif path.startswith("/feed"):
        assert response.mimetype == "text/plain", "the feed's errors are a line of text"
    else:
        assert BeautifulSoup(response.data, "html.parser").select_one("[role=alert]").get_text()


def test_unknown_facet_values_and_parameters_give_an_empty_result_not_an_error(client):
    data = client.get("/api/search?region=Narnia&kind=%F0%9F%9A%A2&utm_source=x").get_json()
    assert data["total"] == 0, "total"
    assert data["results"] == [], "results"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=hamn",
        "/api/search?q=hamn",
        "/feed",
        "/avsnitt/program/boverket",
        "/api/search?page=x",
        "/nope",
        "/static/style.css",
    ],
)
def test_every_response_carries_the_security_headers(client, path):
    with client.get(path) as response:
        headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


def test_no_inline_script_or_style_in_any_template(client):
    for path in ["/", "/?q=sundsval", "/?q=zebrafink", "/avsnitt/program/boverket", "/tillganglighet", "/nope"]:
        soup = BeautifulSoup(client.get(path).data, "html.parser")
        assert all(s.get("src") for s in soup.select("script")), "only external scripts"
        assert not soup.select("style, [style]"), "no inline styles"


def test_an_internal_error_is_a_generic_500_with_no_trace_and_is_logged(fixture_index, monkeypatch, caplog):
    from webapp import index

    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(index, "search", broken)
    client = create_app({"INDEX_DIR": str(fixture_index)}).test_client()
    response = client.get("/api/search?q=hamn")
    assert response.status_code == 500, "status code"
    assert response.get_json() == {"error": "Något gick fel hos oss. Försök igen om en stund."}, "the error message"
    assert b"secret" not in response.data, "no secret"
    assert b"Traceback" not in response.data, "no traceback"
    assert "secret internal detail" in caplog.text


def test_a_search_out_of_time_returns_what_it_has_with_a_notice(fixture_index):
    app = create_app({"INDEX_DIR": str(fixture_index)})
    app.config["SEARCH_TIME_LIMIT"] = -1  # a budget spent before the search starts (start refuses it as a setting)
    data = app.test_client().get("/api/search?q=hamn").get_json()
    assert data["notice"] == "Sökningen tog för lång tid och avbröts. Resultaten kan vara ofullständiga."


HOSTILE_PREFIXES = " | ".join(["oooooooo*"] * 41)  # each has 256 spellings with å, ä, ö


def test_all_prefixes_of_one_query_together_make_a_bounded_number_of_lookups(real_client, monkeypatch):
    from whoosh.reading import IndexReader

    lookups = []
    real = IndexReader.expand_prefix
    monkeypatch.setattr(IndexReader, "expand_prefix", lambda self, *a: lookups.append(a) or real(self, *a))
    data = real_client.get("/api/search", query_string={"q": HOSTILE_PREFIXES}).get_json()
    assert len(lookups) <= MAX_QUERY_LOOKUPS, "the whole query's expansion is bounded, not each prefix's"
    assert data["notice"] == "Sökningen hade för många ord med *. De sista söktes inte på alla sätt."


def test_an_ordinary_prefix_query_is_expanded_in_full_without_a_notice(real_client):
    data = real_client.get("/api/search", query_string={"q": "hamn* ELLER kust*"}).get_json()
    assert data["notice"] is None, "notice"
    assert data["total"] > 0, "hits"


def test_the_deadline_is_checked_while_the_query_is_compiled(real_index):
    from whoosh import index as whoosh_index

    with whoosh_index.open_dir(str(IndexStore(real_index).current())).searcher() as searcher:
        compiled = compile_query(parse("hamn kust bostad"), searcher, deadline=time.monotonic() - 1)
    assert compiled.late, "late"
    assert compiled.query is None, "query"


def test_an_index_others_can_write_is_never_opened(tmp_path):
    corpus = write_corpus(tmp_path / "c", {"p.html": PROGRAM_PAGE})
    build(corpus, tmp_path / "index")
    generation = IndexStore(tmp_path / "index").current()
    assert generation.stat().st_mode & 0o777 == 0o755
    generation.chmod(0o777)
    with pytest.raises(IndexUnsafe):
        IndexStore(tmp_path / "index").current()
    response = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client().get("/api/search")
    assert response.status_code == 503, "status code"
    assert response.get_json()["error"] == "Sökindexet kan inte användas just nu. Försök igen senare.", "error"


HOSTILE_PAGES = {
    "script.html": '<h1>Skript</h1><p>Före<script>document.write("<b>x</b>")</script> efter '
    '<a href="javascript:alert(1)" onclick="alert(2)">länk</a></p>',
    "entities.html": "<h1>Tecken &amp; entiteter</h1><p>&lt;img src=x onerror=alert(1)&gt; &quot;citat&quot; "
    "&#229;&#228;&#246; &nbsp;hamn</p>",
    "long.html": "<h1>Lång rad</h1><p>" + "hamn " * 100_000 + "</p>",
    "broken.html": "<h1>Trasig<p>Ingen slut<div><p>hamn i <b>fet <i>kursiv</p></div><h2>Tom</h2><h2>Tom</h2>",
    "duplicates.html": "<h1>Dubbla</h1><p>a</p><h2>Mål</h2><p>ett</p><h2>Mål</h2><p>två</p>",
    "deep.html": "<h1>Djup</h1>" + "<div>" * 3000 + "<p>x</p>" + "</div>" * 3000,
}


def test_hostile_and_broken_pages_are_indexed_safely_or_skipped_by_name(tmp_path):
    corpus = write_corpus(tmp_path / "c", HOSTILE_PAGES)
    (corpus / "latin1.html").write_bytes("<h1>Åre</h1><p>Fjällen kring Åre.</p>".encode("latin-1"))
    (corpus / "huge.html").write_bytes(b"<h1>Stor</h1><p>" + b"x " * 3_000_000 + b"</p>")
    report = build(corpus, tmp_path / "index")
    assert sorted((s.page, s.reason) for s in report.skipped) == [
        ("broken.html", 'the page has no text, only the heading "Trasig Ingen slut hamn i fet kursiv Tom Tom"'),
        ("deep.html", TOO_DEEP),
        ("huge.html", "larger than 5 MB"),
    ]
    client = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    ids = [r["id"] for r in client.get("/api/search?per_page=50").get_json()["results"]]
    assert {"duplicates/mal", "duplicates/mal-2", "latin1/are"} <= set(ids)
    for q in ["onerror", "alert", "hamn", "citat", "Åre", "document"]:
        page = BeautifulSoup(client.get("/", query_string={"q": q}).data, "html.parser")
        assert [s.get("src") for s in page.select("script")] == ["/static/search.js"]
        assert not page.select("img, b, i, [onclick], [onerror], a[href^=javascript]")
    assert client.get("/api/search?q=document.write").get_json()["total"] == 0  # script text is not content
    entity = client.get("/api/search?q=citat").get_json()["results"][0]["snippet"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in entity, "escaped"
    assert "<img" not in entity, "no raw tag"
    assert client.get("/api/search?q=fjällen").get_json()["results"][0]["title"] == "Åre"


def test_logs_carry_no_visitor_addresses(fixture_index, caplog):
    client = create_app({"INDEX_DIR": str(fixture_index)}).test_client()
    client.get("/api/search?q=hamn", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    client.get("/nope", environ_base={"REMOTE_ADDR": "203.0.113.7"})
    assert "203.0.113.7" not in caplog.text


def test_the_production_server_writes_no_access_log():
    from webapp import serve

    assert "accesslog" in serve.SERVER_OPTIONS, "an access log option"
    assert serve.SERVER_OPTIONS["accesslog"] is None, "no access log"


def test_feed_summaries_are_the_escaped_snippet_never_live_markup(tmp_path):
    import xml.etree.ElementTree as ET

    page = (
        "<h1>Flöde</h1><p>x</p><h2>Projekt</h2><h3>Hamnen</h3><p>&lt;img src=x onerror=alert(1)&gt; hamn &amp; kaj</p>"
    )
    build(write_corpus(tmp_path / "c", {"f.html": page}), tmp_path / "index")
    client = create_app({"INDEX_DIR": str(tmp_path / "index")}).test_client()
    root = ET.fromstring(client.get("/feed?q=hamn").data)
    summary = root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert list(summary) == []  # no XML elements inside: the HTML is text
    assert summary.text == "&lt;img src=x onerror=alert(1)&gt; <mark>hamn</mark> &amp; kaj"


@pytest.mark.parametrize(
    ("href", "url"),
    [
        ("javascript:alert(1)", "f.html#flode"),
        ("data:text/html,<script>", "f.html#flode"),
        ("//evil.example/x", "f.html#flode"),
        ('https://ok.example/a"onmouseover="x', "f.html#flode"),
        ("https://ok.example/sida.html#gammal", "https://ok.example/sida.html#flode"),
    ],
)
def test_only_http_canonical_addresses_become_links(tmp_path, href, url):
    from indexer.parse import parse_page

    page = parse_page(
        f"<html><head><link rel=\"canonical\" href='{href}'></head><h1>Flöde</h1><p>x</p></html>", "f.html"
    )
    from indexer import gazetteer
    from indexer.corpus import CorpusData
    from indexer.describe import describe_page

    assert describe_page(page, CorpusData(), gazetteer.load())[0].url == url
