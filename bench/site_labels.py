"""How well the indexer reads the län and kind of every page of the fixture site.

    python -m bench.site_labels [--misses]

The fixture site (``testkit.site``, 73 pages of nine CMSs) is written to a
temporary folder and read by the indexer's phases (find, parse, describe: no
index is written). Each page is then compared with its hand-made label in
``tests/data/site/labels.toml``:

* **län, per page**: the län of all the page's sections (``regions``, without
  "Nationellt") against the labelled ``regions``; precision and recall summed
  over pages (micro-averaged), and the share of pages whose lead section's
  ``region`` is the labelled primary län ("Nationellt" for a national page);
* **national pages**: labelled ``[]`` and given no län at all;
* **kind**: the kind most of the page's sections carry, against the label.

Copies (``duplicate_of``) collapse into one result when the site is read (see
``indexer/duplicates.py``; ``python -m bench.site_facets`` measures that): a
page whose sections went into its copy is judged by the copy that is shown.
``--misses`` lists every page where the län or the kind is wrong.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

from indexer.gazetteer import NATIONAL
from testkit.site_facets import load_labels, read_fixture_site


@dataclass(frozen=True)
class Reading:
    """What the indexer made of one page."""

    regions: frozenset[str]  # every län of its sections, "Nationellt" left out
    primary: str  # the lead section's region
    kind: str  # the kind most of its sections carry


def read_site(by_page: dict[str, list]) -> dict[str, Reading]:
    """Page file ("<host>/<path>.html") -> the indexer's reading of it."""
    return {
        page: Reading(
            frozenset(region for document in documents for region in document.regions) - {NATIONAL},
            documents[0].region,
            Counter(document.kind for document in documents).most_common(1)[0][0],
        )
        for page, documents in by_page.items()
    }


def shown(labels: list[dict], readings: dict[str, Reading]) -> dict[str, Reading]:
    """Every labelled page's reading; a page collapsed into its copy gets the copy's."""
    pairs = [(label["path"], label["duplicate_of"]) for label in labels if "duplicate_of" in label]
    readings = dict(readings)
    for one, other in pairs:
        if one in readings or other in readings:
            readings.setdefault(one, readings.get(other))
            readings.setdefault(other, readings.get(one))
    return readings


def score(labels: list[dict], readings: dict[str, Reading]) -> dict[str, float]:
    readings = shown(labels, readings)
    found = wrong = missed = 0
    for label in labels:
        gold, got = set(label["regions"]), readings[label["path"]].regions
        found, wrong, missed = found + len(got & gold), wrong + len(got - gold), missed + len(gold - got)
    national = [label for label in labels if not label["regions"]]
    return {
        "län precision": found / (found + wrong) if found + wrong else 1.0,
        "län recall": found / (found + missed) if found + missed else 1.0,
        "primary län right": sum(
            readings[label["path"]].primary == (label["regions"] or [NATIONAL])[0] for label in labels
        )
        / len(labels),
        "national pages kept national": sum(not readings[label["path"]].regions for label in national) / len(national),
        "kind right": sum(readings[label["path"]].kind == label["kind"] for label in labels) / len(labels),
    }


def misses(labels: list[dict], readings: dict[str, Reading]) -> list[str]:
    readings = shown(labels, readings)
    lines = []
    for label in labels:
        reading = readings[label["path"]]
        if reading.regions != set(label["regions"]) or reading.kind != label["kind"]:
            lines.append(
                f"{label['path']}\n  län  {sorted(label['regions'])} -> {sorted(reading.regions)}"
                f"\n  kind {label['kind']} -> {reading.kind}"
            )
    return lines


def main(argv: list[str]) -> int:
    labels = load_labels()
    readings = read_site(read_fixture_site())
    national = sum(not label["regions"] for label in labels)
    print(f"{len(labels)} pages, {national} national, {len(labels) - national} about one or more län")
    for name, value in score(labels, readings).items():
        print(f"{name:30} {value:.3f}")
    if "--misses" in argv:
        print("\n".join(["", *misses(labels, readings)]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
