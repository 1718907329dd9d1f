"""Kinds hold on any page: rules in data read the meta tags, breadcrumbs, URL and title."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from indexer import gazetteer
from indexer.corpus import CorpusData, CorpusError, load_corpus_data
from indexer.describe import describe_page
from indexer.kinds import default_rules, page_kind, squash
from indexer.parse import parse_page

from .conftest import client_for


def kind_of_page(
    body: str, url: str = "", crumbs: tuple[str, ...] = (), meta: str = "", title: str = "Sidan"
) -> str | None:
    """The kind of a page whose content is ``body`` (its own <h1> and sections)."""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    trail = "".join(f"<li><a href='#'>{crumb}</a></li>" for crumb in crumbs)
    html = (
        f"<html><head><title>{title}</title>{canonical}{meta}</head><body>"
        f'<nav class="breadcrumb"><ol>{trail}</ol></nav><main>{body}</main></body></html>'
    )
    return page_kind(parse_page(html, "p.html"), default_rules())


def kind_of(
    url: str = "", crumbs: tuple[str, ...] = (), h1: str = "Sidan", lead: str = "Text.", meta: str = ""
) -> str | None:
    return kind_of_page(f"<h1>{h1}</h1><p>{lead}</p>", url, crumbs, meta, title=h1)


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
        # an EU fund's own page is its programme's, wherever its site files it
        ({"crumbs": ("Start", "Om ESF-rådet"), "h1": "Europeiska socialfonden+"}, "Program"),
        ({"h1": "Europeiska regionala utvecklingsfonden"}, "Program"),
        ({"h1": "Fonden för en rättvis omställning"}, "Program"),
        ({"crumbs": ("Start", "Nyheter"), "h1": "Socialfonden stöttar fler unga"}, "Nyhet"),
        ({"h1": "Vanliga frågor om regionalfonden"}, "Frågor och svar"),
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
        # a title names its kind at a compound's head as well
        ({"h1": "Investeringsstöd till lanthandeln"}, "Stöd och finansiering"),
        ({"h1": "Hemsändningsbidrag 2026"}, "Stöd och finansiering"),
        ({"h1": "Bostadsmarknadsanalys för länet", "lead": "Bostadsmarknadsanalys 2026 (PDF, 2 MB)"}, "Rapport"),
        ({"h1": "Slututvärdering av programmet", "lead": "Rapport 2024:3. Utvärderingen i korthet."}, "Rapport"),
        ({"h1": "Befolkningsstatistik"}, "Statistik"),
        ({"h1": "Kommunen har fått investeringsstöd till laddplatser"}, None),
        # support that is care or advice, and a fee, are no funding (reviewer5 S3)
        ({"h1": "Digitalt beslutsstöd för kommunens planering"}, None),
        ({"h1": "Krisstöd och beredskap"}, None),
        ({"h1": "Föräldrastöd i Umeå"}, None),
        ({"h1": "IT-stöd för handläggare"}, None),
        ({"h1": "EU-stöd till landsbygden"}, "Stöd och finansiering"),
        ({"h1": "Medlemsbidrag till föreningen"}, None),
        # a programme with its period, a page about the programme wherever it is filed (reviewer5 S2)
        ({"h1": "Hållbar besöksnäring – program 2024–2027"}, "Program"),
        ({"crumbs": ("Start", "Sök finansiering", "Om programmet"), "h1": "Om programmet"}, "Program"),
    ],
)
def test_a_page_family_is_read_from_its_evidence(evidence, kind):
    assert kind_of(**evidence) == kind, f"{evidence}"


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        # a title that names an analysis or a report is a step of the work without a publication (reviewer5 S3)
        ({"h1": "Riskanalys inför bygget", "lead": "Kommunen går igenom riskerna innan bygget startar."}, None),
        ({"h1": "Trafikanalys för centrum", "lead": "Vi räknar trafiken på Storgatan i vår."}, None),
        ({"h1": "Lägesrapport om bygget", "lead": "Grunden är gjuten och stommen reses i maj."}, None),
        ({"h1": "Slututvärdering av programmet", "lead": "Utvärderingen görs under hösten."}, None),
        # the same titles on a page that shows a publication
        ({"h1": "Riskanalys inför bygget", "lead": "Riskanalysen (pdf, 1 MB)"}, "Rapport"),
        ({"h1": "Trafikanalys för centrum", "lead": "ISBN 978-91-7000-000-0"}, "Rapport"),
        (
            {"h1": "Lägesrapport om bygget", "lead": "Rapport 0421, 48 sidor. Rapporten kan beställas tryckt."},
            "Rapport",
        ),
        ({"h1": "Trafikanalys för centrum", "lead": "Analysen visar att trafiken ökar."}, "Rapport"),
        # a report's folder or meta tag needs no proof
        ({"url": "https://verket.se/publikationer/2024/riskanalys.html", "h1": "Riskanalys inför bygget"}, "Rapport"),
        ({"h1": "Trafikanalys för centrum", "meta": '<meta name="DC.Type" content="Rapport">'}, "Rapport"),
    ],
)
def test_a_title_names_a_report_only_on_a_page_that_shows_a_publication(evidence, kind):
    assert kind_of(**evidence) == kind, f"{evidence}"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (
            "<h1>Trafikanalys för centrum</h1><p>Inledning.</p><h2>Sammanfattning</h2><p>Trafiken ökar.</p>",
            "Rapport",
        ),
        (  # the parts of a report: its conclusions, its recommendations
            "<h1>Bostadsmarknadsanalys för länet</h1><p>Länet analyseras varje år.</p>"
            "<h2>Länsstyrelsens rekommendationer</h2><p>Kommunerna bör planera.</p>",
            "Rapport",
        ),
        ("<h1>Lägesrapport om bygget</h1><p>Inledning.</p><h2>Slutsatser</h2><p>Bygget följer planen.</p>", "Rapport"),
        # a link that offers its document and a publication line leave the text, and still prove a report
        (
            "<h1>Trafikanalys för centrum</h1><p>Kommunen har räknat trafiken.</p>"
            '<p><a href="/trafikanalys.pdf">Ladda ner rapporten (pdf, 2 MB)</a></p>',
            "Rapport",
        ),
        (
            "<h1>Trafikanalys för centrum</h1><p>Kommunen har räknat trafiken.</p>"
            "<p>Rapport 0412 · Publicerad 2026-06-03 · 64 sidor</p>",
            "Rapport",
        ),
        ('<h1>Trafikanalys för centrum</h1><p>Kommunen har räknat trafiken.</p><p><a href="/a">Läs mer</a></p>', None),
        (  # a project's page whose title names one of its steps is the project's
            "<h1>Riskanalys inför bygget</h1><p>Inledning.</p><h2>Om projektet</h2><p>Text.</p>",
            "Projekt",
        ),
    ],
)
def test_a_reports_own_parts_are_its_proof_and_a_projects_step_stays_the_projects(body, kind):
    assert kind_of_page(body) == kind, body


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Om programmet Levande städer | Verket", "Program"),  # the <title> says what the page is
        ("Levande städer | Verket", "Stöd och finansiering"),  # else its folder does
    ],
)
def test_a_document_title_that_names_the_programme_page_outranks_its_folder(title, kind):
    crumbs = ("Start", "Sök finansiering", "Levande städer")
    assert kind_of_page("<h1>Levande städer</h1><p>Text.</p>", crumbs=crumbs, title=title) == kind, title


def test_a_status_in_a_row_of_tags_is_a_calls_first_line():
    """A row of tags is no text (labels5), but "Öppnar 12 augusti" in it says what the lead's first line said."""
    body = (
        '<h1>Insatser för cirkulär ekonomi</h1><ul class="tags"><li>Öppnar 12 augusti 2026</li><li>Norrbotten</li>'
        "</ul><p>Nu kan aktörer söka pengar.</p><h2>Vem kan söka?</h2><p>Offentliga aktörer.</p>"
    )
    assert kind_of_page(body, "https://verket.se/a/b.html") == "Utlysning", "the tag opens the call"


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
        ('[[kind]]\nname = "X"\nproof = ["("]\n', "missing"),
        ('[[kind]]\nname = "X"\ntopics = ["("]\n', "missing"),
        ('[[kind]]\nname = "X"\nfacts = { match = ["x"], at_least = 0 }\n', "facts: at_least must be a whole number"),
    ],
)
def test_a_bad_kind_rule_is_a_one_line_corpus_error(tmp_path: Path, kinds, message):
    (tmp_path / "kinds.toml").write_text(kinds, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus_data(tmp_path)


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        ({"url": "https://verket.se/evenemang/natverkstraff-om-stadskarnor.html"}, "Evenemang"),
        ({"url": "https://kommun.se/uppleva-och-gora/evenemangskalender/marknad.html"}, "Evenemang"),
        ({"url": "https://region.se/kalendarium/2026/frukostmote.html"}, "Evenemang"),
        ({"crumbs": ("Start", "Seminarier", "Handeln i centrum"), "h1": "Handeln i centrum"}, "Evenemang"),
        ({"h1": "Webbinarium: så söker du stödet"}, "Evenemang"),
        ({"h1": "Nätverksträff för centrumledare"}, "Evenemang"),
        ({"url": "https://lan.se/a/b.html", "lead": "Datum: 22 april 2026, kl. 9.30–16"}, "Evenemang"),
        ({"meta": '<meta name="DC.Type" content="Evenemang">'}, "Evenemang"),
        # a news item about an event is news: its folder outranks its title
        ({"crumbs": ("Start", "Nyheter", "Webbinarium om stödet"), "h1": "Webbinarium om stödet"}, "Nyhet"),
    ],
)
def test_an_event_is_evenemang_on_any_site(evidence, kind):
    assert kind_of(**evidence) == kind, evidence


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        # the title names the page a FAQ, under whatever folder the site files it
        (
            {
                "crumbs": ("Startsida", "Sök finansiering", "Programmet", "Vanliga frågor"),
                "h1": "Vanliga frågor om programmet",
            },
            "Frågor och svar",
        ),
        (
            {"url": "https://kommun.se/bygga-och-bo/bredband/fiber.html", "h1": "Frågor och svar om fiber"},
            "Frågor och svar",
        ),
        ({"url": "https://region.se/naringsliv/stod.html", "h1": "Frågor och svar om företagsstöd"}, "Frågor och svar"),
        (
            {"url": "https://region.se/sok-finansiering/stod.html", "h1": "FAQ – regionala företagsstöd"},
            "Frågor och svar",
        ),
        ({"url": "https://region.se/naringsliv/vanliga-fragor/foretagsstod.html"}, "Frågor och svar"),
        # a list of granted projects, on an agency's site under "Sök finansiering" or a region's under "Utveckling"
        (
            {
                "crumbs": ("Startsida", "Sök finansiering", "Programmet", "Beviljade projekt 2025"),
                "h1": "Beviljade projekt inom programmet 2025",
            },
            "Projekt",
        ),
        (
            {"url": "https://region.se/utveckling/beviljade.html", "h1": "Beviljade regionala utvecklingsmedel 2025"},
            "Projekt",
        ),
        ({"url": "https://region.se/projektmedel/beslut.html", "h1": "Beviljade projekt 2024"}, "Projekt"),
        # a kommun's city development projects, with or without "projekt" in the address: under "Stadsutveckling"
        # a page that gives a project's facts (a page that gives none is the kommun's own: labels5)
        ({"url": "https://kommun.se/bygga-och-bo/projekt/torget.html", "h1": "Torget som vardagsrum"}, "Projekt"),
        (
            {
                "url": "https://kommun.se/bygga-och-bo/stadsutveckling/centrum.html",
                "h1": "Centrum 2030",
                "lead": "Projektägare: Kommunen",
            },
            "Projekt",
        ),
        (
            {
                "crumbs": ("Hem", "Bygga och bo", "Stadsutveckling", "Centrum 2030"),
                "h1": "Centrum 2030",
                "lead": "Budget: 40 miljoner kronor",
            },
            "Projekt",
        ),
        (
            {
                "url": "https://kommun.se/stadsomvandlingen/om.html",
                "h1": "Stadsomvandlingen i staden",
                "lead": "Projekttid: 2020–2035",
            },
            "Projekt",
        ),
        ({"url": "https://kommun.se/stadsutveckling/nyheter/byggstart.html", "h1": "Byggstart"}, "Nyhet"),
        ({"url": "https://verket.se/hallbar-stadsutveckling/om.html", "h1": "Om hållbar stadsutveckling"}, None),
    ],
)
def test_faq_decision_and_project_pages_are_one_kind_on_every_site(evidence, kind):
    assert kind_of(**evidence) == kind, evidence


