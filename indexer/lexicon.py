"""Swedish word data: which forms exist, their lemma, how common they are.

Loaded once per process from ``indexer/data/``:

* ``sv_forms.tsv``: 170,000 forms that both wordfreq (frequencies) and
  simplemma (lemmas) know, built by ``tools/build_word_data.py``;
* ``lemma_corrections.tsv``: hand-made corrections to that table;
* the gazetteer's place names: each is its own lemma ("Ystads" -> ystad, not a
  form of the verb "ysta"), and "Göteborgsregionen" splits at "Göteborg".

Frequencies are on the Zipf scale: log10 of uses per billion words (3.0 is
one use per million words).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from . import datafiles, gazetteer
from .gazetteer import written_forms

PLACE_ZIPF = 3.0  # frequency given to a place name the word list does not know

FOLDING = str.maketrans("åäöæøéèêëüáàíóúÅÄÖÆØÉÈÜ", "aaoaoeeeeuaaiouAAOAOEEU")


def fold(text: str) -> str:
    """Swedish letters typed without their marks: "Överkalix" -> "Overkalix"."""
    return text.translate(FOLDING)


@dataclass(frozen=True)
class Lexicon:
    lemma_of: dict[str, str]  # form -> lemma
    zipf: dict[str, float]  # lemma -> Zipf frequency of all its forms together
    places: frozenset[str]  # place names (lowercase), their own lemmas and never split


@cache
def load() -> Lexicon:
    lemma_of: dict[str, str] = {}
    form_uses: dict[str, float] = {}
    for form, lemma, zipf in datafiles.tab_fields("sv_forms.tsv"):
        lemma_of[form] = lemma or form
        form_uses[form] = 10 ** float(zipf)
    corrected = {form: lemma for form, lemma, *_why in datafiles.tab_fields("lemma_corrections.tsv")}
    lemma_of.update(corrected)
    uses: dict[str, float] = defaultdict(float)
    for form, n in form_uses.items():  # a corrected form counts for its new lemma ("ska" not for skola)
        uses[lemma_of[form]] += n
    for lemma in corrected.values():
        uses[lemma] = max(uses[lemma], 10**3)
    kommuner, others = _place_names(lemma_of)
    for name in kommuner | others:  # "ystad" is not a form of "ysta"
        for form in written_forms(name)[:2]:  # the name and its genitive
            lemma_of[form] = name
    for name in kommuner:  # common enough to be a compound's part: "Göteborgsregionen"
        uses[name] = max(uses[name], 10**PLACE_ZIPF)
    return Lexicon(lemma_of, {lemma: math.log10(n) for lemma, n in uses.items()}, frozenset(kommuner | others))


def _place_names(lemma_of: dict[str, str]) -> tuple[set[str], set[str]]:
    """The words that name a place, lowercase, in two sets: the one-word names of the kommuner and
    the län ("Skåne"), given ``PLACE_ZIPF`` so they may start a compound; and those of the tätorter
    and the named areas ("Småland", "Gästrikland") and the capitalised words after the first of a
    longer name ("Götaland" of "Västra Götaland", "Edet" of "Lilla Edet"; not "kusten" of "Höga
    kusten"), unless the word list reads the word as a form of another word ("Handen" is the hand's,
    "Slite" slita's), with only the frequency the word list gives them: a small tätort is no part of
    other words ("hemsöka" is not Hemse + öka). A place name is never split: "Götalands" is not göta +
    land, so a search for "landet" does not find "Västra Götalands län"."""
    official = [m.name for m in gazetteer.municipalities()] + [c.short_name for c in gazetteer.counties()]
    one_word = {name.lower() for name in official if " " not in name}
    names = [name for name in official if " " in name] + [locality.name for locality in gazetteer.localities()]
    names += [name for area in gazetteer.areas() for name in area.names]
    other = {word.lower() for name in names for word in _name_words(name)}
    return one_word, {word for word in other if lemma_of.get(word, word) == word} - one_word


def _name_words(name: str) -> list[str]:
    first, *rest = name.split(" ")
    return [word for word in rest if word[:1].isupper()] if rest else [first]
