"""Synonyms and abbreviations owned by the editors: the file, its analysis, how a
query uses it, and a running server that follows changes to it."""

import logging
import os
import time

import pytest
from bs4 import BeautifulSoup

from indexer.synonyms import BASE_FILE, SynonymsError, analyse_key, base_synonyms, parse_synonyms, read_synonyms
from testkit.server import get_json, indexer, running_server
from webapp import create_app
from webapp.synonyms import LiveSynonyms

from .conftest import write_corpus

SYNONYMS = """
# these tests are about the file's own entries: the shipped base list is left out
base = false

equal = [
  # the fund by its abbreviation, short name and full name
  ["ERUF", "Regionalfonden", "Europeiska regionala utvecklingsfonden"],
]

[expand]
# visitors say train; the pages say railway
"tåg" = ["järnväg"]
# everyday word for funding
"pengar" = ["bidrag", "finansiering", "anslag"]
# the countryside: "landet" alone is also the country
"på landet" = ["landsbygd"]
"""

PAGE = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sidor</title></head><body><main>
<h1 id="sidor">Sidor</h1><p>Om programmet.</p>
<h2 id="g">Projekt</h2>
<h3 id="bana">Banan</h3><p>En ny järnväg mellan städerna.</p>
<h3 id="tag">Tågen</h3><p>Fler tåg i rusningstid, och järnväg.</p>
<h3 id="stod">Stödet</h3><p>Kommunen fick bidrag för att bygga om torget.</p>
<h3 id="fond">Fonden</h3><p>Projektet finansierades av Europeiska regionala utvecklingsfonden.</p>
<h3 id="eruf">Förkortningen</h3><p>Pengarna kom från ERUF.</p>
<h3 id="landsbygd">Byarna</h3><p>Butikerna på landsbygden får stöd.</p>
<h3 id="landet">Statistik</h3><p>Siffror för hela landet.</p>
</main></body></html>"""


@pytest.fixture
def make_client(tmp_path):
    """A client over a tiny index (of ``pages``, or ``PAGE``), with ``synonyms`` as the corpus's synonyms file
    (None: no file)."""

    def make(synonyms: str | None = SYNONYMS, pages: dict[str, str] | None = None):
        corpus = write_corpus(tmp_path / "corpus", pages or {"p.html": PAGE})
        if synonyms is not None:
            (corpus / "synonyms.toml").write_text(synonyms, encoding="utf-8")
        from indexer.build import build

        build(corpus, tmp_path / "index")
        return create_app(
            {"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}
        ).test_client()

    return make


def ids(data):
    return [hit["id"].rsplit("/", 1)[-1] for hit in data["results"]]


# -- The file -------------------------------------------------------------------------


def test_entries_are_analysed_so_groups_and_expansions_become_lemma_rules():
    synonyms = parse_synonyms({"equal": [["ERUF", "Regionalfonden"]], "expand": {"tåg": ["järnvägar"]}})
    assert synonyms.lookup(("eruf",))[0].lemmas == ("regionalfond",)
    assert synonyms.lookup(("regionalfond",))[0].text == "ERUF"
    assert [s.lemmas for s in synonyms.lookup(("tåg",))] == [("järnväg",)]
    assert synonyms.lookup(("järnväg",)) == ()  # one way


def test_a_key_of_one_word_and_stop_words_keeps_its_stop_words():
    synonyms = parse_synonyms({"expand": {"på landet": ["landsbygd"]}})
    assert [s.lemmas for s in synonyms.lookup(("på", "land"))] == [("landsbygd",)], "read with its 'på'"
    assert synonyms.lookup(("land",)) == (), "'landet' alone is also the country: no rule for it"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("equal = [[", "not valid TOML"),
        ('colour = ["a"]', "unknown key 'colour'"),
        ('equal = ["ERUF", "Regionalfonden"]', "equal group 1 must be a list"),
        ('equal = [["ERUF"]]', "equal group 1 needs at least two words"),
        ('equal = [["ERUF", 3]]', "equal group 1: 3 is not a word"),
        ('[expand]\n"tåg" = "järnväg"', "expand 'tåg' must be a list"),
        ('[expand]\n"tåg" = []', "expand 'tåg' lists no words"),
        ('[expand]\n"och" = ["järnväg"]', "'och' has only stop words"),
        ("expand = 1", "'expand' must be a table"),
        ('equal = [["landsbygd", "på landet"]]', "'på landet' would be found as 'land' alone"),
        ('[expand]\n"glesbygd" = ["på landet"]', "it can only be an expand key"),
        ('[english]\n"grant" = ["bidrag"]', "english 'grant' is a Swedish word too"),
        ('[english]\n"public transport" = ["kollektivtrafik"]', "english 'public transport' must be one word"),
        ("english = 1", "'english' must be a table"),
        ('heads = ["regn", "kraftigt regn"]', "heads: 'kraftigt regn' must be one word"),
        ('heads = "regn"', "heads must be a list"),
    ],
)
def test_a_bad_file_is_refused_with_a_one_line_reason(tmp_path, text, reason):
    path = tmp_path / "synonyms.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SynonymsError) as error:
        read_synonyms(path)
    assert reason in str(error.value)
    assert "\n" not in str(error.value)


def test_the_shipped_file_is_valid_with_a_reason_for_every_entry():
    path = BASE_FILE
    synonyms = read_synonyms(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    entries = [
        i
        for i, line in enumerate(lines)
        if line.lstrip().startswith(('["', '"')) and "=" in line or line.lstrip().startswith('["')
    ]
    assert len(synonyms) >= 150
    assert len(entries) >= 150
    assert [lines[i] for i in entries if not lines[i - 1].lstrip().startswith("#")] == []


# -- Searching with it ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("tåg", ["tag", "bana"]),  # the word as typed first, then its synonym
        ("tågen", ["tag", "bana"]),  # inflected forms of an entry work
        ("pengarna", ["eruf", "stod", "fond"]),  # fond: "finansierades", a form of finansiering's verb
        ("ERUF", ["eruf", "fond"]),  # a group: the abbreviation finds the full name ...
        ("Europeiska regionala utvecklingsfonden", ["fond", "eruf"]),  # ... and the full name the abbreviation
        ('"tåg"', ["tag"]),  # a word in quotes: no synonyms
        ("-tåg järnväg", ["bana"]),  # an excluded word excludes only itself
        ("på landet", ["landet", "landsbygd"]),  # a key with a stop word: as typed, then the synonym
        ("landet", ["landet"]),  # the word alone: not the key
    ],
)
def test_a_query_also_finds_its_synonyms_ranked_below_the_word_itself(make_client, q, expected):
    data = make_client().get("/api/search", query_string={"q": q}).get_json()
    assert ids(data) == expected


def test_synonyms_are_highlighted_and_listed_in_the_json(make_client):
    data = make_client().get("/api/search", query_string={"q": "pengar"}).get_json()
    # "anslag" is in no section: not listed; "finansiering" is found in "finansierades"
    assert data["used"]["synonyms"] == [{"word": "pengar", "also": ["bidrag", "finansiering"]}]
    snippets = {hit["id"].rsplit("/", 1)[-1]: hit["snippet"] for hit in data["results"]}
    assert "<mark>bidrag</mark>" in snippets["stod"]


def test_the_page_says_which_synonyms_were_searched_with_a_link_to_the_word_alone(make_client):
    client = make_client()
    page = BeautifulSoup(client.get("/?q=tåg").get_data(as_text=True), "html.parser")
    note = page.select_one(".synonyms")
    assert note.get_text(" ", strip=True) == "Visar även träffar för ”järnväg”. Sök bara efter ”tåg”"
    alone = client.get(note.select_one("a")["href"]).get_data(as_text=True)
    assert [a.get_text() for a in BeautifulSoup(alone, "html.parser").select("li.hit h2 a")] == ["Tågen"]


def test_a_file_that_leaves_the_base_list_out_and_names_no_word_means_no_synonyms(make_client):
    data = make_client("base = false\n").get("/api/search", query_string={"q": "tåg"}).get_json()
    assert ids(data) == ["tag"], "the word alone finds only itself"
    assert data["used"]["synonyms"] == [], "no synonym was searched"


# -- The shipped base list and the editors' file ------------------------------------------


@pytest.mark.parametrize(
    ("editors_file", "q", "also"),
    [
        (None, "pengar", ["stöd", "finansiering", "bidrag"]),  # no file: the base list
        ("", "pengar", ["stöd", "finansiering", "bidrag"]),  # a file with nothing in it: the base list
        ('[expand]\n"pengar" = ["anslag"]', "pengar", ["stöd", "finansiering", "bidrag", "anslag"]),  # adds
        ('equal = [["tåg", "tåget"], ["bana", "järnväg"]]', "tåg", ["järnväg"]),  # an equal group adds too
        ('[expand]\n"anslag" = ["bidrag"]', "anslag", ["bidrag"]),  # a word of its own
        ('without = ["pengar"]', "pengar", []),  # the base list less that word's synonyms
        ('without = ["pengar"]\n[expand]\n"pengar" = ["anslag"]', "pengar", ["anslag"]),  # ... but the file's
        ('without = ["pengar"]', "tåg", ["järnväg"]),  # ... and only that word's
        ("base = false", "pengar", []),  # the file alone
    ],
)
def test_the_base_list_applies_and_the_editors_file_adds_to_it(make_client, editors_file, q, also):
    page = '<h3 id="anslag">Anslaget</h3><p>Ett anslag till torget.</p></main>'
    corpus_pages = {"p.html": PAGE.replace("</main>", page)}
    client = make_client(editors_file, corpus_pages)
    used = client.get("/api/search", query_string={"q": q}).get_json()["used"]["synonyms"]
    assert [synonym for entry in used for synonym in entry["also"]] == also, "the synonyms searched"


def test_a_crawled_deployment_folder_searches_with_the_base_list(tmp_path):
    """A deployment folder as the README makes it: pages in ``corpus/`` and no synonyms file there (a crawl
    writes none), built and served with the defaults from that folder. Before the base list moved out of the
    bundled corpus, "pengar" found nothing here."""
    write_corpus(tmp_path / "corpus", {"p.html": PAGE})
    assert indexer("build", cwd=tmp_path).returncode == 0, "built with the default paths"
    with running_server(None, workers=1, cwd=tmp_path) as base:
        _, data = get_json(base, "/api/search", q="pengar")
    assert {"stod", "landsbygd"} <= set(ids(data)), "found through the base list's pengar: bidrag, stöd …"
    assert "no synonyms file" in (tmp_path / "instance" / "server.log").read_text(), "the start says it"


def test_the_base_list_is_read_once_and_the_editors_file_is_followed(tmp_path):
    path, clock = tmp_path / "synonyms.toml", Clock()
    live = LiveSynonyms(path, clock, base=True)
    assert [s.text for s in live.current().lookup(("pengar",))][:2] == ["stöd", "finansiering"], "no file: base"
    write(path, '[expand]\n"pengar" = ["anslag"]', 0)
    clock.now += 1.0
    assert [s.text for s in live.current().lookup(("pengar",))][-1] == "anslag", "the file adds to it"
    write(path, '[expand]\n"pengar" = ["anslag"', 1)
    clock.now += 1.0
    assert [s.text for s in live.current().lookup(("pengar",))][-1] == "anslag", "broken: the last good version"


# -- Following the file -----------------------------------------------------------------


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def write(path, text: str, age: int):
    """Write ``text`` and give the file a distinct modification time."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(time.time_ns(), time.time_ns() + age * 1_000_000))


