"""Light verbs and auxiliaries are filler: a query is about its nouns, not its "gå", "ta" or "kommer".

Found by an outside tester (outsider16) and a reviewer: in "hur kan man gå vidare", "vad ska jag ta med" or
"kommer man att få stöd" the verbs weighed in a partial match's coverage like the words the query is about, so
a section that only said "kommer" outranked the sections about "stöd". They are optional now
(``webapp/data/optional_words.txt``): not required, in the score, not in the coverage. A verb that makes a
particle verb with the particle after it ("lägga ner": nedläggning) is that verb, a word; in a query of nothing
but filler the light verbs are its words ("ta" of "vad ska jag ta med", not "ska").
"""

import pytest

from indexer import datafiles
from indexer.analysis import stop_words
from indexer.families import rules
from webapp.query import optional_words

from .conftest import client_for, one_page_client, page_of_sections

PAGES = {
    "stod.html": page_of_sections(
        "Stöd och rådgivning",
        {
            "Stöd till företag": "Företag i kommunen kan söka stöd för att utveckla sina tjänster.",
            "Stöd till föreningar": "Föreningar kan söka stöd för lokaler och verksamhet.",
            "Rådgivning": "Vi ger råd till den som vill starta ett företag.",
        },
    ),
    "om.html": page_of_sections(
        "Om statistiken",
        {
            "Källor": "Uppgifterna kommer från kommunens egna register och kommer att uppdateras.",
            "Ta med": "Ta med legitimation och ett intyg till mötet.",
        },
    ),
    "ansokan.html": page_of_sections(
        "Ansökan",
        {
            "Gå vidare med ansökan": "När ansökan är inskickad kan du gå vidare till nästa steg.",
            "Kurser": "Du kan gå en kurs om bokföring och gå på mässan i maj.",
        },
    ),
    "butiker.html": page_of_sections(
        "Butiker",
        {"Nedläggning": "Nedläggningen av butiken i byn drabbade många.", "Ladda ner": "Ladda ner blanketten här."},
    ),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("light-verbs"), PAGES)


