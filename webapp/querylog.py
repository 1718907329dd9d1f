"""The editors' query log: what visitors search for, by day, and nothing about who searched.

What is kept, per day and normalised query: how many searches, how many found nothing, how many
found something only by partial matching or through a typo correction, which synonyms fired, how
many were narrowed by a facet filter, and which sections were opened from a search for it (a
section page with ``?q=``: the result links carry the query, so no cookie or identifier is needed).
Only the date, never a time of day, and never an IP address, user agent, cookie or session; rows
are counts per day and query, so one visitor's searches cannot be lined up. A query in which a person's identifier
was masked is kept as its labels alone ("[mobil]"): the rest of it is most likely the person's name; one that held
only an organisation's kind of number keeps the words of a short list that say what it is or whose, and no other
("diarienummer [nummer]", "tillväxtverket [telefon]"; "anna svensson 08-123 45 67" is "[telefon]").

The normalised query is the query in one spelling (``canonical``: Unicode NFKC, the digits of every
script 0-9, HTML character references decoded, every dash, hyphen and minus sign "-", invisible characters
and variation selectors removed, single spaces), then masked, lower case. Masking replaces text that looks
like a personnummer, a mobile or a landline number, an e-mail address, a date of birth, a home address, a name the
visitor says is one, digits written as words, or any other long number by ``[personnummer]``, ``[mobil]``,
``[telefon]``, ``[e-post]``, ``[datum]``, ``[adress]``, ``[namn]``, ``[siffror]``, ``[nummer]``, by the rules in
``data/private_patterns.txt`` (which also say which labels keep which of the query's other words). A word that
says a date or an address is a document's or a public building's excuses it only standing right before it.
The spelling comes first because people do not type what a pattern expects: autocorrect makes
"19800101-1234" "19800101–1234" (an en dash), a phone number is written "070.123.45.67", an
address "anna(at)kalmar.se". One spelling lets each rule name the separators once, instead of
every rule listing every dash Unicode has. The same spelling merges "2024–2026" and "2024-2026"
into one row, as a visitor would count them.

What a count means, so that the editors' tables point at words the site fails on:

- A search narrowed by a facet filter (``region``, ``kind``, ``actor``) counts as a search for its
  words (``searches``, and ``filtered``), but never as one that found nothing, and its total is
  never the query's hit figure (``hits`` is the total of the day's latest search without a
  filter). A filter that leaves nothing says the filter was narrow ("samverkan" in a län with no
  such project), not that the words need a synonym: counting it made words that work ("hamn")
  rank among the queries with no hits. Searching again without the filter to learn the words' own
  total would double the cost of every filtered search for the sake of the log.
- A later page of results (``page`` 2 and on) is the visitor reading on, not searching again.
- A query with no word to search for (only punctuation or symbols, "???", "_", "*", or only stop words, "och",
  ``used.searchable`` false in the result) is not logged as a query: only how many there were (``counts``:
  ``unsearchable``), never their text. The search found nothing because it read nothing, and told the visitor
  so ("Sökningen innehöll inga ord …"); no synonym and no new text changes that, so such a query has no place
  in the editors' to-do list of queries with no hits, where "???" and "-" pushed down the words the site lacks.
  Counted apart rather than in a table of their own: their text says nothing an editor can act on (the stop
  words are the analysis' rules, reviewed with its golden tables), and their number still shows if a form or a
  robot sends them in bulk. A feed of such a query is not counted either.
- A feed reader fetching ``/feed?q=...`` is not a visitor searching: a reader polling every 15
  minutes is 96 "searches" a day. Feed polls are counted apart (table ``feeds``: day, query,
  polls), so the editors see which searches are followed, and the search counts stay visitors'.

How it is written, so that a search never waits for it: ``record_search`` (called where every
search passes, next to the metrics), ``record_feed`` and ``record_open`` only count a tuple in an
in-memory table (the same search twice is one row with a count of 2, so a popular query costs one
increment, not one row). A background thread per worker process, started lazily by the first entry (gunicorn forks
its workers after the app is loaded: a thread started in the master would not survive the fork),
writes the table to SQLite in one transaction every second, and once more when the process
exits. The database sits beside the index (``index.querylog.sqlite3``), in WAL mode, shared by
every worker. A batch that finds the database held by another worker past the busy timeout goes
back to the table for the next try (an exiting process keeps trying for ``EXIT_SECONDS``).
Entries that cannot be written (a full table, a full disk, a corrupt database, a database still
held at exit, any other failure of a batch) are dropped and counted, with one log line, and the writer goes on
to the next batch: it never dies silently; a search never fails because of the log.
The database and its -wal and -shm files are made readable by the server's user alone (``FILE_MODE``, 0600).
The counts of entries written and dropped are kept in the database itself (table ``counts``), so
the insights page and the CLI show them for every worker together.
A log file deleted or replaced under a running server (an operator removed ``instance/``) is noticed at
the next batch: the writer connects again and creates it anew, rather than writing on to a deleted file.
Rows older than ``QUERY_LOG_RETENTION_DAYS`` (1 to ``settings.MAX_RETENTION_DAYS``, checked at start) are
deleted by the writer, at most once an hour, and erased; and the rows older than ``QUERY_LOG_RARE_DAYS`` (30) of
a query searched fewer than k times in all (``INSIGHTS_MIN_SEARCHES``: the queries the editors never see, where
names are) lose their text: they are merged into one row per day named ``[ovanlig]``, so the day's totals stay
and nothing is kept longer than a month that no one is shown. Erased: SQLite's ``secure_delete`` overwrites a
deleted row with zeros (without it the text stays in the file's free pages, readable by anyone who reads the file,
until reused), and after a prune that changed rows the -wal file, which still holds the pages as they were, is
copied into the database and emptied (``_erase_wal``; while another worker reads, at the next batch).
The prune is planned by reading (which never holds up another worker's write in WAL mode), then done one day per
short transaction, for at most ``PRUNE_SLICE_SECONDS`` before each batch: the first prune of a full log (a million
rows) never holds every worker's writes for seconds, and the writer's own batches go on between its days.
A day holds at most ``MAX_QUERIES_PER_DAY`` rows in each table; searches of new queries past that are counted
(``over_limit``), not written, so a flood of made-up queries cannot fill the disk.
A log written before a column or table existed gets it from the first writer that connects.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime
import functools
import html
import logging
import os
import re
import sqlite3
import threading
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from flask import Flask, current_app

from indexer.analysis import normalize

from .search import NOTICE_OUT_OF_TIME

PATTERNS_FILE = Path(__file__).with_name("data") / "private_patterns.txt"
SUFFIX = ".querylog.sqlite3"
QUEUE_LIMIT = 10_000  # distinct entries waiting in one worker; beyond that new ones are dropped (and counted)
FLUSH_SECONDS = 1.0
RETRY_SECONDS = 0.1  # between tries to write the last entries when the process exits
EXIT_SECONDS = 8.0  # how long an exiting process keeps trying (gunicorn's graceful_timeout is 10 s)
PRUNE_SECONDS = 3600.0
#: The prune's work before each batch: one day per transaction (a day holds at most ``MAX_QUERIES_PER_DAY`` rows a
#: table), one at least and as many as fit in this many seconds; the rest before the next batches.
PRUNE_SLICE_SECONDS = 0.25
BUSY_TIMEOUT = 5.0  # seconds a writer waits for another worker's transaction; then it tries again later
MAX_QUERY_CHARS = 200  # a longer query is cut: the log is for words, not pasted documents
#: Rows a day in each of the searches, opened and feeds tables; an entry that would add another is counted
#: (``over_limit``), not written: a flood of made-up queries cannot fill the disk (at worst, every row a query of
#: ``MAX_QUERY_CHARS``, about 7 MB a day, 3 GB over the default retention of 395 days; a real site has a few
#: thousand distinct queries a day).
MAX_QUERIES_PER_DAY = 10_000
MIN_SEARCHES = 3  # k: a query searched fewer times is never shown (``INSIGHTS_MIN_SEARCHES``, ``insights.py``)
RARE_DAYS = 30  # a query searched fewer than k times loses its text after this many days (``QUERY_LOG_RARE_DAYS``)
RARE = "[ovanlig]"  # what such a query's old rows are merged into, per day
TABLES = ("searches", "synonyms", "opened", "feeds")  # the tables of rows per day
RARE_TABLES = ("searches", "opened", "feeds")  # those with a query's text

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS searches (
    day TEXT NOT NULL, query TEXT NOT NULL,
    searches INTEGER NOT NULL, zero_hits INTEGER NOT NULL, partial INTEGER NOT NULL, typo INTEGER NOT NULL,
    synonym INTEGER NOT NULL, hits INTEGER NOT NULL, filtered INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, query)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS synonyms (
    day TEXT NOT NULL, word TEXT NOT NULL, fired INTEGER NOT NULL,
    PRIMARY KEY (day, word)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS opened (
    day TEXT NOT NULL, query TEXT NOT NULL, section TEXT NOT NULL, opened INTEGER NOT NULL,
    PRIMARY KEY (day, query, section)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feeds (
    day TEXT NOT NULL, query TEXT NOT NULL, polls INTEGER NOT NULL,
    PRIMARY KEY (day, query)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
"""

