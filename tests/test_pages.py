"""The HTML search page, read through selectors."""

import os

import pytest
from bs4 import BeautifulSoup

from indexer.update import update
from webapp import create_app
from webapp.dates import content_dates
from webapp.suggest import MIN_LETTERS
from webapp.topics import common_topics

from .conftest import PROGRAM_PAGE, REPO, client_for


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def test_page_is_swedish_with_a_labelled_search_form(client):
    soup = page(client, "/")
    field = soup.select_one("form[role=search] input[name=q]")
    assert soup.html["lang"] == "sv"
    assert soup.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Sök i Utveckla svenska städer"


def test_results_show_title_link_kind_region_and_marked_snippet(client):
    soup = page(client, "/?q=hamn")
    hits = soup.select("ol.hits li.hit")
    assert [h.select_one("h2 a").get_text() for h in hits] == ["Region Blekinge", "Ystads kommun"]
    assert hits[1].select_one("h2 a")["href"] == "/avsnitt/program/ystads-kommun?q=hamn"
    assert hits[1].select_one(".kind").get_text() == "Genomfört projekt"
    assert hits[1].select_one(".region").get_text() == "Skåne län"
    assert hits[1].select_one(".snippet mark").get_text() == "Hamnen"
    assert soup.select_one("[role=status]").get_text(strip=True) == "2 träffar för ”hamn”."
    assert soup.title.get_text().startswith("hamn")


def facet_boxes(soup: BeautifulSoup, legend: str) -> list[tuple[str, bool, str]]:
    fieldset = next(f for f in soup.select("fieldset.facet") if f.legend.get_text() == legend)

    def label(box):
        return soup.select_one(f"label[for={box['id']}]").get_text(" ", strip=True)

    return [(box["value"], box.has_attr("checked"), label(box)) for box in fieldset.select("input[type=checkbox]")]


def test_facets_are_fieldsets_of_native_checkboxes_with_counts(client):
    soup = page(client, "/?q=hamn")
    assert facet_boxes(soup, "Län") == [
        ("Blekinge län", False, "Blekinge län (1)"),
        ("Skåne län", False, "Skåne län (1)"),
    ]
    assert [f.legend.get_text() for f in soup.select("fieldset.facet")] == ["Län", "Typ av innehåll", "Aktör"]
    assert all(box["form"] == "sok" for box in soup.select("fieldset.facet input"))


def test_a_selected_facet_keeps_its_other_values_even_at_zero_and_lists_the_filter(client):
    soup = page(client, "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n&kind=Kunskapsprojekt")
    assert facet_boxes(soup, "Typ av innehåll") == [
        ("Genomfört projekt", False, "Genomfört projekt (1)"),
        ("Kunskapsprojekt", True, "Kunskapsprojekt (0)"),
        ("Program", False, "Program (0)"),
    ]
    removes = {a["aria-label"]: a["href"] for a in soup.select(".selected-filters li a")}
    assert removes == {
        "Ta bort filtret Län: Skåne län": "/?q=hamn&kind=Kunskapsprojekt",
        "Ta bort filtret Typ av innehåll: Kunskapsprojekt": "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n",
    }
    assert soup.select_one(".selected-filters p a").get_text() == "Rensa alla filter"


def test_the_map_has_all_21_lan_as_labelled_links_that_toggle_the_region_filter(client):
    soup = page(client, "/?q=hamn")
    counties = soup.select("figure.map svg a.county")
    labels = {a["aria-label"]: a["href"] for a in counties}
    assert len(counties) == 21
    assert labels["Skåne län: 1 träff"] == "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n"
    assert labels["Gotlands län: 0 träffar"] == "/?q=hamn&region=Gotlands+l%C3%A4n"
    assert {a["class"][1] for a in counties} == {"shade-0", "shade-4"}
    selected = page(client, "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n")
    skane = next(a for a in selected.select("a.county") if a["aria-label"].startswith("Skåne"))
    assert "selected" in skane["class"], "class"
    assert skane["href"] == "/?q=hamn", "href"


