"""Word families: every lemma a written form can have, and the words derived from it.

The word list gives each form one lemma, but Swedish has many forms of two
words: "delar" is the plural of *del* and the present tense of *dela*,
"brister" of *brist* and *brista*, "fattade" the past tense of *fatta* and the
plural of the participle *fattad*. Without the context a tagger reads, the
index cannot know which is meant, so it holds every candidate (``lemmas``)
and a search for either word finds the form.

A visitor also takes some derived words for the same word: "samverka" should
find "samverkan", "planera" "planering". Those relatives (``family``) are
indexed beside the word at a lower weight, so the word as written ranks first.

Both come from rules in ``word_families.toml``: an ending rewritten into
another ("ar>a": delar -> dela) proposes a word, and the word list decides
whether it is one. The proposal must be a known, common lemma whose own forms
show the rule's word class (dela has the forms delade and delat, so it is a
verb), so a rule never invents a word and "talar" never becomes "tal" (the
word list has "talarna" as a form of *talare*, not of *tal*).

A site's own vocabulary is rare in general text: "elektrifiera", "ploga" and
their nouns fail the frequency floor, which guards the rules that guess (">era"
would make "markera" of "mark", "an>a" "storma" of "storman"). The *regular*
derivations (-ning, -ing, -ation, and the agent noun's -are: every verb has one, and
a word so ending that rewrites to a verb with verb forms is that verb's noun) accept
a known lemma of any frequency, provided the verb still shows its forms. A derived
noun the word list does not know at all ("plogningen", "inflyttarna") is read as
its verb, the one lemma we know ("ploga", "inflytta"), and as itself, so a search
for either finds both.

A participle and its verb are told by forms only each has; the word list often
gives a participle's plural to the verb ("anställda": anställa) and the verb's past
tense to the participle ("anställde": anställd), and either shows the pair.

The word list is sometimes wrong, and the rules correct it where its reading cannot be an
inflection: "tittar" is read as the agent noun "tittare", whose forms end -are, -aren, -arna but
never -ar, so the verb the rules find (titta) replaces it; a present tense the word list only
echoes as its own lemma ("tycker", no other form of it known) gets its verb first. And a form
spelled alike for two nouns gives both: "fördelarna" is fördelare's in the word list and
fördel's in most text, so fördel, which shows its plural nowhere else, counts it as its own
(``[shared_plural]``) and "fördelar" is fördela and fördel.

Look-alikes are kept apart by the same data: of two verbs a noun could come from,
the one that keeps more of it ("varning" is varn-ing, varna, not var-ning, vara);
-ing only after l, r or n ("fästing", "siding" are nobody's nouns); a definite
form is no derivation ("klippan" is the rock); and reviewed pairs in ``unrelated``.

A person and what the person does or holds ("cyklist": cykel, cykla; "turist": turism) and an
adjective and the noun of its quality ("trygg": trygghet) are relatives too, looser ones: the query
searches them (``persons``, ``qualities``), the index does not hold them beside the word.

A word of a prefix and a rest ("medfinansiering") whose own family the word list
does not show takes the rest's family with the prefix in front (medfinansiera, as
finansiering has finansiera), and an unknown one the rest's lemmas. The word is
never split into its rest: "omsorg" is no kind of "sorg".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Generic, TypeVar

from . import datafiles
from .lexicon import load as load_lexicon
from .words import CACHE_WORDS, compound_tail, decompounder, lemmatize

Rule = tuple[str, str]  # (ending to replace, its replacement)
Item = TypeVar("Item")


@dataclass(frozen=True)
class Rules:
    min_lemma_zipf: float
    family_weight: float
    person_weight: float  # a person's relatives, searched from the query only
    head_derived_weight: float  # the words derived from a compound's head (plan: planera of "tidplan")
    classes: dict[str, tuple[Rule, ...]]  # class -> (lemma ending, form ending) pairs
    homographs: tuple[tuple[str, Rule], ...]  # (class of the lemma found, form rule)
    irregular: dict[str, tuple[str, ...]]  # form -> its other lemmas
    participles: tuple[tuple[str, Rule, str], ...]  # (participle class, rule, verb class)
    derivations: tuple[Rule, ...]  # noun ending -> verb ending, common words only
    regular_derivations: tuple[Rule, ...]  # noun ending -> verb ending, any known word
    qualities: tuple[Rule, ...]  # quality noun ending -> adjective ending, common words only
    quality_classes: tuple[str, ...]  # the classes an adjective shows itself by
    quality_not_classes: tuple[str, ...]  # classes whose word is no adjective, though it shows one's forms
    quality_rarer: float  # how much rarer (Zipf) a quality noun may be than its adjective
    persons: tuple[Rule, ...]  # person noun ending -> the ending of what the person does or holds
    unrelated: frozenset[frozenset[str]]  # pairs that look derived but are not
    own_words: tuple[str, ...]
    unknown_forms: tuple[Rule, ...]  # tried on forms the word list does not know
    unknown_noun_endings: tuple[Rule, ...]  # inflection -> the derived noun's ending, for words the word list lacks
    particles: dict[str, str]  # a verb particle as written apart -> as it begins a noun
    particle_derivations: tuple[Rule, ...]  # noun ending -> verb ending, for particle verbs
    particle_adverbs: frozenset[str]  # words that make a fixed expression with a verb, as a particle does
    definite_forms: dict[Rule, str]  # derivation -> the verb's noun class whose definite form it would be
    prefixes: tuple[str, ...]  # prefixes whose word takes the family of its rest, longest first
    min_rest_chars: int
    misread: tuple[Rule, ...]  # form ending -> a lemma ending the word list gives that is no inflection
    own_lemma_classes: tuple[str, ...]  # classes that show a form given as its own lemma is a word
    stem_noun_classes: tuple[str, ...]  # classes of a noun, whose bare stem is no imperative
    present_ending: str  # how every present tense ends ("tycker")
    shared_plural: SharedPlural
    conversions: tuple[Rule, ...]  # noun ending -> verb ending of a noun and verb alike (lån, låna)
    conversion_nouns: tuple[str, ...]  # the classes a noun of such a pair shows itself by
    participle_prefixes: tuple[str, ...]  # prefixes of a participle that keep its verb: nystartad, longest first
    participle_endings: tuple[str, ...]  # how a participle lemma ends: startad, byggd, skriven


@dataclass(frozen=True)
class SharedPlural:
    """A form of ``name``'s lemmas that the word list gives another word, spelled alike: "fördelarna"
    is fördel's and fördelare's. It counts for a lemma of the ``gender`` with none of ``other_forms``."""

    name: str
    plural: Rule  # lemma -> a form the word list must know: fördel -> fördelar
    form: Rule  # lemma -> the form: fördel -> fördelarna
    reading: Rule  # lemma -> the word the word list gives the form: fördel -> fördelare
    gender: Rule  # a form the lemma must show: fördelen
    other_forms: tuple[Rule, ...]  # forms it must not show: neuter (talet) or another plural (danser)
    not_plural: frozenset[str]  # nouns reviewed to have no such plural ("vård")


def _rule(text: str) -> Rule:
    old, _, new = text.partition(">")
    return old, new


@cache
def rules() -> Rules:
    data = datafiles.toml("word_families.toml")
    return Rules(
        **datafiles.settings(data, Rules),  # the weights, min_lemma_zipf, present_ending
        classes={name: tuple(map(_rule, pairs)) for name, pairs in data["classes"].items()},
        homographs=tuple((h["class"], _rule(h["rule"])) for h in data["homographs"]),
        irregular={form: tuple(listed) for form, listed in data["irregular"].items()},
        participles=tuple((p["participle"], _rule(p["rule"]), p["verb"]) for p in data["participles"]),
        derivations=tuple(map(_rule, data["derivations"]["common"])),
        regular_derivations=tuple(map(_rule, data["derivations"]["regular"])),
        qualities=tuple(map(_rule, data["derivations"]["qualities"])),
        quality_classes=tuple(data["derivations"]["quality_classes"]),
        quality_not_classes=tuple(data["derivations"]["quality_not_classes"]),
        quality_rarer=data["derivations"]["quality_rarer"],
        persons=tuple(map(_rule, data["derivations"]["persons"])),
        unrelated=frozenset(frozenset(pair) for pair in data["unrelated"]),
        own_words=tuple(data["own_words"]),
        unknown_forms=tuple(map(_rule, data["unknown_forms"])),
        unknown_noun_endings=tuple(map(_rule, data["unknown_noun_endings"])),
        particles=dict(data["particle_verbs"]["particles"]),
        particle_derivations=tuple(map(_rule, data["particle_verbs"]["derivations"])),
        particle_adverbs=frozenset(data["particle_verbs"]["adverbs"]),
        definite_forms={_rule(rule): name for rule, name in data["derivations"]["definite_forms"].items()},
        prefixes=tuple(sorted(data["prefixed"]["prefixes"], key=len, reverse=True)),
        min_rest_chars=data["prefixed"]["min_rest_chars"],
        misread=tuple(map(_rule, data["misread"])),
        own_lemma_classes=tuple(data["own_lemma_classes"]),
        stem_noun_classes=tuple(data["stem_noun_classes"]),
        shared_plural=_shared_plural(data["shared_plural"]),
        conversions=tuple(map(_rule, data["conversions"]["rules"])),
        conversion_nouns=tuple(data["conversions"]["noun_classes"]),
        participle_prefixes=tuple(sorted(data["prefixed_participles"]["prefixes"], key=len, reverse=True)),
        participle_endings=tuple(data["prefixed_participles"]["endings"]),
    )


def _shared_plural(data: dict) -> SharedPlural:
    rule = {key: _rule(data[key]) for key in ("plural", "form", "reading", "gender")}
    other_forms, not_plural = tuple(map(_rule, data["other_forms"])), frozenset(data["not_plural"])
    return SharedPlural(data["class"], **rule, other_forms=other_forms, not_plural=not_plural)


class ByEnding(Generic[Item]):
    """Rules found by the ending they rewrite, for a word: the ones a rule list would try on it.

    ``lemmas`` and ``family`` try every rule of a list on every distinct word of a build, and nearly
    every try fails at once (of the 34 homograph rules a word ends in two or three): 2.3 million
    ``_rewrite`` calls for 3,000 generated sections. ``matching`` looks the word's endings up, one
    dictionary look-up for each length of ending, and gives the items in the list's order, so a
    loop over them finds what a loop over the whole list finds (``_rewrite`` still decides)."""

    def __init__(self, items: Iterable[tuple[str, Item]]):
        self._items: dict[str, list[tuple[int, Item]]] = {}  # ending -> (place in the list, item)
        for place, (ending, item) in enumerate(items):
            self._items.setdefault(ending, []).append((place, item))
        self._lengths = sorted({len(ending) for ending in self._items})

    def matching(self, word: str) -> list[Item]:
        """The items whose ending ``word`` has, in the order they were given."""
        end = len(word)
        found = [pair for n in self._lengths if n <= end for pair in self._items.get(word[end - n :], ())]
        found.sort(key=lambda pair: pair[0])
        return [item for _place, item in found]


def _rewrite(word: str, rule: Rule) -> str | None:
    old, new = rule
    if not word.endswith(old) or len(word) - len(old) < 2:
        return None
    return word[: len(word) - len(old)] + new


def _is_lemma(word: str, rare: bool = False) -> bool:
    """A common word (with ``rare``, any word) the word list has as a lemma of its own."""
    lexicon = load_lexicon()
    floor = 0.0 if rare else rules().min_lemma_zipf
    return word in lexicon.zipf and lexicon.zipf[word] >= floor and lexicon.lemma_of.get(word, word) == word


def _is_own_word(word: str) -> bool:
    """A known present participle, a word of its own (krävande), though not the word list's lemma."""
    return word.endswith(rules().own_words) and word in load_lexicon().lemma_of