UPSERT_SEARCH = """
INSERT INTO searches (day, query, searches, zero_hits, partial, typo, synonym, filtered, hits)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (day, query) DO UPDATE SET searches = searches + excluded.searches,
    zero_hits = zero_hits + excluded.zero_hits, partial = partial + excluded.partial,
    typo = typo + excluded.typo, synonym = synonym + excluded.synonym, filtered = filtered + excluded.filtered,
    hits = CASE WHEN excluded.searches > excluded.filtered THEN excluded.hits ELSE hits END
"""
UPSERT_SYNONYM = """
INSERT INTO synonyms VALUES (?, ?, ?) ON CONFLICT (day, word) DO UPDATE SET fired = fired + excluded.fired
"""
UPSERT_OPENED = """
INSERT INTO opened VALUES (?, ?, ?, ?)
ON CONFLICT (day, query, section) DO UPDATE SET opened = opened + excluded.opened
"""
UPSERT_FEED = """
INSERT INTO feeds VALUES (?, ?, ?) ON CONFLICT (day, query) DO UPDATE SET polls = polls + excluded.polls
"""
ADD_COUNT = "INSERT INTO counts VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value"


KEEP = "keep"  # the label of a rule for what is kept as written
WITH_WORDS = "with words"  # the line that names the labels whose query keeps the words that say what they are
NUMBER_WORDS = "number words"  # the line that names those words


