"""What a compound's parts cost on a fresh generation: the first search of compounds with common parts.

    python -m bench.together [--sections 20000] [--compounds 40] [--rounds 3] [--index DIR] [--against DIR]

A query word the index also holds whole ("annandag") matches where its parts stand together
(``webapp/together.py``); the sections where they do are found once per index generation, so the
first search of such a word after every update pays for it. This builds generated sections
(``bench.generate``) with the indexer (or reads ``--index``, an index folder this made before), picks
the ``--compounds`` compound words with the commonest parts that the index holds whole and in parts,
and times each one's first search (the whole page search: top 10, facets, snippets) on a freshly
opened generation, as a running worker meets it after an update: the words were searched before (on
another generation: the process's word caches hold them) and one unrelated search has paid the
generation's own first costs (field lengths). It prints p50/p95 of that first search and of the
part spent finding where the parts stand together (``TermSets.near``: since the parts' postings are
read there with their positions, that part includes reading them), in wall and CPU time (the machine
may be shared); and, for the text field, how many of the sections tested hold the compound whole:
what a term of its own for "these parts in one word" would answer by a posting-list lookup (the
rest, parts in nearby words or apart, still need their positions).

``--against DIR`` times a second checkout the same way, alternating with this one round by round
(each in a fresh interpreter, on the same index): DIR needs this file in it too, for instance
``git worktree add --detach /tmp/main main && cp bench/together.py /tmp/main/bench/``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import click

REPO = Path(__file__).resolve().parents[1]
UNRELATED = "kommun"  # the first search of each fresh generation, before the compound's


def pick_compounds(index: Path, count: int) -> list[str]:
    """The word forms whose analysis is a compound the index holds whole, each part held too, the
    ``count`` with the commonest parts (their least document frequency in the text field) first."""
    from webapp.wordquery import analyze, indexed

    searcher = _open(index)
    reader, found = searcher.reader(), {}
    table = (resources.files("indexer") / "data" / "sv_forms.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        form = line.split("\t", 1)[0]
        if line.startswith("#") or not form.isalpha() or len(form) < 6:
            continue
        analysed = analyze(searcher, form)
        if len(analysed) != 1 or len(analysed[0][1]) < 2 or analysed[0][0] in found:
            continue
        whole, parts = analysed[0]
        if indexed(reader, whole) and all(indexed(reader, part) for part in parts):
            found[whole] = (min(reader.doc_frequency("text", part) for part in parts), form)
    searcher.close()
    return [form for _whole, (_df, form) in sorted(found.items(), key=lambda item: (-item[1][0], item[0]))[:count]]


def first_searches(index: Path, words: list[str]) -> list[dict]:
    """Each word's first search on a freshly opened generation: its milliseconds, those spent finding
    where its parts stand together, and (text field) the sections tested and those holding it whole."""
    from indexer.analysis import warm_up
    from webapp.facets import read_postings
    from webapp.matchset import TermSets
    from webapp.params import SearchRequest
    from webapp.search import search

    warm_up()
    spent = [0.0, 0.0]  # wall, CPU seconds
    near = TermSets.near

    def timed_near(self, searcher, query):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return near(self, searcher, query)
        finally:
            spent[0] += time.perf_counter() - start
            spent[1] += time.process_time() - cpu

    TermSets.near = timed_near
    searcher = _open(index)  # each word searched once before: what a running worker has in its word caches
    postings = read_postings(searcher)
    for word in words:
        search(searcher, SearchRequest(q=word), postings)
    searcher.close()
    rows = []
    for word in words:
        searcher = _open(index)
        postings = read_postings(searcher)
        search(searcher, SearchRequest(q=UNRELATED), postings)
        spent[:] = [0.0, 0.0]
        start, cpu = time.perf_counter(), time.process_time()
        result = search(searcher, SearchRequest(q=word), postings)
        rows.append(
            {
                "word": word,
                "first_ms": (time.perf_counter() - start) * 1000,
                "first_cpu_ms": (time.process_time() - cpu) * 1000,
                "near_ms": spent[0] * 1000,
                "near_cpu_ms": spent[1] * 1000,
                "total": result["total"],
                **_tested(searcher, postings, word),
            }
        )
        searcher.close()
    TermSets.near = near
    return rows


def _tested(searcher, postings, word: str) -> dict:
    """The text field's sections that hold every part of ``word`` (each is tested) and those of them
    that hold the word whole."""
    from webapp.wordquery import analyze

    ((whole, parts),) = analyze(searcher, word)
    terms = postings.terms
    holding = terms.live
    for part in parts:
        holding = holding & terms.get(searcher, "text", part)
    return {"tested": len(holding), "whole": len(holding & terms.get(searcher, "text", whole))}


def _open(index: Path):
    from whoosh import index as whoosh_index

    from indexer.store import IndexStore

    return whoosh_index.open_dir(str(IndexStore(index).current())).searcher()


def _build(sections: int, folder: Path) -> Path:
    from .indexing import build_ours, in_fresh_process, write_generated

    in_fresh_process(write_generated, sections, folder / "corpus")
    in_fresh_process(build_ours, folder / "corpus", folder / "index")
    return folder / "index"


def _measured(checkout: Path, index: Path, words: list[str]) -> list[dict]:
    """``first_searches`` in a fresh interpreter, on the code of ``checkout``."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.together", "--index", str(index), "--measure", ",".join(words)],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def _p(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _summary(label: str, rows: list[dict]) -> str:
    columns = ("first_ms", "first_cpu_ms", "near_ms", "near_cpu_ms")
    figures = [[row[column] for row in rows] for column in columns]
    return f"| {label} | " + " | ".join(f"{statistics.median(v):.1f} / {_p(v, 95):.1f}" for v in figures) + " |"


@click.command()
@click.option("--sections", default=20_000, show_default=True, help="Generated sections (with --index: unused).")
@click.option("--compounds", default=40, show_default=True, help="Compound words timed, the commonest parts first.")
@click.option("--rounds", default=3, show_default=True, help="Each compound's first search, this many times.")
@click.option("--index", "index", type=click.Path(path_type=Path), help="An index folder this built before.")
@click.option("--against", type=click.Path(exists=True, path_type=Path), help="Another checkout, timed in turn.")
@click.option("--measure", hidden=True, help="(internal) time these words here and print JSON.")
def main(sections, compounds, rounds, index, against, measure):
    """Time the first search of compounds with common parts on a fresh generation."""
    if measure:
        click.echo(json.dumps(first_searches(index, measure.split(","))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        index = index or _build(sections, Path(tmp))
        words = pick_compounds(index, compounds)
        checkouts = {"this checkout": REPO, **({f"against {against}": against} if against else {})}
        runs = {label: [] for label in checkouts}
        for _ in range(rounds):
            for label, checkout in checkouts.items():
                runs[label] += _measured(checkout, index, words)
        click.echo(f"{len(words)} compounds with common parts: {', '.join(words)}")
        click.echo(f"\n{rounds} rounds, p50 / p95 ms over {rounds * len(words)} first searches each:\n")
        click.echo("| code | first search | its CPU time | of it, parts together | their CPU time |")
        click.echo("|---|---|---|---|---|")
        for label, rows in runs.items():
            click.echo(_summary(label, rows))
        rows = runs["this checkout"][: len(words)]
        tested, whole = sum(row["tested"] for row in rows), sum(row["whole"] for row in rows)
        click.echo(
            f"\ntext field: {tested:,} sections tested ({tested / len(rows):,.0f} a compound), "
            f"{whole:,} of them ({whole / max(tested, 1):.1%}) hold the compound whole"
        )


if __name__ == "__main__":
    sys.exit(main())
