"""A site's host -> who publishes it: the län it stands for and its type of actor.

One table, ``publishers.toml``, read and checked here once, and one rule for a
host, which both readers use: ``regions.py`` (a region's, a länsstyrelse's or a
kommun's own site is about its län) and ``actors.py`` (when a page's ``<meta>``
and ``<title>`` name no organisation that says its type). A host is read as:

1. an entry of ``[hosts]``: a site whose name does not say who it is, with its
   län, its actor type or both ("vgregion.se", "tillvaxtverket.se"); a subdomain
   of one is that organisation's site too ("projektbanken.tillvaxtverket.se",
   the nearest entry); what an entry leaves out, the host's name may still say;
2. its first label, squashed ("Morakommun" -> "morakommun"): a place's name with
   one of ``host_prefixes`` before it ("regionhalland.se") and/or one of
   ``host_suffixes`` after it ("morakommun.se", "vasterbottenslan.se"); the
   prefix, else the suffix, says the actor type. A prefix alone is a name too
   ("lansstyrelsen.se"), a suffix alone is not ("kommun.se");
3. a place's name alone: a kommun's ("vaxjo.se") is the kommun's site, a län's
   ("skane.se") the region's (``host_names``).

The kommun a page is published by (``municipality``), which a search for the kommun's name
finds (``webapp/places.py``), is read by the same rules: an organisation that is the kommun,
named as a kommun names itself ("Västerås stad", "Falu kommun": the place and one of the
suffixes of the type Kommun), else, for a page of a kommun, the kommun the host names
("vasteras.se", "morakommun.se"; not one whose letters two kommuner share: Håbo, Habo).

A row that is not a table of ``county`` and ``actor`` (each optional), a län
that ``counties.csv`` does not know or an actor type that ``actor_types.toml``
does not name is refused with a one-line ``PublishersError``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache

from . import datafiles, gazetteer
from .gazetteer import Gazetteer
from .kinds import squash

FILE = "publishers.toml"


class PublishersError(ValueError):
    """A row of ``publishers.toml`` that cannot be read."""


@dataclass(frozen=True)
class Publisher:
    county: str | None = None  # the län the site stands for
    actor: str | None = None  # its type of actor, one of actor_types.toml


@dataclass(frozen=True)
class Table:
    hosts: dict[str, Publisher]  # host (without "www.") -> who it is
    path_sites: frozenset[str]  # one site for many län, its first folder names the län
    prefixes: dict[str, str]  # "region" -> Region: regionhalland.se
    suffixes: dict[str, str]  # "kommun" -> Kommun: morakommun.se
    kommun_name: str  # the actor type of a host that is a kommun's name alone: vaxjo.se
    county_name: str  # the actor type of a host that is a län's name alone: skane.se


@cache
def table() -> Table:
    """``publishers.toml``, checked (see the module docstring)."""
    data = datafiles.toml(FILE)
    names = data["host_names"]
    found = Table(
        hosts={host: _publisher(host, entry) for host, entry in data["hosts"].items()},
        path_sites=frozenset(data["path_sites"]),
        prefixes=dict(data["host_prefixes"]),
        suffixes=dict(data["host_suffixes"]),
        kommun_name=names["kommun"],
        county_name=names["county"],
    )
    _check_actor_types(found)
    return found


def _publisher(host: str, entry) -> Publisher:
    if not isinstance(entry, dict) or not entry or set(entry) - {"county", "actor"}:
        raise PublishersError(f'{FILE}: "{host}" must be a table of county and/or actor, e.g. {{ actor = "Region" }}')
    county, actor = entry.get("county"), entry.get("actor")
    if county is not None and county not in {c.name for c in gazetteer.counties()}:
        raise PublishersError(f'{FILE}: "{host}": county "{county}" is no län of counties.csv')
    return Publisher(county, actor)


def _check_actor_types(found: Table) -> None:
    from .actors import actor_types  # actors.py reads this table too, through read_host

    named = [
        *(entry.actor for entry in found.hosts.values() if entry.actor),
        *found.prefixes.values(),
        *found.suffixes.values(),
        found.kommun_name,
        found.county_name,
    ]
    if unknown := [actor for actor in named if actor not in actor_types()]:
        raise PublishersError(f'{FILE}: "{unknown[0]}" is no actor type (one of {", ".join(actor_types())})')


def read_host(host: str, places: Gazetteer | None = None) -> Publisher:
    """Who the site ``host`` (without "www.") is, as far as the table and its name say."""
    found = table()
    labels = host.split(".")
    entry = next(
        (found.hosts[name] for i in range(len(labels) - 1) if (name := ".".join(labels[i:])) in found.hosts),
        Publisher(),
    )
    named = _read_label(squash(labels[-2]), found, places or gazetteer.load()) if len(labels) >= 2 else Publisher()
    return Publisher(entry.county or named.county, entry.actor or named.actor)


def _read_label(label: str, found: Table, places: Gazetteer) -> Publisher:
    if county := places.county_of_slug(label):  # a name alone, also one that ends like a suffix: "karlstad"
        if label in _kommun_names():
            return Publisher(county, found.kommun_name)
        return Publisher(county, found.county_name if label in _county_names() else None)
    prefix = next((p for p in found.prefixes if label.startswith(p)), "")
    rest = label[len(prefix) :]
    suffix = next((s for s in found.suffixes if rest.endswith(s) and rest != s), "")
    place = rest[: len(rest) - len(suffix)]
    if not place:  # a prefix alone says the type ("lansstyrelsen.se"), a suffix alone nothing ("kommun.se")
        return Publisher(None, found.prefixes[prefix] if prefix and not rest else None)
    county = places.county_of_slug(place) if prefix or suffix else None
    if county is None:  # "regionservice.se"
        return Publisher()
    return Publisher(county, found.prefixes[prefix] if prefix else found.suffixes[suffix])


@cache
def _kommun_names() -> frozenset[str]:
    return frozenset(squash(m.name) for m in gazetteer.municipalities())


@cache
def _county_names() -> frozenset[str]:
    return frozenset(squash(c.short_name) for c in gazetteer.counties())


def municipality(organisation: str, actor: str, host: str) -> str | None:
    """The kommun (its name in ``municipalities.csv``) that publishes a section: the one its
    organisation is, else, when its actor type is Kommun, the one its site's host names."""
    words = organisation.casefold().split()
    if len(words) > 1 and words[-1] in kommun_suffixes():
        if named := _kommun_forms().get(" ".join(words[:-1])):
            return named
    labels = host.split(".")
    if actor != table().kommun_name or len(labels) < 2:
        return None
    label = squash(labels[-2])
    suffix = next((s for s in kommun_suffixes() if label.endswith(s) and label != s), "")
    return _kommun_slugs().get(label) or _kommun_slugs().get(label.removesuffix(suffix) if suffix else None)


@cache
def kommun_suffixes() -> tuple[str, ...]:
    """What follows a kommun's name in its organisation's name, its host, or a query that names it
    ("Västerås stad", "morakommun.se", "falu kommun"): the suffixes of the actor type Kommun."""
    found = table()
    return tuple(suffix for suffix, actor in found.suffixes.items() if actor == found.kommun_name)


@cache
def _kommun_forms() -> dict[str, str]:
    """A kommun's name and its genitive, in lower case ("västerås", "falu") -> the kommun."""
    return {form.casefold(): m.name for m in gazetteer.municipalities() for form in gazetteer.written_forms(m.name)[:2]}


@cache
def _kommun_slugs() -> dict[str, str]:
    """A kommun's name as a host writes it ("vasteras") -> the kommun, but a name two kommuner share."""
    shared = Counter(squash(m.name) for m in gazetteer.municipalities())
    return {squash(m.name): m.name for m in gazetteer.municipalities() if shared[squash(m.name)] == 1}
