"""Highlighted snippets, and the one place where text becomes HTML.

Safety contract: the stored text is escaped first; the only markup ever added
is ``<mark>`` around words that matched. The result is ``markupsafe.Markup``,
so templates never need ``|safe`` and the JSON carries the same safe string.

A word is a hit when any term the analysis makes of it is one of the query's
terms, so a hit on an inflected or compound form marks the whole word as
written. The words are looked up one by one in a cache, not run through the
whole analysis chain again: a page of snippets costs a set lookup per distinct
word.

The snippet is the part of the text with the most hits, a word the query names
counting whole and a lesser hit (``hit_weights``) as a compound's parts count in
the ranking: for "cykelväg", "Nya cykelvägar byggs" is shown before
"huvudcykelnätet" and "cykelparkeringar", which hold only a part of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from indexer import datafiles
from indexer.analysis import WORD_PATTERN, fold, word_terms, words
from indexer.families import family, lemmas
from indexer.parse import TABLE_CELL_SEPARATOR

from .wordquery import PARTS_WEIGHT

SNIPPET_CHARS = 240
SNIPPET_SOURCE_CHARS = 20_000  # a snippet is chosen from the start of a very long section
CONTEXT_BEFORE = 60
LONGEST_LABEL = 300  # characters: a longer line is prose, never a title's echo or a link's label
ELLIPSIS = "…"

_TOKEN = re.compile(WORD_PATTERN)  # what ``words`` splits further at case changes


def hit_spans(text: str, terms: set[str], prefixes: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` that match, merged and in order.

    A word matches when one of the index terms it gives (its lemma or a compound
    part, as the analysis makes them) is a query term. ``terms`` and
    ``prefixes`` are folded (without å, ä, ö), so a word typed without them
    highlights the word as written.

    Each distinct token of the text is tested once, against the terms all its
    words give (remembered across queries); only the tokens that hit are
    looked for in the text and split into their words.
    """
    if not terms and not prefixes:
        return []
    terms, prefixes = frozenset(terms), tuple(prefixes)

    def matches(folded: tuple[str, ...]) -> bool:
        return not terms.isdisjoint(folded) or bool(prefixes) and any(t.startswith(prefixes) for t in folded)

    hit = {token for token in set(_TOKEN.findall(text)) if matches(_token_terms(token))}
    if not hit:
        return []
    spans = set()
    for match in _TOKEN.finditer(text):
        if match.group() in hit:
            start = match.start()
            spans.update((start + s, start + e) for s, e, folded in _token_words(match.group()) if matches(folded))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# The caches below hold tuples of strings, never sets: the garbage collector stops tracking a tuple of
# strings, and a full collection walks every object it tracks. Held as frozensets, the terms of 35,000
# words (a first pass of 300 queries at 100,000 sections) made each full collection take 0.2 s, in the
# middle of a search.


@lru_cache(maxsize=200_000)
def _folded_terms(word: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(fold(term) for term in word_terms(word)))


