"""Do a word form and its lemma meet in one index term? Measured against a treebank.

    python -m bench.conflation [--treebank FILE.conllu] [--examples 3]

The gold standard is UD Swedish-Talbanken (dev split), whose lemmas linguists
wrote: it is not in the repository but in the ``shared/`` folder beside it
(``../shared/data/ud-talbanken/``; any ``shared/`` folder above the repository
is found too). Only nouns, verbs and adjectives are counted (proper nouns are
shown apart); a word the analysis drops as a stop word is left out and
counted.

Each written word (lowercased) is analysed alone, and so is its gold lemma.
Its *terms* are the whole-word index terms it gives, without compound parts:

* **full**: the lemmas, at full weight (a form of two words has both);
* **family**: full plus the derived words indexed at a lower weight.

**Conflation**: the share of running words (tokens) whose terms and their gold
lemma's terms intersect, that is, a search for the lemma finds the form.

**Over-conflation**: the chance that two running words drawn at random, written
differently and with different gold lemmas, share a term: over all such pairs
of tokens, the share whose terms intersect (exact, no sampling). Pairs written
alike ("andra" is *annan* in one sentence and *andra* in another) are left out:
no analysis of a word alone can tell them apart. Beside it, how many pairs of
different gold lemmas share a term at all ("lemma pairs").

Four analyses, in one run: **before** (the word list's one lemma, the analysis
before the word-family rules), **after** (full weight), **after + family**, and
**Snowball** (Whoosh's Swedish stemmer: the term is the stem). The misses of
*after* are counted by category (part of speech and the treebank's inflection
features), with a few examples each.
"""

from __future__ import annotations

import itertools
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from whoosh.lang.snowball.swedish import SwedishStemmer

from indexer.analysis import ELLIPSIS_JOINERS, swedish_analyzer

TREEBANK = Path("data") / "ud-talbanken" / "sv_talbanken-ud-dev.conllu"
COUNTED = ("NOUN", "VERB", "ADJ")
SHOWN = (*COUNTED, "PROPN")
#: The treebank's features that name an inflection, in the order a category is named by.
CATEGORY_FEATURES = ("VerbForm", "Tense", "Voice", "Degree", "Number", "Definite", "Case")

Terms = Callable[[str], frozenset[str]]


@dataclass(frozen=True)
class Token:
    form: str
    lemma: str
    pos: str
    category: str


def find_treebank() -> Path | None:
    """The treebank in the nearest ``shared/`` folder beside or above the repository."""
    for folder in Path(__file__).resolve().parents[1].parents:
        if (folder / "shared" / TREEBANK).is_file():
            return folder / "shared" / TREEBANK
    return None


def read_tokens(path: Path) -> list[Token]:
    tokens = []
    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if len(columns) < 6 or not columns[0].isdigit() or columns[3] not in SHOWN:
            continue
        features = dict(f.split("=", 1) for f in columns[5].split("|") if "=" in f)
        category = " ".join([columns[3], *(features[name] for name in CATEGORY_FEATURES if name in features)])
        tokens.append(Token(columns[1].lower(), columns[2].lower(), columns[3], category))
    return tokens