QUESTIONS = "".join(
    f"<details><summary>{question}</summary><p>Svar.</p></details>"
    for question in ("Vem kan söka?", "Hur lång tid tar det?", "När betalas pengarna ut?", "Kan flera söka ihop?")
)


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        (f"<h1>Bredband på landsbygden</h1><p>Svar på det vi oftast får höra.</p>{QUESTIONS}", "Frågor och svar"),
        (  # a page of questions under group headings, with a contact section at the end
            f"<h1>Fiber</h1><p>Inledning.</p><h2>Om ansökan</h2>{QUESTIONS}<h2>Kontakt</h2><p>Anna Ek</p>",
            "Frågor och svar",
        ),
        (  # an information page with a few questions among its sections is no FAQ
            "<h1>Bredband</h1><p>Inledning.</p><h2>Länets strategi</h2><p>Text.</p><h2>Byanät</h2><p>Text.</p>"
            "<h2>Hur får jag fiber?</h2><p>Svar.</p><h2>Vad kostar det?</h2><p>Svar.</p>",
            None,
        ),
        ("<h1>Vad kostar det?</h1><p>Svar.</p><h2>Vem betalar?</h2><p>Svar.</p>", None),  # two questions are no FAQ
        (
            "<h1>Ny mötesplats vid torget</h1><p>Inledning.</p><h2>Bakgrund</h2><p>Text.</p>"
            "<h2>Projektfakta</h2><p>Projektägare: kommunen</p>",
            "Projekt",
        ),
        ("<h1>Levande hamn</h1><p>Inledning.</p><h2>Om projektet</h2><p>Text.</p>", "Projekt"),
        (  # a kommun lists its own projects so: no programme's page (reviewer6 S1; was Program)
            "<h1>Landsbygdsutveckling</h1><p>Kommunen arbetar med flera projekt.</p><h2>Genomförda projekt</h2>"
            "<h3>Byanät i norr</h3><p>Fiber till 300 hushåll.</p><h2>Pågående projekt</h2>"
            "<h3>Smart by</h3><p>Digitala tjänster.</p>",
            None,
        ),
        (
            "<h1>Städer</h1><p>Inledning.</p><h2>Ta del av fem kunskapsprojekt</h2><h3>Boverket</h3><p>Text.</p>",
            None,
        ),
        # a programme's page says the projects and the parts are the programme's
        ("<h1>Städer</h1><p>Inledning.</p><h2>Projekt inom programmet</h2><h3>Boverket</h3><p>Text.</p>", "Program"),
        ("<h1>Städer</h1><p>Inledning.</p><h2>Programmets insatsområden</h2><p>Text.</p>", "Program"),
    ],
)
def test_the_headings_of_its_sections_name_a_pages_kind_when_nothing_else_does(body, kind):
    assert kind_of_page(body) == kind, body