@dataclass(frozen=True)
class Masking:
    """The rules of ``data/private_patterns.txt``: one expression, an alternative (group ``r0``, ``r1``, ...) per rule
    in file order; each rule's label; the labels whose query keeps the words that say what a number is; and those
    words."""

    pattern: re.Pattern
    labels: tuple[str, ...]
    with_words: frozenset[str]
    number_words: frozenset[str]


FRAGMENT = re.compile(r"\{([a-z][a-z0-9]*)\}")  # a fragment's name in a rule: "{gap}"; never a count, "{1,4}"


def _read_patterns(path: Path = PATTERNS_FILE) -> Masking:
    """The masking rules; a ``{name}`` line is a fragment the later lines may use, the ``with words`` line a list
    of labels, the ``number words`` line a list of words."""
    fragments: dict[str, str] = {}
    rules: list[tuple[str, str]] = []
    lists: dict[str, set[str]] = {WITH_WORDS: set(), NUMBER_WORDS: set()}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, pattern = line.split("\t", 1)
            pattern = FRAGMENT.sub(lambda m: fragments.get(m[1], m[0]), pattern)
            if unknown := FRAGMENT.search(pattern):
                raise ValueError(f"{path.name}: {name} uses {unknown[0]}, which no line before it defines")
            if name.startswith("{"):
                fragments[name.strip("{}")] = pattern
            elif name in lists:
                lists[name].update(pattern.split())
            else:
                rules.append((name, pattern))
    labels = tuple(label for label, _ in rules)
    if unknown := lists[WITH_WORDS] - (set(labels) - {KEEP}):
        raise ValueError(f"{path.name}: {WITH_WORDS!r} names what no rule masks: {' '.join(sorted(unknown))}")
    combined = "|".join(f"(?P<r{number}>{pattern})" for number, (_, pattern) in enumerate(rules))
    return Masking(
        re.compile(combined, re.IGNORECASE), labels, frozenset(lists[WITH_WORDS]), frozenset(lists[NUMBER_WORDS])
    )


RULES = _read_patterns()

#: Variation selectors: after a character they choose its look (an emoji's colour, "\ufe0f"), never another
#: character. They are marks (category Mn), not format characters, so they are named here.
VARIATION_SELECTORS = frozenset(
    chr(code)
    for first, last in ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF), (0x180B, 0x180D), (0x180F, 0x180F))
    for code in range(first, last + 1)
)


def _spelling(char: str) -> str:
    """One character as the log writes it: every dash, hyphen and minus sign "-", a digit of any script its ASCII
    digit ("٧" "7"), a control character a space, an invisible format character (soft hyphen, zero-width space,
    joiners) or a variation selector nothing."""
    category = unicodedata.category(char)
    if category == "Pd" or char == "\u2212":  # U+2212 MINUS SIGN is a math symbol (Sm), typed as a dash
        return "-"
    if category == "Nd":
        return str(unicodedata.decimal(char))
    if char in VARIATION_SELECTORS:
        return ""
    return {"Cc": " ", "Cf": ""}.get(category, char)


