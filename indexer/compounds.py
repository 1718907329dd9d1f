"""Swedish compounds: "höghastighetsjärnvägen" is hög + hastighet + järnväg.

Most of the Swedish vocabulary is compounds, written as one word. A search for
"järnväg" should find "höghastighetsjärnvägen", so the indexer writes a
compound's parts beside the whole word.

A split is a sequence of known parts (lemmas from the lexicon) of which every
part but the last ends the way Swedish joins it to the next, with a *linking
morpheme*: bostad-**s**-marknad, kvinn-**o**-jour (kvinna), gat-**u**-kontor
(gata), samhäll-**s**-planering (samhälle). The last part may be inflected
(-järnvägen is järnväg). Of all splits, the one with the fewest parts wins,
then the one with the longest and most common parts: the sum of the parts'
squared lengths (as lemmas, linking morphemes left out: hörn + sten beats
hörns + ten; a bare stem counts the letters it has: "bygg" of bygga is four)
and their Zipf frequencies, weighted so that parts about as long are told
apart by how common they are (skola + klass beats skolka + lass, bygga +
arbete beats byggare + bete).

Dictionary splitters over-split: "bostad" is not bo + stad, "tillväxt" is not
till + växt, "verksamhet" is not verksam + het, "Susanna" is not susa + anna.
The rules against that:

* only common lemmas are parts, and three-letter parts must be very common;
* data in ``compound_rules.toml``: a minimum part length, particles that never
  start a compound, endings that never end one, words never split; nor does a
  place name whose letters without å, ä, ö are such an ending ("pendlare" typed
  for "pendlåre" is no pendla + Åre);
* a known word is split only if its parts are, on average, clearly more
  common than the word itself (Koehn & Knight 2003): "planering" is common, "plana" and
  "ringa" are not, so "planering" stays whole; "bostadsmarknad" is rarer than
  "bostad" and "marknad", so it splits.

Fewest parts from common words takes a rare compound inside apart: "besöksnäringsdag"
is besök + näring + dag. The known words such a split holds as a head or a tail
(``inner_words``: besöksnäring) are indexed beside its parts. A particle word stays
whole, but a word the word list lacks may begin with one as its first part:
"hemsändningsbidrag" is hemsändning + bidrag.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache, cached_property

from . import datafiles
from .lexicon import Lexicon, fold
from .lexicon import load as load_lexicon


@dataclass(frozen=True)
class Part:
    surface: str  # as written in the word, linking morpheme included: "bostads"
    lemma: str  # "bostad"
    truncated: bool = False  # a bare stem without the lemma's final vowel: "flick" (flicka), "samarbet"
    reduced: bool = False  # a double consonant written single before the same: "nat" (natt) of "nattåg"

    @property
    def length(self) -> int:
        """The part's letters in the word, without a linking morpheme: the lemma's ("bostad" of
        "bostads", "kvinna" of "kvinno"), less the final vowel a bare stem drops ("bygg": 4) or the
        consonant a double drops before the same ("nat" of natt in "nattåg": 3)."""
        return len(self.lemma) - (self.truncated or self.reduced)


@dataclass(frozen=True)
class Rules:
    min_part_chars: int
    max_parts: int
    min_word_chars: int
    min_part_zipf: float
    min_short_part_zipf: float
    long_part_chars: int
    min_long_part_zipf: float
    max_split_zipf: float
    split_margin_zipf: float
    part_zipf_weight: float
    link_any: tuple[str, ...]
    link_final_a: tuple[str, ...]
    link_final_e: tuple[str, ...]
    link_s_endings: tuple[str, ...]  # a lemma so ending joins the next part with an -s only: stations-
    noun_forms: tuple[str, ...]  # endings of which a noun shows one: "gods" -> godset
    nouns_in_s_linked: frozenset[str]  # nouns in -s that a compound holds as another word + s: "vals"
    link_s_endings_bare: tuple[str, ...]  # lemmas ending so that join as the others do: drottning-
    triple_reduced: str  # consonants of which a double drops one before the same: natt + tåg = "nattåg"
    triple_not_before: frozenset[str]  # what follows such a consonant when it is a word's ending: hopp-are
    never_first: frozenset[str]
    never_last: frozenset[str]
    never_split: frozenset[str]
    irregular_first: dict[str, str]  # a first part as written -> its lemma, no linking rule makes: lant -> land
    sentence_ends: str  # characters after which a capital letter begins a sentence, not a name
    name_endings: tuple[str, ...]  # endings of a capitalised word that names a street wherever it stands
    definite_endings: tuple[str, ...]  # a capitalised word inside a sentence so ending is a name
    whole_name_endings: tuple[str, ...]  # a name so ending is a street's, found whole: "gatan" is no part


@cache
def rules() -> Rules:
    data = datafiles.toml("compound_rules.toml")
    return Rules(
        **datafiles.settings(data, Rules),  # the lengths and frequencies
        link_any=tuple(data["linking"]["any"]),
        link_final_a=tuple(data["linking"]["final_a"]),
        link_final_e=tuple(data["linking"]["final_e"]),
        link_s_endings=tuple(data["linking"]["s_endings"]),
        link_s_endings_bare=tuple(data["linking"]["s_endings_bare"]),
        noun_forms=tuple(data["linking"]["noun_forms"]),
        triple_reduced=data["linking"]["triple_reduced"],
        triple_not_before=frozenset(data["linking"]["triple_not_before"]),
        nouns_in_s_linked=frozenset(data["linking"]["nouns_in_s_linked"]),
        never_first=frozenset(data["parts"]["never_first"]),
        never_last=frozenset(data["parts"]["never_last"]),
        never_split=frozenset(data["parts"]["never_split"]),
        irregular_first=dict(data["parts"]["irregular_first"]),
        sentence_ends=data["names"]["sentence_ends"],
        name_endings=tuple(data["names"]["street_endings"]),
        definite_endings=tuple(data["names"]["definite_endings"]),
        whole_name_endings=tuple(data["names"]["whole_endings"]),
    )


def _inflected(lexicon: Lexicon) -> frozenset[str]:
    """The lemmas the word list knows in a form other than the lemma and its genitive: the words
    that inflect. A personal name has no other form ("elsa", "anna"), nor has an adverb."""
    return frozenset(lemma for form, lemma in lexicon.lemma_of.items() if form != lemma and form != lemma + "s")


def _ended(word: str, best: dict[int, tuple[Part, ...]], last_forms: dict[str, str]) -> list[tuple[Part, ...]]:
    """Every split of ``word``: first parts covering its beginning (``best``), then a last part of ``last_forms``."""
    return [
        best[start] + (Part(word[start:], last_forms[word[start:]]),)
        for start in best
        if start and word[start:] in last_forms
    ]


class Decompounder:
    def __init__(self, lexicon: Lexicon, rules: Rules):
        self.lexicon, self.rules = lexicon, rules
        self.inflected = _inflected(lexicon)
        self.first_forms = self._first_forms()  # "bostads" -> ("bostad", False), "kvinno" -> ("kvinna", True)
        self.reduced_forms = self._reduced_forms()  # "nat" -> "natt", before a part that begins with "t"
        self.particles = tuple(sorted(rules.never_first))  # in a fixed order: two readings may tie
        self.last_forms = {  # any known form of a part that may end a compound -> its lemma
            form: lemma
            for form, lemma in lexicon.lemma_of.items()
            if self._is_part(lemma)
            and len(form) >= rules.min_part_chars
            and form not in rules.never_last
            and lemma not in rules.never_last
            and not (lemma in lexicon.places and fold(form) in rules.never_last)
        }
        self.rare_last_forms = {  # forms of long, rarer lemmas: the last part of a word split no other way
            form: lemma
            for form, lemma in lexicon.lemma_of.items()
            if len(lemma) >= rules.long_part_chars
            and rules.min_long_part_zipf <= lexicon.zipf.get(lemma, 0) < rules.min_part_zipf
            and form not in self.last_forms
            and lemma not in rules.never_last
        }

    def _is_part(self, lemma: str) -> bool:
        r, zipf = self.rules, self.lexicon.zipf.get(lemma, 0)
        if len(lemma) < r.min_part_chars:
            return False
        return zipf >= (r.min_short_part_zipf if len(lemma) == r.min_part_chars else r.min_part_zipf)

    def _has_stem(self, lemma: str) -> bool:
        """Whether a lemma in -a or -e may begin a compound as a bare stem ("skol" of skola): a word
        that inflects (``_inflected``), whose stem is no particle. A personal name has no stem: the
        word list knows "elsa" in no other form, and "elsparkcykel" was els + park + cykel."""
        return lemma in self.inflected and lemma[:-1] not in self.rules.never_first

    def _links(self, lemma: str) -> tuple[str, ...]:
        """How a whole lemma may be joined to the next part: bare or with an -s, but a lemma of an
        ending that always takes the -s (``s_endings``: -tion, -het, -ning, ...) with it only, so the
        -s is never read as the next part's first letter ("stationsparken" is station + park, not
        station + spark; "säkerhetslagen" säkerhet + lag, not slag)."""
        r = self.rules
        takes_s = lemma.endswith(r.link_s_endings) and not lemma.endswith(r.link_s_endings_bare)
        return ("s",) if takes_s and lemma not in r.link_s_endings else r.link_any

    def _is_noun_in_s(self, lemma: str) -> bool:
        """Whether ``lemma`` is a noun of its own that ends in -s and begins compounds as written:
        "gods" (goods: godset) in "godstransporter", not god + s. A noun shows a definite form; the
        adverb "dags" shows none, so "dagstidning" stays dag + s + tidning."""
        lemma_of = self.lexicon.lemma_of
        return (
            lemma.endswith("s")
            and lemma not in self.rules.never_first
            and lemma not in self.rules.nouns_in_s_linked
            and any(lemma_of.get(lemma + ending) == lemma for ending in self.rules.noun_forms)
        )

    def _first_forms(self) -> dict[str, tuple[str, bool]]:
        """How each part lemma may begin a compound. A lemma's own form, with or
        without a linking s, wins over another lemma's truncated form ("hamn" is
        the noun, not the verb "hamna" without its -a); else the commoner lemma wins."""
        r, forms = self.rules, {}
        lemmas = sorted((z, lemma) for lemma, z in self.lexicon.zipf.items() if self._is_part(lemma))
        truncated, whole = [], []
        for _zipf, lemma in lemmas:  # rarest first, so a common lemma overwrites a rare one
            if lemma in r.never_first:
                continue
            whole += [(lemma + link, lemma) for link in self._links(lemma)]
            if lemma[-1] in "ae" and len(lemma) > r.min_part_chars and self._has_stem(lemma):
                links = r.link_final_a if lemma.endswith("a") else r.link_final_e
                truncated += [(lemma[:-1] + link, lemma) for link in links]
        forms.update((form, (lemma, form == lemma[:-1])) for form, lemma in truncated)
        forms.update((form, (lemma, False)) for form, lemma in whole)
        forms.update((lemma, (lemma, False)) for _zipf, lemma in lemmas if self._is_noun_in_s(lemma))
        forms.update((form, (lemma, False)) for form, lemma in r.irregular_first.items() if self._is_part(lemma))
        return forms

    def _reduced_forms(self) -> dict[str, str]:
        """First parts that end in a double consonant, as written before a part that begins with the
        same consonant: one of the three is dropped ("nat" of natt in "nattåg", "bus" of buss in
        "busstation"). Only a lemma's bare form: a linking morpheme ends in a vowel or an -s."""
        doubled = self.rules.triple_reduced
        return {
            form[:-1]: lemma
            for form, (lemma, truncated) in self.first_forms.items()
            if form == lemma
            and not truncated
            and len(form) > self.rules.min_part_chars
            and form[:-1] not in self.rules.never_first
            and form[-1] == form[-2]
            and form[-1] in doubled
        }

    def _reduced_before(self, word: str, end: int) -> bool:
        """Whether a part read with one of three equal consonants dropped ("nat" of natt) may end at
        ``end``: the next part begins with that consonant and is a noun (it shows a definite form:
        "tåget", "stationen", "lista" -> "listan"), and what follows the consonant is no ending
        the first part takes as a word of its own ("hoppare" is hopp + are, "koppar" kopp + ar).
        Before another word, a bare stem the split chose is read again (``_unreduced``).
        The reading is taken only where the word cannot be read as written: when what follows the
        doubled consonant is a word of its own, however short, the consonant is the first part's and
        no letter is dropped ("skottår" is skott + år, not skott + tår; "insmugglad" no inse + mugg +
        glad; "norrut" norr + ut), as ``min_part_chars`` keeps such a short last part out of the split."""
        if word[end - 1] != word[end]:
            return False
        rest = word[end + 1 :]
        if rest in self.rules.never_last or rest in self.rules.triple_not_before:
            return False
        if rest in self.lexicon.lemma_of:
            return False
        last = self.last_forms.get(word[end:])
        lemma_of = self.lexicon.lemma_of
        if last is None:
            return False
        definite = (
            ("n",)
            if last.endswith("a")
            else ("n", "t")
            if last[-1] in "eiouyåäö"
            else (*self.rules.noun_forms, last[-1] + "en", last[-1] + "et")
        )
        return any(lemma_of.get(last + ending) == last for ending in definite)

    def split(self, word: str) -> tuple[Part, ...] | None:
        """The best split of ``word`` into two or more known parts, or None."""
        if len(word) < self.rules.min_word_chars or not word.isalpha():
            return None
        best = self.beginnings(word)
        splits = _ended(word, best, self.last_forms)
        known = word in self.lexicon.lemma_of or word in self.lexicon.zipf
        if not splits and not known:  # "bredbandskoordinator": koordinator is too rare a part elsewhere
            splits = _ended(word, best, self.rare_last_forms)
        return self._linked(self._unreduced(min(splits, key=self.rank), word)) if splits else None

    def _linked(self, parts: tuple[Part, ...]) -> tuple[Part, ...]:
        """The split with a linking "s" after a first part that is itself a compound, where the last part
        begins with an s that may be that link: a compound joins the next part with -s ("solcellspark" is
        solcell + s + park, not solcell + spark; "fotbollsplan" fotboll + s + plan)."""
        if len(parts) < 2:
            return parts
        first, last = parts[-2], parts[-1]
        rest = last.surface[1:]
        if (
            first.surface != first.lemma
            or not last.surface.startswith("s")
            or len(rest) < self.rules.min_part_chars
            or rest not in self.last_forms
            or "s" not in self._links(first.lemma)
            or len(first.lemma) < 2 * self.rules.min_part_chars
            or self.lexicon.zipf.get(self.last_forms[rest], 0) <= self.lexicon.zipf.get(last.lemma, 0)
            or self.parts_of(first.lemma) is None
        ):
            return parts
        return (*parts[:-2], Part(first.surface + "s", first.lemma), Part(rest, self.last_forms[rest]))

    def _unreduced(self, parts: tuple[Part, ...], word: str) -> tuple[Part, ...]:
        """The split with a bare stem read as a part whose double consonant is written once before a next
        part that begins with it, as Swedish never writes a letter three times, where that word is the
        commoner: "nat" of "nattåg" is natt (natt + tåg), not the stem of the name Nate; "bus" of
        "busstation" is buss, not busa's. Only a bare stem is read again, never the split: "kattunge" is
        katt + unge, and "glas" of "glasskiva" stays glas. The split itself reads such a part where a noun
        follows (``_reduced_before``: "webbutik" is webb + butik, which had no split); this reads the stem a
        split chose before another word ("rättrogen"). One rule, the consonants of ``triple_reduced``."""
        zipf, found, start = self.lexicon.zipf, [], 0
        for part, following in zip(parts, parts[1:] + (None,), strict=True):
            start += len(part.surface)
            doubled = part.surface + part.surface[-1]
            if (
                part.truncated
                and following is not None
                and word[start : start + 1] == part.surface[-1]
                and part.surface[-1] in self.rules.triple_reduced
                and self.first_forms.get(doubled) == (doubled, False)
                and zipf.get(doubled, 0) > zipf.get(part.lemma, 0)
            ):
                part = Part(part.surface, doubled)
            found.append(part)
        return tuple(found)

    def beginnings(self, word: str) -> dict[int, tuple[Part, ...]]:
        """Where a compound's last part may begin in ``word``: each length i of a beginning that reads
        as first parts -> the best such parts (0 -> none). "bredbandsutbygnad" begins with bredband +
        s at 9; what follows is no word, and a misspelled compound is corrected there
        (``webapp/spelling.py``)."""
        r, n = self.rules, len(word)
        best: dict[int, tuple[Part, ...]] = {0: ()}
        known = word in self.lexicon.lemma_of or word in self.lexicon.zipf
        particles = [] if known else [p for p in self.particles if word.startswith(p)]
        for end in range(r.min_part_chars, n - r.min_part_chars + 1):
            options = [
                best[start] + (Part(word[start:end], *self.first_forms[word[start:end]]),)
                for start in range(0, end - r.min_part_chars + 1)
                if start in best and len(best[start]) < r.max_parts - 1 and word[start:end] in self.first_forms
            ]
            options += [
                best[start] + (Part(word[start:end], self.reduced_forms[word[start:end]], reduced=True),)
                for start in range(0, end - r.min_part_chars + 1)
                if start in best
                and len(best[start]) < r.max_parts - 1
                and word[start:end] in self.reduced_forms
                and self._reduced_before(word, end)
            ]
            options += [(part,) for part in self._particle_words(word[:end], particles)]
            if options:
                best[end] = min(options, key=self.rank)
        return best

    def ends(self, word: str) -> bool:
        """Whether ``word`` may be a compound's last part as it stands: "utbyggnad", not "utbygnad"."""
        return word in self.last_forms

    def _particle_words(self, beginning: str, particles: list[str]) -> list[Part]:
        """The beginning of a word the word list does not know, read as one first part made of a
        particle and a part: "hemsändnings" of "hemsändningsbidrag" is hemsändning (hem + sändning).
        A particle word stays whole (``never_first``: "omsorg" is no "sorg"), but may begin a compound
        as a whole; the word list lacks most such words, so without this the compound is not split."""
        found = []
        for particle in particles:  # those the word begins with
            rest = beginning[len(particle) :]
            if rest in self.first_forms and not self.first_forms[rest][1]:
                found.append(Part(beginning, particle + self.first_forms[rest][0]))
        return found

    def rank(self, parts: tuple[Part, ...]):
        """Fewest parts, then fewest parts not written as their lemma (a bare stem, a double consonant
        written single: "adresslapp" is adress + lapp, not adress + slapp), then the longest and most
        common parts (the best split sorts first; ``webapp/spelling.py`` compares a typo's split with
        its correction's)."""
        zipf, weight = self.lexicon.zipf, self.rules.part_zipf_weight
        return (
            len(parts),
            sum(p.truncated or p.reduced for p in parts),
            -sum(p.length**2 + weight * zipf.get(p.lemma, 0) for p in parts),
        )

    def term(self, part: Part) -> str:
        """What the index holds for a part: its lemma, but an irregular first part as written
        (``irregular_first``: "lant" of "lanthandel", "fler" of "flerbostadshus"). Swedish makes such a
        form of one sense of its word only, in words of their own: lant- is land as the countryside
        (lanthandel, lantbruk, lantmätare), never land as a country, and fler- is multi-, not "several";
        a search for "länder" or "land" does not mean them. The form still lets the word split, so its
        last part finds it ("handel": lanthandeln)."""
        return part.surface if self.rules.irregular_first.get(part.surface) == part.lemma else part.lemma

    def parts_of(self, lemma: str) -> tuple[Part, ...] | None:
        """The split of a lemma, unless the word is better kept whole."""
        if lemma in self.rules.never_split or lemma in self.lexicon.places:
            return None
        parts = self.split(lemma)
        if parts is None:
            return None
        whole = self.lexicon.zipf.get(lemma)
        if whole is not None:
            mean = sum(self.lexicon.zipf[p.lemma] for p in parts) / len(parts)
            if whole >= self.rules.max_split_zipf or mean <= whole + self.rules.split_margin_zipf:
                return None
        return parts

    def inner_words(self, parts: tuple[Part, ...]) -> tuple[str, ...]:
        """The known words a split of three or more parts holds beside its parts, a head or a tail
        of two parts or more, longest first: "besöksnäringsdag" (besök + näring + dag) holds
        besöksnäring. The split takes the fewest parts it can from common words, and a rarer compound
        inside ("besöksnäring", Zipf 2.8) is no part: a search for it finds the whole through this."""
        heads = ("".join(p.surface for p in parts[: n - 1]) + parts[n - 1].lemma for n in range(len(parts) - 1, 1, -1))
        tails = ("".join(p.surface for p in parts[n:-1]) + parts[-1].lemma for n in range(1, len(parts) - 1))
        return tuple(word for word in (*heads, *tails) if self._is_word(word))

    def _is_word(self, word: str) -> bool:
        """A lemma of its own in the word list, of any frequency."""
        return word in self.lexicon.zipf and self.lexicon.lemma_of.get(word, word) == word

    def constituents(self, parts: tuple[Part, ...]) -> tuple[tuple[Part, ...], ...]:
        """The words a compound (split into ``parts``) is made of, as a reader takes it apart for
        what a text may hold of it without the whole: each a run of its parts. A run of parts that is
        a word of the word list, or that begins one as written ("höghastighets" of höghastighetståg),
        is one: "höghastighetsjärnväg" is höghastighet + järnväg, and "höga havsnivåer" hold nothing
        of it; every other part is one ("personalbrist": personal + brist)."""
        if len(parts) < 3:
            return tuple((part,) for part in parts)
        found: list[tuple[Part, ...]] = []
        start = 0
        while start < len(parts):
            end = next(
                (
                    end
                    for end in range(len(parts) - (start == 0), start + 1, -1)  # never the whole word
                    if self._is_unit(parts[start:end])
                ),
                start + 1,
            )
            found.append(parts[start:end])
            start = end
        return tuple(found)

    def _is_unit(self, run: tuple[Part, ...]) -> bool:
        """Whether a run of a compound's parts is a word of the word list, or begins one as written."""
        written = "".join(part.surface for part in run)
        if self._is_word("".join(part.surface for part in run[:-1]) + run[-1].lemma):
            return True
        lemmas = self._lemmas_sorted
        at = bisect_left(lemmas, written)
        following = lemmas[at : at + 2]  # the run itself, if a word, then the first word it begins
        return any(word.startswith(written) and len(word) > len(written) for word in following)

    @cached_property
    def _lemmas_sorted(self) -> list[str]:
        """The word list's lemmas in order, to find those that begin with a run of parts."""
        return sorted(word for word in self.lexicon.zipf if self._is_word(word))


@cache
def decompounder() -> Decompounder:
    return Decompounder(load_lexicon(), rules())