def test_sections_marked_nationellt_are_counted_beside_the_map(client):
    assert page(client, "/").select_one("figure.map .national a").get_text() == "Nationellt: 3 träffar"


def test_a_match_on_the_contact_person_is_shown(client):
    hit = page(client, "/?q=Anna+Ek").select_one("li.hit")
    assert hit.select_one(".matched").get_text() == "Träff i kontaktperson: Anna Ek"
    assert [m.get_text() for m in hit.select(".matched mark")] == ["Anna", "Ek"]


def test_section_page_shows_the_full_text_marked_its_facts_and_similar_sections(client):
    soup = page(client, "/avsnitt/program/ystads-kommun?q=hamn")
    assert soup.h1.get_text() == "Ystads kommun"
    assert soup.select_one(".section-text mark").get_text() == "Hamnen"
    terms = [dt.get_text() for dt in soup.select("dt")]
    facts = dict(zip(terms, [dd.get_text(" ", strip=True) for dd in soup.select("dd")], strict=True))
    assert facts["Län"] == "Skåne län", "Län"
    assert facts["Kontaktperson"] == "Anna Ek", "Kontaktperson"
    assert facts["Aktör"] == "Ystads kommun", "Aktör: the name says its type"
    assert soup.select_one("article > p:last-child a")["href"] == "https://example.se/program.html#ystads-kommun"


def test_similar_projects_are_other_sections_that_share_its_key_terms(real_client):
    soup = BeautifulSoup(real_client.get("/avsnitt/utveckla-svenska-stader/ystads-kommun").data, "html.parser")
    similar = [a.get_text() for a in soup.select(".similar a")]
    assert soup.select_one("#liknande").get_text() == "Liknande projekt"
    assert len(similar) == 5, "five similar projects"
    assert "Ystads kommun" not in similar, "not the project itself"
    assert "Trelleborgs kommun" in similar  # the other "regional kärna" in Skåne


def test_unknown_section_is_a_404_page(client):
    response = client.get("/avsnitt/program/finns-inte")
    assert response.status_code == 404, "status code"
    assert "Sidan finns inte." in response.get_data(as_text=True), "the not-found text"


def test_accessibility_statement_is_linked_from_the_footer(client):
    link = page(client, "/").select_one("footer a")
    assert link.get_text() == "Tillgänglighetsredogörelse", "link text"
    assert link["href"] == "/tillganglighet", "href"
    assert page(client, "/tillganglighet").h1.get_text() == "Tillgänglighetsredogörelse"


def test_no_hits_says_so_and_helps(client):
    soup = page(client, "/?q=zebrafink")
    assert soup.select_one("[role=status]").get_text(strip=True) == "Inga träffar för ”zebrafink”."
    assert "Kontrollera stavningen" in soup.select_one(".no-hits").get_text()


def test_no_hits_shows_no_empty_filter_boxes(client):
    soup = page(client, "/?q=zebrafink")
    assert soup.select(".filters") == [], "nothing to filter: no panel, no map, no empty fieldsets"


def test_a_filter_that_empties_the_page_leaves_the_boxes_that_can_change_it(client):
    soup = page(client, "/?q=hamn&kind=Kunskapsprojekt")
    assert soup.select_one("[role=status]").get_text(strip=True) == "Inga träffar för ”hamn”."
    legends = [f.legend.get_text() for f in soup.select("fieldset.facet")]
    assert legends == ["Typ av innehåll"], "only facets with values to choose are shown"
    assert all(f.select("input") for f in soup.select("fieldset.facet"))


