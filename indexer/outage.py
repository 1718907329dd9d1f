"""A guard against an outage page: one crawl never overwrites most changed pages with the same page.

A CMS in maintenance mode answers ``200`` with one "Underhåll" page at every
URL; a site with a broken template answers ``200`` with its "Sidan kunde inte
hittas" page (a soft 404). Neither is an edit: storing it would replace every
page's text, reset the history of every section ("Ny i sökningen" on all of
them once the site is back) and keep the outage page for good where a page is
refused later (too large, say). The removal guard (``removals.py``) does not
see it, since nothing is removed.

So ``crawl`` counts the bodies of the pages whose stored copy a run changes:
when one body is the new text of at least ``MIN_SAME_PAGES`` of them and of
more than ``MAX_SAME_SHARE`` of all changed pages, the run is an outage. It
stores none of the pages with that body (the stored copies stay as they were,
and so do their validators, so the next crawl asks again), says so in one line
and exits 1. Two copies of a page (``/a`` and ``/a?utm_source=x``) edited
together are far below the minimum. When a site really did turn most of its
pages into one, ``--allow-same-content`` lets the run through.
"""

from __future__ import annotations

#: An outage needs at least this many changed pages with one body ...
MIN_SAME_PAGES = 5
#: ... and more than this share of the changed pages.
MAX_SAME_SHARE = 0.5


class SiteOutage(Exception):
    """Most changed pages got the same body in one crawl; none of them was stored."""


def check_same_content(same: int, changed: int, allowed: bool, title: str) -> None:
    """SiteOutage if ``same`` of ``changed`` pages changed to one body, named by ``title``
    (``allowed``: the operator said the site really is like that)."""
    if allowed or same < MIN_SAME_PAGES or same <= changed * MAX_SAME_SHARE:
        return
    raise SiteOutage(
        f"refusing to store one page{title} as the new text of {same} of {changed} changed pages in one run "
        f"(more than {MAX_SAME_SHARE:.0%}; a site in maintenance, or answering 200 with a 'not found' page, looks "
        "like this): if the pages really are the same now, run again with --allow-same-content"
    )
