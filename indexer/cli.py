"""The ``python -m indexer`` command line: the only code here that prints or exits.

Exit codes: 0 done; 1 nothing was written (the served index is unchanged; also
when a run is interrupted by Ctrl-C or SIGTERM); 3 the index was written, but
some pages were skipped (each is named).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import signal
import sys
import threading
from pathlib import Path

import click
from click.core import ParameterSource

from . import pending, recrawl
from .build import BuildError, BuildReport, build
from .corpus import CorpusError, check_corpus
from .crawl import DEFAULT_MAX_PAGES, CrawlError, CrawlPlan, CrawlReport, CrawlStopped, NothingCrawled, crawl
from .fetch import DEFAULT_DELAY, DEFAULT_TIMEOUT, USER_AGENT, Politeness
from .mirror import MirrorError
from .outage import MAX_SAME_SHARE, SiteOutage
from .removals import MAX_REMOVED_SHARE, TooManyRemovals
from .store import IndexMissing, IndexStore
from .synonyms import FILE_NAME as SYNONYMS_FILE
from .synonyms import SynonymsError, read_synonyms
from .update import UpdateReport, update
from .urls import normal_url
from .watch import watch

#: Below this many sections to write, no progress bar is worth showing.
PROGRESS_MIN = 500

DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("instance") / "index"
EXIT_PAGES_SKIPPED = 3
EXIT_URLS_FAILED = 3

corpus_option = click.option(
    "--corpus",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_CORPUS,
    show_default=True,
    help="Folder of HTML pages (and kinds.toml, overrides.toml).",
)
index_option = click.option(
    "--index",
    "index_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_INDEX,
    show_default=True,
    help="Index path the web app reads (FLASK_INDEX_DIR).",
)


def how_to_build(index_dir: Path | str) -> str:
    """The command that builds an index at ``index_dir``, as an operator types it (the default needs no --index)."""
    return "python -m indexer build" + ("" if Path(index_dir) == DEFAULT_INDEX else f" --index {index_dir}")


def _number_option(flag: str, default, range_type, help: str):
    """An option that takes a number within ``range_type``; --help shows its default."""
    return click.option(flag, default=default, show_default=True, type=range_type, help=help)


def _repeatable_option(flag: str, name: str, metavar: str, help: str):
    """An option that may be given several times; the command gets its values as a tuple ``name``."""
    return click.option(flag, name, multiple=True, metavar=metavar, help=help)


@click.group()
def cli():
    """Build the search index of the Utveckla svenska städer pages."""


allow_removals_option = click.option(
    "--allow-removals",
    is_flag=True,
    help=f"Remove pages even if they are more than {MAX_REMOVED_SHARE:.0%} of them (a mass removal is refused).",
)


@cli.command("build")
@corpus_option
@index_option
@allow_removals_option
@click.option(
    "--unless-busy",
    is_flag=True,
    help="While another crawl, build or update holds the index's lock, keep the index there is and exit 0 "
    "(./scripts/serve: a server started during a crawl serves at once). With no index yet, it waits.",
)
def build_command(corpus: Path, index_dir: Path, allow_removals: bool, unless_busy: bool):
    """Build the index from scratch, beside the served one, and switch to it.

    A build that would leave out most of the served index's pages refuses (a
    half-copied corpus looks like that).

    Example: python -m indexer build --corpus corpus --index instance/index
    """
    if unless_busy and (holder := _busy_with_an_index(index_dir)):
        click.echo(f"note: {holder}: the served index stays as it is (no build now)", err=True)
        return
    _run("Indexing", functools.partial(build, allow_removals=allow_removals), _print_report, corpus, index_dir)


@cli.command("update")
@corpus_option
@index_option
@allow_removals_option
def update_command(corpus: Path, index_dir: Path, allow_removals: bool):
    """Write only the sections that were added, changed or removed since the last run.

    Running it twice changes nothing the second time. A run that would remove most
    of the pages refuses (a half-copied corpus looks like that). Example:
    python -m indexer update --corpus corpus --index instance/index
    """
    _run("Updating", functools.partial(update, allow_removals=allow_removals), _print_update, corpus, index_dir)


@cli.command("watch")
@corpus_option
@index_option
@_number_option("--interval", 1.0, click.FloatRange(0.1, 3600), "Seconds between looks at the corpus folder.")
@_number_option(
    "--quiet",
    2.0,
    click.FloatRange(0, 3600),
    "Seconds without changes before updating (a burst of saves is one update).",
)
def watch_command(corpus: Path, index_dir: Path, interval: float, quiet: float):
    """Update the index whenever pages in the corpus folder change; stop with Ctrl-C.

    Example: python -m indexer watch --corpus corpus --index instance/index
    """

    def run_update():
        try:
            _say_if_waiting(index_dir)
            _print_update(update(corpus, index_dir), index_dir)
        except (CorpusError, BuildError, TooManyRemovals) as error:  # keep watching: the editor may be mid-change
            click.echo(f"Error: {error} (the served index is unchanged)", err=True)
        except OSError as error:  # a full disk may be freed: keep watching
            click.echo(f"Error: {os_error_message(error)} (the served index is unchanged)", err=True)
        _check_synonyms(corpus)

    run_update()
    click.echo(f"Watching {corpus} (every {interval:g} s, updating after {quiet:g} s of quiet); Ctrl-C stops")
    try:
        with _sigterm_interrupts():
            watch(corpus, run_update, interval=interval, quiet=quiet)
    except KeyboardInterrupt:
        click.echo("Stopped watching.")


@cli.command("crawl")
@_repeatable_option("--sitemap", "sitemaps", "URL", "A sitemap or sitemap index listing the pages (repeatable).")
@_repeatable_option("--start", "starts", "URL", "A page to start from; links on the site are followed (repeatable).")
@_repeatable_option(
    "--url",
    "urls",
    "URL",
    "Fetch only this page (repeatable), on the site the sitemaps and start pages give (by default the last "
    "crawl's): stored, or removed if it is gone; nothing else is fetched or removed.",
)
@corpus_option
@index_option
@_repeatable_option(
    "--allow-host", "hosts", "HOST", "Another host (name[:port]) whose pages belong to the site (repeatable)."
)
@_repeatable_option(
    "--prefix",
    "prefixes",
    "PATH",
    "Crawl only pages whose URL path starts with PATH (repeatable; default: the whole site).",
)
@_number_option(
    "--delay",
    DEFAULT_DELAY,
    click.FloatRange(0, 3600),
    "Seconds between two requests (robots.txt's Crawl-delay can make it longer).",
)
@_number_option("--timeout", DEFAULT_TIMEOUT, click.FloatRange(0.1, 600), "Seconds to wait for one whole response.")
@_number_option("--max-pages", DEFAULT_MAX_PAGES, click.IntRange(1), "Stop after this many pages.")
@click.option("--user-agent", default=USER_AGENT, show_default=True, help="How the crawler names itself.")
@click.option("--update", "then_update", is_flag=True, help="Then update the index with what changed.")
@allow_removals_option
@click.option(
    "--allow-same-content",
    is_flag=True,
    help=f"Store pages even if more than {MAX_SAME_SHARE:.0%} of the changed ones got one body (an outage page "
    "is refused).",
)
def crawl_command(
    sitemaps,
    starts,
    urls,
    corpus: Path,
    index_dir: Path,
    hosts,
    prefixes,
    delay: float,
    timeout: float,
    max_pages: int,
    user_agent: str,
    then_update: bool,
    allow_removals: bool,
    allow_same_content: bool,
):
    """Fetch the site's pages into the corpus folder: new and changed pages are stored,
    pages that are gone are removed, unchanged pages cost a 304. A crawl that would
    remove most of the pages removes none (a sitemap cut short looks like that); one
    that would give most changed pages the same text stores none of them (a site in
    maintenance looks like that).

    Same site only, robots.txt obeyed, one request a second by default. Run it
    again to bring the corpus up to date, or to resume an interrupted crawl;
    with no --sitemap and no --start it crawls what the last crawl into the
    corpus folder crawled, with its options (a cron line, the CMS webhook).
    Waits while another crawl, build or update holds the index's lock.
    Example: python -m indexer crawl --sitemap https://tillvaxtverket.se/sitemap.xml --update
    """
    plan = CrawlPlan(
        sitemaps=sitemaps,
        starts=starts,
        urls=tuple(dict.fromkeys(urls)),
        hosts=hosts,
        prefixes=prefixes or ("/",),
        max_pages=max_pages,
        politeness=Politeness(user_agent, delay, timeout),
        allow_removals=allow_removals,
        allow_same_content=allow_same_content,
    )

    report = _crawl(corpus, index_dir, _plan_or_last(corpus, plan))
    if then_update:
        _run("Updating", functools.partial(update, allow_removals=allow_removals), _print_update, corpus, index_dir)
    if report.failed:
        raise SystemExit(EXIT_URLS_FAILED)


def _crawl(corpus: Path, index_dir: Path, plan: CrawlPlan) -> CrawlReport:
    """Crawl, print the report and record the crawl (one of the site, that met it); one line if it failed."""
    _say_if_waiting(index_dir)
    with _progress("Crawling", minimum=1) as progress:
        try:
            report = crawl(corpus, index_dir, plan, progress)
        except (CrawlError, MirrorError, NothingCrawled) as error:
            raise click.ClickException(f"{error} (the corpus is unchanged)") from None
        except TooManyRemovals as error:
            raise click.ClickException(f"{error} (no page was removed; the pages fetched are stored)") from None
        except SiteOutage as error:
            raise click.ClickException(
                f"{error} (none of them was stored and no page removed; the other pages fetched are stored)"
            ) from None
        except CrawlStopped as error:
            raise click.ClickException(
                f"the crawl stopped: {error} (what it stored is kept; run the same command again to resume)"
            ) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted: run the same command again to resume") from None
    _print_crawl(report, corpus)
    met_the_site = report.new or report.changed or report.unchanged or report.removed
    if met_the_site and not plan.urls:  # crawl it so again
        recrawl.record(corpus, plan)
    return report


@cli.command("reindex")
@corpus_option
@index_option
def reindex_command(corpus: Path, index_dir: Path):
    """Run what the CMS webhook asked for, until nothing is left (the webhook starts it).

    The URLs named are fetched and indexed (crawl --url URL --update); a call
    without URLs re-crawls the recorded crawl (crawl --update), or updates a
    corpus fed by hand. Calls made during a run are taken by one follow-up run.
    Example: python -m indexer reindex --corpus corpus --index instance/index
    """
    pending.drain(IndexStore(index_dir), pending.command(corpus), functools.partial(_run_asked, corpus, index_dir))


def _run_asked(corpus: Path, index_dir: Path, asked: pending.Request) -> tuple[str, ...]:
    """One run of what the webhook asked for; the URLs named that failed (a 5xx, a timeout)."""
    failed: tuple[str, ...] = ()
    if pending.command(corpus) == "crawl":
        plan = _plan_or_last(corpus, CrawlPlan(urls=asked.urls if not asked.full else ()))
        named = set(map(normal_url, asked.urls))  # as the crawl names them (asked before URLs were normalised)
        failed = tuple(url for url, _ in _crawl(corpus, index_dir, plan).failed if url in named)
    _indexed("Updating", update, _print_update, corpus, index_dir)
    return failed


def _plan_or_last(corpus: Path, plan: CrawlPlan) -> CrawlPlan:
    """The plan as given; with no sitemap and no start page, the last crawl's, with the options given here."""
    if plan.seeds:
        return plan
    try:
        last = recrawl.last_plan(corpus)
    except CrawlError as error:
        raise click.ClickException(f"{error} (the corpus is unchanged)") from None
    if last is None:
        raise click.ClickException(
            f"give a sitemap (--sitemap URL) or a page to start from (--start URL): no crawl into {corpus} is"
            " recorded to crawl again (the corpus is unchanged)"
        )
    context = click.get_current_context()
    given = {name for name in recrawl.RECORDED if context.get_parameter_source(name) == ParameterSource.COMMANDLINE}
    plan = recrawl.again(last, plan, given)
    seeds = " ".join([f"--sitemap {url}" for url in plan.sitemaps] + [f"--start {url}" for url in plan.starts])
    if plan.urls:
        urls = f"{len(plan.urls)} URL" + ("s" if len(plan.urls) > 1 else "")
        click.echo(f"note: fetching {urls} on the site the last crawl into {corpus} crawled: {seeds}", err=True)
    else:
        click.echo(f"note: crawling again what the last crawl into {corpus} crawled: {seeds}", err=True)
    return plan


