"""What a partial match may hold of a word: its head, a longer compound, a question asked alike, and
words of English (``webapp.partial``, ``webapp.wordquery.head``, ``rerank.by_question``).

A compound typed ("godstransporter") is held whole or by its parts together; when few sections hold
the query, one that holds only its head ("transporter") or a prefixed verb without its prefix
("utbilda" of "vidareutbilda") is offered after them, says which part it holds, and still lacks the
word. A heading that asks the visitor's question goes first among sections that hold about as much
of the query. A word of English is searched as the Swedish words the site writes, and the page says
that the site is in Swedish."""

import pytest

from webapp import scoring

from .conftest import client_for, page_of_sections, searching

PAGES = {
    "gods.html": page_of_sections(
        "Godstrafik", {"Elektrifierade godstransporter": "Regionen vill ha elektrifierade godstransporter på väg."}
    ),
    "utlysning.html": page_of_sections(
        "Utlysning", {"Fossilfria transporter": "Stöd till fossilfria transporter och laddning i länet."}
    ),
    "turism.html": page_of_sections(
        "Turism", {"Bakgrund": "Hotellen vill vidareutbilda säsongsanställda inför sommaren."}
    ),
    "lyft.html": page_of_sections(
        "Kompetenslyft", {"Om projektet": "Projektet ska ge anställda möjlighet att utbilda sig på arbetstid."}
    ),
    "buss.html": page_of_sections("Trafik", {"Nya linjer": "Två nya regionbusslinjer startar i höst."}),
    "skola.html": page_of_sections("Skolor", {"Skolgårdar": "Skolgårdarna rustas upp i höst."}),
}


def site(pages: dict[str, str]):
    """A module's fixture: a test client of the real app over an index of ``pages``."""

    @pytest.fixture(scope="module")
    def client(tmp_path_factory):
        return client_for(tmp_path_factory.mktemp("site"), pages)

    return client


client = site(PAGES)


def search(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in search(client, q)["results"]]


def hit(result: dict, title: str) -> dict | None:
    return next((hit for hit in result["results"] if hit["title"] == title), None)


@pytest.mark.parametrize(
    ("q", "title", "parts"),
    [
        (
            "elektrifierade godstransporter",
            "Fossilfria transporter",
            [{"word": "godstransporter", "part": "transporter"}],
        ),
        (
            "vidareutbilda säsongsanställda",
            "Om projektet",
            [{"word": "vidareutbilda", "part": "utbilda"}, {"word": "säsongsanställda", "part": "anställda"}],
        ),
    ],
    ids=["a compound's last part", "a verb without its prefix, and a compound's last part"],
)
def test_a_section_holding_only_a_words_head_follows_the_complete_matches(client, q, title, parts):
    result = search(client, q)
    found = hit(result, title)
    assert result["used"]["complete"] == 1, "one section holds every word"
    assert found is not None, f"{title!r}, which holds only the heads, is offered"
    assert result["results"][0]["missing_terms"] == [], "the complete match comes first"
    assert found["part_terms"] == parts, "the hit says which part of which word it holds"
    assert found["missing_terms"] == q.split(), "and still lacks the words themselves"


@pytest.mark.parametrize("q", ["elektrifierade godstransporter", "vidareutbilda säsongsanställda"])
def test_vectors_and_whoosh_rank_and_score_heads_the_same(tmp_path, q, monkeypatch):
    client_for(tmp_path, PAGES)
    with searching(tmp_path / "index") as run:  # the search function itself: no result cache between the two
        by_vectors = run(q)["results"]
        monkeypatch.setattr(scoring, "supported", lambda searcher: False)
        by_whoosh = run(q)["results"]
    assert [hit["id"] for hit in by_whoosh] == [hit["id"] for hit in by_vectors], "the same order"
    assert [hit["score"] for hit in by_whoosh] == [hit["score"] for hit in by_vectors], "the same scores"


def test_a_complete_match_holds_no_part_terms(client):
    first = search(client, "elektrifierade godstransporter")["results"][0]
    assert first["part_terms"] == [], "a section that holds the words holds no mere part of them"


def test_the_page_names_the_part_a_hit_holds(client):
    page = client.get("/", query_string={"q": "elektrifierade godstransporter"}).get_data(as_text=True)
    assert "Innehåller en del av ordet: <mark>transporter</mark> (av godstransporter)" in page, "said on the page"