#: An HTML character reference, "&#64;", "&#x40;", "&commat;": an address pasted from a page's source.
CHARACTER_REFERENCE = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)


PERCENT_ENCODED = re.compile(r"(?:%[0-9a-f]{2})+", re.IGNORECASE)


def _percent_decoded(text: str) -> str:
    """``text`` with each run of percent-escapes that encodes UTF-8 text decoded, until none is left (a URL
    passed on by a redirect is encoded twice: "%2540" -> "%40" -> "@"). A "+" stays a "+" (ESF+), and a "%" that
    encodes nothing stays as typed ("50%", "100%ig", "%ff")."""

    def decoded(match: re.Match) -> str:
        try:
            return unquote(match[0], errors="strict")
        except UnicodeDecodeError:
            return match[0]

    while "%" in text and (again := PERCENT_ENCODED.sub(decoded, text)) != text:
        text = again
    return text


def canonical(text: str) -> str:
    """``text`` in one spelling: percent-escapes decoded (an address pasted from a URL), as the analysis reads it
    (``indexer.analysis.normalize``: Unicode NFKC, so full-width digits and ligatures are plain ones, and no soft
    hyphen or zero-width character), dashes as "-", no other invisible or control character, single spaces.
    "19800101\u2013\u00a01234" -> "19800101- 1234", "anna%40kalmar.se" -> "anna@kalmar.se"."""
    text = normalize(_percent_decoded(text))
    if "&" in text:
        text = CHARACTER_REFERENCE.sub(lambda match: html.unescape(match[0]), text)
    if not (text.isascii() and text.isprintable()):
        text = "".join(map(_spelling, text))
    return " ".join(text.split())


def mask(text: str) -> str:
    """``text`` in its canonical spelling, with every stretch that looks like a personnummer, phone number, e-mail
    address, date of birth, home address, name or other long number replaced by its label in brackets,
    ``[telefon]``; what a ``keep`` rule matches (a year range, an amount) stays as written."""
    return _masking(text)[0]


@functools.cache
def _labels() -> frozenset[str]:
    return frozenset(f"[{label}]" for label in RULES.labels if label != KEEP)


def only_labels(query: str) -> bool:
    """Whether a logged query is nothing but the labels of what was masked ("[telefon] [e-post]"): no one's text."""
    return set(query.split()) <= _labels()


def _masking(text: str) -> tuple[str, list[str]]:
    """``mask(text)``, and the labels of what was masked, in order."""
    text = canonical(text)
    labels: list[str] = []

    def masked(match: re.Match) -> str:
        label = RULES.labels[int(match.lastgroup[1:])]
        if label == KEEP:
            return match[0]
        labels.append(label)
        return f"[{label}]"

    return RULES.pattern.sub(masked, text), labels


@functools.lru_cache(maxsize=4096)
def normalise(q: str) -> str:
    """The query as the log keeps it: canonical, masked, lower case, at most ``MAX_QUERY_CHARS``; or, if anything in
    it was masked by a rule whose label is not listed ``with words``, its labels alone, each once, in order ("anna
    svensson 070-123 45 67" -> "[mobil]"): the rest of a query that holds a personnummer, a mobile number, an e-mail
    or a home address is most likely the person's name, which no rule can tell from a word. A query that held only
    an organisation's kind of number keeps its labels and the words of ``number words`` that say what it is, every
    other word dropped ("diarienummer 2020-4567" -> "diarienummer [nummer]", "anna svensson 08-123 45 67" ->
    "[telefon]")."""
    masked, labels = _masking(q)
    if not labels:
        return masked[:MAX_QUERY_CHARS].lower()
    if not set(labels) <= RULES.with_words:
        return " ".join(f"[{label}]" for label in dict.fromkeys(labels))
    return " ".join(_number_words(masked.lower()))[:MAX_QUERY_CHARS]


LABEL = re.compile(r"\[[^\[\]\s]+\]")
WORD_END = ".:,;"  # what may follow a number word ("nr.", "tel:"), kept as typed


def _number_words(masked: str) -> list[str]:
    """The words of a masked query that are labels or say what its number is (``number words``), in order; of a
    word with a label against other text ("se[nummer]": an IBAN's country code), the label alone."""
    kept = []
    for word in masked.split():
        if word.rstrip(WORD_END) in RULES.number_words:
            kept.append(word)
        else:
            kept.extend(label for label in LABEL.findall(word) if label in _labels())
    return kept


