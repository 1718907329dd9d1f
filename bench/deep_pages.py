"""How long the indexer takes to read a large, deep page, by where its bulk stands.

    python -m bench.deep_pages [N ...]      (default: 5000 20000 leaves)

A generated page's bulk is N ``<span>`` leaves inside 400 nested ``<div>``s (87 KB at 5,000 leaves, 336 KB at
20,000), and a deep page is 100,000, 3,000 or 850 nested ``<div>``s around one paragraph (more than
``nesting.MAX_NESTING`` levels anywhere in a page is too deep to read: it is skipped by name after a scan of
its tags, before it is parsed; 100,000 levels took more than 6 CPU minutes before there was a scan). The short
``<div class="page-content">`` with the ``<h1>`` stands beside the bulk, which is:

* ``family``: in a region named as the ``<h1>``'s (``page-content``): weighed, and the content widens to it;
* ``other``: in a region named otherwise (``x-content``): not weighed, the content stays the short region;
* ``main``: in ``<main>`` with the ``<h1>`` (no weighing).

Each page is read once by ``parse_page``; CPU seconds (``time.process_time``), so that a shared machine's load
weighs less. Read them as relative.
"""

from __future__ import annotations

import sys
import time

from indexer.parse import PageError, parse_page

DEFAULT_LEAVES = (5000, 20000)
NESTING = 400
DEEP = (100_000, 3000, 850)


def page(bulk: str, where: str) -> str:
    """A page whose ``bulk`` stands ``where`` (see the module docstring)."""
    lead = "<h1>Djup</h1><p>Kort.</p>"
    if where == "main":
        body = f"<main>{lead}{bulk}</main>"
    else:
        name = "page-content" if where == "family" else "x-content"
        body = f'<div class="page-content">{lead}</div><div class="{name}">{bulk}</div>'
    return f'<html lang="sv"><body>{body}</body></html>'


def leaves(count: int) -> str:
    return "<div>" * NESTING + "<span>ord</span> " * count + "</div>" * NESTING


def deep(depth: int) -> str:
    return "<div>y " * depth + "<p>x</p>" + "</div>" * depth


def read(html: str) -> tuple[float, str]:
    """CPU seconds to read ``html``, and what was read (characters indexed, or why it was skipped)."""
    start = time.process_time()
    try:
        what = f"{sum(len(section.text) for section in parse_page(html, 'djup.html').sections)} chars"
    except PageError as error:
        what = f"skipped: {error}"
    return time.process_time() - start, what


def main(argv: list[str]) -> None:
    bulks = [(f"{count} leaves", leaves(count)) for count in [int(arg) for arg in argv] or DEFAULT_LEAVES]
    bulks += [(f"{depth} deep", deep(depth)) for depth in DEEP]
    print(f"{'bulk':>12}  {'where':>6}  {'KB':>5}  {'CPU s':>6}  read")
    for label, bulk in bulks:
        for where in ("family", "other", "main"):
            html = page(bulk, where)
            seconds, what = read(html)
            print(f"{label:>12}  {where:>6}  {len(html) // 1024:5d}  {seconds:6.2f}  {what}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