@pytest.mark.parametrize(
    ("headings", "message"),
    [
        ("headings = ['x']", "must be a table"),
        ("headings = { match = ['x'], share = 2 }", "share must be a number from 0 to 1"),
        ("headings = { match = ['x'], at_least = 0 }", "at_least must be a whole number"),
        ("headings = { match = ['('] }", "missing"),
    ],
)
def test_a_bad_headings_rule_is_a_one_line_corpus_error(tmp_path: Path, headings, message):
    (tmp_path / "kinds.toml").write_text(f'[[kind]]\nname = "X"\n{headings}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        load_corpus_data(tmp_path)


def test_the_new_kinds_are_facet_values_in_swedish_in_the_json_and_on_the_page(tmp_path: Path):
    def page(url: str, h1: str, text: str) -> str:
        return (
            f'<html lang="sv"><head><title>{h1}</title><link rel="canonical" href="{url}"></head>'
            f"<body><main><h1>{h1}</h1><p>{text}</p></main></body></html>"
        )

    client = client_for(
        tmp_path,
        {
            "evenemang.html": page("https://verket.se/evenemang/traff.html", "Träff om stadskärnor", "Centrum."),
            "fragor.html": page("https://verket.se/stod/fragor.html", "Vanliga frågor om stadskärnor", "Centrum."),
        },
    )
    facet = client.get("/api/search?q=centrum").get_json()["facets"]["kind"]
    assert sorted(value["value"] for value in facet) == ["Evenemang", "Frågor och svar"], "the JSON's kind values"
    soup = BeautifulSoup(client.get("/?q=centrum").data, "html.parser")
    fieldset = next(f for f in soup.select("fieldset.facet") if f.legend.get_text() == "Typ av innehåll")
    labels = sorted(label.get_text(" ", strip=True) for label in fieldset.select("label"))
    assert labels == ["Evenemang (1)", "Frågor och svar (1)"], "the page's kind boxes"


# -- Contact pages, lists of news, and the pages no rule names ----------------------------------

OFFICES = (
    "<h1>Handläggare för fonden</h1><p>Ring kontoret för ditt område.</p>"
    "<h2>Övre Norrland – kontoret i Luleå</h2><p>Telefon 010-000 00 01.</p>"
    "<h2>Sydsverige – kontoret i Malmö</h2><p>Telefon 010-000 00 02.</p>"
    "<h2>Västsverige – kontoret i Göteborg</h2><p>Telefon 010-000 00 03.</p>"
)


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        # a contact page is the organisation's, whatever its title's subject: not the fund's Program
        ({"crumbs": ("Start", "Kontakta oss"), "h1": "Kontakta oss om regionalfonden"}, "Om oss"),
        ({"h1": "Kontakta kommunen"}, "Om oss"),
        ({"h1": "Kontaktuppgifter"}, "Om oss"),
        ({"h1": "Kontaktnätet växer i länet"}, None),
        # a list of news filed under the start page
        ({"crumbs": ("Startsida", "Nyheter"), "h1": "Nyheter"}, "Nyhet"),
        ({"h1": "Pressmeddelanden"}, "Nyhet"),
        # a kommun's service pages name no family
        ({"crumbs": ("Start", "Trafik och gator"), "h1": "Vägarbeten och avstängda gator"}, None),
        ({"crumbs": ("Start", "Trafik och resor", "Cykel"), "h1": "Cykla i staden"}, None),
    ],
)
def test_contact_pages_and_lists_of_news_are_named_by_their_title(evidence, kind):
    assert kind_of(**evidence) == kind, evidence