def _is_of_class(lemma: str, name: str, rare: bool = False) -> bool:
    """Whether the word list knows forms of ``lemma`` that only a word of class ``name`` has
    (with ``rare``, however uncommon the lemma).

    Not cached, though ``lemmas`` and ``family`` ask it several times a word: the rules propose
    strings that are nearly all no word, and a cache of them held 200,000 entries (about 40 MB)
    in each worker of a build of 100,000 sections for 8% hits, with no CPU time saved (the first
    question is two dictionary look-ups; ``lemmas`` and ``family`` are cached themselves)."""
    if not _is_lemma(lemma, rare):
        return False
    if name == "participle":
        return bool(_participle_verbs(lemma))
    lemma_of, pairs = load_lexicon().lemma_of, rules().classes[name]
    if not pairs or any(lemma_of.get(_rewrite(lemma, pair) or "") == lemma for pair in pairs):
        return True
    return name == rules().shared_plural.name and _shows_shared_plural(lemma)


def _shows_shared_plural(lemma: str) -> bool:
    """Whether the word list gives ``lemma``'s form to the word spelled alike ("fördelarna":
    fördelare), and ``lemma`` shows the gender and no other plural (fördelen; not talet, danser)."""
    shared, lemma_of = rules().shared_plural, load_lexicon().lemma_of

    def form(rule: Rule) -> str:
        return _rewrite(lemma, rule) or ""

    return (
        lemma not in shared.not_plural
        and form(shared.plural) in lemma_of
        and lemma_of.get(form(shared.form)) == form(shared.reading)
        and lemma_of.get(form(shared.gender)) == lemma
        and not any(lemma_of.get(form(rule)) == lemma for rule in shared.other_forms)
    )


