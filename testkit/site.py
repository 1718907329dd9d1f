"""A realistic fixture site: the pages of several CMSs, assembled on demand.

    python -m testkit.site DEST        # writes DEST/<host>/<path>.html, prints the count

The site imitates tillvaxtverket.se and the regions, länsstyrelser and kommuner
it works with: each site has its own *chrome* (header, menus, breadcrumbs,
cookie notice, "Dela sidan", dates, related links, footer) and its own markup
for the content (``<main>``, ``role="main"`` or only a site-specific ``<div>``),
as different CMSs do. Writing the chrome once per site keeps 60 pages from
repeating it:

* ``fixture_site/chrome/<host>.html``: the site's template (``string.Template``; the host
  without ``www.``; placeholders below);
* ``fixture_site/pages/<host>/<name>.html``: one page, TOML front matter between
  ``+++`` lines, then the page's own content as an HTML fragment.

Front matter keys: ``url`` (the page's address, required), ``title`` (the
``<title>``, required), ``published`` (a date, required), ``updated`` (a date;
defaults to ``published``), ``breadcrumbs`` (labels from the start page down),
``description``, ``related`` (``[[label, href], ...]``; a site-wide pair if
absent), ``page_type`` (the CMS's own name for the page template, printed by
the sites whose CMS does so; "ArticlePage" if absent). A page that republishes
another (old and new site generations keep both) names it in ``content_from``
(its file under ``pages/``) instead of repeating the text, with ``edits``
(``[[old, new], ...]``, each old text found exactly once) for a near-duplicate.

Template placeholders: ``$title $description $canonical $host $breadcrumbs
$published_iso $published_long $updated_iso $updated_long $related $page_type
$content``.

A page's file is its URL's path under its host, with ``.html`` added unless the
path already ends in it; a path ending in ``/`` drops the slash. Every page says
where it lives with ``<link rel="canonical">``. The hand-made labels (län, kind,
duplicates) are kept apart, in ``tests/data/site/labels.toml``.
"""

from __future__ import annotations

import datetime as dt
import html
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

SOURCE = Path(__file__).resolve().parent / "fixture_site"
FRONT_MATTER = "+++"
DEFAULT_RELATED = (("Kontakta oss", "/kontakt"), ("Om webbplatsen", "/om-webbplatsen"))
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


@dataclass(frozen=True)
class SourcePage:
    meta: dict
    content: str

    @property
    def url(self) -> str:
        return self.meta["url"]


def read_source(path: Path) -> SourcePage:
    """One page file: front matter between ``+++`` lines, then the content."""
    text = path.read_text(encoding="utf-8")
    _, front, content = text.split(FRONT_MATTER + "\n", 2)
    meta = tomllib.loads(front)
    if "content_from" in meta:
        content = republished(path.parent.parent / meta["content_from"], meta.get("edits", []))
    missing = {"url", "title", "published"} - set(meta)
    if missing:
        raise ValueError(f"{path}: front matter lacks {', '.join(sorted(missing))}")
    return SourcePage(meta, content.strip() + "\n")


def republished(original: Path, edits: list[list[str]]) -> str:
    """The content of another page, with a near-duplicate's small edits."""
    content = read_source(original).content
    for old, new in edits:
        if content.count(old) != 1:
            raise ValueError(f"edit of {original.name}: {old!r} is not found exactly once")
        content = content.replace(old, new)
    return content


def file_name(url: str) -> str:
    """Where a page's URL is written: ``<host>/<path>.html``."""
    parts = urlsplit(url)
    path = parts.path.strip("/") or "index"
    return f"{parts.netloc}/{path if path.endswith('.html') else path + '.html'}"


def site_of(url: str) -> str:
    """The site a URL belongs to, as its chrome file is named: the host without "www."."""
    host = urlsplit(url).netloc
    return host.removeprefix("www.")


def long_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def render(page: SourcePage, chrome: Template) -> str:
    meta = page.meta
    parts = urlsplit(page.url)
    published = meta["published"]
    updated = meta.get("updated", published)
    segments = parts.path.strip("/").split("/")
    crumbs = meta.get("breadcrumbs", [])
    crumb_items = "".join(
        f'<li><a href="/{"/".join(segments[:depth])}">{html.escape(label)}</a></li>'
        for depth, label in enumerate(crumbs)
    )
    related = meta.get("related", DEFAULT_RELATED)
    related_items = "".join(f'<li><a href="{html.escape(h)}">{html.escape(t)}</a></li>' for t, h in related)
    return chrome.substitute(
        title=html.escape(meta["title"]),
        description=html.escape(meta.get("description", meta["title"])),
        canonical=html.escape(page.url),
        host=parts.netloc,
        breadcrumbs=crumb_items,
        published_iso=published.isoformat(),
        published_long=long_date(published),
        updated_iso=updated.isoformat(),
        updated_long=long_date(updated),
        related=related_items,
        page_type=html.escape(meta.get("page_type", "ArticlePage")),
        content=page.content,
    )


def source_pages(source: Path = SOURCE) -> list[Path]:
    return sorted((source / "pages").rglob("*.html"))


def build_site(dest: Path, source: Path = SOURCE) -> list[tuple[Path, str]]:
    """Write every page of the fixture site under ``dest``; return (file, URL) pairs."""
    chromes: dict[str, Template] = {}
    written: list[tuple[Path, str]] = []
    for path in source_pages(source):
        page = read_source(path)
        host = site_of(page.url)
        if host not in chromes:
            chromes[host] = Template((source / "chrome" / f"{host}.html").read_text(encoding="utf-8"))
        target = Path(dest) / file_name(page.url)
        if target.exists():
            raise ValueError(f"{path}: another page already has the URL {page.url}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(page, chromes[host]), encoding="utf-8")
        written.append((target, page.url))
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m testkit.site DEST")
    pages = build_site(Path(sys.argv[1]))
    print(f"{len(pages)} pages written to {sys.argv[1]}")
