"""Judged queries and how a ranking is scored, shared by the relevance test and benchmark.

The judgments are ``tests/data/relevance.toml`` (the bundled page) and ``tests/data/relevance_site.toml``
(the fixture site of ``testkit/site.py``), graded 0-3 by reading the sections, and the held-out
``tests/data/relevance_holdout.toml``: queries over both, written blind before the relevance work and never
tuned on (its ``[[query]]`` table names sections of the fixture site, its ``[[bundled_query]]`` table sections
of the bundled page), and ``tests/data/relevance_site_b.toml``: set B over the fixture site, written blind before
a later session's ranking work, a development set the team measures on but never edits. The systems compared, built
from the same documents: **ours** (the service's search as served: Swedish analysis, partial matching,
optional question words, the shipped synonyms), **ours-off** (the same with those features off: the
version before them), and plain Whoosh with ``StandardAnalyzer`` and ``LanguageAnalyzer("sv")``.

Metrics: nDCG@10 (graded gain 2^grade - 1), MRR and P@1. Categories a judgments file lists in
``pending_categories`` were judged before the feature they measure; they are left out of the overall score.
``tests/test_relevance.py`` holds the thresholds; ``python -m bench.relevance`` prints the comparison.

Every judged query is also an ordinary query that the query log must keep as typed (``JUDGED_TABLES``, read by
``bench.masking``), as is each of ``tests/data/ordinary_queries.tsv`` (``load_ordinary``, read by that benchmark and
by ``tests/test_querylog.py``): queries with numbers and dates that name no person, each with what the log keeps.
Its counterpart, ``tests/data/private_queries.tsv`` (``load_private``, read by the same two), holds queries that name
a person beside everyday words, each with what the log must keep of it (labels, and the words that say what a
number is).
"""

from __future__ import annotations

import math
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import LanguageAnalyzer, StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser

from indexer.build import build, read_corpus
from indexer.synonyms import BASE_FILE, base_synonyms
from webapp.facets import read_postings
from webapp.params import SearchRequest
from webapp.querylog import MAX_QUERY_CHARS, canonical
from webapp.search import Features, search

REPO = Path(__file__).resolve().parents[1]
JUDGMENTS = REPO / "tests" / "data" / "relevance.toml"
SITE_JUDGMENTS = REPO / "tests" / "data" / "relevance_site.toml"
HOLDOUT = REPO / "tests" / "data" / "relevance_holdout.toml"  # held out: measured, never tuned on
SITE_B = REPO / "tests" / "data" / "relevance_site_b.toml"  # set B, written blind: measured, never edited
#: Every table of judged queries: (file, table).
JUDGED_TABLES = (
    (JUDGMENTS, "query"),
    (SITE_JUDGMENTS, "query"),
    (HOLDOUT, "query"),
    (HOLDOUT, "bundled_query"),
    (SITE_B, "query"),
)
ORDINARY_QUERIES = REPO / "tests" / "data" / "ordinary_queries.tsv"  # no one's numbers and dates: kept by the log
PRIVATE_QUERIES = REPO / "tests" / "data" / "private_queries.tsv"  # a person's: masked by the log
CORPUS = REPO / "corpus"
SYNONYMS = BASE_FILE  # the shipped base list: what both corpora are served with (neither adds to it)
K = 10


@dataclass(frozen=True)
class Judged:
    q: str
    category: str
    relevant: dict[str, int]  # section anchor -> grade


def load_judgments(path: Path = JUDGMENTS, table: str = "query") -> list[Judged]:
    """The judged queries of one table of a judgments file (``[[query]]`` unless told)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Judged(item["q"], item["category"], dict(item["relevant"])) for item in data[table]]


def load_pending(path: Path = JUDGMENTS) -> frozenset[str]:
    """The categories judged before their feature landed: reported, not yet enforced."""
    return frozenset(tomllib.loads(path.read_text(encoding="utf-8")).get("pending_categories", []))


def as_typed(q: str) -> str:
    """A query as the query log keeps one in which nothing is masked: its one spelling, lower case, cut."""
    return canonical(q)[:MAX_QUERY_CHARS].lower()


def load_ordinary(path: Path = ORDINARY_QUERIES) -> list[tuple[str, str]]:
    """The ordinary queries with numbers and dates, each with what the log keeps of it (``as_typed`` unless the
    file says otherwise after a tab)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            q, _, kept = line.partition("\t")
            rows.append((q, kept or as_typed(q)))
    return rows