def log_path(index_dir: str | os.PathLike) -> Path:
    """The log's database beside the index: ``instance/index`` -> ``instance/index.querylog.sqlite3``."""
    index = Path(index_dir)
    return index.with_name(index.name + SUFFIX)


def configured_path(config) -> Path:
    """The log's file as the app is configured: ``QUERY_LOG_FILE``, else beside the index; absolute (the
    writer opens it later, from a thread, whatever the working folder is by then)."""
    return Path(config["QUERY_LOG_FILE"] or log_path(config["INDEX_DIR"])).absolute()


def unusable(path: Path, folder_made_later: bool = False) -> str | None:
    """Why the log at ``path`` could not be written or read, in a few words; None if it can. Nothing is
    created. ``folder_made_later``: a missing folder is fine (the default, ``instance/``, is made by the build)."""
    if path.is_dir():
        return "is a folder, not a file"
    folder = path.parent
    if not folder.is_dir():
        return None if folder_made_later else f"cannot be made: there is no folder {folder}"
    if not os.access(folder, os.W_OK | os.X_OK):  # SQLite writes its -wal and -shm files beside it
        return f"cannot be written: its folder {folder} may not be written"
    if not path.exists():
        return None
    if not os.access(path, os.R_OK | os.W_OK):
        return "cannot be written: the file may not be written"
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            connection.execute("PRAGMA schema_version")
    except sqlite3.DatabaseError as error:
        return f"is not a query log ({error})"
    return None


FILE_MODE = 0o600  # the log, its -wal and its -shm: read and written by the server's user alone


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the log, its tables made if need be. The file is made ``FILE_MODE`` before SQLite opens it
    (SQLite gives its -wal and -shm files the mode of the database), and a log made before that is made so."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):  # absent yet, or another user's: SQLite reports what matters
            if file.stat().st_mode & 0o777 != FILE_MODE:
                file.chmod(FILE_MODE)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("PRAGMA secure_delete=ON")  # a pruned row is overwritten with zeros, not left in a free page
    connection.executescript(SCHEMA)
    _upgrade(connection)
    return connection


def _upgrade(connection: sqlite3.Connection) -> None:
    """A log written before searches counted their filters gets the column (0 for the rows it has)."""
    if "filtered" not in {row[1] for row in connection.execute("PRAGMA table_info(searches)")}:
        try:
            connection.execute("ALTER TABLE searches ADD COLUMN filtered INTEGER NOT NULL DEFAULT 0")
        except sqlite3.OperationalError as error:  # another worker added it a moment ago
            if "duplicate column" not in str(error):
                raise