def test_a_changed_file_is_read_at_the_next_look_a_second_later(tmp_path):
    path, clock = tmp_path / "synonyms.toml", Clock()
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    live = LiveSynonyms(path, clock)
    assert [s.text for s in live.current().lookup(("tåg",))] == ["järnväg"]
    write(path, '[expand]\n"tåg" = ["pendeltåg"]', 1)
    assert [s.text for s in live.current().lookup(("tåg",))] == ["järnväg"]  # within the second: not looked at
    clock.now += 1.0
    assert [s.text for s in live.current().lookup(("tåg",))] == ["pendeltåg"]


def test_a_broken_file_keeps_the_last_good_version_and_logs_one_line(tmp_path, caplog):
    path, clock = tmp_path / "synonyms.toml", Clock()
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    live = LiveSynonyms(path, clock)
    good = live.current()
    write(path, '[expand]\n"tåg" = ["järnväg"', 1)
    clock.now += 1.0
    with caplog.at_level(logging.ERROR, logger="webapp.synonyms"):
        assert live.current() is good
        clock.now += 1.0
        assert live.current() is good  # the same broken file: logged once
    assert len(caplog.records) == 1
    assert "not valid TOML" in caplog.records[0].getMessage()
    assert "using the last good version" in caplog.records[0].getMessage()


def texts(live: LiveSynonyms, word: str) -> list[str]:
    return [s.text for s in live.current().lookup((word,))]