@cache
def _participles() -> ByEnding[tuple[str, Rule, str]]:
    """``rules().participles`` by the ending of the participle they rewrite."""
    return ByEnding((participle[1][0], participle) for participle in rules().participles)


def _participle_verbs(lemma: str) -> list[str]:
    """The verb of a participle: "fattad" -> fatta; "anställd" -> anställa, whose plural
    "anställda" the word list gives the verb."""
    verbs, unrelated = [], rules().unrelated
    for participle_class, rule, verb_class in _participles().matching(lemma):
        verb = _rewrite(lemma, rule)
        if not verb or verb == lemma or frozenset((lemma, verb)) in unrelated:
            continue  # "månad" is no participle of "måna"
        if _shows_participle(lemma, participle_class, verb) and _is_of_class(verb, verb_class):
            verbs.append(verb)
    return verbs


def _shows_participle(lemma: str, name: str, verb: str) -> bool:
    """Whether the word list shows ``lemma`` as a participle of class ``name``: a form only such a
    participle has, given as its own or as ``verb``'s. The word list often gives a participle's
    forms to its verb ("anställda", "ställda": anställa, ställa), and the verb's past tense to the
    participle ("anställde": anställd); either shows the pair, as the verb must show its own class."""
    if not _is_lemma(lemma):
        return False
    lemma_of, pairs = load_lexicon().lemma_of, rules().classes[name]
    return not pairs or any(lemma_of.get(_rewrite(lemma, pair) or "") in (lemma, verb) for pair in pairs)


