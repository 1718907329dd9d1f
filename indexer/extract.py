"""A real CMS page -> its main content, its dates, its breadcrumbs and meta tags.

Real pages carry a header, menus, breadcrumbs, cookie notices, share and print
tools, "Senast uppdaterad" lines, related-links boxes and footers. Only the
main content is indexed; the dates are read into fields instead of the text.

Where the content is, in order:

1. the elements an editor marked ``data-sok-body`` (all of them);
2. the selectors the site's own rules name (``corpus/sites/<host>.toml``);
3. the general selectors (``<main>``, ``role="main"``, ``#content`` …) and
   then any element named like a content region, in both cases one that holds
   the page's ``<h1>`` (``indexer/data/page_rules.toml``). Such a region, but a
   landmark, must also hold the bulk of the prose of the regions named as it is
   (``Prose``), else the smallest element around it that does is the content:
   Sitevision gives the ``<h1>`` a text portlet of its own, named as every text
   block and holding nothing else, and the column around it holds the text. A
   region named otherwise ("box-content", "newsletter-content") is not weighed;
4. where the content region does not hold the ``<h1>`` (WordPress: the title
   in the article's ``<header class="entry-header">``, the text in
   ``.entry-content`` beside it), the smallest element that holds both: the
   ``<article>``, not the whole page with the theme's widget area beside it;
5. where no region is named at all, the innermost ``<article>`` around the
   ``<h1>`` that holds ``article_share`` of the prose outside chrome and other
   articles (a press-release hub: the release in ``<article class="release">``,
   a consent banner, a signup box and other releases beside it; not a title
   and intro in an ``<article>`` with the page's blocks in sections beside it);
6. the whole ``<body>``.

Before it is chosen, consent banners (``drop_consent_banners``: a consent
platform's by its id or class, any other by an accepting button beside short
text on cookies) and signup boxes (an e-mail form with its heading, when they
say it is a subscription: ``drop_signups``) go, wherever they stand. Then,
inside it, a panel the visitor opens (an accordion's answer, a tab's panel:
a button with ``aria-expanded`` or a tab names it, or stands before it) is
opened (``open_panels``), its question kept, so that the ``hidden``
rules, which leave out what is hidden for good, pass it by. Then chrome is
dropped: sidebars beside the content (``<aside>``,
``role="complementary"``, a theme's widget area; one inside the main landmark
or the article is the content's own fact box and stays), elements marked
``data-sok-ignore``, the general and the site's drop selectors, date lines (with a byline beside the
date: "Publicerad: 3 nov 2025 Text: Kommunikationsavdelningen"), tool bars
made only of phrases such as "Dela sidan" and "Skriv ut", related-links boxes,
links that only point on ("Läs mer"), and teasers: a heading that links to
another page of the same site with a short lead, a date and "Läs mer" beside
it, when the content holds several (a news listing, a "more news" box). What
a teaser shows is its own page's, indexed there; a listing page keeps only its
introduction. A heading that links to another site or to a document (a PDF)
is no teaser (nothing else indexes its text), and a page with nothing but
teasers keeps them (a FAQ of linked questions). A later page of a paginated
list (``?page=2``, told by its address) is a listing however few teasers it
holds. A list of nothing but links to the site's own pages (a "Genvägar" list
inside the content, a start page's list of the site's sections) is navigation
and goes, with a heading over nothing else; a list whose items say more than
their links, or that leads to other sites or to documents, is content.

Dates, in order: the site's selectors, ``<meta>`` tags
(``article:published_time``, ``DC.Date.Modified`` …), JSON-LD, then labelled
text anywhere on the page ("Publicerad 5 mars 2024", "Senast uppdaterad:
2024-03-05", "Sidan senast ändrad 2026-05-14": a label may say what it is
said of). They are ISO dates (``2024-03-05``) or None.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import soupsieve
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .analysis import visible
from .sites import PageRules, SiteRules, answer_words, bare_host

IGNORE_ATTRIBUTE = "data-sok-ignore"
BODY_ATTRIBUTE = "data-sok-body"
#: Set on a panel the visitor opens (``open_panels``): the ``hidden`` rules pass it by.
OPEN_ATTRIBUTE = "data-sok-open"

#: A date line or tool bar longer than this is content, whatever it says.
MAX_CHROME_CHARS = 200

#: Elements that can be a date line or a tool bar by themselves.
_LINE_TAGS = ["p", "div", "span", "li", "ul", "ol", "dl", "dd", "dt", "small", "time", "section"]

#: Elements that can hold a related-links box.
_BOX_TAGS = ["div", "section", "aside", "nav"]

#: Elements that can be a list of links (``drop_link_lists``).
_LIST_TAGS = ["ul", "ol"]

#: Headings that can head a teaser (the page's own <h1> never does).
_TEASER_HEADINGS = ["h2", "h3", "h4", "h5", "h6"]
_HEADINGS = ["h1", *_TEASER_HEADINGS]

#: The level of ``role="heading"`` without an ``aria-level`` on an element that is no ``<hN>`` (WAI-ARIA's
#: default), and the deepest there is.
DEFAULT_ARIA_LEVEL = 2
MAX_HEADING_LEVEL = len(_HEADINGS)
_TAG_LEVELS = {name: int(name[1]) for name in _HEADINGS}

_SEPARATORS = r"[|·•,;–—-]"


@dataclass(frozen=True)
class Dates:
    published: str | None = None
    updated: str | None = None


# -- Headings -------------------------------------------------------------------


def heading_level(element: Tag) -> int | None:
    """The level of a heading: an element with ``role="heading"`` at its ``aria-level``, which overrides the
    tag's, as WAI-ARIA says (EPiServer's ``<div class="heading" role="heading" aria-level="2">``); where it gives
    none, or none that is a level, an ``<hN>``'s implicit N (HTML-AAM: a redundant ``<h4 role="heading">`` is
    an <h4>), any other element's ``DEFAULT_ARIA_LEVEL``; else an ``<hN>``'s N; None for any other."""
    implicit = _TAG_LEVELS.get(element.name)
    role = element.attrs.get("role")  # most elements have none: the tag decides, at once
    if isinstance(role, str) and role.strip().lower() == "heading":
        given = str(element.get("aria-level") or "").strip()
        if given.isdigit() and 1 <= int(given) <= MAX_HEADING_LEVEL:
            return int(given)
        return implicit or DEFAULT_ARIA_LEVEL
    return implicit


def _is_heading(element: Tag) -> bool:
    return heading_level(element) is not None


def _is_subheading(element: Tag) -> bool:
    """A heading below the page's title (a teaser's, a box's)."""
    level = heading_level(element)
    return level is not None and level > 1


# -- Meta and breadcrumbs -------------------------------------------------------


def meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    """Every ``<meta name|property|itemprop content>``, keys in lower case; the first of a name wins."""
    found: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("name") or tag.get("property") or tag.get("itemprop") or tag.get("http-equiv")
        content = " ".join(visible(str(tag.get("content", ""))).split())
        if isinstance(key, str) and key.strip() and content:
            found.setdefault(key.strip().lower(), content)
    return found


def breadcrumbs(soup: BeautifulSoup, rules: PageRules) -> tuple[str, ...]:
    """The breadcrumb trail's labels, from the start page down ("Du är här:" left out)."""
    if soup.select_one(", ".join(rules.breadcrumbs)) is None:  # one walk of the page for the usual answer
        return ()
    for selector in rules.breadcrumbs:
        trail = soup.select_one(selector)
        if trail is None:
            continue
        items = trail.find_all("li") or trail.find_all("a")
        labels = [" ".join(visible(item.get_text(" ")).split()) for item in items]
        labels = [label for label in labels if label]
        if labels:
            return tuple(labels)
    return ()