@pytest.mark.parametrize(
    ("url", "summary"),
    [
        ("/?q=hamn", "Filtrera"),
        ("/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n", "Filtrera (1 valt)"),
        ("/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n&kind=Kunskapsprojekt", "Filtrera (2 valda)"),
    ],
)
def test_the_filters_sit_behind_one_disclosure_that_counts_the_active_ones(client, url, summary):
    soup = page(client, url)
    panel = soup.select_one("details.filters")
    assert panel.summary.get_text(" ", strip=True) == summary
    assert not panel.has_attr("open"), "closed on load; wide screens show it by CSS"
    assert panel.select("figure.map"), "the map"
    assert panel.select("fieldset.facet"), "the facets"
    assert panel.select("button.apply-filters"), "the apply button"


def test_the_results_come_before_nothing_but_the_form_and_the_filter_toggle(client):
    soup = page(client, "/?q=hamn")
    main = soup.select_one("main")
    assert [child.name for child in main.find_all(recursive=False)] == ["h1", "section", "div"], "h1, filters, results"
    assert main.select_one("section > details.filters") is not None, "the filter toggle"
    assert main.find_all(recursive=False)[2]["id"] == "resultat", "the results, where the skip link goes"
    assert soup.select_one("main .selected-filters") is None, "no selected filters listed when there are none"


HEADED_PAGES = ["/", "/?q=hamn", "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n", "/?q=zebrafink", "/?q=hamn&per_page=1&page=2"]


@pytest.mark.parametrize("url", HEADED_PAGES)
def test_the_pages_one_h1_comes_first_and_no_heading_level_is_skipped(client, url):
    headings = page(client, url).find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    levels = [int(heading.name[1]) for heading in headings]
    assert levels[0] == 1, f"the first heading is the h1, not {headings[0]}"
    assert levels.count(1) == 1, "one h1"
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), f"no level skipped: {levels}"


@pytest.mark.parametrize("url", ["/?q=hamn", "/?q=hamn&region=Sk%C3%A5ne+l%C3%A4n"])
def test_the_filter_panel_is_a_landmark_named_by_its_heading_inside_main(client, url):
    soup = page(client, url)
    region = soup.select_one("section[aria-labelledby]")
    assert region is not None, "a section with a name: a region landmark"
    assert region.find_parent("main") is not None, "inside main, after the page's h1"
    heading = soup.find(id=region["aria-labelledby"])
    assert heading.name == "h2", "named by a heading"
    assert heading.get_text(strip=True) == "Filtrera", "in Swedish"
    assert region.select_one("details.filters fieldset.facet") is not None, "it holds the filters"


def test_pagination_links_pages(client):
    soup = page(client, "/?per_page=4&page=2")
    assert [a["href"] for a in soup.select("nav.pagination a")] == ["/?per_page=4", "/?per_page=4&page=2"]
    assert "sida 2" in soup.title.get_text()


def page_numbers(soup: BeautifulSoup) -> list[str]:
    return [item.get_text(strip=True) for item in soup.select("nav.pagination li")]


def test_pagination_shows_a_window_of_pages_around_the_current_one(real_client):
    soup = page(real_client, "/?per_page=1&page=8")
    pages = int(soup.select_one("nav.pagination li:last-child").get_text())
    assert page_numbers(soup) == ["1", "…", "6", "7", "8", "9", "10", "…", str(pages)]
    for link in soup.select("nav.pagination a"):
        assert real_client.get(link["href"]).status_code == 200, link["href"]


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (1, [1, 2, 3, None, 1000]),
        (4, [1, 2, 3, 4, 5, 6, None, 1000]),
        (1000, [1, None, 998, 999, 1000]),
    ],
)
def test_pagination_never_links_a_page_past_the_last_one_that_answers(current, expected):
    from webapp.links import pagination
    from webapp.params import SearchRequest

    items = pagination(SearchRequest(page=current), pages=1007)  # 10,070 hits, 10 a page
    assert [item.get("page") for item in items] == expected


