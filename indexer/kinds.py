"""A page -> the kind of content it is (Nyhet, Utlysning, Program …), by rules in data.

The rules are ``indexer/data/kind_rules.toml`` (every site's page families);
a corpus's ``kinds.toml`` can add ``[[kind]]`` rules of its own, tried first,
and names the group headings whose sections are of a kind (the bundled page's
"Genomfört projekt"). The evidence, strongest first, is described in the data
file: meta tags, the breadcrumb trail and the URL folders (deepest first), the
title, the first line of its content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from . import datafiles
from .parse import Page

RULES_FILE = "kind_rules.toml"


class KindRulesError(ValueError):
    """Kind rules that cannot be used."""


@dataclass(frozen=True)
class KindRule:
    name: str
    words: tuple[re.Pattern, ...] = ()  # searched in squashed crumbs and URL segments
    title: tuple[re.Pattern, ...] = ()  # searched in the lower-cased title
    lead: tuple[re.Pattern, ...] = ()  # searched in the lower-cased first line of the content
    meta: tuple[tuple[str, re.Pattern], ...] = ()  # meta tag name -> pattern of its content


def squash(text: str) -> str:
    """ "Stöd och bidrag" -> "stodochbidrag": lower case, no accents, letters and digits only."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text)


@cache
def default_rules() -> tuple[KindRule, ...]:
    return read_rules(datafiles.toml(RULES_FILE).get("kind", []), RULES_FILE)


def read_rules(entries: list, source: str) -> tuple[KindRule, ...]:
    """``[[kind]]`` tables -> rules; a bad entry is a one-line ``KindRulesError``."""
    rules = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise KindRulesError(f"{source}: every [[kind]] needs a name")
        unknown = set(entry) - {"name", "words", "title", "lead", "meta"}
        if unknown:
            raise KindRulesError(f"{source}: [[kind]] {entry['name']!r} has an unknown key {sorted(unknown)[0]!r}")
        meta = entry.get("meta", {})
        if not isinstance(meta, dict):
            raise KindRulesError(f"{source}: [[kind]] {entry['name']!r}: meta must be a table")
        rules.append(
            KindRule(
                name=entry["name"],
                words=_patterns(entry.get("words", []), source, entry["name"]),
                title=_patterns(entry.get("title", []), source, entry["name"]),
                lead=_patterns(entry.get("lead", []), source, entry["name"]),
                meta=tuple(
                    zip((k.lower() for k in meta), _patterns(list(meta.values()), source, entry["name"]), strict=True)
                ),
            )
        )
    return tuple(rules)


def _patterns(values, source: str, name: str) -> tuple[re.Pattern, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise KindRulesError(f"{source}: [[kind]] {name!r}: patterns must be a list of text")
    try:
        return tuple(re.compile(value) for value in values)
    except re.error as error:
        raise KindRulesError(f"{source}: [[kind]] {name!r}: {error}") from None


def page_kind(page: Page, rules: tuple[KindRule, ...]) -> str | None:
    """The kind the page's evidence names first, or None."""
    meta = dict(page.meta)
    for rule in rules:
        if any(name in meta and pattern.search(meta[name]) for name, pattern in rule.meta):
            return rule.name
    title = page_title(page)
    crumbs, own_crumb = _crumbs(page.breadcrumbs, title)
    folders = _url_folders(page)
    for piece in [*reversed(crumbs), *reversed(folders)]:
        if kind := _first(rules, lambda rule: rule.words, squash(piece)):
            return kind
    for text in (title, own_crumb):
        if text and (kind := _first(rules, lambda rule: rule.title, text.casefold())):
            return kind
    lead = page.sections[0].text.split("\n", 1)[0].casefold() if page.sections else ""
    return _first(rules, lambda rule: rule.lead, lead)


def page_title(page: Page) -> str:
    """The page's <h1>, else the title of its first section."""
    if page.heading:
        return page.heading
    return page.sections[0].title if page.sections else ""


def _first(rules, patterns_of, text: str) -> str | None:
    return next((rule.name for rule in rules if any(p.search(text) for p in patterns_of(rule))), None)


def _crumbs(trail: tuple[str, ...], title: str) -> tuple[list[str], str]:
    """The trail's parents, and the page's own crumb when the trail ends with it."""
    if trail and _names_the_page(trail[-1], title):
        return list(trail[:-1]), trail[-1]
    return list(trail), ""


def _names_the_page(crumb: str, title: str) -> bool:
    """The crumb is the page's title, whole, part of it, or shortened: "Interreg ÖKS öppnar utlysning" for
    "Interreg Öresund-Kattegat-Skagerrak öppnar ny utlysning" (most of its words are the title's). A parent
    shares a word at most ("Stöd och finansiering" over "Finansiering för små företag")."""
    last, own_title = squash(crumb), squash(title)
    if not (last and own_title):
        return False
    if last in own_title or own_title in last:
        return True
    words, title_words = _words(crumb), _words(title)
    return len(words) >= 3 and 2 * len(words & title_words) > len(words)


def _words(text: str) -> set[str]:
    return {squash(word) for word in re.findall(r"\w+", text)}


def _url_folders(page: Page) -> list[str]:
    """The URL path's folders: the host and the page's own segment left out (a slug is its title, and
    titles are read by the title rules)."""
    path = urlsplit(page.url).path if page.url else page.path
    return [segment for segment in path.split("/") if segment][:-1]