def categories(soup: BeautifulSoup, rules: PageRules) -> tuple[str, ...]:
    """The labels of the categories a post is filed in ("Publicerat i Nyheter"), each once, in order."""
    links = soup.select(", ".join(rules.categories))
    return tuple(dict.fromkeys(label for link in links if (label := " ".join(visible(link.get_text(" ")).split()))))


# -- The content region ---------------------------------------------------------


def content_root(soup: BeautifulSoup, rules: PageRules, site: SiteRules, chrome: tuple[str, ...] = ()) -> Tag:
    """The element that holds the page's main content (see the module docstring); ``chrome``: selectors of
    what is never content (the parser's), besides the rules' own, for weighing a region's text."""
    body = soup.body or soup
    marked = [
        el
        for el in body.find_all(attrs={BODY_ATTRIBUTE: True})
        if not any(parent.has_attr(BODY_ATTRIBUTE) for parent in el.parents if isinstance(parent, Tag))
    ]
    if len(marked) == 1:
        return marked[0]
    if marked:
        wrapper = soup.new_tag("div")
        for element in marked:
            wrapper.append(element.extract())
        return wrapper
    heading = body.find("h1")
    for selector in site.content:
        for element in body.select(selector):
            if _holds(element, heading):
                return element
    prose = Prose(body, heading, rules, chrome)
    for selector in rules.content:
        for element in body.select(selector):
            if _holds(element, heading) and (region := prose.widened(element)) is not None:
                return region
    named = _named_content(body, heading, rules)
    region = prose.widened(named) if named is not None else None
    return region or _around_content(body, heading, rules, site) or prose.article() or body


class Prose:
    """How much prose a content region holds beside the other regions of its family (the elements that carry
    the same content name, but those in chrome: a "footer-content" is the footer's): its text outside links, in
    characters, white space left out. A menu or a "Genvägar" column is links and weighs nothing. Counted in one
    walk of the page, and only when a region has to be weighed (a ``<main>`` never is)."""

    def __init__(self, body: Tag, heading: Tag | None, rules: PageRules, chrome: tuple[str, ...]):
        self.body, self.heading, self.rules, self.chrome = body, heading, rules, chrome
        self._held: Counter[int] | None = None
        self._named: list[Tag] = []

    def widened(self, region: Tag) -> Tag | None:
        """``region`` if it is a landmark (the page says it is the content) or holds ``rules.content_share``
        of the prose of its family's regions (``_beside``); else the smallest element around it that does
        (Sitevision's <h1> stands in a text portlet of its own, named like its text's: its column holds the
        text); None when only the whole page does. A page without an <h1> has no title block to mistake: its
        region stands."""
        if self.heading is None or _is_content_landmark(region, self.rules):
            return region
        held = self.held()
        beside = self._beside(region)
        needed = self.rules.content_share * (held[id(region)] + sum(held[id(other)] for other in beside))
        if held[id(region)] >= needed:
            return region
        for parent in region.parents:
            if parent is self.body or parent.name in ("body", "html"):
                return None
            inside = held[id(region)] + sum(held[id(other)] for other in beside if _within(other, parent))
            if inside >= needed:
                return parent
        return None

    def article(self) -> Tag | None:
        """On a page that names no content region, the innermost article (``rules.articles``) around the <h1>,
        if it holds ``rules.article_share`` of the prose that stands outside chrome and outside other articles
        (``_aside``): a press release's <h1> and text in an ``<article class="release">``, "more releases" and a
        line on the hub beside it (its consent banner and signup box are gone before). A template that wraps
        only the title and intro in an <article>, the page's blocks in <section>s beside it, is read whole."""
        if self.heading is None:
            return None
        held = self.held()
        matches = _chrome_selector(self.rules.articles)
        for parent in self.heading.parents:
            if parent is self.body or parent.name in ("body", "html"):
                return None
            if matches.match(parent):
                read = held[id(self.body)] - self._aside(parent, matches)
                return parent if held[id(parent)] >= self.rules.article_share * read else None
        return None

    def _aside(self, article: Tag, articles: soupsieve.SoupSieve) -> int:
        """The prose outside ``article`` that nobody reads as the page's: in chrome (a header, a footer, a
        sidebar) or in another article (a hub's "more releases"). One walk that skips what it counts."""
        held, chrome = self.held(), _chrome_selector((*self.chrome, *_dropped(self.rules)))
        aside, todo = 0, [child for child in self.body.children if isinstance(child, Tag)]
        while todo:
            node = todo.pop()
            if node is article:
                continue
            if not _within(article, node) and (
                chrome.match(node) or _is_sidebar(node, self.rules) or articles.match(node)
            ):
                aside += held[id(node)]
            else:
                todo.extend(child for child in node.children if isinstance(child, Tag))
        return aside

    def _beside(self, region: Tag) -> list[Tag]:
        """The outermost regions of ``region``'s family that neither hold it nor stand in it nor in chrome. Its
        family: the elements that carry a content name it carries (Sitevision's text blocks are all
        "sv-text-portlet-content"). A region of another name is another thing the page holds (a "box-content"
        contact box, a "newsletter-content" box beside a news item), and a region that carries no such name
        (``#main``) has no family."""
        self.held()
        names = set(self._content_names(region))
        around = {id(parent) for parent in region.parents}
        others = [
            other
            for other in self._named
            if other is not region
            and names.intersection(self._content_names(other))
            and id(other) not in around
            and not _within(other, region)
        ]
        ids = {id(other) for other in others}
        outermost = [other for other in others if not any(id(parent) in ids for parent in other.parents)]
        return [other for other in outermost if not self._in_chrome(other)]

    def _content_names(self, element: Tag) -> list[str]:
        return [name for name in _names(element) if self.rules.content_pattern.search(name)]

    def held(self) -> Counter[int]:
        """Each element's prose (by ``id``); the elements named like content, on the way. One walk down counts
        each element's own text, then one pass up adds each element's total to its parent's (children come
        before their parents in reversed document order): linear, however deep the page."""
        if self._held is None:
            held, in_links, tags = Counter(), set(), []
            for node in self.body.descendants:
                if isinstance(node, Tag):
                    if any(self.rules.content_pattern.search(name) for name in _names(node)):
                        self._named.append(node)
                    if node.name == "a" or id(node.parent) in in_links:
                        in_links.add(id(node))  # a link's text is no prose, nor is the text of what stands in it
                    else:
                        tags.append(node)
                elif type(node) is NavigableString and id(node.parent) not in in_links:
                    held[id(node.parent)] += len("".join(node.split()))
            for tag in reversed(tags):
                held[id(tag.parent)] += held[id(tag)]
            self._held = held
        return self._held

    def _in_chrome(self, element: Tag) -> bool:
        """Whether ``element`` is chrome or stands in it (but an element around the <h1>: a page's header
        that holds its title, a form around the whole page, is no chrome)."""
        chrome = _chrome_selector((*self.chrome, *_dropped(self.rules)))
        return any(
            (chrome.match(node) or _is_sidebar(node, self.rules)) and not _holds(node, self.heading)
            for node in (element, *element.parents)
            if node is not self.body and isinstance(node, Tag)
        )


def _within(element: Tag, ancestor: Tag) -> bool:
    """Whether ``element`` stands in ``ancestor`` (by identity: two tags that look alike are equal in bs4)."""
    return any(parent is ancestor for parent in element.parents)