@cache
def _homographs() -> ByEnding[tuple[str, Rule]]:
    """``rules().homographs`` by the ending of the form they rewrite."""
    return ByEnding((rule[0], (name, rule)) for name, rule in rules().homographs)


@lru_cache(maxsize=CACHE_WORDS)
def lemmas(word: str) -> tuple[str, ...]:
    """Every lemma of a lowercase word, the word list's first: "delar" -> (dela, del). A reading of
    the word list that is no inflection gives way to the lemmas the rules find, however rare
    ("tittar" is no form of the agent noun tittare: titta), and a present tense the word list only
    echoes puts the verbs first ("tycker": tycka, tycker)."""
    if not word.isalpha():
        return (lemmatize(word),)
    r, lemma_of = rules(), load_lexicon().lemma_of
    if word in lemma_of:
        first = (word,) if _is_own_word(word) else (lemmatize(word),)  # krävande: its verb is its family
    else:
        known = [lemma_of[f] for f in (_rewrite(word, rule) for rule in r.unknown_forms) if f in lemma_of]
        first = (
            tuple(known[:1])
            or _unknown_derived(word)
            or _unknown_participle(word)
            or _prefixed_lemmas(word)
            or _compound_lemmas(word)
            or (lemmatize(word),)
        )
    misread = word in lemma_of and any(_rewrite(word, rule) == first[0] for rule in r.misread)
    found = dict.fromkeys([*first, *r.irregular.get(word, ())])
    for name, rule in _homographs().matching(word):
        candidate = _rewrite(word, rule)
        if candidate and candidate not in found and _is_of_class(candidate, name, rare=misread):
            found[candidate] = None
    for lemma in list(found):
        found.update(dict.fromkeys(_participle_verbs(lemma)))
    if misread and len(found) > 1:
        return tuple(found)[1:]
    return _echoed_present_last(word, tuple(found)) if word in lemma_of else tuple(found)


