"""A website on 127.0.0.1 whose answers a test writes and whose requests it reads.

A real threaded ``http.server`` on a free port, HTTP/1.1 with keep-alive. Each
path answers what the test set: a page or file (with an ``ETag`` and a
``Last-Modified``, and a ``304`` to a conditional request that matches either),
a status, a redirect, a slow answer or a body streamed without a length.
Every request is logged with its headers and the status and body size sent.

``serve_fixture_site`` serves one host's pages of the fixture site
(``testkit.site``) at their URL paths, with a sitemap listing them;
``serve_whole_fixture_site`` serves every host, each on its own server.
"""

from __future__ import annotations

import hashlib
import threading
from contextlib import ExitStack
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .site import build_site


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    validators: bool = True  # send ETag and Last-Modified, answer 304 when they match
    delay: float = 0.0  # seconds before answering
    stream: bool = False  # no Content-Length: the body is streamed, then the connection closed


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # lower-case names
    status: int
    body_bytes: int

    @property
    def conditional(self) -> bool:
        return "if-none-match" in self.headers or "if-modified-since" in self.headers


class Site:
    def __init__(self):
        self.answers: dict[str, Answer] = {}
        self.log: list[Request] = []
        self.release = threading.Event()  # ends slow answers when the site stops
        self._versions: dict[str, int] = {}
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)  # quick to stop

    # -- what the site answers ------------------------------------------------------

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.server.server_port}"

    def page(self, path: str, html: str, **options) -> None:
        self.file(path, html.encode("utf-8"), "text/html; charset=utf-8", **options)

    def file(self, path: str, body: bytes, content_type: str, **options) -> None:
        self._versions[path] = self._versions.get(path, 0) + 1
        self.answers[path] = Answer(200, body, {"Content-Type": content_type}, **options)

    def status(self, path: str, status: int, **options) -> None:
        self.answers[path] = Answer(status, f"{status}".encode(), {"Content-Type": "text/plain"}, False, **options)

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.answers[path] = Answer(status, b"", {"Location": to}, False)

    def sitemap(self, path: str, paths: list[str]) -> None:
        self._sitemap_file(path, "urlset", "url", paths)

    def sitemap_index(self, path: str, sitemaps: list[str]) -> None:
        self._sitemap_file(path, "sitemapindex", "sitemap", sitemaps)

    def _sitemap_file(self, path: str, root: str, entry: str, paths: list[str]) -> None:
        """A sitemap protocol file: the URL of each of ``paths`` in an ``<entry><loc>``."""
        items = "".join(f"<{entry}><loc>{self.url(p)}</loc></{entry}>" for p in paths)
        body = f'<?xml version="1.0" encoding="UTF-8"?><{root} xmlns="{_NS}">{items}</{root}>'
        self.file(path, body.encode(), "application/xml")

    # -- what the site saw --------------------------------------------------------------

    def requests_to(self, path: str) -> list[Request]:
        return [request for request in self.log if request.path == path]

    def clear_log(self) -> None:
        self.log.clear()

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def _validators(self, path: str, answer: Answer) -> dict[str, str]:
        if not answer.validators:
            return {}
        tag = hashlib.sha256(answer.body).hexdigest()[:16]
        return {"ETag": f'"{tag}"', "Last-Modified": formatdate(1_700_000_000 + self._versions[path], usegmt=True)}


_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hung up (a crawl that ended, a size cap): nothing to report


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are two writes: no waiting for an ACK between them

        def do_GET(self):
            answer = site.answers.get(self.path) or Answer(404, b"not found", {"Content-Type": "text/plain"}, False)
            if answer.delay:
                site.release.wait(answer.delay)
            validators = site._validators(self.path, answer)
            headers = {k.lower(): v for k, v in self.headers.items()}
            not_modified = validators and (
                headers.get("if-none-match") == validators["ETag"]
                or headers.get("if-modified-since") == validators["Last-Modified"]
            )
            status, body = (304, b"") if not_modified else (answer.status, answer.body)
            site.log.append(Request(self.path, headers, status, len(body)))
            self.send_response(status)
            for name, value in {**answer.headers, **validators}.items():
                self.send_header(name, value)
            if answer.stream and status == 200:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for start in range(0, len(body), 65536):
                    self.wfile.write(body[start : start + 65536])
            except OSError:
                pass  # the client stopped reading (a size cap): fine

        def log_message(self, *args):
            pass

    return Handler


def serve_fixture_site(site: Site, pages: list[tuple[Path, str]], host: str) -> dict[str, str]:
    """Serve the pages (``testkit.site.build_site``'s (file, URL) pairs) of one host at their
    URL paths, ``/sitemap.xml`` listing them and a ``/robots.txt``; returns URL path -> the page's real URL."""
    served = {}
    for file, url in pages:
        if urlsplit(url).netloc == host:
            path = urlsplit(url).path or "/"
            site.page(path, file.read_text(encoding="utf-8"))
            served[path] = url
    site.sitemap("/sitemap.xml", sorted(served))
    site.file(
        "/robots.txt", f"User-agent: *\nDisallow: /sok/\nSitemap: {site.url('/sitemap.xml')}\n".encode(), "text/plain"
    )
    return served


def serve_whole_fixture_site(
    stack: ExitStack, folder: Path, latency: float = 0.0
) -> tuple[list[tuple[Path, str]], list[str], list[Site]]:
    """Every host of the fixture site (built in ``folder``) on its own ``Site``, entered on ``stack``, each
    answering ``latency`` seconds late; the pages (file, URL), the hosts (sorted) and their sites, in order."""
    pages = build_site(folder)
    hosts = sorted({urlsplit(url).netloc for _, url in pages})
    sites = [stack.enter_context(Site()) for _ in hosts]
    for site, host in zip(sites, hosts, strict=True):
        serve_fixture_site(site, pages, host)
        for answer in site.answers.values():
            answer.delay = latency
    return pages, hosts, sites