@cache
def _chrome_selector(selectors: tuple[str, ...]) -> soupsieve.SoupSieve:
    return soupsieve.compile(", ".join(selectors))


def _regions(body: Tag, rules: PageRules, site: SiteRules) -> list[Tag]:
    """Every element the content selectors match or that is named like a content region (in that order)."""
    regions = [element for selector in (*site.content, *rules.content) for element in body.select(selector)]
    return regions + [
        element for element in body.find_all(True) if any(rules.content_pattern.search(n) for n in _names(element))
    ]


def _around_content(body: Tag, heading: Tag | None, rules: PageRules, site: SiteRules) -> Tag | None:
    """The smallest element that holds the <h1> and the content region with the most text, when no region
    holds the <h1>; None when only the whole page holds both (or the page has no <h1> or no region)."""
    if heading is None:
        return None
    regions = _regions(body, rules, site)
    if not regions:
        return None
    region = max(regions, key=lambda element: len(element.get_text(" ", strip=True)))
    above_heading = {id(parent) for parent in heading.parents}
    common = next((parent for parent in region.parents if id(parent) in above_heading), None)
    return common if common is not None and common is not body and common.name in rules.around_tags else None


def _holds(element: Tag, heading: Tag | None) -> bool:
    if heading is not None:
        return element is heading or _within(heading, element)
    return bool(element.get_text(strip=True))


def _named_content(body: Tag, heading: Tag | None, rules: PageRules) -> Tag | None:
    """The innermost element named like a content region that holds the h1 and most of the text."""
    candidates = [
        element
        for element in body.find_all(True)
        if any(rules.content_pattern.search(name) for name in _names(element)) and _holds(element, heading)
    ]
    if not candidates:
        return None
    sizes = [len(element.get_text(" ", strip=True)) for element in candidates]
    enough = max(sizes) / 2
    return [element for element, size in zip(candidates, sizes, strict=True) if size >= enough][-1]


def _names(element: Tag) -> list[str]:
    classes = element.get("class") or []
    element_id = element.get("id")
    return [*classes, element_id] if isinstance(element_id, str) else list(classes)


# -- Panels ---------------------------------------------------------------------


def open_panels(root: Tag, rules: PageRules, site: SiteRules, chrome: tuple[str, ...] = ()) -> None:
    """Open, in place, the panels in ``root`` that a visitor opens (an accordion's answer, a tab's panel: see
    ``[panels]`` in page_rules.toml), so they are read as the text they become, their question with them.
    ``chrome``: selectors of what is never content (the parser's), besides the rules' own: a control in chrome
    opens nothing. Before the chrome is dropped, which takes the buttons and the hidden elements."""
    controls = root.select(", ".join(rules.panel_controls))
    if not controls:
        return
    in_chrome = _chrome_selector((*chrome, f"[{IGNORE_ATTRIBUTE}]", *rules.drop, *site.drop))
    chrome_control = _chrome_selector((f"[{IGNORE_ATTRIBUTE}]", *rules.drop, *site.drop))  # a share toggle
    by_id: dict[str, Tag] = {}
    for element in root.find_all(id=True):
        by_id.setdefault(str(element["id"]), element)
    for control in controls:
        if (
            control.parent is None
            or chrome_control.match(control)
            or any(in_chrome.match(parent) for parent in _up_to(control.parent, root) if parent is not root)
        ):
            continue
        panel = _panel(control, root, by_id)
        if panel is None or panel.has_attr(OPEN_ATTRIBUTE) or not _holds_prose(panel, in_chrome):
            continue
        panel[OPEN_ATTRIBUTE] = ""
        _ask(control, panel, rules)


def _up_to(element: Tag, top: Tag):
    """``element`` and the elements around it, innermost first, up to ``top`` (``top`` included)."""
    node: Tag | None = element
    while node is not None:
        yield node
        if node is top:
            return
        node = node.parent


def _panel(control: Tag, root: Tag, by_id: dict[str, Tag]) -> Tag | None:
    """The panel ``control`` opens: the first element in ``root`` its aria-controls names; else, for a button in
    a heading that names none (an accordion's question), the element after the heading (or the block it stands
    alone in). A toggle that names no panel and stands in no heading ("Dela", "Meny", "Lyssna" before the lead)
    opens nothing: the text after it is the page's, not its. Never the control's own ancestor (a "Stäng" button
    inside the panel it closes) nor an element inside the control."""
    names = str(control.get("aria-controls") or "").split()
    if names:
        panel = next((by_id[name] for name in names if name in by_id), None)
    elif control.has_attr("aria-expanded") and control.find_parent(_is_heading) is not None:
        block, text = control, control.get_text(strip=True)
        while block.parent is not None and block.parent is not root and block.parent.get_text(strip=True) == text:
            block = block.parent
        panel = block.find_next_sibling()
    else:
        panel = None
    if panel is None or panel is control or panel in control.parents or control in panel.parents:
        return None
    return panel


def _holds_prose(panel: Tag, in_chrome: soupsieve.SoupSieve) -> bool:
    """Whether ``panel`` holds text outside links and chrome: a menu (all links) or a search box (a form) is
    nothing a visitor reads."""
    for text in panel.find_all(string=True):
        if type(text) is NavigableString and text.strip():
            if not any(element.name == "a" or in_chrome.match(element) for element in _up_to(text.parent, panel)):
                return True
    return False


def _ask(control: Tag, panel: Tag, rules: PageRules) -> None:
    """Keep the control's text as the panel's question: a heading's text where the control stands in a heading;
    else the summary of a ``<details>`` around the panel (which the parser reads as a question and its answer).
    A control that only says "Visa mer" is no question: the panel goes on the text above it."""
    if control.find_parent(_is_heading) is not None:
        control.unwrap()
        return
    text = " ".join(control.get_text(" ").split())
    if not text or _read_more_pattern(rules).fullmatch(text):
        control.decompose()
        return
    summary = control.extract()
    summary.name, summary.attrs = "summary", {}
    details = panel.wrap(Tag(name="details"))
    if panel.has_attr("id"):
        details["id"] = panel["id"]  # the answer's address: a hit's link opens it
        del panel["id"]
    details.insert(0, summary)


# -- Feedback widgets -----------------------------------------------------------

#: What can answer a feedback widget's question (a link only when its text is an answer).
_CONTROL_TAGS = ["button", "input", "select", "textarea", "form", "label", "a"]

_CONTROL_NAMES = frozenset(_CONTROL_TAGS)

#: One sentence that asks: no full stop or exclamation before its question mark.
_QUESTION = re.compile(r"[^.!?]+\?")

#: Inputs that are a choice, not a label of their own: a radio button's answer is its <label>.
_CHOICE_INPUTS = frozenset({"radio", "checkbox"})


def drop_feedback(root: Tag, rules: PageRules) -> None:
    """Remove, in place, the feedback widgets in ``root`` (``[feedback]`` in page_rules.toml): one short question
    and, besides it, only the controls that answer it ("Ja", "Nej", a radio button, a small form), in one block or
    the question in the block just before its controls. Read by their structure, whatever they ask; before the
    parser drops the buttons and forms, which are that structure (the question alone would read as content)."""
    seeds = [  # one plain walk: find_all's matching machinery costs three times as much
        node
        for node in root.descendants
        if node.name in _CONTROL_NAMES and (node.name not in ("a", "label") or _answers(node, rules))
    ]
    for seed in seeds:
        if decomposed(seed):
            continue
        widget: list[Tag] = []
        for element in _up_to(seed, root):
            if element is root or not _short(element):
                break
            part = _feedback_part(element, rules)
            if part is None:
                break
            if part:
                widget = [element]
            elif (question := element.find_previous_sibling()) is not None and _asks(question, rules):
                widget = [question, element] if _adjacent(question, element) else widget
        for element in widget:
            element.decompose()


