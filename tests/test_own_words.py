"""In partial matching each hit says which words the section itself holds, and one written word holds one.

Every section of a page stands under the page's heading (the ``context`` field), so a word only
there is held by every section alike. It still counts (the answer to a question often stands under
the heading that names its topic), but the hit says it stands only in the heading above, not that
the section holds it. And one written word never covers two query words: the contact box's
"stadsbyggnadskontoret" holds *stad* or *bygga*, not both, so the box no longer covers more of the
query than the answer beside it, whose own text says "skyfallet". Unless the written word holds each as
one of its own compound parts: "butikslokaler" is butik + lokal, and holds "butik" and "lokaler" both.
"""

import pytest
from bs4 import BeautifulSoup

from .conftest import client_for, page_of_sections

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Skyfallssäkra innerstaden</title></head>
<body><main><h1>Skyfallssäkra innerstaden</h1>
<p>Kommunen gör om gator och torg i innerstaden så att de klarar kraftiga regn.</p>
<h2>Varför behövs arbetet?</h2>
<p>Vid skyfallet 2021 svämmade källare över i centrum. Dagvattnet ska nu ledas till regnbäddar och parker
där det kan sjunka undan utan att skada hus, butiker eller ledningar under gatorna.</p>
<h2>Tidplan</h2><p>Gatorna byggs om etappvis under fyra år.</p>
<h2>Kontakt</h2><p>Projektledare Karin Östlund, stadsbyggnadskontoret.</p>
</main></body></html>"""

#: The rest of the site: "stad" and "bygga" are common words on it, "skyfall" is not.
OTHER = {
    "bostader.html": page_of_sections(
        "Nya bostäder i staden",
        {
            "Så bygger vi": "Kommunen bygger 400 nya bostäder i staden till 2030.",
            "Trä": "Nya skolor byggs i trä i flera delar av staden.",
            "Stationen": "Vid stationen växer en ny stadsdel fram.",
        },
    ),
    "parker.html": page_of_sections("Parker", {"Lekplatser": "Nya lekplatser byggs i stadens parker."}),
}

QUERY = "hur bygger man städer som klarar skyfall"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("own-words"), {"stenstaden.html": PAGE, **OTHER})


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def hit_named(result: dict, title: str) -> dict:
    return next(hit for hit in result["results"] if hit["title"] == title)


def test_the_section_whose_own_text_holds_the_word_ranks_above_a_box_with_it_only_in_the_page_heading(client):
    titles = [hit["title"] for hit in search(client, QUERY)["results"]]
    assert titles.index("Varför behövs arbetet?") < titles.index("Kontakt"), (
        f"'skyfallet' in its own text beats 'skyfall' only in the page's heading: {titles}"
    )


@pytest.mark.parametrize(
    ("title", "field", "expected"),
    [
        ("Kontakt", "context_terms", ["skyfall"]),
        ("Kontakt", "matched_terms", ["städer"]),
        ("Varför behövs arbetet?", "matched_terms", ["skyfall"]),
        ("Varför behövs arbetet?", "context_terms", ["städer"]),
    ],
    ids=["the box: only in the heading", "the box: its own", "the answer: its own", "the answer: only in the heading"],
)
def test_each_hit_says_which_words_it_holds_and_which_only_its_page_heading_holds(client, title, field, expected):
    hit = hit_named(search(client, QUERY), title)
    assert hit[field] == expected, f"{title!r}: {field}"


def test_one_written_word_does_not_cover_two_query_words(client):
    hit = hit_named(search(client, QUERY), "Kontakt")
    assert len({"bygger", "städer"} & set(hit["matched_terms"])) <= 1, (
        f"'stadsbyggnadskontoret' is one word, not 'städer' and 'bygger': {hit['matched_terms']}"
    )


def test_the_page_names_the_words_only_the_heading_above_holds(client):
    page = BeautifulSoup(client.get("/", query_string={"q": QUERY}).data, "html.parser")
    box = next(item for item in page.select("li.hit") if item.h2.get_text(strip=True) == "Kontakt")
    line = box.select_one("p.above")
    assert line is not None, "the box says which words stand only in the heading above it"
    assert line.get_text(" ", strip=True) == "Bara i rubriken ovanför: skyfall", "named so"


SHOPS = {
    "centrum.html": page_of_sections(
        "Handel i centrum",
        {
            "Resultat": "Elva tomma butikslokaler har fått nya hyresgäster.",
            "Torget": "Torget får nya bänkar och träd.",
            "Butiker": "Butikerna har öppet längre på torsdagar.",
        },
    ),
    "lokaler.html": page_of_sections("Lokaler", {"Hyra": "Kommunen hyr ut lokaler till föreningar."}),
}


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("own-parts"), SHOPS)


@pytest.mark.parametrize("word", ["butik", "lokaler"])
def test_a_compound_holds_two_query_words_that_are_its_own_parts(shops, word):
    hit = hit_named(search(shops, "butik tomma lokaler torget"), "Resultat")
    held = {entry["word"]: entry["as"] for entry in hit["coverage_terms"]}
    assert held[word] == "own", f"'butikslokaler' is butik + lokal and holds {word!r} itself: {held}"