def test_a_page_of_offices_is_the_organisations_by_its_headings():
    assert kind_of_page(OFFICES) == "Om oss", "a page of offices is about the organisation"


def test_a_page_no_rule_names_is_information_and_out_of_the_programmes_filter(tmp_path: Path):
    def page(url: str, h1: str) -> str:
        return (
            f'<html lang="sv"><head><title>{h1}</title><link rel="canonical" href="{url}"></head>'
            f"<body><main><h1>{h1}</h1><p>Trafiken i centrum ändras.</p></main></body></html>"
        )

    client = client_for(
        tmp_path,
        {
            "vag.html": page("https://kommun.se/trafik/vagarbeten.html", "Vägarbeten och avstängda gator"),
            "buss.html": page("https://kommun.se/trafik/kollektivtrafik/ny-linje.html", "Ny busslinje till hamnen"),
            "fond.html": page("https://verket.se/eu-program/regionalfonden/ovre-norrland.html", "Övre Norrland"),
        },
    )
    facet = client.get("/api/search?q=trafiken").get_json()["facets"]["kind"]
    assert {value["value"]: value["count"] for value in facet} == {"Information": 2, "Program": 1}, "the kinds"
    found = client.get("/api/search?q=trafiken&kind=Program").get_json()["results"]
    assert [hit["title"] for hit in found] == ["Övre Norrland"], "the Program filter holds the programme only"