#: What a consent banner's button can be.
_BUTTON_TAGS = ["button", "a", "input"]


def drop_consent_banners(root: Tag, rules: PageRules) -> None:
    """Remove, in place, the consent banners in ``root`` (``[consent]`` in page_rules.toml): a consent platform's
    by its id or class; any other by a button or link that accepts ("Acceptera alla", "Godkänn"), in the smallest
    element around it whose other text is short and mentions cookies or consent. Found in one walk; before the
    panels are opened (a banner's "Inställningar" opens nothing) and before the parser drops the buttons, which
    are what tells a banner from a cookie policy's text."""
    accepts, mentions = _consent_patterns(rules)
    controls = []
    for element in list(root.descendants):
        if not isinstance(element, Tag) or decomposed(element):
            continue
        if element is not root and not rules.consent_names.isdisjoint(_names(element)):
            element.decompose()
        elif element.name in _BUTTON_TAGS:
            controls.append(element)
    for control in controls:
        if decomposed(control):
            continue
        label = control.get_text(" ") or str(control.get("value") or control.get("aria-label") or "")
        if not _is_button(control) or not accepts.match(" ".join(label.split())):
            continue
        for element in _up_to(control.parent, root):
            if element is root or element.find("h1") is not None or not _short(element, rules.consent_chars):
                break
            if mentions.search(_text_outside(element, _BUTTON_TAGS)):
                if _titled_at_most(element, rules) or sum(map(_is_button, element.find_all(_BUTTON_TAGS))) > 1:
                    element.decompose()
                break


def _is_button(control: Tag) -> bool:
    """Whether ``control`` acts on the page: a button, or a link that leads nowhere (no address, or "#"). A link
    to another page ("Godkänn villkoren i e-tjänsten" in an FAQ's answer) is no banner's control."""
    href = control.get("href") if control.name == "a" else None
    return not isinstance(href, str) or href.strip() in ("", "#") or href.strip().startswith("javascript:")


def _titled_at_most(element: Tag, rules: PageRules) -> bool:
    """Whether ``element`` has no heading but a short title ("Kakor på webbplatsen"): a banner has no sections,
    and a question ("Hur ger jag mitt samtycke?") heads an FAQ's answer, not a banner."""
    headings = element.find_all(_HEADINGS)
    if not headings:
        return True
    title = " ".join(headings[0].get_text(" ").split())
    return len(headings) == 1 and len(title.split()) <= rules.consent_title_words and not title.endswith("?")


@cache
def _consent_patterns(rules: PageRules) -> tuple[re.Pattern, re.Pattern]:
    """A label that accepts; a text that mentions cookies or consent."""
    accepts = re.compile(rf"(?:{_alternatives(rules.consent_accept)})\b", re.IGNORECASE)
    return accepts, re.compile(rf"\b(?:{_alternatives(rules.consent_words)})", re.IGNORECASE)


def _text_outside(element: Tag, tags: list[str]) -> str:
    """``element``'s text outside the elements named ``tags`` in it."""
    return " ".join(
        text
        for text in element.find_all(string=True)
        if type(text) is NavigableString and not any(node.name in tags for node in _up_to(text.parent, element))
    )


def drop_signups(root: Tag, rules: PageRules) -> None:
    """Remove, in place, the signup boxes in ``root`` (``[signup]`` in page_rules.toml): a form that asks for an
    e-mail address and for no message, with what stands around it, a heading ("Prenumerera", "Nyhetsbrev") and a
    line that says what one signs up for, up to the largest element that holds one heading at most, no more than
    ``rules.signup_chars`` of other text and not the page's <h1>. Read by their structure, before the parser drops
    the form, which is that structure (its heading and line alone would read as a section of every page). What
    stands around the form goes with it only if it says it is a subscription (``rules.signup_words``) or the form
    asks for the address alone: an event's registration form (a name, an e-mail address) leaves its "Anmälan"
    section and the last day to register."""
    asks, says = _chrome_selector(rules.signup_inputs), _signup_words(rules)
    for form in root.find_all("form"):
        if decomposed(form) or form.find("textarea") is not None or not any(map(asks.match, form.find_all("input"))):
            continue
        box, own = form, len(form.get_text(strip=True))
        for element in _up_to(form.parent, root):
            if (
                element is root
                or element.find("h1") is not None
                or len(element.find_all(_HEADINGS)) > 1
                or len(element.get_text(strip=True)) - own > rules.signup_chars
            ):
                break
            box = element
        if box is not form and not (_asks_address_alone(form, asks) or says.search(box.get_text(" "))):
            box = form
        box.decompose()


#: Inputs that ask for nothing a visitor types: a signup form's consent box and buttons beside its e-mail field.
_NO_ANSWER_INPUTS = frozenset({"hidden", "checkbox", "submit", "button", "image", "reset"})


def _asks_address_alone(form: Tag, asks: soupsieve.SoupSieve) -> bool:
    """Whether ``form`` asks for the e-mail address and nothing else a visitor types (a consent box aside)."""
    fields = [
        field
        for field in form.find_all(["input", "select"])
        if str(field.get("type") or "text").lower() not in _NO_ANSWER_INPUTS
    ]
    return all(field.name == "input" and asks.match(field) for field in fields)


@cache
def _signup_words(rules: PageRules) -> re.Pattern:
    """A text that says it is a subscription: a word that starts with one of ``rules.signup_words``."""
    return re.compile(rf"\b(?:{_alternatives(rules.signup_words)})", re.IGNORECASE)


def _short(element: Tag, limit: int = MAX_CHROME_CHARS) -> bool:
    """Whether ``element``'s text, white space aside, is at most ``limit``: read only that far."""
    size = 0
    for text in element.strings:
        size += len("".join(text.split()))
        if size > limit:
            return False
    return True


def _feedback_part(element: Tag, rules: PageRules) -> bool | None:
    """True: ``element`` holds one short question and controls that answer it; False: only such controls;
    None: anything else (prose, a control that is no answer, more than one sentence)."""
    controls: dict[int, Tag] = {}  # by id: a Tag's == compares its markup
    for control in (element, *element.find_all(_CONTROL_TAGS)):
        if control.name in _CONTROL_NAMES and not any(id(parent) in controls for parent in control.parents):
            if control.name not in ("a", "label") or _answers(control, rules):
                controls[id(control)] = control
    if not controls or not all(_is_answer(control, rules) for control in controls.values()):
        return None
    words = (
        text
        for text in element.find_all(string=True)
        if type(text) is NavigableString and not any(id(parent) in controls for parent in _up_to(text.parent, element))
    )
    rest = " ".join(" ".join(words).split())
    if not rest:
        return False
    return True if _is_question(rest, rules) else None


def _is_answer(control: Tag, rules: PageRules) -> bool:
    """Whether ``control`` answers a feedback question: a form (anything in it), a text box, a list, a radio
    button or a check box, or a button or link that says one of the answers."""
    if control.name in ("form", "textarea", "select") or _is_choice(control):
        return True
    if control.name == "label" and _is_choice(_labelled(control)):
        return True  # a radio button's label is one choice of a scale ("Mycket bra", "Nej, inte helt")
    return _answers(control, rules) or control.find_parent("form") is not None


def _is_choice(control: Tag | None) -> bool:
    return control is not None and control.name == "input" and str(control.get("type", "")).casefold() in _CHOICE_INPUTS