def searched(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


@pytest.mark.parametrize(
    ("q", "optional"),
    [
        ("hur kan man gå vidare", ["man", "gå"]),
        ("kommer man att få stöd", ["kommer", "man", "få"]),
        ("ge råd till företag", ["ge"]),
        ("gick en kurs i bokföring", ["gick"]),  # a light verb in any form
        ("tar det lång tid att få svar", ["tar", "få"]),
        ("hålla ett möte om lokaler", ["hålla"]),
        ("brukar man kunna söka stöd", ["brukar", "man", "kunna"]),
        ("ladda ner blanketten", ["ner"]),  # a particle alone says nothing
        ("lägga ner butiken", ["ner"]),  # a particle verb with a noun (nedläggning) is a word, its verb
        ("ställa om industrin", []),  # omställning
        ("vad ska jag ta med", ["ska"]),  # nothing but filler: the light verb is the word
        ("vad kan man göra", ["man"]),
        ("vart vänder jag mig om stödet", ["vänder"]),  # "vända sig" to someone: where to ask, not a topic
        # typed without å, ä, ö, as filler is with them: "manga" is "många", "far" is "får"
        ("hur manga butiker har lagt ner", ["manga", "ner"]),
        ("far man stöd till föreningar", ["far", "man"]),
        ("kan man ga en kurs", ["man", "ga"]),
    ],
)
def test_light_verbs_and_auxiliaries_are_left_out_of_the_words(client, q, optional):
    used = searched(client, q)["used"]
    assert used["optional"] == optional, f"{q!r}: the words left out as filler"


@pytest.mark.parametrize(
    ("q", "first", "counted"),
    [
        ("kommer man att få stöd", "Stöd till företag", ["stöd"]),  # "Källor" says "kommer", a rarer word
        ("hur kan man gå vidare", "Gå vidare med ansökan", ["vidare"]),
        ("vad ska jag ta med", "Ta med", ["ta"]),
    ],
)
def test_a_section_is_ranked_by_the_words_the_query_is_about(client, q, first, counted):
    results = searched(client, q)["results"]
    assert results[0]["title"] == first, f"{q!r}: {[(hit['title'], hit['coverage']) for hit in results]}"
    words = {entry["word"] for hit in results for entry in hit["coverage_terms"]}
    assert sorted(words) == sorted(counted), f"{q!r}: the words the coverage counts"


def test_a_section_holding_only_a_light_verb_holds_none_of_the_query(client):
    results = searched(client, "kommer man att få stöd")["results"]
    sources = next(hit for hit in results if hit["title"] == "Källor")
    assert sources["coverage"] == 0.0, f"'Källor' says only 'kommer': {sources['coverage_terms']}"


# A light verb and the particle right after it are a verb of their own (reviewer, M1): "ta fram" (produce), "ta
# bort" (remove), "komma in" (arrive), "hålla öppet" (keep open), "gå igenom" (go through). Left out as filler,
# the query was its noun alone, and a section that only named the noun outranked the one that said the pair.
PARTICLE_VERBS = {
    "Planer": "Planen för parken finns i detaljplanen. Tidplanen och planens karta visar var planen gäller.",
    "Centrum": "Kommunen tar fram en plan för hur torget ska användas.",
    "Trafiken": "Trafiken på gatorna ökar. Trafiken mäts varje år och trafiken på bron är störst.",
    "Hamnen": "Hamnen tar bort trafiken från kajen när den nya vägen är klar.",
    "Öppet hus": "Öppet hus i biblioteket. Skolan har öppet hus och museet har öppet på lördagar.",
    "Byabutiken": "Butiken får ett bidrag för att hålla öppet hela året.",
    "Vad kommer att hända": "Det kommer att bli en ny skola. Det kommer fler bostäder och kommer en park.",
    "Sista dag": "Ansökningar som kommer in efter sista dagen prövas inte.",
    "Ansökan": "Ansökan skickas till kommunen. En ansökan ska vara fullständig och ansökan diarieförs.",
    "Handläggning": "Handläggaren går igenom ansökan och ber om det som saknas.",
}


@pytest.fixture(scope="module")
def particle_client(tmp_path_factory):
    return one_page_client(tmp_path_factory, PARTICLE_VERBS, title="Kommunen")


@pytest.mark.parametrize(
    ("q", "first", "pair"),
    [
        ("ta fram en plan", "Centrum", ["ta", "fram"]),
        ("ta bort trafiken", "Hamnen", ["ta", "bort"]),
        ("hålla öppet", "Byabutiken", ["hålla", "öppet"]),
        ("komma in", "Sista dag", ["komma", "in"]),
        ("gå igenom ansökan", "Handläggning", ["gå", "igenom"]),
    ],
)
def test_a_light_verb_and_its_particle_are_words(particle_client, q, first, pair):
    found = searched(particle_client, q)
    titles = [hit["title"] for hit in found["results"]]
    assert titles[:1] == [first], f"{q!r}: the section saying {' '.join(pair)!r} first, not {titles}"
    left_out = [word for word in found["used"]["optional"] if word in pair]
    assert left_out == [], f"{q!r}: {' '.join(pair)!r} is a verb of its own, no filler"


def test_the_particles_are_listed_once_and_those_that_are_no_stop_words_are_filler():
    """Review N6: optional_words.txt repeated the particles of word_families.toml's [particle_verbs]; one list now."""
    particles = set(rules().particles)
    listed = {entry.lower() for entry in datafiles.entries("optional_words.txt", package="webapp")}
    assert not particles & listed, f"optional_words.txt lists particles again: {sorted(particles & listed)}"
    filler = {particle for particle in particles if particle not in stop_words()}
    assert filler <= optional_words()[0], f"the particles that are no stop words are filler: {sorted(filler)}"
