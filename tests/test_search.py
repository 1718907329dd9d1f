"""Search, facets and degenerate queries on a tiny real index."""

import pytest
from bs4 import BeautifulSoup

from webapp.search import Features

from .conftest import client_for, page_of_sections


def titles(result):
    return [hit["title"] for hit in result["results"]]


def test_empty_query_lists_every_section_in_page_order(run):
    assert titles(run()) == [
        "Programmet",
        "Ystads kommun",
        "Region Blekinge",
        "Krinova Science Park",
        "Boverket",
        "Kontakt",
    ]


def test_sections_with_every_word_rank_first_then_those_with_some_saying_what_they_lack(run):
    assert titles(run("hamn")) == ["Region Blekinge", "Ystads kommun"]
    hits = [(hit["title"], hit["matched_terms"], hit["missing_terms"]) for hit in run("hamn kaj")["results"]]
    assert hits == [("Ystads kommun", ["hamn", "kaj"], []), ("Region Blekinge", ["hamn"], ["kaj"])]


def test_without_partial_matching_every_word_is_required(run):
    assert titles(run("hamn kaj", features=Features(partial=False))) == ["Ystads kommun"]


def test_heading_matches_rank_above_text_matches(run):
    assert titles(run("Ystad"))[0] == "Ystads kommun"


def test_contact_person_finds_the_project(run):
    assert titles(run("Anna Ek")) == ["Ystads kommun"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("hamn -kaj", ["Region Blekinge"]),
        ("hamn INTE kaj", ["Region Blekinge"]),
        ("kaj ELLER innovation", ["Ystads kommun", "Krinova Science Park"]),
        ('"planering och hamn"', ["Region Blekinge"]),
        ('"hamn planering"', []),
        ("innov*", ["Krinova Science Park"]),
    ],
)
def test_operators(run, q, expected):
    assert sorted(titles(run(q))) == sorted(expected)


def test_snippet_marks_the_matched_words_as_written(run):
    assert run("hamn")["results"][1]["snippet"] == (
        "<mark>Hamnen</mark> i Ystad får nya bostäder och en ny kaj.\nKontaktperson: Anna Ek, telefon: 0411-123"
    )


def test_facets_count_all_matches(run):
    facets = run()["facets"]
    assert facets["region"] == [
        {"value": "Nationellt", "count": 3, "selected": False},
        {"value": "Skåne län", "count": 2, "selected": False},
        {"value": "Blekinge län", "count": 1, "selected": False},
    ]
    assert facets["kind"] == [
        {"value": "Genomfört projekt", "count": 3, "selected": False},
        {"value": "Program", "count": 2, "selected": False},
        {"value": "Kunskapsprojekt", "count": 1, "selected": False},
    ]


def test_selecting_two_regions_shows_either_and_keeps_the_other_counts(run):
    result = run(filters={"region": ("Skåne län", "Blekinge län")})
    assert sorted(titles(result)) == ["Krinova Science Park", "Region Blekinge", "Ystads kommun"]
    assert result["total"] == 3
    assert result["facets"]["region"] == [
        {"value": "Nationellt", "count": 3, "selected": False},
        {"value": "Skåne län", "count": 2, "selected": True},
        {"value": "Blekinge län", "count": 1, "selected": True},
    ]
    assert result["facets"]["kind"] == [{"value": "Genomfört projekt", "count": 3, "selected": False}]


def test_unknown_facet_value_gives_an_empty_result_and_stays_visible(run):
    result = run(filters={"region": ("Atlantis län",)})
    assert result["total"] == 0, "total"
    assert result["facets"]["region"][-1] == {"value": "Atlantis län", "count": 0, "selected": True}, (
        "the chosen value stays, with 0"
    )


def test_pages_slice_the_ranked_list(run):
    first, second = run(per_page=4), run(per_page=4, page=2)
    assert first["pages"] == 2, "pages"
    assert len(first["results"]) == 4, "number of results"
    assert len(second["results"]) == 2, "number of results"
    assert not set(titles(first)) & set(titles(second))


def test_title_sort_follows_swedish_alphabet(tmp_path):
    from .conftest import client_for

    body = "".join(f"<h3>{t}</h3><p>text</p>" for t in ["Örebro", "Ystad", "Åre", "Arboga", "Älmhult"])
    client = client_for(tmp_path, {"p.html": f"<h1>Lista</h1><p>x</p><h2>G</h2>{body}"})
    data = client.get("/api/search?q=text&sort=titel").get_json()
    assert [r["title"] for r in data["results"]] == ["Arboga", "Ystad", "Åre", "Älmhult", "Örebro"]


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ("och i att", "bara vanliga småord"),
        ("?!…", "inga ord att söka på"),
        ("_", "inga ord att söka på"),  # an underscore separates words, as punctuation does
    ],
)
def test_queries_of_only_stop_words_or_punctuation_find_nothing_and_say_why(run, q, notice):
    result = run(q)
    assert result["total"] == 0, "total"
    assert notice in result["notice"], "notice"