def test_text_is_escaped_on_the_page(client):
    soup = page(client, "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert [script.get("src") for script in soup.select("script")] == ["/static/search.js"]
    assert soup.select_one("#q")["value"] == "<script>alert(1)</script>"


def test_bad_parameter_is_a_400_page_in_swedish(client):
    response = client.get("/?page=noll")
    soup = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 400
    assert "heltal" in soup.select_one("[role=alert]").get_text()


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"q": "hamn " * 120}, " ".join(["hamn"] * 100)),  # cut to the limit, as the search would read it
        ({"q": " hamn  båt ", "page": "noll"}, "hamn båt"),  # the visitor fixes the page number
        ({"page": "noll"}, ""),
    ],
)
def test_a_wrong_search_keeps_the_search_form_with_the_typed_text(client, query, shown):
    response = client.get("/", query_string=query)
    soup = BeautifulSoup(response.data, "html.parser")
    assert response.status_code == 400, "status"
    assert soup.select_one("form[role=search] #q")["value"] == shown, "the typed text, there to fix"
    assert soup.select_one("[role=alert]") is not None, "with the message"


def test_every_error_page_offers_the_search_form(client):
    soup = BeautifulSoup(client.get("/avsnitt/program/finns-inte").data, "html.parser")
    assert soup.select_one("form[role=search] #q")["value"] == "", "a page that is not there: search instead"


#: Each page's skip link: "resultaten" where a search answered (its result count, hits or help), the page's
#: main content everywhere else; each goes to an element that is on the page.
SKIP_LINKS = [
    ("/?q=hamn", 200, "Hoppa till resultaten"),
    ("/?q=zebrafink", 200, "Hoppa till resultaten"),
    ("/?q=hamn&page=noll", 400, "Hoppa till innehållet"),
    ("/avsnitt/program/finns-inte", 404, "Hoppa till innehållet"),
    ("/avsnitt/program/ystads-kommun", 200, "Hoppa till innehållet"),
    ("/tillganglighet", 200, "Hoppa till innehållet"),
    ("/insikter", 401, "Hoppa till innehållet"),  # the login form
]


@pytest.mark.parametrize(("url", "status", "text"), SKIP_LINKS)
def test_the_skip_link_names_what_the_page_has_and_goes_there(fixture_index, url, status, text):
    app = create_app({"TESTING": True, "INDEX_DIR": str(fixture_index), "INSIGHTS_TOKEN": "nyckel-for-testet"})
    response = app.test_client().get(url)
    soup = BeautifulSoup(response.data, "html.parser")
    links = soup.select("a.skip-link")
    assert response.status_code == status, "status"
    assert [link.get_text() for link in links] == [text], "one skip link, in words that fit the page"
    assert soup.find(id=links[0]["href"].removeprefix("#")) is not None, "its target is on the page"


def test_a_corrected_search_that_still_finds_nothing_says_so_once(client):
    soup = page(client, "/?q=blekinhe+%22qwxz%22")
    status = soup.select_one("[role=status]").get_text(strip=True)
    assert status == 'Inga träffar för ”blekinhe "qwxz"”, inte heller för ”blekinge "qwxz"”.', "one message"
    assert soup.select(".suggestion") == [], "no 'Visar träffar för …' over no hits"


def test_a_corrected_search_that_finds_something_shows_the_corrected_words(client):
    soup = page(client, "/?q=blekinhe")
    assert soup.select_one("[role=status]").get_text(strip=True) == "1 träff för ”blekinhe”.", "the count"
    suggestion = soup.select_one(".suggestion").get_text(" ", strip=True)
    assert suggestion.startswith("Visar träffar för blekinge"), f"the corrected words are named: {suggestion!r}"