def test_a_word_alone_gets_no_partial_match_by_a_head_and_keeps_its_sections_first(client):
    results = search(client, "skolgårdar")["results"]
    first = results[0]
    assert (first["title"], first["matched_terms"]) == ("Skolgårdar", ["skolgårdar"]), f"the word first: {results}"
    assert [hit["part_terms"] for hit in results] == [[]] * len(results), "its parts follow as words, not as a head"


def test_a_compound_is_found_as_the_first_part_of_a_longer_one(client):
    found = hit(search(client, "regionbuss"), "Nya linjer")
    assert found is not None, "regionbusslinjer holds regionbuss, however the indexer split it"
    assert found["matched_terms"] == ["regionbuss"], "as the word itself, not a part of it"


STREETS = {
    "faq.html": page_of_sections(
        "Frågor och svar", {"Vem ansvarar när gatan svämmar över?": "Kommunen ansvarar för gatorna."}
    ),
    "hus.html": page_of_sections(
        "Ditt hus", {"Skydda huset": "Fastighetsägaren ansvarar för att skydda huset när källaren översvämmas."}
    ),
    "gator.html": page_of_sections("Gator", {"Gatan byggs om": "Gatan vid torget byggs om i år."}),
}

streets = site(STREETS)


def test_a_heading_that_asks_the_question_goes_first_among_partial_matches(streets):
    assert titles(streets, "vem ansvarar när gatan översvämmas")[:2] == [
        "Vem ansvarar när gatan svämmar över?",
        "Skydda huset",
    ], "both lack one word (the FAQ the rarer one); the heading that asks the question goes first"


def test_a_heading_that_asks_the_question_never_passes_a_section_that_holds_more(tmp_path):
    pages = {**STREETS, "svar.html": page_of_sections("Svar", {"Ansvar": "Kommunen ansvarar när gatan översvämmas."})}
    found = titles(client_for(tmp_path, pages), "vem ansvarar när gatan översvämmas")
    assert found[0] == "Ansvar", "the section that holds every word stays first"


def test_a_head_never_lifts_a_section_that_holds_a_word_of_the_query(tmp_path):
    pages = {
        "stod.html": page_of_sections("Stöd", {"Stöd": "Stöd till företag."}),
        "butik.html": page_of_sections("Butiken", {"Butiken": "Ett stöd till butiken visar vägen."}),
        "cykel.html": page_of_sections("Cykel", {"Cykelvägar": "Nya cykelvägar byggs."}),
    }
    result = search(client_for(tmp_path, pages), "stöd cykelväg")
    order = [hit["title"] for hit in result["results"]]
    assert order.index("Stöd") < order.index("Butiken"), (
        "both hold stöd; 'vägen' (the head of cykelväg) neither counts nor scores there"
    )
    assert hit(result, "Butiken")["part_terms"] == [{"word": "cykelväg", "part": "väg"}], "but the hit says it holds it"


ENGLISH = {
    "cykel.html": page_of_sections(
        "Cyklar", {"Cykelparkering": "Nya cykelställ och parkering för cyklar vid stationen."}
    ),
    "besok.html": page_of_sections("Besök", {"Besökare": "Ett par besökare från King Street."}),
}

english = site(ENGLISH)


def test_english_words_are_searched_as_the_sites_swedish_words(english):
    result = search(english, "bike parking")
    assert result["results"][0]["title"] == "Cykelparkering", "the section with cykel and parkering first"
    assert result["results"][0]["matched_terms"] == ["bike", "parking"], "holding both words as typed"
    assert result["used"]["english"] == [
        {"word": "bike", "as": ["cykel"]},
        {"word": "parking", "as": ["parkering"]},
    ], "the JSON says which words were read as English"
    assert result["notice"].startswith(
        "Webbplatsen är på svenska: ”bike” söktes som ”cykel” och ”parking” som ”parkering”. "
    ), "the notice says the site is in Swedish, first"
    assert result["used"]["synonyms"] == [], "not offered as synonyms the visitor could leave out"


def test_an_english_word_is_never_read_as_swedish_parts(english):
    assert "Besökare" not in titles(english, "parking"), "'parking' is no par + king"


