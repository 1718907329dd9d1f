"""The JSON API contract."""

import pytest


def test_search_answers_the_documented_shape(client):
    data = client.get("/api/search?q=hamn&per_page=1").get_json()
    assert set(data) >= {"query", "total", "page", "per_page", "results", "facets", "suggestion"}, "top-level keys"
    assert data["query"] == "hamn", "the query is echoed"
    assert data["total"] == 2, "two sections hold hamn"
    assert data["page"] == 1, "the first page by default"
    assert data["per_page"] == 1, "per_page as asked"
    hit = data["results"][0]
    assert set(hit) >= {"id", "title", "url", "kind", "region", "snippet", "score"}, "a result's keys"
    assert hit["url"] == "https://example.se/program.html#region-blekinge", "a section's URL is page URL + anchor"
    assert set(data["facets"]) == {"region", "kind", "actor"}, "the three facets"
    assert set(data["facets"]["region"][0]) == {"value", "count", "selected", "toggle_url"}, "a facet value's keys"


def test_region_and_kind_are_repeatable(client):
    data = client.get(
        "/api/search?region=Sk%C3%A5ne+l%C3%A4n&region=Blekinge+l%C3%A4n&kind=Genomf%C3%B6rt+projekt"
    ).get_json()
    assert data["total"] == 3, "total"
    assert data["filters"] == {"region": ["Skåne län", "Blekinge län"], "kind": ["Genomfört projekt"]}, "filters"


def test_json_is_utf8_json(client):
    response = client.get("/api/search?q=städer")
    assert response.mimetype == "application/json"
    assert "städer".encode() in response.data


@pytest.mark.parametrize(
    "query_string",
    [
        "page=0",
        "page=-1",
        "page=x",
        "page=1.5",
        "page=99999",
        "per_page=0",
        "per_page=51",
        "per_page=%EF%BC%91",
        "sort=pris",
        "q=" + "a" * 501,
        "region=" + "x" * 101,
    ],
)
def test_bad_parameters_get_400_and_the_error_shape(client, query_string):
    response = client.get(f"/api/search?{query_string}")
    assert response.status_code == 400
    assert list(response.get_json()) == ["error", "parameter"], "the error shape, with the parameter"
    assert response.get_json()["parameter"] == query_string.partition("=")[0], "the parameter that was wrong"


@pytest.mark.parametrize("q", ["NOT OR ", "NOT AND", "content:[a TO z]", "*a*", "(((", '"', "\x00", "a" * 500])
def test_odd_queries_are_answered(client, q):
    assert client.get("/api/search", query_string={"q": q}).status_code == 200


def test_unknown_api_route_is_404_json(client):
    response = client.get("/api/nope")
    assert response.status_code == 404, "status code"
    assert list(response.get_json()) == ["error"], "an error body only"


def test_missing_index_is_a_clear_503_not_a_traceback(tmp_path):
    from webapp import create_app
    from webapp.errors import MESSAGES

    client = create_app({"INDEX_DIR": str(tmp_path / "none")}).test_client()
    response = client.get("/api/search?q=hamn")
    assert response.status_code == 503
    assert response.get_json() == {"error": MESSAGES[503]}, "the generic line (the command is in the log)"


@pytest.mark.parametrize(
    ("q", "suggestions"),
    [
        ("ham", ["hamn"]),
        ("ystad ha", ["ystad hamn"]),
        ("h", []),  # too short to complete
        ("", []),
    ],
)
def test_suggestions_complete_the_last_word_from_the_index(client, q, suggestions):
    assert client.get("/api/suggest", query_string={"q": q}).get_json() == {"query": q, "suggestions": suggestions}


def test_section_json_twin(client):
    data = client.get("/api/sections/program/ystads-kommun?q=kaj").get_json()
    assert data["title"] == "Ystads kommun", "title"
    assert data["region"] == "Skåne län", "region"
    assert data["contact"] == "Anna Ek", "contact"
    assert any("<mark>kaj</mark>" in p for p in data["paragraphs"])
    assert client.get("/api/sections/nope").status_code == 404


@pytest.mark.parametrize(
    ("query_string", "notice"),
    [
        ({"per_page": 50, "page": 2}, "Sidan 2 finns inte: träffarna ryms på en sida."),
        ({"page": 999}, "Sidan 999 finns inte: träffarna ryms på en sida."),
        ({"q": "hamn", "per_page": 1, "page": 3}, "Sidan 3 finns inte: träffarna ryms på 2 sidor."),
    ],
)
def test_a_page_past_the_last_is_answered_with_a_notice_that_says_how_many_there_are(client, query_string, notice):
    response = client.get("/api/search", query_string=query_string)
    data = response.get_json()
    assert response.status_code == 200, "a well-formed request, answered (see webapp/search.py: _past_end)"
    assert data["results"] == [], "no hits on a page that does not exist"
    assert data["notice"] == notice, "the notice says so and how many pages there are"
    assert data["total"] > 0, "the total of the search as on its first page"


@pytest.mark.parametrize(
    "query_string",
    [{"per_page": 50, "page": 1}, {"q": "hamn", "per_page": 1, "page": 2}, {"q": "zebrafink", "page": 3}],
)
def test_the_last_page_and_a_search_without_hits_say_nothing_of_pages(client, query_string):
    notice = client.get("/api/search", query_string=query_string).get_json()["notice"] or ""
    assert "Sidan" not in notice, f"no page notice for {query_string}"


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        ('"hamn" -hamn', "Sökningen både kräver och utesluter ”hamn”, så inget avsnitt kan passa."),
        ("hamn INTE hamn", "Sökningen både kräver och utesluter ”hamn”, så inget avsnitt kan passa."),
        ("hamn -hamnen", "Sökningen både kräver och utesluter ”hamnen”, så inget avsnitt kan passa."),  # one lemma
        (
            '"regional kärna" -"regional kärna"',
            "Sökningen både kräver och utesluter ”regional kärna”, så inget avsnitt kan passa.",
        ),
        (
            "hamn -ystad -blekinge",
            "2 avsnitt innehåller det du sökte, men alla innehåller också något som sökningen utesluter: "
            "”ystad” och ”blekinge”.",
        ),
        (
            "kaj -ystad",
            "1 avsnitt innehåller det du sökte, men det innehåller också något som sökningen utesluter: ”ystad”.",
        ),
        (  # not a contradiction: a prefix may find other words than the one excluded
            "hamn* -hamn",
            "2 avsnitt innehåller det du sökte, men alla innehåller också något som sökningen utesluter: ”hamn”.",
        ),
    ],
)
def test_a_query_whose_exclusion_leaves_nothing_says_why(client, q, notice):
    data = client.get("/api/search", query_string={"q": q}).get_json()
    assert data["total"] == 0, f"{q!r} finds nothing"
    assert data["notice"] == notice, f"the notice for {q!r}"


@pytest.mark.parametrize("q", ["hamn -ystad", "-hamn", "zebrafink -hamn"])
def test_an_exclusion_that_is_not_why_nothing_was_found_is_not_blamed(client, q):
    notice = client.get("/api/search", query_string={"q": q}).get_json()["notice"] or ""
    assert "utesluter" not in notice, f"no exclusion notice for {q!r}"
