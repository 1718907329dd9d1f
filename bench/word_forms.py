"""Does every form of a word the site holds find something? A zero-hit sweep.

    python -m bench.word_forms [--corpus corpus] [--site] [--show 40]

The issue's promise is that no query with a matching word ever returns zero
hits. ``testkit.word_forms`` searches every other form the word list gives of
every lemma the index holds ("exporterande" for exportera, "anställd" for
anställa) and lists the forms that found nothing: places where the query's
analysis and the index's disagree. On the fixture site, 90 of 6,086 forms found
nothing before the one-way families (``wordquery.one_way_family``), nearly all
present participles; 4 before a participle's verb was its family.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from indexer.build import build
from testkit.relevance import CORPUS
from testkit.site import build_site
from testkit.word_forms import sweep


@click.command()
@click.option("--corpus", type=click.Path(file_okay=False, path_type=Path), default=CORPUS, show_default=True)
@click.option("--site", is_flag=True, help="Sweep the multi-page fixture site instead of --corpus.")
@click.option("--show", default=40, show_default=True, help="How many forms that found nothing to list.")
def main(corpus: Path, site: bool, show: int):
    with tempfile.TemporaryDirectory() as folder:
        if site:
            corpus = Path(folder) / "site"
            build_site(corpus)
        build(corpus, Path(folder) / "index")
        result = sweep(Path(folder) / "index")
    print(f"{result.searched} forms of words the index holds searched: {len(result.found_nothing)} found nothing")
    print(f"({len(result.stop_words)} stop words left out: they find nothing by design)")
    for form, lemma in result.found_nothing[:show]:
        print(f"  {form} (a form of {lemma})")


if __name__ == "__main__":
    main()
