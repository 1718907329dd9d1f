"""Build indexer/data/sv_forms.tsv: Swedish word forms, their lemma and frequency.

Run by a developer when the word data should change, never at run time:

    pip install simplemma wordfreq && python tools/build_word_data.py

The table joins two public sources:

* wordfreq's Swedish list says which forms occur and how often (Zipf scale:
  log10 of occurrences per billion words);
* simplemma's Swedish dictionary gives each form's lemma.

Only forms both know are kept. Each line: form, lemma (empty when the form is
its own lemma), Zipf frequency.

simplemma often takes a bare noun for a verb's imperative ("hamn" -> hamna,
"plan" -> plana, "orsak" -> orsaka). So a form that is itself the lemma of
other forms ("hamnen" -> hamn) is kept as its own lemma. Hand-made corrections live in
``lemma_corrections.tsv`` and are applied when the table is loaded.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

MIN_ZIPF = 1.0
OUT = Path(__file__).resolve().parents[1] / "indexer" / "data" / "sv_forms.tsv"
WORD = re.compile(r"^[a-zåäöéü]+(?:-[a-zåäöéü]+)?$")


def main() -> int:
    import wordfreq
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    lemmas = DefaultDictionaryFactory().get_dictionary("sv")
    frequencies = wordfreq.get_frequency_dict("sv", wordlist="best")
    found = {}
    for form, frequency in frequencies.items():
        zipf = math.log10(frequency * 1e9)
        if zipf < MIN_ZIPF or not WORD.match(form):
            continue
        lemma = lemmas.get(form) or lemmas.get(form.capitalize())
        if lemma is not None:
            found[form] = (lemma.lower(), zipf)
    lemmas_in_use = {lemma for form, (lemma, _) in found.items() if lemma != form}
    rows = []
    for form, (lemma, zipf) in found.items():
        if form in lemmas_in_use:
            lemma = form
        rows.append(f"{form}\t{'' if lemma == form else lemma}\t{zipf:.2f}")
    rows.sort()
    OUT.write_text("# form\tlemma (empty: the form itself)\tzipf\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} forms to {OUT.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