def test_new_and_changed_marks_say_they_are_about_the_search_and_no_index_date_poses_as_the_pages(tmp_path):
    client = client_for(tmp_path, {"program.html": PROGRAM_PAGE})
    corpus = tmp_path / "corpus"
    edited = PROGRAM_PAGE.replace("Hamnen i Ystad får", "Hamnen i Ystad får snart").replace(
        '<h3 id="krinova">', '<h3 id="lunds-kommun">Lunds kommun</h3>\n<p>Ny hamn vid Lund.</p>\n<h3 id="krinova">'
    )
    (corpus / "program.html").write_text(edited, encoding="utf-8")
    update(corpus, tmp_path / "index")
    hits = page(client, "/?q=hamn").select("li.hit")
    badges = {hit.h2.get_text(): [(b.get_text(), b["title"]) for b in hit.select(".badge")] for hit in hits}
    assert badges == {
        "Lunds kommun": [("Ny i sökningen", "Avsnittet kom med i sökningen under de senaste 30 dagarna.")],
        "Ystads kommun": [
            ("Ändrad i sökningen", "Avsnittets text har ändrats i sökningen under de senaste 30 dagarna.")
        ],
        "Region Blekinge": [],
    }
    assert [hit.select("time") for hit in hits] == [[], [], []], "these pages give no date, so none is shown"
    facts = page(client, "/avsnitt/program/ystads-kommun").select("dt")
    assert [dt.get_text() for dt in facts] == ["Typ", "Län", "Aktör", "Kontaktperson"]


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ({"published": "2025-03-03", "updated": None}, [("Publicerad", "2025-03-03", "3 mars 2025")]),
        (
            {"published": "2024-12-01", "updated": "2025-05-05"},
            [("Publicerad", "2024-12-01", "1 december 2024"), ("Uppdaterad", "2025-05-05", "5 maj 2025")],
        ),
        (
            {"published": None, "updated": "2026-01-31T09:00:00+01:00"},
            [("Uppdaterad", "2026-01-31", "31 januari 2026")],
        ),
        ({"published": None, "updated": None}, []),
        ({}, []),
        ({"published": "2025-13-40", "updated": "igår"}, []),
    ],
)
def test_the_pages_own_dates_are_labelled_in_swedish_and_nothing_else_poses_as_one(fields, shown):
    assert [(d["label"], d["datetime"], d["text"]) for d in content_dates(fields)] == shown


def no_hits_client(tmp_path, fixture_index, topics_toml: str | None):
    if topics_toml is not None:
        (tmp_path / "topics.toml").write_text(topics_toml, encoding="utf-8")
    config = {"TESTING": True, "INDEX_DIR": str(fixture_index), "CORPUS_DIR": str(tmp_path)}
    return create_app(config).test_client()


def test_no_hits_offers_the_editors_topics_every_kind_and_everything(tmp_path, fixture_index):
    client = no_hits_client(tmp_path, fixture_index, 'topics = ["hamn", "regional kärna"]\n')
    help_ = page(client, "/?q=zebrafink&sort=titel").select_one(".no-hits")
    assert [(a.get_text(), a["href"]) for a in help_.select(".topics a")] == [
        ("hamn", "/?q=hamn&sort=titel"),
        ("regional kärna", "/?q=regional+k%C3%A4rna&sort=titel"),
    ]
    kinds = [li.get_text(" ", strip=True) for li in help_.select(".kinds li")]
    assert kinds == ["Genomfört projekt (3)", "Program (2)", "Kunskapsprojekt (1)"]
    assert help_.select_one("a[href='/?kind=Kunskapsprojekt&sort=titel']").get_text() == "Kunskapsprojekt"
    everything = help_.select_one(".everything")
    assert everything.get_text(" ", strip=True) == "Visa allt innehåll (6 avsnitt)", "link text"
    assert everything.a["href"] == "/?sort=titel", "href"


@pytest.mark.parametrize("topics_toml", [None, "topics = [", 'topics = "hamn"', "topics = [1, 2]", 'topics = [" "]'])
def test_a_missing_or_broken_topics_file_shows_no_topics_and_never_breaks_the_page(
    tmp_path, fixture_index, topics_toml
):
    soup = page(no_hits_client(tmp_path, fixture_index, topics_toml), "/?q=zebrafink")
    assert soup.select(".topics") == []
    assert soup.select_one(".everything a").get_text() == "Visa allt innehåll"


