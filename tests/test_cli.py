"""The indexer's command line: what it prints, its exit codes, and that a failed
run never touches the index being served."""

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.cli import EXIT_PAGES_SKIPPED, cli
from indexer.store import IndexStore

from .conftest import PROGRAM_PAGE, age_generations, write_corpus


def run(*args: str):
    return CliRunner().invoke(cli, ["build", *args])


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus", {"program.html": PROGRAM_PAGE})


def test_build_prints_pages_sections_and_regions(corpus, tmp_path):
    result = run("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"Indexed 1 page, 6 sections into {tmp_path / 'index'}",
        "Regions: Nationellt 3, Skåne län 2, Blekinge län 1",
    ]


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda c: None, "corpus folder not found"),
        (lambda c: c.mkdir(), "no pages (*.html) in the corpus folder"),
        (lambda c: write_corpus(c, {"a.html": "\x00\x01binary"}), "no page could be indexed: a.html: a binary file"),
        (lambda c: write_corpus(c, {"a.html": PROGRAM_PAGE}, kinds="[group_headings"), "kinds.toml:"),
    ],
)
def test_bad_input_exits_1_with_one_line_and_leaves_the_served_index(tmp_path, corpus, index_path, setup, message):
    index = index_path
    assert run("--corpus", str(corpus), "--index", str(index)).exit_code == 0
    age_generations(index)  # served for a while: older than the grace period
    served = IndexStore(index).current()
    bad = tmp_path / "bad"
    setup(bad)
    result = run("--corpus", str(bad), "--index", str(index))
    assert result.exit_code == 1, "exit code"
    assert len(result.output.splitlines()) == 1, "one line of output"
    assert message in result.output, "the message"
    assert "the served index is unchanged" in result.output, "it says the served index is unchanged"
    assert IndexStore(index).current() == served


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "two worker processes"])
def test_bad_override_is_named_and_nothing_is_written(tmp_path, corpus, monkeypatch, workers):
    from indexer import parallel

    monkeypatch.setattr(parallel, "workers_for", lambda documents: workers)
    (corpus / "annan.html").write_text(PROGRAM_PAGE.replace("Ystads kommun", "Lunds kommun"), encoding="utf-8")
    (corpus / "overrides.toml").write_text('["program/boverket"]\nregion = "Skåne"\n', encoding="utf-8")
    result = run("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == 1
    assert "[program/boverket] region 'Skåne' is not a county" in result.output
    assert not (tmp_path / "index").exists()


def test_a_bad_page_is_skipped_by_name_and_the_others_are_indexed(tmp_path, corpus):
    (corpus / "trasig.html").write_bytes(b"\x00\x00\x00")
    (corpus / "tom.html").write_text("<html><body>   </body></html>", encoding="utf-8")
    result = run("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == EXIT_PAGES_SKIPPED
    assert "Indexed 1 page, 6 sections" in result.output
    assert "Skipped tom.html: the page has no text" in result.output
    assert "Skipped trasig.html: a binary file, not an HTML page" in result.output


def test_pages_in_subfolders_and_other_encodings_are_read(tmp_path):
    latin1 = "<html><head><meta charset='iso-8859-1'></head><body><h1>Åre</h1><p>Fjällen i Åre.</p></body></html>"
    corpus = tmp_path / "corpus"
    (corpus / "norr").mkdir(parents=True)
    (corpus / "norr" / "are.html").write_bytes(latin1.encode("iso-8859-1"))
    result = run("--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert "Indexed 1 page, 1 sections" in result.output


def test_help_shows_an_example():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert "python -m indexer build --corpus corpus --index instance/index" in result.output


@pytest.mark.parametrize("command", ["update", "build"])
def test_a_command_run_from_another_folder_names_where_it_looked_and_leaves_nothing(tmp_path, command):
    """Run where there is no ``corpus/``: the line names the absolute path, says no index was written (there is
    none to be unchanged), and no empty ``instance/`` is left behind."""
    done = subprocess.run(
        [sys.executable, "-m", "indexer", command], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, "exit code"
    assert done.stderr == f"Error: corpus folder not found: {tmp_path / 'corpus'} (no index was written)\n", "one line"
    assert list(tmp_path.iterdir()) == [], "no folder made"


def test_a_status_that_cannot_be_written_leaves_no_empty_file(tmp_path):
    """A full disk, as a file size limit of 0 makes it (the temporary file is made, its bytes cannot be)."""
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from indexer.store import IndexStore\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))\n"
        "try:\n"
        "    IndexStore(Path(sys.argv[1])).write_status(state='running')\n"
        "except OSError as error:\n"
        "    print(error.errno)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "index")], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == str(errno.EFBIG), f"the write failed as on a full disk: {done.stderr}"
    assert list(tmp_path.iterdir()) == [], "no temporary file left beside the index"
