"""A map of Sweden's 21 län, shaded by the number of hits, as inline SVG.

The boundaries come from the ``pygal-maps-se`` package (LGPL-3.0-or-later,
drawn after a Wikimedia Commons map): only its SVG file is read, once. Each
län there is a group classed by its official län letter (``sM`` is Skåne,
``sAB`` Stockholm), which the gazetteer maps to SCB's county name.

Each län becomes a link that toggles the region filter, shaded in one of
``SHADES`` steps by its share of the hits, with its name and count as an
accessible label. The counts are also given as text beside the map.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources

from indexer.gazetteer import counties

SVG_NS = "{http://www.w3.org/2000/svg}"
VIEWBOX = "0 0 290 660"
SHADES = 5  # shade 0: no hits; 1-4: rising share of the most hits in one län


@cache
def county_shapes() -> dict[str, str]:
    """County name (as SCB names it) -> SVG path data of its boundary."""
    by_letter = {county.letter: county.name for county in counties()}
    svg = ET.fromstring((resources.files("pygal_maps_se") / "se.lan.svg").read_bytes())
    layer = next(g for g in svg.iter(f"{SVG_NS}g") if g.get("id") == "Lan")
    shapes = {}
    for group in layer.findall(f"{SVG_NS}g"):
        letter = group.get("class", "").split()[0].removeprefix("s")
        shapes[by_letter[letter]] = " ".join(path.get("d") for path in group.iter(f"{SVG_NS}path"))
    return shapes


def shade(count: int, most: int) -> int:
    """0 for no hits, else 1..SHADES-1 by the share of the län with the most hits."""
    if count <= 0 or most <= 0:
        return 0
    return min(SHADES - 1, 1 + (count * (SHADES - 1) - 1) // most)


def map_counties(counties: list[dict]) -> list[dict]:
    """Every län with its shape and shade, in SCB order.

    ``counties``: one facet value per län (``value``, ``count``, ``selected``,
    ``toggle_url``), zero counts included.
    """
    most = max((county["count"] for county in counties), default=0)
    shapes = county_shapes()
    return [{**county, "path": shapes[county["value"]], "shade": shade(county["count"], most)} for county in counties]
