"""The analysis fingerprint: an edit to anything that decides index terms forces a full rebuild.

The list of modules is derived from the imports of the document phases, so a module added to the
analysis (or the gazetteer that ``describe`` reads) can never be left out of the fingerprint."""

import shutil
from pathlib import Path

import pytest

import indexer
from indexer.manifest import QUERY_SIDE_DATA, fingerprint_of, package_imports, term_modules

PACKAGE = Path(indexer.__file__).parent


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    copy = tmp_path_factory.mktemp("pkg") / "indexer"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from .words import lemmatize", {"words"}),
        ("from . import gazetteer, parse", {"gazetteer", "parse"}),
        ("from indexer.lexicon import load", {"lexicon"}),
        ("import indexer.compounds", {"compounds"}),
        ("from indexer import schema", {"schema"}),
        ("import json\nfrom flask import Flask", set()),
    ],
)
def test_package_imports_are_read_from_the_source(source, expected):
    assert package_imports(source) == expected, f"imports of {source!r}"


@pytest.mark.parametrize(
    "module", ["analysis", "words", "compounds", "lexicon", "gazetteer", "parse", "describe", "duplicates"]
)
def test_the_modules_that_decide_terms_are_all_found(module):
    assert module in term_modules(PACKAGE), f"{module}.py decides index terms but is not fingerprinted"


@pytest.mark.parametrize("module", ["cli", "store", "watch", "update"])
def test_modules_that_only_move_files_are_not_fingerprinted(module):
    assert module not in term_modules(PACKAGE), f"an edit to {module}.py would force needless full rebuilds"


def edited(copy: Path, relative: str) -> str:
    """The fingerprint after appending a line to one file of the package copy (restored afterwards)."""
    path = copy / relative
    original = path.read_bytes()
    path.write_bytes(original + b"\n# an edit\n")
    try:
        return fingerprint_of(copy)
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("module", term_modules(PACKAGE))
def test_an_edit_to_any_term_module_changes_the_fingerprint(package_copy, module):
    before = fingerprint_of(package_copy)
    assert edited(package_copy, f"{module}.py") != before, f"an edit to {module}.py kept the fingerprint"


INDEX_DATA = sorted(
    f"data/{p.name}" for p in (PACKAGE / "data").iterdir() if p.is_file() and f"data/{p.name}" not in QUERY_SIDE_DATA
)


@pytest.mark.parametrize("data_file", INDEX_DATA)
def test_an_edit_to_any_data_file_the_index_reads_changes_the_fingerprint(package_copy, data_file):
    before = fingerprint_of(package_copy)
    assert edited(package_copy, data_file) != before, f"an edit to {data_file} kept the fingerprint"


@pytest.mark.parametrize("data_file", sorted(QUERY_SIDE_DATA))
def test_an_edit_to_the_base_synonyms_needs_no_rebuild(package_copy, data_file):
    assert (package_copy / data_file).is_file(), f"{data_file} is not in the package"
    before = fingerprint_of(package_copy)
    assert edited(package_copy, data_file) == before, f"an edit to {data_file}, read only by searches, forced a rebuild"


def test_an_edit_elsewhere_keeps_the_fingerprint(package_copy):
    before = fingerprint_of(package_copy)
    assert edited(package_copy, "cli.py") == before, "an edit to cli.py changed the fingerprint"
