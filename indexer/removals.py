"""A guard against mass removal: one run never removes most of the pages.

A sitemap the CMS wrote only in part (a crash while writing it, a paging bug),
a site that answers 404 to everything for a while, or a corpus folder half
synced (an interrupted rsync, a mount half present) all look like a site that
lost most of its pages. ``crawl`` and ``update`` therefore refuse a run that
would remove more than ``MAX_REMOVED_SHARE`` of the pages they knew: they
remove nothing and say how many in one line (exit 1). ``build`` too, though it
builds from scratch: a new index without most of the served index's pages (gone
from the corpus, or skipped because they cannot be read) is not published. When
the pages really are gone, ``--allow-removals`` lets the run through. A build
with no served index, or beside a damaged one, has nothing to guard.
"""

from __future__ import annotations

#: The largest share of the known pages one run may remove without ``--allow-removals``.
MAX_REMOVED_SHARE = 0.5

#: What a corpus folder that lost most of its pages usually is (``build`` and ``update``).
HALF_COPIED = "a corpus folder half copied looks like this"


class TooManyRemovals(Exception):
    """A run would remove more pages than the guard lets it; it removed none."""


def check_removals(removing: int, known: int, allowed: bool, looks_like: str) -> None:
    """TooManyRemovals if removing ``removing`` of ``known`` pages is more than the guard lets
    through (``allowed``: the operator said so); ``looks_like`` names the usual cause."""
    if allowed or removing <= known * MAX_REMOVED_SHARE:
        return
    raise TooManyRemovals(
        f"refusing to remove {removing} of {known} pages in one run (more than {MAX_REMOVED_SHARE:.0%}; "
        f"{looks_like}): if they are really gone, run again with --allow-removals"
    )
