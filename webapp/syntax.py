"""The query language: what a visitor types, read into clauses.

The language, for Swedish users:

* words are all required: ``hamn logistik``;
* ``"regional kärna"`` is a phrase; one word in quotes (``"tåg"``) is exact:
  required, without synonyms or typo correction;
* ``-hamn`` or ``INTE hamn`` (``NOT``) excludes;
* ``hamn ELLER kust`` (``OR``, ``|``) accepts either; ``OCH``/``AND`` is the default;
* ``EU-pengar``, words joined by hyphens, is one word that also means its words
  apart (``query.py``); "Måste innehålla" on one of them writes them apart;
* ``bostad*`` is a prefix (at least ``MIN_PREFIX`` letters; shorter, ``bo*``, is the
  word itself, and ``short_prefixes`` lets the page say so);
* a web address (``www.trelleborg.se``, ``https://tillvaxtverket.se/nyheter/``) is the words of
  its host and path, without what names no topic (``data/address_words.txt``: www, se, html).

Anything else is text: parentheses, colons and other punctuation are ignored,
so there is no field syntax, regex or range to abuse. ``parse`` never raises:
every string is a query, possibly an empty one, of at most ``MAX_CLAUSES`` words.

This module only reads text: it knows nothing of the index. ``query.py``
compiles the clauses against an index; ``exact`` and ``as_typed`` go the other
way, from a clause back to what the visitor would type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indexer import datafiles
from indexer.analysis import normalize

OR_WORDS = frozenset({"OR", "ELLER", "|"})
AND_WORDS = frozenset({"AND", "OCH", "&"})
NOT_WORDS = frozenset({"NOT", "INTE"})
MIN_PREFIX = 3
MAX_CLAUSES = 32
MAX_PHRASE_WORDS = 16
MAX_OPTIONS = 16  # alternatives joined by ELLER in one clause

#: A word as typed, hyphens included: what a suggestion replaces ("Visar träffar för …") and the
#: link to search as typed puts back in quotes.
TYPED_WORD = re.compile(r"[\w-]+")
_TOKEN = re.compile(r'(?P<neg>-)?"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
_ADDRESS = re.compile(r"(?i)(?:https?://)?(?P<host>(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?P<tld>[a-z]{2,}))(?:[:/?#]\S*)?")
_WORD_CHARS = re.compile(r"(?:[^\W_]|\*)+(?:[-'’](?:[^\W_]|\*)+)*")  # letters and digits; "_" separates


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False
    exact: bool = False  # typed in quotes: required even among partial matches, no synonyms, never corrected
    short: bool = False  # typed with * but shorter than MIN_PREFIX: searched as the word itself


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Clause:
    """Alternatives of which one must match (or, if negated, none may)."""

    options: tuple[Word | Phrase, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[Clause, ...] = ()
    truncated: bool = False  # more than MAX_CLAUSES words were typed; the rest are ignored


def parse(text: str) -> ParsedQuery:
    """Read a query string into clauses; never raises."""
    text = normalize(text)  # as the index reads text: "sjö\xadfarts" is one word, "ﬁ" is "fi"
    clauses: list[Clause] = []
    negate_next = join_with_previous = False
    for match in _TOKEN.finditer(text):
        raw = match.group("word")
        if raw in OR_WORDS:
            join_with_previous = bool(clauses)
            continue
        if raw in AND_WORDS:
            continue
        if raw in NOT_WORDS:
            negate_next = True
            continue
        atoms, negated = _atoms(match)
        negated = negated or negate_next
        negate_next = False
        for atom in atoms:
            previous = clauses[-1] if clauses else None
            if (
                join_with_previous
                and previous
                and not negated
                and not previous.negated
                and len(previous.options) < MAX_OPTIONS
            ):
                clauses[-1] = Clause((*previous.options, atom))
            else:
                clauses.append(Clause((atom,), negated))
            join_with_previous = False
    return ParsedQuery(tuple(clauses[:MAX_CLAUSES]), truncated=len(clauses) > MAX_CLAUSES)


def _atoms(match: re.Match) -> tuple[list[Word | Phrase], bool]:
    if match.group("phrase") is not None:
        words = tuple(_WORD_CHARS.findall(match.group("phrase").replace("*", " ")))[:MAX_PHRASE_WORDS]
        return ([Phrase(words)] if len(words) > 1 else [Word(w, exact=True) for w in words]), bool(match.group("neg"))
    raw = match.group("word")
    negated = raw.startswith("-") and len(raw) > 1
    words = _WORD_CHARS.findall(raw)
    if is_address(raw.removeprefix("-")):
        words = address_words_of(raw.removeprefix("-"))
    return [_word(w) for w in words if w.strip("*")], negated


def address_words_of(address: str) -> list[str]:
    """The words of a web address that name something: its host's names without the scheme, "www" and the
    top-level domain ("eu.tillvaxtverket.se": eu, tillvaxtverket; "info.se": info), then its path's words
    without file endings and default pages (``data/address_words.txt``); never its query string or fragment."""
    match = _ADDRESS.match(address)
    host = match.group("host").split(".")[:-1]  # the top-level domain names no topic
    host = host[1:] if host and host[0].lower() == "www" else host
    path = re.split(r"[?#]", address[match.end("host") :])[0]
    skipped = address_words()
    return [*_WORD_CHARS.findall(" ".join(host)), *(w for w in _WORD_CHARS.findall(path) if w.lower() not in skipped)]


def is_address(raw: str) -> bool:
    """Whether a word as typed is a web address: a scheme, "www." or a host ending in a known
    top-level domain ("trelleborg.se"; not "t.ex." or "3.5")."""
    match = _ADDRESS.fullmatch(raw)
    if match is None:
        return False
    return "://" in raw or raw.lower().startswith("www.") or match.group("tld").lower() in address_words()


@cache
def address_words() -> frozenset[str]:
    """The parts of an address that name no topic (``data/address_words.txt``)."""
    return frozenset(datafiles.entries("address_words.txt", package="webapp"))


def _word(text: str) -> Word:
    stripped = text.strip("*")
    starred = text.endswith("*")
    return Word(stripped, prefix=starred and len(stripped) >= MIN_PREFIX, short=starred and len(stripped) < MIN_PREFIX)


def short_prefixes(parsed: ParsedQuery) -> list[str]:
    """The words typed with * that are too short to be a prefix ("b*"), as typed."""
    return [f"{o.text}*" for c in parsed.clauses for o in c.options if isinstance(o, Word) and o.short]


def as_typed(option: Word | Phrase) -> str:
    if isinstance(option, Phrase):
        return '"' + " ".join(option.words) + '"'
    if option.exact:
        return f'"{option.text}"'
    return option.text + ("*" if option.prefix else "")


def exact(q: str, words: str) -> str:
    """``q`` with ``words`` in quotes: required as typed, without synonyms
    ("Måste innehålla", "Sök bara efter …"). A word of a hyphenated word is written apart
    from the others ("Leader-område" -> ``"Leader" område``): in quotes inside it, the
    rest would read as an exclusion. Unchanged if ``words`` is not in ``q``."""
    alone = re.compile(r'(?<![\w"*-])' + re.escape(words) + r'(?![\w"*-])')
    if alone.search(q):
        return alone.sub(lambda match: f'"{match.group()}"', q, count=1)
    for match in _HYPHENATED.finditer(q):
        pieces = match.group().split("-")
        if words in pieces:
            apart = " ".join(f'"{piece}"' if piece == words else piece for piece in pieces)
            return q[: match.start()] + apart + q[match.end() :]
    return q


_HYPHENATED = re.compile(r'(?<![\w"*-])\w+(?:-\w+)+(?![\w"*-])')  # "Leader-område", "eu-stöd-hamnar"
