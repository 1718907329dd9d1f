"""One damaged segment file (a bad sector, a half-copied backup) makes the served generation
unreadable: ``build`` builds a fresh one beside it, and ``update`` says so and builds whole, as
with a damaged table of contents (``test_indexer_hardening.py``). Never a traceback, never an
error that leaves the site without a way back."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from indexer.build import build
from indexer.cli import cli
from indexer.store import IndexStore

from .conftest import PROGRAM_PAGE, write_corpus

#: The files of a segment (``compound=False``): terms, postings, stored fields.
SEGMENT_FILES = ["trm", "pst", "_stored.col"]


@pytest.fixture
def damaged(tmp_path, request):
    """A corpus and its built index, then one file of the served segment cut to 100 bytes."""
    corpus = write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})
    index = tmp_path / "instance" / "index"
    build(corpus, index)
    (segment_file,) = IndexStore(index).target().glob(f"MAIN_*.{request.param}")
    with open(segment_file, "r+b") as handle:
        handle.truncate(100)
    return corpus, index


def readable_sections(index) -> int:
    """How many sections the served generation holds, reading every one's stored fields."""
    with IndexStore(index).open().searcher() as searcher:
        return sum(1 for _ in searcher.all_stored_fields())


@pytest.mark.parametrize("damaged", SEGMENT_FILES, indirect=True)
def test_build_replaces_a_generation_with_a_damaged_segment_file(damaged):
    corpus, index = damaged
    before = IndexStore(index).target()
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, f"exit code: {result.output}"
    assert result.output.splitlines()[0] == f"Indexed 1 page, 6 sections into {index}", "the summary line"
    assert IndexStore(index).target() != before, "a fresh generation is served"
    assert readable_sections(index) == 6, "it reads whole"


@pytest.mark.parametrize("damaged", SEGMENT_FILES, indirect=True)
def test_update_of_a_damaged_segment_file_says_so_and_builds_whole(damaged):
    corpus, index = damaged
    page = corpus / "program.html"
    page.write_text(page.read_text(encoding="utf-8").replace("en ny kaj", "en ny kaj och torg"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, f"exit code: {result.output}"
    note, summary = result.output.splitlines()[:2]
    assert note.startswith(f"note: the index at {index} is unreadable ("), "the note names the damage"
    assert note.endswith("): rebuilt it whole"), "and what was done"
    assert summary == f"Rebuilt {index}: 6 sections (1 of 1 pages read)", "the summary line"
    assert readable_sections(index) == 6, "it reads whole"