def test_an_english_word_the_site_lacks_in_swedish_too_says_the_site_is_in_swedish(english):
    result = search(english, "healthcare")
    assert result["total"] == 0, "no section is about care"
    assert result["notice"].startswith("Webbplatsen är på svenska."), "the page says why"


WITH_ENGLISH = {
    "finansiering.html": page_of_sections(
        "Finansiering", {"Finansiering": "Finansiering och stöd till projekt i hela landet, finansiering för alla."}
    ),
    "en.html": page_of_sections(
        "Who can apply", {"Who can apply": "Companies and municipalities can apply for funding."}
    ),
}

with_english = site(WITH_ENGLISH)


def test_an_english_word_the_site_writes_is_searched_as_the_site_writes_it(with_english):
    """A site with pages in English: "funding" finds them first, and is not a Swedish word (reviewer5 S8)."""
    result = search(with_english, "funding")
    assert result["results"][0]["title"] == "Who can apply", "the page in English that writes the word comes first"
    assert not result["used"]["english"], "the word is the site's own, not read as English"
    assert not (result["notice"] or "").startswith("Webbplatsen är på svenska"), "no notice that the site is Swedish"


ALONE = {
    "kurs.html": page_of_sections(
        "Kurser", {"Vidareutbildning för lärare": "Lärare kan gå en vidareutbildning i matematik."}
    ),
    "vuxna.html": page_of_sections(
        "Vuxna", {"Utbildning för vuxna": "Skolan erbjuder utbildning för vuxna på kvällstid."}
    ),
    "ny.html": page_of_sections("Företag", {"Nyanställa": "Företaget vill nyanställa tio personer."}),
    "jobb.html": page_of_sections("Jobb", {"Att anställa": "Så kan du anställa din första medarbetare."}),
    "mat.html": page_of_sections("Mat", {"Lunch": "Skolmaten lagas i köket."}),
}

alone = site(ALONE)


@pytest.mark.parametrize(
    ("q", "holding", "by_head", "head"),
    [
        ("vidareutbildning", "Vidareutbildning för lärare", "Utbildning för vuxna", "utbildning"),
        (
            "vidareutbilda",
            "Vidareutbildning för lärare",
            "Utbildning för vuxna",
            "utbilda",
        ),  # its family, as in a query
        ("nyanställa", "Nyanställa", "Att anställa", "anställa"),
    ],
)
def test_a_word_typed_alone_that_few_sections_hold_is_followed_by_those_that_hold_its_head(
    alone, q, holding, by_head, head
):
    result = search(alone, q)
    assert [hit["title"] for hit in result["results"]] == [holding, by_head], "the word's section, then its head's"
    assert result["results"][1]["part_terms"] == [{"word": q, "part": head}], "the hit says which part it holds"
    assert result["results"][1]["missing_terms"] == [q], "and that it lacks the word"
    notice = f"Bara 1 avsnitt innehåller ”{q}”. Efter det visas avsnitt som innehåller ”{head}”."
    assert result["notice"] == notice, "the notice names the word and its head, not 'alla orden'"


ALONE_AND_SYNONYM = {
    **ALONE,
    "lyft.html": page_of_sections(
        "Lyft",
        {
            "Kompetenslyft": "Företagen satsar på kompetensutveckling för personalen.",
            "I vården": "Kompetensutveckling för undersköterskor.",
        },
    ),
}

alone_and_synonym = site(ALONE_AND_SYNONYM)


def test_the_notice_counts_every_section_shown_before_the_heads_a_synonyms_too(alone_and_synonym):
    """ "vidareutbildning" is one section's word and two sections' synonym (kompetensutveckling): three come
    before the head's, and the notice said "Bara 1 avsnitt" (reviewer7 N1)."""
    result = search(alone_and_synonym, "vidareutbildning")
    shown = [hit["title"] for hit in result["results"]]
    assert shown[-1] == "Utbildning för vuxna", f"the head's section comes last: {shown}"
    notice = (
        "Bara 3 avsnitt innehåller ”vidareutbildning” eller ett ord med samma betydelse. "
        "Efter dem visas avsnitt som innehåller ”utbildning”."
    )
    assert result["notice"] == notice, "the count is of the three sections before the head's"
