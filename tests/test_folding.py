"""Words typed without å, ä, ö get their Swedish letters back at query time."""

import pytest

from webapp.folding import MAX_SPELLINGS, likely_spellings, meant_as_typed, spellings, unfolded_terms

from .conftest import client_for


def test_spellings_put_back_every_swedish_letter_combination():
    assert spellings("ko") == ["ko", "kö"]
    assert sorted(spellings("ga")) == ["ga", "gä", "gå"]
    assert spellings("hmm") == ["hmm"]


def test_a_word_with_too_many_spellings_is_left_as_typed():
    word = "a" * 6  # 3**6 = 729 spellings
    assert 3**6 > MAX_SPELLINGS, "the word has more spellings than the cap"
    assert spellings(word) == [word], "so only the word as typed"


@pytest.mark.parametrize(
    ("typed", "lemma", "index", "expected"),
    [
        ("overkalix", "overkalix", {"överkalix"}, ["överkalix"]),  # a name: found in the index
        ("manniskor", "manniskor", {"människa"}, ["människa"]),  # a known form, lemmatized
        ("goteborgsregionen", "goteborgsregion", {"göteborgsregion"}, ["göteborgsregion"]),
        ("stader", "stad", {"stad"}, []),  # the lemma is already right
        ("överkalix", "överkalix", {"överkalix"}, []),  # typed with its ö: nothing left out
        ("xyz", "xyz", set(), []),
    ],
)
def test_unfolded_terms_are_only_terms_the_index_holds(typed, lemma, index, expected):
    assert unfolded_terms(typed, lemma, index.__contains__) == expected


@pytest.mark.parametrize(
    ("typed", "lemma", "other", "held", "expected"),
    [
        ("andra", "andra", "ändra", {"andra": 40, "ändra": 5}, True),  # a common word the site writes
        ("andra", "andra", "ändra", {"andra": 1, "ändra": 4}, True),  # a quarter as often on the site: still the word
        ("andra", "andra", "ändra", {"andra": 1, "ändra": 5}, False),  # far rarer on the site
        ("andra", "andra", "ändra", {"ändra": 5}, False),  # the site never writes it
        ("gotland", "gotland", "götaland", {"gotland": 11, "götaland": 11}, True),
        ("stod", "stod", "stöd", {"stod": 1, "stöd": 50}, False),  # as common in Swedish, rare on the site
        ("mal", "mal", "mål", {"mal": 3, "mål": 3}, False),  # rare in Swedish beside mål
        ("far", "far", "får", {"far": 5, "får": 5}, False),  # får is far commoner in Swedish
        ("stader", "stad", "städ", {"stad": 16, "städ": 1}, False),  # no word as typed
        ("gotland", "gotland", "götalandsbanan", {"gotland": 2, "götalandsbanan": 1}, True),  # a term the list lacks
    ],
)
def test_a_word_typed_without_swedish_letters_means_itself_where_it_is_not_much_the_rarer(
    typed, lemma, other, held, expected
):
    assert meant_as_typed(typed, lemma, other, lambda term: held.get(term, 0)) is expected, (
        f"{typed!r} means only itself, not {other!r}: {expected}"
    )


def test_likely_spellings_change_one_letter_first_then_two():
    assert likely_spellings("vaxa", 2) == ["våxa", "växa"], "the first a changed, each way, before the second"
    found = likely_spellings("planeringsforutsattningarna", 64)
    assert "planeringsförutsättningarna" in found, "a long word's spelling with two letters back is tried"


GROWTH_PAGE = """<main><h1>Näringsliv</h1>
<h2 id="plan">Plan för näringslivsutveckling</h2><p>Kommunen tar fram en plan.</p>
<h2 id="isar">Ett starkt näringsliv</h2><p>Utveckling av företagen i kommunen.</p>
<h2 id="tillvaxt">Tillväxt</h2><p>Regionen ska få mer tillväxt.</p>
<h2 id="staden">Staden</h2><p>Staden ska växa.</p>
<h2 id="stationen">Stationen</h2><p>Stationsområdet byggs om.</p>
<h2 id="torget">Torget</h2><p>Ett nytt område vid torget.</p>
<h2 id="banan">Banan</h2><p>En ny järnväg byggs.</p></main>"""


@pytest.fixture(scope="module")
def growth(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("growth"), {"vaxa.html": GROWTH_PAGE})


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("växa", "vaxa"),  # a synonym of the word (växa: tillväxt, in the shipped file)
        ("näringslivsutveckling", "naringslivsutveckling"),  # a compound: its parts written apart
        ("stationsområde", "stationsomrade"),  # a compound the index holds in another form
        ("tåg", "tag"),  # a word no page says, found by its synonym (tåg: järnväg, in the shipped file)
    ],
)
def test_a_word_typed_without_swedish_letters_finds_what_the_word_finds(growth, written, typed):
    def hits(q):
        return [
            hit["id"].rsplit("/", 1)[-1]
            for hit in growth.get("/api/search", query_string={"q": q}).get_json()["results"]
        ]

    assert hits(typed) == hits(written), f"{typed!r} finds the sections {written!r} finds, in the same order"


# A stop word typed without its ring or dots ("pa": på) is a stop word, not a word no section holds.
STOP_WORD_PAGE = """<main><h1>Stöd</h1>
<h2 id="forskott">Förskott</h2><p>Förskott på stödet betalas ut när projektet startar.</p>
<h2 id="resan">Resan</h2><p>Han for hem efter mötet.</p>
<h2 id="aret">Året</h2><p>Ett år med fler projekt.</p></main>"""


