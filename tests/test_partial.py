"""Never zero hits while a word matches: partial matches, optional question words,
and what each hit lacks ("Saknas: …"), on the page and in the JSON."""

import re

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.analysis import words
from webapp.search import Features

from .conftest import client_for, searching


def hits(result):
    return [(hit["title"], hit["missing_terms"]) for hit in result["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kaj innovation", [("Krinova Science Park", ["kaj"]), ("Ystads kommun", ["innovation"])]),
        ("hamn xyzzy", [("Region Blekinge", ["xyzzy"]), ("Ystads kommun", ["xyzzy"])]),
        ("hamn kaj", [("Region Blekinge", ["kaj"]), ("Ystads kommun", [])]),
    ],
)
def test_sections_holding_some_of_the_words_are_found_and_say_what_they_lack(run, q, expected):
    assert sorted(hits(run(q))) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kaj-innovation", [("Krinova Science Park", ["kaj"]), ("Ystads kommun", ["innovation"])]),
        ("hamn-kaj", [("Region Blekinge", ["kaj"]), ("Ystads kommun", [])]),
    ],
    ids=["no section holds both parts", "one section holds both"],
)
def test_a_hyphenated_word_no_section_holds_whole_is_matched_part_by_part(run, q, expected):
    assert sorted(hits(run(q))) == expected, "each section says which part of the word it lacks"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("hamnkaj", [("Region Blekinge", ["kaj"]), ("Ystads kommun", [])]),
        ("innovationskaj", [("Krinova Science Park", ["kaj"]), ("Ystads kommun", ["innovation"])]),
        (
            "innovationshamnarna",
            [
                ("Krinova Science Park", ["hamnarna"]),
                ("Region Blekinge", ["innovation"]),
                ("Ystads kommun", ["innovation"]),
            ],
        ),
    ],
    ids=["one section holds both words", "a linking s, no section holds both", "each part named as typed"],
)
def test_a_compound_the_compound_rules_keep_whole_is_read_as_two_indexed_words(run, q, expected):
    assert sorted(hits(run(q))) == expected, "each section says which of the two words it lacks"


MEALS_PAGE = """<main><h1>Mat och el</h1>
<h2 id="mat">Lokal mat</h2><p>Gårdarna säljer mat i butiken.</p>
<h2 id="produkter">Nya produkter</h2><p>Företagen kan ta fram nya produkter.</p>
<h2 id="el">El till industrin</h2><p>Industrin behöver mer el.</p>
<h2 id="tillvaxt">Tillväxt</h2><p>Företagen växer i länet.</p>
<h2 id="toa">Toaletter</h2><p>En ny toa vid hamnen.</p>
<h2 id="butiker">Butiker</h2><p>Butikerna på landet är små.</p></main>"""


@pytest.fixture(scope="module")
def meals(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("meals"), {"mat.html": MEALS_PAGE})


@pytest.mark.parametrize("q", ["matta", "växel", "tomat"])
def test_a_simple_word_is_never_cut_into_a_short_word_and_another(meals, q):
    # each holds two indexed words, one of them shorter than a compound part may be (mat + ta, växa + el,
    # toa + mat); a known word cut into two long ones ("tallrik": tall + rik) still can be, like "småföretag"
    result = meals.get("/api/search", query_string={"q": q}).get_json()
    assert result["total"] == 0, f"no section holds {q!r}, and no two words stand in for it"


def test_a_place_name_is_never_read_as_two_words(meals):
    # "små" and "landet" are both indexed, "Småland" is not: the visitor asked for a place
    result = meals.get("/api/search", query_string={"q": "småland"}).get_json()
    assert result["total"] == 0, "no section names Småland, and små + land do not stand in for it"


def test_a_hit_holding_one_part_of_a_split_word_names_that_part_as_matched(run):
    matched = {hit["title"]: hit["matched_terms"] for hit in run("kaj-innovation")["results"]}
    assert matched == {"Krinova Science Park": ["innovation"], "Ystads kommun": ["kaj"]}, "the parts held"


def test_a_misspelled_word_is_corrected_not_split_into_parts(run):
    result = run("innovasion")
    assert result["suggestion"] == "innovation", "the correction"
    assert not result["used"]["partial"], "no partial matches on pieces of the misspelling"


def test_a_rare_word_outweighs_a_common_one(run):
    # "planering" is in three sections, "kaj" in one: kaj + hamn beats planering + hamn
    first = run("planering kaj hamn")["results"][0]
    assert first["title"] == "Ystads kommun", "title"
    assert first["missing_terms"] == ["planering"], "missing terms"


