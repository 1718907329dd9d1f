"""Invisible and compatibility characters: text is read as a reader sees it.

CMSs put soft hyphens (``&shy;``) and zero-width characters into long words; text copied
out of PDF reports carries ligatures ("ﬁ"); some keyboards type full-width letters. The
analysis drops the invisible characters and applies NFKC before it splits text into words,
on the index and the query side alike, so each of these is found by the word as typed,
finds it, and is highlighted. The text a section stores and shows is the page as a reader
sees it: without the invisible characters (a title copied out of the JSON holds no hidden
soft hyphen), with its ligatures as written. Escapes keep the invisible characters visible here.
"""

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.analysis import INVISIBLE_CHARACTERS, fold, normalize, swedish_analyzer
from indexer.build import build
from webapp.search import NOTICE_NO_WORDS
from webapp.snippets import hit_spans

from .conftest import client_for, searching, write_corpus

PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Rapporter</title></head><body><main>
<h1 id="rapporter">Rapporter</h1>
<h2 id="sjofart">Sjö&shy;farts&shy;sektorn</h2>
<p>Stöd till el&shy;drift i hamnar längs kusten.</p>
<h2 id="kajer">Kajer</h2>
<p>Rapporten beskriver \ufb01nansiering av nya kajer.</p>
<h2 id="bostader">Bostäder</h2>
<p>Bostäder och finansiering i Ystad.</p>
<h2 id="inkop">Inköp</h2>
<p>Upp&#8203;handling av tjänster till &#xfeff;Trafikverket.</p>
<h2 id="samarbete">Samarbete</h2>
<p>Högskola i Malmo\u0308 och Överkalix.</p>
<h2 id="solceller">Solceller</h2>
<p>Nya solceller på 40 m² tak.</p>
<h2 id="arbetskraft">Arbets&shy;kraft&shy;brist</h2>
<p>Bristen på folk i bygg&shy;branschen och&#8203; i&#x200d;&nbsp;vården.</p>
</main></body></html>
"""

SECTIONS = {"sjofart", "kajer", "bostader", "inkop", "samarbete", "solceller", "arbetskraft"}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    root = tmp_path_factory.mktemp("characters")
    build(write_corpus(root / "corpus", {"hamnar.html": PAGE}), root / "index")
    return root / "index"


@pytest.fixture(scope="module")
def run(index):
    with searching(index) as run:
        yield run


def found(result) -> list[str]:
    return sorted(hit["id"].split("/")[-1] for hit in result["results"])


def terms(text: str, mode: str = "index") -> list[str]:
    return [token.text for token in swedish_analyzer()(text, mode=mode)]


# -- The analysis ---------------------------------------------------------------

#: Text as written -> the same text without the characters that should not matter.
READ_AS = [
    pytest.param("Sjö\xadfarts\xadsektorn", "Sjöfartssektorn", id="soft hyphen"),
    pytest.param("el\u200bdrift", "eldrift", id="zero-width space"),
    pytest.param("bostads\u200cmarknaden", "bostadsmarknaden", id="zero-width non-joiner"),
    pytest.param("hamn\u200dkajen", "hamnkajen", id="zero-width joiner"),
    pytest.param("sam\u2060verkan", "samverkan", id="word joiner"),
    pytest.param("\ufeffKommunerna", "Kommunerna", id="byte-order mark"),
    pytest.param("Bostads\xad- och arbets\xadmarknaden", "Bostads- och arbetsmarknaden", id="elliptic compound"),
    pytest.param("\ufb01nansiering", "finansiering", id="fi ligature"),
    pytest.param("\ufb02ygplatsen", "flygplatsen", id="fl ligature"),
    pytest.param("ｈａｍｎａｒ", "hamnar", id="full-width"),
    pytest.param("ＨＡＭＮＥＮ ｉ Ｙｓｔａｄ", "HAMNEN i Ystad", id="full-width capitals"),
    pytest.param("Malmo\u0308 a\u030arsredovisning", "Malmö årsredovisning", id="combining marks"),
    pytest.param("40 m² och CO₂", "40 m2 och CO2", id="super- and subscripts"),
]


@pytest.mark.parametrize(("written", "plain"), READ_AS)
@pytest.mark.parametrize("mode", ["index", "query"])
def test_the_analysis_reads_text_as_a_reader_sees_it(written, plain, mode):
    assert terms(written, mode) == terms(plain, mode), f"{written!r} is analysed as {plain!r} ({mode})"


def test_a_soft_hyphenated_compound_is_indexed_whole_with_its_parts():
    assert terms("Sjö\xadfarts\xadsektorn") == ["sjöfartssektor", "sjöfart", "sektor"], "the whole word, then parts"


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        pytest.param("Överkalix, Åre och Älvsbyn", "Överkalix, Åre och Älvsbyn", id="å ä ö stay"),
        pytest.param("café, Müller – ’s", "café, Müller – ’s", id="other marks and punctuation stay"),
        pytest.param("a\u030a", "å", id="a and a combining ring compose"),
        pytest.param("²", "2", id="superscript two"),
        pytest.param("½", "1⁄2", id="one half"),
        pytest.param("Sweden™", "SwedenTM", id="trade mark"),
        pytest.param("\xad\u200b\u200c\u200d\u2060\ufeff", "", id="only invisible characters"),
    ],
)
def test_normalize(text, normalized):
    assert normalize(text) == normalized, f"normalize({text!r})"


def test_the_folding_of_a_full_width_query_is_still_a_query_matter():
    assert terms("ｏｖｅｒｋａｌｉｘ", "query") == ["overkalix"], "not folded in the analysis"


SAMPLE = "Bostads- och arbetsmarknaden i Göteborgsregionen: skryta medPolitiker om höghastighetsjärnvägen."
SAMPLE_TERMS = {fold(term) for term in terms("arbetsmarknad politiker järnväg bostad göteborgsregion")}


def with_invisible(text: str, insertions: list[tuple[int, str]]) -> str:
    for at, character in sorted(insertions, reverse=True):
        text = text[: at % (len(text) + 1)] + character + text[at % (len(text) + 1) :]
    return text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(INVISIBLE_CHARACTERS)), min_size=1, max_size=12))
def test_invisible_characters_anywhere_change_neither_the_terms_nor_the_words_marked(insertions):
    written = with_invisible(SAMPLE, insertions)
    assert terms(written) == terms(SAMPLE), f"the terms of {written!r}"
    marked = [normalize(written[start:end]) for start, end in hit_spans(written, SAMPLE_TERMS)]
    assert marked == [SAMPLE[start:end] for start, end in hit_spans(SAMPLE, SAMPLE_TERMS)], f"marked in {written!r}"


# -- A real index and the real search -------------------------------------------

SEARCHES = [
    ("sjöfartssektorn", ["sjofart"]),
    ("eldrift", ["sjofart"]),
    ("Sjö\xadfarts\xadsektorn", ["sjofart"]),  # pasted from the page, soft hyphens and all
    ("sjöfart", ["sjofart"]),  # a part of the compound
    ("finansiering", ["bostader", "kajer"]),
    ("\ufb01nansiering", ["bostader", "kajer"]),
    ("ｈａｍｎａｒ", ["sjofart"]),
    ("upphandling", ["inkop"]),
    ("trafikverket", ["inkop"]),
    ("malmö", ["samarbete"]),
    ("Malmo\u0308", ["samarbete"]),
    ("malmo", ["samarbete"]),  # typed without ö: folding still finds it
    ("ｏｖｅｒｋａｌｉｘ", ["samarbete"]),  # full-width and without Ö
    ("m2", ["solceller"]),
    ("m²", ["solceller"]),
]


@pytest.mark.parametrize(("q", "sections"), SEARCHES)
def test_words_written_with_invisible_or_compatibility_characters_are_found(run, q, sections):
    assert found(run(q)) == sections, f"sections found by {q!r}"


@pytest.mark.parametrize(
    ("q", "marked"),
    [
        ("eldrift", "<mark>eldrift</mark>"),  # written el&shy;drift
        ("finansiering", "<mark>\ufb01nansiering</mark>"),
        ("upphandling", "<mark>Upphandling</mark>"),  # written Upp&#8203;handling
        ("trafikverket", "<mark>Trafikverket</mark>"),  # written &#xfeff;Trafikverket
        ("malmö", "<mark>Malmo\u0308</mark>"),
        ("byggbranschen", "<mark>byggbranschen</mark>"),  # written bygg&shy;branschen
        ("bransch", "<mark>byggbranschen</mark>"),  # a part of it
    ],
)
def test_a_hit_is_highlighted_in_the_text_as_a_reader_sees_it(run, q, marked):
    assert any(marked in hit["snippet"] for hit in run(q)["results"]), f"{marked!r} in a snippet for {q!r}"


@pytest.mark.parametrize(
    ("q", "title"),
    [
        ("eldrift", "Sjöfartssektorn"),  # written Sjö&shy;farts&shy;sektorn
        ("arbetskraftbrist", "Arbetskraftbrist"),  # written Arbets&shy;kraft&shy;brist
        ("Arbets\xadkraft\xadbrist", "Arbetskraftbrist"),  # pasted with its soft hyphens
        ("arbetskraft", "Arbetskraftbrist"),  # a part of the compound
    ],
)
def test_the_stored_title_is_the_heading_without_its_invisible_characters(run, q, title):
    assert [hit["title"] for hit in run(q)["results"]] == [title], f"the title found by {q!r}"


def test_no_stored_text_holds_an_invisible_character(run):
    shown = [
        (hit["id"], name, str(value))
        for hit in run()["results"]
        for name, value in hit.items()
        if isinstance(value, str) or name == "snippet"
    ]
    hidden = [(section, name) for section, name, value in shown if set(value) & set(INVISIBLE_CHARACTERS)]
    assert hidden == [], "fields that hold an invisible character"


def test_the_stored_text_keeps_ligatures_and_combining_marks_as_written(run):
    assert "\ufb01nansiering" in str(run("kajer")["results"][0]["snippet"]), "the ligature, as the page has it"


# -- The web app ------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return client_for(tmp_path_factory.mktemp("characters-app"), {"hamnar.html": PAGE})


def test_titles_sort_as_they_read(tmp_path):
    titles = ["Sjögräs", "Sjö&shy;fart", "Malmo\u0308", "ｍａｌｍ", "Malmberget"]
    body = "".join(f"<h2>{title}</h2><p>Text.</p>" for title in titles)
    client = client_for(tmp_path, {"lista.html": f"<h1>Lista</h1>{body}"})
    data = client.get("/api/search", query_string={"q": "text", "sort": "titel"}).get_json()
    expected = ["ｍａｌｍ", "Malmberget", "Malmo\u0308", "Sjöfart", "Sjögräs"]
    assert [hit["title"] for hit in data["results"]] == expected, "A-Ö by the letters a reader sees"


@pytest.mark.parametrize("q", ["\xad", "\u200b", " \ufeff ", "\xad\u2060"])
def test_a_query_of_only_invisible_characters_has_no_words_and_says_so(client, q):
    result = client.get("/api/search", query_string={"q": q}).get_json()
    assert result["total"] == 0, f"{q!r} lists nothing"
    assert result["notice"] == NOTICE_NO_WORDS, f"{q!r} is a query without words"


@pytest.mark.parametrize(
    ("q", "shown"),
    [
        ("sjö\xadfarts\xadsektorn", "sjöfartssektorn"),
        ("\ufb01nansiering", "finansiering"),
        ("ｈａｍｎａｒ", "hamnar"),
    ],
)
def test_the_api_searches_and_shows_the_query_as_the_index_reads_it(client, q, shown):
    result = client.get("/api/search", query_string={"q": q}).get_json()
    assert result["query"] == shown, "the query shown again"
    assert result["total"] > 0, f"{q!r} finds"


def test_a_typo_in_a_ligature_word_is_corrected(client):
    result = client.get("/api/search", query_string={"q": "\ufb01nansjering"}).get_json()
    assert result["suggestion"] == "finansiering", "the corrected word shown (Visar träffar för …)"


def test_the_search_page_lists_and_marks_a_soft_hyphenated_word(client):
    soup = BeautifulSoup(client.get("/", query_string={"q": "eldrift"}).get_data(as_text=True), "html.parser")
    hits = soup.select("ol.hits li.hit")
    assert [hit.select_one("h2 a").get_text() for hit in hits] == ["Sjöfartssektorn"], "the hit"
    assert hits[0].select_one(".snippet mark").get_text() == "eldrift", "the word marked, without its soft hyphen"


def test_the_api_shows_title_and_snippet_without_invisible_characters(client):
    response = client.get("/api/search", query_string={"q": "arbetskraftbrist byggbranschen"})
    hit = response.get_json()["results"][0]
    assert hit["title"] == "Arbetskraftbrist", "the title, as a reader sees it"
    marked = "<mark>Bristen</mark> på folk i <mark>byggbranschen</mark> och i vården."
    assert hit["snippet"] == marked, "the snippet, each word marked whole"
    assert "\\u00ad" not in response.get_data(as_text=True), "no escaped soft hyphen in the JSON"


def test_suggestions_complete_a_full_width_word(client):
    suggestions = client.get("/api/suggest", query_string={"q": "ｈａｍ"}).get_json()["suggestions"]
    assert "hamnar" in suggestions, "the completion of ｈａｍ, as the page writes it"


def test_every_section_of_the_page_is_indexed(run):
    assert found(run()) == sorted(SECTIONS), "the empty query lists every section"
