"""Page reading rules: the ones that hold for every site, and each site's own.

The general rules are data in ``indexer/data/page_rules.toml`` (where the
content is, what is chrome, how dates are labelled). A site whose markup they
miss gets a file in the corpus, ``sites/<host>.toml`` (``www.`` left out of
the name), with any of these keys:

* ``content``: CSS selectors of the main content, tried before the general ones;
* ``drop``: CSS selectors of chrome inside it, dropped besides the general ones;
* ``published``, ``updated``: CSS selectors of the elements that hold the
  page's dates (their ``datetime`` or ``content`` attribute, else their text);
* ``rank``: which copy is shown when the same content stands on several
  sites (higher first; default 0, an old site generation might say -1).

Rules stay data: the parser's code is the same for every site.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import soupsieve

from . import datafiles

SITES_FOLDER = "sites"
SITE_KEYS = {"content", "drop", "published", "updated", "rank"}


class SiteRulesError(ValueError):
    """A site rules file that cannot be used."""


@dataclass(frozen=True)
class SiteRules:
    """One site's own rules (all empty for a site without a file)."""

    content: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    rank: int = 0


@dataclass(frozen=True)
class Sites:
    """Every site's rules, by host."""

    by_host: dict[str, SiteRules] = field(default_factory=dict)

    def for_host(self, host: str | None) -> SiteRules:
        return self.by_host.get(bare_host(host or ""), SiteRules())


@dataclass(frozen=True)
class PageRules:
    """The general rules (``page_rules.toml``)."""

    content: tuple[str, ...]
    content_pattern: re.Pattern
    content_share: float  # the share of the page's prose a content region holds
    articles: tuple[str, ...]  # what holds the <h1> and the text on a page that names no content region
    article_share: float  # the share of the prose outside chrome and other articles such an article holds
    drop: tuple[str, ...]
    hidden: tuple[str, ...]  # hidden from view: dropped, but a panel the visitor opens
    panel_controls: tuple[str, ...]  # what opens a panel: an accordion's button, a tab
    sidebar_tags: frozenset[str]  # complementary content: chrome beside the content, the content's own inside it
    sidebar_roles: frozenset[str]
    sidebar_names: re.Pattern  # a class or id that names a sidebar
    landmark_tags: frozenset[str]  # a sidebar inside one of these (or a landmark role) is the content's own
    landmark_roles: frozenset[str]
    around_tags: frozenset[str]  # what may hold both the <h1> and the content region
    breadcrumbs: tuple[str, ...]
    categories: tuple[str, ...]  # a post's category links ("Publicerat i Nyheter"): where a site with no trail files it
    chrome_phrases: tuple[str, ...]
    chrome_words: tuple[str, ...]
    chrome_objects: tuple[str, ...]  # what a tool bar phrase acts on: "Lyssna på sidan"
    chrome_prepositions: tuple[str, ...]
    related_headings: frozenset[str]
    feedback_question_words: int  # a feedback widget's question is at most this long
    feedback_answers: frozenset[str]  # what its controls say, folded ("ja", "nej")
    consent_names: frozenset[str]  # a consent platform's banner has one of these ids or classes
    consent_accept: tuple[str, ...]  # a consent banner's button starts so ("Acceptera alla cookies")
    consent_words: tuple[str, ...]  # and its text mentions a word that starts so ("cookies", "kakor")
    consent_chars: int  # and is no longer
    consent_title_words: int  # its one heading, if any, is a title of at most this many words
    boilerplate_headings: tuple[str, ...]  # "om {name}": the publisher's boilerplate under a release, folded
    signup_inputs: tuple[str, ...]  # a signup box's form asks for one of these (an e-mail address)
    signup_chars: int  # and has at most this much text beside it
    signup_words: tuple[str, ...]  # the box around the form goes with it if its text says so ("Prenumerera")
    read_more: tuple[str, ...]  # a link of only these words points on ("Läs mer")
    top_links: tuple[str, ...]  # a link of only these words leads to the page's top: a footer line ("Till toppen")
    byline_labels: tuple[str, ...]  # "Text: …" beside a date line
    owner_labels: tuple[str, ...]  # "Sidansvarig: …", beside a date line or alone
    byline_words: int
    download: tuple[str, ...]  # a link of only these words, what they fetch and a file's note: "Ladda ner rapporten"
    download_objects: tuple[str, ...]
    heading_tags: frozenset[str]  # blocks that can be a heading-shaped line
    heading_classes: frozenset[str]  # class names that name a heading, folded: "heading", "rubrik"
    heading_bold: frozenset[str]  # an editor's bold: "strong", "b"
    heading_words: int  # a heading-shaped line is at most this long
    heading_chars: int
    heading_endings: tuple[str, ...]  # and ends in none of these
    heading_never: tuple[str, ...]  # nor holds one of these (a label's colon)
    heading_lead_ins: frozenset[str]  # nor is one of these, folded ("observera")
    prose_words: int  # the block after it has at least this many words, and a sentence's end
    heading_quotes: tuple[str, ...]  # nor opens or closes with one of these (a pull quote)
    name_words: int  # a person's name above her role is text: at most this many capitalised words
    role_words: int  # before a first clause of at most this many words
    roles: tuple[str, ...]  # that holds a word ending in one of these, folded ("ordförande", "telefon")
    min_teasers: int  # this many teasers make a listing (dropped)
    max_teaser_chars: int  # a teaser's text beside its heading
    teaser_documents: tuple[str, ...]  # ".pdf": a link to a document is no teaser's page
    list_page: re.Pattern  # the address of a page of a paginated list: "?page=2", "/page/2/"
    link_list_links: int  # a list of at least this many links to the site's pages, and nothing else, is navigation
    link_label_words: int  # each label at most this long
    link_page_share: float  # more than this share of the links lead to pages, not documents
    link_list_headings: frozenset[str]  # a heading that says such a list is navigation, folded (related too)
    tag_items: int  # a row of at least this many short labels beside the lead is tags, no text
    tag_words: int  # each label at most this long
    tag_chars: int
    tag_names: tuple[str, ...]  # a class name that holds one of these names a tag
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]
    label_subjects: tuple[str, ...]  # what a date label may be said of: "Sidan" senast ändrad
    label_adverbs: tuple[str, ...]  # "Senast" uppdaterad
    label_joiners: tuple[str, ...]  # "… 2024-05-02 och uppdaterades 2026-06-11"
    date_by: tuple[str, ...]  # "… 2025-10-01 av Webbredaktionen": who dated it
    fact_words: int  # a publication's fact beside its date: "Rapport 0412 · Publicerad 2026-06-03 · 64 sidor"
    published_meta: tuple[str, ...]
    updated_meta: tuple[str, ...]
    months: tuple[str, ...]
    legacy_urls: re.Pattern  # addresses of an old CMS generation


