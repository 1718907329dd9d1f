"""How well the indexer's län, kinds and duplicates match the fixture site's hand labels.

Shared by ``bench/site_facets.py`` (prints the figures) and
``tests/test_site_facets.py`` (holds the targets); ``bench/site_labels.py``
counts its own way over the same labels and the same reading of the site. The site is written by
``testkit.site``, read by the real ``indexer.build.read_corpus`` (parse,
describe, collapse duplicates), and each page is compared with its label in
``tests/data/site/labels.toml``:

* län: a page's län are those of all its sections (a visitor who filters by a
  län finds the page when any of its sections is tagged with it); precision
  and recall are over (page, län) pairs, a national page ("Nationellt", an
  empty label) contributing none; a national page is right when no section
  of it gets a län;
* kind: the lead section's kind against the label;
* duplicates: of a page labelled ``duplicate_of`` and its original, one keeps
  its sections and names the other's URL in ``also_at``, the other has none
  (collapsed); the labels also say which copy should be shown (the original),
  counted apart. A page whose copy is shown is judged for län and kind by
  that copy's sections (the labels give both copies the same).
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from indexer.build import read_corpus
from indexer.gazetteer import NATIONAL
from testkit.site import build_site

LABELS_FILE = Path(__file__).resolve().parents[1] / "tests" / "data" / "site" / "labels.toml"


@dataclass(frozen=True)
class PageResult:
    path: str
    expected_regions: tuple[str, ...]
    found_regions: tuple[str, ...]
    expected_kind: str
    found_kind: str | None
    duplicate_of: str | None
    collapsed: bool  # the pair is one result that names the other copy; for other pages: indexed
    shown_as_labelled: bool = True  # a duplicate pair shows the copy the labels call the original


@dataclass
class SiteFacets:
    pages: list[PageResult] = field(default_factory=list)

    def _pairs(self) -> tuple[int, int, int]:
        right = sum(len(set(p.found_regions) & set(p.expected_regions)) for p in self._judged())
        found = sum(len(p.found_regions) for p in self._judged())
        expected = sum(len(p.expected_regions) for p in self._judged())
        return right, found, expected

    def _judged(self) -> list[PageResult]:
        """Pages judged for län and kind: every page but the duplicates (judged by their original)."""
        return [p for p in self.pages if p.duplicate_of is None]

    @property
    def precision(self) -> float:
        right, found, _ = self._pairs()
        return right / found if found else 1.0

    @property
    def recall(self) -> float:
        right, _, expected = self._pairs()
        return right / expected if expected else 1.0

    @property
    def kind_accuracy(self) -> float:
        judged = self._judged()
        return sum(p.found_kind == p.expected_kind for p in judged) / len(judged)

    @property
    def national(self) -> list[PageResult]:
        return [p for p in self._judged() if not p.expected_regions]

    @property
    def national_kept(self) -> int:
        return sum(not p.found_regions for p in self.national)

    @property
    def duplicates(self) -> list[PageResult]:
        return [p for p in self.pages if p.duplicate_of is not None]

    @property
    def duplicates_collapsed(self) -> int:
        return sum(p.collapsed for p in self.duplicates)

    @property
    def originals_kept(self) -> bool:
        return all(p.collapsed for p in self._judged())

    @property
    def shown_as_labelled(self) -> int:
        return sum(p.shown_as_labelled for p in self.duplicates)


def load_labels() -> list[dict]:
    return tomllib.loads(LABELS_FILE.read_text(encoding="utf-8"))["page"]


def read_fixture_site() -> dict[str, list]:
    """The fixture site written to a temporary folder and read as the indexer reads a corpus:
    page file ("<host>/<path>.html") -> its sections' documents, in order."""
    with tempfile.TemporaryDirectory() as folder:
        build_site(Path(folder))
        documents = read_corpus(Path(folder)).documents
    by_page: dict[str, list] = {}
    for document in documents:
        by_page.setdefault(document.page, []).append(document)
    return by_page


def measure(labels: list[dict] | None = None) -> SiteFacets:
    """Write the fixture site, read it as the indexer does, and compare every page with its label."""
    labels = labels if labels is not None else load_labels()
    by_page = read_fixture_site()
    urls = {label["path"]: label["url"] for label in labels}
    copy_of = {label["duplicate_of"]: label["path"] for label in labels if "duplicate_of" in label}
    result = SiteFacets()
    for label in labels:
        path, original = label["path"], label.get("duplicate_of")
        own = by_page.get(path, [])
        shown = True
        if original:
            collapsed = _collapsed(by_page, urls, original, path)
            shown = bool(by_page.get(original)) and not own
        elif path in copy_of and not own:  # the copy is shown instead: judge it
            own = by_page.get(copy_of[path], [])
            collapsed = _collapsed(by_page, urls, path, copy_of[path])
        else:
            collapsed = bool(own)
        lead = own[0] if own else None
        result.pages.append(
            PageResult(
                path=label["path"],
                expected_regions=tuple(label["regions"]),
                found_regions=tuple(dict.fromkeys(r for doc in own for r in doc.regions if r != NATIONAL)),
                expected_kind=label["kind"],
                found_kind=lead.kind if lead else None,
                duplicate_of=original,
                collapsed=collapsed,
                shown_as_labelled=shown,
            )
        )
    return result


def _collapsed(by_page: dict, urls: dict, one: str, other: str) -> bool:
    """Exactly one of two copies is indexed, and it names the other's URL."""
    kept, gone = (one, other) if by_page.get(one) else (other, one)
    named = any(url.split("#")[0] == urls[gone] for doc in by_page.get(kept, []) for url in doc.also_at)
    return bool(by_page.get(kept)) and not by_page.get(gone) and named
