"""Everyday words an outside tester typed (outsider13, defects 3 and 4), searched on a tiny real index:

* a noun and the verb made of it without a suffix are one family ("låna" finds "lån", "cykla"
  "cykelvägnät"), searched from the query at the family's weight, and look-alikes are not ("väga" is
  no "väg");
* a participle after "ny", "om", "åter", "ned" keeps its verb ("nystartat" finds "starta");
* hyres- compounds split at the linking -es ("hyra" finds "hyreslägenheter"), a lemma of an -s
  ending keeps its -s ("Stationsparken" is station + park, not station + spark) and a noun in -s is
  itself ("godstransporter" is gods + transport);
* a capitalised word in a definite form inside a sentence is a name: found whole, and by its parts only
  below the word itself ("affär" finds an "affär" before the company "Affärsverken"), so the parts of a
  fund, a programme or an agency written so still find it ("fond": "finansieras av Regionalfonden",
  "klimat": "medel ur Klimatklivet"); a street's name is found whole only ("gatan" does not find
  "Drottninggatan 2"), a square's by its parts too ("torget": "på Stortorget"); a place in a name is a
  part at the full weight ("Göteborgsregionen");
* and a partial match that holds a word only as a name's part ("affär" in "Affärsverken"), indexed at a
  relative's weight, holds that much of it, not the whole word: its coverage is below 1; a derived word
  of the word's family ("samverkan" for "samverka") is the word.
"""

import pytest

from indexer.analysis import is_name
from indexer.families import conversions, family
from indexer.words import compound_parts
from webapp.rerank import FULL_COVERAGE

from .conftest import one_page_client

SECTIONS = {
    "Företagen": "Kommunen ger lån till nya företag.",
    "Biblioteket": "Föreningar kan låna lokaler gratis.",
    "Resecentrum": "Ett sammanhängande cykelvägnät och cykelgarage vid resecentrum.",
    "Landsbygden": "Regionen ger stöd till företag på landsbygden.",
    "Skolan": "Bygget av skolan blir klart i vår.",
    "Trafiken": "Vägen till skolan breddas.",
    "Hamnen": "Fisken vägs i hamnen.",
    "Rådgivning": "Rådgivning för nystartade företag.",
    "Eget": "Så kan du starta eget.",
    "Bolaget": "Bolaget bygger 420 hyreslägenheter.",
    "Frakt": "Godstransporter på järnväg ökar.",
    "Upprustning": "Stationsparken rustas upp.",
    "Adress": "Besöksadress: Rådhuset, Drottninggatan 2",
    "Fiber": "Fibern på öarna dras av Affärsverken.",
    "Centrum": "Nya affärer öppnar i centrum.",
    "Samarbetet": "Samarbetet inom Göteborgsregionen växer.",
    "Sommar": "Kommunen lagar gatan i sommar.",
    "Lördagar": "Bönder säljer grönsaker på Stortorget.",
    "Projekt": "Projektet bekostas av Regionalfonden.",
    "Stiftelsen": "Stiftelsen har en fond för kultur.",
    "Laddstolpar": "Laddstolparna betalas med medel ur Klimatklivet.",
    "Samverkan": "Samverkan mellan kommunerna växer.",
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return one_page_client(tmp_path_factory, SECTIONS)


def titles(client, q: str) -> list[str]:
    return [hit["title"] for hit in client.get("/api/search", query_string={"q": q}).get_json()["results"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("låna", ["Biblioteket", "Företagen"]),  # the verb as typed first, its noun after
        ("lån", ["Företagen", "Biblioteket"]),
        ("cykla", ["Resecentrum"]),  # cykel: cykla, the e dropped; a compound's part
        ("stödja", ["Landsbygden"]),  # stöd: stödja, with an inserted j
        ("bygga", ["Bolaget", "Skolan"]),  # the verb ("bygger") first, its noun bygge ("Bygget") after
        ("väga", ["Hamnen"]),  # a road is weighed by nobody: väg and väga are listed apart
        ("väg", ["Trafiken"]),
        ("nystartat", ["Rådgivning", "Eget"]),  # ny + startad: the verb starta too
        ("starta", ["Eget", "Rådgivning"]),
        ("hyra", ["Bolaget"]),  # hyr-es-lägenheter
        ("lägenheter", ["Bolaget"]),
        ("gods", ["Frakt"]),  # gods (goods) + transport, not god + s + transport
        ("god", []),
        ("park", ["Upprustning"]),  # station-s-park, not station + spark
        ("spark", []),
        ("gatan", ["Sommar"]),  # a street's name is no street: found whole only
        ("torget", ["Lördagar"]),  # a town's square, named so inside a sentence
        ("drottninggatan", ["Adress"]),
        ("affär", ["Centrum", "Fiber"]),  # the company Affärsverken, named inside a sentence, after
        ("affärsverken", ["Fiber"]),
        ("fond", ["Stiftelsen", "Projekt"]),  # a fund named inside a sentence, after a fund
        ("fonden", ["Stiftelsen", "Projekt"]),
        ("regionalfonden", ["Projekt"]),
        ("klimat", ["Laddstolpar"]),  # a programme's name keeps its parts
        ("göteborg", ["Samarbetet"]),  # a place in a name is still a part
    ],
)
def test_an_everyday_word_finds_its_family_and_no_look_alike(client, q, expected):
    assert titles(client, q) == expected, f"the sections {q!r} finds"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("lån", ("låna",)),  # ">a": the verb is the noun + -a
        ("låna", ("lån",)),  # and the other way round
        ("köp", ("köpa",)),
        ("cykel", ("cykla",)),  # "el>la"
        ("stöd", ("stödja",)),  # "d>dja"
        ("bygge", ("bygga",)),  # "e>a": the noun is the verb's stem + -e
        ("arbeta", ("arbete",)),
        ("väg", ()),  # listed as unrelated: a road, a goal, a place, a space are not weighed,
        ("mål", ()),  # painted, put or evacuated
        ("ställe", ()),
        ("utrymme", ()),
        ("singel", ()),
        ("en", ()),  # a stop word's look-alike: en, ena
        ("mena", ()),  # men, mena
        ("svar", ("svara",)),  # read again (reviewer5 S5): an answer is answered,
        ("skydd", ("skydda",)),
        ("fall", ()),  # but "i vissa fall" falls nowhere,
        ("råda", ()),  # "det råder brist" is no advice,
        ("tal", ()),  # a number is no speaking,
        ("dela", ()),  # sharing is no part,
        ("täcke", ()),  # a cover is not covered,
        ("märke", ()),  # a brand is not noticed,
        ("mata", ()),  # feeding is no food,
        ("spår", ()),  # a railway track is not traced,
        ("trotsa", ()),  # and "trots att" defies nothing
    ],
)
def test_a_noun_and_its_verb_alike_are_conversions_of_each_other(word, expected):
    assert conversions(word) == expected, f"the conversions of {word}"