@dataclass
class QueryLog:
    """One process's writer: a bounded table of counted entries and the thread that empties it into SQLite."""

    path: Path
    retention_days: int
    rare_days: int = RARE_DAYS
    min_searches: int = MIN_SEARCHES
    dropped: int = 0  # dropped in this process and not yet added to the database's count
    _waiting: Counter = field(default_factory=Counter)  # entry -> how many times it was put
    _pid: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _pruned: float = 0.0
    _jobs: list = field(default_factory=list)  # the prune's days still to do: ("expired" or "rare", day)
    _planned_on: sqlite3.Connection | None = None  # the connection whose temp.rare the jobs read
    _since: str = ""  # the day the plan was made: a rare query with rows since then is left for the next prune
    _unerased: bool = False  # pruned rows whose old text may still be in the -wal file
    _file: tuple | None = None  # the (device, inode) the writer's connection opened

    def put(self, entry: tuple) -> None:
        """Count one entry; never blocks. The writer thread starts with this process's first entry."""
        if self._pid != os.getpid():
            self._start()
        with self._lock:
            if entry in self._waiting or len(self._waiting) < QUEUE_LIMIT:
                self._waiting[entry] += 1
            else:
                self.dropped += 1

    def pending(self) -> int:
        """Entries this process has counted and not yet written."""
        return self._waiting.total() if self._pid == os.getpid() else 0

    @property
    def writer(self) -> threading.Thread | None:
        """This process's writer thread (None before its first entry), for measuring what it costs."""
        return self._thread if self._pid == os.getpid() else None

    def _start(self) -> None:
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pid, self._waiting, self._stop = os.getpid(), Counter(), threading.Event()
            self.dropped = 0
            self._thread = threading.Thread(target=self._run, name="querylog", daemon=True)
            self._thread.start()
            atexit.register(self.close)

    def close(self) -> None:
        """Write what is waiting and stop the writer (at exit, and in tests)."""
        if self._pid != os.getpid() or self._thread is None:
            return
        self._stop.set()
        self._thread.join(timeout=EXIT_SECONDS + BUSY_TIMEOUT)

    def _run(self) -> None:
        connection, deadline = None, None
        while True:
            if deadline is None and self._stop.wait(FLUSH_SECONDS):
                deadline = time.monotonic() + EXIT_SECONDS  # stopping: what is left is written, or dropped, by then
            elif deadline is not None:
                time.sleep(RETRY_SECONDS)
            batch = self._take()
            if batch:  # losses are added to the database's count with the next batch that is written
                keep = deadline is None or time.monotonic() < deadline
                connection = self._write(connection, batch, keep_if_busy=keep)
            if deadline is not None and not self._waiting:
                break
        if connection is not None:
            connection.close()

    def _take(self) -> Counter:
        """Everything counted since the last write (and a fresh table for what comes next)."""
        with self._lock:
            batch, self._waiting = self._waiting, Counter()
        return batch

    def _write(
        self, connection: sqlite3.Connection | None, batch: Counter, keep_if_busy: bool
    ) -> sqlite3.Connection | None:
        """The prune's share (``_prune``, transactions of its own), then the batch in one transaction. While another
        worker holds the database past ``BUSY_TIMEOUT``, the batch goes back to the table for the next try
        (``keep_if_busy``); on any other error (the database's, the disk's, or the writer's own) it is dropped and
        counted, with one log line, and the writer goes on."""
        with self._lock:
            dropped, self.dropped = self.dropped, 0
        entries = batch.total()
        try:
            connection = self._connection(connection)
            self._prune(connection)
            connection.execute("BEGIN IMMEDIATE")
            try:
                room = Room(connection, len(batch))
                over = 0
                for entry, n in batch.items():
                    if room.allows(entry):
                        _insert(connection, entry, n)
                    else:
                        over += n
                connection.execute(ADD_COUNT, ("written", entries - over))
                if over:
                    connection.execute(ADD_COUNT, ("over_limit", over))
                connection.execute(ADD_COUNT, ("dropped", dropped))
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:  # SQLite ends it itself on a full disk: its error is the one to log
                    connection.execute("ROLLBACK")
                raise
            return connection
        except Exception as error:  # the writer outlives any batch: what it cannot write is counted, not lost
            code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # the primary result code
            busy = code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
            with self._lock:
                if busy and keep_if_busy:
                    self._waiting.update(batch)
                    self.dropped += dropped
                else:
                    log.error("query log: %d entries dropped (%s: %s)", entries, self.path, error)
                    self.dropped += dropped + entries
            if connection is not None:
                connection.close()
            return None

    def _connection(self, connection: sqlite3.Connection | None) -> sqlite3.Connection:
        """A connection to the file ``path`` names now: a file deleted or replaced since the last batch
        (``instance/`` removed by hand) is left, and the log made anew, not written on unseen."""
        if connection is not None and _identity(self.path) == self._file:
            return connection
        if connection is not None:
            connection.close()
        connection = connect(self.path)
        self._file = _identity(self.path)
        return connection

    def _prune(self, connection: sqlite3.Connection) -> None:
        """Delete the rows past the retention and forget the text of old rare queries (planned at most once an
        hour), one day per short transaction, for ``PRUNE_SLICE_SECONDS`` before each batch: another worker's write
        waits for one day's rows at most, never for the whole log (the first prune of a full log, or of a log whose
        retention was shortened, is a million rows: in one transaction it held every worker's writes for 9 s).
        When the plan is done and it changed rows, the -wal file is erased too."""
        if connection is not self._planned_on:  # a new connection: a plan it broke off is made again, at once
            if self._jobs:
                self._jobs, self._pruned = [], 0.0
            self._planned_on = connection
        if not self._jobs and (not self._pruned or time.monotonic() - self._pruned >= PRUNE_SECONDS):
            self._pruned = time.monotonic()
            self._jobs = self._plan(connection)
        start = time.monotonic()
        while self._jobs:  # one day at least, then as many as fit in the slice
            what, day = self._jobs[0]
            connection.execute("BEGIN IMMEDIATE")
            try:
                changes = connection.total_changes
                if what == "expired":
                    for table in TABLES:
                        connection.execute(f"DELETE FROM {table} WHERE day = ?", (day,))
                else:
                    self._forget_rare(connection, day)
                self._unerased |= connection.total_changes > changes
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            del self._jobs[0]
            if time.monotonic() - start >= PRUNE_SLICE_SECONDS:
                break
        if self._unerased and not self._jobs:
            self._unerased = not _erase_wal(connection)

    def _plan(self, connection: sqlite3.Connection) -> list[tuple[str, str]]:
        """The prune's days, read without the write lock (in WAL mode a reader never holds up a writer): each day
        older than ``retention_days`` (``expired``), then each day older than ``rare_days`` that holds rows of a
        query searched fewer than ``min_searches`` times in all (``rare``; those queries, not only labels, in the
        connection's table ``temp.rare``)."""
        today = datetime.date.today()
        oldest = (today - datetime.timedelta(days=self.retention_days)).isoformat()
        before = (today - datetime.timedelta(days=self.rare_days)).isoformat()
        self._since = today.isoformat()
        expired = {
            day
            for table in TABLES
            for (day,) in connection.execute(f"SELECT DISTINCT day FROM {table} WHERE day < ?", (oldest,))
        }
        kept = "day >= ? AND day < ?"  # the old days within the retention
        frequent = "SELECT query FROM searches WHERE day >= ? GROUP BY query HAVING SUM(searches) >= ?"
        rows = {
            (day, query)
            for table in RARE_TABLES
            for day, query in connection.execute(
                f"SELECT DISTINCT day, query FROM {table} WHERE {kept} AND query != ? AND query NOT IN ({frequent})",
                (oldest, before, RARE, oldest, self.min_searches),
            )
            if not only_labels(query)
        }
        connection.execute("CREATE TEMP TABLE IF NOT EXISTS rare (day TEXT, query TEXT, PRIMARY KEY (day, query))")
        connection.execute("DELETE FROM temp.rare")
        connection.executemany("INSERT INTO temp.rare VALUES (?, ?)", sorted(rows))
        return [("expired", day) for day in sorted(expired)] + [("rare", day) for day in sorted({d for d, _ in rows})]

    def _forget_rare(self, connection: sqlite3.Connection, day: str) -> None:
        """The rows of one day of the rare queries are merged into one row (per section) named ``RARE``: their counts
        stay in the day's totals, their text is gone. A query searched again since the plan was made is left for
        the next prune: it may have reached ``min_searches`` (one look at the rows since that day, in this
        transaction, so it is never merged by mistake)."""
        again = "SELECT query FROM searches WHERE day >= ?"
        connection.execute(f"DELETE FROM temp.rare WHERE day = ? AND query IN ({again})", (day, self._since))
        one_day = "day = :day AND query IN (SELECT query FROM temp.rare WHERE day = :day)"
        merged = {
            UPSERT_SEARCH: "SELECT day, :rare, SUM(searches), SUM(zero_hits), SUM(partial), SUM(typo), SUM(synonym),"
            f" SUM(filtered), 0 FROM searches WHERE {one_day} GROUP BY day",
            UPSERT_OPENED: f"SELECT day, :rare, section, SUM(opened) FROM opened WHERE {one_day} GROUP BY day, section",
            UPSERT_FEED: f"SELECT day, :rare, SUM(polls) FROM feeds WHERE {one_day} GROUP BY day",
        }
        for upsert, select in merged.items():
            connection.executemany(upsert, connection.execute(select, {"rare": RARE, "day": day}).fetchall())
        for table in RARE_TABLES:
            connection.execute(f"DELETE FROM {table} WHERE {one_day}", {"day": day})


