"""Swedish text analysis: how text becomes index terms.

Baseline chain: Unicode word tokens, lowercase, Swedish stop words (our own
list, never Whoosh's, which adds English words), one-letter words kept ("ö",
"å"), then the Snowball Swedish stemmer.
"""

from functools import cache
from importlib import resources

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

#: A word: letters and digits, joined by inner hyphens or apostrophes.
WORD_PATTERN = r"\w+(?:[-'’]\w+)*"


@cache
def stop_words() -> frozenset[str]:
    text = (resources.files("indexer") / "data" / "stopwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def swedish_analyzer():
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stop_words(), minsize=1, lang=None)
        | StemFilter(lang="sv")
    )
