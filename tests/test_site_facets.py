"""On the fixture site (testkit/site.py), län, kinds and duplicates meet their targets against the hand labels.

The figures are printed by ``python -m bench.site_facets``; the targets are the issue's.
"""

import pytest

from testkit.site_facets import measure


@pytest.fixture(scope="module")
def facets():
    return measure()


def test_lan_precision_is_at_least_095(facets):
    assert facets.precision >= 0.95, f"{facets.precision:.3f}"


def test_lan_recall_is_at_least_090(facets):
    assert facets.recall >= 0.90, f"{facets.recall:.3f}"


def test_kinds_are_at_least_95_percent_right(facets):
    assert facets.kind_accuracy >= 0.95, f"{facets.kind_accuracy:.1%}"


def test_national_pages_stay_national(facets):
    tagged = [(p.path, p.found_regions) for p in facets.national if p.found_regions]
    assert not tagged, tagged


def test_every_duplicate_is_collapsed_into_one_result(facets):
    missed = [p.path for p in facets.duplicates if not p.collapsed]
    assert not missed, missed


def test_every_page_that_is_no_copy_keeps_its_sections(facets):
    assert facets.originals_kept