def _labelled(label: Tag) -> Tag | None:
    """The input a <label> labels: the one inside it, else the one its ``for`` names beside it (looked for among
    its siblings only: a page of forms is not searched once per label)."""
    if (inside := label.find("input")) is not None or not label.has_attr("for") or label.parent is None:
        return inside
    return label.parent.find("input", id=str(label["for"]))


def _answers(control: Tag, rules: PageRules) -> bool:
    """Whether the control's label (its text, else its aria-label, value or title) is one of the answers, or a
    <label> labels a choice; a <label> only when it labels an input."""
    if control.name == "label":
        if (target := _labelled(control)) is None:
            return False
        if _is_choice(target):
            return True
    label = control.get_text(" ") or " ".join(str(control.get(name) or "") for name in ("aria-label", "value", "title"))
    return answer_words(label) in rules.feedback_answers


def _asks(element: Tag, rules: PageRules) -> bool:
    """Whether ``element`` holds nothing but one short question (a feedback widget's, its controls after it)."""
    text = " ".join(element.get_text(" ").split())
    return bool(text) and _is_question(text, rules) and element.find(_CONTROL_TAGS) is None


def _is_question(text: str, rules: PageRules) -> bool:
    return bool(_QUESTION.fullmatch(text)) and len(text.split()) <= rules.feedback_question_words


def _adjacent(first: Tag, second: Tag) -> bool:
    """Whether only white space stands between the sibling elements ``first`` and ``second``."""
    node = first.next_sibling
    while node is not None and node is not second:
        if isinstance(node, Tag) or (type(node) is NavigableString and node.strip()):
            return False
        node = node.next_sibling
    return node is second


def _dropped(rules: PageRules) -> tuple[str, ...]:
    """Selectors of what is never indexed: marked ``data-sok-ignore``, chrome, and what is hidden from view
    but a panel the visitor opens."""
    hidden = (f"{selector}:not([{OPEN_ATTRIBUTE}])" for selector in rules.hidden)
    return (f"[{IGNORE_ATTRIBUTE}]", *rules.drop, *hidden)


# -- Chrome ---------------------------------------------------------------------


def drop_chrome(
    root: Tag, rules: PageRules, site: SiteRules, host: str | None = None, list_page: bool = False
) -> tuple[str, ...]:
    """Remove what is not content from ``root``, in place; ``host``: the page's site (its teasers link there);
    ``list_page``: the page is one page of a paginated list, whose teasers go however few.
    Returns what it removed that tells what the page is, though its words are not the page's: the links that
    offer its document ("Ladda ner rapporten (pdf, 2,1 MB)") and its publication lines ("Rapport 0412 ·
    Publicerad 2026-06-03 · 64 sidor"), the proof that a page titled "Trafikanalys …" is a report (kinds.py)."""
    drop_sidebars(root, rules)
    for element in root.select(", ".join((*_dropped(rules), *site.drop))):  # one walk
        if element is not root and not decomposed(element):
            element.decompose()
    drop_teasers(root, rules, host, list_page)
    drop_link_lists(root, rules, host)
    read_more, download, top = _read_more_pattern(rules), _download_pattern(rules), _top_pattern(rules)
    publication: list[str] = []
    for link in root.find_all("a"):
        text = "" if decomposed(link) else " ".join(link.get_text(" ").split())
        if text and top.fullmatch(text):
            _footer_line(link, root).decompose()
        elif text and _points_away(text, read_more, download):
            if download.fullmatch(text):
                publication.append(text)
            link.decompose()
    date_line = _chrome_patterns(rules)[0]
    lines = root.find_all(_LINE_TAGS)
    sizes = _text_sizes(root)  # each line's subtree is whole when it is weighed (what went before it is not in it)
    for element in lines:
        if decomposed(element) or sizes[id(element)] > MAX_CHROME_CHARS:
            continue
        text = " ".join(element.get_text(" ").split())
        if not text or len(text) > MAX_CHROME_CHARS:
            continue
        if date_line.fullmatch(text):
            element.decompose()
        elif _is_publication_line(text, date_line, rules):
            publication.append(text)
            element.decompose()
        elif _is_tool_bar(text, rules):
            element.decompose()
    for element in _related_box_candidates(root, rules):
        if not decomposed(element) and _is_related_box(element, rules):
            element.decompose()
    return tuple(publication)


def decomposed(element) -> bool:
    """Whether ``element`` was decomposed. bs4's ``Tag.decomposed`` looks the flag up as an attribute, which a
    Tag answers by searching its whole subtree for a ``<_decomposed>`` child: quadratic over a large page."""
    return element.__dict__.get("_decomposed", False)


def _text_sizes(root: Tag) -> Counter[int]:
    """Each element's text in ``root``, in characters but white space (by ``id``): a lower bound of its
    text's length, counted in one walk down and one pass up, so that a long element is passed by unread."""
    sizes: Counter[int] = Counter()
    tags = []
    for node in root.descendants:
        if isinstance(node, Tag):
            tags.append(node)
        elif type(node) is NavigableString:
            sizes[id(node.parent)] += len("".join(node.split()))
    for tag in reversed(tags):
        sizes[id(tag.parent)] += sizes[id(tag)]
    return sizes


def _related_box_candidates(root: Tag, rules: PageRules) -> list[Tag]:
    """The elements in ``root`` that could be a related-links box (``_is_related_box``): those around a
    heading such a box has ("Relaterade länkar"), in document order. Only they are weighed, not every block."""
    around: set[int] = set()
    for heading in root.find_all(_is_subheading):
        if " ".join(heading.get_text(" ").split()).casefold() in rules.related_headings:
            around.update(id(parent) for parent in heading.parents)
    return [element for element in root.find_all(_BOX_TAGS) if id(element) in around]


def drop_sidebars(root: Tag, rules: PageRules) -> None:
    """Remove the sidebars in ``root`` that stand beside the content (see ``[sidebars]`` in page_rules.toml):
    one inside the main landmark or inside an ``<article>`` is the content's, and one that holds the page's
    <h1> is a wrapper around it."""
    for element in root.find_all(lambda element: _is_sidebar(element, rules)):
        if element is root or decomposed(element) or element.find("h1") is not None:
            continue
        if not any(_is_content_landmark(parent, rules) for parent in element.parents):
            element.decompose()


def _is_sidebar(element: Tag, rules: PageRules) -> bool:
    role = element.get("role")
    return (
        element.name in rules.sidebar_tags
        or (isinstance(role, str) and role.strip().lower() in rules.sidebar_roles)
        or any(rules.sidebar_names.search(name) for name in _names(element))
    )


def _is_content_landmark(element: Tag, rules: PageRules) -> bool:
    role = element.get("role")
    return element.name in rules.landmark_tags or (
        isinstance(role, str) and role.strip().lower() in rules.landmark_roles
    )


def drop_teasers(root: Tag, rules: PageRules, host: str | None = None, list_page: bool = False) -> None:
    """Remove the teasers in ``root`` when there are ``rules.min_teasers`` or more, or any at all on a page of a
    paginated list (``list_page``; see the module docstring). A teaser links to a page of the page's own site
    (``host``), indexed there: a list of partners' sites or of reports (PDF) says what is nowhere else in the
    index, and stays."""
    headings = root.find_all(_is_heading)
    held: Counter[int] = Counter()  # element (by id) -> the headings it holds: one walk, not one per heading
    for heading in headings:
        for parent in heading.parents:
            if parent is root:
                break
            held[id(parent)] += 1
    teasers = [
        block
        for heading in headings
        if _is_subheading(heading) and (block := _teaser(heading, root, rules, host, held))
    ]
    if not teasers or not list_page and (len(teasers) < rules.min_teasers or not _text_besides(root, teasers)):
        return
    for block in teasers:
        for node in block:
            if isinstance(node, Tag):
                if not decomposed(node):
                    node.decompose()
            else:
                node.extract()


