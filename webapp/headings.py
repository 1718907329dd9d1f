"""A query of nothing but stop words, searched in the headings.

Stop words are not indexed (``indexer/data/stopwords.txt``), so a query made only of them ("hur mycket",
"om oss", "vem är vi") had nothing to search and said so, though a section may be headed with exactly those
words: "Hur mycket kan ni söka?", "Om oss", an e-service named in them (outsider18's attack results). Such a
query now finds the sections whose heading holds its words as typed, whole words in that order (å, ä, ö as
typed or not), read from the index's sort keys of the headings (``title_key``: one term per distinct heading,
so the lexicon is read, never the sections; once per generation, kept in ``facets.Postings``). Two or more
words, or one that is a whole heading: a single common word ("och", "om") inside a heading names nothing. The
heading that is the query comes first, then those that open with it, then the rest; a shorter heading before a
longer one.
"""

from __future__ import annotations

from collections import defaultdict

from whoosh import query as wq

from indexer.schema import TITLE_KEY_FIELD, folded_title_key

from .query import heading_words

#: Each heading found scores this much less than the one before it, from 1: the order above, read by the ranking
#: as a score (a section's page and a heading asked like a question may still move it, as for any query).
STEP = 1e-3


class Headings:
    """Every distinct heading of a generation as its folded words, and which headings hold each word."""

    def __init__(self, searcher):
        self.keys: list[str] = []
        self.words: list[list[str]] = []
        self.holding: dict[str, set[int]] = defaultdict(set)
        for raw in searcher.reader().lexicon(TITLE_KEY_FIELD):
            key = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            words = heading_words(folded_title_key(key))
            for word in words:
                self.holding[word].add(len(self.keys))
            self.keys.append(key)
            self.words.append(words)

    def holding_all(self, words: list[str]) -> set[int]:
        """The headings (by number) that hold every one of ``words``, anywhere."""
        sets = sorted((self.holding.get(word, set()) for word in set(words)), key=len)
        return set.intersection(*sets) if sets else set()


def heading_query(searcher, typed: list[str], cache: dict) -> wq.Query | None:
    """The sections whose heading holds the words ``typed`` (stop words, as typed) in order, each scored by
    where it holds them (``_rank``); None if no heading does, or the words are one that is no whole heading.
    ``cache``: the generation's (``facets.Postings.headings``)."""
    words = [word for text in typed for word in heading_words(text)]
    if not words:
        return None
    if "every" not in cache:
        cache["every"] = Headings(searcher)
    headings: Headings = cache["every"]
    found = sorted(
        (rank, headings.keys[number])
        for number in headings.holding_all(words)
        if (rank := _rank(words, headings.words[number])) is not None
    )
    if not found:
        return None
    return wq.Or(
        [
            wq.ConstantScoreQuery(wq.Term(TITLE_KEY_FIELD, key), 1.0 - STEP * position)
            for position, (_rank_of, key) in enumerate(found)
        ]
    )


def _rank(words: list[str], heading: list[str]) -> tuple[int, int] | None:
    """Where ``heading`` holds ``words`` in order: (0 the whole heading, 1 its opening, 2 elsewhere; its length),
    or None. One word only as the whole heading."""
    if heading == words:
        return 0, len(heading)
    if len(words) < 2:
        return None
    if heading[: len(words)] == words:
        return 1, len(heading)
    runs = (heading[start : start + len(words)] for start in range(1, len(heading) - len(words) + 1))
    return (2, len(heading)) if words in runs else None
