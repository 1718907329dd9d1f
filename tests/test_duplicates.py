"""The same content under two URLs is one result, which says where else it stands."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.build import build
from indexer.cli import cli
from indexer.store import IndexStore
from indexer.update import update
from webapp import create_app

from .conftest import write_corpus

TEXT = (
    "Regionalfonden stöder företag som vill växa genom nya produkter, export och digitalisering. "
    "Projekten drivs av kommuner, regioner och lärosäten tillsammans med näringslivet i hela programområdet."
)


def page(url: str, updated: str, text: str = TEXT, contact: str = "Ring växeln.") -> str:
    return (
        f'<html lang="sv"><head><title>Programmet</title><link rel="canonical" href="{url}">'
        f'<meta name="DC.Date.Modified" content="{updated}"></head><body><main>'
        f'<h1 id="programmet">Programmet för tillväxt</h1><p>{text}</p>'
        f'<h2 id="kontakt">Kontakt</h2><p>{contact}</p></main></body></html>'
    )


NEW = page("https://verket.se/program/tillvaxt.html", "2025-01-08")
OLD = page(
    "https://eu.verket.se/program/tillvaxt.html",
    "2023-02-01",
    TEXT.replace("nya produkter", "nya tjänster och produkter"),
    "Ring oss på kontoret.",
)
OTHER = page(
    "https://verket.se/annat.html",
    "2024-01-01",
    "Ett helt annat ämne: bredband på landsbygden, fiber till byar och mobiltäckning längs vägarna "
    "där marknaden inte bygger ut av sig själv och där staten därför ger stöd.",
)


def client_over(index: Path):
    return create_app({"TESTING": True, "INDEX_DIR": str(index)}).test_client()


def test_near_duplicate_pages_are_one_result_that_names_the_other_copy(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "gammal.html": OLD, "annat.html": OTHER})
    build(corpus, tmp_path / "index")
    client = client_over(tmp_path / "index")
    hits = client.get("/api/search?q=regionalfonden").get_json()["results"]
    assert [hit["id"] for hit in hits] == ["ny/programmet"], "the copy last updated is shown, once"
    assert hits[0]["also_at"] == ["https://eu.verket.se/program/tillvaxt.html#programmet"]
    listing = client.get("/api/search?per_page=50").get_json()
    assert sorted(hit["id"] for hit in listing["results"]) == [
        "annat/kontakt",
        "annat/programmet",
        "ny/kontakt",
        "ny/programmet",
    ], "the copy's own contact line goes too"
    html = client.get("/avsnitt/ny/programmet").get_data(as_text=True)
    assert "Finns även på" in html, "the label"
    assert "https://eu.verket.se/program/tillvaxt.html#programmet" in html, "the other copy's link"


def test_a_copy_that_names_the_shown_page_as_its_canonical_is_not_listed_as_elsewhere(tmp_path: Path):
    """A CMS copy (``/kanonisk-kopia``) whose canonical link names the page it copies: both have that page's
    address, so "also at" would name the very page the result opens."""
    copy = page("https://verket.se/program/tillvaxt.html", "2024-06-01", TEXT.replace("export", "handel"))
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "kopia.html": copy})
    build(corpus, tmp_path / "index")
    hits = client_over(tmp_path / "index").get("/api/search?q=regionalfonden").get_json()["results"]
    assert len(hits) == 1, "one result"
    assert hits[0]["also_at"] == [], "not its own address"


@pytest.mark.parametrize(("rank", "shown"), [(0, "ny/programmet"), (-1, "ny/programmet"), (5, "gammal/programmet")])
def test_a_site_rank_decides_which_copy_is_shown(tmp_path: Path, rank, shown):
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "gammal.html": OLD})
    (corpus / "sites").mkdir()
    (corpus / "sites" / "eu.verket.se.toml").write_text(f"rank = {rank}\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    results = client_over(tmp_path / "index").get("/api/search?q=regionalfonden").get_json()["results"]
    assert [hit["id"] for hit in results] == [shown]


def test_a_site_rank_outweighs_a_query_string_on_another_site(tmp_path: Path):
    """An old CMS whose every address has a query, ranked first by the operator, keeps its copies over a mirror's
    clean address: a query string is a view of a page only beside the page's other address on its own site."""
    old_cms = page("https://old.example.se/sida.asp?id=5", "2025-01-08")
    mirror = page("https://mirror.example.se/kopia/", "2025-01-08")
    corpus = write_corpus(tmp_path / "corpus", {"a.html": old_cms, "b.html": mirror})
    (corpus / "sites").mkdir()
    (corpus / "sites" / "old.example.se.toml").write_text("rank = 10\n", encoding="utf-8")
    build(corpus, tmp_path / "index")
    results = client_over(tmp_path / "index").get("/api/search?q=regionalfonden").get_json()["results"]
    assert [hit["id"] for hit in results] == ["a/programmet"], "the ranked site's copy is shown"
    assert results[0]["also_at"] == ["https://mirror.example.se/kopia/#programmet"], "the mirror is named beside it"


def test_an_old_cms_address_loses_to_the_new_one_when_the_dates_tie(tmp_path: Path):
    same_day = page("https://lan.se/a/Pages/default.aspx", "2025-01-08")
    corpus = write_corpus(tmp_path / "corpus", {"a.html": same_day, "b.html": NEW})
    build(corpus, tmp_path / "index")
    results = client_over(tmp_path / "index").get("/api/search?q=regionalfonden").get_json()["results"]
    assert [hit["id"] for hit in results] == ["b/programmet"]