def _teaser(heading: Tag, root: Tag, rules: PageRules, host: str | None, held: Counter[int]) -> list | None:
    """The heading and what belongs to it (the largest element that holds no other heading, ``held``), if it
    leads to another page of the site (the heading is a link, or a "Läs mer" beside it is) and little stands
    beside it."""
    block = heading
    while block.parent is not None and block.parent is not root and held[id(block.parent)] == 1:
        block = block.parent
    title = len(heading.get_text(strip=True))
    nodes = [block]
    if len(block.get_text(strip=True)) == title:  # the heading alone (or in a wrapper): its text follows it
        for sibling in block.next_siblings:
            if isinstance(sibling, Tag) and (_is_heading(sibling) or held[id(sibling)]):  # holds a heading
                break
            nodes.append(sibling)
    if not (_links_away(heading, root, rules, host) or _reads_on(nodes, rules, host)):
        return None
    beside = sum(len(node.get_text(strip=True)) for node in nodes) - title
    return nodes if beside <= rules.max_teaser_chars else None


def drop_link_lists(root: Tag, rules: PageRules, host: str | None = None) -> None:
    """Remove the lists in ``root`` that are only links to pages of the page's site (``host``) and stand beside
    the page's lead or under a navigation heading ("Genvägar"), that heading with them when it heads nothing else
    (``[link_lists]`` in page_rules.toml); not when nothing else stands on the page. Under any other heading
    such a list is its section's content ("Beviljade projekt 2024" over the projects' pages) and stays."""
    lists = [found for found in root.find_all(_LIST_TAGS) if _is_link_list(found, rules, host)]
    taken = {id(found) for found in lists}
    blocks = [
        found
        for found in lists
        if not any(id(parent) in taken for parent in found.parents) and _is_navigation(found, root, rules)
    ]
    if not blocks or not _text_besides(root, [[block] for block in blocks]):
        return
    headings = [heading for block in blocks if (heading := _heading_over(block, taken))]
    for element in [*blocks, *headings]:
        if not decomposed(element):
            element.decompose()


def drop_tag_rows(root: Tag, rules: PageRules, host: str | None = None) -> tuple[str, ...]:
    """Remove the rows of tags beside the page's lead from ``root`` (``[tags]`` in page_rules.toml): short labels of
    what the page is filed under ("Näringsliv", "Regional utveckling"), each a link to the site or named a tag,
    right after the ``<h1>`` or after the lead's one block. Returns the labels of the rows marked as tags (a class
    name of the row or of every item names a tag), in order: no text of the page's, but what it says of itself (a
    call's "Öppnar 12 augusti", the län it is filed under). A row of plain links to the site is no text either, but
    says nothing of the page: "Ansök om stöd | Kontakta oss | Kalmar län" is a row of quick links (review S8)."""
    rows: list[tuple[Tag, list[str]]] = []
    for row in root.find_all(_TAG_ROW_TAGS):
        if (read := _tag_items(row, rules, host)) is None:
            continue
        labels, named = read
        items = labels if named else []  # plain links: no text, and no tags
        if any(parent is found for parent in row.parents for found, _ in rows):  # inside a row already taken
            continue
        if _beside_the_lead(row, root) and not _introduced(row):
            rows.append((row, items))
    if not rows or not _text_besides(root, [[row] for row, _ in rows]):  # a page of nothing but them keeps them
        return ()
    for row, _ in rows:
        row.decompose()
    return tuple(label for _, items in rows for label in items)


#: The elements that can hold a row of tags: a list of them, or a block of them side by side.
_TAG_ROW_TAGS = ["ul", "ol", "p", "div"]

#: The elements a tag can be, side by side in a block.
_INLINE_TAGS = frozenset({"a", "span"})


def _tag_items(row: Tag, rules: PageRules, host: str | None) -> tuple[list[str], bool] | None:
    """The labels of ``row`` when it is a row of tags: at least ``rules.tag_items`` items of one kind (a list's
    ``<li>``, or ``<a>`` or ``<span>`` side by side), nothing else but separators, each a short label that links to
    the site or is named a tag (by its class, or the row's); and whether the row or every item is named a tag."""
    items = [child for child in row.children if isinstance(child, Tag)]
    kinds = {item.name for item in items}
    if len(items) < rules.tag_items or len(kinds) != 1:
        return None
    if kinds != ({"li"} if row.name in _LIST_TAGS else kinds & _INLINE_TAGS):
        return None
    if any(type(text) is NavigableString and _TAG_TEXT.search(text) for text in row.children):
        return None
    named = _named_tag(row, rules)
    labels, every_item_named = [], True
    for item in items:
        label = " ".join(item.get_text(" ").split())
        if (
            not label
            or len(label.split()) > rules.tag_words
            or len(label) > rules.tag_chars
            or SENTENCE_END.search(label)
            or item.find(_NOT_IN_A_TAG) is not None
        ):
            return None
        item_named = _named_tag(item, rules)
        if not (named or item_named or _links_to_site(item, label, rules, host)):
            return None
        every_item_named &= item_named
        labels.append(label)
    return labels, named or every_item_named


#: Loose text in a row of tags that is more than a separator.
_TAG_TEXT = re.compile(r"[^\s|·•,;/–—-]")

#: What a tag never holds: a block, a heading, an image or a control.
_NOT_IN_A_TAG = ["p", "div", "ul", "ol", "li", "table", "img", "button", "input", *_HEADINGS]


def _named_tag(element: Tag, rules: PageRules) -> bool:
    """Whether a part of one of ``element``'s class names names a tag: "env-tag", "category-label", "tags"."""
    parts = (part for name in element.get("class") or [] for part in re.split(r"[-_]+", name.casefold()))
    return any(part in rules.tag_names for part in parts)


def _links_to_site(item: Tag, label: str, rules: PageRules, host: str | None) -> bool:
    """Whether the tag ``item`` is a link, or holds one with all its text, to a page of the site ``host``."""
    link = item if item.name == "a" else item.find("a")
    if link is None or not link.has_attr("href") or " ".join(link.get_text(" ").split()) != label:
        return False
    return _is_site_page(str(link["href"]), rules, host)


def _beside_the_lead(row: Tag, root: Tag) -> bool:
    """Whether ``row`` stands right after the page's ``<h1>`` or after one block of text after it (the lead),
    with no other heading between."""
    blocks: set[int] = set()
    for text in row.find_all_previous(string=True):
        if type(text) is not NavigableString or not text.strip():
            continue
        holder, inside = None, False
        for parent in text.parents:
            if (level := heading_level(parent)) is not None:
                return level == 1 and len(blocks) <= 1
            if holder is None and parent.name in _LEAD_BLOCKS:
                holder = parent
            if parent is root:
                inside = True
                break
        if not inside:
            return False
        blocks.add(id(holder))
        if len(blocks) > 1:
            return False
    return False


#: The elements whose text is one block of the lead, nearest first.
_LEAD_BLOCKS = frozenset({"p", "li", "dd", "dt", "td", "th", "blockquote", "figcaption", "div", "section", "article"})


