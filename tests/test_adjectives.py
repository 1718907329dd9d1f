"""Adjectives as visitors type them ("snabbt bredband på landet", "nya bostäder", "hållbara transporter",
"grön omställning", "små företag", "ökad tillgänglighet"), searched on a tiny real index: every form of
an adjective (-t, -a, -are, -ast, -aste, an irregular "små") and a participle used as one ("ökad",
"ökade"; "ökande", a word of its own) finds the page's form. (Partial matching weighs an adjective by its
rarity like any word: weighing one typed before a noun below the noun was measured and not kept, README,
*Partial matches*.)
"""

import pytest

from .conftest import one_page_client

FORMS = {
    "Hållbarast": "Vilket alternativ är hållbarast för miljön?",
    "Nytt": "Ett nytt resecentrum öppnar i höst.",
    "Grönare": "Staden blir grönare med fler parker.",
    "Små": "Här finns många små butiker.",
    "Ökad": "Målet är ökad pendling med tåg.",
    "Ökande": "Ett ökande antal resenärer väljer bussen.",
    "Tillgängliga": "Lokalerna är tillgängliga för alla.",
}


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    return one_page_client(tmp_path_factory, FORMS)


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("hållbar", "Hållbarast"),  # a superlative the word list does not know
        ("hållbara", "Hållbarast"),
        ("ny", "Nytt"),
        ("nya", "Nytt"),
        ("nyaste", "Nytt"),
        ("grön", "Grönare"),
        ("gröna", "Grönare"),
        ("grönt", "Grönare"),
        ("liten", "Små"),  # an irregular plural
        ("små", "Små"),
        ("öka", "Ökad"),  # a participle used as an adjective, and its verb
        ("ökad", "Ökad"),
        ("ökade", "Ökad"),
        ("öka", "Ökande"),  # a present participle, a word of its own with its verb as family
        ("ökande", "Ökande"),
        ("tillgänglig", "Tillgängliga"),
        ("tillgängligt", "Tillgängliga"),
    ],
)
def test_every_form_of_an_adjective_finds_the_form_on_the_page(forms, q, title):
    assert title in titles(forms, q), f"{q!r} finds the section that says it as {title!r} does"
