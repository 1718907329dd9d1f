"""The README tells the truth: every command, setting and API parameter is documented."""

import importlib
import importlib.util
import re
import subprocess
import tomllib

import pytest
from flask import Flask

from indexer.cli import cli
from indexer.schema import FACET_FIELDS
from indexer.synonyms import BASE_FILE, read_synonyms
from webapp import create_app
from webapp.sorts import SORTS

from .conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_first_screen_gives_the_serve_and_test_commands_and_ci_runs_the_test_command():
    first_screen = "\n".join(README.splitlines()[:15])
    assert "./scripts/serve" in first_screen, "the serve command"
    assert "./scripts/test" in first_screen, "the test command"
    assert "./scripts/test" in (REPO / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_indexer_command_is_documented(command):
    assert f"python -m indexer {command}" in README


def test_every_config_key_is_documented(tmp_path):
    """Read from the app itself: every key the app adds to Flask's own is in the README's table."""
    ours = sorted(set(create_app({"INDEX_DIR": str(tmp_path)}).config) - set(Flask.default_config))
    assert "INDEX_DIR" in ours, "the app's keys are found"
    undocumented = [key for key in ours if f"`{key}`" not in README or f"`FLASK_{key}`" not in README]
    assert undocumented == [], "each key and its FLASK_ variable are in the README"


def test_the_insights_command_and_page_are_documented():
    assert "python -m webapp insights" in README, "the insights command"
    assert "/insikter" in README, "the insights page"


@pytest.mark.parametrize("parameter", ["q", "page", "per_page", "sort", *FACET_FIELDS])
def test_every_api_parameter_is_documented(parameter):
    assert re.search(rf"`{parameter}`", README)


@pytest.mark.parametrize("sort", sorted(SORTS))
def test_every_sort_is_documented(sort):
    assert f"`{sort}`" in README


def test_the_web_apps_default_folders_are_the_indexers():
    """Both commands run in one folder meet: ``instance/index`` and ``corpus``, relative to it."""
    from indexer.cli import DEFAULT_CORPUS, DEFAULT_INDEX

    config = create_app({}).config
    assert (config["INDEX_DIR"], config["CORPUS_DIR"]) == (str(DEFAULT_INDEX), str(DEFAULT_CORPUS)), "defaults"


def test_no_symlink_is_committed():
    """A committed symlink points at one machine's files (a `.venv` linked to a worktree's once slipped past
    `.venv/` in .gitignore, which matches folders only)."""
    listed = subprocess.run(["git", "ls-files", "--stage"], cwd=REPO, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    symlinks = [line.split("\t", 1)[1] for line in listed.stdout.splitlines() if line.startswith("120000 ")]
    assert symlinks == [], "no tracked file is a symlink"


def test_the_counts_the_readme_gives_of_the_shipped_data_are_its_own():
    data = tomllib.loads(BASE_FILE.read_text(encoding="utf-8"))
    groups, expansions, english = len(data["equal"]), len(data["expand"]), len(data["english"])
    rules = len(read_synonyms(BASE_FILE))
    said = (
        f"holds {groups + expansions + english} entries ({groups} groups, {expansions} expansions, "
        f"{english} words of English; {rules} rules after analysis)"
    )
    assert said in README, "the synonyms' counts"
    golden = [line for line in (REPO / "tests" / "data" / "analysis_golden.tsv").read_text().splitlines()]
    rows = len([line for line in golden if line.strip() and not line.startswith("#")])
    assert f"`tests/data/analysis_golden.tsv` lists {rows} words and phrases" in README, "the golden table's rows"


def _limits() -> list[tuple[str, str, str]]:
    """The README's table of limits: (what, the figure, the constant) per row."""
    section = README.split("### Limits\n", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| ([^|]+) \| ([^|]+) \| `([a-z_]+\.[A-Z_]+)` \|", section, re.MULTILINE)
    return [(what.strip(), figure, constant) for what, figure, constant in rows]


def test_the_readme_lists_the_limits():
    assert len(_limits()) >= 25, "the table of limits is there, one row per limit"


@pytest.mark.parametrize(("what", "figure", "constant"), _limits(), ids=[row[2] for row in _limits()])
def test_every_limit_in_the_readme_is_the_code_s(what, figure, constant):
    module, name = constant.split(".")
    found = [
        importlib.import_module(f"{package}.{module}")
        for package in ("webapp", "indexer")
        if importlib.util.find_spec(f"{package}.{module}")
    ]
    value = getattr(found[0], name)
    assert int(re.match(r"\d+", figure)[0]) == value, f"{what}: the README says {figure}, {constant} is {value}"
