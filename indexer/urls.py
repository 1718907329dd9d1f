"""One page, one URL: the normal form of every URL the crawl meets (``normal_url``).

A site names one page in several spellings: a sitemap lists ``/näringsliv.html``, a browser and the
CMS send ``/n%C3%A4ringsliv.html`` (or ``%c3%a4``), a link says ``HTTP://Example.se:80/…#start``. To
the crawl they are one page, stored once, and a page named in any spelling is the one stored
(``crawl.py`` normalises every URL it meets: sitemap entries, links, redirects, ``--url``; the
webhook the URLs a call names; ``mirror.py`` the URLs of a manifest written before, so a corpus
keyed by the old spellings is found under the new). The normal form (RFC 3986, section 6.2.2):

- the scheme and host in lower case, a host in letters beyond ASCII as IDNA (``xn--``);
- no default port (``:80`` for http, ``:443`` for https), and ``/`` for an empty path;
- the path and query percent-encoded one way: a character outside what RFC 3986 lets them hold as
  itself (``ä``, a space, a ``%`` that starts no escape) is escaped as UTF-8 bytes, an escape of an
  unreserved character (a letter, a digit, ``-._~``) is the character, and every other escape is
  kept, in capitals: ``%2F`` is no ``/``, ``%3B`` no ``;``. The path's case is the server's to read;
- no fragment: it names a place on the page, not a page.

A URL that is not http(s) (or cannot be read as one, or holds a lone surrogate: no text to encode)
only loses its fragment: the crawl refuses it by what it is, and says so in the spelling it was
given.
"""

from __future__ import annotations

import re
import string
from urllib.parse import quote, urldefrag, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
#: What a path or query holds as itself besides the unreserved characters (RFC 3986: pchar, "/" and "?").
KEPT = "!$&'()*+,;=:@/?"
_ESCAPE = re.compile(r"(%[0-9A-Fa-f]{2})")


def normal_url(url: str) -> str:
    """The normal form of ``url`` (see the module's docstring)."""
    url = urldefrag(url)[0]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = _host(parts.hostname)
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    user = parts.netloc.rpartition("@")[0]
    netloc = f"{user}@{host}" if user else host
    try:
        return urlunsplit((scheme, netloc, _encoded(parts.path) or "/", _encoded(parts.query), ""))
    except UnicodeEncodeError:  # a lone surrogate: no bytes to escape, and the crawl refuses it (crawl.http_url)
        return url


def normal_path(path: str) -> str:
    """A URL path (a crawl's ``--prefix``) encoded as ``normal_url`` encodes it."""
    return _encoded(path)


def _host(hostname: str) -> str:
    """The host in lower case (``urlsplit`` gives it so); in IDNA if it has letters beyond ASCII."""
    if ":" in hostname:  # an IPv6 address
        return f"[{hostname}]"
    if hostname.isascii():
        return hostname
    try:
        return hostname.encode("idna").decode("ascii")
    except UnicodeError:  # a label IDNA cannot write: left as it is, the fetch says what is wrong
        return hostname


def _encoded(text: str) -> str:
    """Each escape kept (in capitals) or, for an unreserved character, that character; the text between
    escaped where it holds what a URL cannot (as UTF-8 bytes)."""
    pieces = _ESCAPE.split(text)
    for i, piece in enumerate(pieces):
        if i % 2:
            char = chr(int(piece[1:], 16))
            pieces[i] = char if char in UNRESERVED else piece.upper()
        else:
            pieces[i] = quote(piece, safe=KEPT)
    return "".join(pieces)
