"""The app's settings, checked once, at start: a wrong value is one line that names it, never a setting read
the wrong way without a word, and never a traceback or a failed search later.

``from_prefixed_env`` reads each ``FLASK_*`` value as JSON and keeps anything else as a string, so
``FLASK_QUERY_LOG=false`` is False but ``False``, ``off`` and ``no`` are non-empty strings, which Python reads
as true: the query log's switch is the visitors' privacy switch, and "off" must mean off. A switch is read here,
in one place, in the spellings people write, in any case; anything else is refused. A count of days is a whole
number of at least one (0 or less would make the query log's writer delete every day it keeps) and at most
``MAX_RETENTION_DAYS``, a hundred years: an operator's "keep for ever", 999999, put the oldest day to keep before
year 1, where Python's dates end, and the log's writer failed on every batch that pruned.

Text settings (paths, names, tokens, the public address) are read as written (``read_environment``): read as
JSON, a token ``1e5`` became the number 100000.0 and a folder ``1.50`` the folder ``1.5``. The time budget of a
search is a number of seconds above 0 (0 or less times every search out, and each was logged as a search that
found nothing) and at most ``MAX_SEARCH_SECONDS``; a Swedish decimal comma is named as such. The public address
is an absolute http(s) URL with a host and nothing after its path: the feed's ids and links are built from it.
A token is what an HTTP header can carry: printable ASCII, no space at either end, and at least
``MIN_TOKEN_CHARS`` long, so that it cannot be guessed (``tokens.py`` slows the guessing down as well). A token
is a secret: a refused one is never shown in the line, which ends in the service's journal.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, MutableMapping
from urllib.parse import urlsplit

#: The settings that are switches, and the spellings of each position (compared in lower case).
SWITCHES = ("METRICS", "PARTIAL_MATCHING", "QUERY_LOG")
ON = ("true", "1", "yes", "on")
OFF = ("false", "0", "no", "off")

#: The longest query-log retention, in days: a hundred years (an operator's "keep for ever").
MAX_RETENTION_DAYS = 36_525

#: Settings that are whole numbers, with the least and the greatest value each may take.
WHOLE_NUMBERS = {
    "QUERY_LOG_RETENTION_DAYS": (1, MAX_RETENTION_DAYS),
    "QUERY_LOG_RARE_DAYS": (1, MAX_RETENTION_DAYS),
    "INSIGHTS_MIN_SEARCHES": (1, 1000),
}

#: Settings that are seconds: above 0, at most this many (gunicorn's worker timeout, ``serve.py``, is 30 s: a
#: search allowed longer would have its worker killed first).
MAX_SEARCH_SECONDS = 30
SECONDS = ("SEARCH_TIME_LIMIT",)

#: Settings read as written, never as JSON, and what each must be.
PATHS = ("INDEX_DIR", "CORPUS_DIR")  # a path, never empty
OPTIONAL_PATHS = ("QUERY_LOG_FILE",)  # unset (None: the default), or a path
NAMES = ("SITE_NAME",)  # text that is not blank
URLS = ("PUBLIC_URL",)  # an absolute http(s) address
TOKENS = ("REINDEX_TOKEN", "INSIGHTS_TOKEN")  # unset or empty (the feature is off), or what a header can carry
MIN_TOKEN_CHARS = 16  # printable ASCII: 95**16 tokens, past any guessing at the pace tokens.py allows
AS_WRITTEN = (*PATHS, *OPTIONAL_PATHS, "SYNONYMS_FILE", *NAMES, *URLS, *TOKENS)


class SettingsError(ValueError):
    """A setting has a value the app cannot use; the message is one line that names it."""


def read_environment(config: MutableMapping, environ: Mapping[str, str] = os.environ) -> None:
    """``config.from_prefixed_env()``, with the text settings (``AS_WRITTEN``) kept exactly as written."""
    config.from_prefixed_env()
    for key in AS_WRITTEN:
        if (value := environ.get(_name(key))) is not None:
            config[key] = value


def check(config: MutableMapping) -> None:
    """Replace each setting in ``config`` by its value, or raise SettingsError."""
    for key in SWITCHES:
        config[key] = switch(key, config[key])
    for key, (least, most) in WHOLE_NUMBERS.items():
        config[key] = whole_number(key, config[key], least, most)
    for key in SECONDS:
        config[key] = seconds(key, config[key])
    for key in PATHS:
        config[key] = path(key, config[key])
    for key in OPTIONAL_PATHS:
        config[key] = None if config[key] is None else path(key, config[key])
    for key in NAMES:
        config[key] = name(key, config[key])
    for key in URLS:
        config[key] = public_url(key, config[key])
    for key in TOKENS:
        config[key] = token(key, config[key])


def switch(key: str, value) -> bool:
    """True or False from a bool, 1 or 0, or a word of ``ON`` or ``OFF`` in any case."""
    if isinstance(value, bool):
        return value
    spelling = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if spelling in ON or spelling in OFF:
        return spelling in ON
    raise SettingsError(f"{_name(key)} must be true or false (or yes/no, on/off, 1/0), not {value!r}")


def whole_number(key: str, value, least: int, most: int) -> int:
    """An int from ``least`` to ``most``, from an int or its digits."""
    try:
        number = int(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    except ValueError:  # not digits, or more of them than Python reads
        number = None
    if number is None or not least <= number <= most:
        raise SettingsError(f"{_name(key)} must be a whole number from {least} to {most}, not {value!r}")
    return number


def seconds(key: str, value) -> float:
    """A float above 0 and at most ``MAX_SEARCH_SECONDS``, from a number or its digits with a decimal point."""
    if isinstance(value, str) and "," in value:
        raise SettingsError(
            f"{_name(key)} takes a decimal point, not a comma: {value.strip().replace(',', '.')}, not {value!r}"
        )
    try:
        number = float(value) if isinstance(value, int | float | str) and not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not (math.isfinite(number) and 0 < number <= MAX_SEARCH_SECONDS):
        shown = value if number is None or isinstance(value, bool) else _number(number)
        raise SettingsError(
            f"{_name(key)} must be a number of seconds above 0 and at most {MAX_SEARCH_SECONDS} (2.0), not {shown!r}"
        )
    return number


def path(key: str, value) -> str:
    """A path as written; an empty one is no path."""
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{_name(key)} must be a path, not {value!r}")
    return value


def name(key: str, value) -> str:
    """Text with something in it."""
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{_name(key)} must not be empty, not {value!r}")
    return value


def public_url(key: str, value) -> str:
    """An absolute http(s) address with a host (a port, a path), nothing after the path, without a final "/"."""
    if not (isinstance(value, str) and _is_public_url(value.strip())):
        raise SettingsError(
            f"{_name(key)} must be the http(s) address visitors use (https://sok.example.se), not {value!r}"
        )
    return value.strip().rstrip("/")


def _is_public_url(text: str) -> bool:
    if any(character.isspace() for character in text) or "?" in text or "#" in text:
        return False
    parts = urlsplit(text)
    try:
        parts.port  # noqa: B018 -- reading it raises ValueError when it is out of range
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def token(key: str, value):
    """None or empty (off), or printable ASCII with no space at either end (a header's value arrives stripped and
    read as Latin-1, so a token with a space at its end or an "å" could never be sent right), at least
    ``MIN_TOKEN_CHARS`` long. The message never shows the value: it is a secret."""
    if value is None or value == "":
        return value
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not (isinstance(text, str) and text.isascii() and text.isprintable() and text == text.strip()):
        raise SettingsError(
            f"{_name(key)} must be printable ASCII with no space at either end (an HTTP header carries it);"
            " the value is not shown"
        )
    if len(text) < MIN_TOKEN_CHARS:
        raise SettingsError(
            f"{_name(key)} must be at least {MIN_TOKEN_CHARS} characters long"
            f" (it has {len(text)}; the value is not shown)"
        )
    return text


def _number(number: float):
    """A number as an operator wrote it: 0, not 0.0."""
    return int(number) if number.is_integer() else number


def _name(key: str) -> str:
    """How an operator sets ``key``: its environment variable."""
    return f"FLASK_{key}"