def test_the_bundled_page_is_a_program_by_its_corpus_rule_and_a_page_beside_it_is_not(tmp_path: Path):
    bundled = Path(__file__).resolve().parents[1] / "corpus"
    (tmp_path / "kinds.toml").write_text((bundled / "kinds.toml").read_text(encoding="utf-8"), encoding="utf-8")
    corpus = load_corpus_data(tmp_path)
    assert len(corpus.kind_rules) == len(default_rules()) + 1, "the bundled corpus adds one kind rule of its own"
    own = parse_page((bundled / "utveckla-svenska-stader.html").read_text(encoding="utf-8"), "a.html")
    other = parse_page("<html><body><h1>Cykla i staden</h1><p>Nya cykelbanor.</p></body></html>", "b.html")
    assert corpus.kind_of(None, page_kind(own, corpus.kind_rules)) == "Program", "the bundled page: its projects"
    assert corpus.kind_of(None, page_kind(other, corpus.kind_rules)) == "Information", "a page beside it"
    shipped = page_kind(own, default_rules())
    assert shipped is None, "the shipped rules alone do not call a page of gathered projects a programme's"


# -- What makes a page a project's, and what a programme's (labels5) ----------------------------

PLANS = (
    "<h1>{h1}</h1><p>Staden växer. Kommunen planerar för fler bostäder, nya gång- och cykelstråk och en levande "
    "stadskärna där fler vill bo och verka.</p><h2>Så planerar vi</h2><p>Översiktsplanen visar var staden kan växa "
    "de kommande tjugo åren.</p><h2>Pågående projekt</h2><ul><li><a href='/a'>Norra älvstranden</a></li>"
    "<li><a href='/b'>Nya torget</a></li></ul>"
)
FACT_BOX = (
    "<h1>{h1}</h1><p>Längs älven byggs ett nytt kvarter med 400 bostäder, en skola och en park.</p>"
    "<h2>Fakta</h2><dl><dt>Projektägare</dt><dd>Kommunen</dd><dt>Projekttid</dt><dd>2023–2027</dd>"
    "<dt>Budget</dt><dd>120 miljoner kronor</dd></dl>"
)
FACT_LINES = (
    "<h1>{h1}</h1><p>Hamnen blir en plats för besöksnäring och nya företag.</p><p>Projektägare: kommunen. "
    "Projekttid: 2024–2026.</p><p>Finansiär: Europeiska regionala utvecklingsfonden</p>"
)
PARTNERS = (
    "<h1>{h1}</h1><p>Kommunen arbetar tillsammans med fastighetsägare och föreningar för att torget ska bli en "
    "mötesplats hela året.</p><h2>Det här händer</h2><p>Fler bänkar, träd och en scen för sommarens konserter.</p>"
)
# a kommun's page that is no project says further down that it works with partners, as kommun pages do (review M2)
PARTNERS_BELOW = (
    "<h1>{h1}</h1><p>{lead}</p><h2>{h2}</h2><p>{line}</p><h2>Tyck till</h2><p>Alla kan lämna synpunkter.</p>"
)
HOUSING = (
    "<h1>{h1}</h1><p>Regionen har tagit fram ett bostadsförsörjningsprogram tillsammans med länets kommuner.</p>"
    "<h2>Mål</h2><p>Fler bostäder för unga och äldre i hela länet.</p>"
)


