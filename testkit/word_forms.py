"""Every form of a word the site holds, searched: which find nothing (shared by bench and tests).

A visitor types a word in whatever form comes to mind ("exporterande",
"anställd", "pendlarna"). The sweep takes every lemma the index holds (the
first term of a written word) and searches, one at a time, every other form the
word list gives of it, through the service's own search function with the
shipped synonyms. A form that finds nothing while its lemma is on the site is a
place where the query's analysis and the index's disagree. Stop words find
nothing by design and are counted apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.analysis import stop_words
from indexer.lexicon import load as load_lexicon
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.search import search

from .relevance import served_features


@dataclass
class Sweep:
    searched: int  # forms searched
    found_nothing: list[tuple[str, str]]  # (form, lemma) of each form that found nothing
    stop_words: list[tuple[str, str]]  # (form, lemma) of the forms that are stop words, not searched


def forms_of_held_lemmas(reader) -> dict[str, list[str]]:
    """Each lemma the index holds in its text -> the other forms the word list gives of it."""
    forms: dict[str, list[str]] = defaultdict(list)
    for form, lemma in load_lexicon().lemma_of.items():
        if form != lemma and form.isalpha():
            forms[lemma].append(form)
    held = (term.decode() if isinstance(term, bytes) else term for term in reader.lexicon("text"))
    return {lemma: sorted(forms[lemma]) for lemma in held if lemma in forms}


def sweep(index_dir: Path) -> Sweep:
    """Search every form of every lemma the index in ``index_dir`` holds."""
    result = Sweep(0, [], [])
    stopped = stop_words()
    with whoosh_index.open_dir(str(index_dir)).searcher() as searcher:
        postings, features = read_postings(searcher), served_features()
        for lemma, forms in sorted(forms_of_held_lemmas(searcher.reader()).items()):
            for form in forms:
                if form in stopped:
                    result.stop_words.append((form, lemma))
                    continue
                result.searched += 1
                found = search(searcher, SearchRequest(q=form, per_page=1), postings, features=features)
                if found["total"] == 0:
                    result.found_nothing.append((form, lemma))
    return result