def test_short_sections_alike_on_different_pages_are_not_collapsed(tmp_path: Path):
    one = page("https://a.se/1.html", "2025-01-01", "Stödet gäller företag i länet.", "Ring växeln.")
    two = page("https://a.se/2.html", "2025-01-02", "Stödet gäller föreningar i länet.", "Ring växeln.")
    corpus = write_corpus(tmp_path / "corpus", {"1.html": one, "2.html": two})
    build(corpus, tmp_path / "index")
    listing = client_over(tmp_path / "index").get("/api/search?per_page=50").get_json()
    assert listing["total"] == 4


def test_an_update_that_adds_or_removes_a_copy_collapses_or_restores(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "annat.html": OTHER})
    index = tmp_path / "index"
    build(corpus, index)
    (corpus / "gammal.html").write_text(OLD, encoding="utf-8")
    report = update(corpus, index)
    assert report.rebuilt, "copies are decided over the whole corpus"
    hits = client_over(index).get("/api/search?q=regionalfonden").get_json()["results"]
    assert [(hit["id"], len(hit["also_at"])) for hit in hits] == [("ny/programmet", 1)]
    (corpus / "gammal.html").unlink()
    update(corpus, index)
    hits = client_over(index).get("/api/search?q=regionalfonden").get_json()["results"]
    assert [(hit["id"], hit["also_at"]) for hit in hits] == [("ny/programmet", [])]


def test_an_update_of_a_page_without_copies_stays_incremental(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "gammal.html": OLD, "annat.html": OTHER})
    index = tmp_path / "index"
    build(corpus, index)
    (corpus / "annat.html").write_text(OTHER.replace("fiber", "fibernät"), encoding="utf-8")
    report = update(corpus, index)
    assert not report.rebuilt, "rebuilt"
    assert report.changed == ["annat/programmet"], "changed"


def test_build_and_update_count_the_same_sections_when_copies_are_left_out(tmp_path: Path):
    corpus = write_corpus(tmp_path / "corpus", {"ny.html": NEW, "gammal.html": OLD, "annat.html": OTHER})
    index = tmp_path / "index"
    built = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--index", str(index)])
    assert built.output.splitlines()[0] == f"Indexed 3 pages, 4 sections into {index}", "the copies are left out"
    again = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert again.output.splitlines() == ["Up to date: 4 sections unchanged (0 of 3 pages read)"], "the same 4"
    (corpus / "annat.html").write_text(OTHER.replace("fiber", "fiber och 5G"), encoding="utf-8")
    edited = CliRunner().invoke(cli, ["update", "--corpus", str(corpus), "--index", str(index)])
    assert edited.output.splitlines() == [
        f"Updated {index}: 0 added, 1 changed, 0 removed, 3 unchanged (1 of 3 pages read)"
    ], "4 in all"


def list_page(intro: str, teaser: str) -> str:
    """A page of a news list: both pages name the first as canonical, as CMSs do."""
    return (
        '<html lang="sv"><head><title>Nyheter</title><link rel="canonical" href="https://region.se/nyheter/">'
        f'</head><body><main><h1 id="nyheter">Nyheter</h1><p>{intro}</p><h2>{teaser}</h2>'
        f"<p>Om {teaser.lower()} i länet.</p></main></body></html>"
    )


def sections_at(index: Path, url: str) -> list[dict]:
    with IndexStore(index).open().searcher() as searcher:
        return [fields for fields in searcher.all_stored_fields() if fields["url"] == url]


def test_the_same_short_section_under_one_url_is_one_section_that_names_no_other_place(tmp_path: Path):
    pages = {
        "nyheter.html": list_page("Nyheter från regionen.", "Bredband"),
        "nyheter-2.html": list_page("Nyheter från regionen.", "Turism"),
    }
    build(write_corpus(tmp_path / "corpus", pages), tmp_path / "index")
    (intro,) = sections_at(tmp_path / "index", "https://region.se/nyheter/#nyheter")
    assert intro["also_at"] == [], "its copy has its very address: no other place"
    assert len(sections_at(tmp_path / "index", "https://region.se/nyheter/#bredband")) == 1, "other words stay"


@pytest.mark.parametrize("edited", ["nyheter.html", "nyheter-2.html"])  # one holds the section shown, one its copy
def test_an_update_that_adds_or_edits_the_same_short_section_under_one_url_decides_as_a_build(tmp_path: Path, edited):
    corpus = write_corpus(tmp_path / "corpus", {"nyheter.html": list_page("Nyheter från regionen.", "Bredband")})
    index = tmp_path / "index"
    build(corpus, index)
    (corpus / "nyheter-2.html").write_text(list_page("Nyheter från regionen.", "Turism"), encoding="utf-8")
    assert update(corpus, index).rebuilt, "a copy met: copies are decided over the whole corpus"
    assert len(sections_at(index, "https://region.se/nyheter/#nyheter")) == 1, "one introduction"
    (corpus / edited).write_text(list_page("Alla nyheter från regionen.", "Skog"), encoding="utf-8")
    assert update(corpus, index).rebuilt, "a page of the group changed"
    assert len(sections_at(index, "https://region.se/nyheter/#nyheter")) == 2, "two introductions, each its own"
