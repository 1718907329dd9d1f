"""Corpus files that once stopped the whole build with a traceback, or held the index's lock for minutes
(found by an outside tester): a file name that is not UTF-8, a symbolic link loop, a page nested
thousands of levels deep. Each is skipped by name, in one line; the other pages are indexed and the
build exits 3, as for any page it cannot read. And a damaged table of words as written beside the
served index is counted anew by the next update."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from indexer import written
from indexer.build import NAME_NOT_UTF8, build
from indexer.nesting import MAX_NESTING, depth_past
from indexer.parse import TOO_DEEP, PageError, parse_page
from indexer.store import IndexStore
from indexer.update import update
from testkit.server import indexer

from .conftest import PROGRAM_PAGE, write_corpus

LATIN1_NAME = os.fsdecode(b"G\xe4vle.html")  # "Gävle.html" as an old Windows share or zip names it


def nested(depth: int) -> str:
    """A page whose elements nest ``depth`` levels deep: ``<html>``, ``<body>``, ``<div>``s and a ``<p>``."""
    divs = depth - 3
    return "<html><body><h1>Djup</h1>" + "<div>" * divs + "<p>hamn</p>" + "</div>" * divs + "</body></html>"


@pytest.fixture(scope="module")
def trapped_build(tmp_path_factory):
    """``python -m indexer build`` (the real process) of a corpus with one good page and every trap."""
    folder = tmp_path_factory.mktemp("traps")
    corpus = write_corpus(folder / "corpus", {"program.html": PROGRAM_PAGE, "deep.html": nested(MAX_NESTING + 1)})
    (corpus / LATIN1_NAME).write_text("<h1>Gävle</h1><p>Hamnen i Gävle.</p>", encoding="utf-8")
    (corpus / "loop1.html").symlink_to("loop2.html")
    (corpus / "loop2.html").symlink_to("loop1.html")
    return indexer("build", "--corpus", str(corpus), "--index", str(folder / "index")), folder / "index"


#: Each trap, and the line that names it.
SKIPPED = [
    ("a Latin-1 file name", f"Skipped G\ufffdvle.html: {NAME_NOT_UTF8}"),
    ("a link loop", "Skipped loop1.html: a symbolic link that leads back to itself (a loop): not read"),
    ("its other end", "Skipped loop2.html: a symbolic link that leads back to itself (a loop): not read"),
    ("a page nested too deep", f"Skipped deep.html: {TOO_DEEP}"),
]


@pytest.mark.parametrize(("trap", "line"), SKIPPED)
def test_each_trap_is_skipped_by_name_in_one_line(trapped_build, trap, line):
    result, _ = trapped_build
    assert line in result.stderr.splitlines(), f"{trap}: {result.stderr}"


def test_the_build_with_traps_exits_3_without_a_traceback(trapped_build):
    result, _ = trapped_build
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 3, f"exit 3: some pages were skipped ({result.stderr})"


def test_the_other_pages_are_indexed_beside_the_traps(trapped_build):
    _, index = trapped_build
    with IndexStore(index).open().searcher() as searcher:
        pages = {fields["page"] for fields in searcher.all_stored_fields()}
    assert pages == {"program.html"}, "the good page, and nothing of the traps"


# -- How deep a page nests, before it is parsed ------------------------------------

#: Markup, and how deep its elements nest as BeautifulSoup's html.parser tree nests them.
DEPTHS = [
    ("<div><div><p>x</p></div></div>", 3),
    ("<p>a<p>b<p>c", 3),  # an unclosed <p> holds what follows it
    ("<div><p>a<p>b</div><div>c</div>", 3),  # an end tag closes what was opened inside its element
    ("<div></span></span><p>x</p></div>", 2),  # an end tag with nothing of its name open changes nothing
    ("<div><br><img src=a><hr><input></div>", 1),  # void elements hold nothing
    ("<div><div/><div/></div>", 1),  # nor do <x/> elements
    ("<div><!-- <div><div><div> --></div>", 1),  # a comment holds no markup
    ("<script>'<div><div><div>'</script><div>", 1),  # nor a script's text
    ("<STYLE>a<b{}</style><DIV><Div>", 2),  # in any case
]


@pytest.mark.parametrize(("html", "depth"), DEPTHS)
def test_the_scan_nests_elements_as_the_parser_does(html, depth):
    assert depth_past(html, depth - 1), f"deeper than {depth - 1}"
    assert not depth_past(html, depth), f"not deeper than {depth}"


def test_a_page_as_deep_as_the_limit_is_read():
    page = parse_page(nested(MAX_NESTING), "djup.html")
    assert "hamn" in page.sections[-1].text, "its paragraph is indexed"


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 100_000])
def test_a_page_nested_past_the_limit_is_refused_before_it_is_parsed(depth):
    with pytest.raises(PageError) as raised:
        parse_page(nested(depth), "djup.html")  # 100,000 levels took minutes to parse and walk
    assert str(raised.value) == TOO_DEEP, "the reason the build prints"


# -- A damaged table of words as written -------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [b"\x8b\x08garbage", b"garbage\n", b"hamn\t-3\n"],
    ids=["not UTF-8", "no tab", "a negative count"],
)
def test_an_update_counts_a_damaged_table_of_words_anew(tmp_path, damage):
    corpus = write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})
    index = tmp_path / "index"
    build(corpus, index)
    expected = written.read(IndexStore(index).target())
    (IndexStore(index).target() / written.FILE).write_bytes(damage)
    (corpus / "ny.html").write_text("<h1>Ny sida</h1><p>Kajen i Trelleborg.</p>", encoding="utf-8")
    update(corpus, index)
    counts = written.read(IndexStore(index).target())
    assert counts == expected + Counter({"ny": 1, "sida": 1, "kajen": 1, "trelleborg": 1}), "every section counted"


def test_a_damaged_table_is_named_with_its_line(tmp_path: Path):
    (tmp_path / written.FILE).write_text("hamn\t2\nkaj 3\n", encoding="utf-8")
    with pytest.raises(written.DamagedTable) as raised:
        list(written.rows(tmp_path))
    assert str(raised.value) == "written.tsv is damaged: line 2 is not a word, a tab and a count", "the message"
