"""HTML page -> section records.

A page is read as a flat sequence of headings and text blocks. Headings at the
levels in ``SECTION_LEVELS`` start a section; deeper headings (``<h4>`` and
below) are text inside their section. A heading is an ``<h1>``–``<h6>``, or an
element with ``role="heading"`` at its ``aria-level`` (where it gives none, an
``<hN>``'s N, any other element's 2), as WAI-ARIA and HTML-AAM say. A page
that writes its headings otherwise is read in two phases: the walk
(``_events``) marks each *heading-shaped line*, a short line in a block named
like a heading (``<div class="heading">``) or wholly in bold (an editor's
``<p><strong>Så söker du</strong></p>``), and ``_shaped_headings`` makes it a
heading one level below the heading it stands under only when prose follows it
(and it is no person's name above her role); else it stays the text it was
(``[headings]`` in page_rules.toml).
A heading with no text of its own before
the next, deeper heading is a *group heading*: it is not a section itself, it
names the group the sections under it belong to ("Inspireras av genomförda
projekt" groups the finished projects).

The page lead is the section of the ``<h1>``; a meta line above it (a date, a
category) is no section, and longer text there opens the lead; a row of tags
right under the ``<h1>`` or the lead ("Näringsliv Regional utveckling") is no
text either, but the page's ``tags``. Text before any
heading on a page without an ``<h1>`` is titled with the ``<title>`` without the
site's name. The publisher's boilerplate ("Om Region X" under a press release)
is left out of a page about something else. Which part of the page is the
content, and its dates, breadcrumbs and meta tags, are read by ``extract.py``
with the page rules of ``sites.py``. Everything here is pure: a string of HTML
(and the rules) in, frozen records out. What the records *mean* (kind, region,
actor) is decided in ``describe.py``.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag

from . import datafiles, extract, gazetteer, nesting
from .analysis import visible
from .mirror import url_path
from .sites import PageRules, Sites, answer_words, bare_host, page_rules

# -- Extraction rules ---------------------------------------------------------

#: Elements (CSS selectors) whose text is never indexed: chrome, code, and
#: visually hidden link notes that are not part of the content.
DROP_SELECTORS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "head",
    "header",
    "nav",
    "footer",
    "form",
    "button",
    ".external-link-note",
)

#: Headings that start a section, with their level.
SECTION_LEVELS = {"h1": 1, "h2": 2, "h3": 3}

#: Headings that stay inside their section as text.
INNER_HEADINGS = frozenset({"h4", "h5", "h6"})


#: Elements that hold blocks: walked into, never read as one block.
CONTAINER_TAGS = frozenset(
    {
        "div",
        "section",
        "article",
        "main",
        "body",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "figure",
        "details",
        "fieldset",
    }
)

#: Elements whose text is one block (a paragraph of the section text).
BLOCK_TAGS = (
    frozenset(
        {
            "p",
            "li",
            "dt",
            "dd",
            "td",
            "th",
            "pre",
            "blockquote",
            "figcaption",
            "caption",
            "address",
            "summary",
        }
    )
    | INNER_HEADINGS
)

#: What stands between the cells of a table row, which is one line of text: "Glasriket 2030 · Emmaboda
#: kommun · Kalmar län · 3 300 000" (a snippet stays within the row: ``webapp/snippets.py``).
TABLE_CELL_SEPARATOR = " · "

#: Words that introduce a section's contact person ("Kontaktperson: Stefan
#: Lind, telefon: ..."). A section whose heading is one of them has the person
#: on its first line.
CONTACT_LABELS = ("Kontaktperson", "Kontakt")

#: Where a contact person's name ends: a comma, a phone or e-mail label, digits.
CONTACT_NAME_END = re.compile(r",|\s(?:telefon|tel\.?|mobil|e-post|epost)\b|\d", re.IGNORECASE)

#: The language of a page that does not say its own (``<html lang>``): the sites' language.
DEFAULT_LANGUAGE = "sv"

#: A language tag's primary subtag ("en" of "en-GB"), as ``lang`` attributes write it.
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")

#: A heading id that can stand in a section id and a URL as it is.
_SAFE_ANCHOR = re.compile(r"[A-Za-z0-9_-]{1,100}")

#: Where the page's publisher (the organisation behind the text) is named, most telling first.
PUBLISHER_META = ("dc.publisher", "dcterms.publisher", "publisher", "author", "og:site_name")

#: What separates a page's own title from its site's name in ``<title>``: "Näringslivsdag - Kungsbacka kommun".
SEPARATOR_CHARS = "-–—|:"
TITLE_SEPARATOR = re.compile(rf"\s+[{SEPARATOR_CHARS}]{{1,2}}\s+")

#: A host's name shorter than this ("bo.se") is too short to tell its site's name in a ``<title>``.
MIN_HOST_NAME_CHARS = 4

# -- Records ------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One searchable part of a page, as written in the page."""

    anchor: str  # the heading's id: the URL fragment
    title: str
    text: str
    level: int
    group: str | None  # the group heading it stands under, if any
    contact: str | None
    lang: str = DEFAULT_LANGUAGE  # the page's (<html lang>), or its heading's own (lang="en" on or around it)


