"""Kinds hold on any page: rules in data read the meta tags, breadcrumbs, URL and title."""

from pathlib import Path

import pytest

from indexer.corpus import CorpusError, load_corpus_data
from indexer.kinds import default_rules, page_kind, squash
from indexer.parse import parse_page


def kind_of(
    url: str = "", crumbs: tuple[str, ...] = (), h1: str = "Sidan", lead: str = "Text.", meta: str = ""
) -> str | None:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    trail = "".join(f"<li><a href='#'>{crumb}</a></li>" for crumb in crumbs)
    html = (
        f"<html><head><title>{h1}</title>{canonical}{meta}</head><body>"
        f'<nav class="breadcrumb"><ol>{trail}</ol></nav><main><h1>{h1}</h1><p>{lead}</p></main></body></html>'
    )
    return page_kind(parse_page(html, "p.html"), default_rules())


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        ({"url": "https://region.se/press/nyheter-och-pressmeddelanden/eu-medel.html"}, "Nyhet"),
        ({"url": "https://kommun.se/naring/aktuellt/ny-plan.html"}, "Nyhet"),
        ({"url": "https://verket.se/sokfinansiering/utlysningar/utlysningar/innovation.7150.html"}, "Utlysning"),
        ({"url": "https://verket.se/sokfinansiering/omvaraolikastod/service.1875.html"}, "Stöd och finansiering"),
        (
            {"url": "https://verket.se/sokfinansiering/eufinansieratstod/regionalfonden/ovrenorrland.1733.html"},
            "Program",
        ),
        (
            {"url": "https://region.se/regional-utveckling/projektmedel-stod-och-bidrag/service.html"},
            "Stöd och finansiering",
        ),
        ({"url": "https://verket.se/projektbanken/projekt/levandecentrum.html"}, "Projekt"),
        ({"url": "https://verket.se/publikationer/publikationer2024/tillgang.html"}, "Rapport"),
        ({"url": "https://verket.se/statistikochanalys/foretagensvillkor.1760.html"}, "Statistik"),
        ({"url": "https://verket.se/omtillvaxtverket/organisation.html"}, "Om oss"),
        ({"crumbs": ("Start", "Finansiering", "Nyheter", "Tolv miljoner"), "h1": "Tolv miljoner"}, "Nyhet"),
        (
            {"crumbs": ("Start", "Sök finansiering", "Regionalfonden", "Övre Norrland"), "h1": "Övre Norrland"},
            "Program",
        ),
        ({"crumbs": ("Start", "Om oss"), "h1": "Om Region Gävleborg"}, "Om oss"),
        ({"h1": "Utlysning: lokalt utvecklingsarbete 2025"}, "Utlysning"),
        ({"h1": "Gotlands län i siffror"}, "Statistik"),
        ({"h1": "Länets innovationsprogram 2024–2030"}, "Program"),
        ({"h1": "Programmet"}, None),
        ({"url": "https://lan.se/a/b.html", "lead": "Stänger 31 mars 2025"}, "Utlysning"),
        ({"meta": '<meta name="DC.Type" content="Pressmeddelande">'}, "Nyhet"),
        ({"url": "https://verket.se/amnesomraden/regional-kapacitet/utveckla-svenska-stader.html"}, None),
        # the page's own crumb, shortened: not a parent ("utlysning" is the title's word, "Nyheter" the parent)
        (
            {
                "crumbs": ("Startsida", "Nyheter", "2025", "Interreg ÖKS öppnar utlysning"),
                "h1": "Interreg Öresund-Kattegat-Skagerrak öppnar ny utlysning",
            },
            "Nyhet",
        ),
        (
            {
                "crumbs": ("Start", "Aktuellt", "Utlysning för grön omställning öppen"),
                "h1": "Ny utlysning för grön omställning i Sydsverige är öppen",
            },
            "Nyhet",
        ),
        # a parent that shares a word with the title is still a parent
        ({"crumbs": ("Start", "Stöd och finansiering"), "h1": "Finansiering för små företag"}, "Stöd och finansiering"),
        ({"crumbs": ("Start", "Projekt", "Nya torg i länet"), "h1": "Nya torget i Lund"}, "Projekt"),
        # "stöd" in a title that tells what was funded is no funding offer
        ({"h1": "Halmstad bygger biogasanläggning med stöd från Klimatklivet"}, None),
        ({"h1": "Kommunen har fått stöd till laddplatser"}, None),
        ({"h1": "Stöd till kommersiell service"}, "Stöd och finansiering"),
        ({"h1": "Nu kan små företag söka stöd för energieffektivisering"}, "Stöd och finansiering"),
    ],
)
def test_a_page_family_is_read_from_its_evidence(evidence, kind):
    assert kind_of(**evidence) == kind


def test_breadcrumbs_outrank_the_url_and_the_deepest_crumb_decides():
    assert kind_of("https://verket.se/projekt/a.html", ("Start", "Projekt", "Nyheter", "Sidan")) == "Nyhet"


def test_squash_reads_crumbs_and_url_segments_alike():
    assert squash("Stöd och bidrag") == squash("stod-och-bidrag") == "stodochbidrag"


def test_a_corpus_adds_kind_rules_of_its_own_before_the_defaults(tmp_path: Path):
    (tmp_path / "kinds.toml").write_text('[[kind]]\nname = "Evenemang"\nwords = ["kalender"]\n', encoding="utf-8")
    rules = load_corpus_data(tmp_path).kind_rules
    page = parse_page(
        '<html><head><link rel="canonical" href="https://k.se/kalender/nyheter/a.html"></head>'
        "<body><h1>A</h1><p>b</p></body></html>",
        "a.html",
    )
    assert page_kind(page, rules) == "Nyhet", "the deepest folder decides, whoever's rule names it"
    page = parse_page(
        '<html><head><link rel="canonical" href="https://k.se/kalender/a.html"></head>'
        "<body><h1>A</h1><p>b</p></body></html>",
        "a.html",
    )
    assert page_kind(page, rules) == "Evenemang"


@pytest.mark.parametrize(
    ("kinds", "message"),
    [
        ('[[kind]]\nwords = ["x"]\n', "needs a name"),
        ('[[kind]]\nname = "X"\nwords = ["("]\n', "missing"),
        ('[[kind]]\nname = "X"\ncolour = "blå"\n', "unknown key 'colour'"),
    ],
)
def test_a_bad_kind_rule_is_a_one_line_corpus_error(tmp_path: Path, kinds, message):
    (tmp_path / "kinds.toml").write_text(kinds, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus_data(tmp_path)