def _compound_lemmas(word: str) -> tuple[str, ...] | None:
    """An unknown compound whose last part is a noun and a verb: the noun, with its first parts as
    written. The last part is the compound's head, and a compound of a verb's present tense is no
    word: "projektdelar" is projektdel, where the word list's first reading of "delar" alone made it
    "projektdela", and a search for "del" found only a verb's part."""
    parts = decompounder().split(word)
    readings = lemmas(parts[-1].surface) if parts else ()
    if len(readings) < 2:
        return None
    nouns = [lemma for lemma in readings if not _is_of_class(lemma, "verb", rare=True)]
    head = "".join(part.surface for part in parts[:-1])
    return tuple(head + lemma for lemma in nouns) or None


def _echoed_present_last(word: str, found: tuple[str, ...]) -> tuple[str, ...]:
    """``found`` with the verbs first when the word list gives a present tense ("tycker") as its
    own lemma and it shows no class of a word of its own ("får" does: fåret)."""
    r = rules()
    if (
        len(found) < 2
        or found[0] != word
        or not word.endswith(r.present_ending)
        or any(_is_of_class(word, name, rare=True) for name in r.own_lemma_classes)
    ):
        return found
    verbs = tuple(lemma for lemma in found[1:] if _is_of_class(lemma, "verb", rare=True))
    return (*verbs, *(lemma for lemma in found if lemma not in verbs))


def _prefixed_lemmas(word: str) -> tuple[str, ...] | None:
    """A word the word list does not know, of a prefix and a rest it knows, that is no
    compound: the rest's lemmas with the prefix in front ("omprioritera": prioritera)."""
    r, lemma_of = rules(), load_lexicon().lemma_of
    for prefix in r.prefixes:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) >= r.min_rest_chars and rest in lemma_of:
            return None if compound_tail(word) else tuple(prefix + lemma for lemma in lemmas(rest))
    return None


def _unknown_derived(word: str) -> tuple[str, ...] | None:
    """A form the word list does not know of a derived noun: the noun if the word list knows
    it ("snedvridningar" -> snedvridning; its verb is its family), else the verb and the noun
    ("plogningen" -> ploga, plogning; "inflyttarna" -> inflytta, inflyttare), when the word list
    knows the verb ("ploga", "inflytta")."""
    r = rules()
    for inflection in r.unknown_noun_endings:
        noun = _rewrite(word, inflection)
        for rule in r.regular_derivations if noun else ():
            verb = _rewrite(noun, rule)
            if verb and verb != noun and _is_of_class(verb, "verb", rare=True):
                return (noun,) if _is_lemma(noun, rare=True) else (verb, noun)
    return None


def _unknown_participle(word: str) -> tuple[str, ...] | None:
    """A present participle the word list does not know: its verb, when the word list knows the
    verb by its forms, and the participle ("digitaliserande" -> digitalisera, digitaliserande;
    the stemmer made "digitaliser" of it, which met no form of the verb)."""
    r = rules()
    for rule in r.derivations:
        verb = _rewrite(word, rule) if rule[0] in r.own_words else None
        if verb and verb != word and frozenset((word, verb)) not in r.unrelated and _is_of_class(verb, "verb", True):
            return verb, word
    return None


@lru_cache(maxsize=CACHE_WORDS)
def family(lemma: str) -> tuple[str, ...]:
    """The verb ``lemma`` is derived from and the verb's other nouns, or a verb's nouns:
    "samverkan" -> (samverka,); "integrering" -> (integrera, integration). A word of a
    prefix and a rest whose own family the word list does not show takes the rest's, with
    the prefix in front: "medfinansiering" -> (medfinansiera,), as finansiering has finansiera."""
    if not lemma.isalpha():
        return ()
    found = _own_family(lemma) or _participle_family(lemma) or _prefixed_family(lemma)
    return tuple(dict.fromkeys([*found, *_prefixed_participle_verbs(lemma)]))


