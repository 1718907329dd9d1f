"""The parser splits a page into sections by its headings."""

import pytest

from indexer.parse import find_contact, parse_page, slugify


def sections_of(body: str):
    html = f'<html lang="sv"><head><title>T</title></head><body><main>{body}</main></body></html>'
    return [(s.level, s.anchor, s.title, s.text, s.group) for s in parse_page(html, "p.html").sections]


def test_each_section_heading_with_text_is_a_section_and_h4_stays_inside():
    assert sections_of(
        '<h1 id="start">Start</h1><p>Ingress.</p>'
        '<h2 id="om">Om oss</h2><p>Text.</p>'
        '<h3 id="p1">Projekt ett</h3><p>Ett.</p><h4>Workshop</h4><p>Mer om ett.</p>'
    ) == [
        (1, "start", "Start", "Ingress.", None),
        (2, "om", "Om oss", "Text.", None),
        (3, "p1", "Projekt ett", "Ett.\nWorkshop\nMer om ett.", None),
    ]


def test_heading_without_text_groups_the_sections_under_it_until_the_next_heading_at_its_level():
    assert sections_of(
        "<h1>Start</h1><p>Ingress.</p><h2>Genomförda</h2><h3>A</h3><p>a</p><h3>B</h3><p>b</p><h2>Kontakt</h2><p>c</p>"
    ) == [
        (1, "start", "Start", "Ingress.", None),
        (3, "a", "A", "a", "Genomförda"),
        (3, "b", "B", "b", "Genomförda"),
        (2, "kontakt", "Kontakt", "c", None),
    ]


def faq(*questions: str, ids: bool = False) -> str:
    return "".join(
        f"<details{f' id=q{n}' if ids else ''}><summary>{q}</summary><p>Svar {n}.</p></details>"
        for n, q in enumerate(questions)
    )


@pytest.mark.parametrize(
    ("name", "body", "sections"),
    [
        (
            "under the page's h1",
            f"<h1>Frågor</h1><p>Vanliga frågor.</p><div class='accordion'>{faq('Får vi förskott?', 'När?')}</div>"
            "<h2>Ändringar</h2><p>Ansök först.</p>",
            [
                (1, "fragor", "Frågor", "Vanliga frågor.", None),
                (2, "far-vi-forskott", "Får vi förskott?", "Svar 0.", None),
                (2, "nar", "När?", "Svar 1.", None),
                (2, "andringar", "Ändringar", "Ansök först.", None),
            ],
        ),
        (
            "under an h2, with their own ids",
            f"<h1>Stöd</h1><p>Om stödet.</p><h2>Frågor och svar</h2>{faq('Vem kan söka?', 'Hur mycket?', ids=True)}",
            [
                (1, "stod", "Stöd", "Om stödet.", None),
                (3, "q0", "Vem kan söka?", "Svar 0.", "Frågor och svar"),
                (3, "q1", "Hur mycket?", "Svar 1.", "Frågor och svar"),
            ],
        ),
        (
            "a summary with nothing under it is text",
            "<h1>Stöd</h1><p>Om stödet.</p><details><summary>Visa mer</summary></details>",
            [(1, "stod", "Stöd", "Om stödet.\nVisa mer", None)],
        ),
    ],
)
def test_each_question_of_an_accordion_is_a_section_of_its_own(name, body, sections):
    assert sections_of(body) == sections, name


def test_a_table_row_is_one_line_its_cells_in_order():
    assert sections_of(
        "<h1>Projekt</h1><table><caption>Beviljat 2025</caption><thead><tr><th>Projekt</th><th>Län</th>"
        "<th>Kronor</th></tr></thead><tbody><tr><td>Glasriket</td><td>Kalmar län</td><td>3 300 000</td></tr>"
        "<tr><td><p>Trä</p><p>byggnad</p></td><td></td><td>9 500 000</td></tr></tbody></table>"
    ) == [
        (
            1,
            "projekt",
            "Projekt",
            "Beviljat 2025\nProjekt · Län · Kronor\nGlasriket · Kalmar län · 3 300 000\nTrä byggnad · 9 500 000",
            None,
        )
    ]


def test_blocks_inside_a_block_keep_their_words_apart():
    assert sections_of("<h1>Start</h1><ul><li><p>Ansök i maj</p><p>Svar i juni</p></li></ul>") == [
        (1, "start", "Start", "Ansök i maj\nSvar i juni", None)
    ]


def test_a_layout_table_keeps_the_sections_it_holds():
    assert sections_of(
        "<table><tr><td><h1>Start</h1><p>Ingress.</p></td></tr><tr><td><h2>Mål</h2><p>Fler jobb.</p></td></tr></table>"
    ) == [(1, "start", "Start", "Ingress.", None), (2, "mal", "Mål", "Fler jobb.", None)]