@pytest.mark.parametrize(
    ("lemma", "verb", "expected"),
    [
        ("nystartad", "starta", True),  # newly started
        ("nybyggd", "bygga", True),
        ("omdiskuterad", "diskutera", True),
        ("omstarta", "starta", True),  # the lemma of an unknown "omstartade"
        ("omfattad", "fatta", False),  # omfatta is a verb of its own
        ("nedlagd", "lägga", False),  # nedlägga
        ("nedstämd", "stämma", False),  # listed as unrelated: downcast is not tuned
        ("omsorg", "sorga", False),  # no participle: care is no grief
    ],
)
def test_a_participle_after_a_prefix_has_its_verb_in_its_family(lemma, verb, expected):
    assert (verb in family(lemma)) is expected, f"{verb} in the family of {lemma}: {family(lemma)}"


@pytest.mark.parametrize(
    ("lemma", "parts"),
    [
        ("hyreslägenhet", ("hyra", "lägenhet")),  # the linking -es of hyra
        ("hyresgäst", ("hyra", "gäst")),
        ("talesperson", ("tala", "person")),
        ("stationspark", ("station", "park")),  # -tion takes an -s, never glued to the next part
        ("befolkningsökning", ("befolkning", "ökning")),  # not befolkning + sökning
        ("informationskälla", ("information", "källa")),  # not skälla
        ("godstransport", ("gods", "transport")),  # a noun in -s is itself
        ("kranskommun", ("krans", "kommun")),  # a wreath of municipalities, not a crane's
        ("dagstidning", ("dag", "tidning")),  # the adverb "dags" shows no noun's form
        ("valsystem", ("val", "system")),
        ("styrelsemöte", ("styrelse", "möte")),  # -else joins bare
        ("majestät", ()),  # listed: no maja + tät
    ],
)
def test_a_compound_splits_at_its_linking_morpheme(lemma, parts):
    assert compound_parts(lemma) == parts, f"the parts of {lemma}"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Fibern dras av Affärsverken.", "Affärsverken", True),  # capitalised and definite inside a sentence
        ("Stranden vid Väsmanstranden.", "Väsmanstranden", True),
        ("Besöksadress: Rådhuset, Drottninggatan 2", "Drottninggatan", True),
        ("Drottninggatan 2", "Drottninggatan", True),  # a street's ending, at the start of a line too
        ("Fibern dras av Mälarenergi.", "Mälarenergi", False),  # a bare form: maybe a surname or a title
        ("Ring Caroline Stigsdotter.", "Stigsdotter", False),
        ("Projektet Kuststad 2025 börjar.", "Kuststad", False),
        ("Affärsverken drar fibern.", "Affärsverken", False),  # a sentence begins with a capital
        ("Besöksadress: Rådhuset, Drottninggatan 2", "Rådhuset", False),  # after a colon
        ("Parkering\nCykelgarage vid resecentrum", "Cykelgarage", False),  # a line begins
        ("Stöd från EU till", "EU", False),  # in capitals: an abbreviation, no name
        ("Stöd till EU-projekt", "EU-projekt", False),
    ],
)
def test_a_name_is_a_definite_capitalised_word_inside_a_sentence_or_a_street(text, word, expected):
    assert is_name(text, text.index(word), word) is expected, f"{word!r} in {text!r}"


@pytest.mark.parametrize(
    ("q", "title", "whole"),
    [
        ("affärer centrum", "Centrum", True),  # the word as written
        ("affär öarna", "Fiber", False),  # only the company's name Affärsverken holds it
        ("affärsverken öarna", "Fiber", True),  # the name as typed
        ("fond kultur", "Stiftelsen", True),
        ("fond projektet", "Projekt", False),  # Regionalfonden
        ("klimat laddstolparna", "Laddstolpar", False),  # Klimatklivet
        ("göteborg samarbetet", "Samarbetet", True),  # a place in a name is a part at the full weight
        ("samverkan kommunerna", "Samverkan", True),
        ("samverka kommunerna", "Samverkan", True),  # the verb's noun is written: a family word is the word
    ],
)
def test_a_partial_match_holds_a_word_it_holds_only_as_a_relative_in_part(client, q, title, whole):
    found = client.get("/api/search", query_string={"q": q}).get_json()["results"]
    coverage = {hit["title"]: hit["coverage"] for hit in found}.get(title)
    assert (coverage == FULL_COVERAGE) is whole, f"{q!r}: {title} holds every word in full (coverage {coverage})"