def test_workers_agree_on_the_last_good_version_the_first_to_read_it_saved(tmp_path):
    path, copy, clock = tmp_path / "synonyms.toml", tmp_path / "index.synonyms-last-good.toml", Clock()
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    first, second = LiveSynonyms(path, clock, copy), LiveSynonyms(path, clock, copy)  # two workers
    assert texts(first, "tåg") == texts(second, "tåg") == ["järnväg"], "both read the file at first"
    write(path, '[expand]\n"tåg" = ["pendeltåg"]', 1)
    clock.now += 1.0
    assert texts(first, "tåg") == ["pendeltåg"], "one worker reads the new version"
    assert copy.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), "and saves it as the shared copy"
    write(path, '[expand]\n"tåg" = ["pendeltåg"', 2)
    clock.now += 1.0
    assert texts(second, "tåg") == ["pendeltåg"], "a worker that never read it uses the shared copy"
    assert texts(first, "tåg") == ["pendeltåg"], "the worker that read it keeps it"


def test_a_worker_that_saw_the_broken_file_first_takes_the_copy_saved_a_moment_later(tmp_path):
    path, copy, clock = tmp_path / "synonyms.toml", tmp_path / "index.synonyms-last-good.toml", Clock()
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    first, second = LiveSynonyms(path, clock, copy), LiveSynonyms(path, clock, copy)
    assert texts(second, "tåg") == ["järnväg"], "the old version"
    copy.write_text('[expand]\n"tåg" = ["pendeltåg"]', encoding="utf-8")  # another worker read a newer one
    write(path, '[expand]\n"tåg" = ["pendeltåg"', 1)
    clock.now += 1.0
    assert texts(second, "tåg") == ["pendeltåg"], "the broken file sends it to the shared copy"
    copy.write_text('[expand]\n"tåg" = ["spårväg"]', encoding="utf-8")
    os.utime(copy, ns=(time.time_ns(), time.time_ns() + 5_000_000))
    clock.now += 1.0
    assert texts(second, "tåg") == ["spårväg"], "while the file is broken, a newer copy is taken at the next look"
    assert texts(first, "tåg") == ["spårväg"], "by every worker"


def test_a_broken_file_at_start_uses_the_copy_a_server_saved_before(tmp_path):
    path, copy = tmp_path / "synonyms.toml", tmp_path / "index.synonyms-last-good.toml"
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    assert texts(LiveSynonyms(path, Clock(), copy), "tåg") == ["järnväg"], "read and saved"
    write(path, "equal = [[", 1)
    assert texts(LiveSynonyms(path, Clock(), copy), "tåg") == ["järnväg"], "a restarted server uses the copy"


def test_a_removed_file_means_no_synonyms_in_every_worker_and_no_copy(tmp_path):
    path, copy, clock = tmp_path / "synonyms.toml", tmp_path / "index.synonyms-last-good.toml", Clock()
    write(path, '[expand]\n"tåg" = ["järnväg"]', 0)
    assert texts(LiveSynonyms(path, clock, copy), "tåg") == ["järnväg"], "read and saved"
    path.unlink()
    assert LiveSynonyms(path, clock, copy).current() is None, "no file, no synonyms"
    assert not copy.exists(), "the copy is removed: the last good version is none"


def test_the_running_servers_workers_agree_after_a_broken_edit(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"p.html": PAGE})
    synonyms = corpus / "synonyms.toml"
    synonyms.write_text('[expand]\n"tåg" = ["järnväg"]\n', encoding="utf-8")
    index = tmp_path / "index"
    assert indexer("build", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    with running_server(index, workers=2, env={"FLASK_CORPUS_DIR": str(corpus)}) as base:
        for _ in range(20):  # both workers read the first version
            assert get_json(base, "/api/search", q="anslag")[1]["total"] == 0, "no synonym for anslag yet"
        synonyms.write_text('[expand]\n"tåg" = ["järnväg"]\n"anslag" = ["bidrag"]\n', encoding="utf-8")
        time.sleep(1.2)
        assert get_json(base, "/api/search", q="anslag")[1]["total"] == 1, "one request reads the new version"
        synonyms.write_text('[expand]\n"tåg" = ["järnväg"]\n"anslag" = ["bidrag"]\n[expand\n', encoding="utf-8")
        time.sleep(1.5)
        totals = [get_json(base, "/api/search", q="anslag")[1]["total"] for _ in range(40)]
    assert totals == [1] * 40, "every worker uses the last good version any of them read"
    assert "using the last good version" in (tmp_path / "server.log").read_text(), "the broken file is logged"


def test_a_broken_file_at_start_means_the_base_list_alone_and_search_works(make_client):
    data = make_client("equal = [[").get("/api/search", query_string={"q": "tåg"}).get_json()
    assert ids(data) == ["tag", "bana"], "the base list's tåg: järnväg"


def test_the_running_server_picks_up_a_changed_file_without_a_restart(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"p.html": PAGE})
    synonyms = corpus / "synonyms.toml"
    index = tmp_path / "index"
    assert indexer("build", "--corpus", str(corpus), "--index", str(index)).returncode == 0
    with running_server(index, workers=1, env={"FLASK_CORPUS_DIR": str(corpus)}) as base:
        assert get_json(base, "/api/search", q="anslag")[1]["total"] == 0
        synonyms.write_text('[expand]\n"anslag" = ["bidrag"]\n', encoding="utf-8")
        deadline = time.monotonic() + 10
        while get_json(base, "/api/search", q="anslag")[1]["total"] == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        _, data = get_json(base, "/api/search", q="anslag")
        assert ids(data) == ["stod"], "hits"
        assert data["used"]["synonyms"] == [{"word": "anslag", "also": ["bidrag"]}], "synonyms"
        synonyms.write_text('[expand]\n"anslag" = [\n', encoding="utf-8")  # broken: the last good one stays
        time.sleep(2.5)
        assert ids(get_json(base, "/api/search", q="anslag")[1]) == ["stod"]
    assert "synonyms:" in (tmp_path / "server.log").read_text()


def test_the_indexer_reports_a_broken_synonyms_file_and_still_builds(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"p.html": PAGE})
    (corpus / "synonyms.toml").write_text("equal = [[", encoding="utf-8")
    run = indexer("build", "--corpus", str(corpus), "--index", str(tmp_path / "index"))
    assert run.returncode == 0
    assert "synonyms.toml: not valid TOML" in run.stderr