def test_partial_matches_are_announced_in_the_notice_and_the_used_flags(run):
    result = run("hamn xyzzy")
    assert result["notice"].startswith("Inget avsnitt innehåller alla orden")
    assert "Inget avsnitt innehåller: ”xyzzy”." in result["notice"]
    assert result["used"] == {
        "partial": True,
        "complete": 0,
        "typo": False,
        "synonyms": [],
        "regions": [],
        "municipalities": [],
        "places": [],
        "nowhere": [],
        "english": [],
        "optional": [],
        "searchable": True,
        "unfiltered": 2,
        "unquoted": None,
    }


def test_few_complete_matches_are_counted_in_the_notice(run):
    assert run("hamn kaj")["notice"] == (
        "Bara 1 avsnitt innehåller alla orden i sökningen. Efter det visas avsnitt som innehåller några av orden."
    )


def test_enough_complete_matches_show_no_partial_ones(run):
    result = run("planering")
    assert not result["used"]["partial"], "partial"
    assert result["notice"] is None, "notice"
    assert {h["title"] for h in result["results"]} == {"Programmet", "Region Blekinge", "Boverket"}, (
        "every section holding the word"
    )


def test_facet_counts_are_those_of_the_partial_matches_shown(run):
    result = run("kaj innovation")
    assert result["total"] == 2, "total"
    assert result["facets"]["region"] == [{"value": "Skåne län", "count": 2, "selected": False}], "region"


def test_scores_of_partial_matches_leave_out_the_coverage_part(run):
    scores = [hit["score"] for hit in run("kaj innovation")["results"]]
    assert all(0 < score < 100 for score in scores)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"planering och hamn" kaj', [("Region Blekinge", ["kaj"])]),  # the phrase stays required
        ("hamn innovation -kaj", [("Krinova Science Park", ["hamn"]), ("Region Blekinge", ["innovation"])]),
        ("hamn innovation INTE kaj", [("Krinova Science Park", ["hamn"]), ("Region Blekinge", ["innovation"])]),
        ('hamn "kaj"', [("Ystads kommun", [])]),  # one word in quotes is required
        ('"hamn planering"', []),
    ],
)
def test_phrases_exclusions_and_quoted_words_stay_strict(run, q, expected):
    assert sorted(hits(run(q))) == sorted(expected)


@pytest.mark.parametrize(
    ("q", "unquoted", "words"),
    [
        ('"hamn planering"', "hamn planering", "orden"),  # the words apart, not in that order
        ('"hamn planering', "hamn planering", "orden"),  # a quote left open reads to the end
        ('"hamn planering" -kaj', "hamn planering -kaj", "orden"),  # an exclusion stays
        ('"hamn planering" kaj', "hamn planering kaj", "några av orden"),  # one more word (review)
        ('"hamn planering" xyzzy', "hamn planering xyzzy", "några av orden"),  # found in part, as without quotes
        ('"hamn xyzzy" -hamn', None, None),  # the words apart find nothing either: nothing to offer
        ('"planering och hamn"', None, None),  # found: nothing to say
    ],
)
def test_quotes_that_find_nothing_say_whether_the_words_apart_do(run, q, unquoted, words):
    result = run(q)
    assert result["used"]["unquoted"] == unquoted, "the query to offer without quotes"
    said = result["notice"] is not None and "precis som det står inom citattecknen" in result["notice"]
    assert said == (unquoted is not None), "the notice says why nothing was found"
    if words:
        assert result["notice"].endswith(f"innehåller {words}."), "and how many hold the words apart"


def test_the_page_links_to_the_search_without_quotes(client):
    page = client.get("/", query_string={"q": '"hamn planering"'}).get_data(as_text=True)
    assert 'href="/?q=hamn+planering">Sök utan citattecken</a>' in page, "one click to the words apart"


@pytest.mark.parametrize(
    ("q", "optional"),
    [
        ("var finns en hamn", ["finns"]),  # "var" and "en" are stop words: dropped, not optional
        ("vilken hamn får nya bostäder", ["får"]),
        ("hur kan man hitta information om hamn", ["man", "hitta", "information"]),
        ("finns hamn för vår by", ["finns", "vår"]),  # our village: "vår" as typed only
        ("hamn till våren", []),  # spring, the lemma of "vår" in another form, is a word
    ],
)
def test_question_words_and_filler_are_optional(run, q, optional):
    result, plain = run(q), run(" ".join(w for w in q.split() if w not in optional))
    assert result["used"]["optional"] == optional, f"{q!r}: the words left out"
    assert hits(result) == hits(plain), f"{q!r}: the hits of the query without them"


