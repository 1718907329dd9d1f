"""Navigation labels help find a section, but do not make it an answer.

A breadcrumb trail ("Sök finansiering › Regionalfonden › Program Norra") stands above every page of a menu
branch alike. A section holding a query word only there is found, and says so (``matched_fields``), but it is
no complete match: when fewer sections than a page of results hold every word outside their trail, the
sections that hold some of the words on their own are ranked among them, and a word the section's own page
holds elsewhere counts for it too. The fixture: a call whose "Vem kan söka?" answers
"vem kan söka finansiering från regionalfonden" (the call's lead names the fund), and four programme pages
whose sections hold all three words only in their trail."""

import pytest
from whoosh import index as whoosh_index

from indexer import build as build_module
from indexer.schema import make_schema
from indexer.update import update
from webapp import create_app
from webapp.partial import FEW_HITS

from .conftest import client_for, page_with_trail, write_corpus

QUESTION = "vem kan söka finansiering från regionalfonden"
AREAS = ("Norra", "Östra", "Södra", "Västra")


CALL = page_with_trail(
    ["Start", "Sök finansiering", "Utlysningar", "Grön omställning"],
    "Utlysning: Grön omställning",
    "Regionalfonden bekostar projekt som hjälper företag att ställa om.",
    {
        "Vem kan söka?": "Kommuner, regioner och lärosäten. Företag kan delta i projekten.",
        "Hur mycket kan ni få?": "Högst 40 procent av kostnaderna.",
    },
)

PAGES = {
    "utlysning.html": CALL,
    **{
        f"program-{area.lower()}.html": page_with_trail(
            ["Start", "Sök finansiering", "Regionalfonden", f"Program {area}"],
            f"Program {area}",
            "Programmet gäller tre län.",
            {
                "Budget": "En miljard kronor för hela perioden.",
                "Prioriteringar": "Innovation och digitalisering.",
                "Partnerskap": "Förtroendevalda väljer vilka projekt som prioriteras.",
            },
        )
        for area in AREAS
    },
    "nyhet.html": page_with_trail(["Start", "Nyheter"], "Nytt kontor i Luleå", "Vi öppnar ett kontor.", {}),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("trail"), PAGES)


def search(client, q: str, **params) -> dict:
    response = client.get("/api/search", query_string={"q": q, **params})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def titles(result: dict) -> list[str]:
    return [f"{hit['title']} ({hit['url'].split('#')[0]})" for hit in result["results"]]


def test_the_fixture_has_more_sections_holding_every_word_only_through_their_trail_than_a_page_shows(client):
    hits = search(client, QUESTION, per_page=50)["results"]
    holding = [hit for hit in hits if hit["missing_terms"] == [] and "trail" in hit["matched_fields"]]
    assert len(holding) >= FEW_HITS, "every word is held, with the trail, by at least a page of sections"


def test_words_held_only_in_the_trail_do_not_make_a_section_a_complete_match(client):
    used = search(client, QUESTION)["used"]
    assert used["complete"] == 0, "no section holds every word outside its breadcrumb trail"
    assert used["partial"], "so the sections that hold some of the words on their own are ranked too"


def test_the_notice_says_the_words_are_held_only_in_the_navigation(client):
    assert search(client, QUESTION)["notice"] == (
        "Inget avsnitt innehåller alla orden i sökningen utom i sidans navigering (brödsmulorna). De som innehåller "
        "mest av sökningen visas först (ett ovanligt ord väger tyngre än ett vanligt), och under varje träff står "
        "vad som saknas."
    )


def test_the_answer_under_a_page_about_the_fund_is_on_the_first_page(client):
    assert "Vem kan söka? (utlysning.html)" in titles(search(client, QUESTION)), "the call's 'Vem kan söka?'"


def test_the_answer_ranks_above_every_section_that_holds_the_words_only_in_its_trail(client):
    ranked = titles(search(client, QUESTION))
    answer = ranked.index("Vem kan söka? (utlysning.html)")
    programme = [n for n, title in enumerate(ranked) if "program-" in title]
    assert programme, "the programme sections are on the first page too"
    assert answer < min(programme), f"the answer before the trail-only matches: {ranked}"


def test_a_section_found_only_by_its_trail_says_so_and_lacks_nothing(client):
    hits = search(client, "regionalfonden budget")["results"]
    assert [hit["title"] for hit in hits[: len(AREAS)]] == ["Budget"] * len(AREAS), "the four budgets first"
    assert hits[0]["matched_fields"] == ["title", "trail"], "the heading says budget, the trail regionalfonden"
    assert hits[0]["missing_terms"] == [], "a word in the trail is held, not missing"


def _index_fields_before_the_trail(document, *args, **kwargs):
    """A section's fields as indexes were written before the trail field: its trail inside its context."""
    fields = dict(INDEX_FIELDS(document, *args, **kwargs))
    trail = fields.pop("trail")
    fields["context"] = "\n".join(line for line in (fields["context"], trail) if line)
    return fields


def _schema_before_the_trail():
    schema = make_schema()
    schema.remove("trail")
    return schema


INDEX_FIELDS = build_module.index_fields


@pytest.fixture
def index_before_the_trail(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", PAGES)
    with monkeypatch.context() as patched:
        patched.setattr(build_module, "make_schema", _schema_before_the_trail)
        patched.setattr(build_module, "index_fields", _index_fields_before_the_trail)
        build_module.build(corpus, tmp_path / "index")
    return corpus, tmp_path / "index"


def _fields(index) -> set[str]:
    return set(whoosh_index.open_dir(str(index.resolve())).schema.names())


def test_an_index_written_before_the_trail_field_is_served_with_its_trail_in_the_context(index_before_the_trail):
    _corpus, index = index_before_the_trail
    assert "trail" not in _fields(index), "the older index has no trail field"
    client = create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()
    for q in (QUESTION, "regionalfonden budget", "regionalf*", "regionalfondn"):
        assert search(client, q)["total"] > 0, f"{q!r} is answered from the older index"


def test_an_update_of_an_index_written_before_the_trail_field_rebuilds_it_whole(index_before_the_trail):
    corpus, index = index_before_the_trail
    report = update(corpus, index)
    assert report.rebuilt, "the update is a full build"
    assert "trail" in _fields(index), "the new generation has the trail field"
