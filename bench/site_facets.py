"""Län, kinds and duplicates on the fixture site, against its hand labels.

    python -m bench.site_facets            # the figures and every page that misses
    python -m bench.site_facets --all      # every page, right or not

Targets (held by tests/test_site_facets.py): län precision >= 0.95 and recall
>= 0.90 over (page, län) pairs, kind >= 95% right, every national page
national, every duplicate collapsed into its original.
"""

from __future__ import annotations

import argparse
import time

from testkit.site_facets import PageResult, measure


def _line(page: PageResult) -> str:
    marks = []
    if page.duplicate_of is None and set(page.found_regions) != set(page.expected_regions):
        marks.append(f"län {list(page.found_regions) or 'Nationellt'} != {list(page.expected_regions) or 'Nationellt'}")
    if page.duplicate_of is None and page.found_kind != page.expected_kind:
        marks.append(f"kind {page.found_kind!r} != {page.expected_kind!r}")
    if not page.collapsed:
        marks.append(f"not collapsed into {page.duplicate_of}" if page.duplicate_of else "no sections of its own")
    return f"{'MISS' if marks else 'ok  '} {page.path}" + (": " + "; ".join(marks) if marks else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="list every page, not only the misses")
    args = parser.parse_args()
    started = time.perf_counter()
    facets = measure()
    seconds = time.perf_counter() - started
    for page in facets.pages:
        line = _line(page)
        if args.all or line.startswith("MISS"):
            print(line)
    judged = len(facets.pages) - len(facets.duplicates)
    print(
        f"\npages: {len(facets.pages)} ({judged} judged, {len(facets.duplicates)} duplicates), read in {seconds:.1f} s"
    )
    print(f"län precision: {facets.precision:.3f} (target >= 0.95)")
    print(f"län recall:    {facets.recall:.3f} (target >= 0.90)")
    print(f"kind right:    {facets.kind_accuracy:.1%} (target >= 95%)")
    print(f"national pages kept national: {facets.national_kept} of {len(facets.national)}")
    print(
        f"duplicates collapsed: {facets.duplicates_collapsed} of {len(facets.duplicates)}; "
        f"the labelled original shown: {facets.shown_as_labelled} of {len(facets.duplicates)}; "
        f"every other page indexed: {'yes' if facets.originals_kept else 'no'}"
    )


if __name__ == "__main__":
    main()