def test_an_edited_topics_file_is_read_again(tmp_path, fixture_index):
    client = no_hits_client(tmp_path, fixture_index, 'topics = ["hamn"]\n')
    assert [a.get_text() for a in page(client, "/?q=zebrafink").select(".topics a")] == ["hamn"]
    path = tmp_path / "topics.toml"
    path.write_text('topics = ["planering", "hamn"]\n', encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))  # a later save
    assert [a.get_text() for a in page(client, "/?q=zebrafink").select(".topics a")] == ["planering", "hamn"]


def test_every_bundled_topic_finds_something(real_client):
    found = {
        topic: real_client.get("/api/search", query_string={"q": topic}).get_json()["total"]
        for topic in common_topics(REPO / "corpus")
    }
    assert len(found) >= 3, "the bundled corpus offers a few topics"
    assert [topic for topic, total in found.items() if total == 0] == [], "topics that find nothing"


def test_a_page_that_gives_its_dates_shows_them_labelled_in_swedish(tmp_path):
    dates = (
        '<meta property="article:published_time" content="2025-03-03T08:00:00+01:00">'
        '<meta property="article:modified_time" content="2025-05-05">'
    )
    dated = PROGRAM_PAGE.replace("<title>", dates + "<title>")
    client = client_for(tmp_path, {"program.html": dated})
    hit = page(client, "/?q=ystad").select_one("li.hit")
    assert hit.select_one(".date").get_text(" ", strip=True) == "Uppdaterad 5 maj 2025", (
        "a hit shows the page's latest date"
    )
    assert hit.select_one(".date time")["datetime"] == "2025-05-05", "a hit shows the page's latest date"
    soup = page(client, "/avsnitt/program/ystads-kommun")
    facts = {dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in soup.select("dt")}
    assert facts["Publicerad"] == "3 mars 2025", "Publicerad"
    assert facts["Uppdaterad"] == "5 maj 2025", "Uppdaterad"


@pytest.mark.parametrize("url", ["/", "/?q=bostad", "/?q=planering&kind=Kunskapsprojekt"])
def test_every_lan_the_map_offers_is_also_a_checkbox(real_client, url):
    soup = page(real_client, url)
    counties = soup.select("a.county")
    on_map = {a["aria-label"].split(":")[0] for a in counties if not a["aria-label"].endswith(" 0 träffar")}
    assert len(on_map) >= 1, "the map shows some län with hits"
    boxes = {box["value"] for box in soup.select("fieldset.facet input[name=region]")}
    assert on_map - boxes == set(), "län with hits on the map but no checkbox"


def test_the_search_box_tells_its_script_where_and_from_how_many_letters_to_suggest(client):
    box = page(client, "/").select_one("input#q")
    assert box["data-suggest-url"] == "/api/suggest", "the suggestion API"
    assert box["data-suggest-min"] == str(MIN_LETTERS), "the API's own minimum, not a second copy in the script"


@pytest.mark.parametrize(
    ("url", "first_page"),
    [
        ("/?per_page=50&page=2", "/?per_page=50"),
        ("/?q=hamn&page=999", "/?q=hamn"),
        ("/?per_page=2&page=9", "/?per_page=2"),
    ],
)
def test_a_page_past_the_last_says_it_does_not_exist_and_links_the_first(client, url, first_page):
    soup = page(client, url)
    assert "sida" not in soup.select_one("p.result-count").get_text(), "no 'sida 9 av 3' in the count"
    assert soup.select_one("p.notice").get_text().startswith("Sidan "), "the notice"
    assert "finns inte" in soup.select_one("p.notice").get_text(), "says the page does not exist"
    assert soup.select_one("p.past-end a")["href"] == first_page, "a link to the first page of the same search"
    assert soup.select("ol.hits") == [], "no empty list of hits"
