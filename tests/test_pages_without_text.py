"""No page is lost in silence: a page that gives no section is skipped, named with its reason, and the run
exits 3 (README, "The indexer"), whether it is read by ``build``, by ``update`` or by ``crawl --update``.

Run as people run it: ``python -m indexer`` in a deployment folder, with the default ``corpus/`` and
``instance/index``. Before, a page whose text the reader did not find (only its ``<h1>``, or a content region
read wrongly) was counted among the indexed pages, with no section and exit 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indexer.cli import EXIT_PAGES_SKIPPED
from testkit.http_site import Site

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


def test_update_names_a_page_that_lost_its_text_and_exits_3(tmp_path):
    write_corpus(tmp_path / "corpus", {"hamn.html": GOOD})
    assert indexer(tmp_path, "build").returncode == 0, "the first build"
    (tmp_path / "corpus" / "rubrik.html").write_text(WITHOUT_TEXT["rubrik.html"][0], encoding="utf-8")
    result = indexer(tmp_path, "update")
    assert result.returncode == EXIT_PAGES_SKIPPED, f"exit code 3 (stderr: {result.stderr})"
    assert skipped_lines(result) == [
        'Skipped rubrik.html: the page has no text, only the heading "Tom" (its sections are kept as they were)'
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
        'rubrik.html: the page has no text, only the heading "Tom" (its sections are kept as they were)'
    ), "the crawled page is named with its reason"