#: The tables that get a row per day and query, and the values of an entry that name its row (after its kind).
ROWS = {
    "search": ("searches", ("day", "query")),
    "open": ("opened", ("day", "query", "section")),
    "feed": ("feeds", ("day", "query")),
}


class Room:
    """Whether an entry may be written, within one batch's transaction: a table holds at most
    ``MAX_QUERIES_PER_DAY`` rows a day, so an entry that would add one more to a full day is not written (one that
    adds to a row the day has is). Rows are counted once per table and day; only a day that the batch could fill is
    then followed row by row (a look-up of the entry's row), so a batch far from the limit costs one count."""

    def __init__(self, connection: sqlite3.Connection, entries: int):
        self.connection, self.entries = connection, entries
        self.rows: dict[tuple[str, str], int] = {}  # (table, day) -> its rows (at most: exact once followed)
        self.followed: set[tuple[str, str]] = set()

    def allows(self, entry: tuple) -> bool:
        if entry[0] not in ROWS:
            return True
        table, columns = ROWS[entry[0]]
        key, values = (table, entry[1]), entry[1 : 1 + len(columns)]
        if key not in self.rows:
            self.rows[key] = self._count(table, entry[1])
        if key not in self.followed and self.rows[key] + self.entries < MAX_QUERIES_PER_DAY:
            return True  # the whole batch could add its rows here and stay within the limit
        if key not in self.followed:
            self.followed.add(key)
            self.rows[key] = self._count(table, entry[1])
        where = " AND ".join(f"{column} = ?" for column in columns)
        if self.connection.execute(f"SELECT 1 FROM {table} WHERE {where}", values).fetchone():
            return True
        if self.rows[key] < MAX_QUERIES_PER_DAY:
            self.rows[key] += 1
            return True
        return False

    def _count(self, table: str, day: str) -> int:
        return self.connection.execute(f"SELECT COUNT(*) FROM {table} WHERE day = ?", (day,)).fetchone()[0]