def test_the_section_page_marks_the_synonyms_too(make_client):
    client = make_client()
    section_id = client.get("/api/search", query_string={"q": "tåg"}).get_json()["results"][1]["id"]
    paragraphs = client.get(f"/api/sections/{section_id}", query_string={"q": "tåg"}).get_json()["paragraphs"]
    assert "<mark>järnväg</mark>" in " ".join(paragraphs)


# -- A multi-word key only adds ---------------------------------------------------------

KEY_SYNONYMS = """
base = false
[expand]
# building homes: the site's words for it
"bygga bostäder" = ["bostadsbyggande", "nybyggnation"]
"""

HOUSING = {
    "planer": ("Planer", "Kommunen vill bygga bostäder vid hamnen."),
    "bostader": ("Bostäder", "Här blir det 600 nya bostäder och en park."),
    "skola": ("Skolan", "Vi ska bygga en ny skola."),
    "parken": ("Parken", "Parken får nya bänkar."),
}
BUILDING = {"nybyggnation": ("Nybyggnation", "Nybyggnation av hyreshus i centrum.")}


def section_clients(tmp_path, sections: dict, synonyms: str = KEY_SYNONYMS) -> tuple:
    """Two clients over one index of ``sections`` (anchor: (heading, text)): with ``synonyms`` as the
    editors' synonyms file, and with no synonyms at all (a file that leaves the base list out)."""
    body = "".join(f'<h3 id="{anchor}">{heading}</h3><p>{text}</p>' for anchor, (heading, text) in sections.items())
    page = f'<main><h1 id="bo">Bo</h1><p>Om boende.</p><h2 id="g">Projekt</h2>{body}</main>'
    corpus = write_corpus(tmp_path / "corpus", {"p.html": page})
    (corpus / "synonyms.toml").write_text(synonyms, encoding="utf-8")
    from indexer.build import build

    build(corpus, tmp_path / "index")
    config = {"TESTING": True, "INDEX_DIR": str(tmp_path / "index"), "CORPUS_DIR": str(corpus)}
    (tmp_path / "none.toml").write_text("base = false\n", encoding="utf-8")
    none = {**config, "SYNONYMS_FILE": str(tmp_path / "none.toml")}
    return create_app(config).test_client(), create_app(none).test_client()


@pytest.mark.parametrize("sections", [HOUSING, {**HOUSING, **BUILDING}], ids=["targets absent", "targets present"])
def test_a_multi_word_key_keeps_what_its_words_find_without_it(tmp_path, sections):
    with_file, without = section_clients(tmp_path, sections)
    found = set(ids(with_file.get("/api/search", query_string={"q": "bygga bostäder"}).get_json()))
    plain = set(ids(without.get("/api/search", query_string={"q": "bygga bostäder"}).get_json()))
    assert plain == {"planer", "bostader", "skola"}, "without synonyms, a section with either word is a partial match"
    assert found >= plain, "the entry only adds: every section found without the file is found with it"


def test_a_section_holding_one_word_of_a_multi_word_key_lacks_the_other(tmp_path):
    with_file, _ = section_clients(tmp_path, {**HOUSING, **BUILDING})
    data = with_file.get("/api/search", query_string={"q": "bygga bostäder"}).get_json()
    missing = {hit["id"].rsplit("/", 1)[-1]: hit["missing_terms"] for hit in data["results"]}
    assert missing["bostader"] == ["bygga"], "a section with 'bostäder' alone lacks 'bygga'"
    assert missing["nybyggnation"] == [], "a section with the key's synonym holds both words"
    assert data["used"]["synonyms"] == [{"word": "bygga bostäder", "also": ["nybyggnation"]}], "the synonym is named"


SHORTAGE = {
    "personal": ("Hotellet", "Hotellet söker personal till sommaren."),
    "brist": ("Bostäder", "Det råder brist på bostäder."),
    "arbetskraft": ("Industrin", "Industrin behöver mer arbetskraft."),
}


# (the sections, the sections found for "personalbrist", the synonyms named): the site holds the word only in its
# parts, and the phrase synonym's words apart, or also together in one section
PHRASE_HELD = [
    (SHORTAGE, ["brist", "personal"], []),
    ({**SHORTAGE, "fabrik": ("Fabriken", "Fabriken har brist på arbetskraft.")}, ["fabrik"], ["brist på arbetskraft"]),
    (
        {**SHORTAGE, "fabrik": ("Fabriken", "Fabriken har brist på kvalificerad arbetskraft.")},
        ["fabrik"],
        ["brist på arbetskraft"],
    ),
    (
        {**SHORTAGE, "fabrik": ("Fabriken", "Det är brist på lokaler, men industrin i staden behöver arbetskraft.")},
        ["brist", "fabrik", "personal"],
        [],
    ),
]


@pytest.mark.parametrize(
    ("sections", "found", "named"),
    PHRASE_HELD,
    ids=["words apart", "words together", "a word between", "words a sentence apart"],
)
def test_a_phrase_synonym_is_held_only_where_its_words_stand_together(tmp_path, sections, found, named):
    synonyms = 'base = false\n[expand]\n# a shortage of staff\n"personalbrist" = ["brist på arbetskraft"]\n'
    with_file, _ = section_clients(tmp_path, sections, synonyms)
    data = with_file.get("/api/search", query_string={"q": "personalbrist"}).get_json()
    also = [name for used in data["used"]["synonyms"] for name in used["also"]]
    assert sorted(ids(data)) == found, "the phrase's sections, or where none holds it, the word's parts, partly"
    assert also == named, "a phrase synonym is named only where a section holds its words together"


def test_only_sections_holding_every_word_itself_are_counted_as_holding_all_the_words(tmp_path):
    sections = {
        "lagenheter": ("Nya lägenheter", "Här byggs nya lägenheter."),
        "bostader": ("Nya bostäder", "Här byggs nya bostäder."),
        "hyra": ("Hyra", "Lägenheter att hyra."),
    }
    with_file, _ = section_clients(tmp_path, sections, 'base = false\n[expand]\n# a flat\n"lägenhet" = ["bostad"]\n')
    data = with_file.get("/api/search", query_string={"q": "nya lägenheter"}).get_json()
    assert data["used"]["complete"] == 1, "'Nya bostäder' holds 'lägenheter' only by a synonym: not all the words"
    assert data["notice"].startswith("Bara 1 avsnitt innehåller alla orden"), "the notice counts the words themselves"
    assert ids(data)[0] == "lagenheter", "the section with every word itself comes first"


