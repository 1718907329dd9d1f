"""A page -> the organisation that publishes it, and its type of actor.

The organisation is named, most telling first, by

1. the page's ``<meta>`` publisher, author or site name (``parse.PUBLISHER_META``);
2. the site's name at the end of its ``<title>`` ("Näringslivsdag i Kungsbacka -
   Kungsbacka kommun"), when that reads as an organisation: a name an actor rule
   knows ("… stad", "Region …", "…verket") or the host's own name ("Leader
   Sjuhärad" on leadersjuharad.se). A tail that is neither ("Regionalfonden -
   Övre Norrland") is part of the page's title, not its publisher.

Its type, one of ``actor_types.toml`` (Kommun, Region, Myndighet, Annan
organisation), is read from that name. A name that says nothing, or none, leaves
it to the site (``publishers.toml``, the same table that gives the site's län): a
host in the table says who it is ("vgregion.se" is a region), a host's prefix or
suffix says its type ("regionhalland.se", "morakommun.se", "lansstyrelsen.se"),
and a kommun's name alone is the kommun's site ("vaxjo.se"), a län's the
region's ("skane.se", "norrbotten.se").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import datafiles, gazetteer
from .kinds import squash
from .parse import Page

#: What separates a page's own title from its site's name in ``<title>``.
TITLE_SEPARATOR = re.compile(r"\s+[-–—|:]{1,2}\s+")

#: A ``<title>`` tail longer than this is a title's second half, not a site's name.
MAX_SITE_NAME_CHARS = 60


@dataclass(frozen=True)
class Actor:
    organisation: str  # the organisation's name, or "" when the page does not say it
    type: str  # one of ``actor_types()``


def page_actor(page: Page) -> Actor:
    """The organisation behind the page and its actor type (see the module docstring)."""
    organisation = page.publisher or site_name(page)
    named = actor_type(organisation)
    if named != default_actor():
        return Actor(organisation, named)
    return Actor(organisation, host_actor(page.host or "", page.path) or named)


def site_name(page: Page) -> str:
    """The site's name at the end of the page's ``<title>``, if it reads as an organisation."""
    parts = TITLE_SEPARATOR.split(page.head_title.strip())
    tail = parts[-1].strip() if len(parts) > 1 else ""
    if not tail or len(tail) > MAX_SITE_NAME_CHARS:
        return ""
    if actor_type(tail) != default_actor() or _names_host(tail, page.host or ""):
        return tail
    return ""


def _names_host(name: str, host: str) -> bool:
    """ "Leader Sjuhärad" on leadersjuharad.se, "Borås Stad" on boras.se."""
    labels = host.split(".")
    label, squashed = (labels[-2] if len(labels) >= 2 else ""), squash(name)
    return len(label) >= 3 and (squashed.startswith(label) or label.startswith(squashed))


# -- The type of actor a name says --------------------------------------------------


@cache
def _actor_rules() -> tuple[str, tuple[tuple[str, re.Pattern], ...]]:
    data = datafiles.toml("actor_types.toml")
    rules = tuple((rule["actor"], re.compile(rule["pattern"], re.IGNORECASE)) for rule in data["rules"])
    return data["default"], rules


def default_actor() -> str:
    return _actor_rules()[0]


def actor_types() -> list[str]:
    default, rules = _actor_rules()
    return [*dict.fromkeys(actor for actor, _ in rules), default]


def actor_type(organisation: str) -> str:
    """ "Ystads kommun" -> Kommun, "Region Skåne" -> Region, "Boverket" -> Myndighet."""
    default, rules = _actor_rules()
    return next((actor for actor, pattern in rules if pattern.search(organisation)), default)


# -- The type of actor a site's host says ---------------------------------------------


@dataclass(frozen=True)
class HostActors:
    hosts: dict[str, str]  # host -> actor type, for hosts whose name does not say it
    prefixes: dict[str, str]  # "region" -> Region: regionhalland.se
    suffixes: dict[str, str]  # "kommun" -> Kommun: morakommun.se
    kommun_name: str  # a host that is a kommun's name alone: vaxjo.se
    county_name: str  # a host that is a län's name alone: skane.se


@cache
def host_actors() -> HostActors:
    data = datafiles.toml("publishers.toml")
    return HostActors(
        hosts={host: entry["actor"] for host, entry in data["hosts"].items()},
        prefixes=dict(data["host_prefixes"]),
        suffixes=dict(data["host_suffixes"]),
        kommun_name=data["host_names"]["kommun"],
        county_name=data["host_names"]["county"],
    )


def host_actor(host: str, path: str = "") -> str | None:
    """The actor type a site's host says, or None ("tillvaxtverket.se" says none by itself)."""
    table = host_actors()
    if host in table.hosts:
        return table.hosts[host]
    labels = host.split(".")
    label = squash(labels[-2]) if len(labels) >= 2 else ""
    for prefix, actor in table.prefixes.items():
        if label.startswith(prefix) and _is_place_or_empty(label[len(prefix) :]):
            return actor
    for suffix, actor in table.suffixes.items():
        if label.endswith(suffix) and label != suffix and _is_place(label[: -len(suffix)]):
            return actor
    if label in _kommun_names():
        return table.kommun_name
    if label in _county_names():
        return table.county_name
    return None


def _is_place(label: str) -> bool:
    return gazetteer.load().county_of_slug(label) is not None


def _is_place_or_empty(label: str) -> bool:
    return not label or _is_place(label)


@cache
def _kommun_names() -> frozenset[str]:
    return frozenset(squash(m.name) for m in gazetteer.municipalities())


@cache
def _county_names() -> frozenset[str]:
    return frozenset(squash(c.short_name) for c in gazetteer.counties())
