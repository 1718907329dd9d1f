"""No page is lost in silence: a page that gives no section is skipped, named with its reason, and the run
exits 3 (README, "The indexer"), whether it is read by ``build``, by ``update`` or by ``crawl --update``.

Run as people run it: ``python -m indexer`` in a deployment folder, with the default ``corpus/`` and
``instance/index``. Before, a page whose text the reader did not find (only its ``<h1>``, or a content region
read wrongly) was counted among the indexed pages, with no section and exit 0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from indexer.cli import EXIT_PAGES_SKIPPED
from testkit.http_site import Site
from testkit.server import REPO, free_port, get_json, serving
from webapp import create_app

from .conftest import page_of_sections, write_corpus

GOOD = page_of_sections("Hamnen i Ystad", {"Ny kaj": "Kajen byggs om under 2027."})


def bare(body: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>T</title></head><body>{body}</body></html>'
    )


#: Pages that give no section, and the reason each is skipped with.
WITHOUT_TEXT = {
    "tom.html": (bare("   "), "the page has no text"),
    "rubrik.html": (bare("<main><h1>Tom</h1></main>"), 'the page has no text, only the heading "Tom"'),
    "rubriker.html": (
        bare("<main><h1>Stöd</h1><h2>Vem kan söka?</h2></main>"),
        'the page has no text, only 2 headings ("Stöd" …)',
    ),
    "bara-krom.html": (
        bare("<header>Meny</header><main><h1>Nyheter</h1><p>Dela sidan Skriv ut</p></main><footer>Kontakt</footer>"),
        'the page has no text, only the heading "Nyheter"',
    ),
}


def indexer(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args], cwd=folder, capture_output=True, text=True, timeout=120
    )


def skipped_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("Skipped ")]


def test_build_names_every_page_without_text_and_exits_3(tmp_path):
    write_corpus(tmp_path / "corpus", {"hamn.html": GOOD, **{name: html for name, (html, _) in WITHOUT_TEXT.items()}})
    result = indexer(tmp_path, "build")
    assert result.returncode == EXIT_PAGES_SKIPPED, f"exit code 3 (stderr: {result.stderr})"
    assert result.stdout.startswith("Indexed 1 page, 2 sections into instance/index"), "only the page with text"
    assert skipped_lines(result) == [
        f"Skipped {name}: {reason}" for name, (_, reason) in sorted(WITHOUT_TEXT.items())
    ], "each page without text is named with its reason"


def test_update_names_a_new_page_without_text_and_exits_3(tmp_path):
    write_corpus(tmp_path / "corpus", {"hamn.html": GOOD})
    assert indexer(tmp_path, "build").returncode == 0, "the first build"
    (tmp_path / "corpus" / "rubrik.html").write_text(WITHOUT_TEXT["rubrik.html"][0], encoding="utf-8")
    result = indexer(tmp_path, "update")
    assert result.returncode == EXIT_PAGES_SKIPPED, f"exit code 3 (stderr: {result.stderr})"
    assert skipped_lines(result) == [
        'Skipped rubrik.html: the page has no text, only the heading "Tom" (nothing of it is searchable)'
    ], "the page is named with its reason"


def test_crawl_then_update_names_a_crawled_page_without_text_and_exits_3(tmp_path):
    with Site() as site:
        site.page("/hamn.html", GOOD)
        site.page("/rubrik.html", WITHOUT_TEXT["rubrik.html"][0])
        site.sitemap("/sitemap.xml", ["/hamn.html", "/rubrik.html"])
        result = indexer(tmp_path, "crawl", "--sitemap", site.url("/sitemap.xml"), "--delay", "0", "--update")
    assert result.returncode == EXIT_PAGES_SKIPPED, f"exit code 3 (stderr: {result.stderr})"
    skipped = skipped_lines(result)
    assert len(skipped) == 1, f"one page skipped: {skipped}"
    assert skipped[0].endswith(
        'rubrik.html: the page has no text, only the heading "Tom" (nothing of it is searchable)'
    ), "the crawled page is named with its reason"


def found(folder: Path, query: str) -> int:
    """How many sections the real app finds for ``query`` in the index under ``folder`` (the default path)."""
    client = create_app({"TESTING": True, "INDEX_DIR": str(folder / "instance" / "index")}).test_client()
    return client.get("/api/search", query_string={"q": query}).get_json()["total"]


def test_update_removes_the_text_an_editor_removed_from_a_page(tmp_path):
    """An editor removes a person's details, leaving the page its heading: the page was read without trouble
    and holds no text now, so its old sections go, as a build drops them. It is not a page that cannot be read
    (a binary or undecodable file keeps its sections until it can be read again)."""
    contact = bare("<main><h1>Kontakt</h1><p>Anna Andersson nås på 070-1234567.</p></main>")
    write_corpus(tmp_path / "corpus", {"hamn.html": GOOD, "kontakt.html": contact})
    assert indexer(tmp_path, "build").returncode == 0, "the first build"
    assert found(tmp_path, "Andersson") == 1, "the name is found before the edit"
    (tmp_path / "corpus" / "kontakt.html").write_text(bare("<main><h1>Kontakt</h1></main>"), encoding="utf-8")
    result = indexer(tmp_path, "update")
    assert result.returncode == EXIT_PAGES_SKIPPED, f"exit code 3 (stderr: {result.stderr})"
    assert result.stdout.startswith("Updated instance/index: 0 added, 0 changed, 1 removed"), (
        f"the run says it removed the page's section, not 'Up to date': {result.stdout}"
    )
    assert skipped_lines(result) == [
        'Skipped kontakt.html: the page has no text, only the heading "Kontakt" (nothing of it is searchable)'
    ], "the page is named with its reason, and what became of it"
    assert found(tmp_path, "Andersson") == 0, "the removed name is not found after the update"
    assert found(tmp_path, "kaj") == 1, "the other page is still found"


def test_the_serve_script_serves_an_index_in_which_a_page_was_skipped(tmp_path):
    """``./scripts/serve`` builds, then serves. A page without text makes the build exit 3 (the index written,
    the page named), and the script serves that index. Before, ``set -e`` stopped the script at exit 3, and one
    heading-only page (a map, a video, a form page) kept the whole site offline.

    The script's own lines run, from its build on, in a deployment folder whose ``.venv/bin/python`` is this
    test's Python (the lines before install the project, which the test run has done)."""
    script = (REPO / "scripts" / "serve").read_text(encoding="utf-8")
    steps = script[script.index(".venv/bin/python -m indexer build") :]
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    write_corpus(tmp_path / "corpus", {"hamn.html": GOOD, "rubrik.html": WITHOUT_TEXT["rubrik.html"][0]})
    port, log_path = free_port(), tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            ["bash", "-c", "set -euo pipefail\n" + steps, "serve", "--port", str(port), "--workers", "1"],
            cwd=tmp_path,
            env={name: value for name, value in os.environ.items() if name != "FLASK_INDEX_DIR"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        with serving(process, f"http://127.0.0.1:{port}", log_path) as base:
            status, answer = get_json(base, "/api/search", q="kaj")
    assert (status, answer["total"]) == (200, 1), "the index is served: the page with text is found"
    assert 'Skipped rubrik.html: the page has no text, only the heading "Tom"' in log_path.read_text(), (
        "the skipped page is still named"
    )