def held_as(data, anchor: str, word: str) -> tuple:
    """How the hit ``anchor`` holds the query word ``word`` by its ``coverage_terms``: (held, as)."""
    hit = next(hit for hit in data["results"] if hit["id"].endswith("/" + anchor))
    counted = next(term for term in hit["coverage_terms"] if term["word"] == word)
    return counted["held"], counted["as"]


def test_a_word_of_a_synonyms_family_holds_the_word_at_a_relatives_weight(tmp_path):
    sections = {
        "byggnad": ("Byggnader", "Gamla byggnader renoveras."),
        "bygger": ("Solpark", "Kommunen bygger en solpark på gammal mark."),
        "skola": ("Skolan", "Skolan målas om."),
    }
    synonyms = 'base = false\n[expand]\n# houses\n"hus" = ["byggnad"]\n'
    with_file, _ = section_clients(tmp_path, sections, synonyms)
    data = with_file.get("/api/search", query_string={"q": "gamla hus"}).get_json()
    assert held_as(data, "byggnad", "hus") == (1.0, "own"), "'byggnader' is the synonym itself: it holds 'hus'"
    assert held_as(data, "bygger", "hus") == (0.5, "relative"), "'bygger' is only byggnad's family: half of 'hus'"
    assert ids(data) == ["byggnad", "bygger"], "the section with the synonym itself comes first"


def test_old_houses_find_building_conservation_and_the_cultural_environment(tmp_path):
    sections = {
        "hus": ("Hamnen", "Gamla hus i hamnen målas om."),
        "vard": ("Bidrag", "Ägare kan söka bidrag till byggnadsvård."),
        "miljo": ("Riksintresse", "Kvarteren är en kulturmiljö av riksintresse."),
        "deponi": ("Solpark", "Kommunen bygger en solpark på en gammal deponi."),
    }
    with_base, without = section_clients(tmp_path, sections, "")  # no entries of its own: the base list alone
    data = with_base.get("/api/search", query_string={"q": "gamla hus"}).get_json()
    plain = ids(without.get("/api/search", query_string={"q": "gamla hus"}).get_json())
    missing = {hit["id"].rsplit("/", 1)[-1]: hit["missing_terms"] for hit in data["results"]}
    assert "vard" not in plain, "without synonyms 'gamla hus' does not find building conservation"
    assert ids(data)[0] == "hus", "the section with the words as typed comes first"
    assert set(ids(data)[1:3]) == {"vard", "miljo"}, "the pages' words for old houses come next"
    assert missing["vard"] == [], "'byggnadsvård' stands for both words of 'gamla hus'"
    assert ids(data)[-1] == "deponi", "an old landfill that is built on comes last: 'bygger' is no house"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("macken", ["station"]),  # the everyday word for a petrol station
        ("webbshop", ["handel"]),  # not "webb" + "shop": a web form is no web shop
    ],
)
def test_the_base_list_takes_everyday_words_to_the_sites_words(tmp_path, q, expected):
    sections = {
        "station": ("Drivmedel i byn", "Drivmedelsstationen i byn får stöd för att ställa om."),
        "handel": ("Handel på nätet", "Fler småföretag börjar med e-handel."),
        "formular": ("Tyck till", "Svara i webbformuläret. Shoppen i byn har öppet."),
    }
    with_file, _ = section_clients(tmp_path, sections, "")  # no entries of its own: the base list alone
    found = ids(with_file.get("/api/search", query_string={"q": q}).get_json())
    assert found == expected, f"{q!r} finds the section in the site's word"