@dataclass(frozen=True)
class Page:
    path: str  # relative to the corpus folder, with "/" separators
    canonical_url: str | None
    publisher: str | None
    sections: tuple[Section, ...]
    published: str | None = None  # ISO dates, read from the page's meta tags or date lines
    updated: str | None = None
    breadcrumbs: tuple[str, ...] = ()  # the trail's labels, from the start page down
    meta: tuple[tuple[str, str], ...] = ()  # every <meta> name (lower case) and content
    host: str | None = None  # the site the page belongs to (from its URL), if known
    heading: str = ""  # the content's <h1>, even when it has no text of its own (it then groups the sections)
    head_title: str = ""  # the document's <title>: "Näringslivsdag i Kungsbacka - Kungsbacka kommun"
    publication: tuple[str, ...] = ()  # lines out of the text that offer its document or give its publication facts
    tags: tuple[str, ...] = ()  # the labels of a row of tags beside its lead ("Näringsliv", "Regional utveckling")
    categories: tuple[str, ...] = ()  # the categories a post is filed in ("Publicerat i Nyheter")

    @property
    def url(self) -> str | None:
        """The page's public address: its canonical link, else a guess from its corpus path when that starts with
        a host ("www.example.se/a.html" too), a folder's own page at the folder ("om-oss/index.html" is
        ``https://host/om-oss/``, as a mirror names it: ``mirror.url_path``; review N4)."""
        if self.canonical_url:
            return self.canonical_url
        first, _, rest = self.path.partition("/")
        return f"https://{first}/{url_path(rest)}" if self.host and rest and bare_host(first) == self.host else None


@dataclass(frozen=True)
class _Heading:
    level: int
    title: str
    anchor: str
    lang: str | None = None  # the language its element is marked with, if any


@dataclass(frozen=True)
class _ShapedLine(_Heading):
    """A line shaped like a heading (``_shaped_line``): a heading if prose follows it, else text."""


class PageError(ValueError):
    """A page that cannot be read as a page."""


TOO_DEEP = f"the HTML is nested more than {nesting.MAX_NESTING} levels deep: too deep to read"


class PageWithoutText(PageError):
    """A page read without trouble that gives no section: no text, or only headings. Unlike a page that
    cannot be read, it says what the page holds now, nothing to search: an update removes its old sections
    (an editor who removes a person's details from a page leaves its heading), as a build has none of them."""


# -- Parsing ------------------------------------------------------------------


