"""A page -> the kind of content it is (Nyhet, Utlysning, Program …), by rules in data.

The rules are ``indexer/data/kind_rules.toml`` (every site's page families);
a corpus's ``kinds.toml`` can add ``[[kind]]`` rules of its own, tried first,
and names the group headings whose sections are of a kind (the bundled page's
"Genomfört projekt"). The evidence, strongest first, is described in the data
file: meta tags, a title that names the kind of page ("Vanliga frågor om …",
"Kontakta oss om …"), the breadcrumb trail, a post's categories ("Publicerat
i Nyheter") and the URL folders (deepest first), the title, the first line of
its content, the headings of its sections (a page of questions, a page of
offices, a programme's page of its projects), and last the facts its lines
give ("Projektägare: …", "Budget: …": a project's). A folder that names a
subject rather than a kind of page ("Stadsutveckling") names a kind only on a
page that gives one of that kind's facts. A
title may need proof from the page: "Riskanalys inför bygget" names an
analysis, and the page is a Rapport only when it shows a publication (a PDF, a
series number, an ISBN, a "Sammanfattning"): a project's work item is none.
A page none of them names is of the data file's neutral ``default`` kind
("Information"): a kommun's page on cycling or road works is no family's,
and filing it under one would mix it into that family's filter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from . import datafiles
from .parse import TITLE_SEPARATOR, Page

RULES_FILE = "kind_rules.toml"


#: The keys a ``[[kind]]`` table may hold.
RULE_KEYS = frozenset(
    {"name", "words", "topics", "names", "title", "lead", "meta", "headings", "facts", "proof", "blocks"}
)


class KindRulesError(ValueError):
    """Kind rules that cannot be used."""


@dataclass(frozen=True)
class Headings:
    """Section headings (or lines) that name a kind: at least ``at_least`` of them match, and at least ``share``
    of all."""

    match: tuple[re.Pattern, ...] = ()  # searched in each lower-cased heading below the <h1> (or line)
    share: float = 0.0
    at_least: int = 1
    lead: tuple[re.Pattern, ...] = ()  # facts only: a fact only in the page's lead, its first line of content

    def name(self, headings: list[str], at_least: int | None = None, lead: str = "") -> bool:
        """``at_least``: this many instead of the rule's (one fact line is proof enough for a topic folder);
        ``lead``: the page's lower-cased first line, where a ``lead`` pattern gives one fact more."""
        matched = sum(any(pattern.search(heading) for pattern in self.match) for heading in headings)
        matched += any(pattern.search(lead) for pattern in self.lead)
        needed = max(self.at_least if at_least is None else at_least, 1)
        return bool(headings) and matched >= needed and matched >= self.share * len(headings)


@dataclass(frozen=True)
class KindRule:
    name: str
    words: tuple[re.Pattern, ...] = ()  # searched in squashed crumbs and URL segments
    topics: tuple[re.Pattern, ...] = ()  # the same, but a subject ("Stadsutveckling"): the kind only with ``facts``
    names: tuple[re.Pattern, ...] = ()  # the lower-cased title or own crumb names the kind, wherever it is filed
    title: tuple[re.Pattern, ...] = ()  # searched in the lower-cased title
    lead: tuple[re.Pattern, ...] = ()  # searched in the lower-cased first line of the content
    meta: tuple[tuple[str, re.Pattern], ...] = ()  # meta tag name -> pattern of its content
    headings: Headings = Headings()
    facts: Headings = Headings()  # the page's lines that give the kind's facts ("Projektägare: …", "Budget: …")
    proof: tuple[re.Pattern, ...] = ()  # a title names the kind only on a page whose lines hold one of these
    blocks: bool = False  # a group heading its ``names`` match makes the sections under it this kind, on any page

    def named_by_title(self, text: str, lines: Callable[[], str]) -> bool:
        """Whether the title ``text`` names the kind: a ``title`` pattern, and, where the rule asks for proof,
        a ``proof`` pattern in the page's lower-cased headings and text (``lines()``, read when asked)."""
        if not any(pattern.search(text) for pattern in self.title):
            return False
        return not self.proof or any(pattern.search(lines()) for pattern in self.proof)