@lru_cache(maxsize=CACHE_WORDS)
def compound_family(whole: str, head: str) -> tuple[str, ...]:
    """A compound's relatives through its head (its last part), with its first parts in front:
    "energieffektiv" (energi + effektiv) -> (energieffektivisera, energieffektivisering,
    energieffektivitet), as effektiv has effektivisera, effektivisering and the quality effektivitet.
    A compound is derived as its head is, but the word list knows few of a site's compounds and
    fewer of their derivations ("energieffektivisering" is in none of it), so ``family`` finds
    nothing for them. () for a compound that does not end in its head as written; pairs listed in
    ``unrelated`` are none ("planlösa", aimless, and "planlösning", a floor plan)."""
    front = whole[: len(whole) - len(head)]
    if not head.isalpha() or not whole.endswith(head) or not front:
        return ()
    unrelated, relatives = rules().unrelated, (*family(head), *qualities(head))
    found = (front + relative for relative in relatives)
    return tuple(dict.fromkeys(word for word in found if word != whole and frozenset((whole, word)) not in unrelated))


@lru_cache(maxsize=CACHE_WORDS)
def conversions(lemma: str) -> tuple[str, ...]:
    """A noun and the verb made of it without a suffix (zero derivation, or conversion), either way:
    "lån" -> (låna,), "låna" -> (lån,); cykel and cykla, stöd and stödja, bygge and bygga. Common
    words only, the noun showing a noun's forms (lånet) and the verb a verb's (lånade), and the pairs
    read as different words (väg and väga, mål and måla) in ``unrelated``. A query searches them at
    the family's weight (``wordquery.one_way_family``); the index does not hold them beside the word."""
    if not lemma.isalpha():
        return ()
    nouns = (_rewrite(lemma, (verb_ending, noun_ending)) for noun_ending, verb_ending in rules().conversions)
    found = [*_converted_verbs(lemma), *(noun for noun in nouns if noun and lemma in _converted_verbs(noun))]
    return tuple(dict.fromkeys(word for word in found if word != lemma))


def _converted_verbs(noun: str) -> tuple[str, ...]:
    """The verbs a common noun is the bare stem of: "lån" -> (låna,); "cykel" -> (cykla,)."""
    r = rules()
    if not any(_is_of_class(noun, name) for name in r.conversion_nouns):
        return ()
    found = (_rewrite(noun, rule) for rule in r.conversions)
    return tuple(
        verb
        for verb in found
        if verb and verb != noun and frozenset((noun, verb)) not in r.unrelated and _is_of_class(verb, "verb")
    )


def _prefixed_participle_verbs(lemma: str) -> tuple[str, ...]:
    """The verb of a participle after a prefix that makes no verb of its own: "nystartad" (newly
    started) -> (starta,); "omstarta", the lemma of an unknown "omstartade", -> (starta,). Not when
    the word list knows the prefixed verb: "omfattad" is omfatta's, "nedlagd" nedlägga's."""
    r, lexicon = rules(), load_lexicon()

    def known(word: str) -> bool:
        return word in lexicon.lemma_of or word in lexicon.zipf

    for prefix in r.participle_prefixes:
        rest = lemma[len(prefix) :]
        if not lemma.startswith(prefix) or len(rest) < r.min_rest_chars:
            continue
        if _is_of_class(rest, "verb", rare=True):
            verbs: tuple[str, ...] = () if known(lemma) else (rest,)  # "omstarta" unknown; "omfatta" a word
        elif rest.endswith(r.participle_endings) and rest in lexicon.lemma_of:
            verbs = tuple(verb for verb in lemmas(rest) if verb != rest and _is_of_class(verb, "verb", rare=True))
        else:
            continue
        return tuple(verb for verb in verbs if not known(prefix + verb) and frozenset((lemma, verb)) not in r.unrelated)
    return ()


@lru_cache(maxsize=CACHE_WORDS)
def qualities(lemma: str) -> tuple[str, ...]:
    """An adjective's quality nouns, or a quality noun's adjective: "trygg" -> (trygghet,),
    "trygghet" -> (trygg,). A query searches them at the family's weight; the index does not
    hold them beside the word, as it holds ``family``: every section with an adjective grew by
    a term, and ties between sections that had nothing to do with the query were reordered."""
    if not lemma.isalpha():
        return ()
    return (*_adjectives_of(lemma), *_qualities_of(lemma))