def _run(label: str, run, print_report, corpus: Path, index_dir: Path) -> None:
    """Run a build or an update with a progress bar, print its report, exit 3 if pages were skipped."""
    if _indexed(label, run, print_report, corpus, index_dir).skipped:
        raise SystemExit(EXIT_PAGES_SKIPPED)


def _indexed(label: str, run, print_report, corpus: Path, index_dir: Path):
    """Run a build or an update with a progress bar and print its report; the report."""
    with _progress(label) as progress:
        report = _guarded(run, corpus, index_dir, progress)
    print_report(report, index_dir)
    _check_synonyms(corpus)
    return report


def _guarded(run, corpus: Path, index_dir: Path, progress):
    served = IndexStore(index_dir).target()
    unchanged = "the served index is unchanged" if served.is_dir() else "no index was written"
    try:
        check_corpus(corpus)  # before the lock, which would make the index's folder for nothing
        _say_if_waiting(index_dir)
        with _sigterm_interrupts():
            return run(corpus, index_dir, progress)
    except KeyboardInterrupt:
        if IndexStore(index_dir).target() != served:  # stopped between the switch and the end of the run
            raise click.ClickException("interrupted: the new index is served; run update to check it") from None
        raise click.ClickException("interrupted: nothing written; the served index is unchanged") from None
    except (CorpusError, BuildError, TooManyRemovals) as error:
        raise click.ClickException(f"{error} ({unchanged})") from None
    except OSError as error:  # a full disk, a folder it may not write: the system's own words, one line
        raise click.ClickException(f"{os_error_message(error)} ({unchanged})") from None