def test_a_query_of_only_filler_still_searches_for_it(run):
    result = run("finns")
    assert result["used"]["optional"] == [], "optional"
    assert [hit["title"] for hit in result["results"]] == [], "no hits"
    assert result["notice"] is None


def test_features_off_require_every_word_and_every_filler(run):
    off = run("finns hamn kaj", features=Features(partial=False))
    assert off["total"] == 0, "total"
    assert off["used"]["optional"] == [], "optional"


def test_the_page_says_what_each_hit_lacks_with_a_link_that_requires_it(client):
    page = BeautifulSoup(client.get("/?q=hamn+kaj").get_data(as_text=True), "html.parser")
    missing = page.select("li.hit .missing")
    assert [m.get_text(" ", strip=True) for m in missing] == ["Saknas: kaj | Måste innehålla: kaj"]
    assert missing[0].select_one("s").get_text() == "kaj"
    required = client.get(missing[0].select_one("a")["href"])
    titles = [
        h.get_text(strip=True)
        for h in BeautifulSoup(required.get_data(as_text=True), "html.parser").select("li.hit h2")
    ]
    assert titles == ["Ystads kommun"]
    assert "Bara 1 avsnitt innehåller alla orden" in page.select_one(".notice").get_text()


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        (
            "hamnkaj",  # "Hamnen i Ystad får … en ny kaj": the parts, but not together (held in part)
            "Inget avsnitt innehåller alla delar av ordet ”hamnkaj” tillsammans: ”hamn” och ”kaj”. "
            "De som innehåller någon av delarna visas, och under varje träff står vad som saknas.",
        ),
        (
            "finns hamn-kaj",  # with a filler word, still one word typed; words typed apart, held anywhere
            "Bara 1 avsnitt innehåller alla delar av ordet ”hamn-kaj”: ”hamn” och ”kaj”. "
            "Efter det visas avsnitt som innehåller någon av delarna.",
        ),
        (
            "innovationskaj",
            "Inget avsnitt innehåller alla delar av ordet ”innovationskaj” tillsammans: ”innovation” och ”kaj”. "
            "De som innehåller någon av delarna visas, och under varje träff står vad som saknas.",
        ),
        (
            "hamnbranschen",  # its parts as typed (not the lemma "bransch"), also where no section holds one
            "Inget avsnitt innehåller alla delar av ordet ”hamnbranschen” tillsammans: ”hamn” och ”branschen”. "
            "De som innehåller någon av delarna visas, och under varje träff står vad som saknas. "
            "Inget avsnitt innehåller: ”branschen”.",
        ),
    ],
)
def test_one_word_searched_as_its_parts_is_spoken_of_as_its_parts(client, q, notice):
    data = client.get("/api/search", query_string={"q": q}).get_json()
    assert data["notice"] == notice, f"the notice for the one word {q!r}"
    page = BeautifulSoup(client.get("/", query_string={"q": q}).get_data(as_text=True), "html.parser")
    assert page.select_one(".notice").get_text() == notice, "the same notice on the page"


def test_two_words_one_of_them_searched_as_its_parts_are_spoken_of_as_words(client):
    notice = client.get("/api/search", query_string={"q": "kaj-innovation hamn"}).get_json()["notice"]
    assert notice.startswith("Inget avsnitt innehåller alla orden i sökningen."), "the words of the query"


def test_the_json_says_per_hit_which_query_words_matched(client):
    data = client.get("/api/search", query_string={"q": "hamn kaj"}).get_json()
    assert [(r["matched_terms"], r["missing_terms"]) for r in data["results"]] == [
        (["hamn", "kaj"], []),
        (["hamn"], ["kaj"]),
    ]


# -- The property: any query with one word that finds something finds something ---------

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


@pytest.fixture(scope="module")
def bundled(real_index):
    with searching(real_index) as run:
        texts = " ".join(fields["text"] for fields in run.searcher.all_stored_fields())
        vocabulary = sorted({word for _, _, word in words(texts) if re.fullmatch(rf"[{ALPHABET}]+", word)})
        yield run, [word for word in vocabulary[::7] if run(word)["total"]]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_query_with_one_matching_word_never_returns_zero_hits(bundled, data):
    run, findable = bundled
    word = data.draw(st.sampled_from(findable))
    others = data.draw(st.lists(st.text(ALPHABET, min_size=1, max_size=14), max_size=6))
    position = data.draw(st.integers(0, len(others)))
    joiner = data.draw(st.sampled_from([" ", "-"]))  # words apart, or one hyphenated word ("eu-bidrag")
    q = joiner.join([*others[:position], word, *others[position:]])
    result = run(q)
    assert result["total"] > 0, f"{q!r} holds a findable word: never zero hits"
    assert all(hit["matched_terms"] or hit["part_terms"] or hit["context_terms"] for hit in result["results"]), (
        f"every hit of {q!r} says what it matched: words, parts of words, or words only in the heading above"
    )