@pytest.mark.parametrize(
    ("body", "url", "crumbs", "kind"),
    [
        # a kommun's own page on its city development names no project, wherever it is filed (it was Projekt)
        (
            PLANS.format(h1="Stadsutveckling i Skellefteå"),
            "",
            ("Start", "Bygga och bo", "Stadsutveckling", "I staden"),
            None,
        ),
        (
            PLANS.format(h1="Så växer staden"),
            "https://kommun.se/bygga-bo/stadsutveckling/sa-vaxer-staden.html",
            (),
            None,
        ),
        (PLANS.format(h1="Översiktsplan 2040"), "https://kommun.se/stadsutveckling/oversiktsplan.html", (), None),
        (PLANS.format(h1="Staden flyttar"), "https://kommun.se/samhallsomvandlingen/staden-flyttar.html", (), None),
        # a project's page gives its facts, in a fact box or in lines, under the same folders or any other
        (
            FACT_BOX.format(h1="Norra älvstranden"),
            "https://kommun.se/bygga-bo/stadsutveckling/norra.html",
            (),
            "Projekt",
        ),
        (FACT_BOX.format(h1="Norra älvstranden"), "", ("Start", "Stadsutveckling", "Norra älvstranden"), "Projekt"),
        (FACT_LINES.format(h1="Hamnstaden 2030"), "https://kommun.se/naringsliv/hamnstaden.html", (), "Projekt"),
        (FACT_LINES.format(h1="Nya torget"), "https://kommun.se/stadsomvandlingen/torget.html", (), "Projekt"),
        # a kommun's named undertaking with partners, under its "Stadsutveckling", is a project without a fact box
        # (review S2: outsider17's "Levande stadskärna", labelled Projekt); elsewhere, one such line alone is not
        (
            PARTNERS.format(h1="Levande torg"),
            "https://kommun.se/bo-och-bygga/stadsutveckling/levande-torg.html",
            (),
            "Projekt",
        ),
        (PARTNERS.format(h1="Levande torg"), "", ("Start", "Stadsutveckling", "Levande torg"), "Projekt"),
        (PARTNERS.format(h1="Levande torg"), "https://kommun.se/kultur/torget.html", (), None),
        # the same sentence below the lead, on a kommun's plan, service or concern under "Stadsutveckling", is no fact
        # of a project (review M2: each was a Projekt)
        (
            PARTNERS_BELOW.format(
                h1="Översiktsplan",
                lead="Planen visar hur kommunen vill att mark och vatten ska användas.",
                h2="Så tas planen fram",
                line="Kommunen arbetar tillsammans med regionen och grannkommunerna för att planen ska hänga ihop.",
            ),
            "https://kommun.se/stadsutveckling/oversiktsplan.html",
            (),
            None,
        ),
        (
            PARTNERS_BELOW.format(
                h1="Bygglov",
                lead="Du behöver bygglov för att bygga nytt.",
                h2="Handläggning",
                line="Bygglovsenheten arbetar i samverkan med miljöenheten när det behövs.",
            ),
            "",
            ("Start", "Stadsutveckling", "Bygglov"),
            None,
        ),
        (
            PARTNERS_BELOW.format(
                h1="Trygghet i centrum",
                lead="Alla ska känna sig trygga i centrum.",
                h2="Samarbete",
                line="Kommunen jobbar tillsammans med polisen och fastighetsägarna för att öka tryggheten.",
            ),
            "https://kommun.se/bo-och-bygga/stadsutveckling/trygghet.html",
            (),
            None,
        ),
        # one fact alone is no project's page: a kommun's budget
        (
            "<h1>Årsbudget 2026</h1><p>Budget: 2,1 miljarder kronor</p>",
            "https://kommun.se/ekonomi/budget.html",
            (),
            None,
        ),
        # a programme's page is a Program under a subject's folder, and under advice to planners (it was Projekt or
        # Stöd och finansiering)
        (
            HOUSING.format(h1="Regionalt bostadsförsörjningsprogram 2024–2030"),
            "https://region.se/samhallsplanering/stadsutveckling/bostadsforsorjningsprogram.html",
            (),
            "Program",
        ),
        (
            HOUSING.format(h1="Bostadsförsörjningsprogram"),
            "",
            ("Start", "Samhällsplanering", "Planeringsstöd", "Bostadsförsörjningsprogram"),
            "Program",
        ),
        (
            HOUSING.format(h1="Bostadsförsörjningsprogram"),
            "https://region.se/regional-utveckling/kunskapsstod/bostader/program.html",
            (),
            "Program",
        ),
        (
            HOUSING.format(h1="Planeringsstöd till kommunerna"),
            "https://region.se/samhallsplanering/stod.html",
            (),
            None,
        ),
        (HOUSING.format(h1="Bostadsförsörjning"), "https://region.se/metodstod/bostad.html", (), None),
        # funding stays funding: its folder and its title
        (
            HOUSING.format(h1="Bostadsförsörjning"),
            "https://region.se/stod-och-bidrag/bostad.html",
            (),
            "Stöd och finansiering",
        ),
        (HOUSING.format(h1="Investeringsstöd till hyresbostäder"), "", (), "Stöd och finansiering"),
    ],
)
def test_a_project_is_told_by_its_facts_and_a_subjects_folder_names_no_kind(body, url, crumbs, kind):
    assert kind_of_page(body, url, crumbs, title=body.split("</h1>")[0][4:]) == kind, f"{url} {crumbs} {body[:60]}"


def section_kinds(body: str, url: str = "https://kommun.se/bygga-bo/parker/sidan.html") -> list[tuple[str, str]]:
    """Each section's (heading, kind) on a page whose content is ``body``, as the index gets them."""
    head = f'<head><title>Sidan</title><link rel="canonical" href="{url}"></head>'
    html = f'<html lang="sv">{head}<body><main>{body}</main></body></html>'
    page = parse_page(html, "p.html")
    return [(document.title, document.kind) for document in describe_page(page, CorpusData(), gazetteer.load())]