@contextlib.contextmanager
def _sigterm_interrupts():
    """SIGTERM (a service manager, ``timeout`` in cron) stops a run as Ctrl-C does: it unwinds, the run's unfinished
    generation is removed and its status says "interrupted", instead of a silent death that left "running". A
    worker process forked meanwhile inherits the handler and dies of the signal as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def interrupt(signum, frame):
        if os.getpid() != owner:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise KeyboardInterrupt("SIGTERM")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _busy_with_an_index(index_dir: Path) -> str | None:
    """Who holds the index's lock, if someone does and there is an index to serve meanwhile."""
    store = IndexStore(index_dir)
    try:
        holder = store.holder()
        if holder is not None:
            store.current()
    except (IndexMissing, OSError):  # no index to serve, or a path the build will name in its own words
        return None
    return holder


def _say_if_waiting(index_dir: Path) -> None:
    """One line when another run holds the index's lock: this one waits for it, and says for whom."""
    try:
        holder = IndexStore(index_dir).holder()
    except OSError:  # a folder that cannot hold the lock: the run itself says so, in its own words
        return
    if holder:
        click.echo(f"Waiting: {holder}; this run starts when that one ends", err=True)


def os_error_message(error: OSError) -> str:
    """ "No space left on device: instance/index.generations/…": what failed, where, and what to do."""
    where = f": {error.filename}" if error.filename else ""
    advice = "; free some space and run again" if error.errno == errno.ENOSPC else ""
    return f"{error.strerror or error}{where}{advice}"


