"""gunicorn's own error log, kept free of visitors: no address, no request text.

gunicorn refuses some requests before the app sees them (a request line that
is not strictly HTTP, such as a query a client did not percent-encode, or one
past the length limit) and logs each as::

    Invalid request from ip=127.0.0.1: Invalid HTTP Version: 'anna@kalmar.se HTTP/1.1'

That line holds the visitor's address beside what they typed. ``PrivateLogger``
(the server's ``logger_class``, see ``serve.py``) filters every record of its
error log and keeps what went wrong in gunicorn's words, up to the first quote
or colon, where the request's text begins::

    Invalid request refused: Invalid HTTP Version

The rare line about a request the app failed to answer keeps the method and
the path, never the query string. Whatever text is kept is also masked by the
query log's rules (``querylog.mask``), so a personnummer, phone number or
e-mail address in a path is not written either.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from gunicorn.glogging import Logger

from .querylog import mask

#: gunicorn's line for a request it refused (``workers/base.py``), and where its error's own words end.
REFUSED = re.compile(r"^Invalid request from ip=\S*: (?P<error>.*)$", re.DOTALL)  # an IPv6 address holds colons
REQUEST_TEXT = re.compile(r"""[:'"]""")
#: gunicorn's lines for a request the app failed on: their last argument is the URI with its query.
FAILED = "Error handling request"


class PrivateFilter(logging.Filter):
    """Rewrites each record of gunicorn's error log to hold no address and no request text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str) and (refused := REFUSED.match(record.msg)) and not record.args:
            record.msg = "Invalid request refused: " + mask(REQUEST_TEXT.split(refused["error"], 1)[0].strip())
        elif isinstance(record.msg, str) and record.msg.startswith(FAILED) and record.args:
            record.args = (*record.args[:-1], path_only(record.args[-1]))
        return True


def path_only(uri) -> str:
    """The masked path of a request's URI, without its query string."""
    return mask(urlsplit(str(uri)).path)


PRIVATE = PrivateFilter()


class PrivateLogger(Logger):
    """gunicorn's logger with ``PrivateFilter`` on its error log (once, however often gunicorn sets it up)."""

    def setup(self, cfg):
        super().setup(cfg)
        self.error_log.addFilter(PRIVATE)
