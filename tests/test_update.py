"""Incremental update on real files: only what changed is written, in a new generation."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import build as build_module
from indexer import describe as describe_module
from indexer import update as update_module
from indexer.actors import Actor
from indexer.build import BuildReport, build, read_corpus
from indexer.cli import cli
from indexer.store import IndexStore
from indexer.update import update
from webapp import create_app

from .conftest import REAL_CORPUS, age_generations, write_corpus

PAGE = "utveckla-svenska-stader.html"
NEW_PROJECT = (
    '<h3 id="lulea-kommun">Luleå kommun</h3>\n<p>Ett nytt projekt om hamnen i Luleå och gruvorna.</p>\n'
    '<p>Kontaktperson: Eva Berg, telefon: 0920-1</p>\n<h3 id="boverket">'
)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return Path(shutil.copytree(REAL_CORPUS, tmp_path / "corpus"))


@pytest.fixture
def built(index_path, corpus) -> BuildReport:
    """The report of building the corpus into a served index, older than the grace period, at an absolute
    and a relative path: the counts below are derived from it, never written by hand."""
    report = build(corpus, index_path)
    age_generations(index_path)
    return report


@pytest.fixture
def index(built, index_path) -> Path:
    return index_path


@pytest.fixture
def sections(built) -> int:
    """How many sections the build indexed."""
    return len(built.documents)


def edit(corpus: Path, old: str, new: str, page: str = PAGE) -> None:
    path = corpus / page
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def api(index: Path, **params):
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    return client.get("/api/search", query_string=params).get_json()


def titles(index: Path, **params) -> list[str]:
    return [hit["title"] for hit in api(index, per_page=50, **params)["results"]]


def test_nothing_changed_writes_nothing(corpus, index, sections):
    before = IndexStore(index).current()
    report = update(corpus, index)
    assert report.nothing_changed, "nothing changed"
    assert report.unchanged == sections, "every section unchanged"
    assert report.pages_read == 0, "pages read"
    assert IndexStore(index).current() == before


def test_added_changed_and_removed_sections_are_exactly_the_new_state(corpus, index, sections):
    edit(corpus, '<h3 id="boverket">', NEW_PROJECT)
    edit(corpus, "tillväxtnoderna Göteborgsregionen", "tillväxtnoderna Göteborgsregionen och sjöfarten")
    edit(corpus, '<h3 id="umea-kommun">Umeå kommun</h3>', '<h3 id="umea-kommun-x">Umeå kommun</h3>')
    report = update(corpus, index)
    assert report.added == ["utveckla-svenska-stader/umea-kommun-x", "utveckla-svenska-stader/lulea-kommun"], "added"
    assert report.changed == ["utveckla-svenska-stader/halmstads-kommun"], "changed"
    assert report.removed == ["utveckla-svenska-stader/umea-kommun"], "removed"
    assert report.unchanged == sections - 2, "all but the changed and the removed section unchanged"
    new = api(index, q="gruvorna")["results"]
    assert [(r["title"], r["region"], r["mark"]) for r in new] == [("Luleå kommun", "Norrbottens län", "ny")]
    assert titles(index, q="sjöfarten") == ["Halmstads kommun"]
    assert api(index, q="sjöfarten")["results"][0]["mark"] == "ändrad"
    assert [r["id"] for r in api(index, q="Umeå")["results"]][0] == "utveckla-svenska-stader/umea-kommun-x"
    assert api(index)["total"] == sections + 1, "one removed, two added"
    assert update(corpus, index).nothing_changed, "idempotent"


def test_only_changed_sections_are_analyzed_again(corpus, index, monkeypatch):
    written = []
    real = build_module.index_fields
    monkeypatch.setattr(build_module, "index_fields", lambda d, *a: written.append(d.id) or real(d, *a))
    edit(corpus, "tillväxtnoderna Göteborgsregionen", "tillväxtnoderna Göteborgsregionen och sjöfarten")
    update(corpus, index)
    assert written == ["utveckla-svenska-stader/halmstads-kommun"]


def stored_dates(index: Path) -> dict[str, tuple[float, float]]:
    with IndexStore(index).open().searcher() as searcher:
        return {f["id"]: (f["first_indexed"], f["changed"]) for f in searcher.all_stored_fields()}


def test_unchanged_sections_keep_their_dates(corpus, index):
    before = stored_dates(index)
    edit(corpus, "tillväxtnoderna Göteborgsregionen", "tillväxtnoderna Göteborgsregionen och sjöfarten")
    update(corpus, index)
    after = stored_dates(index)
    assert [i for i in after if after[i] != before[i]] == ["utveckla-svenska-stader/halmstads-kommun"]
    halmstad = after["utveckla-svenska-stader/halmstads-kommun"]
    assert halmstad[0] == before["utveckla-svenska-stader/halmstads-kommun"][0] < halmstad[1]
    assert titles(index, sort="andrad")[0] == "Halmstads kommun"


def test_a_retitled_page_rewrites_what_its_sections_stand_under_and_keeps_their_dates(corpus, index, sections):
    before = stored_dates(index)
    edit(corpus, ">Utveckla svenska städer</h1>", ">Utveckla svenska småstäder</h1>")
    report = update(corpus, index)
    after = stored_dates(index)
    assert report.changed == ["utveckla-svenska-stader/utveckla-svenska-stader"], "the lead section shows the heading"
    assert len(report.relabelled) == sections - 1, "every other section stands under it: rewritten, dates kept"
    assert report.unchanged == 0, "none unchanged"
    changed = [i for i in after if after[i] != before[i]]
    assert changed == ["utveckla-svenska-stader/utveckla-svenska-stader"], "only the lead section is ändrad"
    assert "Ystads kommun" in titles(index, q="småstäder"), "a section is found by its page's new heading"


# -- Labels derived from tables are not edits ---------------------------------------


def test_a_label_changed_in_a_corpus_table_rewrites_its_sections_and_marks_none_changed(corpus, index):
    """kinds.toml names the kind of the sections under a group heading: a new name is no edit of theirs."""
    before, projects = stored_dates(index), api(index, kind="Genomfört projekt")["total"]
    kinds = corpus / "kinds.toml"
    kinds.write_text(kinds.read_text(encoding="utf-8").replace('"Genomfört projekt"', '"Stadsprojekt"'), "utf-8")
    report = update(corpus, index)
    assert report.changed == [], "no section changed"
    assert len(report.relabelled) == projects, "each project is rewritten with its new kind"
    assert stored_dates(index) == before, "every section keeps its dates: none is 'ändrad', none enters the feed"
    assert api(index, kind="Stadsprojekt")["total"] == projects, "the new kind is searched"


def test_a_new_publisher_table_after_an_upgrade_marks_no_section_changed(corpus, index, monkeypatch):
    """The actor type is derived from the publisher table (``publishers.toml``), part of the analysis data: a new
    table (or new code) makes the next update a full build, which must not date every section anew."""
    before = stored_dates(index)
    monkeypatch.setattr(update_module, "analysis_fingerprint", lambda: "other")
    monkeypatch.setattr(describe_module, "page_actor", lambda page: Actor("Tillväxtverket", "Region"))
    report = update(corpus, index)
    assert report.rebuilt, "rebuilt whole"
    assert stored_dates(index) == before, "every section keeps its dates: none is 'ändrad'"
    assert api(index, actor="Region")["total"] > 0, "the new actor type is searched"


def test_added_and_removed_pages(corpus, index):
    (corpus / "nytt").mkdir()
    (corpus / "nytt" / "kiruna.html").write_text(
        "<h1>Kiruna</h1><p>Stadsflytten i Kiruna.</p><h2>Projekt</h2>", encoding="utf-8"
    )
    report = update(corpus, index)
    assert report.added == ["nytt/kiruna/kiruna"], "added"
    assert report.pages_read == 1, "pages read"
    assert api(index, q="stadsflytten")["results"][0]["region"] == "Norrbottens län"  # a page about Kiruna
    (corpus / "nytt" / "kiruna.html").unlink()
    assert update(corpus, index).removed == ["nytt/kiruna/kiruna"]
    found = api(index, q="stadsflytten")["results"]
    assert not [hit for hit in found if hit["id"].startswith("nytt/")], "nothing of the removed page is found"
    assert all("stadsflytten" not in hit["matched_terms"] for hit in found), "only the word's parts match now"


def test_an_override_change_rewrites_only_the_sections_it_changes(corpus, index):
    (corpus / "overrides.toml").write_text(
        '["utveckla-svenska-stader/boverket"]\nregion = "Blekinge län"\n', encoding="utf-8"
    )
    report = update(corpus, index)
    assert report.relabelled == ["utveckla-svenska-stader/boverket"], "rewritten with its new region"
    assert report.changed == [], "a region from a table is no edit: not 'ändrad'"
    assert report.pages_read == 1, "pages read"
    assert api(index, region="Blekinge län")["total"] == 2


def test_a_page_that_breaks_keeps_its_old_sections_and_is_named(corpus, index, sections):
    (corpus / PAGE).write_bytes(b"\x00\x00broken")
    result = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 3, "exit code 3: a page was skipped"
    assert f"Skipped {PAGE}: a binary file" in result.output, result.output
    assert api(index)["total"] == sections, "the page's old sections are all still served"


def test_the_served_generation_is_never_changed_by_an_update(corpus, index, sections):
    from whoosh import index as whoosh_index

    old = IndexStore(index).current()
    edit(corpus, '<h3 id="boverket">', NEW_PROJECT)
    edit(corpus, '<h3 id="umea-kommun">Umeå kommun</h3>', '<h3 id="umea-kommun-x">Umeå kommun</h3>')
    update(corpus, index)
    with whoosh_index.open_dir(str(old)).searcher() as searcher:
        assert searcher.doc_count() == sections, "as many sections as built"
        assert searcher.document(id="utveckla-svenska-stader/umea-kommun") is not None, "the removed one is there"
        assert searcher.document(id="utveckla-svenska-stader/lulea-kommun") is None, "the added one is not"


def test_without_an_index_update_builds_one(corpus, tmp_path):
    report = update(corpus, tmp_path / "new-index")
    assert report.rebuilt, "rebuilt"
    assert len(report.added) == len(read_corpus(corpus).documents), "every section of the corpus added"
    assert report.notes == ["there was no index yet: built it whole"], "notes"


def test_changed_analysis_code_or_data_means_a_full_rebuild(corpus, index, monkeypatch):
    monkeypatch.setattr(update_module, "analysis_fingerprint", lambda: "other")
    report = update(corpus, index)
    assert report.rebuilt, "rebuilt whole"
    assert "analysis or word data changed" in report.notes[0], report.notes


def test_cli_update_prints_the_summary(corpus, index, sections):
    edit(corpus, "tillväxtnoderna Göteborgsregionen", "tillväxtnoderna Göteborgsregionen och sjöfarten")
    result = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"Updated {index}: 0 added, 1 changed, 0 removed, {sections - 1} unchanged (1 of 1 pages read)"
    ), "the summary line"
    again = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert again.output.splitlines()[-1] == f"Up to date: {sections} sections unchanged (0 of 1 pages read)", (
        "the summary line of a run with nothing to do"
    )


def test_status_file_records_the_last_run(corpus, index, sections):
    update(corpus, index)
    status = IndexStore(index).read_status()
    assert status["state"] == "done", "state"
    assert status["command"] == "update", "command"
    assert status["summary"]["unchanged"] == sections, "every section unchanged"


def test_feed_lists_newest_changes_first_as_atom(corpus, index, sections):
    edit(corpus, "tillväxtnoderna Göteborgsregionen", "tillväxtnoderna Göteborgsregionen och sjöfarten")
    update(corpus, index)
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    response = client.get("/feed?region=Hallands+l%C3%A4n")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = ET.fromstring(response.data)
    assert response.mimetype == "application/atom+xml"
    assert [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)] == ["Halmstads kommun (ändrad)"]
    everything = ET.fromstring(client.get("/feed").data)
    first = everything.find("a:entry", ns)
    assert first.findtext("a:title", namespaces=ns) == "Halmstads kommun (ändrad)"
    assert len(everything.findall("a:entry", ns)) == sections, "one entry per section"


def test_feed_rejects_bad_parameters_with_the_error_shape(index):
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    response = client.get("/feed", query_string={"region": "x" * 101})
    assert response.status_code == 400, "a filter value past its limit"


def test_a_removed_pages_words_are_not_offered_nor_taken_as_indexed(corpus, index, tmp_path):
    """Whoosh keeps a deleted section's terms until its segment is merged away: after the update the
    removed page's words must not be completed, and a compound of them is matched part by part, as
    on a fresh build of the same pages."""
    (corpus / "nytt").mkdir()
    page = corpus / "nytt" / "kiruna.html"
    page.write_text("<h1>Kiruna</h1><p>Stadsflytten och hamnlogistiken.</p><h2>Projekt</h2>", encoding="utf-8")
    update(corpus, index)
    page.unlink()
    update(corpus, index)
    build(corpus, tmp_path / "fresh")
    client = create_app({"INDEX_DIR": str(index)}).test_client()
    completions = client.get("/api/suggest", query_string={"q": "stadsfl"}).get_json()
    assert "stadsflytt" not in str(completions), "a removed page's word is not offered"
    assert api(index, q="hamnlogistik")["total"] == api(tmp_path / "fresh", q="hamnlogistik")["total"], (
        "the removed compound is matched by its parts, as on a fresh build"
    )


#: Four small pages, sida-0.html to sida-3.html: three of them gone is more than the guard lets one run remove.
FOUR_PAGES = {
    f"sida-{n}.html": f"<html lang=sv><body><h1>Sida {n}</h1><p>Hamn nummer {n}.</p></body></html>" for n in range(4)
}


def test_an_update_that_would_remove_most_pages_writes_nothing_until_told_to(tmp_path, monkeypatch):
    """A corpus folder half copied (an interrupted rsync, a mount half present) looks like most pages gone."""
    monkeypatch.chdir(tmp_path)  # the defaults: corpus/ and instance/index
    write_corpus(tmp_path / "corpus", FOUR_PAGES)
    assert CliRunner().invoke(cli, ["build"]).exit_code == 0
    served = IndexStore(Path("instance/index")).current()
    for name in ["sida-1.html", "sida-2.html", "sida-3.html"]:
        (tmp_path / "corpus" / name).unlink()
    refused = CliRunner().invoke(cli, ["update"])
    assert refused.exit_code == 1, "refused"
    assert refused.output == (
        "Error: refusing to remove 3 of 4 pages in one run (more than 50%; a corpus folder half copied looks like "
        "this): if they are really gone, run again with --allow-removals (the served index is unchanged)\n"
    ), "one line that names the count and the way out"
    assert IndexStore(Path("instance/index")).current() == served, "the served index is unchanged"
    allowed = CliRunner().invoke(cli, ["update", "--allow-removals"])
    assert allowed.exit_code == 0, allowed.output
    assert "Updated instance/index: 0 added, 0 changed, 3 removed, 1 unchanged (0 of 1 pages read)" in allowed.output


# -- A build that would drop most pages ------------------------------------------

REFUSED_BUILD = (
    "Error: refusing to remove 3 of 4 pages in one run (more than 50%; a corpus folder half copied looks like "
    "this): if they are really gone, run again with --allow-removals (the served index is unchanged)\n"
)


def lose_three_pages(corpus: Path, how: str) -> None:
    """sida-1 to sida-3 gone from the corpus (an interrupted rsync) or cut to nothing (a truncated copy)."""
    for n in (1, 2, 3):
        page = corpus / f"sida-{n}.html"
        page.unlink() if how == "deleted" else page.write_bytes(b"")


@pytest.fixture
def four_built(tmp_path, monkeypatch) -> Path:
    """The four pages built into the default index, run from the deployment folder; the corpus folder."""
    monkeypatch.chdir(tmp_path)
    corpus = write_corpus(tmp_path / "corpus", FOUR_PAGES)
    first = CliRunner().invoke(cli, ["build"])
    assert first.exit_code == 0, f"a first build, with no index yet, is never refused: {first.output}"
    return corpus


@pytest.mark.parametrize("how", ["deleted", "emptied"])
def test_a_build_that_would_drop_most_pages_publishes_nothing_until_told_to(four_built, how):
    served = IndexStore(Path("instance/index")).current()
    lose_three_pages(four_built, how)
    refused = CliRunner().invoke(cli, ["build"])
    assert refused.exit_code == 1, f"refused: {refused.output}"
    assert refused.output == REFUSED_BUILD, "one line that names the count and the way out"
    assert IndexStore(Path("instance/index")).current() == served, "the old generation is still served"
    assert api(Path("instance/index"), q="hamn")["total"] == 4, "and still finds all four pages"
    allowed = CliRunner().invoke(cli, ["build", "--allow-removals"])
    assert allowed.exit_code == (0 if how == "deleted" else 3), f"built when told to: {allowed.output}"
    assert allowed.output.splitlines()[0] == "Indexed 1 page, 1 sections into instance/index", "the one page left"


def test_a_build_may_drop_up_to_half_of_the_pages(four_built):
    lose_three_pages(four_built, "deleted")
    (four_built / "sida-1.html").write_text(FOUR_PAGES["sida-1.html"], encoding="utf-8")
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, f"two of four pages gone is within the guard: {result.output}"
    assert api(Path("instance/index"), q="hamn")["total"] == 2, "the index holds the two pages left"


def test_a_build_beside_a_damaged_index_is_never_refused(four_built):
    for terms in IndexStore(Path("instance/index")).target().glob("*.trm"):
        with terms.open("r+b") as file:
            file.truncate(100)
    lose_three_pages(four_built, "deleted")
    result = CliRunner().invoke(cli, ["build"])
    assert result.exit_code == 0, f"a damaged index serves nothing worth guarding: {result.output}"
    assert api(Path("instance/index"), q="hamn")["total"] == 1, "the fresh index holds the page left"