def load_private(path: Path = PRIVATE_QUERIES) -> list[tuple[str, str]]:
    """The queries that name a person beside everyday words, each with what the log must keep of it (read as
    ``load_ordinary`` reads its file)."""
    return load_ordinary(path)


# -- Metrics ------------------------------------------------------------------


def ndcg(ranked: list[str], relevant: dict[str, int], k: int = K) -> float:
    def dcg(grades):
        return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))

    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg([relevant.get(section, 0) for section in ranked[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], relevant: dict[str, int]) -> float:
    return next((1 / (rank + 1) for rank, section in enumerate(ranked) if relevant.get(section)), 0.0)


def precision_at_1(ranked: list[str], relevant: dict[str, int]) -> float:
    return 1.0 if ranked and relevant.get(ranked[0]) else 0.0


METRICS = {"nDCG@10": ndcg, "MRR": reciprocal_rank, "P@1": precision_at_1}


def evaluate(rank, judgments: list[Judged], pending: frozenset[str] = frozenset()) -> dict[str, dict[str, float]]:
    """Mean of each metric per category and overall ("alla", without the pending categories)."""
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for judged in judgments:
        ranked = rank(judged.q)
        for name, metric in METRICS.items():
            value = metric(ranked, judged.relevant)
            scores[judged.category][name].append(value)
            if judged.category not in pending:
                scores["alla"][name].append(value)
    return {category: {name: sum(v) / len(v) for name, v in metrics.items()} for category, metrics in scores.items()}


# -- Systems ------------------------------------------------------------------


def anchor(section_id: str) -> str:
    """How relevance.toml names a section of the one bundled page: its anchor."""
    return section_id.rsplit("/", 1)[-1]


def page_anchor(section_id: str) -> str:
    """How relevance_site.toml names a section of a many-page site: "<page>#<anchor>"."""
    return "#".join(section_id.rsplit("/", 1))


def served_features() -> Features:
    """The search's features as the service runs them: all on, the shipped synonyms."""
    return Features(partial=True, synonyms=base_synonyms())


FEATURES_OFF = Features(partial=False)  # every word required, no synonyms: the version before them


class Ours:
    """The service's own search over an index built by the indexer."""

    def __init__(self, folder: Path, corpus: Path = CORPUS, name=anchor, features: Features | None = None):
        build(corpus, folder / "ours")
        self.searcher = whoosh_index.open_dir(str((folder / "ours").resolve())).searcher()
        self.postings = read_postings(self.searcher)
        self.name = name
        self.features = features or served_features()

    def __call__(self, q: str) -> list[str]:
        return self.ranked(q, self.features)

    def ranked(self, q: str, features: Features, depth: int = K) -> list[str]:
        """The names of the first ``depth`` hits (at most a page of ``MAX_PER_PAGE``)."""
        result = search(self.searcher, SearchRequest(q=q, per_page=depth), self.postings, features=features)
        return [self.name(hit["id"]) for hit in result["results"]]


class PlainWhoosh:
    """Whoosh as documented: one analyzer, title and text, the default query parser."""

    def __init__(self, folder: Path, analyzer, corpus: Path = CORPUS, name=anchor):
        schema = Schema(id=ID(stored=True), title=TEXT(analyzer=analyzer), text=TEXT(analyzer=analyzer))
        folder.mkdir(parents=True)
        ix = whoosh_index.create_in(str(folder), schema)
        with ix.writer() as writer:
            for document in read_corpus(corpus).documents:
                writer.add_document(id=document.id, title=document.title, text=document.text)
        self.searcher = ix.searcher()
        self.parser = MultifieldParser(["title", "text"], schema, fieldboosts={"title": 3.0})
        self.name = name

    def __call__(self, q: str) -> list[str]:
        try:
            query = self.parser.parse(q)
        except Exception:  # the plain parser fails on some inputs; that is a miss
            return []
        return [self.name(hit["id"]) for hit in self.searcher.search(query, limit=K)]


def systems(folder: Path, corpus: Path = CORPUS, name=anchor) -> dict:
    ours = Ours(folder, corpus, name)
    return {
        "ours": ours,
        "ours-off": lambda q: ours.ranked(q, FEATURES_OFF),
        "standard": PlainWhoosh(folder / "standard", StandardAnalyzer(), corpus, name),
        "sv-stem": PlainWhoosh(folder / "sv-stem", LanguageAnalyzer("sv"), corpus, name),
    }