def elliptic_heads(path: Path) -> list[tuple[str, str]]:
    """The treebank's first halves of elliptic compounds ("kock-" in "kock- och restaurangarbete"), each
    as (its words up to the word after the joiner, lowercase; the gold lemma: "kockarbete")."""
    cases, words = [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        columns = line.split("\t")
        if len(columns) > 2 and columns[0].isdigit():
            words.append((columns[1].lower(), columns[2].lower()))
            continue
        for i, (form, lemma) in enumerate(words[:-2]):
            if form.endswith("-") and len(form) > 1 and words[i + 1][0] in ELLIPSIS_JOINERS:
                cases.append((" ".join(word for word, _ in words[i : i + 3]), lemma))
        words = []
    return cases


def elliptic_found(cases: list[tuple[str, str]], terms: Terms) -> int:
    """How many elliptic first halves, analysed in their words, give a term of their gold lemma."""
    analyzer = swedish_analyzer()
    found = 0
    for words, lemma in cases:
        first = [t.text for t in analyzer(words, positions=True) if t.pos == 0 and not t.part and t.boost == 1.0]
        found += bool(set(first) & terms(lemma))
    return found


def analyses() -> dict[str, Terms]:
    before, after, stemmer = swedish_analyzer(families=False), swedish_analyzer(), SwedishStemmer()

    def index_terms(analyzer, word: str, family: bool) -> frozenset[str]:
        return frozenset(t.text for t in analyzer(word) if not t.part and (family or t.boost == 1.0))

    return {
        "before": lambda word: index_terms(before, word, family=False),
        "after": lambda word: index_terms(after, word, family=False),
        "after + family": lambda word: index_terms(after, word, family=True),
        "Snowball": lambda word: frozenset([stemmer.stem(word)]),
    }


def conflation(tokens: list[Token], terms: Terms) -> tuple[dict[str, tuple[int, int]], list[Token], int]:
    """Per part of speech (hits, tokens), the missed tokens, and how many were stop words."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed, dropped = [], 0
    for token in tokens:
        form, lemma = terms(token.form), terms(token.lemma)
        if not form or not lemma:
            dropped += 1
            continue
        counts[token.pos][1] += 1
        if form & lemma:
            counts[token.pos][0] += 1
        else:
            missed.append(token)
    return {pos: (hits, n) for pos, (hits, n) in counts.items()}, missed, dropped


def over_conflation(tokens: list[Token], terms: Terms) -> tuple[float, int]:
    """The share of token pairs of different gold lemmas that share a term, and how many
    pairs of different gold lemmas share one."""
    types = Counter((t.form, t.lemma) for t in tokens if t.pos in COUNTED)
    by_term = defaultdict(set)
    for key in types:
        for term in terms(key[0]):
            by_term[term].add(key)
    merged = {
        (a, b)
        for keys in by_term.values()
        for a, b in itertools.combinations(sorted(keys), 2)
        if a[0] != b[0] and a[1] != b[1]
    }
    per_lemma, per_form = Counter(), Counter()
    for (form, lemma), n in types.items():
        per_lemma[lemma] += n
        per_form[form] += n
    total = sum(types.values())
    same_form_only = sum(n * n for n in per_form.values()) - sum(n * n for n in types.values())
    different = (total * total - sum(n * n for n in per_lemma.values()) - same_form_only) / 2
    shared = sum(types[a] * types[b] for a, b in merged)
    return shared / different, len({(a[1], b[1]) for a, b in merged})


def share(hits: int, n: int) -> str:
    return f"{hits / n:.3f}" if n else "-"


@click.command()
@click.option(
    "--treebank",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A CoNLL-U file; default: shared/data/ud-talbanken/ beside the repository.",
)
@click.option("--examples", default=3, show_default=True, help="Missed words shown per category.")
def main(treebank: Path | None, examples: int):
    """Conflation and over-conflation against gold lemmas: before and after the
    word-family rules, and Snowball."""
    treebank = treebank or find_treebank()
    if treebank is None or not treebank.is_file():
        raise click.ClickException(
            f"no treebank: put UD Swedish-Talbanken at ../shared/{TREEBANK} or pass --treebank FILE"
        )
    tokens = read_tokens(treebank)
    click.echo(f"{treebank.name}: {sum(t.pos in COUNTED for t in tokens)} nouns, verbs and adjectives\n")
    click.echo("| analysis | " + " | ".join(SHOWN) + " | N+V+A | over-conflation | lemma pairs | stop words |")
    click.echo("|---" * (len(SHOWN) + 5) + "|")
    misses = {}
    for name, terms in analyses().items():
        per_pos, missed, dropped = conflation(tokens, terms)
        hits, n = (sum(per_pos.get(pos, (0, 0))[i] for pos in COUNTED) for i in (0, 1))
        over, pairs = over_conflation(tokens, terms)
        cells = [share(*per_pos.get(pos, (0, 0))) for pos in SHOWN]
        click.echo(f"| {name} | {' | '.join(cells)} | {share(hits, n)} | {over * 1e5:.2f}e-5 | {pairs} | {dropped} |")
        misses[name] = missed
    cases = elliptic_heads(treebank)
    found = elliptic_found(cases, analyses()["after"])
    click.echo(
        f"\nElliptic compounds ('kock- och restaurangarbete'): {found} of {len(cases)} first halves"
        " give their gold lemma"
    )
    click.echo("\nMisses of 'after' by category (tokens, examples form -> gold lemma):")
    by_category = defaultdict(list)
    for token in misses["after"]:
        by_category[token.category].append(token)
    for category, missed in sorted(by_category.items(), key=lambda item: -len(item[1])):
        shown = Counter(f"{t.form} -> {t.lemma}" for t in missed).most_common(examples)
        click.echo(f"  {len(missed):4d}  {category}: {', '.join(text for text, _ in shown)}")


if __name__ == "__main__":
    sys.exit(main())
