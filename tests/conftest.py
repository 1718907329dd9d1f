"""Fixtures: tiny corpora written to disk, real Whoosh indexes built from them,
and the real Flask app pointed at each index."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from indexer.build import build
from webapp import create_app
from webapp.facets import Postings, read_postings
from webapp.params import SearchRequest
from webapp.search import Features, search

#: Property tests draw the same examples on every run (``derandomize``): CI on a fresh machine runs exactly what
#: the suite ran before landing, so an example no run here ever drew cannot fail it alone. To explore new
#: examples: ``HYPOTHESIS_PROFILE=explore ./scripts/test`` (random, with the local example database).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parents[1]
REAL_CORPUS = REPO / "corpus"

PROGRAM_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Programmet</title>
<meta name="author" content="Tillväxtverket">
<link rel="canonical" href="https://example.se/program.html"></head>
<body><header>Sidhuvud som inte ska sökas</header><main>
<h1 id="programmet">Programmet</h1>
<p>Tillväxt kräver planering i svenska städer.</p>
<h2 id="genomforda">Genomförda projekt</h2>
<h3 id="ystads-kommun">Ystads kommun</h3>
<p>Hamnen i Ystad får nya bostäder och en ny kaj.</p>
<p>Kontaktperson: Anna Ek, telefon: 0411-123</p>
<h3 id="region-blekinge">Region Blekinge</h3>
<p>Samverkan kring planering och hamn i länet.</p>
<h3 id="krinova">Krinova Science Park</h3>
<p>En science park i Kristianstad med fokus på innovation.</p>
<h2 id="kunskap">Kunskapsprojekt</h2>
<h3 id="boverket">Boverket</h3>
<p>Framtidsverkstäder om digitalisering i planeringen.</p>
<h2 id="kontakt">Kontakt</h2>
<p>Isaac Karlsson<br>Telefon: 08-681 65 59</p>
</main></body></html>
"""

KINDS = """
[group_headings]
"Genomförda projekt" = "Genomfört projekt"
"Kunskapsprojekt" = "Kunskapsprojekt"

# The page gathering the programme's projects is the programme's, by the corpus's own rule (as corpus/kinds.toml)
[[kind]]
name = "Program"
headings = { match = ['^genomförda projekt$', '^kunskapsprojekt$'], at_least = 1 }
"""


def write_corpus(folder: Path, pages: dict[str, str], kinds: str = KINDS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, html in pages.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    (folder / "kinds.toml").write_text(kinds, encoding="utf-8")
    return folder


def crawl_command(sitemap: str, root: Path) -> list[str]:
    """The README's crawl of a site by its sitemap, with no delay, into ``root``'s corpus and index, updated."""
    corpus, index = str(root / "corpus"), str(root / "index")
    return ["crawl", "--sitemap", sitemap, "--delay", "0", "--corpus", corpus, "--index", index, "--update"]


def page_of_sections(title: str, sections: dict[str, str]) -> str:
    """A page titled ``title`` with one ``<h2>`` section per (heading, text) of ``sections``."""
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1><p>Sidans ingress.</p>"
        + "".join(f"<h2>{heading}</h2><p>{text}</p>" for heading, text in sections.items())
        + "</main></body></html>"
    )


def page_with_trail(trail: list[str], title: str, lead: str, sections: dict[str, str]) -> str:
    """A page with a breadcrumb trail (the start page first), an <h1> and its lead, and one <h2> per section."""
    crumbs = "".join(f"<li><a href='/'>{label}</a></li>" for label in trail)
    return (
        f'<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head><body>'
        f'<nav class="breadcrumb"><ol>{crumbs}</ol></nav><main><h1>{title}</h1><p>{lead}</p>'
        + "".join(f"<h2>{heading}</h2><p>{text}</p>" for heading, text in sections.items())
        + "</main></body></html>"
    )


def client_for(folder: Path, pages: dict[str, str]):
    """A test client of the real app over a real index built from ``pages``."""
    corpus = write_corpus(folder / "corpus", pages)
    build(corpus, folder / "index")
    return create_app({"TESTING": True, "INDEX_DIR": str(folder / "index")}).test_client()


def one_page_client(tmp_path_factory, sections: dict[str, str], title: str = "Ord"):
    """A test client of the real app over an index of one page of ``sections`` (heading: text), for a module."""
    return client_for(tmp_path_factory.mktemp("one-page"), {"p.html": page_of_sections(title, sections)})


@pytest.fixture(params=["absolute", "relative"])
def index_path(request, tmp_path, monkeypatch) -> Path:
    """Where a test's index goes: an absolute temporary path, and the product's default,
    ``instance/index`` relative to the folder the command runs in."""
    if request.param == "absolute":
        return tmp_path / "instance" / "index"
    monkeypatch.chdir(tmp_path)
    return Path("instance") / "index"


def age_generations(index: Path, seconds: float = 300, served_only: bool = False) -> None:
    """Make the generations of ``index`` (or only the one served) look ``seconds`` old,
    past the grace period, as a served index usually is."""
    generations = index.with_name(index.name + ".generations")
    then = time.time() - seconds
    for folder in [index.resolve()] if served_only else generations.iterdir():
        os.utime(folder, (then, then))


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory) -> Path:
    """A real index of the tiny program page (read-only: do not change it)."""
    root = tmp_path_factory.mktemp("fixture")
    corpus = write_corpus(root / "corpus", {"program.html": PROGRAM_PAGE})
    build(corpus, root / "index")
    return root / "index"


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """A real index of the bundled corpus (read-only: do not change it)."""
    index = tmp_path_factory.mktemp("real") / "index"
    build(REAL_CORPUS, index)
    return index


@pytest.fixture
def client(fixture_index):
    return create_app({"TESTING": True, "INDEX_DIR": str(fixture_index)}).test_client()


@pytest.fixture
def real_client(real_index):
    return create_app({"TESTING": True, "INDEX_DIR": str(real_index)}).test_client()


def pytest_report_header(config):
    from .test_browser import CHROMIUM

    if CHROMIUM:
        return f"browser tests: Chromium at {CHROMIUM}"
    return "browser tests: SKIPPED, Chromium is not installed (apt-get install chromium)"


@dataclass(frozen=True)
class Searching:
    """The service's one search function over an open index: ``run("hamn", region=...)``."""

    searcher: Searcher
    postings: Postings

    def __call__(self, q: str = "", features: Features | None = None, **request) -> dict:
        return search(self.searcher, SearchRequest(q=q, **request), self.postings, features=features or Features())


@contextmanager
def searching(index_dir: Path) -> Iterator[Searching]:
    """A searcher over the index in ``index_dir`` and the facet postings read from it, closed afterwards."""
    with whoosh_index.open_dir(str(index_dir)).searcher() as searcher:
        yield Searching(searcher, read_postings(searcher))


@pytest.fixture
def run(fixture_index) -> Iterator[Searching]:
    """Search the tiny program page's index."""
    with searching(fixture_index) as run:
        yield run
