"""How long the indexer takes to read a listing page, by its number of teasers.

    python -m bench.listing_pages [N ...]      (default: 250 500 1000 2000)

A news listing of N cards (``<li><article><div><h3><a href=…>title</a></h3></div>``
with a date and a lead of ~60 words) is read by ``parse_page``, once with the
headings linked (teasers, dropped: ``indexer/extract.py``) and once without
links (the same markup, every card text kept), so the teaser rule's own cost is
the difference. One run each: on a shared machine read the numbers as relative.
"""

from __future__ import annotations

import sys
import time

from indexer.parse import parse_page

DEFAULT_SIZES = (250, 500, 1000, 2000)


def listing(count: int, linked: bool) -> str:
    """A listing page of ``count`` cards, their headings linked to the site's own pages or not."""

    def card(n: int) -> str:
        title = f'<a href="/nyheter/{n}">Nyhet nummer {n}</a>' if linked else f"Nyhet nummer {n}"
        return (
            f'<li><article class="card"><div class="head"><h3>{title}</h3></div>'
            f'<p class="date">2026-01-{n % 28 + 1:02d}</p>'
            f"<p>Kort ingress om nyhet {n}, {'ord ' * 60}</p></article></li>"
        )

    cards = "".join(card(n) for n in range(count))
    return (
        '<html lang="sv"><head><title>Nyheter</title></head><body><main><h1>Nyheter</h1><p>Inledning.</p>'
        f'<ul class="list">{cards}</ul></main></body></html>'
    )


def seconds_to_read(html: str) -> float:
    start = time.perf_counter()
    parse_page(html, "kommun.se/nyheter.html")
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or list(DEFAULT_SIZES)
    print(f"{'teasers':>8}  {'MB':>5}  {'linked s':>9}  {'plain s':>8}")
    for count in sizes:
        linked, plain = listing(count, linked=True), listing(count, linked=False)
        size = len(linked.encode()) / 1e6
        print(f"{count:8d}  {size:5.2f}  {seconds_to_read(linked):9.2f}  {seconds_to_read(plain):8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
