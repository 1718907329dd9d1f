"""What a page says of where it comes from, read as a visitor reads it: the encoding its bytes are in, its public
address, its date and owner lines, and who publishes it. The pages are written here, each in the way an older
site or another CMS writes it."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from indexer.build import build, decode_page
from indexer.crawl import CrawlPlan, crawl
from indexer.fetch import Politeness
from testkit.http_site import Site
from webapp import create_app

from .conftest import write_corpus

# -- Encoding: a declared label read as browsers read it -----------------------------------------------------------


def legacy_page(head: str, title: str, text: str, encoding: str = "windows-1252") -> bytes:
    """An old static page in ``encoding``, declaring its encoding by ``head`` (a <meta> or an XML declaration)."""
    prolog = head if head.startswith("<?xml") else ""
    meta = "" if prolog else head
    return (
        f"{prolog}<!DOCTYPE html><html lang='sv'><head>{meta}<title>{title}</title></head>"
        f"<body><div id='text'><h1>{title}</h1><p>{text}</p></div></body></html>"
    ).encode(encoding)


@pytest.mark.parametrize(
    ("head", "encoding", "words"),
    [
        ('<meta charset="iso-8859-1">', "windows-1252", "Torget – etapp 2"),
        ('<meta charset="ISO-8859-1">', "windows-1252", "Kajen, ”den nya”"),
        ("<meta charset=latin1>", "windows-1252", "Åpromenaden 2019–2021"),
        ('<meta charset="l1">', "windows-1252", "Bussar … och tåg"),
        ('<meta charset="us-ascii">', "windows-1252", "Hamnen – ”Kvarteret Ankaret”"),
        ('<meta charset="ascii">', "windows-1252", "Skolan • förskolan"),
        ('<meta charset="iso_8859-1">', "windows-1252", "‘Lilla torget’ – klart"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "windows-1252", "Växjö – Alvesta"),
        ("<?xml version='1.0' encoding='iso-8859-1'?>", "windows-1252", "Gällivare – Kiruna"),
        ('<meta charset="iso-8859-9">', "windows-1254", "Göteborg – Borås"),
        ('<meta charset="windows-1252">', "windows-1252", "Resecentrum – 2026"),
        ('<meta charset="iso-8859-2">', "iso-8859-2", "Łódź och Gdańsk"),
        ('<meta charset="iso-8859-15">', "iso-8859-15", "Biljetten kostar 20 €"),
    ],
)
def test_a_declared_label_is_read_as_a_browser_reads_it(head, encoding, words):
    text = decode_page(legacy_page(head, "Projektet", words, encoding))
    assert f"<p>{words}</p>" in text, f"{head}: the page's words as written"
    controls = [char for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t\r"]
    assert controls == [], f"{head}: no control character in the text"


def test_a_page_declared_latin_1_is_searched_and_shown_with_its_dashes_and_quotes(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {})
    page = legacy_page('<meta charset="iso-8859-1">', "Stationsområdet – nya bostäder", "Ett ”nytt” resecentrum.")
    (corpus / "kommunen.se" / "projekt").mkdir(parents=True)
    (corpus / "kommunen.se" / "projekt" / "stationen.html").write_bytes(page)
    build(corpus, tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hit = client.get("/api/search?q=resecentrum").get_json()["results"][0]
    assert hit["title"] == "Stationsområdet – nya bostäder", "the en dash of byte 0x96"
    assert "”nytt”" in hit["snippet"], "the quotes of bytes 0x94"
    html = client.get(f"/avsnitt/{hit['id']}").get_data(as_text=True)
    assert "\x96" not in html and "\x94" not in html, "no control character on the section page"


def test_a_crawled_page_declared_latin_1_is_read_as_windows_1252(tmp_path: Path):
    page = legacy_page('<meta charset="iso-8859-1">', "Cykelplan – remiss", "Svara senast ”1 mars”.")
    with Site() as site:
        site.file("/cykelplan.html", page, "text/html; charset=iso-8859-1")
        plan = CrawlPlan(starts=(site.url("/cykelplan.html"),), politeness=Politeness(delay=0, timeout=2))
        crawl(tmp_path / "corpus", tmp_path / "index", plan)
    build(tmp_path / "corpus", tmp_path / "index")
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "index")}).test_client()
    hit = client.get("/api/search?q=cykelplan").get_json()["results"][0]
    assert hit["title"] == "Cykelplan – remiss", "the en dash of byte 0x96"
