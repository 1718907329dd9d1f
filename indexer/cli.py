"""The ``python -m indexer`` command line: the only code here that prints or exits.

Exit codes: 0 done; 1 nothing was written (the served index is unchanged);
3 the index was written, but some pages were skipped (each is named).
"""

from __future__ import annotations

from pathlib import Path

import click

from .build import BuildError, BuildReport, build
from .corpus import CorpusError

DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("instance") / "index"
EXIT_PAGES_SKIPPED = 3

corpus_option = click.option(
    "--corpus", type=click.Path(path_type=Path, file_okay=False), default=DEFAULT_CORPUS,
    show_default=True, help="Folder of HTML pages (and kinds.toml, overrides.toml).")
index_option = click.option(
    "--index", "index_dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX,
    show_default=True, help="Index path the web app reads (FLASK_INDEX_DIR).")


@click.group()
def cli():
    """Build the search index of the Utveckla svenska städer pages."""


@cli.command("build")
@corpus_option
@index_option
def build_command(corpus: Path, index_dir: Path):
    """Build the index from scratch, beside the served one, and switch to it.

    Example: python -m indexer build --corpus corpus --index instance/index
    """
    try:
        report = build(corpus, index_dir)
    except (CorpusError, BuildError) as error:
        raise click.ClickException(f"{error} (the served index is unchanged)") from None
    _print_report(report, index_dir)
    if report.skipped:
        raise SystemExit(EXIT_PAGES_SKIPPED)


def _print_report(report: BuildReport, index_dir: Path) -> None:
    for note in report.notes:
        click.echo(f"note: {note}")
    pages = "page" if report.pages == 1 else "pages"
    click.echo(f"Indexed {report.pages} {pages}, {len(report.documents)} sections into {index_dir}")
    regions = sorted(report.regions.items(), key=lambda item: (-item[1], item[0]))
    click.echo("Regions: " + ", ".join(f"{region} {count}" for region, count in regions))
    for skipped in report.skipped:
        click.echo(f"Skipped {skipped.page}: {skipped.reason}", err=True)