def _erase_wal(connection: sqlite3.Connection) -> bool:
    """Copy the -wal file into the database and empty it, so the pages a prune changed are gone from it too: a
    checkpoint alone leaves the old pages (with the pruned text) in the -wal file until they are written over.
    False if another worker was reading: the next batch tries again."""
    busy, _frames, _copied = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def _identity(path: Path) -> tuple | None:
    """Which file ``path`` names now (device, inode), None if none."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _insert(connection: sqlite3.Connection, entry: tuple, n: int) -> None:
    """Add ``n`` occurrences of one entry to its rows."""
    kind, *values = entry
    if kind == "search":
        day, query, hits, partial, typo, fired, filtered = values
        counts = (n, n * (hits == 0 and not filtered), n * partial, n * typo, n * bool(fired), n * filtered)
        connection.execute(UPSERT_SEARCH, (day, query, *counts, hits))
        for word in fired:
            connection.execute(UPSERT_SYNONYM, (day, word, n))
    elif kind == "feed":
        connection.execute(UPSERT_FEED, (*values, n))
    elif kind in ("unsearchable", "timed_out"):
        connection.execute(ADD_COUNT, (kind, n))
    else:
        connection.execute(UPSERT_OPENED, (*values, n))


def _today() -> str:
    return datetime.date.today().isoformat()


def _log() -> QueryLog | None:
    return current_app.extensions.get("querylog")


def record_search(result: dict) -> None:
    """Log one search (a search for nothing, only filters, is browsing; a later page of results is the same
    search: neither is logged). A search narrowed by a facet filter counts as a search for its words, never as
    one that found nothing; a query with no word to search for is only counted (see the module's text)."""
    querylog = _log()
    query = normalise(result["query"]) if querylog is not None and result["page"] == 1 else ""
    used = result.get("used") or {}
    if query and not used.get("searchable", True):
        querylog.put(("unsearchable",))
    elif query and NOTICE_OUT_OF_TIME in (result["notice"] or ""):  # found nothing because it was cut short
        querylog.put(("timed_out",))
    elif query:
        fired = _fired(used, query)
        partial, typo, filtered = bool(used.get("partial")), bool(result["suggestion"]), bool(result["filters"])
        querylog.put(("search", _today(), query, result["total"], partial, typo, fired, filtered))


def _fired(used: dict, query: str) -> tuple[str, ...]:
    """The words whose synonyms fired in a search logged as ``query``, those the log keeps: a word masked away with
    the rest of a query that held a person's identifier ("lisa krog 0701234567" is "[mobil]"; "krog" is a surname
    too) is not counted either (review N8)."""
    kept = set(query.split())
    words = {normalise(item["word"]) for item in used.get("synonyms", ())}
    return tuple(sorted(word for word in words if set(word.split()) <= kept))


def record_feed(result: dict) -> None:
    """Log that a feed reader fetched the feed of a search: a poll, not a visitor's search."""
    querylog = _log()
    query = normalise(result["query"]) if querylog is not None else ""
    if query and (result.get("used") or {}).get("searchable", True):
        querylog.put(("feed", _today(), query))


def record_open(q: str, section_id: str) -> None:
    """Log that a section was opened from a search for ``q``."""
    querylog = _log()
    query = normalise(q) if querylog is not None else ""
    if query:
        querylog.put(("open", _today(), query, section_id))


def init_app(app: Flask) -> None:
    """Log queries unless ``QUERY_LOG`` is off; the writer starts in the process that searches."""
    if app.config["QUERY_LOG"]:
        app.extensions["querylog"] = QueryLog(
            configured_path(app.config),
            app.config["QUERY_LOG_RETENTION_DAYS"],
            app.config["QUERY_LOG_RARE_DAYS"],
            app.config["INSIGHTS_MIN_SEARCHES"],
        )
