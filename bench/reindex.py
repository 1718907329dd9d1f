"""How long re-indexing takes: a full build, and an update after a one-section change.

    python -m bench.reindex [--sections 1000 --sections 20000]

For the bundled corpus and for generated corpora of each size (HTML pages of
20 sections, ``bench.generate``), it times ``build`` into a fresh index, then
changes one word in one section and times ``update``, then times a second
``update`` that finds nothing to do. Each is the library call the CLI makes,
in one process, with the word data already loaded (as in ``watch``).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

import click

from indexer.analysis import warm_up
from indexer.build import build
from indexer.update import update

from .generate import documents, write_pages

REPO = Path(__file__).resolve().parents[1]


def change_one_section(corpus: Path) -> None:
    page = sorted(corpus.glob("*.html"))[0]
    text = page.read_text(encoding="utf-8")
    at = text.index("<p>", text.index("<h3")) + 3
    page.write_text(text[:at] + "Ändrad. " + text[at:], encoding="utf-8")


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def measure(name: str, corpus: Path, work: Path) -> str:
    index = work / "index"
    build_s, report = timed(build, corpus, index)
    change_one_section(corpus)
    update_s, updated = timed(update, corpus, index)
    noop_s, _ = timed(update, corpus, index)
    assert len(updated.changed) == 1, updated.summary()
    return (
        f"| {name} | {len(report.documents)} | {build_s:.2f} | {len(report.documents) / build_s:.0f} "
        f"| {update_s:.2f} | {noop_s:.2f} |"
    )


@click.command()
@click.option("--sections", "sizes", multiple=True, type=int, default=(1000, 20000), show_default=True)
def main(sizes):
    """Time build and one-section update on the bundled and generated corpora."""
    warm_up()
    rows = [
        "| corpus | sections | build s | sections/s | update after 1 change s | update, no change s |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        bundled = Path(shutil.copytree(REPO / "corpus", Path(tmp) / "bundled"))
        rows.append(measure("bundled", bundled, Path(tmp) / "w0"))
        for size in sizes:
            corpus = Path(tmp) / f"generated-{size}"
            write_pages(documents(size), corpus)
            rows.append(measure(f"generated {size:,}", corpus, Path(tmp) / f"w{size}"))
    click.echo("\n".join(rows))


if __name__ == "__main__":
    sys.exit(main())