def _is_link_list(found: Tag, rules: PageRules, host: str | None) -> bool:
    """A list of at least ``rules.link_list_links`` links and nothing else: short labels, each link to the site,
    more than ``rules.link_page_share`` of them to its pages (not its documents)."""
    links = found.find_all("a")
    if len(links) < rules.link_list_links or any(char.isalnum() for char in _text_outside(found, ["a"])):
        return False
    pages = 0
    for link in links:
        label = " ".join(link.get_text(" ").split())
        href = str(link.get("href") or "")
        if len(label.split()) > rules.link_label_words or SENTENCE_END.search(label) or not _on_site(href, host):
            return False
        pages += _is_site_page(href, rules, host)
    return pages > rules.link_page_share * len(links)


def _is_navigation(block: Tag, root: Tag, rules: PageRules) -> bool:
    """Whether the list ``block`` stands where navigation does: in the page's lead (no heading in ``root`` before
    it but the page's title) or under a navigation heading (one of ``rules.link_list_headings``, alone or going
    on: "Genvägar inom regional utveckling")."""
    heading = block.find_previous(_is_heading)
    if heading is None or not _is_subheading(heading) or not any(parent is root for parent in heading.parents):
        return not _introduced(block)
    title = " ".join(heading.get_text(" ").split()).rstrip(": ").casefold()
    return any(title == name or title.startswith(f"{name} ") for name in rules.link_list_headings)


def _introduced(block: Tag) -> bool:
    """Whether the text just before ``block`` introduces it as content, a sentence ending in a colon ("Kommunen
    beviljade stöd till dessa fyra projekt:"): then the list is what the lead says, not the site's navigation."""
    before = block.find_previous_sibling(True)
    return before is not None and " ".join(before.get_text(" ").split()).endswith(":")


def _heading_over(block: Tag, dropped: set[int]) -> Tag | None:
    """The heading ``block`` stands under, when it heads nothing but what goes (``dropped``, by id)."""
    heading = block.find_previous_sibling(True)
    if heading is None or not _is_subheading(heading):
        return None
    for sibling in heading.next_siblings:
        if type(sibling) is NavigableString and sibling.strip():
            return None
        if not isinstance(sibling, Tag) or id(sibling) in dropped:
            continue
        if _is_heading(sibling) or sibling.find(_is_heading) is not None:
            break
        if sibling.get_text(strip=True):
            return None
    return heading


def _text_besides(root: Tag, teasers: list[list]) -> bool:
    """Whether ``root`` holds text that is neither in a teaser nor a heading: dropping the teasers of a
    page that has no other text would leave it without a section (a list of questions, each a link)."""
    dropped = {id(node) for block in teasers for node in block}
    for text in root.strings:  # one more walk of the page, only when it holds enough teasers
        if (
            text.strip()
            and not isinstance(text, Comment)
            and not any(
                id(node) in dropped or (isinstance(node, Tag) and _is_heading(node))
                for node in (text, *text.parents)
                if node is not root
            )
        ):
            return True
    return False


def _reads_on(nodes: list, rules: PageRules, host: str | None) -> bool:
    """A "Läs mer" link to a page of the site stands among ``nodes``."""
    read_more = _read_more_pattern(rules)
    links = [a for node in nodes if isinstance(node, Tag) for a in [node, *node.find_all("a")] if a.name == "a"]
    return any(
        a.has_attr("href")
        and read_more.fullmatch(" ".join(a.get_text(" ").split()))
        and _is_site_page(str(a["href"]), rules, host)
        for a in links
    )


def _links_away(heading: Tag, root: Tag, rules: PageRules, host: str | None) -> bool:
    """The heading is a link (or stands in one) to another page of the site, not to a place on this one."""
    title = " ".join(heading.get_text(" ").split())
    links = [a for a in heading.find_all("a", href=True) if " ".join(a.get_text(" ").split()) == title]
    for parent in heading.parents:
        if parent is root or parent is None:
            break
        if parent.name == "a" and parent.has_attr("href"):
            links.append(parent)
    return any(_is_site_page(str(a["href"]), rules, host) for a in links)


def _is_site_page(href: str, rules: PageRules, host: str | None) -> bool:
    """``href`` is a page of the site ``host``: on it (or relative), not a place on this page, no document."""
    return _on_site(href, host) and not urlsplit(href.strip()).path.lower().endswith(rules.teaser_documents)


def _on_site(href: str, host: str | None) -> bool:
    """``href`` leads to the site ``host`` (or is relative), not to a place on this page."""
    parts = urlsplit(href.strip())
    if parts.scheme not in ("", "http", "https") or not (parts.netloc or parts.path):
        return False
    return not parts.netloc or bare_host(parts.netloc) == (host or "")


def _points_away(text: str, read_more: re.Pattern, download: re.Pattern) -> bool:
    """Whether a link's whole text only points on ("Läs mer") or only offers a file ("Ladda ner rapporten (pdf,
    2,1 MB)"): the words are not the page's."""
    return bool(read_more.fullmatch(text) or download.fullmatch(text))


@cache
def _download_pattern(rules: PageRules) -> re.Pattern:
    """A link that only offers a file: "Ladda ner", maybe what it fetches, maybe the file's type and size in
    brackets ("(pdf, 2,1 MB)", "(2 MB)")."""
    documents = _alternatives(suffix.lstrip(".") for suffix in rules.teaser_documents)
    note = rf"\(\s*(?:(?:{documents})\b|\d)[^()]{{0,40}}\)"
    objects = rf"(?:\s+(?:{_alternatives(rules.download_objects)}))?"
    return re.compile(rf"(?:{_alternatives(rules.download)}){objects}\s*(?:{note})?\s*[»›→>…. -]*", re.IGNORECASE)


#: What separates the facts of a publication line: "Rapport 0412 · Publicerad 2026-06-03 · 64 sidor".
_FACT_SEPARATORS = re.compile(r"\s+[·|•]\s+")

#: A sentence's end inside a text: a full stop, a question or an exclamation, or a colon ending a line (before a
#: list).
SENTENCE_END = re.compile(r"[.!?…](?:\s|$)|:$", re.MULTILINE)


def _is_publication_line(text: str, date_line: re.Pattern, rules: PageRules) -> bool:
    """Whether ``text`` is a line of facts about a publication with its date among them: parts separated by ·, |
    or •, one of them a date line, each other of at most ``rules.fact_words`` words and no sentence."""
    parts = _FACT_SEPARATORS.split(text)
    if len(parts) < 2:
        return False
    dated = [bool(date_line.fullmatch(part)) for part in parts]
    return any(dated) and all(
        is_date or (len(part.split()) <= rules.fact_words and not SENTENCE_END.search(part))
        for part, is_date in zip(parts, dated, strict=True)
    )


@cache
def _top_pattern(rules: PageRules) -> re.Pattern:
    """A link back to the top of the page: "Till sidans topp", an arrow around it allowed."""
    return re.compile(rf"[↑^▲ ]*(?:{_alternatives(rules.top_links)})[\s↑^▲]*", re.IGNORECASE)


def _footer_line(link: Tag, root: Tag) -> Tag:
    """What goes with a link back to the top: the line it stands in when that is a footer line, short, without a
    sentence or a heading ("Till sidans topp | Växjö kommun"); else the link alone."""
    line = link.find_parent(_LINE_TAGS)
    if line is None or line is root or not _within(line, root):
        return link
    text = " ".join(line.get_text(" ").split())
    if len(text) > MAX_CHROME_CHARS or SENTENCE_END.search(text) or line.find(_is_heading) is not None:
        return link
    return line


@cache
def _read_more_pattern(rules: PageRules) -> re.Pattern:
    return re.compile(rf"(?:{_alternatives(rules.read_more)})\s*[»›→>=…. -]*", re.IGNORECASE)