# (the visitor's everyday word, plain word or adjective, a section holding it as typed, a section holding only
# the site's official term, that term as the page names it)
EVERYDAY_TO_OFFICIAL = [
    ("bensinstation", "Bensinstationen har öppet året runt.", "Stöd till drivmedelsanläggningar.", "drivmedel"),
    ("tågstation", "Tågstationen får nya perronger.", "Det nya resecentrumet invigs i vår.", "resecentrum"),
    ("köpcentrum", "Ett köpcentrum byggs vid motorvägen.", "Externhandeln växer utanför staden.", "externhandel"),
    ("sommarjobb", "Sommarjobb för elever på gymnasiet.", "Ungdomar kan söka feriearbete i kommunen.", "feriearbete"),
    ("övernattningar", "Antalet övernattningar ökade i fjol.", "Gästnätterna ökade med tio procent.", "gästnätter"),
    ("Komvux", "Läs på Komvux.", "Kommunal vuxenutbildning för vuxna.", "kommunal vuxenutbildning"),
    # plain words and adjectives, where the pages write the official term
    ("säker", "Känner du dig säker i parken?", "Fler ska känna sig trygga i centrum på kvällen.", "trygg"),
    ("osäkert", "Det känns osäkert i tunneln.", "Belysningen minskar otryggheten i tunneln.", "otrygghet"),
    ("station", "Stationen får nya perronger.", "Det nya resecentrumet invigs i vår.", "resecentrum"),
    ("folk", "Folk vill flytta hit.", "Industrin behöver mer arbetskraft.", "arbetskraft"),
    ("regnet", "Regnet föll hela natten.", "Staden planerar för skyfall.", "skyfall"),
    ("ström", "Ström från vindkraft.", "Elförsörjningen räcker inte i regionen.", "elförsörjning"),
    ("gratis", "Rådgivningen är gratis.", "Seminariet är kostnadsfritt för företag.", "kostnadsfri"),
    ("innovativa", "Innovativa lösningar för industrin.", "Stöd till innovation i små företag.", "innovation"),
    ("lantlig", "Ett lantligt läge vid sjön.", "Företagen på landsbygden växer.", "landsbygd"),
    # the field's everyday words a visitor types (issue 12, part 2): roads, housing, business, skills, services
    ("snöröjning", "Snöröjningen börjar klockan fyra.", "Kommunens vinterväghållning.", "vinterväghållning"),
    ("sophämtning", "Sophämtning varannan vecka.", "Avfallshanteringen blir cirkulär.", "avfallshantering"),
    ("doktorn", "Doktorn har mottagning på tisdagar.", "Vårdcentralen i byn stänger.", "vårdcentral"),
    ("äldreboende", "Ett nytt äldreboende byggs.", "Platserna i särskilt boende räcker inte.", "särskilt boende"),
    ("sälja utomlands", "Vill du sälja utomlands?", "Rådgivning om export för små företag.", "export"),
    ("rekrytering", "Rekryteringen av ingenjörer tar tid.", "Företagen vill anställa fler ingenjörer.", "anställa"),
    ("rekrytera", "Svårt att rekrytera lärare.", "Skolan vill anställa fler lärare.", "anställa"),
    # jobs and employment (outsider17 group 1): the everyday word, the programme's word and the employers' side
    ("jobb", "Fler jobb i regionen.", "Kompetensförsörjningen är regionens största fråga.", "kompetensförsörjning"),
    ("sysselsättning", "Sysselsättningen ökar i länet.", "Fabriken ger 300 nya arbetstillfällen.", "arbetstillfällen"),
    ("sysselsättningen", "Sysselsättningen ökar i länet.", "Hamnen skapar nya jobb.", "jobb"),
    # the planned high-speed lines: the everyday words, the regions' words and the official name
    ("snabbtåg", "Snabbtåg till huvudstaden.", "En höghastighetsbana når staden år 2035.", "höghastighetsbana"),
    ("höghastighetsjärnväg", "Höghastighetsjärnvägen byggs.", "Staten planerar nya stambanor.", "nya stambanor"),
    ("LOU", "Reglerna i LOU gäller.", "Lagen om offentlig upphandling styr inköpen.", "lagen om offentlig upphandling"),
    ("prao", "Prao i åttan.", "Eleverna gör arbetsplatsförlagt lärande på företag.", "arbetsplatsförlagt lärande"),
    ("global uppvärmning", "Global uppvärmning i fjällen.", "Klimatförändringarna märks.", "klimatförändringar"),
    ("dagis", "Dagis har öppet i sommar.", "Förskolan får en ny gård.", "förskola"),
    ("brandkåren", "Brandkåren ryckte ut.", "Räddningstjänsten övar i hamnen.", "räddningstjänst"),
    ("sommarstuga", "Sommarstugan vid sjön.", "Antalet fritidshus ökar i kommunen.", "fritidshus"),
    # the countryside's service, staff, meeting halls and travel as a visitor says them (issue 12, part 3)
    ("medicin", "Medicinen kom med posten.", "Läkemedel finns i butiken.", "läkemedel"),
    ("bankomat", "Bankomaten i byn stängde.", "Butiken erbjuder kontantuttag.", "kontantuttag"),
    ("kontanter", "Kontanter tas inte emot.", "Butiken erbjuder kontantuttag.", "kontantuttag"),
    ("bankomaten", "Bankomaten är trasig.", "Här kan du ta ut kontanter.", "ta ut kontanter"),
    ("hämta paket", "Var kan jag hämta paket?", "Butiken blir postombud i vår.", "postombud"),
    ("handla mat", "Vi åker in till stan och handlar mat.", "En ny dagligvarubutik öppnar.", "dagligvarubutik"),
    ("bygdehus", "Bygdehuset får nytt kök.", "Bygdegården får nytt kök.", "bygdegård"),
    ("åka kommunalt", "Det går bra att åka kommunalt hit.", "Kollektivtrafiken byggs ut.", "kollektivtrafik"),
    ("personalbrist", "Personalbristen är stor.", "Företagen har svårt att rekrytera.", "svårt att rekrytera"),
    ("turistföretag", "Turistföretagen växer.", "Besöksnäringen växer i fjällen.", "besöksnäring"),
    ("landsbygden", "Butikerna på landsbygden.", "Butikerna i glesbygden.", "glesbygd"),
    ("bestämmer", "Kommunen bestämmer om bygglov.", "Regionen beslutar om stödet.", "besluta"),
    ("andel", "Andelen unga ökar.", "Tio procent är unga.", "procent"),
    ("brist på arbetskraft", "Brist på arbetskraft.", "De har svårt att rekrytera.", "svårt att rekrytera"),
    ("pengar", "Pengarna räcker inte.", "Kommunen investerar i nya cykelvägar.", "investering"),
    # high water (outsider18: "högvatten" was hög + vatten, and "hög" found "högst 50 procent")
    ("högvatten", "Högvattnet nådde kajen i natt.", "Kommunen bygger skydd mot översvämningar.", "översvämning"),
    # everyday words for a town's topics (outsider18 group 1): the shops in the centre, recycling, lit places
    ("centrum", "Nya bänkar i centrum.", "Citysamverkan ordnar julmarknad för butikerna i city.", "city"),
    ("återvinning", "Återvinningen av plast ökar.", "Kurser i cirkulär design för småföretag.", "cirkulär"),
    ("belysning", "Ny belysning i parken.", "Parken ska vara väl upplyst på kvällen.", "väl upplyst"),
    ("gatlampor", "Nya gatlampor på torget.", "Trygga och upplysta torg i länet.", "upplysta torg"),
]


# (the query, a section holding the synonym's word in its other sense): "upplyst" is lit, and informed too
OTHER_SENSE = [
    ("belysning", "Ett upplyst samtal om demokrati i biblioteket."),
    ("gatlampor", "Alla blev upplysta om beslutet på mötet."),
]


@pytest.mark.parametrize(("q", "other_sense"), OTHER_SENSE, ids=[q for q, _ in OTHER_SENSE])
def test_a_word_of_two_senses_is_a_synonym_only_in_the_phrases_of_its_sense(tmp_path, q, other_sense):
    sections = {
        "lit": ("Trygga stråk", "Gångvägen blir väl upplyst i vinter."),
        "informed": ("Samtal", other_sense),
    }
    with_base, _ = section_clients(tmp_path, sections, "")  # the base list alone
    found = ids(with_base.get("/api/search", query_string={"q": q}).get_json())
    assert "lit" in found, f"{q!r} finds the lit path through 'väl upplyst'"
    assert "informed" not in found, f"{q!r} does not find 'upplyst' in the sense of informed"


@pytest.mark.parametrize(
    ("q", "typed", "official", "shown"), EVERYDAY_TO_OFFICIAL, ids=[q for q, *_ in EVERYDAY_TO_OFFICIAL]
)
def test_an_everyday_word_finds_the_sites_official_term_ranked_below_the_word_itself(
    tmp_path, q, typed, official, shown
):
    sections = {
        "typed": ("Som besökaren säger", typed),
        "official": ("Som webbplatsen säger", official),
        "other": ("Annat", "Kommunen bygger en ny skola vid torget."),
    }
    with_base, without = section_clients(tmp_path, sections, "")  # no entries of its own: the base list alone
    plain = ids(without.get("/api/search", query_string={"q": q}).get_json())
    found = ids(with_base.get("/api/search", query_string={"q": q}).get_json())
    page = BeautifulSoup(with_base.get("/", query_string={"q": q}).get_data(as_text=True), "html.parser")
    note = page.select_one(".synonyms").get_text(" ", strip=True)
    assert "official" not in plain, f"without synonyms {q!r} does not find the section in the site's word"
    assert found == ["typed", "official"], f"{q!r} finds the site's word, below the section with the word as typed"
    assert note.startswith(f"Visar även träffar för ”{shown}”"), f"the page says {q!r} was also searched as {shown!r}"