def parse_page(html: str, path: str, sites: Sites | None = None, address: str | None = None) -> Page:
    """Split one HTML page into its sections; ``sites``: the corpus's site rules; ``address``: the URL it was
    fetched from, if it was crawled (a list's second page names the first as its canonical one)."""
    if nesting.depth_past(html):  # before any work that grows with the depth
        raise PageError(TOO_DEEP)
    with warnings.catch_warnings():  # we always pass markup: a page "a.html" is text, not a file name
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    canonical = _canonical_url(soup)
    host = page_host(canonical, path)
    rules, site = page_rules(), (sites or Sites()).for_host(host)
    meta = extract.meta_tags(soup)
    publisher = next((meta[name] for name in PUBLISHER_META if name in meta), None)
    page_title = _clean(soup.title.get_text(" ")).replace("\n", " ") if soup.title else ""
    dates = extract.find_dates(soup, meta, rules, site)
    trail = extract.breadcrumbs(soup, rules)
    filed = extract.categories(soup, rules)
    extract.drop_consent_banners(soup.body or soup, rules)  # wherever they stand: they weigh no content region
    extract.drop_signups(soup.body or soup, rules)
    root = extract.content_root(soup, rules, site, DROP_SELECTORS)
    extract.open_panels(root, rules, site, DROP_SELECTORS)
    extract.drop_feedback(root, rules)
    _drop(root)
    list_page = any(rules.list_page.search(url) for url in (address, canonical) if url)
    publication = extract.drop_chrome(root, rules, site, host, list_page)
    tags = extract.drop_tag_rows(root, rules, host)
    try:
        events = _shaped_headings(list(_events(root, rules)), rules)
    except RecursionError:  # deeper than the scan saw (it follows the parser's nesting, not every quirk of it)
        raise PageError(TOO_DEEP) from None
    untitled = own_title(page_title, host, publisher)
    events = _without_boilerplate(_title_first(events), {publisher or "", _title_tail(page_title)}, host or "", rules)
    sections = tuple(_sections(events, untitled, language_of(soup.html) or DEFAULT_LANGUAGE))
    if not sections and not list_page:  # a list's later page of nothing but teasers is read, and holds none
        raise PageWithoutText(_no_text(events))
    return Page(
        path=path,
        canonical_url=canonical,
        publisher=publisher,
        sections=sections,
        published=dates.published,
        updated=dates.updated,
        breadcrumbs=trail,
        meta=tuple(meta.items()),
        host=host,
        heading=next((e.title for e in events if isinstance(e, _Heading) and e.level == 1), ""),
        head_title=page_title,
        publication=publication,
        tags=tags,
        categories=filed,
    )


def _no_text(events: list) -> str:
    """Why a page gives no section: it has no text at all, or only headings (an ``<h1>`` with nothing
    under it, or a content region read wrongly): named, so an editor sees which page is not searchable."""
    headings = [event.title for event in events if isinstance(event, _Heading)]
    if not headings:
        return "the page has no text"
    first = headings[0] if len(headings[0]) <= _NAMED_HEADING else headings[0][: _NAMED_HEADING - 1] + "…"
    if len(headings) == 1:
        return f'the page has no text, only the heading "{first}"'
    return f'the page has no text, only {len(headings)} headings ("{first}" …)'


#: How much of a heading a skipped page's reason quotes (an unclosed <h1> can hold the whole page).
_NAMED_HEADING = 60


def _drop(root: Tag) -> None:
    """Remove the ``DROP_SELECTORS`` in their order, but what belongs to the content (``_belongs``).
    The selectors before and after ``header`` are each one selector list: one walk of the tree, not one
    per selector (removing is the same in any order; only the header's test must see the page as it is then)."""
    at = DROP_SELECTORS.index("header")
    for selectors in (DROP_SELECTORS[:at], ("header",), DROP_SELECTORS[at + 1 :]):
        for element in root.select(", ".join(selectors)):
            if not extract.decomposed(element) and not _belongs(element):
                element.decompose()


def _belongs(element: Tag) -> bool:
    """An article's own ``<header>`` holds its title. (Sidebars and ``<aside>``, chrome beside the content
    and the content's own inside it, are ``extract.drop_sidebars``'.)"""
    return element.name == "header" and element.find("h1") is not None