def _is_tool_bar(text: str, rules: PageRules) -> bool:
    whole, phrase = _chrome_patterns(rules)[1:]
    return bool(whole.fullmatch(text) and phrase.search(text))


def _is_related_box(element: Tag, rules: PageRules) -> bool:
    heading = element.find(_is_subheading)
    if heading is None or " ".join(heading.get_text(" ").split()).casefold() not in rules.related_headings:
        return False
    links = sum(len(a.get_text(strip=True)) for a in element.find_all("a"))
    rest = len(element.get_text(strip=True)) - len(heading.get_text(strip=True)) - links
    return links > 0 and rest <= 0


@cache
def _chrome_patterns(rules: PageRules) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """A date line; a text made only of tool bar phrases and words; one tool bar phrase."""
    labels = _date_label(rules)
    date = _date_pattern(rules)
    name = rf"[\w.'’-]+(?:,?\s+[\w.'’-]+){{0,{rules.byline_words - 1}}}"
    by = rf"\s+(?:{_alternatives(rules.date_by)})\s+(?-i:[A-ZÅÄÖÉÜ]){name}"  # "… 2025-10-01 av Webbredaktionen"
    one = rf"(?:{labels})\s*[:–—-]?\s*(?:den\s+)?{date}(?:\s*(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}})?(?:{by})?"
    owner = rf"(?:{_alternatives(rules.owner_labels)})\s*:"  # chrome alone too: "Sidansvarig: Enheten för …"
    byline = rf"(?:(?:{_alternatives(rules.byline_labels)})\s*:|{owner})\s*{name}"
    joined = rf"(?:{_SEPARATORS}|\.|\b(?:{_alternatives(rules.label_joiners)})\b)"
    part = rf"{joined}?\s*(?:{one}|{byline})\s*"  # "Publicerad 1 maj 2025. Uppdaterad 3 maj 2025"
    date_line = re.compile(rf"(?=.*?(?:{one}|{owner}))(?:{part})+{_SEPARATORS}?\.?", re.IGNORECASE | re.DOTALL)
    phrases = _alternatives(rules.chrome_phrases)
    acted_on = (
        rf"(?:\s+(?:(?:{_alternatives(rules.chrome_prepositions)})\s+)?(?:{_alternatives(rules.chrome_objects)}))?"
    )
    words = rf"(?:{phrases}){acted_on}|{_alternatives(rules.chrome_words)}"
    tool_bar = re.compile(rf"(?:[\s:|·•,;?!.()–—-]*\b(?:{words})\b)+[\s:|·•,;?!.()–—-]*", re.IGNORECASE)
    return date_line, tool_bar, re.compile(rf"\b(?:{phrases})\b", re.IGNORECASE)


def _alternatives(words) -> str:
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in sorted(words, key=len, reverse=True))


# -- Dates ----------------------------------------------------------------------


def find_dates(soup: BeautifulSoup, meta: dict[str, str], rules: PageRules, site: SiteRules) -> Dates:
    """The page's published and updated dates, as ISO dates (see the module docstring)."""
    published = _from_selectors(soup, site.published, rules) or _from_meta(meta, rules.published_meta, rules)
    updated = _from_selectors(soup, site.updated, rules) or _from_meta(meta, rules.updated_meta, rules)
    if not (published and updated):
        ld_published, ld_updated = _from_json_ld(soup, rules)
        published, updated = published or ld_published, updated or ld_updated
    if not (published and updated):
        text_published, text_updated = _from_text(soup, rules)
        published, updated = published or text_published, updated or text_updated
    return Dates(published, updated)


def _from_selectors(soup: BeautifulSoup, selectors: tuple[str, ...], rules: PageRules) -> str | None:
    for selector in selectors:
        for element in soup.select(selector):
            for value in (element.get("datetime"), element.get("content"), element.get_text(" ")):
                if isinstance(value, str) and (day := parse_date(value, rules)):
                    return day
    return None


def _from_meta(meta: dict[str, str], names: tuple[str, ...], rules: PageRules) -> str | None:
    return next((day for name in names if name in meta and (day := parse_date(meta[name], rules))), None)


_JSON_LD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')


def _from_json_ld(soup: BeautifulSoup, rules: PageRules) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for script in soup.find_all("script", type="application/ld+json"):
        for key, value in _JSON_LD_DATE.findall(script.get_text()):
            if key not in found and (day := parse_date(value, rules)):
                found[key] = day
    return found.get("datePublished"), found.get("dateModified")


def _from_text(soup: BeautifulSoup, rules: PageRules) -> tuple[str | None, str | None]:
    published = updated = None
    text = (soup.body or soup).get_text("\n")
    for match in _labelled_date(rules).finditer(text):
        day = parse_date(match.group("date"), rules)
        if day is None:
            continue
        if _label_kind(match.group("label"), rules) == "published":
            published = published or day
        else:
            updated = updated or day
        if published and updated:
            break
    return published, updated


def _label_kind(label: str, rules: PageRules) -> str:
    """Which date a label introduces, by its last word but an adverb: "Artikeln publicerades" -> published,
    "Sidan ändrades senast" -> updated."""
    adverbs = {adverb.casefold() for adverb in rules.label_adverbs}
    word = next(word for word in reversed(label.casefold().split()) if word not in adverbs)
    return "published" if word in {lab.casefold() for lab in rules.published_labels} else "updated"


@cache
def _date_label(rules: PageRules) -> str:
    """A date label: one of the labels, after what it is said of and an adverb, both optional, or with the adverb
    after it ("Publicerad", "Senast uppdaterad", "Sidan senast ändrad", "Artikeln publicerades", "Sidan ändrades
    senast"; ``[dates]`` in page_rules.toml)."""
    subject = rf"(?:(?:{_alternatives(rules.label_subjects)})\s+)?"
    adverbs = _alternatives(rules.label_adverbs)
    labels = _alternatives((*rules.published_labels, *rules.updated_labels))
    return rf"{subject}(?:(?:{adverbs})\s+)?(?:{labels})(?:\s+(?:{adverbs})\b)?"


@cache
def _labelled_date(rules: PageRules) -> re.Pattern:
    labels, joiners = _date_label(rules), _alternatives(rules.label_joiners)
    return re.compile(
        rf"(?:^|{_SEPARATORS}|\n|(?<=\d)\.?(?:\s+(?:{joiners}))?)[ \t]*(?P<label>{labels})\s*[:–—-]?\s*"
        rf"(?:den\s+)?"
        rf"(?P<date>{_date_pattern(rules)})",
        re.IGNORECASE | re.MULTILINE,
    )


@cache
def _date_pattern(rules: PageRules) -> str:
    months = "|".join(f"{re.escape(month[:3])}(?:{re.escape(month[3:])})?" for month in rules.months)
    return rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}\s+(?:{months})\.?\s+\d{{4}})"


def parse_date(text: str, rules: PageRules) -> str | None:
    """``2024-03-05``, ``2024-03-05T10:00+01:00``, ``5 mars 2024``, ``05 mar. 2024`` -> ``2024-03-05``."""
    text = text.strip()
    iso = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        words = re.search(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})", text)
        if not words:
            return None
        month_word = words.group(2).casefold()
        month = next(
            (
                n
                for n, name in enumerate(rules.months, 1)
                if name == month_word or (len(month_word) >= 3 and name.startswith(month_word))
            ),
            None,
        )
        if month is None:
            return None
        year, day = int(words.group(3)), int(words.group(1))
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