def squash(text: str) -> str:
    """ "Stöd och bidrag" -> "stodochbidrag": lower case, no accents, letters and digits only."""
    ascii_text = unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text)


@cache
def default_rules() -> tuple[KindRule, ...]:
    return read_rules(datafiles.toml(RULES_FILE).get("kind", []), RULES_FILE)


@cache
def default_kind() -> str:
    """The kind of a page no rule names: a neutral one ("Information"), never a family's."""
    return datafiles.toml(RULES_FILE)["default"]


def read_rules(entries: list, source: str) -> tuple[KindRule, ...]:
    """``[[kind]]`` tables -> rules; a bad entry is a one-line ``KindRulesError``."""
    rules = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise KindRulesError(f"{source}: every [[kind]] needs a name")
        unknown = set(entry) - RULE_KEYS
        if unknown:
            raise KindRulesError(f"{source}: [[kind]] {entry['name']!r} has an unknown key {sorted(unknown)[0]!r}")
        meta = entry.get("meta", {})
        if not isinstance(meta, dict):
            raise KindRulesError(f"{source}: [[kind]] {entry['name']!r}: meta must be a table")
        if not isinstance(entry.get("blocks", False), bool):
            raise KindRulesError(f"{source}: [[kind]] {entry['name']!r}: blocks must be true or false")
        rules.append(
            KindRule(
                name=entry["name"],
                words=_patterns(entry.get("words", []), source, entry["name"]),
                topics=_patterns(entry.get("topics", []), source, entry["name"]),
                names=_patterns(entry.get("names", []), source, entry["name"]),
                title=_patterns(entry.get("title", []), source, entry["name"]),
                lead=_patterns(entry.get("lead", []), source, entry["name"]),
                meta=tuple(
                    zip((k.lower() for k in meta), _patterns(list(meta.values()), source, entry["name"]), strict=True)
                ),
                headings=_headings(entry.get("headings", {}), source, entry["name"]),
                facts=_headings(entry.get("facts", {}), source, entry["name"], "facts", re.MULTILINE),
                proof=_patterns(entry.get("proof", []), source, entry["name"], re.MULTILINE),
                blocks=entry.get("blocks", False),
            )
        )
    return tuple(rules)


def _headings(table, source: str, name: str, key: str = "headings", flags: int = 0) -> Headings:
    """``headings = { match = [...], share = 0.75, at_least = 3 }`` (or ``facts = …``) -> ``Headings``."""
    where = f"{source}: [[kind]] {name!r}: {key}"
    keys = {"match", "share", "at_least"} | ({"lead"} if key == "facts" else set())
    if not isinstance(table, dict) or set(table) - keys:
        raise KindRulesError(f"{where} must be a table of {', '.join(sorted(keys))}")
    share, at_least = table.get("share", 0.0), table.get("at_least", 1)
    if isinstance(share, bool) or not isinstance(share, int | float) or not 0 <= share <= 1:
        raise KindRulesError(f"{where}: share must be a number from 0 to 1")
    if isinstance(at_least, bool) or not isinstance(at_least, int) or at_least < 1:
        raise KindRulesError(f"{where}: at_least must be a whole number of 1 or more")
    lead = _patterns(table.get("lead", []), source, name)
    return Headings(_patterns(table.get("match", []), source, name, flags), float(share), at_least, lead)


