"""Where a crawled page is stored: a path from its URL that is safe on any file
system, a valid section id, and never outside the corpus folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.mirror import CRAWL_MANIFEST, FORMAT, Mirror, MirrorError, page_path
from webapp.params import section_id


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://tillvaxtverket.se/vara-program/stader.html", "tillvaxtverket.se/vara-program/stader.html"),
        ("https://tillvaxtverket.se/vara-program/", "tillvaxtverket.se/vara-program/index.html"),
        ("https://tillvaxtverket.se/om-oss", "tillvaxtverket.se/om-oss.html"),
        ("https://tillvaxtverket.se", "tillvaxtverket.se/index.html"),
        ("https://TILLVAXTVERKET.se/a//b", "tillvaxtverket.se/a/b.html"),
        ("http://127.0.0.1:8000/nyheter/", "127.0.0.1_8000/nyheter/index.html"),
        ("https://x.se/rapport.htm", "x.se/rapport.htm.html"),
        ("https://x.se/nyheter/stader.html?sida=2", "x.se/nyheter/stader-q<hash>.html"),
        ("https://x.se/Om-oss", "x.se/om-oss-<hash>.html"),
        ("https://x.se/n%C3%A4ringsliv/", "x.se/naringsliv-<hash>/index.html"),
        ("https://x.se/a/../../etc/passwd", "x.se/a/_-<hash>/_-<hash>/etc/passwd.html"),
        ("https://x.se/con", "x.se/_con-<hash>.html"),
        ("https://x.se/.git/config", "x.se/git-<hash>/config.html"),
    ],
)
def test_a_url_is_stored_at_a_readable_safe_path(url, path):
    """<hash>: six hex digits of the original part, added when the part had to change."""
    pattern = re.escape(path).replace("<hash>", "[0-9a-f]{6}")
    assert re.fullmatch(pattern, page_path(url)), f"stored at {page_path(url)}"


@given(path=st.text(max_size=300), query=st.text(max_size=50))
def test_any_url_gives_a_path_that_is_a_section_id_inside_the_corpus(path, query):
    url = f"https://x.se/{path}" + (f"?{query}" if query else "")
    stored = page_path(url)
    assert section_id(stored.removesuffix(".html")) == stored.removesuffix(".html"), "a valid section id"
    assert stored.endswith(".html")
    assert all(0 < len(part) <= 100 for part in stored.split("/")), "every part is short and not empty"
    corpus = Path("/corpus")
    assert (corpus / stored).resolve().is_relative_to(corpus)


def test_two_urls_that_reduce_to_one_path_get_two_files(tmp_path):
    mirror = Mirror(tmp_path)
    mirror.store("https://x.se/a", b"<p>a</p>", "2026-01-01T00:00:00+00:00", None, None)
    mirror.store("https://x.se/a.html", b"<p>b</p>", "2026-01-01T00:00:00+00:00", None, None)
    paths = {record.path for record in mirror.pages.values()}
    assert len(paths) == 2
    assert sorted((tmp_path / p).read_bytes() for p in paths) == [b"<p>a</p>", b"<p>b</p>"]


def write_manifest(corpus: Path, path) -> None:
    """A crawl manifest (someone else may write it) that stores one page at ``path``."""
    record = {"path": path, "fetched": "2026-01-01T00:00:00+00:00", "etag": None, "last_modified": None}
    manifest = {"format": FORMAT, "pages": {"https://x.se/gammal.html": record}}
    (corpus / CRAWL_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize(
    "path",
    ["../victim.txt", "x.se/../../victim.txt", "/etc/hostname", "", ".", "x.se/link-out/page.html"],
)
def test_a_manifest_that_stores_a_page_outside_the_corpus_folder_is_refused_whole(tmp_path, path):
    corpus = tmp_path / "corpus"
    (corpus / "x.se").mkdir(parents=True)
    (corpus / "x.se" / "link-out").symlink_to(tmp_path)
    write_manifest(corpus, path)
    with pytest.raises(MirrorError) as refused:
        Mirror.load(corpus)
    assert str(refused.value) == (
        f"{CRAWL_MANIFEST} in {corpus} stores https://x.se/gammal.html outside the corpus folder, "
        f"at {path!r}; remove it to crawl afresh"
    ), "one line that names the page, the path and the way out"


def test_a_manifest_that_stores_pages_inside_the_corpus_folder_loads(tmp_path):
    write_manifest(tmp_path, "x.se/gammal.html")
    assert Mirror.load(tmp_path).pages["https://x.se/gammal.html"].path == "x.se/gammal.html"
