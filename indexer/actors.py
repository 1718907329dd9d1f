"""A page -> the organisation that publishes it, and its type of actor.

The organisation is named, most telling first, by

1. the page's ``<meta>`` publisher, author or site name (``parse.PUBLISHER_META``);
2. the site's name at the end of its ``<title>`` ("Näringslivsdag i Kungsbacka -
   Kungsbacka kommun"), when that reads as an organisation: a name an actor rule
   knows ("Borås Stad" beside a place, "Region Skåne", "…verket"; not "Hållbar
   stad" nor "Region" alone) or the host's own name ("Leader Sjuhärad" on
   leadersjuharad.se; not "Bo" on boras.se). A tail that is neither
   ("Regionalfonden - Övre Norrland") is part of the page's title, not its
   publisher.

Its type, one of ``actor_types.toml`` (Kommun, Region, Myndighet, Annan
organisation), is read from that name. A name that says nothing, or none, leaves
it to the site: ``publishers.read_host``, the same table and rule that give the
site's län (a host in the table says who it is: "vgregion.se" is a region,
"tillvaxtverket.se" a myndighet; a host's prefix or suffix says its type:
"regionhalland.se", "morakommun.se", "lansstyrelsen.se"; a kommun's name alone
is the kommun's site, "vaxjo.se", a län's the region's, "skane.se").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import datafiles, gazetteer, publishers
from .parse import TITLE_SEPARATOR, Page, names_host

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
    return Actor(organisation, host_actor(page.host or "") or named)


def site_name(page: Page) -> str:
    """The site's name at the end of the page's ``<title>``, if it reads as an organisation."""
    parts = TITLE_SEPARATOR.split(page.head_title.strip())
    tail = parts[-1].strip() if len(parts) > 1 else ""
    if not tail or len(tail) > MAX_SITE_NAME_CHARS:
        return ""
    if actor_type(tail) != default_actor() or names_host(tail, page.host or ""):
        return tail
    return ""


# -- The type of actor a name says --------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    actor: str
    pattern: re.Pattern
    place: bool  # the name must also name a place ("Växjö kommun", not "Hållbar stad")

    def says(self, name: str) -> bool:
        return bool(self.pattern.search(name)) and (not self.place or _names_place(name))


def _names_place(name: str) -> bool:
    """ "Ystads kommun", also written "YSTADS KOMMUN" or "region skåne" (the gazetteer reads capitals)."""
    places = gazetteer.load()
    return bool(places.mentions(name, strict=False) or places.mentions(name.title(), strict=False))


@cache
def _actor_rules() -> tuple[str, tuple[_Rule, ...]]:
    data = datafiles.toml("actor_types.toml")
    rules = tuple(
        _Rule(rule["actor"], re.compile(rule["pattern"], re.IGNORECASE), bool(rule.get("place", False)))
        for rule in data["rules"]
    )
    return data["default"], rules


def default_actor() -> str:
    return _actor_rules()[0]


def actor_types() -> list[str]:
    default, rules = _actor_rules()
    return [*dict.fromkeys(rule.actor for rule in rules), default]


def actor_type(organisation: str) -> str:
    """ "Ystads kommun" -> Kommun, "Region Skåne" -> Region, "Boverket" -> Myndighet, "Hållbar stad" -> the
    default."""
    default, rules = _actor_rules()
    return next((rule.actor for rule in rules if rule.says(organisation)), default)


# -- The type of actor a site's host says ---------------------------------------------


def host_actor(host: str) -> str | None:
    """The actor type a site's host says, or None ("example.org" says none): ``publishers.read_host``."""
    return publishers.read_host(host).actor
