"""Swedish places -> county (län), from SCB's official list of codes.

The data files in ``indexer/data/`` hold all 21 counties and all 290
municipalities. A place is recognised in the forms Swedish text uses for it:

* the name itself ("Kristianstad", "Västra Götaland", "Upplands Väsby"),
* the genitive ("Halmstads kommun", "Gävles funktion"; names ending in s, x or
  z take no extra s: "Borås kommun"),
* a compound with *region* ("Göteborgsregionen", "Västra Götalandsregionen"),
* a county's full name ("Skåne län").

Names in ``ambiguous_places.txt`` ("Mark", "Berg", "Vara") are also everyday
words or surnames: in running text they count only as "<name> kommun".
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources

NATIONAL = "Nationellt"

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_MAX_NAME_WORDS = 3  # "Västra Götalands län"


@dataclass(frozen=True)
class Mention:
    county: str  # the county's name as SCB writes it: "Skåne län"
    start: int  # character offset in the text


class Gazetteer:
    """Finds the counties that Swedish place names in a text belong to."""

    def __init__(self, counties: dict[str, str], forms: dict[str, str], guarded: dict[str, str]):
        self.counties = counties  # code -> "Skåne län"
        self._forms = forms  # written form -> county name
        self._guarded = guarded  # ambiguous written form -> county name, only before "kommun"
        self._first_words = {form.split(" ")[0] for form in [*forms, *guarded]}  # most words start no name

    @property
    def regions(self) -> list[str]:
        """Every value a section's region can take."""
        return [*self.counties.values(), NATIONAL]

    def mentions(self, text: str, strict: bool = True) -> list[Mention]:
        """Places named in ``text``. ``strict`` leaves out ambiguous names unless they
        are written as "<name> kommun"."""
        words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        found, index = [], 0
        while index < len(words):
            if words[index][0] not in self._first_words:
                index += 1
                continue
            for size in range(min(_MAX_NAME_WORDS, len(words) - index), 0, -1):
                phrase = " ".join(word for word, _ in words[index:index + size])
                following = words[index + size][0] if index + size < len(words) else ""
                county = self._county_of(phrase, following, strict)
                if county:
                    found.append(Mention(county, words[index][1]))
                    index += size
                    break
            else:
                index += 1
        return found

    def _county_of(self, phrase: str, following: str, strict: bool) -> str | None:
        if phrase in self._forms:
            return self._forms[phrase]
        if phrase in self._guarded and (not strict or following in ("kommun", "kommuns")):
            return self._guarded[phrase]
        return None

    def county_of_organisation(self, name: str) -> str | None:
        """The county an organisation's name places it in ("Region Gävleborg")."""
        counties = {mention.county for mention in self.mentions(name, strict=False)}
        return counties.pop() if len(counties) == 1 else None

    def county_of_text(self, text: str) -> str | None:
        """The county named most often in a text; the first named wins a tie."""
        mentions = self.mentions(text)
        if not mentions:
            return None
        counts = Counter(mention.county for mention in mentions)
        best = max(counts.values())
        return next(m.county for m in mentions if counts[m.county] == best)


def written_forms(name: str) -> list[str]:
    """How a place name is written in running text, by Swedish grammar."""
    genitive = name if name[-1] in "sxz" else name + "s"
    return [name, genitive, genitive + "region", genitive + "regionen", genitive + "regionens"]


@cache
def load() -> Gazetteer:
    """The gazetteer shipped with the indexer."""
    data = resources.files("indexer") / "data"
    with (data / "counties.csv").open(encoding="utf-8") as f:
        county_rows = list(csv.DictReader(f))
    with (data / "municipalities.csv").open(encoding="utf-8") as f:
        municipality_rows = list(csv.DictReader(f))
    ambiguous = {
        line.strip()
        for line in (data / "ambiguous_places.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    counties = {row["code"]: row["name"] for row in county_rows}
    forms: dict[str, str] = {}
    guarded: dict[str, str] = {}
    for row in municipality_rows:
        target = guarded if row["name"] in ambiguous else forms
        for form in written_forms(row["name"]):
            target[form] = counties[row["county_code"]]
    for row in county_rows:
        forms[row["name"]] = row["name"]
        for form in written_forms(row["short_name"]):
            forms[form] = row["name"]
    return Gazetteer(counties, forms, guarded)