def test_lists_line_breaks_and_inline_links_keep_words_apart_but_sentences_whole():
    assert sections_of(
        '<h1>Start</h1><p>Läs <a href="/r">vår rapport</a> nu.</p><ul><li>Ett</li><li>Två<br>tre</li></ul>'
    ) == [(1, "start", "Start", "Läs vår rapport nu.\nEtt\nTvå\ntre", None)]


@pytest.mark.parametrize(
    "dropped",
    [
        "<script>alert(1)</script>",
        "<style>p {}</style>",
        "<nav>Meny</nav>",
        "<footer>Sidfot</footer>",
        '<span class="external-link-note">Länk till annan webbplats</span>',
        "<!-- en kommentar -->",
    ],
)
def test_chrome_code_and_hidden_notes_are_not_text(dropped):
    assert sections_of(f"<h1>Start</h1><p>Text{dropped}</p>") == [(1, "start", "Start", "Text", None)]


def test_page_reads_canonical_url_and_publisher():
    page = parse_page(
        '<html><head><link rel="canonical" href="https://ex.se/a.html">'
        '<meta name="author" content="Tillväxtverket"></head><body><h1>A</h1><p>b</p></body></html>',
        "a.html",
    )
    assert page.canonical_url == "https://ex.se/a.html", "canonical url"
    assert page.publisher == "Tillväxtverket", "publisher"
    assert len(page.sections) == 1, "number of sections"


def test_text_before_any_heading_belongs_to_a_section_named_by_the_page_title():
    assert sections_of("<p>Bara text.</p>") == [(1, "t", "T", "Bara text.", None)]


@pytest.mark.parametrize(
    ("title", "blocks", "contact"),
    [
        ("P", ["Text.", "Kontaktperson:\nSusanna Hjortenholt, telefon: 0709-84 52 79"], "Susanna Hjortenholt"),
        ("P", ["Kontaktperson:", "Fredrik af Winklerfelt, telefon: 0410-73 43 89"], "Fredrik af Winklerfelt"),
        ("P", ["Kontaktperson: Charlotte Lorentz Hjorth telefon: 070-829 14 34"], "Charlotte Lorentz Hjorth"),
        ("P", ["Kontaktperson", "Martin Södergårds telefon: 073-037 53 35"], "Martin Södergårds"),
        ("Kontakt", ["Isaac Karlsson\nE-post: fornamn.efternamn@tillvaxtverket.se"], "Isaac Karlsson"),
        ("P", ["Ingen kontakt här."], None),
        ("Kontakt", ["Anna von Platen, telefon: 010-123 45 67"], "Anna von Platen"),  # a particle in lower case
        ("Kontakt", ["Tillväxtverkets kontor i Malmö."], None),  # an office, no person
        ("Kontakt", ["Enheten för regional kapacitet, Tillväxtverket."], None),  # a unit
        ("Kontakt", ["Handläggare landsbygdsstöd\nTelefon: 010-224 00 00"], None),  # a role
        ("P", ["Kontaktperson: Regionens kontor i Visby"], None),
        ("Kontakt", ["Sara Ek projektledare\nTelefon: 0410-73 30 00"], "Sara Ek"),  # cut at the role (review M3)
        ("Kontakt", ["Sara Ek (projektledare), 0410-73 30 00"], "Sara Ek"),
        ("Kontakt", ["Sara Ek på stadsbyggnadskontoret, 0410-73 30 00"], "Sara Ek"),
        ("Kontakt", ["Anna Svensson och Per Berg, 010-123 45 67"], "Anna Svensson"),
        ("Kontakt", ["Region Västerbotten\nTelefon: 090-16 00 00"], None),  # an organisation, no person
        ("Kontakt", ["Tillväxtverket Stockholm, 08-681 91 00"], None),
        ("Kontakt", ["Kundtjänst Växjö Kommun, 0470-410 00"], None),
        ("Kontakt", ["Enheten av Regional Utveckling, 010-123 45 67"], None),  # "av" is a word, no name particle
    ],
)
def test_contact_person_is_found_in_the_ways_editors_write_it(title, blocks, contact):
    assert find_contact(title, blocks) == contact, "the person the contact line names, and only a person"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Jönköpings kommun", "jonkopings-kommun"),
        ("Västa Götalandsregionen", "vasta-gotalandsregionen"),
        ("  Ta del av fem kunskapsprojekt! ", "ta-del-av-fem-kunskapsprojekt"),
    ],
)
def test_slugs_are_ascii(text, slug):
    assert slugify(text) == slug
