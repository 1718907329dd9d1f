"""The data files shipped in ``indexer/data/``, each read the same way.

The rules the indexer follows are data, not code: TOML tables (compound
rules, word families, kinds, places, page rules), lists with one entry a line
(stop words, ambiguous place names), and CSV and TSV tables (the gazetteer,
the word forms). A line starting with ``#`` in a list or a table is a note.
These functions only read; the module that owns a file says what it means.
The web app reads its own ``webapp/data/`` the same way (``package="webapp"``).
"""

from __future__ import annotations

import csv
import dataclasses
import tomllib
from collections.abc import Iterator
from importlib import resources

DATA = resources.files("indexer") / "data"


def text(name: str, package: str = "indexer") -> str:
    return (resources.files(package) / "data" / name).read_text(encoding="utf-8")


def toml(name: str, package: str = "indexer") -> dict:
    """A TOML file's tables."""
    return tomllib.loads(text(name, package))


def settings(data: dict, rules_class) -> dict:
    """The plain values (numbers, strings) of a TOML table whose keys are named as the fields of
    ``rules_class``: the thresholds and weights, which a rules dataclass takes as they stand."""
    names = {field.name for field in dataclasses.fields(rules_class)}
    return {key: value for key, value in data.items() if key in names and not isinstance(value, dict | list)}


def entries(name: str, package: str = "indexer") -> list[str]:
    """A list's entries, one a line, without blank lines and notes."""
    return [line.strip() for line in text(name, package).splitlines() if line.strip() and not line.startswith("#")]


def rows(name: str) -> list[dict[str, str]]:
    """A CSV table's rows, by its header."""
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def tab_fields(name: str) -> Iterator[list[str]]:
    """A TSV table's lines, split at tabs."""
    return (line.split("\t") for line in text(name).splitlines() if line and not line.startswith("#"))