def answer_words(label: str) -> str:
    """A control's label as a feedback answer is compared: "Ja, delvis!" -> "ja delvis"."""
    return " ".join(re.sub(r"[^\w\s]", " ", label).casefold().split())


def bare_host(host: str) -> str:
    """``www.Example.se:443`` -> ``example.se``."""
    host = host.lower().split(":", 1)[0]
    return host.removeprefix("www.")


@cache
def page_rules() -> PageRules:
    data = datafiles.toml("page_rules.toml")
    dates, headings = data["dates"], data["headings"]
    return PageRules(
        content=tuple(data["content"]),
        content_pattern=re.compile(data["content_pattern"], re.IGNORECASE),
        content_share=float(data["content_share"]),
        articles=tuple(data["articles"]),
        article_share=float(data["article_share"]),
        drop=tuple(data["drop"]),
        hidden=tuple(data["hidden"]),
        panel_controls=tuple(data["panels"]["controls"]),
        sidebar_tags=frozenset(data["sidebars"]["tags"]),
        sidebar_roles=frozenset(data["sidebars"]["roles"]),
        sidebar_names=re.compile(data["sidebars"]["names"], re.IGNORECASE),
        landmark_tags=frozenset(data["sidebars"]["landmark_tags"]),
        landmark_roles=frozenset(data["sidebars"]["landmark_roles"]),
        around_tags=frozenset(data["sidebars"]["around_tags"]),
        breadcrumbs=tuple(data["breadcrumbs"]),
        categories=tuple(data["categories"]),
        chrome_phrases=tuple(data["chrome_phrases"]),
        chrome_words=tuple(data["chrome_words"]),
        chrome_objects=tuple(data["chrome_objects"]),
        chrome_prepositions=tuple(data["chrome_prepositions"]),
        related_headings=frozenset(h.casefold() for h in data["related_headings"]),
        feedback_question_words=int(data["feedback"]["question_words"]),
        feedback_answers=frozenset(answer_words(answer) for answer in data["feedback"]["answers"]),
        consent_names=frozenset(data["consent"]["names"]),
        consent_accept=tuple(data["consent"]["accept"]),
        consent_words=tuple(data["consent"]["words"]),
        consent_chars=int(data["consent"]["max_chars"]),
        consent_title_words=int(data["consent"]["title_words"]),
        boilerplate_headings=tuple(heading.casefold() for heading in data["boilerplate"]["headings"]),
        signup_inputs=tuple(data["signup"]["inputs"]),
        signup_chars=int(data["signup"]["max_chars"]),
        signup_words=tuple(data["signup"]["words"]),
        read_more=tuple(data["read_more"]),
        top_links=tuple(data["top_links"]),
        byline_labels=tuple(data["byline_labels"]),
        owner_labels=tuple(data["owner_labels"]),
        byline_words=int(data["byline_words"]),
        download=tuple(data["download"]),
        download_objects=tuple(data["download_objects"]),
        heading_tags=frozenset(headings["tags"]),
        heading_classes=frozenset(name.casefold() for name in headings["classes"]),
        heading_bold=frozenset(headings["bold"]),
        heading_words=int(headings["max_words"]),
        heading_chars=int(headings["max_chars"]),
        heading_endings=tuple(headings["endings"]),
        heading_never=tuple(headings["never"]),
        heading_lead_ins=frozenset(answer_words(word) for word in headings["lead_ins"]),
        prose_words=int(headings["prose_words"]),
        heading_quotes=tuple(headings["quotes"]),
        name_words=int(headings["name_words"]),
        role_words=int(headings["role_words"]),
        roles=tuple(role.casefold() for role in headings["roles"]),
        min_teasers=int(data["teasers"]["min_teasers"]),
        max_teaser_chars=int(data["teasers"]["max_chars"]),
        teaser_documents=tuple(f".{suffix}" for suffix in data["teasers"]["documents"]),
        list_page=_list_page(data["teasers"]["page_parameters"]),
        link_list_links=int(data["link_lists"]["min_links"]),
        link_label_words=int(data["link_lists"]["label_words"]),
        link_page_share=float(data["link_lists"]["page_share"]),
        link_list_headings=frozenset(
            heading.casefold() for heading in (*data["link_lists"]["headings"], *data["related_headings"])
        ),
        tag_items=int(data["tags"]["min_items"]),
        tag_words=int(data["tags"]["words"]),
        tag_chars=int(data["tags"]["chars"]),
        tag_names=tuple(name.casefold() for name in data["tags"]["names"]),
        published_labels=tuple(dates["published_labels"]),
        updated_labels=tuple(dates["updated_labels"]),
        label_subjects=tuple(dates["label_subjects"]),
        label_adverbs=tuple(dates["label_adverbs"]),
        label_joiners=tuple(dates["label_joiners"]),
        date_by=tuple(dates["by"]),
        fact_words=int(dates["fact_words"]),
        published_meta=tuple(dates["published_meta"]),
        updated_meta=tuple(dates["updated_meta"]),
        months=tuple(dates["months"]),
        legacy_urls=re.compile("|".join(data["legacy_urls"]), re.IGNORECASE),
    )


