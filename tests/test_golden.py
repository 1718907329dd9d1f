"""The Swedish analysis, checked word by word against tests/data/analysis_golden.tsv.

Each line gives a word (or phrase) and the index terms it must give: the lemmas,
then the compound parts; a term marked ``~`` is indexed at a lower weight (a
derived word of the same family). The known mismatches at the end are written down, not
hidden: they are expected to fail, and a fix makes them fail loudly (strict).
"""

from pathlib import Path

import pytest

from indexer.analysis import swedish_analyzer

GOLDEN = Path(__file__).parent / "data" / "analysis_golden.tsv"
MISMATCH_HEADER = "## known mismatches"


def read_golden():
    cases, mismatches, target = [], [], None
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.startswith(MISMATCH_HEADER):
            target = mismatches
        elif line and not line.startswith("#"):
            word, expected, *why = line.split("\t")
            (target if target is not None else cases).append(
                pytest.param(
                    word,
                    expected.split(),
                    id=word,
                    marks=[pytest.mark.xfail(strict=True, reason=why[0] if why else "")] if target is not None else [],
                )
            )
    return cases, mismatches


CASES, MISMATCHES = read_golden()


def test_the_golden_table_is_large_enough():
    assert len(CASES) >= 150, "at least 150 golden cases"
    assert len(MISMATCHES) >= 1, "at least one recorded mismatch"


@pytest.mark.parametrize(("word", "expected"), CASES + MISMATCHES)
def test_index_terms(word, expected):
    assert [token.text + ("~" if token.boost < 1 else "") for token in swedish_analyzer()(word)] == expected