def _check_synonyms(corpus: Path) -> None:
    """Check the editors' synonyms file: the index does not use it, but the search does,
    and an editor who runs the indexer should hear about a mistake in it."""
    path = corpus / SYNONYMS_FILE
    if path.exists():
        try:
            read_synonyms(path)
        except SynonymsError as error:
            click.echo(f"warning: {error} (search keeps using the last good version)", err=True)


class _progress:
    """A progress bar on a terminal for long runs; nothing otherwise (logs, pipes, tests)."""

    def __init__(self, label: str, minimum: int = PROGRESS_MIN):
        self.label, self.minimum, self.bar = label, minimum, None

    def __enter__(self):
        return self if sys.stderr.isatty() else None

    def __call__(self, done: int, total: int):
        if self.bar is None and total >= self.minimum:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
        if self.bar is not None:
            self.bar.length = total  # a crawl finds more pages as it goes
            self.bar.update(done - self.bar.pos)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.render_finish()


def _print_update(report: UpdateReport, index_dir: Path) -> None:
    for note in report.notes:
        click.echo(f"note: {note}")
    read = f"{report.pages_read} of {report.pages_total} pages read"
    if report.rebuilt:
        click.echo(f"Rebuilt {index_dir}: {len(report.added)} sections ({read})")
    elif report.nothing_changed:
        click.echo(f"Up to date: {report.unchanged} sections unchanged ({read})")
    else:
        relabelled = f", {len(report.relabelled)} relabelled (dates kept)" if report.relabelled else ""
        click.echo(
            f"Updated {index_dir}: {len(report.added)} added, {len(report.changed)} changed{relabelled}, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged ({read})"
        )
    for skipped in report.skipped:
        kept = "nothing of it is searchable" if skipped.without_text else "its sections are kept as they were"
        click.echo(f"Skipped {skipped.page}: {skipped.reason} ({kept})", err=True)