# (a compound whose last part is one of the base list's ``heads``, a section holding it, a section holding the head's
# word with the compound's first part, as the head's word stands for the head alone; that word as the page names it)
COMPOUND_OF_A_HEAD = [
    ("störtregn", "Störtregnet fyllde källarna.", "Vattnet störtade ner i ett skyfall.", "skyfall"),
    ("höstmörkret", "Höstmörkret kommer tidigt.", "Ny belysning längs gångvägen i höst.", "belysning"),
    ("regionbussen", "Regionbussen går varje timme.", "Kollektivtrafiken byggs ut i regionen.", "kollektivtrafik"),
    ("studielån", "Studielån för vuxna.", "Finansiering av studier för vuxna.", "finansiering"),
    ("bilfabriken", "Bilfabriken anställer.", "Industrin för bilar växer i regionen.", "industri"),
]


@pytest.mark.parametrize(
    ("q", "typed", "official", "shown"), COMPOUND_OF_A_HEAD, ids=[q for q, *_ in COMPOUND_OF_A_HEAD]
)
def test_a_compound_finds_its_heads_words_ranked_below_the_compound_itself(tmp_path, q, typed, official, shown):
    sections = {
        "typed": ("Som besökaren säger", typed),
        "official": ("Som webbplatsen säger", official),
        "other": ("Annat", "Kommunen bygger en ny skola vid torget."),
    }
    with_base, without = section_clients(tmp_path, sections, "")  # no entries of its own: the base list alone
    plain = without.get("/api/search", query_string={"q": q}).get_json()
    data = with_base.get("/api/search", query_string={"q": q}).get_json()
    lacks = {hit["id"].rsplit("/", 1)[-1]: hit["missing_terms"] for hit in plain["results"]}
    holds = {hit["id"].rsplit("/", 1)[-1]: hit["missing_terms"] for hit in data["results"]}
    assert lacks.get("official", ["not found"]) != [], f"without synonyms {q!r} is not held where its head's word is"
    assert ids(data) == ["typed", "official"], f"{q!r} finds its head's word, below the section with the compound"
    assert holds["official"] == [], f"{q!r} is held by its first part with its head's word"
    assert data["used"]["synonyms"] == [{"word": q, "also": [shown]}], f"{q!r} says it was also searched as {shown!r}"


# (a compound of one of the base list's ``heads``, a section with its first part and a word its head finds, that word)
HEAD_WORD_WITHOUT_FIRST_PART = [
    ("bostadsbolag", "Nya bostäder byggs av ett företag.", "företag"),
    ("byggfirma", "Ett företag ska bygga skolan.", "företag"),
    ("slutrapport", "I slutet av året kom en publikation.", "publikation"),
]


@pytest.mark.parametrize(
    ("q", "paired", "word"), HEAD_WORD_WITHOUT_FIRST_PART, ids=[q for q, *_ in HEAD_WORD_WITHOUT_FIRST_PART]
)
def test_a_heads_word_stands_for_the_head_alone_never_for_the_whole_compound(tmp_path, q, paired, word):
    sections = {
        "whole": ("Ordet", f"Kommunens {q} har en ny styrelse."),
        "paired": ("Båda delarna", paired),
        **{f"word{n}": (f"Annat {n}", f"Ett {word} i länet, nummer {n}.") for n in range(3)},
        "filler": ("Fyllnad", "En ny park vid torget."),
    }
    with_base, _ = section_clients(tmp_path, sections, "")  # no entries of its own: the base list alone
    data = with_base.get("/api/search", query_string={"q": q}).get_json()
    found = ids(data)
    lacking = [hit for hit in found[:10] if hit.startswith("word")]
    assert found[:1] == ["whole"], f"{q!r} finds the section with the compound first"
    assert lacking == [], f"no hit for {q!r} lacks its first part: {word!r} stands for its head alone"
    assert data["used"]["complete"] == 1, f"the notice counts the one section holding {q!r} itself, not by {word!r}"
    assert data["notice"].startswith("Bara 1 avsnitt innehåller alla delar"), f"the notice counts {q!r} itself"


# (a compound, a section holding only a word its head finds; the head is not one whose compounds are kinds of it, or
# the compound has words of its own)
NOT_A_KIND_OF_ITS_HEAD = [
    ("kulturhuset", "Nya bostäder byggs vid ån."),  # hus -> bostad: a house of culture is no home
    ("pumpstation", "Det nya resecentrumet invigs i vår."),  # station -> resecentrum
    ("trafiksäkerhet", "Fler ska känna trygghet i centrum."),  # säkerhet -> trygghet: road safety is no feeling
    ("valutakurs", "Utbildning för vuxna i kommunen."),  # kurs -> utbildning: an exchange rate is no course
    ("livscykel", "Cykling till jobbet ökar."),  # cykel -> cykling: a life cycle is no bicycle
    ("sommarjobb", "Nya arbetstillfällen i industrin."),  # its own entry (feriearbete) only, not jobb's words
]


@pytest.mark.parametrize(("q", "other"), NOT_A_KIND_OF_ITS_HEAD, ids=[q for q, _ in NOT_A_KIND_OF_ITS_HEAD])
def test_a_compound_that_is_no_kind_of_its_head_does_not_take_its_heads_words(tmp_path, q, other):
    sections = {"other": ("Annat", other), "filler": ("Fyllnad", "Kommunen bygger en ny skola vid torget.")}
    with_base, _ = section_clients(tmp_path, sections, "")
    assert ids(with_base.get("/api/search", query_string={"q": q}).get_json()) == [], f"{q!r} finds nothing here"


def test_the_base_lists_heads_each_have_one_way_words():
    synonyms = base_synonyms()
    assert synonyms.heads, "the base list names heads"
    assert sorted(head for head in synonyms.heads if not synonyms.one_way.get(head)) == [], "each head has expand words"


# (a word, a section holding only a word near it that it must not find)
NOT_THE_SAME_THING = [
    ("rekrytera", "Kompetensförsörjningen är regionens största fråga."),  # the act of hiring, not the whole field
    ("anställa", "Svårt att rekrytera lärare."),  # its lemma is also "anställda", employees
    ("stambanan", "Höghastighetsjärnvägen byggs i etapper."),  # a main line: Norra stambanan is no high-speed line
    ("arbetsgivare", "Fler jobb i regionen."),  # employers: the jobs' side, not the word for jobs
]