def _list_page(parameters: list[str]) -> re.Pattern:
    """A page of a paginated list's address: one of ``parameters`` with a number in its query ("?page=2", not
    an old CMS's "index.php?page=kontakt"), or at its path's end with a number."""
    names = "|".join(re.escape(name) for name in parameters)
    return re.compile(rf"[?&](?:{names})=\d+(?:$|[&#])|/(?:{names})/\d+/?(?:$|[?#])", re.IGNORECASE)


def load_sites(corpus_dir: Path) -> Sites:
    """The rules in ``corpus_dir/sites/*.toml``; a bad file is a one-line error."""
    folder = corpus_dir / SITES_FOLDER
    if not folder.is_dir():
        return Sites()
    return Sites({bare_host(path.stem): _read_site(path) for path in sorted(folder.glob("*.toml"))})


def _read_site(path: Path) -> SiteRules:
    name = f"{SITES_FOLDER}/{path.name}"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SiteRulesError(f"{name}: {error}") from None
    unknown = set(data) - SITE_KEYS
    if unknown:
        raise SiteRulesError(f"{name}: unknown key {sorted(unknown)[0]!r}; known: {', '.join(sorted(SITE_KEYS))}")
    rank = data.get("rank", 0)
    if not isinstance(rank, int):
        raise SiteRulesError(f"{name}: rank must be a whole number")
    return SiteRules(
        rank=rank,
        **{key: _selectors(data.get(key, ()), name, key) for key in ("content", "drop", "published", "updated")},
    )


def _selectors(value, name: str, key: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or not all(isinstance(v, str) and v.strip() for v in values):
        raise SiteRulesError(f"{name}: {key} must be a CSS selector or a list of them")
    for selector in values:
        try:
            soupsieve.compile(selector)
        except soupsieve.SelectorSyntaxError as error:
            first_line = str(error).splitlines()[0]
            raise SiteRulesError(f"{name}: {key}: {selector!r} is not a CSS selector ({first_line})") from None
    return tuple(values)
