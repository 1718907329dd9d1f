"""The app's settings, checked once, at start: a wrong value is one line that names it, never a setting read
the wrong way without a word, and never a traceback later.

``from_prefixed_env`` reads each ``FLASK_*`` value as JSON and keeps anything else as a string, so
``FLASK_QUERY_LOG=false`` is False but ``False``, ``off`` and ``no`` are non-empty strings, which Python reads
as true: the query log's switch is the visitors' privacy switch, and "off" must mean off. A switch is read here,
in one place, in the spellings people write, in any case; anything else is refused. A count of days is a whole
number of at least one: 0 or less would make the query log's writer delete every day it keeps.
"""

from __future__ import annotations

from collections.abc import MutableMapping

#: The settings that are switches, and the spellings of each position (compared in lower case).
SWITCHES = ("METRICS", "PARTIAL_MATCHING", "QUERY_LOG")
ON = ("true", "1", "yes", "on")
OFF = ("false", "0", "no", "off")

#: Settings that are whole numbers, with the least value each may take.
WHOLE_NUMBERS = {"QUERY_LOG_RETENTION_DAYS": 1}


class SettingsError(ValueError):
    """A setting has a value the app cannot use; the message is one line that names it."""


def check(config: MutableMapping) -> None:
    """Replace each switch and number in ``config`` by its value, or raise SettingsError."""
    for key in SWITCHES:
        config[key] = switch(key, config[key])
    for key, least in WHOLE_NUMBERS.items():
        config[key] = whole_number(key, config[key], least)


def switch(key: str, value) -> bool:
    """True or False from a bool, 1 or 0, or a word of ``ON`` or ``OFF`` in any case."""
    if isinstance(value, bool):
        return value
    spelling = str(value).strip().lower() if isinstance(value, (str, int)) else None
    if spelling in ON or spelling in OFF:
        return spelling in ON
    raise SettingsError(f"{_name(key)} must be true or false (or yes/no, on/off, 1/0), not {value!r}")


def whole_number(key: str, value, least: int) -> int:
    """An int of at least ``least``, from an int or its digits."""
    try:
        number = int(value) if isinstance(value, int | str) and not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or number < least:
        raise SettingsError(f"{_name(key)} must be a whole number, {least} or more, not {value!r}")
    return number


def _name(key: str) -> str:
    """How an operator sets ``key``: its environment variable."""
    return f"FLASK_{key}"