@pytest.mark.parametrize(("q", "other"), NOT_THE_SAME_THING, ids=[q for q, _ in NOT_THE_SAME_THING])
def test_a_word_does_not_find_a_word_only_near_it(tmp_path, q, other):
    sections = {"other": ("Annat", other), "filler": ("Fyllnad", "Kommunen bygger en ny skola vid torget.")}
    with_base, _ = section_clients(tmp_path, sections, "")
    assert ids(with_base.get("/api/search", query_string={"q": q}).get_json()) == [], f"{q!r} finds nothing here"


@pytest.mark.parametrize(
    "word",
    [
        "landet",  # the countryside, and the country ("i hela landet")
        "anställda",  # employees, not hiring (its lemma is the verb's)
        "ASF",  # work-integrating social enterprises, and African swine fever
        "SFI",  # Swedish for immigrants, and the film institute
        "vakanser",  # empty premises, and job vacancies
        "hyra",  # renting a home, and renting premises
        "bank",  # a lender, and where to pay bills
        "säkra",  # to secure ("säkra kompetensförsörjningen"), and safe in the plural
    ],
)
def test_the_base_list_leaves_words_with_two_senses_without_synonyms(word):
    assert base_synonyms().lookup(analyse_key(word)) == (), f"{word!r} has two senses: no synonyms for it"


# -- Abbreviations: groups joined through one, and compounds that begin with one ----------


@pytest.mark.parametrize(
    ("groups", "word", "also"),
    [
        # joined through an abbreviation: ERDF finds what the first group gives ERUF
        ([["ERUF", "Regionalfonden"], ["ERDF", "ERUF"]], "erdf", {("eruf",), ("regionalfond",)}),
        ([["ERUF", "Regionalfonden"], ["ERDF", "ERUF"]], "regionalfond", {("eruf",), ("erdf",)}),
        # joined through a name of several words
        (
            [
                ["Regionalfonden", "Europeiska regionala utvecklingsfonden"],
                ["ERUF", "Europeiska regionala utvecklingsfonden"],
            ],
            "eruf",
            {("europeiska", "regional", "utvecklingsfond"), ("regionalfond",)},
        ),
        # not through a plain word: two loose groups stay two
        ([["turism", "besöksnäring"], ["hotell och restaurang", "besöksnäringen"]], "turism", {("besöksnäring",)}),
    ],
)
def test_equal_groups_that_share_a_name_of_one_thing_are_one_group(groups, word, also):
    found = {synonym.lemmas for synonym in parse_synonyms({"equal": groups}).lookup((word,))}
    assert found == also, f"what {word!r} also finds"


@pytest.mark.parametrize(
    ("text", "written", "abbreviation"),
    [
        ("ERUF", "eruf", True),
        ("GC", "gc", True),
        ("ÖP", "öp", True),
        ("ESF+", "esf", True),
        ("CO2", "co2", True),
        ("Regionalfonden", "regionalfonden", False),
        ("Leader", "leader", False),
    ],
)
def test_an_abbreviation_is_a_word_of_capitals_kept_as_written(text, written, abbreviation):
    synonyms = parse_synonyms({"equal": [[text, "stadsutveckling"]]})
    assert (written in synonyms.abbreviations) is abbreviation, f"{text} as an abbreviation"


ABBREVIATED = {
    "gc": ("Gång och cykel", "Kommunen bygger en ny gång- och cykelväg längs vägen."),
    "fond": ("Fonden", "Projektet får pengar från Europeiska regionala utvecklingsfonden."),
    "bilvag": ("Bilvägen", "Vägen för bilar breddas."),
}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("GC-väg", ["gc"]),  # the abbreviation's synonym with the compound's rest
        ("gc-vägar", ["gc"]),
        ("gcväg", ["gc"]),  # written closed
        ("GCvägen", ["gc"]),
        ("GC", ["gc"]),
        ("gång och cykel", ["gc"]),
        ("ERDF", ["fond"]),  # through ERUF to the fund's full name
        ("ERUF", ["fond"]),
    ],
)
def test_an_abbreviation_finds_what_it_stands_for_alone_hyphenated_or_closed(tmp_path, q, expected):
    with_file, _ = section_clients(tmp_path, ABBREVIATED, "")  # the base list alone
    found = ids(with_file.get("/api/search", query_string={"q": q}).get_json())
    assert found[:1] == expected, f"the first hit of {q!r}"  # (partial matches after it: "Bilvägen" holds "väg")


def test_a_closed_word_is_read_as_an_abbreviation_only_when_no_page_says_it(tmp_path):
    sections = {**ABBREVIATED, "gcvag": ("Skylt", "Skylten säger gcväg.")}
    with_file, _ = section_clients(tmp_path, sections, "")
    data = with_file.get("/api/search", query_string={"q": "gcväg"}).get_json()
    assert ids(data) == ["gcvag"], "a word the index holds is searched as written"


def test_an_abbreviation_of_two_words_joined_by_och_stands_for_both_as_a_first_part():
    synonyms = parse_synonyms({"equal": [["GC", "gång och cykel"], ["PTS", "Post- och telestyrelsen"]]})
    assert synonyms.halves == {"gång": ("GC",), "cykel": ("GC",)}, "an elliptic compound's halves are no first parts"
    assert [s.text for s in synonyms.abbreviated("cykelväg", "cykel")] == ["GC-väg"], "cykelväg: GC-väg"
    assert synonyms.abbreviated("postorder", "post") == (), "no abbreviation of 'post' alone"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("cykelvägar", ["cykelvag", "skyltar"]),  # the word itself first, the abbreviation's compound after
        ("gångvägen", ["skyltar"]),
        ("avloppsrening", ["va"]),  # VA, "vatten och avlopp"; the linking s left out
        ("cykel", ["cykelvag"]),  # a half alone is no compound: not GC
    ],
)
def test_a_compound_of_a_half_of_an_abbreviation_finds_the_abbreviations_compound(tmp_path, q, expected):
    sections = {
        "cykelvag": ("Cykelvägen", "En ny cykelväg byggs."),
        "skyltar": ("Skyltning", "Nya skyltar vid GC-vägen."),
        "va": ("Ledningar", "VA-reningen byggs ut."),
    }
    with_file, _ = section_clients(tmp_path, sections, "")
    assert ids(with_file.get("/api/search", query_string={"q": q}).get_json()) == expected, f"the sections {q!r} finds"
