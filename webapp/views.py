"""The HTML pages: the search page and a section's page.

Each parses its arguments, calls one function (``search`` through the request's
index snapshot, or ``section``), adds what the page shows beside the data
(every link from ``links.py``, the map, the dates) and renders.
"""

from flask import Blueprint, abort, current_app, render_template, request

from indexer.gazetteer import NATIONAL

from . import dates, facets, links, params, querylog, topics
from .facets import FACET_LABELS
from .index import get_snapshot
from .params import MAX_QUERY_CHARS, parse_search_args
from .search import only_lan, quoted, swedish_list
from .section import section
from .sorts import DEFAULT_SORT
from .suggest import MIN_LETTERS
from .swedenmap import VIEWBOX, county_shapes, map_counties

bp = Blueprint("views", __name__)


@bp.get("/")
def search_page():
    search_request = parse_search_args(request.args)
    snapshot = get_snapshot()
    result = snapshot.search(search_request, current_app.config["SEARCH_TIME_LIMIT"])
    offers = no_hits_help(search_request, snapshot.postings) if result["total"] == 0 else None
    return render_template(
        "search.html",
        result=for_page(result, search_request),
        no_hits=offers,
        facet_labels=FACET_LABELS,
        map_viewbox=VIEWBOX,
        suggest_min_letters=MIN_LETTERS,
    )


def for_page(result: dict, req) -> dict:
    """The search result with what the page shows besides the hits: links, the map, dates, notes."""
    links.add_page_links(result, req, FACET_LABELS)
    result["show_filters"] = any(result["facets"].values())  # never a panel of empty boxes
    result["default_sort"] = DEFAULT_SORT
    counted = result["facets"]["region"]  # with their toggle URLs
    result["map"] = map_counties([links.with_zero(req, "region", counted, name) for name in county_shapes()])
    result["national"] = links.with_zero(req, "region", counted, NATIONAL)
    for hit in result["results"]:
        hit["dates"], hit["badge"] = dates.content_dates(hit), dates.mark(hit)
    result["synonym_notes"] = [note(req, used["word"], quoted(used["also"])) for used in result["used"]["synonyms"]]
    result["region_notes"] = [note(req, used["word"], used["regions"]) for used in result["used"]["regions"]]
    result["municipality_notes"] = [
        note(req, used["word"], [f"kommunen {name}" for name in used["municipalities"]])
        for used in result["used"]["municipalities"]
    ]
    if result["total"] == 0 and result["used"]["unfiltered"]:  # the notice says there are hits elsewhere
        text = "Sök i alla län" if only_lan(req.filters) else "Sök utan filtren"
        result["elsewhere"] = {"text": text, "url": links.clear_filters_url(req)}
    if unquoted := result["used"]["unquoted"]:  # the notice says the words apart find something
        result["unquoted"] = {"text": "Sök utan citattecken", "url": links.search_url(req, q=unquoted)}
    if result["suggestion"]:
        result["suggestion_words"] = changed_words(req.q, result["suggestion"])
    result["spelling_tip"] = spelling_tip(result["used"]["nowhere"], result["used"]["places"])
    return result


def spelling_tip(nowhere: list[str], named_places: list[str]) -> bool:
    """Whether a page that found nothing says "Kontrollera stavningen": not when every word found
    nowhere names a place (``named_places``, as the search read them: spelled right, the site never
    names it), as "umeå" alone; when one of them is no place ("umeå xyzxyzord"), it may be misspelled,
    as an everyday word may be that names a kommun only with its suffix ("mark"). A word in quotes is
    named as typed, quotes and all."""
    return not nowhere or not all(word.strip('"') in named_places for word in nowhere)


def no_hits_help(req, postings: facets.Postings) -> dict:
    """What a page that found nothing offers: the editors' common topics, every kind of
    content with its size (from the index), and everything."""
    every_kind = facets.count(postings, postings.all, {})["kind"]
    return {
        "topics": [
            {"text": topic, "url": links.search_url(req, q=topic, filters={})}
            for topic in topics.common_topics(current_app.config["CORPUS_DIR"])
        ],
        "kinds": [
            {
                "value": kind.value,
                "count": kind.count,
                "url": links.search_url(req, q="", filters={"kind": (kind.value,)}),
            }
            for kind in every_kind
        ],
        "everything_url": links.search_url(req, q="", filters={}),
        "everything_count": len(postings.all),
    }


@bp.get("/avsnitt/<path:section_id>")
def section_page(section_id: str):
    q = request.args.get("q", "")[:MAX_QUERY_CHARS]
    snapshot = get_snapshot()
    found = section(snapshot.searcher, params.section_id(section_id), q, snapshot.baseline, snapshot.features)
    if found is None:
        abort(404)
    querylog.record_open(q, found["id"])
    found["dates"], found["badge"] = dates.content_dates(found), dates.mark(found)
    found["source_site"] = links.source_site(found["url"])
    found["source_url"] = links.source_url(found["url"])
    found["also_at_links"] = links.source_links(found["also_at"])
    found["actor_label"] = actor_label(found["organisation"], found["actor"])
    for similar in found["similar"]:
        similar["page_url"] = links.section_url(similar["id"])
    return render_template("section.html", section=found, q=q, back_url=links.search_page_url(q))


def actor_label(organisation: str | None, actor: str) -> str:
    """ "Tillväxtverket (myndighet)", the type in lower case as in running text; a name that says its type
    stands alone ("Region Skåne"); no name: the type as a facet value ("Myndighet")."""
    if not organisation:
        return actor
    if actor.casefold() in organisation.casefold():
        return organisation
    return f"{organisation} ({actor[:1].lower()}{actor[1:]})"


@bp.get("/tillganglighet")
def accessibility_statement():
    return render_template("accessibility.html")


def note(req, word: str, names: list[str]) -> dict:
    """What a typed word also searched ("Visar även …"), with a link that searches the word alone."""
    return {"word": word, "names": swedish_list(names), "exact_url": links.exact_url(req, word)}


def changed_words(typed: str, suggested: str) -> list[dict]:
    """The suggestion word by word, marking the words that differ from what was typed."""
    before = typed.split()
    return [
        {"word": word, "changed": i >= len(before) or before[i] != word} for i, word in enumerate(suggested.split())
    ]