def page_host(canonical_url: str | None, path: str) -> str | None:
    """The page's site: its canonical URL's host, else a corpus path's first folder named like a host
    (the crawler and the fixture site store pages as ``<host>/<path>.html``)."""
    if canonical_url:
        return bare_host(urlsplit(canonical_url).netloc)
    first = path.split("/", 1)[0]
    return bare_host(first) if "/" in path and _HOST.fullmatch(first) else None


_HOST = re.compile(r"(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?", re.IGNORECASE)


def _canonical_url(soup: BeautifulSoup) -> str | None:
    """The page's public address, if it is an absolute http(s) URL (it becomes a link)."""
    link = soup.find("link", rel="canonical")
    href = link.get("href", "").strip() if link else ""
    parts = urlsplit(href)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(ch in href for ch in '"<> \t\n'):
        return None
    return href.split("#", 1)[0]


def _events(element: Tag, rules: PageRules, level: list[int] | None = None):
    """Yield headings, heading-shaped lines and text blocks in document order. ``level``: the last heading's
    level, shared by the walk of the whole page (a question in an accordion stands one level below it, and so
    does a heading-shaped line)."""
    level = [1] if level is None else level
    loose: list[str] = []  # inline text between blocks, joined into one block

    def flush():
        text = _clean("".join(loose))
        loose.clear()
        return text

    for child in element.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                loose.append(str(child))
        elif child.name == "br":
            loose.append("\n")
        elif (heading := extract.heading_level(child)) is not None and heading in SECTION_LEVELS.values():
            if text := flush():
                yield text
            title = heading_title(child)
            if title:
                level[0] = heading
                yield _Heading(level[0], title, anchor_of(child.get("id"), title), language_of(child))
        elif (line := _shaped_line(child, level[0], rules, loose)) is not None:
            if text := flush():
                yield text
            yield line
        elif heading is not None or child.name in BLOCK_TAGS or _holds_blocks(child):
            if text := flush():
                yield text
            if heading is not None:  # an inner heading (aria-level 4 and deeper), text as an <h4> is
                if text := _block_text(child):
                    yield text
            elif child.name in BLOCK_TAGS and not _is_layout_cell(child):
                if text := _block_text(child):
                    yield text
            elif child.name == "tr" and _is_data_row(child):
                if text := _row_text(child):
                    yield text
            elif question := _accordion_question(child):
                summary, title = question
                anchor = anchor_of(child.get("id") or summary.get("id"), title)
                yield _Heading(level[0] + 1, title, anchor, language_of(child))
                yield from _events(_without(child, summary), rules, level)
            else:
                yield from _events(child, rules, level)
        else:
            loose.append(_block_text(child))
    if text := flush():
        yield text


def _shaped_line(element: Tag, under: int, rules: PageRules, loose: list[str]) -> _ShapedLine | None:
    """``element`` as a heading-shaped line (``[headings]`` in page_rules.toml), or None: a block (``rules.
    heading_tags``) whose whole text stands in itself or one inline element named like a heading, or in bold;
    one short line that ends as no sentence or label does, holds no link and is no lead-in word. ``under``:
    the level of the heading it stands under (a line under an <h3> would be an <h4>, text: None).
    ``loose``: the inline text before it in its block (an inline element standing alone between blocks is a
    line; one inside a sentence, with text before or after it, is not)."""
    if element.name not in rules.heading_tags or under + 1 not in SECTION_LEVELS.values():
        return None
    inline = element.name not in BLOCK_TAGS and element.name not in CONTAINER_TAGS
    if inline and (any(part.strip() for part in loose) or _text_follows(element)):
        return None
    if not _marked(element, rules):
        return None
    title = _block_text(element)  # as the block reads when it stays text
    words = title.split()
    if (
        not title
        or "\n" in title
        or len(words) > rules.heading_words
        or len(title) > rules.heading_chars
        or title.endswith(rules.heading_endings)
        or any(mark in title for mark in rules.heading_never)
        or not any(char.isalpha() for char in title)
        or answer_words(title) in rules.heading_lead_ins
        or title.startswith(rules.heading_quotes)  # a pull quote: "”Det här är en viktig dag”", "– Vi är glada"
        or title.endswith(rules.heading_quotes)
        or element.find_parent("a") is not None  # a card or a teaser that is a link as a whole
    ):
        return None
    return _ShapedLine(under + 1, title, anchor_of(element.get("id"), title), language_of(element))