def _patterns(values, source: str, name: str, flags: int = 0) -> tuple[re.Pattern, ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise KindRulesError(f"{source}: [[kind]] {name!r}: patterns must be a list of text")
    try:
        return tuple(re.compile(value, flags) for value in values)
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
    for text in (title, own_crumb, _document_title(page)):
        if text and (kind := _first(rules, lambda rule: rule.names, text.casefold())):
            return kind
    folders = _url_folders(page)
    lines = cache(lambda: _lines(page))  # read only when a title rule asks for proof, or a topic for facts
    lead = page.sections[0].text.split("\n", 1)[0] if page.sections else ""
    first = lead.casefold()  # a partnership sentence is a project's fact only here (``facts.lead``)
    for piece in [*reversed(crumbs), *page.categories, *reversed(folders)]:  # a post's category as a crumb
        if kind := _folder_kind(rules, squash(piece), lines, first):
            return kind
    for text in (title, own_crumb):
        named = text and next((rule.name for rule in rules if rule.named_by_title(text.casefold(), lines)), None)
        if named:
            return named
    for line in (lead, *page.tags):  # its tags say it too: "Öppnar 12 augusti" stands in a call's row of tags
        if kind := _first(rules, lambda rule: rule.lead, line.casefold()):
            return kind
    # a block of another kind ("Vanliga frågor" at the end) says nothing of the rest, unless there is no rest
    blocks = block_kinds(page, rules)
    own = [section for section, block in zip(page.sections, blocks, strict=True) if section.level > 1 and not block]
    own = own or list(page.sections)
    headings = [section.title.casefold() for section in own if section.level > 1]
    groups = dict.fromkeys(section.group.casefold() for section in own if section.group not in (None, title))
    for titles in (headings, list(groups)):  # the sections' headings, then the group headings they stand under
        if kind := next((rule.name for rule in rules if rule.headings.match and rule.headings.name(titles)), None):
            return kind
    facts = (rule.name for rule in rules if rule.facts.match and rule.facts.name(lines().splitlines(), lead=first))
    return next(facts, None)


def block_kinds(page: Page, rules: tuple[KindRule, ...]) -> tuple[str | None, ...]:
    """Each section's kind as a block of its page names it, whatever the page's: "Vanliga frågor" over the questions
    at the end of a kommun's page on its park (a rule with ``blocks``, its ``names`` matching the heading), as a group
    heading, or as a heading with a line of its own, for itself and the sections below it up to the next heading of
    its level; None for a section in no such block. The page's own kind is read without them: its FAQ block is no
    evidence of what the rest of it is."""
    kinds: list[str | None] = []
    above: list[tuple[int, str | None]] = []  # the sections the next one may stand under: (level, block kind)
    group = None
    for section in page.sections:
        if section.group != group and section.group is not None:
            above.clear()  # a new group heading stands between: the sections before it are no longer above
        group = section.group
        while above and above[-1][0] >= section.level:
            above.pop()
        own = _block_kind(section.title, rules) if section.level > 1 else None
        kind = _block_kind(section.group, rules) or own or (above[-1][1] if above else None)
        kinds.append(kind)
        above.append((section.level, kind))
    return tuple(kinds)


def _block_kind(heading: str | None, rules: tuple[KindRule, ...]) -> str | None:
    text = (heading or "").casefold()
    return next((rule.name for rule in rules if rule.blocks and any(p.search(text) for p in rule.names)), None)


def _folder_kind(rules: tuple[KindRule, ...], piece: str, lines: Callable[[], str], lead: str = "") -> str | None:
    """The kind a squashed crumb or folder names: a rule's ``words``, or its ``topics`` on a page that shows one
    of its ``facts`` (a kommun's "Stadsutveckling" holds its projects, each with its owner and its budget, and
    its pages on planning, which give none), in its lines or, for a ``lead`` fact, in its lead (``lead``)."""
    for rule in rules:
        if any(pattern.search(piece) for pattern in rule.words):
            return rule.name
        if any(pattern.search(piece) for pattern in rule.topics) and rule.facts.name(lines().splitlines(), 1, lead):
            return rule.name
    return None


def page_title(page: Page) -> str:
    """The page's <h1>, else the title of its first section."""
    if page.heading:
        return page.heading
    return page.sections[0].title if page.sections else ""


def _document_title(page: Page) -> str:
    """The ``<title>`` without the site's name: "Om programmet Utveckla svenska städer" where the <h1> says only
    "Utveckla svenska städer"."""
    return TITLE_SEPARATOR.split(page.head_title.strip())[0]


def _lines(page: Page) -> str:
    """The page's section headings and text, lower-cased, a line each (``proof`` patterns may anchor a line:
    a heading "Sammanfattning"), and the lines read out of its text that offer its document or give its
    publication facts ("Ladda ner rapporten (pdf, 2,1 MB)", "Rapport 0412 · Publicerad … · 64 sidor")."""
    texts = (line for section in page.sections for line in (section.title, section.text))
    return "\n".join((*texts, *page.publication)).casefold()


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