def _print_crawl(report: CrawlReport, corpus: Path) -> None:
    for note in report.notes:
        click.echo(f"note: {note}")
    unchanged = f"{len(report.unchanged)} unchanged ({report.not_modified} not modified)"
    removed = f"{len(report.removed)} removed"
    if report.removed_for:  # "2 removed (404 or 410: 1, disallowed by robots.txt: 1)"
        reasons = sorted(report.removed_for.items(), key=lambda item: (-item[1], item[0]))
        removed += " (" + ", ".join(f"{why}: {count}" for why, count in reasons) + ")"
    click.echo(
        f"Crawled into {corpus}: {len(report.new)} new, {len(report.changed)} changed, {unchanged}, "
        f"{removed}, {len(report.skipped)} skipped, {len(report.failed)} failed "
        f"({report.requests} requests)"
    )
    for url, target in report.redirected:
        click.echo(f"Redirected {url} -> {target}")
    for url, why in report.removed:
        click.echo(f"Removed {url}: {why}")
    for url, why in report.skipped:
        click.echo(f"Skipped {url}: {why}")
    for url, why in report.failed:
        kept = " (a stored copy is kept)" if url in report.copies_kept else ""
        click.echo(f"Failed {url}: {why}{kept}", err=True)


def _print_report(report: BuildReport, index_dir: Path) -> None:
    for note in report.notes:
        click.echo(f"note: {note}")
    pages = "page" if len(report.pages) == 1 else "pages"
    click.echo(f"Indexed {len(report.pages)} {pages}, {len(report.documents)} sections into {index_dir}")
    regions = sorted(report.regions.items(), key=lambda item: (-item[1], item[0]))
    click.echo("Regions: " + ", ".join(f"{region} {count}" for region, count in regions))
    for skipped in report.skipped:
        click.echo(f"Skipped {skipped.page}: {skipped.reason}", err=True)