def _marked(element: Tag, rules: PageRules) -> bool:
    """Whether ``element``'s whole text is marked as a heading's: it is named like a heading, or each of its
    texts stands in bold or in an inline element so named. Never when it holds a block, a link or an image (a
    teaser's or a card's title) or a heading. Read only as far as the first text that is not marked."""
    named = _named_heading(element, rules)
    for node in element.descendants:
        if isinstance(node, Tag):
            if node.name in _NOT_IN_A_LINE or node.name in BLOCK_TAGS or node.name in CONTAINER_TAGS:
                return False
        elif not named and type(node) is NavigableString and node.strip():
            if not _in_marker(node, element, rules):
                return False
    return bool(element.get_text(strip=True))


#: What a heading-shaped line never holds: a link (a teaser's title, a card's), an image, a heading, a control.
_NOT_IN_A_LINE = frozenset(
    {"a", "img", "picture", "button", "input", "select", "textarea", *SECTION_LEVELS, *INNER_HEADINGS}
)


def _in_marker(text: NavigableString, element: Tag, rules: PageRules) -> bool:
    """Whether ``text`` stands in bold or in an inline element named like a heading, inside ``element``."""
    parent = text.parent
    while parent is not None and parent is not element:
        if parent.name in rules.heading_bold or _named_heading(parent, rules):
            return True
        parent = parent.parent
    return False


def _named_heading(element: Tag, rules: PageRules) -> bool:
    """Whether one of ``element``'s class names names a heading ("heading", "rubrik"), case aside."""
    classes = element.get("class") or []
    return any(name.casefold() in rules.heading_classes for name in classes)


def _text_follows(element: Tag) -> bool:
    """Whether inline text goes on after ``element`` in its block (it then starts a sentence: no line)."""
    for node in element.next_siblings:
        if isinstance(node, Tag):
            return (
                node.name not in BLOCK_TAGS and node.name not in CONTAINER_TAGS and extract.heading_level(node) is None
            )
        if type(node) is NavigableString and node.strip():
            return True
    return False


def _shaped_headings(events: list, rules: PageRules) -> list:
    """The events with each heading-shaped line made a heading when prose follows it (a block of at least
    ``rules.prose_words`` words with a sentence's end), else the text it was: a bold label before a short value,
    a line before a list or before another heading, and a person's name above her role stay text."""
    read = []
    for index, event in enumerate(events):
        if isinstance(event, _ShapedLine):
            after = events[index + 1] if index + 1 < len(events) else None
            heading = _Heading(event.level, event.title, event.anchor, event.lang)
            prose = isinstance(after, str) and _is_prose(after, rules)
            named = prose and _opens_with_a_role(after, rules) and _is_a_name(event.title, rules)
            read.append(heading if prose and not named else event.title)
        else:
            read.append(event)
    return read


def _is_prose(text: str, rules: PageRules) -> bool:
    """Whether a block is prose: at least ``rules.prose_words`` words, and a sentence's end in them."""
    return len(text.split()) >= rules.prose_words and extract.SENTENCE_END.search(text) is not None


def _opens_with_a_role(text: str, rules: PageRules) -> bool:
    """Whether a block opens with a person's role or a way to reach her: a first clause of at most
    ``rules.role_words`` words holding a word that ends in one of ``rules.roles`` ("Regionstyrelsens
    ordförande, nås på …", "Telefon: …")."""
    words = _CLAUSE_END.split(text, 1)[0].casefold().split()
    return len(words) <= rules.role_words and any(word.endswith(rules.roles) for word in words)


