"""Parsed section -> the document that is indexed.

This is where a section gets its meaning: its id and URL, its kind (from the
group heading it stands under), the organisation behind it and its actor type
(``actors.py``: the page's publisher; a project's own organisation, named by
its heading), the kommun that publishes it (``publishers.municipality``: "Västerås stad"
on vasteras.se; a search for the kommun's name finds it) and its region. Region is decided in this order:

1. an entry in the corpus's ``overrides.toml``;
2. the organisation's name ("Ystads kommun" -> Skåne län);
3. for projects (sections under a group heading), the places named in the text
   ("... i Kristianstad" -> Skåne län);
4. otherwise "Nationellt": national actors and the programme text itself.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from .actors import Actor, actor_type, actor_types, page_actor
from .corpus import CorpusData
from .gazetteer import NATIONAL, Gazetteer
from .kinds import block_kinds, page_kind, page_title
from .parse import DEFAULT_LANGUAGE, Page, Section, slugify
from .publishers import municipality
from .regions import PageContext, page_context, section_regions
from .urls import normal_url


@dataclass(frozen=True)
class Document:
    """A section as the index stores it."""

    id: str
    page: str
    url: str
    title: str
    text: str
    kind: str
    region: str  # the primary län (or "Nationellt"): regions[0]
    actor: str
    organisation: str
    contact: str
    regions: tuple[str, ...] = ()  # every län the section is about, the primary first
    published: str = ""  # the page's dates, ISO, or empty
    updated: str = ""
    also_at: tuple[str, ...] = ()  # the URLs of the same content elsewhere (collapsed duplicates)
    also_pages: tuple[str, ...] = ()  # the corpus pages those copies stand in
    context: str = ""  # what the section stands under: its page's heading, its group heading
    trail: str = ""  # the breadcrumb trail's labels below the start page that the context does not hold
    lang: str = DEFAULT_LANGUAGE  # the language it is written in ("en" on an English page)
    municipality: str = ""  # the kommun that publishes it, as municipalities.csv names it ("Västerås"), or ""
    named: bool = False  # its page names its URL its own (``<link rel="canonical">``) and was found there

    @property
    def content_hash(self) -> str:
        """``content_hash`` of this section's ``CONTENT_FIELDS``."""
        return content_hash({name: getattr(self, name) for name in CONTENT_FIELDS})


#: What an editor writes in a section, and what its page says of it: a change in one is a change visitors are
#: told of (the section is "ändrad", its date moves, the feed lists it). Not the labels derived from tables
#: (kind, region, actor type, organisation), the copies found elsewhere, nor where it stands (URL, context, trail):
#: a change there rewrites the section and keeps its dates (``build.LABEL_FIELDS``). The index stores each
#: of these fields as the document holds it, so the hash of a stored section is computed the same way.
CONTENT_FIELDS = ("title", "text", "contact", "published", "updated", "lang")


def content_hash(fields) -> str:
    """A hash of the ``CONTENT_FIELDS`` of a document or of a section's stored fields (a mapping)."""
    data = "\x1f".join(str(fields.get(name, "")) for name in CONTENT_FIELDS)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


class OverrideError(ValueError):
    pass


def describe_page(page: Page, corpus: CorpusData, gazetteer: Gazetteer) -> list[Document]:
    documents, seen = [], set()
    kind = page_kind(page, corpus.kind_rules)
    context, publisher = page_context(page, gazetteer), page_actor(page)
    blocks = block_kinds(page, corpus.kind_rules)  # a FAQ block's questions are its kind, not the page's
    for section, block in zip(page.sections, blocks, strict=True):
        document = describe(page, section, corpus, gazetteer, block or kind, context, publisher)
        anchor, n = section.anchor, 1
        while document.id in seen:  # two headings with the same text
            n += 1
            anchor = f"{section.anchor}-{n}"
            document = replace(document, id=section_id(page.path, anchor), url=section_url(page, anchor))
        seen.add(document.id)
        documents.append(document)
    return documents


def describe(
    page: Page,
    section: Section,
    corpus: CorpusData,
    gazetteer: Gazetteer,
    kind: str | None = None,
    context: PageContext | None = None,
    publisher: Actor | None = None,
) -> Document:
    is_project = section.group is not None and section.group in corpus.kinds  # listed under a known group
    if is_project:  # a project listed under a group heading: its organisation, else its places
        actor = Actor(section.title, actor_type(section.title))
        region = gazetteer.county_of_organisation(section.title) or gazetteer.county_of_text(
            f"{section.title}\n{section.text}"
        )
        regions = (region,) if region else ()
    else:
        actor = publisher or page_actor(page)
        regions = section_regions(section, context or page_context(page, gazetteer), gazetteer, page)
    regions = regions or (NATIONAL,)
    host = "" if is_project else page.host or ""  # a project's organisation is its own, not the page's site's
    document = Document(
        id=section_id(page.path, section.anchor),
        page=page.path,
        url=section_url(page, section.anchor),
        title=section.title,
        text=section.text,
        kind=corpus.kind_of(section.group, kind),
        region=regions[0],
        actor=actor.type,
        organisation=actor.organisation,
        contact=section.contact or "",
        regions=regions,
        published=page.published or "",
        updated=page.updated or "",
        context=section_context(page, section),
        trail=section_trail(page, section),
        lang=section.lang,
        municipality=municipality(actor.organisation, actor.type, host) or "",
    )
    return apply_overrides(document, corpus.overrides.get(document.id, {}), gazetteer)


