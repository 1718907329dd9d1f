"""The gazetteer knows every county and municipality and how Swedish text names them."""

import pytest

from indexer import gazetteer

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
    ],
)
def test_places_named_in_text_vote_for_a_county(text, county):
    assert G.county_of_text(text) == county


def test_a_tie_goes_to_the_first_place_named():
    assert G.county_of_text("Umeå och Luleå") == "Västerbottens län"