@lru_cache(maxsize=200_000)
def _token_words(token: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """The words of one token of the text (as the chain splits it), each with its span in the
    token and its folded terms."""
    return tuple((start, end, _folded_terms(word)) for start, end, word in words(token))


@lru_cache(maxsize=200_000)
def _token_terms(token: str) -> tuple[str, ...]:
    """The folded terms of all the words of one token."""
    return tuple(dict.fromkeys(term for _, _, folded in _token_words(token) for term in folded))


def hit_weights(
    text: str, spans: list[tuple[int, int]], terms: set[str], lesser: set[str], prefixes: Iterable[str] = ()
) -> list[float]:
    """How much each hit counts when the snippet's window is chosen: 1 for a word the query names,
    whose lemma (or family) is one of ``terms`` other than the ``lesser`` ones (a query compound's
    parts); ``PARTS_WEIGHT`` for a word that holds a query word only as a part of itself
    ("huvudcykelnätet" for "cykel") or is only a part of a query compound ("cykel" for "cykelväg")."""
    named, prefixes = frozenset(terms) - frozenset(lesser), tuple(prefixes)

    def weight(start: int, end: int) -> float:
        found = {term for _, _, word in words(text[start:end]) for term in _whole_terms(word)}
        whole = not named.isdisjoint(found) or bool(prefixes) and any(t.startswith(prefixes) for t in found)
        return 1.0 if whole else PARTS_WEIGHT

    return [weight(start, end) for start, end in spans]


@lru_cache(maxsize=200_000)
def _whole_terms(word: str) -> tuple[str, ...]:
    """The folded terms of a lowercase word as a whole: its lemmas and their families, not its parts."""
    found = lemmas(word)
    return tuple(dict.fromkeys(fold(term) for term in (*found, *(r for lemma in found for r in family(lemma)))))


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """The whole text, escaped, with every span marked."""
    return _render(text, 0, len(text), spans)


def snippet_source(text: str) -> str:
    """The part of a section a snippet is chosen from: all of it, up to a bound that keeps
    a hostile or huge section from costing more than any other."""
    return text[:SNIPPET_SOURCE_CHARS]


def snippet(
    text: str,
    spans: list[tuple[int, int]],
    size: int = SNIPPET_CHARS,
    title: str = "",
    weights: list[float] | None = None,
) -> Markup:
    """The part of the text with the most hits (each counting its ``weights``, else 1), about ``size``
    characters long. It begins no earlier than the line of its first hit (not in the tail of the
    paragraph or table row before), and a hit in a table row ends it with the row: the cells of other
    rows would read as the hit's. Hits in a line that only repeats ``title`` or labels a link to a
    document count for nothing (``_telling``), unless they are all the text holds: then it shows them
    (``_shown``)."""
    weight_of = dict(zip(spans, weights or [1.0] * len(spans), strict=True))
    told = _telling(text, spans, title) or _shown(text, spans, size, title)
    first = _best_window_start(told, size, [weight_of[span] for span in told])
    start = _word_boundary(text, max(0, first - CONTEXT_BEFORE), backwards=True) if first else 0
    start = max(start, text.rfind("\n", 0, first) + 1)
    end = _word_boundary(text, min(len(text), start + size), backwards=False)
    last = max((s for s, _ in spans if start <= s < end), default=first)
    row_end = text.find("\n", last)
    row_end = len(text) if row_end < 0 else row_end
    if row_end < end and TABLE_CELL_SEPARATOR in text[text.rfind("\n", 0, last) + 1 : row_end]:
        end = row_end
    body = _render(text, start, end, spans)
    before = ELLIPSIS + " " if start > 0 else ""
    after = " " + ELLIPSIS if end < len(text) else ""
    return Markup(before) + body + Markup(after)


def _telling(text: str, spans: list[tuple[int, int]], title: str) -> list[tuple[int, int]]:
    """The spans that tell the reader more than the card's title (``data/snippet_rules.toml``): not those in a
    line that only repeats the title or only labels a link to a document. Each line that holds a hit is read
    once, in one pass over the spans in order."""
    title_words = frozenset(_TOKEN.findall(title.casefold()))
    kept, line_end, echo = [], -1, False
    for span in spans:
        if span[0] > line_end:
            line_start = text.rfind("\n", 0, span[0]) + 1
            line_end = text.find("\n", span[0])
            line_end = len(text) if line_end < 0 else line_end
            echo = _echoes(text[line_start:line_end], title_words)
        if not echo:
            kept.append(span)
    return kept


def _shown(text: str, spans: list[tuple[int, int]], size: int, title: str) -> list[tuple[int, int]]:
    """The hits a snippet must show when every hit is in a line ``_telling`` passes by: none if the
    text's beginning shows one, or if the card's title holds each hit's word (the title shows where
    the section matched); else the hits whose word the title lacks. "pdf" in "Hela strategin finns att
    ladda ner: … (pdf, 2 MB)." at the end of a long text was the hit's only match, and the snippet,
    the text's first 240 characters, did not show it (outsider15 D8)."""
    opening = _word_boundary(text, min(len(text), size), backwards=False)
    if not spans or spans[0][1] <= opening:
        return []
    title_words = frozenset(_TOKEN.findall(title.casefold()))
    return [span for span in spans if text[span[0] : span[1]].casefold() not in title_words]


def _echoes(line: str, title_words: frozenset[str]) -> bool:
    """Whether ``line`` only repeats the title's words, or is a document link's label: "Rapporten (PDF, 2 MB)"."""
    if len(line) > LONGEST_LABEL:
        return False  # prose, whatever it ends with (and not read word by word)
    rules = snippet_rules()
    bare = rules.document_label.sub("", line)
    line_words = _TOKEN.findall(bare.casefold())
    if len(bare) < len(line) and len(line_words) <= rules.label_words:
        return True
    return bool(line_words) and title_words.issuperset(line_words)


@dataclass(frozen=True)
class SnippetRules:
    """``data/snippet_rules.toml``."""

    document_label: re.Pattern  # "(PDF, 2 MB)" at the end of a line
    label_words: int  # a line with such a label and at most this many words is a link's label


@lru_cache(maxsize=1)
def snippet_rules() -> SnippetRules:
    data = datafiles.toml("snippet_rules.toml", package="webapp")
    formats = "|".join(re.escape(name) for name in data["formats"])
    return SnippetRules(
        document_label=re.compile(rf"\s*[(\[]\s*(?:{formats})\b[^)\]]*[)\]]\W*$", re.IGNORECASE),
        label_words=int(data["label_words"]),
    )


def _best_window_start(spans: list[tuple[int, int]], size: int, weights: list[float] | None = None) -> int:
    """Where the window holding the most hits (by weight) starts: one pass, two pointers."""
    if not spans:
        return 0
    weights = weights or [1.0] * len(spans)
    best_start, best_count, end, count = spans[0][0], 0.0, 0, 0.0
    for i, (start, _) in enumerate(spans):
        while end < len(spans) and spans[end][0] < start + size - CONTEXT_BEFORE:
            count += weights[end]
            end += 1
        if count > best_count:
            best_start, best_count = start, count
        count -= weights[i]
    return best_start


def _word_boundary(text: str, index: int, backwards: bool) -> int:
    if index <= 0 or index >= len(text):
        return max(0, min(index, len(text)))
    if backwards:
        space = text.rfind(" ", 0, index)
        return space + 1 if space >= 0 else 0
    space = text.find(" ", index)
    return space if space >= 0 else len(text)


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Markup:
    parts, position = [], start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[position:span_start]))
        parts.append(Markup("<mark>%s</mark>") % text[span_start:span_end])
        position = span_end
    parts.append(escape(text[position:end]))
    return Markup("").join(parts)