def _is_a_name(line: str, rules: PageRules) -> bool:
    """Whether a line is only a person's name: two to ``rules.name_words`` capitalised words and no lower-case
    one ("Anna Andersson", "Karl-Erik Ek"), naming no place of the gazetteer ("Region Skåne", "Västra
    Götaland")."""
    words = line.split()
    return (
        2 <= len(words) <= rules.name_words
        and all(_capitalised(part) for word in words for part in word.split("-"))
        and not gazetteer.load().mentions(line)
    )


def _capitalised(word: str) -> bool:
    """Whether a word is capitalised: "Anna", not "anna", "EU" or "Ek2"."""
    return word[:1].isupper() and word[1:].isalpha() and word[1:].islower()


#: Where a block's first clause ends.
_CLAUSE_END = re.compile(r"[,.;:!?\n]")


def _is_data_row(row: Tag) -> bool:
    """A table row of data, not of a layout table that holds the page's headings or another table."""
    return row.find(["table", *SECTION_LEVELS]) is None


def _is_layout_cell(cell: Tag) -> bool:
    """A cell of a layout table, which holds the page's headings: read as a part of the page, not as text."""
    return cell.name in ("td", "th") and cell.find(list(SECTION_LEVELS)) is not None


def _row_text(row: Tag) -> str:
    """A table row as one line, its cells in order: a row's project, owner, län and amount stay together."""
    cells = (_block_text(cell).replace("\n", " ") for cell in row.find_all(["td", "th"], recursive=False))
    return TABLE_CELL_SEPARATOR.join(cell for cell in cells if cell)


def language_of(element: Tag | None) -> str | None:
    """The language an element is written in, by its own or its closest ancestor's ``lang`` attribute:
    its primary subtag in lower case ("en-GB" -> "en"); None when none says, or says it unreadably."""
    for node in [element, *element.parents] if element is not None else []:
        value = node.get("lang") if isinstance(node, Tag) else None
        if isinstance(value, str) and value.strip():
            match = _LANGUAGE.fullmatch(value.strip())
            return match.group(1).lower() if match else None
    return None


def _accordion_question(element: Tag) -> tuple[Tag, str] | None:
    """A ``<details>`` whose ``<summary>`` asks and whose body answers (a FAQ's question): its summary and
    the question, as the heading of a section of its own, one level below the heading it stands under."""
    if element.name != "details":
        return None
    summary = element.find("summary", recursive=False)
    if summary is None:
        return None
    title = heading_title(summary)
    answered = any(
        (isinstance(node, Tag) and node is not summary and node.get_text(strip=True))
        or (type(node) is NavigableString and node.strip())
        for node in element.children
    )
    return (summary, title) if title and answered else None


def _without(element: Tag, child: Tag) -> Tag:
    """``element`` with ``child`` taken out (the page is read once: the tree is ours to change)."""
    child.extract()
    return element


def _holds_blocks(element: Tag) -> bool:
    return element.find(list(BLOCK_TAGS | set(SECTION_LEVELS) | CONTAINER_TAGS)) is not None or (
        element.name in CONTAINER_TAGS
    )


def _block_text(element: Tag) -> str:
    """The element's text; a line break at each ``<br>`` and each block inside it (``<li><p>a</p><p>b</p>``
    is two lines, not "ab")."""
    parts = []
    for node in element.descendants:
        if isinstance(node, Tag) and (node.name == "br" or node.name in BLOCK_TAGS or node.name in CONTAINER_TAGS):
            parts.append("\n")
        elif type(node) is NavigableString:
            parts.append(str(node))
    return _clean("".join(parts))