def faq_block(heading: str, *questions: str) -> str:
    answers = "".join(f"<details><summary>{q}</summary><p>Svaret på frågan.</p></details>" for q in questions)
    return f"<h2>{heading}</h2>{answers}"


PARK = "<h1>Nya Stadsparken</h1><p>Kommunen bygger om parken.</p><h2>Vad händer nu?</h2><p>Arbetet börjar i maj.</p>"


@pytest.mark.parametrize(
    ("body", "url", "kinds"),
    [
        # the FAQ block at the end of an ordinary page is its own; the page's other parts are what the page is (the
        # question heading "Vad händer nu?" made three questions of four headings, and the whole page a FAQ)
        (
            PARK + faq_block("Frågor och svar", "Får jag grilla i parken?", "När är parken klar?"),
            "https://kommun.se/bygga-bo/parker/stadsparken.html",
            ["Information", "Information", "Frågor och svar", "Frågor och svar"],
        ),
        (
            PARK + "<h2>Tidplan</h2><p>Klart 2027.</p>" + faq_block("Vanliga frågor", "Vem betalar?", "Blir det dyrt?"),
            "https://kommun.se/bygga-bo/parker/stadsparken.html",
            ["Information", "Information", "Information", "Frågor och svar", "Frågor och svar"],
        ),
        # a project's page and a news item with questions at their end stay a project and news
        (
            "<h1>Levande torg</h1><p>Projektägare: Kommunen</p><p>Projekttid: 2025–2027</p>"
            "<h2>Bakgrund</h2><p>Torget ska leva året om.</p>"
            + faq_block("Vanliga frågor om projektet", "Vem kan vara med?", "Vad kostar det?", "Hur anmäler jag mig?"),
            "https://kommun.se/naringsliv/levande-torg.html",
            ["Projekt", "Projekt", "Frågor och svar", "Frågor och svar", "Frågor och svar"],
        ),
        (
            "<h1>Parken öppnar igen</h1><p>Nu är parken klar.</p>"
            + faq_block("FAQ", "Var parkerar jag?", "Är det gratis?"),
            "https://kommun.se/nyheter/2026/parken.html",
            ["Nyhet", "Frågor och svar", "Frågor och svar"],
        ),
        # a page that is nothing but its questions is a FAQ, its lead too
        (
            "<h1>Bygglov för altan</h1><p>Här svarar vi.</p>"
            + faq_block("Vanliga frågor", "Behöver jag bygglov?", "Vad kostar det?", "Hur lång tid tar det?"),
            "https://kommun.se/bygga-bo/bygglov/altan.html",
            ["Frågor och svar"] * 4,
        ),
        # a FAQ heading with a line of its own before its questions (no group heading then) is the block's too, up
        # to the next heading of its level
        (
            PARK
            + "<h2>Vanliga frågor</h2><p>Här svarar vi på det vi oftast får frågor om.</p>"
            + "<details><summary>Får jag grilla?</summary><p>Ja.</p></details>"
            + "<h3>När är parken klar?</h3><p>År 2027.</p><h2>Kontakt</h2><p>Parkenheten.</p>",
            "https://kommun.se/bygga-bo/parker/stadsparken.html",
            ["Information", "Information", "Frågor och svar", "Frågor och svar", "Frågor och svar", "Information"],
        ),
        (  # a group heading after the FAQ's questions ends the block
            PARK
            + "<h2>Vanliga frågor</h2><p>Här svarar vi.</p><h3>Får jag grilla?</h3><p>Ja.</p>"
            + "<h2>Så bygger vi</h2><h3>Etapp ett</h3><p>Gångvägarna.</p>",
            "https://kommun.se/bygga-bo/parker/stadsparken.html",
            ["Information", "Information", "Frågor och svar", "Frågor och svar", "Information"],
        ),
        # questions under a heading that names no FAQ are the page's own parts, as before
        (
            "<h1>Bygglov för altan</h1><p>Här svarar vi.</p>"
            + faq_block("Om ansökan", "Behöver jag bygglov?", "Vad kostar det?", "Hur lång tid tar det?"),
            "https://kommun.se/bygga-bo/bygglov/altan.html",
            ["Frågor och svar"] * 4,
        ),
    ],
)
def test_a_faq_block_is_its_own_sections_kind_and_not_its_pages(body, url, kinds):
    found = section_kinds(body, url)
    assert [kind for _, kind in found] == kinds, f"each section's kind: {found}"