@lru_cache(maxsize=CACHE_WORDS)
def persons(lemma: str) -> tuple[str, ...]:
    """A person noun's activity, or an activity's person nouns: "turist" -> (turism,), "cyklist" ->
    (cykel, cykla), "innovatör" -> (innovation, innovera), "turism" -> (turist,). Searched from the
    query only, at the family's weight, as ``qualities`` are: the pairs are looser than a verb and
    its noun, and the index stays as it was."""
    if not lemma.isalpha():
        return ()
    return tuple(dict.fromkeys([*_activities_of(lemma), *_persons_of(lemma)]))


def _activities_of(person: str) -> tuple[str, ...]:
    """What a person noun the word list knows does or holds, of any frequency (a site's trades are
    rare in general text: "innovatör", "cyklist"): "cyklist" -> (cykel, cykla)."""
    r = rules()
    if not _is_lemma(person, rare=True):
        return ()
    found = (_rewrite(person, rule) for rule in r.persons)
    return tuple(
        word
        for word in dict.fromkeys(found)
        if word and word != person and _is_lemma(word, rare=True) and frozenset((person, word)) not in r.unrelated
    )


def _persons_of(activity: str) -> tuple[str, ...]:
    """The person nouns of an activity: "turism" -> (turist,); "cykel" -> (cyklist,)."""
    found = (_rewrite(activity, (activity_ending, person_ending)) for person_ending, activity_ending in rules().persons)
    return tuple(person for person in dict.fromkeys(found) if person and activity in _activities_of(person))


def _adjectives_of(noun: str) -> tuple[str, ...]:
    """The adjective a common quality noun is made of, about as common as the noun: "trygghet"
    -> (trygg,); "svenskhet" -> () (svensk is far commoner: the noun is a word of style)."""
    r, zipf = rules(), load_lexicon().zipf
    if not _is_lemma(noun):
        return ()
    found = (_rewrite(noun, rule) for rule in r.qualities)
    return tuple(
        adjective
        for adjective in found
        if adjective
        and frozenset((noun, adjective)) not in r.unrelated
        and _shows_adjective(adjective)
        and zipf[adjective] - zipf[noun] <= r.quality_rarer
    )


def _qualities_of(adjective: str) -> tuple[str, ...]:
    """The quality nouns of a common adjective: "trygg" -> (trygghet,)."""
    endings = rules().qualities
    found = (_rewrite(adjective, (adjective_ending, noun_ending)) for noun_ending, adjective_ending in endings)
    return tuple(noun for noun in found if noun and adjective in _adjectives_of(noun))


def _participle_family(lemma: str) -> tuple[str, ...]:
    """The verb the word list gives a present participle, a word of its own ("berörande": beröra),
    when the rules cannot show the verb's class by its forms (the word list knows "berörde" as a
    form of another word): the word list says which verb it is."""
    verb = load_lexicon().lemma_of.get(lemma, lemma) if _is_own_word(lemma) else lemma
    return (verb,) if verb != lemma and frozenset((lemma, verb)) not in rules().unrelated else ()


def _own_family(lemma: str) -> tuple[str, ...]:
    verbs = _verbs_of(lemma)
    nouns = [noun for verb in (verbs or [lemma]) for noun in _nouns_of(verb)]
    return tuple(word for word in dict.fromkeys([*verbs, *nouns]) if word != lemma)


def _prefixed_family(lemma: str) -> tuple[str, ...]:
    """The family of the rest after a prefix, prefixed: only a family, never the rest itself
    (a prefixed word is a word of its own: "omsorg" is no kind of "sorg"). The pair of the rest
    is one the word list knows (prioritering, prioritera); the prefixed relative need not be
    ("omprioritera" is not in it), since a query reads an unknown word the same way."""
    r = rules()
    for prefix in r.prefixes:
        rest = lemma[len(prefix) :]
        if lemma.startswith(prefix) and len(rest) >= r.min_rest_chars:
            found = (prefix + word for word in _own_family(rest))
            return tuple(word for word in found if frozenset((lemma, word)) not in r.unrelated)
    return ()


@cache
def _derivations() -> tuple[tuple[Rule, bool], ...]:
    """Each derivation rule, and whether it accepts words of any frequency (the regular ones)."""
    r = rules()
    return (*((rule, True) for rule in r.regular_derivations), *((rule, False) for rule in r.derivations))


@cache
def _derivations_by_noun() -> ByEnding[tuple[Rule, bool]]:
    """``_derivations`` by the noun ending they rewrite (``_verbs_of``)."""
    return ByEnding((rule[0], (rule, rare)) for rule, rare in _derivations())


