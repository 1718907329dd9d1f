"""A generated Swedish corpus for benchmarks: any number of sections, reproducible.

Words are drawn from the indexer's own word table (``sv_forms.tsv``) with the
probability they have in real Swedish (Zipf frequency), so common words repeat
as they do in real text and rare words and compounds make a long tail. Each
section gets a title, 150-400 words, and region, kind and actor values in
realistic proportions. The same seed gives the same corpus.

    python -m bench.generate --sections 1000 --out /tmp/corpus   # as HTML pages
"""

from __future__ import annotations

import bisect
import itertools
import random
import sys
from functools import cache
from importlib import resources
from pathlib import Path

import click

from indexer import gazetteer
from indexer.describe import Document

KINDS = (("Genomfört projekt", 6), ("Kunskapsprojekt", 3), ("Program", 1))
ACTORS = (("kommun", 5), ("region", 3), ("myndighet", 1), ("annan organisation", 1))
SECTIONS_PER_PAGE = 20
WORDS = (150, 400)


@cache
def vocabulary() -> tuple[list[str], list[float]]:
    """Forms and their cumulative weights (uses per billion words)."""
    text = (resources.files("indexer") / "data" / "sv_forms.tsv").read_text(encoding="utf-8")
    forms, weights = [], []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        form, _lemma, zipf = line.split("\t")
        forms.append(form)
        weights.append(10 ** float(zipf))
    return forms, list(itertools.accumulate(weights))


def words(rng: random.Random, n: int) -> list[str]:
    forms, cumulative = vocabulary()
    total = cumulative[-1]
    return [forms[bisect.bisect(cumulative, rng.random() * total)] for _ in range(n)]


def _weighted(rng: random.Random, options) -> str:
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights)[0]


def documents(count: int, seed: int = 1) -> list[Document]:
    rng = random.Random(seed)
    regions = gazetteer.load().regions
    result = []
    for n in range(count):
        page = f"sida-{n // SECTIONS_PER_PAGE:05d}"
        title = " ".join(words(rng, rng.randint(2, 4))).capitalize()
        body = words(rng, rng.randint(*WORDS))
        sentences = [" ".join(body[i : i + 12]).capitalize() + "." for i in range(0, len(body), 12)]
        result.append(
            Document(
                id=f"{page}/avsnitt-{n}",
                page=f"{page}.html",
                url=f"https://example.se/{page}.html#avsnitt-{n}",
                title=title,
                text=" ".join(sentences),
                kind=_weighted(rng, KINDS),
                region=rng.choice(regions),
                actor=_weighted(rng, ACTORS),
                organisation="",
                contact="",
            )
        )
    return result


def write_pages(documents_: list[Document], folder: Path) -> None:
    """The documents as HTML pages of SECTIONS_PER_PAGE sections each (for update benchmarks)."""
    folder.mkdir(parents=True, exist_ok=True)
    for page, group in itertools.groupby(documents_, key=lambda d: d.page):
        sections = "\n".join(f'<h3 id="{d.id.rsplit("/", 1)[1]}">{d.title}</h3>\n<p>{d.text}</p>' for d in group)
        (folder / page).write_text(
            f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{page}</title></head>'
            f"<body><main><h1>{page}</h1><p>Genererad sida.</p><h2>Projekt</h2>\n{sections}\n"
            "</main></body></html>\n",
            encoding="utf-8",
        )
    (folder / "kinds.toml").write_text('[group_headings]\n"Projekt" = "Genomfört projekt"\n', encoding="utf-8")


@click.command()
@click.option("--sections", default=1000, show_default=True)
@click.option("--seed", default=1, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder for the HTML pages.")
def main(sections: int, seed: int, out: Path):
    """Write a generated corpus of HTML pages."""
    write_pages(documents(sections, seed), out)
    click.echo(f"wrote {sections} sections to {out}")


if __name__ == "__main__":
    sys.exit(main())
