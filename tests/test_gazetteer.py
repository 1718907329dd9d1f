"""The gazetteer knows every county and municipality and how Swedish text names them."""

import pytest

from indexer import datafiles, gazetteer

G = gazetteer.load()


def test_gazetteer_holds_scb_21_counties_and_290_municipalities():
    municipalities = gazetteer.municipalities()
    assert len(G.counties) == 21, "number of counties"
    assert len(municipalities) == 290, "number of municipalities"
    assert {m.county_code for m in municipalities} == set(G.counties), "every kommun in a known län"
    assert len(G.regions) == 22, "21 län and the national value"
    assert G.regions[-1] == "Nationellt", "the national value last"


@pytest.mark.parametrize(
    ("organisation", "county"),
    [
        ("Ystads kommun", "Skåne län"),
        ("Halmstads kommun", "Hallands län"),
        ("Borås kommun", "Västra Götalands län"),
        ("Region Gävleborg", "Gävleborgs län"),
        ("Region Skåne", "Skåne län"),
        ("Västra Götalandsregionen", "Västra Götalands län"),
        ("Upplands Väsby kommun", "Stockholms län"),
        ("Mark kommun", "Västra Götalands län"),
        ("Malmö stad", "Skåne län"),
        ("Falu kommun", "Dalarnas län"),  # an irregular genitive (genitives.csv)
        ("Mora kommun", "Dalarnas län"),
        ("Region Jönköpings län", "Jönköpings län"),
        ("Boverket", None),
        ("Krinova Science Park", None),
        ("Västa Götalandsregionen", None),  # the editors' typo names no county
    ],
)
def test_organisation_names_place_it_in_a_county(organisation, county):
    assert G.county_of_organisation(organisation) == county


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("Ett område där Krinova i Kristianstad är beläget.", "Skåne län"),
        ("Underlag för Västra Götaland och Västra Götaland, med Halmstad och Karlstad.", "Västra Götalands län"),
        ("Planer för Göteborgsregionen.", "Västra Götalands län"),
        ("Ett kunskapsprojekt om digitalisering.", None),
        ("Mark och vatten. Vara med och berg.", None),  # ambiguous names need "kommun"
        ("Samarbete med Mark kommun.", "Västra Götalands län"),
        ("Trygga stråk i centrum, Falu kommun.", "Dalarnas län"),
    ],
)
def test_places_named_in_text_vote_for_a_county(text, county):
    assert G.county_of_text(text) == county, text


def test_a_tie_goes_to_the_first_place_named():
    assert G.county_of_text("Umeå och Luleå") == "Västerbottens län"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Klippan ger utsikt.", [True]),
        ("Utsikt från Klippan.", [False]),
        ("Vi bygger. Klippan ger utsikt.", [True]),
        ("Nyhet: Klippan ger utsikt.", [True]),
        ("– Klippan ger utsikt, säger hon.", [True]),
        ("Klippans kommun bygger.", [False]),
        ("Kiruna växer.", [False]),  # no word
    ],
)
def test_an_everyday_word_is_marked_where_every_word_is_capitalised(text, words):
    assert [mention.word for mention in G.mentions(text)] == words, f"the place words of {text!r}"


def word_list_candidates(share: float) -> set[str]:
    """One-word place names the word list also knows as a word: the other forms of its lemma
    ("marken", "klippor") used at least ``share`` as often as the name itself."""
    uses, lemma_of, forms_of = {}, {}, {}
    for form, lemma, zipf in datafiles.tab_fields("sv_forms.tsv"):
        uses[form], lemma_of[form] = 10 ** float(zipf), lemma or form
        forms_of.setdefault(lemma or form, []).append(form)
    names = {m.name for m in gazetteer.municipalities()} | {c.short_name for c in gazetteer.counties()}
    names |= {row["name"] for row in datafiles.rows("localities.csv")}
    names |= {name for row in datafiles.rows("areas.csv") for name in row["names"].split("|")}
    found = set()
    for name in (name for name in names if " " not in name and name.lower() in uses):
        own = set(gazetteer.written_forms(name.lower())[:2])
        lemma = lemma_of[name.lower()]
        others = {form for form in [*forms_of[lemma], lemma] if form not in own and form in uses}
        if sum(uses[form] for form in others) >= share * uses[name.lower()]:
            found.add(name)
    return found


def test_place_words_and_the_word_list_agree():
    lists, candidates = datafiles.toml("place_words.toml"), word_list_candidates(0.1)
    reviewed = {*lists["words"], *lists["places"], *datafiles.entries("ambiguous_places.txt")}
    assert sorted(candidates - reviewed) == [], "unreviewed: add them to place_words.toml (words or places)"
    assert sorted({*lists["words"], *lists["places"]} - candidates) == [], "reviewed, no longer proposed"


def test_each_everyday_word_is_a_place_after_a_preposition():
    words = datafiles.toml("place_words.toml")["words"]
    assert [name for name in words if not G.mentions(f"Företagen i {name}")] == [], "not a place the gazetteer knows"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("EU-medel till Norr- och Västerbotten", [("Norr", "Norrbottens län"), ("Västerbotten", "Västerbottens län")]),
        ("Väster- och Norrbotten", [("Väster", "Västerbottens län"), ("Norrbotten", "Norrbottens län")]),
        ("Öster- och Västergötland", [("Öster", "Östergötlands län"), ("Västergötland", "Västra Götalands län")]),
        ("Norr- eller Västerbottens län", [("Norr", "Norrbottens län"), ("Västerbottens län", "Västerbottens län")]),
        # a first part that completes to no place is a word of its own
        ("Små- och medelstora företag i Västerbotten", [("Västerbotten", "Västerbottens län")]),
        ("Norr- och Västerbotten", [("Norr", "Norrbottens län"), ("Västerbotten", "Västerbottens län")]),
    ],
)
def test_an_elliptic_pair_of_place_names_names_both(text, places):
    assert [(text[m.start : m.end], m.county) for m in G.mentions(text)] == places, (
        f"the places of {text!r} and their län"
    )
