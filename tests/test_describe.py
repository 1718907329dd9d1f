"""Every section of the bundled page gets the right id, kind, region, actor and contact."""

from pathlib import Path

import pytest

from indexer import gazetteer
from indexer.corpus import CorpusData, load_corpus_data
from indexer.describe import OverrideError, describe_page
from indexer.parse import parse_page

from .conftest import REAL_CORPUS


def describe_real_page(corpus: CorpusData | None = None):
    page = parse_page((REAL_CORPUS / "utveckla-svenska-stader.html").read_text("utf-8"), "utveckla-svenska-stader.html")
    return describe_page(page, corpus or load_corpus_data(REAL_CORPUS), gazetteer.load())


def test_bundled_page_sections_are_described():
    rows = [(d.id.split("/")[1], d.kind, d.region, d.actor, d.contact) for d in describe_real_page()]
    assert rows == [
        ("utveckla-svenska-stader", "Program", "Nationellt", "Myndighet", ""),
        ("svenska-stader-behover-starkas", "Program", "Nationellt", "Myndighet", ""),
        ("halmstads-kommun", "Genomfört projekt", "Hallands län", "Kommun", "Susanna Hjortenholt"),
        ("jonkopings-kommun", "Genomfört projekt", "Jönköpings län", "Kommun", "Stefan Lind"),
        ("region-blekinge", "Genomfört projekt", "Blekinge län", "Region", "Jenny Rydquist"),
        ("region-gavleborg", "Genomfört projekt", "Gävleborgs län", "Region", "Olof Linde"),
        ("trelleborgs-kommun", "Genomfört projekt", "Skåne län", "Kommun", "Fredrik af Winklerfelt"),
        ("umea-kommun", "Genomfört projekt", "Västerbottens län", "Kommun", "Emmy Sundin"),
        ("ystads-kommun", "Genomfört projekt", "Skåne län", "Kommun", "Susanna Winblad"),
        ("boverket", "Kunskapsprojekt", "Nationellt", "Myndighet", "Caroline Stigsdotter"),
        ("krinova-science-park", "Kunskapsprojekt", "Skåne län", "Annan organisation", "Charlotte Lorentz Hjorth"),
        ("region-skane", "Kunskapsprojekt", "Skåne län", "Region", "Kajsa Svensson"),
        ("sundsvalls-kommun", "Kunskapsprojekt", "Västernorrlands län", "Kommun", "Martin Södergårds"),
        ("vasta-gotalandsregionen", "Kunskapsprojekt", "Västra Götalands län", "Region", "Tomas Ekberg"),
        ("konkreta-tips-fran-erfarenhetstraff", "Program", "Nationellt", "Myndighet", ""),
        ("kontakt", "Program", "Nationellt", "Myndighet", "Isaac Karlsson"),
    ]


def test_ids_and_urls_are_page_path_and_heading_anchor():
    document = describe_real_page()[3]
    assert document.id == "utveckla-svenska-stader/jonkopings-kommun", "id"
    assert document.url.split("#")[1] == "jonkopings-kommun", "the anchor"
    assert document.url.startswith("https://tillvaxtverket.se/"), "on the programme's site"


def test_override_file_corrects_a_section():
    corpus = load_corpus_data(REAL_CORPUS)
    corrected = CorpusData(
        corpus.default_kind,
        corpus.kinds,
        {"utveckla-svenska-stader/boverket": {"region": "Blekinge län", "actor": "annan organisation"}},
    )
    boverket = describe_real_page(corrected)[9]
    assert boverket.region == "Blekinge län", "region"
    assert boverket.actor == "Annan organisation", "actor, written in any case, as the facet writes it"


def test_override_with_unknown_region_is_refused_by_name():
    corpus = load_corpus_data(REAL_CORPUS)
    wrong = CorpusData(corpus.default_kind, corpus.kinds, {"utveckla-svenska-stader/boverket": {"region": "Skåne"}})
    with pytest.raises(OverrideError, match="'Skåne' is not a county"):
        describe_real_page(wrong)


def test_duplicate_headings_get_distinct_ids(tmp_path: Path):
    page = parse_page("<h1>A</h1><p>x</p><h2>Mål</h2><p>1</p><h2>Mål</h2><p>2</p>", "d.html")
    ids = [d.id for d in describe_page(page, CorpusData(), gazetteer.load())]
    assert ids == ["d/a", "d/mal", "d/mal-2"]


STOD_PAGE = """<html><head><title>Stöd till kommersiell service | Tillväxtverket</title></head><body>
<nav class="breadcrumb"><ol><li><a href="/">Start</a></li><li><a href="/sok">Sök finansiering</a></li>
<li>Stöd till kommersiell service</li></ol></nav>
<main><h1>Stöd till kommersiell service</h1><p>Stöd till butiker på landsbygden.</p>
<h2>Fyra stöd</h2><h3>Vem kan söka?</h3><p>Ägare av dagligvarubutiker.</p></main></body></html>"""


@pytest.mark.parametrize(
    ("anchor", "context", "trail"),
    [
        # the page's heading is the lead section's own title: not repeated
        ("stod-till-kommersiell-service", [], ["Sök finansiering"]),
        # the page's heading and the group heading; the trail below the start page, but the page's own crumb
        ("vem-kan-soka", ["Stöd till kommersiell service", "Fyra stöd"], ["Sök finansiering"]),
    ],
)
def test_a_section_knows_what_it_stands_under(anchor, context, trail):
    page = parse_page(STOD_PAGE, "stod.html")
    documents = {d.id.split("/")[-1]: d for d in describe_page(page, CorpusData(), gazetteer.load())}
    assert documents[anchor].context.splitlines() == context, "what the section stands under, in order"
    assert documents[anchor].trail.splitlines() == trail, "the breadcrumb labels the context does not hold"
