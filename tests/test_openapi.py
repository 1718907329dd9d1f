"""The JSON API keeps its contract: ``/api/openapi.json`` describes every route, and Schemathesis
sends property-based requests generated from that description to the real app over a real index.

Every response must match its documented schema (closed objects: an undocumented key fails), no
request may give a 5xx, and the limits in the description are the ones the validator enforces."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from webapp import create_app, openapi
from webapp.params import MAX_PER_PAGE, MAX_QUERY_CHARS, MAX_REQUEST_LINE, MAX_SECTION_ID_CHARS
from webapp.rerank import RELEVANCE_ORDER
from webapp.sorts import SORTS

EXAMPLES_PER_ROUTE = 40
SITE_NAME = "Utveckla svenska städer"
WEBHOOK_TOKEN = "a-token-no-generated-request-will-guess-1f0c9a"


@pytest.fixture(scope="module")
def api_app(real_index):
    """The real app over the bundled corpus, with the webhook on (so 401s are exercised)."""
    return create_app({"TESTING": True, "INDEX_DIR": str(real_index), "REINDEX_TOKEN": WEBHOOK_TOKEN})


# The description is plain data built from constants, so it can be read at import; the app is a fixture.
# (Schemathesis's lazy fixture loader does not work with pytest 9, hence the app passed to each call.)
schema = schemathesis.openapi.from_dict(openapi.description(SITE_NAME))


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_ROUTE, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_every_route_answers_as_its_description_says(case, api_app):
    # Not checked: that every request outside the description is refused. Filter values are free text by design
    # (an unknown value selects nothing), so a generated "invalid" value such as region=null is a valid request.
    case.call_and_validate(app=api_app, excluded_checks=[negative_data_rejection])


def test_the_served_description_is_the_one_tested(api_app):
    served = api_app.test_client().get("/api/openapi.json").get_json()
    assert served == openapi.description(api_app.config["SITE_NAME"]), "/api/openapi.json serves the description"


@pytest.fixture
def description(api_app):
    return api_app.test_client().get("/api/openapi.json").get_json()


def search_parameter(description, name):
    parameters = description["paths"]["/api/search"]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["schema"]


def test_the_description_states_the_order_of_the_results_by_the_keys_each_result_carries(description):
    result = description["components"]["schemas"]["Result"]["properties"]
    assert result["coverage"]["anyOf"][0] == {**result["coverage"]["anyOf"][0], "minimum": 0, "maximum": 1}, (
        "coverage is a share of the query"
    )
    assert RELEVANCE_ORDER in result["coverage"]["anyOf"][0]["description"], "the order is stated at the coverage"
    assert RELEVANCE_ORDER in search_parameter_description(description, "sort"), "and at the sort parameter"


def search_parameter_description(description, name):
    parameters = description["paths"]["/api/search"]["get"]["parameters"]
    return next(p for p in parameters if p["name"] == name)["description"]


def test_the_description_is_openapi_3_1(description):
    assert description["openapi"] == "3.1.0", "the description's OpenAPI version"


@pytest.mark.parametrize(
    "name, key, expected",
    [("q", "maxLength", MAX_QUERY_CHARS), ("per_page", "maximum", MAX_PER_PAGE), ("sort", "enum", list(SORTS))],
)
def test_the_description_states_the_limits_the_validator_enforces(description, name, key, expected):
    assert search_parameter(description, name)[key] == expected, f"{name}.{key} in the description"


@pytest.mark.parametrize(
    "route",
    [
        "/api/search",
        "/api/sections/{section_id}",
        "/api/suggest",
        "/api/healthz",
        "/api/reindex",
        "/api/reindex/status",
        "/api/openapi.json",
    ],
)
def test_every_json_route_is_described(description, route):
    assert route in description["paths"], f"{route} is missing from the description"


def test_every_json_route_of_the_app_is_described(api_app, description):
    described = {path.replace("{section_id}", "<path:section_id>") for path in description["paths"]}
    routes = {rule.rule for rule in api_app.url_map.iter_rules() if rule.rule.startswith("/api/")}
    assert routes <= described, f"routes without a description: {sorted(routes - described)}"


def test_json_facet_values_carry_a_toggle_url_to_the_api(api_app):
    result = api_app.test_client().get("/api/search?q=hamn").get_json()
    value = result["facets"]["region"][0]
    assert value["toggle_url"].startswith("/api/search?"), f"toggle_url of {value['value']}: {value['toggle_url']}"
    toggled = api_app.test_client().get(value["toggle_url"]).get_json()
    assert toggled["filters"] == {"region": [value["value"]]}, "following the toggle_url selects the value"


#: The routes that take a query, which a request line too long for the server can reach.
ROUTES_WITH_A_QUERY = ["/api/search", "/api/sections/{section_id}", "/api/suggest"]


@pytest.mark.parametrize("route", ROUTES_WITH_A_QUERY)
def test_the_servers_own_414_is_described_where_a_query_goes(description, route):
    answer = description["paths"][route]["get"]["responses"].get("414", {})
    assert list(answer.get("content", {})) == ["text/html"], "described, as the page gunicorn writes"


def test_a_query_at_its_limit_in_any_characters_fits_the_servers_request_line():
    emoji = "%F0%9F%8F%A0"  # the most bytes a character takes in a URL
    longest = f"GET /api/sections/{'x' * MAX_SECTION_ID_CHARS}?q={emoji * MAX_QUERY_CHARS} HTTP/1.1"
    assert len(longest) <= MAX_REQUEST_LINE, "the app's own 400 answers a query too long, not gunicorn's 414"
