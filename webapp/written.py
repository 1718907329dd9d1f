"""The site's words as written (``indexer/written.py``), as completions and corrections read them.

Loaded once per generation and process (a generation is never written again once published),
in the table's order: the words that begin with what was typed are a binary search away, and the
words a few edits from a typo are found by Whoosh's Levenshtein automaton stepping through the
sorted words (as Whoosh's ``terms_within`` steps through an index's terms), a few milliseconds
where comparing the typo with every word of its first letter took seconds at 20,000 sections.
"""

from __future__ import annotations

import bisect
import logging
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton

from indexer import written

log = logging.getLogger(__name__)

GENERATIONS_KEPT = 2  # the one served and the one before it, for requests that opened it
SAME_START = 1  # letters a candidate shares with the typo's start: typos seldom hit the first


@dataclass(frozen=True)
class WrittenWords:
    words: list[str]  # sorted
    sections: array  # how many sections say words[i]

    def with_prefix(self, prefix: str) -> dict[str, int]:
        """The words that begin with ``prefix`` -> how many sections say them."""
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff", start)
        return {self.words[i]: self.sections[i] for i in range(start, end)}

    def sections_of(self, word: str) -> int:
        """How many sections say ``word`` (0: none)."""
        at = bisect.bisect_left(self.words, word)
        return self.sections[at] if at < len(self.words) and self.words[at] == word else 0

    def near(self, word: str, limit: int) -> dict[str, int]:
        """The words within ``limit`` edits (insertions, deletions, replacements) of ``word`` that
        share its first letter -> how many sections say them (``word`` itself left out)."""
        automaton = levenshtein_automaton(word, limit, prefix=SAME_START).to_dfa()
        found = {}
        for candidate in find_all_matches(automaton, self._first_from):
            if candidate != word:
                found[candidate] = self.sections[bisect.bisect_left(self.words, candidate)]
        return found

    def _first_from(self, text: str) -> str | None:
        """The first word at or after ``text`` in order, or None."""
        i = bisect.bisect_left(self.words, text)
        return self.words[i] if i < len(self.words) else None


def of(reader) -> WrittenWords | None:
    """The written words of the generation ``reader`` reads, or None if it has none (an index
    written before there was a table of them, or one in memory)."""
    leaves = reader.leaf_readers()
    storage = leaves[0][0].storage() if leaves else None
    folder = getattr(storage, "folder", None)
    return _load(str(folder)) if folder else None


@lru_cache(maxsize=GENERATIONS_KEPT)
def _load(folder: str) -> WrittenWords | None:
    """The table of a generation; None if it has none, or if it is damaged: completions and corrections then
    read the index's terms, as for an index written before there was a table, and the log says so once per
    generation and process (the table is a convenience beside the index; searches never read it)."""
    words, sections = [], array("I")
    try:
        rows = written.rows(Path(folder))
        if rows is None:
            return None
        for word, n in rows:
            words.append(word)
            sections.append(n)
    except written.DamagedTable as error:
        log.error("%s (%s): suggestions read the index's terms instead; a build writes it anew", error, folder)
        return None
    return WrittenWords(words, sections)
