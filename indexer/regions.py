"""A section -> every län it is about, the primary one first; none: the whole country.

The evidence, strongest first (an override in ``overrides.toml`` beats all,
applied in ``describe.py``):

1. the page's facts of its own place ("Projektägare: Kiruna kommun", "Län:
   Norrbottens län": ``fact_labels``), then the publishing organisation: a
   region's, a länsstyrelse's or a kommun's own site (its host and path:
   ``publishers.read_host``, ``publishers.toml``), the page's ``<meta>``
   publisher or author ("Region Dalarna"), or, on a page whose facts name no
   place, the site's name at the end of its ``<title>`` (the site is where a
   project's page stands, not where the project is);
2. organisations and places in the page's ``<h1>`` (every section of the page
   is about what the page is about) and in the section's own heading;
3. places in the section's text: kommuner, län in their short and inflected
   forms, tätorter, landskap, programme areas (``gazetteer.py``), weighed
   against false tags by ``place_rules.toml``: a place in a caption, a
   byline or an address line, after a cue such as "hålls i", "kontoret i",
   "bor i", "jämfört med" (a venue, an office, a home town, a comparison), or
   in a list of many län is named in passing; a section that names many län,
   or says it concerns the whole country, gets nothing from its text.

A list of the län something covers is no list of many: a scope. "I Sverige
gäller fonden Norrbottens, Västerbottens och Gotlands län och delar av Västra
Götalands län" names four län as one enumeration, and a visitor filtering on
Gotlands län looks for exactly that fund. A survey names the same four each
with something of its own. A scope says so: a word that says what something
covers ("gäller", "omfattar", "används i", ``place_rules.toml``) stands before
its first place; without one, four län are a survey however it is worded
("Turismen växer i Jämtland, Dalarna, Gotland och Norrbotten"). Then the
difference is in the sentence's structure: in a scope every place is a län, an
area or a town in a län it names (towns in four län are examples), and nothing
stands between two of them but a few words ("och delar av", "metallindustrin
i") or a member's complement and a link to the next, however long ("i
Norrbottens och Västerbottens län för stål- och gruvindustrin, på Gotland för
cement- och kalkindustrin och i Västra Götalands län"); a survey puts a figure
between them ("Skåne 12 procent, Halland 9 procent"), a clause ("där
arbetslösheten är hög"), or a word that ranks or compares them ("Flest
gästnätter hade …", "Liknande bussar finns i …", ``place_rules.toml``). A
scope's län are the section's (on a national page "Nationellt" first, as for
three named together, below) and count for no survey across sentences. Six or
more län named in a section are the whole country, unless they are a scope:
seven of the 21 named as what the money covers are the opposite of the whole
country, and each finds the section by its filter (a scope of all but one län
is still national).

An area has no order of its own: "Norra Mellansverige" is Värmland, Dalarna
and Gävleborg only in its table's order. Its län follow the order in which the
section, then its page, names each alone: an office's section headed "Norra
Mellansverige – kontoret i Falun" that says "Handläggare för Dalarna,
Gävleborg och Värmland" is Dalarna's first, and a call "i Småland" whose
background names Kalmar first is Kalmar's. The rows of a table are peers and
order nothing; the address of an office or a secretariat ("sekretariatet finns
i Umeå") is named in passing.

A heading is read like a sentence: a capital letter tells a name from a word
only where it is not there anyway. So a name that is also a word or a surname
("Mark för etableringar", "Vara med") needs "kommun" or a preposition of place
in a heading as in the text, and an everyday word that starts a heading or a
sentence ("Klippan", "Insjön", see ``place_words.toml``) counts only for a län
the other evidence already names, as does a name shared by places in several
län. A section with no län is "Nationellt".

Places spread over the country. A section of a page that has no län of its own
(neither its publisher, its h1 nor its heading names one: a national
authority's page) has nothing to anchor its places. There, four län named in
one section outside a scope are a survey, whatever the sentences: "Flest gästnätter hade
Stockholms, Västra Götalands och Skåne län. Störst ökning hade Jämtlands och
Gotlands län." ranks the country; it is about no one of the five, and a
visitor filtering on Gotlands län looks for what is done in Gotland, not for
every table Gotland is a row of. So on such a page the list rule counts the
whole section, not one sentence, and a survey keeps only a län it names more
than once, as a section that says "hela landet" does, and once at least in a
sentence of its own: a project in Kiruna that names Kiruna twice, once alone,
and partners in three other län is still Norrbotten's, a ranking of five names
each once and is nobody's, and a län named twice but each time among others
(an example among three, then in a ranking) is one of them. Up to three stay: a national
programme that works in a few län names them as its subject ("fonden omfattar
stålindustrin i Norrbottens län, metallindustrin i Västerbottens län och
mineralindustrin i Gotlands län"). On a regional page the region anchors the
section and other län named in other sentences are its partners and
neighbours, so there a sentence is the list (and six län a section). Places
given as examples of a larger whole ("bland annat i Åre, Visby och Ystad",
"till exempel i Idre") are named in passing: the section is about the whole;
the examples illustrate it. People who live in a place as a group ("för dig
som bor i Västerbotten") make it the subject, where a person's home ("bor i
Örebro") is named in passing; and a place in an organisation's name that is
followed by where that part of it stands ("Uppsala universitet Campus
Gotland") gives way to the later place.

On such a page, a sentence that names the section's first län among three
places or more of different län (``together_size``; fewer than a list) names
them together: "Störst var utbyggnaden i Värmland, Dalarna och Jämtlands län"
in a national authority's news, three regions' speakers in one sentence of its
webinar's programme. The first of them is no more the section's subject than
the last: the section is "Nationellt" first, its län after it (found by their
filters, shown as national). A län named in a sentence of its own stays first
("Programmet gäller Värmlands län. Det gäller också Dalarnas och Gävleborgs
län."), and so do one or two named together (a report on Norrbotten and
Västerbotten). The rows of a table are one sentence: a national authority's
table of its offices, a row each in Umeå, Karlstad and Växjö, names three län
as peers, and none of them is the section's first.

A page about one län need not say so in its <h1> ("Skidbussen över fjället"):
its lead does ("Region Dalarna kör en skidbuss från Idre"). On a page with no
län of its own, the län of its lead's first sentence (read as any section's, and
not national first; a place named later is often an example: "Bland annat får en
butik i Jämtland stöd") holds for every section that names none: "Turister som bor i Norge
åker gratis" is about the project in Dalarna, and the Dalarna filter finds
it. A country named, Sverige or a neighbour, is no län and no sign that a
section is national; a section that says so ("hela landet", see
``place_rules.toml``) or lists many län inherits nothing. A section that
names a län of its own keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import pairwise
from urllib.parse import urlsplit

from . import datafiles, publishers
from .actors import site_name
from .gazetteer import NATIONAL, Gazetteer, Mention
from .kinds import page_title
from .parse import TABLE_CELL_SEPARATOR, Page, Section

Order = Callable[[], tuple[str, ...]]  # the län in the order a section, then its page, names each alone
SUBJECTS_CACHE = 4096  # sentences: a page's, read again for each of its sections
NAMED_CACHE = 64  # texts: a page's, and each of its sections'
_GAP_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9–-])|\n")


@dataclass(frozen=True, eq=False)  # one instance (``place_rules``), hashed by identity as a cache key
class PlaceRules:
    list_size: int
    national_size: int
    whole_country_size: int  # a scope of this many län is the whole country
    together_size: int  # this many län in the text of a section with no län of its own: national first
    scope_gap_words: int  # at most this many words between two places of a scope ("A, B och delar av C")
    scope: re.Pattern  # a word before a list of places that says what something covers: a scope, no survey
    scope_link: re.Pattern  # a comma or a word that joins the next member of an enumeration ("och", "samt")
    clause: re.Pattern  # a word that starts a clause of its own ("där", "som"): no member's complement
    ranking: re.Pattern  # a word that ranks or compares the places a sentence names: a survey, no scope
    passing: re.Pattern  # matches the text before a place named in passing
    residents: re.Pattern  # matches the text before a place where a group lives: no passing cue then
    organisation: re.Pattern  # matches what stands between a place in an organisation's name and where it is
    route: re.Pattern  # matches the text before the first end of a line, a route or a connection ("banan mellan")
    reach: re.Pattern  # matches the text before a place reached ("når … både")
    reached_people: re.Pattern  # matches the text before where the people reached are ("nå ut till företag i")
    route_link: re.Pattern  # the whole gap between two ends: a comma or a dash, a link word ("och", ", ", "–")
    route_dash: re.Pattern  # the whole gap between two places that are a stretch's ends ("Umeå–Skellefteå")
    caption: tuple[re.Pattern, ...]
    national: re.Pattern
    contact: re.Pattern  # headings of contact sections
    fact: re.Pattern  # a fact of the page's own place: its value is the group "value"
    own_place_size: int  # facts that name more län than this are a list's, not the page's


@cache
def place_rules() -> PlaceRules:
    data = datafiles.toml("place_rules.toml")
    cues = "|".join(data["passing"])
    words = int(data["cue_words"])
    dashes = "|".join(map(re.escape, data["route_dashes"]))
    return PlaceRules(
        list_size=int(data["list_size"]),
        national_size=int(data["national_size"]),
        whole_country_size=int(data["whole_country_size"]),
        together_size=int(data["together_size"]),
        scope_gap_words=int(data["scope_gap_words"]),
        scope=re.compile(rf"\b(?:{'|'.join(data['scope'])})\b", re.IGNORECASE),
        scope_link=re.compile(rf",|;|\b(?:{'|'.join(data['scope_links'])})\b", re.IGNORECASE),
        clause=re.compile(rf"\b(?:{'|'.join(data['clause'])})\b", re.IGNORECASE),
        ranking=re.compile(rf"\b(?:{'|'.join(data['ranking'])})\b", re.IGNORECASE),
        passing=re.compile(rf"\b(?:{cues})(?:\W+[\w-]+){{0,{words}}}\W+$", re.IGNORECASE),
        residents=re.compile(
            rf"\b(?:{'|'.join(data['residents'])})\s+som\s+(?:{'|'.join(data['resident_verbs'])})\s+(?:i|på)\s+$",
            re.IGNORECASE,
        ),
        organisation=re.compile(
            rf"\s+(?:{'|'.join(data['organisations'])})\W+(?:(?:{'|'.join(data['organisation_sites'])})\s+){{1,2}}",
            re.IGNORECASE,
        ),
        route=re.compile(
            rf"\b(?:(?:{'|'.join(data['route_words'])})(?:\W+[\w-]+){{0,{int(data['route_gap_words'])}}}?\W+"
            rf"(?:{'|'.join(data['route_openers'])})|(?:{'|'.join(data['route_verbs'])}))\W+$",
            re.IGNORECASE,
        ),
        reach=re.compile(
            rf"\b(?:{'|'.join(data['reach_verbs'])})\b(?:\W+[\w-]+){{0,{int(data['reach_words'])}}}\W+$", re.IGNORECASE
        ),
        reached_people=re.compile(rf"\b(?:{'|'.join(data['reached_people'])})\W+$", re.IGNORECASE),
        route_link=re.compile(rf"\s*(?:,|{dashes})?\s*(?:\b(?:{'|'.join(data['route_links'])})\s+)?", re.IGNORECASE),
        route_dash=re.compile(rf"\s*(?:{dashes})\s*"),
        caption=tuple(re.compile(pattern, re.IGNORECASE) for pattern in data["caption"]),
        national=re.compile("|".join(rf"\b(?:{p})\b" for p in data["national"]), re.IGNORECASE),
        contact=re.compile("|".join(data["contact_headings"]), re.IGNORECASE),
        fact=re.compile(
            rf"(?:^|(?<=[.!?] ))(?i:{'|'.join(data['fact_labels'])})"  # at a line's or a sentence's start
            rf"(?::[ \t]*|[ \t]*\n|{re.escape(TABLE_CELL_SEPARATOR)})"  # "Kommun: …", <dt> and <dd>, a table row
            r"(?P<value>[^\n]+?)(?=[.!?](?:\s|$)|\n|$)",  # to the sentence's end
            re.MULTILINE,
        ),
        own_place_size=int(data["own_place_size"]),
    )


# -- Page context: publisher and <h1> --------------------------------------------


@dataclass(frozen=True)
class PageContext:
    """What every section of a page is about: its publisher's län, then its <h1>'s, each a group (an area's
    several, in no order of their own); on a page with neither, the län its lead's text is about, which a
    section that names none of its own inherits."""

    groups: tuple[tuple[str, ...], ...]
    lead: tuple[str, ...] = ()


def page_context(page: Page, gazetteer: Gazetteer) -> PageContext:
    own = fact_groups(page, gazetteer)
    publisher = publisher_county(page, gazetteer, by_title=not own)
    groups = [*own, *([(publisher,)] if publisher else [])]
    known = [county for group in groups for county in group]
    groups += heading_groups(page_title(page), gazetteer, known)
    if page.tags:  # the län a page is filed under ("Norrbotten", "Västerbotten" in its row of tags), as its <h1>'s
        groups += heading_groups(TABLE_CELL_SEPARATOR.join(page.tags), gazetteer, known)
    if groups:
        return PageContext(tuple(groups))
    lead = next((section for section in page.sections if section.title == page_title(page)), None)
    first = next(_sentences(lead.text, place_rules()), "") if lead else ""
    regions = section_regions(replace(lead, text=first), PageContext(()), gazetteer, page) if lead else ()
    return PageContext((), () if NATIONAL in regions else regions)


def publisher_county(page: Page, gazetteer: Gazetteer, by_title: bool = True) -> str | None:
    """The län of the organisation whose own site (or <meta>, or the site's name at the end of the <title>:
    "Kompetensförsörjning - Region Jämtland Härjedalen") publishes the page. ``by_title``: read the <title>'s
    end too (not on a page whose facts name its own place: the site is where it stands, not what it is about)."""
    host = page.host or ""
    if host in publishers.table().path_sites and page.url:
        folders = [part for part in urlsplit(page.url).path.split("/") if part]
        if folders and (county := gazetteer.county_of_slug(folders[0])):
            return county
    if county := publishers.read_host(host, gazetteer).county:
        return county
    organisation = page.publisher or (site_name(page) if by_title else "")
    return gazetteer.county_of_organisation(organisation) if organisation else None


def fact_groups(page: Page, gazetteer: Gazetteer) -> list[tuple[str, ...]]:
    """The län the page's facts of its own place name ("Projektägare: Kiruna kommun", "Län: Norrbottens län": see
    ``fact_labels`` in place_rules.toml), a group per place; none when they name more than ``own_place_size`` län
    (the facts of a list of projects)."""
    rules = place_rules()
    values = [found["value"] for section in page.sections for found in rules.fact.finditer(section.text)]
    groups = _resolved([mention for value in values for mention in gazetteer.mentions(value)], [])
    counties = {county for group in groups for county in group}
    return groups if len(counties) <= rules.own_place_size else []


def heading_groups(heading: str, gazetteer: Gazetteer, known: list[str]) -> list[tuple[str, ...]]:
    """The län a heading names, a group per place (an area's several): its organisations and places, unless it
    lists many län. Read like a sentence (see the module docstring): "Mark för etableringar" names no place."""
    mentions = gazetteer.mentions(heading)
    return [] if _is_list(mentions, place_rules()) else _resolved(mentions, known)


@lru_cache(maxsize=NAMED_CACHE)
def named_alone(texts: tuple[str, ...], gazetteer: Gazetteer) -> tuple[str, ...]:
    """The län ``texts`` name on their own (not as part of an area) as what they are about, in the order they
    first do: "Handläggare för Dalarna, Gävleborg och Värmland" orders the area Norra Mellansverige. The rows of
    a table are peers and order nothing (a decision table's first row is no more the section's than its last).
    Cached: a page's texts are read once for all its sections."""
    rules, found = place_rules(), []
    for text in texts:
        for sentence in _sentences(text, rules):
            if TABLE_CELL_SEPARATOR in sentence:
                continue
            mentions = _subjects(sentence, gazetteer, rules)
            _add(found, [m.county for m in mentions if len(m.all) == 1 and not _needs_evidence(m)])
    return tuple(found)


# -- Sections ---------------------------------------------------------------------


def section_regions(section: Section, context: PageContext, gazetteer: Gazetteer, page: Page) -> tuple[str, ...]:
    """Every län the section is about, the primary first; () for the whole country."""

    @cache
    def named() -> tuple[str, ...]:  # the order of an area's län, asked for only when there is an area
        page_texts = tuple(text for other in page.sections for text in (other.title, other.text))
        return (*named_alone((section.title, section.text), gazetteer), *named_alone(page_texts, gazetteer))

    found = list(dict.fromkeys(_ordered(context.groups, named)))
    if section.title != page_title(page):
        _add(found, _ordered(heading_groups(section.title, gazetteer, found), named))
    anchored = bool(found)
    if not place_rules().contact.search(section.title):
        _add(found, text_counties(section.text, gazetteer, found, named))
    if not anchored and found and _named_together(section.text, gazetteer, found[0]):
        return (NATIONAL, *found)  # none of them first (see the module docstring)
    if not found and context.lead and not _names_the_country(section.text, gazetteer):
        return context.lead  # "Turister som bor i Norge åker gratis" on a page about one län
    return tuple(found)


def _names_the_country(text: str, gazetteer: Gazetteer) -> bool:
    """Whether a section says it concerns the whole country, or names many län (a list, a survey): then it
    inherits no län from its page's lead. Naming Sverige, or a neighbouring country, is neither."""
    rules = place_rules()
    return bool(rules.national.search(text)) or _is_list(gazetteer.mentions(text), rules)


def _named_together(text: str, gazetteer: Gazetteer, county: str) -> bool:
    """Whether the first sentence that names ``county`` names ``together_size`` places of different län in
    all (see the module docstring): "i Värmland, Dalarna och Jämtlands län". The rows of a table are one
    sentence: a row per office, per project or per län are peers, none of them first."""
    rules = place_rules()
    for sentence in _table_sentences(text, rules):
        mentions = [mention for row in sentence for mention in _subjects(row, gazetteer, rules)]
        if any(county in mention.all for mention in mentions):
            return len({mention.all for mention in mentions}) >= rules.together_size
    return False


def _table_sentences(text: str, rules: PlaceRules):
    """The sentences of ``text`` (each a list of one), the rows of a table together (a list of its rows)."""
    rows: list[str] = []
    for sentence in _sentences(text, rules):
        if TABLE_CELL_SEPARATOR in sentence:
            rows.append(sentence)
            continue
        if rows:
            yield rows
            rows = []
        yield [sentence]
    if rows:
        yield rows


def text_counties(text: str, gazetteer: Gazetteer, known: list[str], named: Order = tuple) -> list[str]:
    """The län a section's text is about, in the order it first names them (see the module docstring)."""
    rules = place_rules()
    kept, scope, alone = [], set(), set()
    for sentence in _sentences(text, rules):
        subjects = _subjects(sentence, gazetteer, rules)
        if known:  # a page with a län of its own: a line's other ends are elsewhere
            subjects = _without_route_ends(sentence, subjects, rules)
        kept.extend(subjects)
        if _is_list(subjects, rules) or _is_short_scope(sentence, subjects, rules):
            scope.update(county for mention in subjects for county in mention.all)
        if len(own := {county for group in _resolved(list(subjects), known) for county in group}) == 1:
            alone.update(own)  # a sentence of its own names it: "Kiruna bygger en ny stadskärna."
    counties = _ordered(_resolved(kept, known, narrow_areas=True), named)
    if len(set(counties)) >= rules.national_size:
        counties = [county for county in counties if county in scope]  # many län, but enumerated as a scope
        if len(set(counties)) >= rules.whole_country_size:
            return []
    national = rules.national.search(text)
    survey = not known and len(set(counties) - scope) >= rules.list_size  # across sentences, nothing to anchor it
    if survey or national:  # its subject: named more than once, once at least on its own; or a scope's
        subject = [county for county in counties if counties.count(county) > 1 and (county in alone or national)]
        counties = [county for county in counties if county in subject or (county in scope and not national)]
    return list(dict.fromkeys(counties))


@lru_cache(maxsize=SUBJECTS_CACHE)
def _subjects(sentence: str, gazetteer: Gazetteer, rules: PlaceRules) -> tuple[Mention, ...]:
    """The places a sentence names as what it is about: none in a list that is no scope, none named in passing.
    Cached: a page's sentences are read for its order of län (``named_alone``) and again for each section."""
    mentions = gazetteer.mentions(sentence)
    if _is_list(mentions, rules) and not _is_scope(sentence, mentions, rules):
        return ()
    mentions = [mention for mention in mentions if not _names_organisation(mention, mentions, sentence, rules)]
    for index, mention in enumerate(mentions):
        before = sentence[: mention.start]
        if rules.passing.search(before) and not rules.residents.search(before):
            return tuple(mentions[:index])  # this place and every later one in the sentence is named in passing
    return tuple(mentions)


def _without_route_ends(sentence: str, mentions: tuple[Mention, ...], rules: PlaceRules) -> tuple[Mention, ...]:
    """``mentions`` without the places the sentence names as the ends of a line, a route or a connection, or as
    where it reaches ("stambanor för höghastighetståg mellan Stockholm, Göteborg och Malmö", "från Umeå till Luleå",
    "sträckan Umeå–Skellefteå", "når både Göteborg och Malmö"): the first after a route word and an opener
    ("banan mellan") or a verb ("knyter ihop", "ligger mitt emellan"), the next ones joined to it by a comma, a link
    word or a dash alone; and two places joined by a dash. A place after the ends ("ska gå via Växjö") still counts."""
    ends: set[int] = set()
    for index, mention in enumerate(mentions):
        if index not in ends and _opens_route(sentence[: mention.start], rules):
            ends.add(index)
            for later in range(index + 1, len(mentions)):
                if not rules.route_link.fullmatch(sentence, mentions[later - 1].end, mentions[later].start):
                    break
                ends.add(later)
        if index and rules.route_dash.fullmatch(sentence, mentions[index - 1].end, mention.start):
            ends.update((index - 1, index))
    return tuple(mention for index, mention in enumerate(mentions) if index not in ends)


def _opens_route(before: str, rules: PlaceRules) -> bool:
    """Whether the place after ``before`` is the first end of a line or a route, or a place it reaches."""
    if rules.route.search(before):
        return True
    return bool(rules.reach.search(before)) and not rules.reached_people.search(before)


def _is_scope(sentence: str, mentions: list[Mention], rules: PlaceRules) -> bool:
    """Whether a sentence that names many län names them as one enumeration of what something covers ("fonden
    gäller Norrbottens, Västerbottens och Gotlands län och delar av Västra Götalands län"), not as a survey or a
    list of examples: a word that says what something covers ("gäller", "omfattar", "används i") before the first
    place (without one the list is a survey: "Turismen växer i Jämtland, Dalarna, Gotland och Norrbotten"), every
    place a län or an area or a town in a län the sentence names (towns in four län, "intervjuer med Vimmerby,
    Överkalix och Halmstad", are examples), no word that ranks or compares them ("flest", "störst", "ökade"), and
    nothing of its own between two of them (``_joins_members``)."""
    if not rules.scope.search(sentence, 0, mentions[0].start) and not _one_lan_shared(sentence, mentions):
        return False
    named = {county for mention in mentions if mention.regional for county in mention.all}
    if not all(mention.regional or set(mention.all) <= named for mention in mentions):
        return False
    if rules.ranking.search(sentence):
        return False
    return all(_joins_members(sentence[one.end : other.start], rules) for one, other in pairwise(mentions))


def _joins_members(gap: str, rules: PlaceRules) -> bool:
    """Whether what stands between two places of an enumeration is nothing of its own: no figure ("Skåne 12
    procent, Halland 9 procent"), and either a few words (``scope_gap_words``: "och delar av") or the first
    member's complement and a link to the next, however far apart: "i Norrbottens och Västerbottens län för stål-
    och gruvindustrin, på Gotland för cement- och kalkindustrin och i Västra Götalands län". After the gap's last
    link (a comma or ``scope_links``) a few words at most, before it no clause (``clause``: "Norrbotten, där
    arbetslösheten är hög, och Västerbotten" compares; ", och intresset var stort bland företagen i" starts one)."""
    if any(char.isdigit() for char in gap):
        return False
    if len(_GAP_WORD.findall(gap)) <= rules.scope_gap_words:
        return True
    links = list(rules.scope_link.finditer(gap))
    if not links or len(_GAP_WORD.findall(gap[links[-1].end() :])) > rules.scope_gap_words:
        return False
    return not rules.clause.search(gap[: links[-1].start()])


def _is_short_scope(sentence: str, subjects: tuple[Mention, ...], rules: PlaceRules) -> bool:
    """Whether two or three län are named as a scope ("Dessutom ingår vissa kommuner i Gävleborgs, Värmlands och
    Västra Götalands län"): with a list scope in the same section, such a sentence is part of it."""
    return len(subjects) >= 2 and _is_scope(sentence, list(subjects), rules)


def _one_lan_shared(sentence: str, mentions: list[Mention]) -> bool:
    """Whether the län are named as the official enumeration that shares one "län" at its end, the names before it
    in the genitive ("i Kalmar, Kronobergs, Jönköpings och Gotlands län"): the formula of a scope, where a survey
    names regions ("i Gävleborg, Dalarna, Värmland och Örebro län")."""
    last = mentions[-1]
    if not (sentence[last.start : last.end].endswith(" län") or sentence[last.end :].lstrip().startswith("län")):
        return False
    return any(sentence[one.start : one.end].endswith("s") for one in mentions[:-1])


def _names_organisation(mention: Mention, mentions: list[Mention], sentence: str, rules: PlaceRules) -> bool:
    """Whether ``mention`` is part of an organisation's name that another place follows, where it stands:
    "Uppsala universitet Campus Gotland" is in Gotland."""
    found = rules.organisation.match(sentence, mention.end)
    return found is not None and any(other.start == found.end() for other in mentions)


def _is_list(mentions: list[Mention] | tuple[Mention, ...], rules: PlaceRules) -> bool:
    """Many places in different län named together: a list, not a subject (an area is one name)."""
    return len({mention.all for mention in mentions}) >= rules.list_size


def _sentences(text: str, rules: PlaceRules):
    for line in text.split("\n"):
        if any(pattern.search(line) for pattern in rules.caption):
            continue
        yield from (sentence for sentence in _SENTENCE_END.split(line) if sentence)


def _resolved(mentions: list[Mention], known: list[str], narrow_areas: bool = False) -> list[tuple[str, ...]]:
    """Each mention's län, a group per mention (an area's several); a shared name or an everyday word only for a
    län named otherwise.

    ``narrow_areas``: an area named in the text of a page already about one of its län stands for
    that part only ("the programme Övre Norrland" on a Västerbotten page is Västerbotten's part)."""
    plain = [county for mention in mentions if not _needs_evidence(mention) for county in mention.all]
    evidence = set(known) | set(plain)
    groups = []
    for mention in mentions:
        if _needs_evidence(mention):
            groups.append(tuple(county for county in mention.all if county in evidence)[:1])
        elif narrow_areas and len(mention.all) > 1 and set(mention.all) & set(known):
            groups.append(tuple(county for county in mention.all if county in known))
        else:
            groups.append(mention.all)
    return [group for group in groups if group]


def _ordered(groups: list[tuple[str, ...]], named: Order) -> list[str]:
    """The groups' län in order; an area's own order (its table's) says nothing, so its län follow the order in
    which the text names them alone (``named()``): "Norra Mellansverige – kontoret i Falun" over "Handläggare för
    Dalarna, Gävleborg och Värmland" is Dalarna's first. A län the text does not name alone keeps its place."""
    if all(len(group) == 1 for group in groups):
        return [group[0] for group in groups]
    order = named()
    rank = {county: index for index, county in reversed(list(enumerate(order)))}  # where each is named first
    return [county for group in groups for county in sorted(group, key=lambda county: rank.get(county, len(order)))]


def _needs_evidence(mention: Mention) -> bool:
    return mention.ambiguous or mention.word


def _add(found: list[str], counties) -> None:
    for county in counties:
        if county and county not in found:
            found.append(county)