@cache
def _derivations_by_verb() -> ByEnding[tuple[Rule, bool]]:
    """``_derivations`` turned round, verb ending -> noun ending, by the verb ending (``_nouns_of``)."""
    return ByEnding((verb, ((verb, noun), rare)) for (noun, verb), rare in _derivations())


@lru_cache(maxsize=CACHE_WORDS)
def _verbs_of(noun: str) -> tuple[str, ...]:
    """The verb a noun is derived from: "planering" -> planera. Of two candidates the one that
    keeps more of the noun: "varning" is varn-ing (varna), not var-ning (vara)."""
    unrelated = rules().unrelated
    found = [
        verb
        for verb in (_derivation(noun, rule, rare) for rule, rare in _derivations_by_noun().matching(noun))
        if verb and frozenset((noun, verb)) not in unrelated
    ]
    longest = max(map(len, found), default=0)
    return tuple(verb for verb in found if len(verb) == longest)


def _derivation(noun: str, rule: Rule, rare: bool) -> str | None:
    """The verb ``rule`` makes of ``noun``, if both words pass it (with ``rare``, of any frequency)
    and ``noun`` is not the verb's own definite form as a noun ("klippan": klippa, the rock)."""
    verb = _rewrite(noun, rule)
    if not verb or verb == noun or not _is_of_class(verb, "verb", rare):
        return None
    definite = rules().definite_forms.get(rule)
    if definite and _is_of_class(verb, definite, rare=True):
        return None
    return verb if _is_own_word(noun) or _is_lemma(noun, rare) else None


def _nouns_of(verb: str) -> list[str]:
    """The nouns derived from a verb, each of which has it as its verb: "planera" -> planering."""
    if not _is_of_class(verb, "verb", rare=True):
        return []
    found = ((_rewrite(verb, rule), rare) for rule, rare in _derivations_by_verb().matching(verb))
    return [noun for noun, rare in found if noun and _is_lemma(noun, rare) and verb in _verbs_of(noun)]


@lru_cache(maxsize=CACHE_WORDS)
def particle_nouns(verb: str, particle: str) -> tuple[str, ...]:
    """The nouns of a particle verb written apart: ("ställa", "om") -> (omställning,);
    none if ``particle`` is not a verb particle or the word list knows no such noun."""
    front = rules().particles.get(particle.lower())
    if front is None or not verb.isalpha():
        return ()
    found = (_rewrite(verb, (verb_ending, noun_ending)) for noun_ending, verb_ending in rules().particle_derivations)
    return tuple(dict.fromkeys(front + noun for noun in found if noun and _is_lemma(front + noun)))


def is_verb_particle(word: str) -> bool:
    """Whether ``word``, right after a verb, makes a verb of its own with it: a verb particle ("fram" of
    "ta fram", "in" of "komma in") or a word listed to make a fixed expression as one does ("öppet" of
    "hålla öppet", "igenom" of "gå igenom")."""
    word = word.lower()
    return word in rules().particles or word in rules().particle_adverbs


def has_imperative(lemma: str) -> bool:
    """Whether ``lemma``'s bare stem is its imperative, a word of its own: the word list shows it as a
    verb, however rare, and as no noun (``stem_noun_classes``): "bygga" (bygg), not "skola" (skolan)."""
    return _is_of_class(lemma, "verb", rare=True) and not any(
        _is_of_class(lemma, name, rare=True) for name in rules().stem_noun_classes
    )


def is_adjective(word: str) -> bool:
    """Whether the word list shows ``word``, or the word it is a form of ("små": liten), as an
    adjective (``quality_classes``: "stor", "hög", "grön"; not "cykel", "natt")."""
    return _shows_adjective(load_lexicon().lemma_of.get(word, word))


def _shows_adjective(lemma: str) -> bool:
    """Whether the word list shows a common ``lemma`` as an adjective (``quality_classes``) and not as a
    word of ``quality_not_classes``: "skola" has the form "skolat", a supine, not an adjective's neuter."""
    r = rules()
    return any(_is_of_class(lemma, name) for name in r.quality_classes) and not any(
        _is_of_class(lemma, name) for name in r.quality_not_classes
    )
