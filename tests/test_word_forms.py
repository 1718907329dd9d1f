"""No word on the page goes unfound in another of its forms: every form the word list gives of
a lemma the bundled page holds finds at least one section (stop words aside, found by nobody).

The sweep (``testkit.word_forms``) is the issue's "no query with a matching word ever returns
zero hits", tried on every form of every word instead of on examples. On the fixture site it
found 90 forms that found nothing, nearly all present participles ("exporterande",
"samverkande") whose family the index held one way only; then, on this page, 4 participles whose
verb does not show its forms ("berörande": beröra)."""

from testkit.word_forms import sweep


def test_every_form_of_a_word_the_page_holds_finds_something(real_index):
    result = sweep(real_index)
    assert result.searched > 2000, f"only {result.searched} forms searched: the sweep read too few words"
    assert result.found_nothing == [], f"forms that found nothing: {result.found_nothing[:20]}"