def section_context(page: Page, section: Section) -> str:
    """What a section stands under, one line each: the page's heading (its <h1>, else its
    first section's title) and the group heading above the section; each once, and not the
    section's own title.

    A section is often found by words it never repeats: "Vem kan söka?" under a page
    called "Stöd till kommersiell service", "Adresser" on "Våra kontor". The search
    weighs these words well below the section's own (``schema.SEARCH_FIELDS``)."""
    return "\n".join(_distinct([page_title(page), section.group or ""], {section.title.casefold()}))


def section_trail(page: Page, section: Section) -> str:
    """The breadcrumb trail's labels below the start page, one line each, but those the
    section's title or context already says (the last crumb is usually the page's own title).

    The trail places a page in the site's menu: "Sök finansiering › Regionalfonden" stands
    above every page of a menu branch, so its words hold for all of them alike and answer
    no question on their own. The search weighs them below the context and does not let a
    word found only here make a section a complete match (``webapp/search.py``)."""
    said = {section.title.casefold(), *(line.casefold() for line in section_context(page, section).splitlines())}
    return "\n".join(_distinct(page.breadcrumbs[1:], said))  # the first label is the start page, on every page


def _distinct(lines: list[str], seen: set[str]) -> list[str]:
    """The non-empty ``lines`` not in ``seen`` (compared in any case), each once, in order."""
    kept = []
    for line in lines:
        if line and line.casefold() not in seen:
            seen.add(line.casefold())
            kept.append(line)
    return kept


def apply_overrides(document: Document, fields: dict, gazetteer: Gazetteer) -> Document:
    """An override of ``region`` sets the one län; ``regions`` (a list, the primary first) sets several."""
    fields = dict(fields)
    if "regions" in fields:
        if not isinstance(fields["regions"], list) or not fields["regions"]:
            raise OverrideError(f"overrides.toml: [{document.id}] regions must be a list of counties")
        fields["regions"] = tuple(dict.fromkeys(fields["regions"]))
        fields["region"] = fields["regions"][0]
    elif "region" in fields:
        fields["regions"] = (fields["region"],)
    for region in fields.get("regions", ()):
        if region not in gazetteer.regions:
            raise OverrideError(
                f"overrides.toml: [{document.id}] region {region!r} is not a county "
                f"as SCB names it (e.g. 'Skåne län') or {NATIONAL!r}"
            )
    if "actor" in fields:  # written in any case: "kommun" is Kommun
        known = {actor.casefold(): actor for actor in actor_types()}
        if str(fields["actor"]).casefold() not in known:
            raise OverrideError(f"overrides.toml: [{document.id}] actor must be one of {actor_types()}")
        fields["actor"] = known[str(fields["actor"]).casefold()]
    return replace(document, **fields)


#: What a section id may be. The web app reads ids from URLs by this rule, and
#: every id made here passes it, so no result links to a page that answers 400.
SECTION_ID = re.compile(r"[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*")
MAX_SECTION_ID_CHARS = 300
MAX_PAGE_ID_CHARS, MAX_ANCHOR_CHARS = 200, 90  # with a "-2" for a repeated heading, well under 300
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")


def is_section_id(value: str) -> bool:
    return len(value) <= MAX_SECTION_ID_CHARS and SECTION_ID.fullmatch(value) is not None and ".." not in value


def page_id(page_path: str) -> str:
    """The page's part of its section ids: its path without the suffix, each folder and
    name kept if URL-safe, else slugified ("Malmö projekt.html" -> "malmo-projekt")."""
    segments = PurePosixPath(page_path).with_suffix("").parts
    safe = "/".join(seg if _SAFE_SEGMENT.fullmatch(seg) else slugify(seg) or "sida" for seg in segments)
    return safe[:MAX_PAGE_ID_CHARS].rstrip("/.")


def section_id(page_path: str, anchor: str) -> str:
    return f"{page_id(page_path)}/{anchor[:MAX_ANCHOR_CHARS]}"


def section_url(page: Page, anchor: str) -> str:
    """The section's public address: its page's canonical link, else (a corpus file in a folder named like its
    host, without one) ``https://`` and its corpus path, percent-encoded; else the corpus path, which is no
    address and never becomes a link (``webapp/links.source_url``)."""
    if page.canonical_url:
        return f"{page.canonical_url}#{anchor}"
    return f"{normal_url(page.url) if page.url else page.path}#{anchor}"