def test_a_word_typed_with_a_star_too_short_for_a_prefix_is_searched_whole_and_the_notice_says_so(run):
    notice = run("ha*")["notice"] or ""
    assert "minst 3 bokstäver före *" in notice, "why no prefix search was made"
    assert "”ha*” söktes som hela ord" in notice, "what was searched instead"


@pytest.mark.parametrize(
    ("filters", "notice"),
    [
        ({"region": ("Kalmar",)}, "Inget avsnitt har län ”Kalmar”."),
        ({"kind": ("projekt",)}, "Inget avsnitt har typ av innehåll ”projekt”."),
    ],
)
def test_a_filter_value_no_section_has_finds_nothing_and_says_which(run, filters, notice):
    result = run("hamn", filters=filters)
    assert result["total"] == 0, "no section has the value"
    assert notice in (result["notice"] or ""), "the notice names the value"


def test_words_joined_by_an_underscore_are_searched_as_words(run):
    assert run("hamn_kaj")["total"] == run("hamn kaj")["total"], "hamn_kaj is hamn kaj"


def test_sections_with_the_query_words_close_together_rank_first(tmp_path):
    """The section with the words side by side ("Nära") comes first, though it is second on the page
    and second in alphabetical order: only proximity puts it there."""
    from .conftest import client_for

    pages = {
        "p.html": "<h1>Sidor</h1><p>x</p><h2>G</h2>"
        "<h3>Isär</h3><p>Kärna i planen. Många andra ord står här emellan. Regional utveckling.</p>"
        "<h3>Nära</h3><p>Regional kärna i planen. Många andra ord står här emellan. Utveckling.</p>"
    }
    client = client_for(tmp_path, pages)
    ranked = [r["title"] for r in client.get("/api/search?q=regional kärna").get_json()["results"]]
    by_title = [r["title"] for r in client.get("/api/search?q=regional kärna&sort=titel").get_json()["results"]]
    assert ranked == ["Nära", "Isär"], "the words side by side first"
    assert by_title == ["Isär", "Nära"], "sorted by title, the other order"


def test_a_section_is_found_by_what_it_stands_under_after_those_that_say_it_themselves(tmp_path):
    from .conftest import client_for

    pages = {
        "stod.html": "<h1>Stöd till kommersiell service</h1><p>Om stödet.</p>"
        "<h2>Vem kan söka?</h2><p>Den som äger lokalen.</p>",
        "nyhet.html": "<h1>Nyheter</h1><p>Nytt från länet.</p>"
        "<h2>Länet satsar</h2><p>Kommersiell service behövs i hela länet.</p>",
    }
    client = client_for(tmp_path, pages)
    hits = client.get("/api/search?q=kommersiell service").get_json()["results"]
    assert [(hit["title"], hit["matched_fields"]) for hit in hits] == [
        ("Stöd till kommersiell service", ["title"]),
        ("Länet satsar", ["text"]),
        ("Vem kan söka?", ["context"]),
    ], "the sections that say it, then the one under a page that does"


ELSEWHERE_PAGES = {
    "ystad.html": page_of_sections("Ystad", {"Bredband i Ystad": "Ystads kommun bygger ut bredband till byarna."}),
    "lulea.html": page_of_sections("Luleå", {"Hamnen i Luleå": "Luleå kommun bygger ut hamnen."}),
}


@pytest.fixture
def two_lan(tmp_path):
    """A client over two pages, one about Skåne län with "bredband", one about Norrbottens län without it."""
    return client_for(tmp_path, ELSEWHERE_PAGES)


def test_no_hit_in_the_chosen_lan_says_how_many_there_are_without_it_with_a_link_to_all(two_lan):
    args = {"q": "bredband", "region": "Norrbottens län"}
    data = two_lan.get("/api/search", query_string=args).get_json()
    assert data["total"] == 0, "nothing in Norrbottens län"
    assert data["notice"] == "Det finns 1 träff utan länsvalet.", "the JSON says so"
    assert data["used"]["unfiltered"] == 1, "and counts it"
    page = BeautifulSoup(two_lan.get("/", query_string=args).get_data(as_text=True), "html.parser")
    notice = page.select_one(".notice")
    assert notice.get_text(" ", strip=True) == "Det finns 1 träff utan länsvalet. Sök i alla län", "the page says so"
    found = BeautifulSoup(two_lan.get(notice.select_one("a")["href"]).get_data(as_text=True), "html.parser")
    assert [a.get_text() for a in found.select("li.hit h2 a")] == ["Bredband i Ystad"], "the link searches all län"
