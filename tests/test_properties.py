"""Properties that hold for any input (Hypothesis): no query, parameter, section
text or page makes the service fail, hang or emit markup other than <mark>."""

import html
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis import swedish_analyzer
from indexer.parse import PageError, parse_page
from webapp import create_app
from webapp.params import SearchRequest
from webapp.search import search
from webapp.snippets import highlight, hit_spans, snippet
from webapp.syntax import parse

from .conftest import searching

TIME_LIMIT = 2.0  # the app's search time budget
SLACK = 1.0  # rendering, JSON, a slow shared machine
TAG = re.compile(r"</?[A-Za-z][^>]*>")
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Unicode text, weighted towards what breaks parsers: operators, quotes, wildcards, Swedish letters.
query_text = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "*",
                "(",
                ")",
                "OR",
                "ELLER",
                "INTE",
                "NOT",
                "OCH",
                "|",
                ":",
                "hamn",
                "bostäder",
                "göteborg",
                "\x00",
                "\u202e",
                "🚢",
                "a\u0301",
                " ",
            ]
        ),
        max_size=30,
    ).map(" ".join),
)
parameter = st.one_of(st.text(max_size=30), st.integers(-5, 10**6).map(str))


def only_marks(markup: str) -> bool:
    return set(TAG.findall(markup)) <= {"<mark>", "</mark>"}


@PROPERTY
@given(q=query_text)
def test_the_query_parser_never_raises(q):
    parse(q)


@PROPERTY
@given(q=query_text)
def test_the_search_function_answers_any_query_in_time_with_safe_snippets(fixture_index, q):
    with searching(fixture_index) as run:
        start = time.monotonic()
        result = search(run.searcher, SearchRequest(q=" ".join(q.split())[:500]), run.postings, None, TIME_LIMIT)
        assert time.monotonic() - start < TIME_LIMIT + SLACK, "in time"
    assert all(only_marks(hit["snippet"]) for hit in result["results"])


@PROPERTY
@given(
    q=query_text,
    page=parameter,
    per_page=parameter,
    sort=parameter,
    region=st.lists(parameter, max_size=3),
    kind=st.lists(parameter, max_size=3),
)
def test_the_api_and_page_never_fail_on_any_parameters(fixture_index, q, page, per_page, sort, region, kind):
    client = create_app({"INDEX_DIR": str(fixture_index), "SEARCH_TIME_LIMIT": TIME_LIMIT}).test_client()
    params = {"q": q, "page": page, "per_page": per_page, "sort": sort, "region": region, "kind": kind}
    for path in ("/api/search", "/"):
        start = time.monotonic()
        response = client.get(path, query_string=params)
        assert response.status_code in (200, 400)
        assert time.monotonic() - start < TIME_LIMIT + SLACK
    api = client.get("/api/search", query_string=params)
    assert api.mimetype == "application/json"
    if api.status_code == 200:
        assert all(only_marks(hit["snippet"]) for hit in api.get_json()["results"])
    else:
        assert list(api.get_json()) == ["error", "parameter"], "the error shape, naming the parameter"
        assert api.get_json()["parameter"] in params, "one of the parameters sent"


@PROPERTY
@given(text=st.text(max_size=400), words=st.lists(st.text(min_size=1, max_size=12), max_size=4))
def test_snippets_of_any_text_are_the_escaped_text_with_only_marks(text, words):
    analyzer = swedish_analyzer()
    terms = {t.text for word in words for t in analyzer(word)} | {"hamn"}
    spans = hit_spans(text, terms)
    for markup in (highlight(text, spans), snippet(text, spans)):
        assert only_marks(markup)
        unmarked = html.unescape(markup.replace("<mark>", "").replace("</mark>", ""))
        assert unmarked.strip(" …") in text or text.strip() == ""
    assert html.unescape(highlight(text, spans).replace("<mark>", "").replace("</mark>", "")) == text


@PROPERTY
@given(
    body=st.text(max_size=300),
    tags=st.lists(
        st.sampled_from(
            [
                "<h1>",
                "</h1>",
                "<h2>",
                "<h3 id='x/y'>",
                "<p>",
                "</p>",
                "<div>",
                "<script>",
                "</script>",
                "<br>",
                "<li>",
                "&amp;",
                "&#0;",
                "<!--",
                "<![CDATA[",
            ]
        ),
        max_size=20,
    ),
)
def test_the_parser_reads_any_markup_or_names_why_not(body, tags):
    markup = "".join(f"{tag}{body[i :: len(tags) or 1]}" for i, tag in enumerate(tags)) or body
    try:
        page = parse_page(markup, "p.html")
    except PageError:
        return
    for section in page.sections:  # broken markup may come through as text; it is escaped on output
        assert re.fullmatch(r"[A-Za-z0-9_-]+", section.anchor)