def heading_title(element: Tag) -> str:
    """A heading's text as a result's title: one line, without the colon an editor ends it with as if a
    list followed ("Bedömning och beslut:")."""
    return _HEADING_COLON.sub("", _clean(element.get_text(" ")).replace("\n", " "))


#: What ends a heading's text but is no part of its title.
_HEADING_COLON = re.compile(r"\s*:+$")


def _clean(text: str) -> str:
    """The text as a reader sees it (``analysis.visible``: no soft hyphen or zero-width character, which
    the section would otherwise store and show, in the JSON and in what a visitor copies); white space
    collapsed within lines; line breaks kept; empty lines dropped."""
    lines = (" ".join(line.split()) for line in visible(text).splitlines())
    return "\n".join(line for line in lines if line)


def _title_first(events: list) -> list:
    """The events with the text before the page's ``<h1>`` (when the first heading is one) moved after it: the
    text opens the page's lead ("Från den 1 juni går en ny busslinje …", an ingress a theme puts above the
    title). A meta line there is left out (``_meta_line``: "Pressmeddelande · 2026-11-03 · Region Kronoberg",
    a category, a kicker). Before, the text was a section of its own titled with the ``<title>``, the site's
    name in it; and for a while all of it up to ``extract.MAX_CHROME_CHARS`` was left out, a sentence too
    (reviewer5 S0)."""
    first = next((index for index, event in enumerate(events) if isinstance(event, _Heading)), None)
    if not first or events[first].level != 1:
        return events
    before = [text for text in events[:first] if not _meta_line(text)]
    return [events[first], *before, *events[first + 1 :]]


def _meta_line(text: str) -> bool:
    """Whether a line above the ``<h1>`` only labels the page (a date, a category, a kicker): short, and no
    sentence (it does not end as one does)."""
    line = text.strip()
    return len(line) <= extract.MAX_CHROME_CHARS and not line.endswith((".", "!", "?", "…"))


def _without_boilerplate(events: list, publishers: set[str], host: str, rules: PageRules) -> list:
    """The events without the publisher's boilerplate: a section headed "Om <publisher>" (``[boilerplate]`` in
    page_rules.toml; ``publishers``: its names, from the meta tags and the ``<title>``'s tail), with the
    sections under it, on a page whose <h1> is about something else, on another host than the publisher's own
    (``names_host``). A press release on a hub ends with "Om Region Kronoberg", the same text under every release
    of the publisher: before, it was a section of each, and the first hit for what the publisher does
    ("kollektivtrafik") in its län. On its own site a publisher's "Om Umeå kommun" is content (reviewer5 S4)."""
    names = {name.strip(" " + SEPARATOR_CHARS).casefold() for name in publishers if not names_host(name, host)} - {""}
    titles = {heading.format(name=name) for heading in rules.boilerplate_headings for name in names}
    h1 = next((event.title.casefold() for event in events if isinstance(event, _Heading) and event.level == 1), "")
    if not titles or h1 in titles or any(name in h1 for name in names):
        return events
    kept, inside = [], None  # inside: the level of the boilerplate heading being left out
    for event in events:
        if isinstance(event, _Heading):
            if inside is not None and event.level <= inside:
                inside = None
            if inside is None and event.level > 1 and event.title.casefold() in titles:
                inside = event.level
        if inside is None:
            kept.append(event)
    return kept


def _title_tail(page_title: str) -> str:
    """What stands after the last separator of a ``<title>`` (the site's name, most often), or ""."""
    parts = TITLE_SEPARATOR.split(page_title.strip())
    return parts[-1] if len(parts) > 1 else ""


def own_title(page_title: str, host: str | None, publisher: str | None) -> str:
    """The page's ``<title>`` without the site's name at its end, which names the host or the publisher
    ("Fem nya projekt - eufonder.se" -> "Fem nya projekt"): the title of text before any heading."""
    tail = _title_tail(page_title)
    if tail and (names_host(tail, host or "") or (publisher and tail.casefold() == publisher.casefold())):
        return page_title.strip()[: -len(tail)].rstrip(" " + SEPARATOR_CHARS)
    return page_title