@pytest.fixture(scope="module")
def stop_word_client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("folded-stop"), {"stod.html": STOP_WORD_PAGE})


@pytest.mark.parametrize(
    ("q", "stop_word"),
    [
        ("forskott pa stodet", "pa"),  # på
        ("forskott nar projektet startar", "nar"),  # när
        ("stodet fran projektet", "fran"),  # från
    ],
)
def test_a_stop_word_typed_without_its_swedish_letters_is_not_reported_missing(stop_word_client, q, stop_word):
    result = stop_word_client.get("/api/search", query_string={"q": q}).get_json()
    assert result["results"][0]["title"] == "Förskott", f"the first hit of {q!r}"
    assert result["results"][0]["missing_terms"] == [], f"the first hit of {q!r} holds every word"
    assert f"”{stop_word}”" not in (result["notice"] or ""), f"the notice of {q!r} names no {stop_word!r}"
    assert all(stop_word not in hit["missing_terms"] for hit in result["results"]), f"no hit lacks {stop_word!r}"


def test_the_notice_through_the_page_names_no_folded_stop_word(stop_word_client):
    page = stop_word_client.get("/", query_string={"q": "forskott pa stodet"}).get_data(as_text=True)
    assert "”pa”" not in page, "the page names no missing ”pa”"
    assert "Förskott" in page, "the page shows the hit"


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("for hem", "Resan"),  # the site writes "for": a word, not för
        ("ar", "Året"),  # år is a word the index holds: "ar" is the year, not är
    ],
)
def test_a_folded_word_the_site_writes_or_holds_otherwise_stays_a_word(stop_word_client, q, title):
    result = stop_word_client.get("/api/search", query_string={"q": q}).get_json()
    assert [hit["title"] for hit in result["results"]][:1] == [title], f"the first hit of {q!r}"


def test_a_query_of_only_a_folded_stop_word_is_a_query_of_only_stop_words(stop_word_client):
    result = stop_word_client.get("/api/search", query_string={"q": "pa"}).get_json()
    assert result["used"]["searchable"] is False, "nothing to search for"
    assert "”pa”" in result["notice"], "the notice names it among the common small words"


# A word typed without å, ä, ö that is a word of its own means itself: "andra länder" (other countries) is no
# "ändra" (to change), "gotland" no "Götaland" (outsider16). A word that is rare beside its reading with the
# letters back, in Swedish or on the site, still gets them back: "stod" is stöd on a site about support.
OWN_WORDS_PAGE = """<main><h1>Kommunen</h1>
<h2 id="lander">Samarbete med andra länder</h2><p>Kommunen lär av andra länder och deras städer.</p>
<h2 id="plan">Ny detaljplan</h2><p>Kommunen vill ändra detaljplanen för centrum.</p>
<h2 id="gotland">Gotland</h2><p>Gotland satsar på besöksnäringen.</p>
<h2 id="gotaland">Kollektivtrafik i väst</h2><p>Regionen Västra Götaland bygger ut kollektivtrafiken.</p>
<h2 id="lagen">Den nya lagen</h2><p>Lagen om bostadsförsörjning gäller från januari.</p>
<h2 id="laget">Arbetsmarknaden</h2><p>Läget på arbetsmarknaden i länet är stabilt.</p>
<h2 id="bron">Bron</h2><p>Bron stod klar 2020.</p>
<h2 id="foretag">Företag</h2><p>Företag kan söka stöd för investeringar.</p>
<h2 id="foreningar">Föreningar</h2><p>Föreningar kan söka stöd för verksamheten.</p>
<h2 id="butiker">Butiker</h2><p>Butiker på landsbygden kan få stöd.</p>
<h2 id="bredband">Bredband</h2><p>Stöd till bredband på landsbygden.</p>
<h2 id="ansok">Ansök</h2><p>Ansök om stöd i e-tjänsten.</p>
<h2 id="mal">Mål för staden</h2><p>Stadens mål är hållbar tillväxt.</p>
<h2 id="hogskola">Högskolan</h2><p>Högskolan samarbetar med kommunen.</p></main>"""


@pytest.fixture(scope="module")
def own_words(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("own-words"), {"kommunen.html": OWN_WORDS_PAGE})


@pytest.mark.parametrize(
    ("q", "section", "found"),
    [
        ("andra", "plan", False),  # andra: a word the site writes, far commoner than ändra
        ("andra länder", "plan", False),  # nor a partial match that holds "ändra" for "andra"
        ("gotland", "gotaland", False),  # Gotland is no Götaland
        ("lagen", "laget", False),  # the law is no "läget"
        ("stod", "foretag", True),  # "stod" is rare on this site beside stöd: the visitor means stöd
        ("mal", "mal", True),  # "mal" is rare beside mål in Swedish, and the site never writes it
        ("lan", "laget", True),  # län
        ("hogskola", "hogskola", True),  # no word: the letters come back
        ("hallbar", "mal", True),
        ("andra", "lander", True),  # the word itself
        ("gotland", "gotland", True),
    ],
)
def test_a_word_of_its_own_typed_without_swedish_letters_means_itself(own_words, q, section, found):
    result = own_words.get("/api/search", query_string={"q": q}).get_json()
    ids = [hit["id"].rsplit("/", 1)[-1] for hit in result["results"]]
    assert (section in ids) == found, f"{q!r} {'finds' if found else 'does not find'} the section {section!r}: {ids}"