@pytest.mark.parametrize(
    ("evidence", "kind"),
    [
        # an annual report filed under the organisation's pages is a report: its own folder or crumb says so, and
        # the deepest filing decides (it was "Om oss" by the folder above it)
        (
            {
                "crumbs": ("Startsida", "Om verket", "Årsredovisning 2025", "Resultat för regional utveckling"),
                "h1": "Resultat för regional utveckling",
            },
            "Rapport",
        ),
        ({"url": "https://verket.se/om-oss/arsredovisning-2025/resultat.html", "h1": "Resultat"}, "Rapport"),
        ({"url": "https://region.se/om-regionen/ekonomi/arsredovisningar/2025.html", "h1": "2025"}, "Rapport"),
        ({"url": "https://kommun.se/om-kommunen/verksamhetsberattelse/2025.html", "h1": "Året som gått"}, "Rapport"),
        # a title that starts with it names the page wherever it is filed, with its own crumb ending the trail
        (
            {
                "crumbs": ("Startsida", "Om verket", "Årsredovisning 2025"),
                "h1": "Årsredovisning 2025: Hållbar regional utveckling",
            },
            "Rapport",
        ),
        ({"h1": "Verksamhetsberättelse 2025", "lead": "Året i korthet."}, "Rapport"),
        ({"url": "https://verket.se/om-oss/x.html", "h1": "Så läser du en årsredovisning"}, "Om oss"),
        # a headline about it is no title of it: its crumb names the news (review S4: it was a Rapport)
        ({"crumbs": ("Start", "Om kommunen", "Nyheter"), "h1": "Årsredovisningen visar ett överskott"}, "Nyhet"),
        ({"crumbs": ("Start", "Nyheter"), "h1": "Verksamhetsberättelsen lyfter fram skolan"}, "Nyhet"),
        ({"crumbs": ("Start", "Om kommunen"), "h1": "Årsredovisning för 2024/25"}, "Rapport"),
        # the organisation's other pages stay its own
        ({"url": "https://verket.se/om-oss/organisation/ledning.html", "h1": "Ledning"}, "Om oss"),
        ({"url": "https://verket.se/om-oss/ekonomi/budget.html", "h1": "Budget"}, "Om oss"),
    ],
)
def test_an_annual_report_is_a_report_wherever_the_organisation_files_it(evidence, kind):
    assert kind_of(**evidence) == kind, f"{evidence}"


def post(categories: str, sidebar: str = "", url: str = "https://natverket.se/2026/02/ny-butik-i-byn/") -> str:
    """A blog's post (WordPress-like: no breadcrumbs, a date in its address) with ``categories`` in its footer."""
    return (
        f'<html lang="sv"><head><title>Ny butik i byn – Nätverket</title><link rel="canonical" href="{url}"></head>'
        '<body><main><article><header><h1>Ny butik i byn</h1><span class="posted-on">Publicerat '
        '<time class="entry-date published" datetime="2026-02-11">2026-02-11</time></span></header>'
        "<div><p>Byn har fått en ny butik med post och apotek.</p><h2>Så gick det till</h2>"
        f"<p>Föreningen tog över lokalen.</p></div><footer>{categories}</footer></article></main>{sidebar}"
        "</body></html>"
    )


CATEGORY_WIDGET = (
    '<aside><section class="widget widget_categories"><h2>Kategorier</h2><ul>'
    '<li class="cat-item"><a href="/kategori/evenemang/">Evenemang</a></li>'
    '<li class="cat-item"><a href="/kategori/nyheter/">Nyheter</a></li></ul></section></aside>'
)


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        # the category a post is filed in says what it is, as a crumb would ("Publicerat i Nyheter")
        (post('<span class="cat-links">Publicerat i <a href="/kategori/nyheter/">Nyheter</a></span>'), "Nyhet"),
        (post('Kategori: <a href="/category/nyheter/" rel="category tag">Nyheter</a>'), "Nyhet"),
        (post('<ul class="post-categories"><li><a href="/c/aktuellt/">Aktuellt</a></li></ul>'), "Nyhet"),
        (post('<span class="cat-links"><a href="/kategori/evenemang/">Evenemang</a></span>'), "Evenemang"),
        (
            post('<span class="cat-links"><a href="/k/medlemmar/">Medlemmar</a>, <a href="/k/nyheter/">Nyheter</a>'),
            "Nyhet",
        ),
        # a category that names no kind, or none at all, says nothing; nor does a sidebar of every category
        (
            post(
                '<span class="cat-links">Publicerat i <a href="/kategori/okategoriserade/">Okategoriserade</a></span>'
            ),
            None,
        ),
        (post("", CATEGORY_WIDGET), None),
        # a breadcrumb trail is read first
        (
            post('<span class="cat-links"><a href="/k/nyheter/">Nyheter</a></span>').replace(
                "<main>", '<main><nav class="breadcrumb"><ol><li>Start</li><li>Evenemang</li></ol></nav>'
            ),
            "Evenemang",
        ),
    ],
)
def test_a_posts_category_names_its_kind_as_a_crumb_does(html, kind):
    assert page_kind(parse_page(html, "p.html"), default_rules()) == kind, html[-300:]


def test_a_posts_category_line_is_no_text_of_its_own():
    page = parse_page(post('<span class="cat-links">Publicerat i <a href="/k/nyheter/">Nyheter</a></span>'), "p.html")
    assert "Nyheter" not in " ".join(section.text for section in page.sections), "the category line is chrome"