def names_host(name: str, host: str) -> bool:
    """ "Leader Sjuhärad" on leadersjuharad.se, "Borås Stad" on boras.se; not "Bo" on boras.se (a name
    the host's only starts with) nor any on a host of fewer than ``MIN_HOST_NAME_CHARS`` letters."""
    labels = host.split(".")
    label, squashed = (_squashed(labels[-2]) if len(labels) >= 2 else ""), _squashed(name)
    return len(label) >= MIN_HOST_NAME_CHARS and squashed.startswith(label)


def _squashed(text: str) -> str:
    """ "Borås Stad" -> "borasstad": letters and digits only, in lower case, without accents."""
    return slugify(text).replace("-", "")


def _sections(events: list, page_title: str, lang: str):
    """Group the events into sections; headings without text become groups. ``lang``: the page's language,
    a section's unless its heading is marked with another."""
    groups: dict[int, str] = {}  # level -> the group heading in force there
    heading = _Heading(1, page_title, slugify(page_title) or "sida")  # for text before any heading
    blocks: list[str] = []
    for event in [*events, None]:
        if isinstance(event, str):
            blocks.append(event)
            continue
        if blocks:
            yield _section(heading, blocks, groups, lang)
        elif event is not None and event.level > heading.level:
            groups[heading.level] = heading.title
        if event is None:
            return
        for level in [level for level in groups if level >= event.level]:
            del groups[level]
        heading, blocks = event, []


def _section(heading: _Heading, blocks: list[str], groups: dict[int, str], lang: str) -> Section:
    above = [level for level in groups if level < heading.level]
    group = groups[max(above)] if above else None
    return Section(
        anchor=heading.anchor,
        title=heading.title,
        text="\n".join(blocks),
        level=heading.level,
        group=group,
        contact=find_contact(heading.title, blocks),
        lang=heading.lang or lang,
    )


def find_contact(title: str, blocks: list[str]) -> str | None:
    """The contact person named in a section, if any."""
    if title in CONTACT_LABELS and blocks:
        return _name_at_start(blocks[0])
    for index, block in enumerate(blocks):
        for label in CONTACT_LABELS:
            if block.startswith(label):
                rest = block[len(label) :].lstrip(" :\n")
                if not rest and index + 1 < len(blocks):
                    rest = blocks[index + 1]
                name = _name_at_start(rest)
                if name:
                    return name
    return None


def _name_at_start(text: str) -> str | None:
    """The person a contact line opens with: its first run of capitalised words (and name particles), two to
    five, that names no organisation (``[contact_names]`` in page_rules.toml); None if it names nobody."""
    first_line = text.split("\n", 1)[0]
    match = CONTACT_NAME_END.search(first_line)
    particles, organisations = _contact_name_rules()
    run: list[str] = []
    for word in (first_line[: match.start()] if match else first_line).strip(" :").split():
        if not (word[:1].isupper() or run and word in particles):
            break
        run.append(word)
    while run and run[-1] in particles:
        run.pop()
    if not 2 <= len(run) <= 5 or any(word.lower().strip(".") in organisations for word in run):
        return None
    return " ".join(run)


@cache
def _contact_name_rules() -> tuple[frozenset[str], frozenset[str]]:
    """(name particles, organisation words) of ``[contact_names]`` in page_rules.toml."""
    rules = datafiles.toml("page_rules.toml")["contact_names"]
    return frozenset(rules["particles"]), frozenset(rules["organisations"])


def anchor_of(element_id: str | None, title: str) -> str:
    """The heading's own id if it is URL-safe, else a slug of it or of the title."""
    if element_id and _SAFE_ANCHOR.fullmatch(element_id):
        return element_id
    return slugify(element_id or "") or slugify(title) or "avsnitt"


def slugify(text: str) -> str:
    """A URL-safe, ASCII slug: "Jönköpings kommun" -> "jonkopings-kommun"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