@pytest.mark.parametrize(
    "q",
    [
        "hur söker man stöd för projekt i hamnen",
        "bostäder i hamnen för unga kvinnor",
        "regional kärna hamn järnväg xyzzy",
        '"regional kärna" kust',
    ],
)
def test_partial_matches_rank_the_same_as_vectors_and_by_whoosh(bundled, q, monkeypatch):
    from webapp import scoring

    run, _ = bundled
    by_vectors = run(q)
    monkeypatch.setattr(scoring, "supported", lambda searcher: False)
    by_whoosh = run(q)
    assert by_vectors["used"]["partial"], "a partial match"
    assert [(h["id"], h["missing_terms"]) for h in by_whoosh["results"]] == [
        (h["id"], h["missing_terms"]) for h in by_vectors["results"]
    ], "the same hits in the same order, lacking the same words"
    assert [h["score"] for h in by_whoosh["results"]] == pytest.approx([h["score"] for h in by_vectors["results"]]), (
        "the same scores"
    )


def test_whoosh_ranks_sections_with_every_word_first_past_its_heap_of_best_hits(tmp_path, monkeypatch):
    # more sections with one word than the collector keeps: it prunes what cannot beat its worst
    # hit, so a word's bound must include its coverage (before: the section with both words was lost)
    from webapp import scoring

    from .conftest import client_for

    many = "".join(f"<h3>Hamn {n}</h3><p>En hamn i staden nummer {n}.</p>" for n in range(60))
    pages = {"p.html": f"<h1>Hamnar</h1><p>x</p><h2>Alla</h2>{many}<h3>Kajen</h3><p>Hamnen och kajen.</p>"}
    client = client_for(tmp_path, pages)
    monkeypatch.setattr(scoring, "supported", lambda searcher: False)
    first = client.get("/api/search?q=hamn kaj").get_json()["results"][0]
    assert first["title"] == "Kajen", "the section with both words first"
    assert first["missing_terms"] == [], "and it lacks nothing"


def test_fewer_sections_with_every_word_than_a_page_holds_are_followed_by_partial_matches(tmp_path):
    from .conftest import client_for

    both = "".join(f"<h3>Båda {n}</h3><p>En hamn med en kaj, nummer {n}.</p>" for n in range(4))
    pages = {"p.html": f"<h1>Hamnar</h1><p>x</p><h2>Alla</h2>{both}<h3>Bara hamn</h3><p>En hamn.</p>"}
    result = client_for(tmp_path, pages).get("/api/search?q=hamn kaj").get_json()
    assert result["used"]["complete"] == 4, "four sections hold every word"
    assert result["used"]["partial"], "then partial matches fill the page"
    assert [hit["missing_terms"] for hit in result["results"]] == [[], [], [], [], ["kaj"], ["kaj"]], (
        "the four with both words, then the two with only hamn (the heading Hamnar too)"
    )


@pytest.mark.parametrize("sections", [10, 12], ids=["a page of sections", "more"])
def test_a_page_of_sections_with_every_word_gets_no_partial_matches(tmp_path, sections):
    from .conftest import client_for

    both = "".join(f"<h3>Båda {n}</h3><p>En hamn med en kaj, nummer {n}.</p>" for n in range(sections))
    pages = {"p.html": f"<h1>Platser</h1><p>x</p><h2>Alla</h2>{both}<h3>Bara hamn</h3><p>En hamn.</p>"}
    result = client_for(tmp_path, pages).get("/api/search?q=hamn kaj").get_json()
    assert result["used"]["complete"] == sections, "every one of them holds both words"
    assert not result["used"]["partial"], "a page of full matches needs no partial ones"
    assert result["total"] == sections, "the section with hamn alone is not added"


def test_a_filler_word_never_lifts_a_section_above_a_better_one_with_the_same_real_words(tmp_path):
    from .conftest import client_for

    pages = {
        "p.html": "<h1>Hamnar</h1><p>x</p><h2>Alla</h2>"
        "<h3>Kajen</h3><p>Här finns en hamn.</p><h3>Hamnen</h3><p>Hamnen byggs ut.</p>"
    }
    result = client_for(tmp_path, pages).get("/api/search?q=finns hamnen xyzzy").get_json()
    assert [hit["title"] for hit in result["results"]][:2] == ["Hamnen", "Kajen"], (
        "the heading that holds the word first; 'finns' only adds to the score"
    )
