"""The fixture site (testkit/site.py) is what its labels say, and the indexer reads all of it.

The site and its hand-made labels (tests/data/site/labels.toml) are the ground
truth for kinds, län and duplicates on pages of many CMSs; the judged queries in
tests/data/relevance_site.toml name its sections. These tests keep the three in
step: every page labelled, every label a real page, every judged section a real
section of the index the real ``python -m indexer build`` writes from it.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer import gazetteer
from indexer.build import read_corpus
from testkit.site import build_site

DATA = Path(__file__).parent / "data"
LABELS = tomllib.loads((DATA / "site" / "labels.toml").read_text(encoding="utf-8"))["page"]
JUDGED = tomllib.loads((DATA / "relevance_site.toml").read_text(encoding="utf-8"))["query"]
KINDS = {"Nyhet", "Utlysning", "Stöd och finansiering", "Program", "Projekt", "Rapport", "Statistik", "Om oss"}
BY_PATH = {label["path"]: label for label in LABELS}
COUNTIES = set(gazetteer.load().counties.values())


@dataclass(frozen=True)
class Site:
    root: Path
    pages: dict[str, str]  # page file under root ("/" separators) -> URL


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    root = tmp_path_factory.mktemp("site")
    return Site(root, {path.relative_to(root).as_posix(): url for path, url in build_site(root)})


def test_the_site_has_at_least_60_pages(site):
    assert len(site.pages) >= 60, f"{len(site.pages)} pages"


def test_every_page_is_labelled_and_every_label_is_a_page(site):
    assert sorted(site.pages) == sorted(BY_PATH), "labels.toml and the site disagree"
    assert {path: BY_PATH[path]["url"] for path in site.pages} == site.pages, "a label names another URL"


def test_every_page_names_its_own_url_as_canonical(site):
    canonical = {
        path: BeautifulSoup((site.root / path).read_text(encoding="utf-8"), "html.parser").find(
            "link", rel="canonical"
        )["href"]
        for path in site.pages
    }
    assert canonical == site.pages


@pytest.mark.parametrize("label", LABELS, ids=[label["path"] for label in LABELS])
def test_a_label_uses_the_known_kinds_and_counties(label):
    assert label["kind"] in KINDS, label["kind"]
    assert set(label["regions"]) <= COUNTIES, f"not SCB county names: {set(label['regions']) - COUNTIES}"
    assert len(set(label["regions"])) == len(label["regions"]), "a county twice"


def test_duplicates_point_at_an_original_with_the_same_labels():
    for label in LABELS:
        if "duplicate_of" in label:
            original = BY_PATH[label["duplicate_of"]]
            assert "duplicate_of" not in original, f"{label['path']} points at another copy"
            assert original["regions"] == label["regions"], label["path"]
            assert original["kind"] == label["kind"], label["path"]


def test_the_site_covers_what_the_facets_must_survive():
    regional = Counter(county for label in LABELS for county in label["regions"])
    assert len(regional) >= 10, f"regional pages for {len(regional)} counties"
    assert sum(not label["regions"] for label in LABELS) >= 10, "national pages"
    assert sum(len(label["regions"]) > 1 for label in LABELS) >= 5, "pages about several counties"
    assert sum("duplicate_of" in label for label in LABELS) >= 4, "duplicate pairs"
    assert len({label["kind"] for label in LABELS}) == len(KINDS), "every kind has pages"


def test_the_indexer_builds_the_whole_site_without_skipping_a_page(site, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "indexer", "build", "--corpus", str(site.root), "--index", str(tmp_path / "index")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Indexed {len(site.pages)} pages,"), result.stdout


def test_every_judged_section_is_a_section_of_the_site(site):
    sections = {document.id for document in read_corpus(site.root).documents}
    judged = {name for query in JUDGED for name in query["relevant"]}
    missing = sorted(name for name in judged if "/".join(name.rsplit("#", 1)) not in sections)
    assert missing == []


def test_no_copy_is_judged():
    copies = {label["path"].removesuffix(".html") for label in LABELS if "duplicate_of" in label}
    judged_pages = {name.rsplit("#", 1)[0] for query in JUDGED for name in query["relevant"]}
    assert judged_pages & copies == set()
