"""How deep a page's elements nest, found by a scan of its tags before it is parsed.

A page nested thousands of levels deep (an editor's generated page, a broken
export that never closes a ``<div>``) cannot be read: the walk of its tree
(``parse._events``) meets Python's recursion limit at about 970 levels. Worse,
the work *before* that walk grows with the square of the depth: 10,000 levels
took 9.5 s of CPU and 100,000 levels (1.1 MB) more than 6 minutes, while the
build held the index's lock. So the depth is measured first, on the text, in
one pass that stops as soon as the limit is passed (``python -m bench.deep_pages``).

The scan nests elements as BeautifulSoup's ``html.parser`` tree does: an end
tag closes the innermost open element of its name and every element opened
inside it (an unclosed ``<p>`` or ``<li>`` holds what follows it until then), an
end tag with no open element of its name changes nothing, void elements
(``<br>``, ``<img>``: BeautifulSoup's own list) and ``<x/>`` hold nothing, and
comments and the text of ``<script>`` and ``<style>`` hold no markup. A page
with fewer ``<`` than the limit cannot pass it and is not scanned at all.
"""

from __future__ import annotations

import re
from collections import Counter

from bs4.builder import HTMLTreeBuilder

#: How deep elements may nest in a page that is read: below the depth at which the walk of the tree stops
#: (about 970), far above real pages (the bundled page and the fixture site's pages nest at most 7 levels,
#: a large site's templates some tens).
MAX_NESTING = 900

#: Elements that never hold anything, as BeautifulSoup builds the tree.
VOID = frozenset(HTMLTreeBuilder.DEFAULT_EMPTY_ELEMENT_TAGS)

#: Elements whose text is read as text up to their end tag, never as markup.
RAW_TEXT = frozenset({"script", "style"})

#: A comment's start, or a start or end tag: its slash, its name, and the slash of ``<x/>``.
_MARKUP = re.compile(r"<(?:(!--)|(/?)([a-zA-Z][^\t\n\f\r />]*)[^>]*?(/?)>)")


def depth_past(html: str, limit: int = MAX_NESTING) -> bool:
    """Whether elements in ``html`` nest more than ``limit`` levels deep."""
    if html.count("<") <= limit:
        return False
    open_names: list[str] = []
    open_count: Counter = Counter()  # open elements by name: an end tag with none open is found in O(1)
    at = 0
    while match := _MARKUP.search(html, at):
        at = match.end()
        comment, closing, name, self_closing = match.groups()
        if comment:
            at = _after(html, "-->", at)
            continue
        name = name.lower()
        if closing:
            if open_count[name]:
                while (innermost := open_names.pop()) != name:
                    open_count[innermost] -= 1
                open_count[name] -= 1
        elif name in RAW_TEXT:
            at = _after(html, f"</{name}", at)
        elif not self_closing and name not in VOID:
            open_names.append(name)
            open_count[name] += 1
            if len(open_names) > limit:
                return True
    return False


def _after(html: str, end: str, at: int) -> int:
    """Where the text after the next ``end`` (in any case) begins; the end of ``html`` if there is none."""
    found = re.compile(re.escape(end), re.IGNORECASE).search(html, at)
    return found.end() if found else len(html)
