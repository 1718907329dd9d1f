"""A press-release hub's page and the lines around a page's title: what a visitor reads is the release.

A hub writes no <main>: the release stands in an <article> beside a consent banner, other releases and a
signup box, and ends with the publisher's boilerplate ("Om Region X"). A meta line above the <h1> is no
section, and a section is never titled with the site's name from <title>. Date labels say what they are
said of ("Artikeln publicerades", "Sidan senast ändrad").
"""

from pathlib import Path

import pytest

from indexer.parse import parse_page

from .conftest import client_for

PUBLISHER = '<meta name="author" content="Region Norrvik">'


def page(body: str, head: str = PUBLISHER, title: str = "Nya busslinjer | Region Norrvik") -> str:
    return f'<html lang="sv"><head><title>{title}</title>{head}</head><body>{body}</body></html>'


def sections(html: str, path: str = "press.example.se/nya-busslinjer.html") -> list[tuple[str, str]]:
    return [(s.title, s.text) for s in parse_page(html, path).sections]


ONETRUST = (
    '<div id="onetrust-banner-sdk"><p>När du klickar på "Godta alla" lagras kakor på din enhet.</p>'
    "<button>Godta alla</button><button>Inställningar</button></div>"
)
SUBSCRIBE = (
    '<div class="box"><h2>Prenumerera</h2><p>Få regionens pressmeddelanden med e-post.</p>'
    '<form><input type="email" placeholder="Din e-post"><button>Prenumerera</button></form></div>'
)
MORE = "".join(
    f'<div class="teaser"><h3><a href="/pressmeddelande/{n}">Annat pressmeddelande {n}</a></h3><p>Kort.</p></div>'
    for n in range(3)
)
RELEASE = (
    '<div class="meta"><span>Pressmeddelande</span> · <time>2026-03-02</time> · '
    '<a href="/region-norrvik">Region Norrvik</a></div>'
    "<h1>Nya busslinjer mellan Åby och Norrvik</h1>"
    "<p>Från augusti går bussen varje halvtimme mellan Åby och Norrvik, och två nya linjer börjar trafikera "
    "industriområdet. Resenärerna har länge efterfrågat tätare turer i rusningstid.</p>"
    "<h2>Om Region Norrvik</h2><p>Regionen ansvarar för vård, kollektivtrafik och kultur i länet.</p>"
    "<h2>Kontaktpersoner</h2><p>Presstjänsten, 010-100 00 00</p>"
)


def hub(article: str = '<article class="release">', end: str = "</article>") -> str:
    """A hub's page: the release in ``article``, a consent banner, other releases and a signup box beside it."""
    return (
        f'{ONETRUST}<header class="topbar"><a href="/">Pressrummet</a></header>'
        f'<div class="page">{article}{RELEASE}{end}<section class="more"><h2>Fler pressmeddelanden</h2>{MORE}'
        f'</section>{SUBSCRIBE}<div class="about"><p>Pressrummet publicerar myndigheters och regioners '
        "pressmeddelanden.</p></div></div><footer>Pressrummet AB</footer>"
    )


HUB = hub()


@pytest.mark.parametrize(
    "article",
    [
        '<article class="release">',
        '<div class="release" role="article">',
        '<div class="release" itemscope itemtype="https://schema.org/NewsArticle">',
        '<div class="post" itemscope itemtype="http://schema.org/BlogPosting">',
    ],
)
def test_a_release_on_a_hub_page_is_read_from_its_article(article):
    html = page(hub(article, "</article>" if article.startswith("<article") else "</div>"))
    assert [title for title, _ in sections(html)] == ["Nya busslinjer mellan Åby och Norrvik", "Kontaktpersoner"]
    assert "Pressrummet" not in "\n".join(text for _, text in sections(html)), "the hub's own text is not read"


@pytest.mark.parametrize(
    ("word", "where"),
    [
        ("kakor", "the consent banner"),
        ("Prenumerera", "the signup box"),
        ("ansvarar för vård", "the publisher's boilerplate"),
        ("Pressmeddelande", "the meta line above the <h1>"),
        ("Annat pressmeddelande", "the other releases"),
        ("Pressrummet", "the hub's own text"),
        ("Region Norrvik", "the <title>'s site name"),
    ],
)
def test_a_release_hub_page_reads_none_of_its_chrome(word, where):
    read = "\n".join(f"{title}\n{text}" for title, text in sections(page(HUB)))
    assert word not in read, f"{where} is not read"


def test_the_boilerplate_is_no_hit_for_what_the_publisher_does(tmp_path: Path):
    client = client_for(tmp_path, {"press.example.se/nya-busslinjer.html": page(HUB)})
    hits = client.get("/api/search?q=kultur").get_json()["results"]
    assert hits == [], "'kultur' stands only in the boilerplate"


def test_an_article_holding_little_of_the_page_is_not_the_content():
    body = "<article><h1>Stadsutveckling</h1></article><div><p>Kommunen planerar nya kvarter vid ån.</p></div>"
    assert sections(page(body)) == [("Stadsutveckling", "Kommunen planerar nya kvarter vid ån.")], "the whole page"


INTRO = "Kommunen bygger ett nytt resecentrum vid stationen. " * 12
BLOCK = "Ansökan görs i e-tjänsten senast den 1 mars och handläggs inom sex veckor. " * 5


@pytest.mark.parametrize(
    ("article", "end"),
    [
        ('<article class="intro">', "</article>"),
        ('<div class="intro" itemscope itemtype="https://schema.org/Article">', "</div>"),
    ],
    ids=["<article>", "schema.org Article"],
)
def test_an_article_with_the_title_and_intro_leaves_the_blocks_beside_it_read(article, end):
    body = (
        f'<header><nav><a href="/">Start</a></nav></header>{article}<h1>Nytt resecentrum</h1><p>{INTRO}</p>{end}'
        f'<section class="block"><h2>Så söker du bidrag</h2><p>{BLOCK}</p></section><footer><p>Kommunen</p></footer>'
    )
    titles = [title for title, _ in sections(page(body))]
    assert titles == ["Nytt resecentrum", "Så söker du bidrag"], "the block beside the article is read"


# -- Consent banners ------------------------------------------------------------------------------------------

BANNERS = {
    "OneTrust": ONETRUST,
    "Cookiebot": '<div id="CybotCookiebotDialog"><h2>Den här webbplatsen använder kakor</h2>'
    "<p>Vi använder dem för statistik.</p><button>Tillåt urval</button></div>",
    "CookieYes": '<div class="cky-consent-container"><p>Vi värnar om din integritet.</p><button>Anpassa</button></div>',
    "Complianz": '<div id="cmplz-cookiebanner-container"><p>Vi värnar om din integritet.</p></div>',
    "a banner no platform names": '<div class="notice-bar"><p>Vi använder cookies för att webbplatsen ska fungera '
    "och för statistik.</p><a href='#' role='button'>Acceptera alla</a> <a href='/kakor'>Läs mer om kakor</a></div>",
    "a banner with a title": '<div class="x"><h3>Kakor på webbplatsen</h3><p>Vi använder kakor.</p>'
    "<button>Godkänn</button><button>Endast nödvändiga</button></div>",
    "a banner that asks, with a second button": '<div class="x"><h3>Får vi använda kakor?</h3>'
    "<p>Vi använder kakor för statistik.</p><button>Tillåt</button><button>Neka</button></div>",
}


@pytest.mark.parametrize("banner", BANNERS.values(), ids=BANNERS.keys())
def test_a_consent_banner_inside_the_content_is_not_read(banner):
    html = page(f"<main><h1>Rubrik</h1><p>Innehåll.</p>{banner}</main>")
    assert sections(html) == [("Rubrik", "Innehåll.")], "the banner is left out"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        (
            "<p>Vi använder kakor för statistik.</p><button>Ändra inställningar</button>",
            "Vi använder kakor för statistik.",
        ),
        (
            "<p>Kakor är små textfiler.</p><p>Godkänn gärna kakor, det hjälper oss.</p>",
            "Kakor är små textfiler.\nGodkänn gärna kakor, det hjälper oss.",
        ),
        (
            "<p>Stödet kräver samtycke från fastighetsägaren.</p><p><a href='/ansok'>Ansök</a></p>",
            "Stödet kräver samtycke från fastighetsägaren.\nAnsök",
        ),
    ],
    ids=["a cookie policy's settings button", "accepting in a sentence", "a consent in the text"],
)
def test_text_about_cookies_without_an_accepting_button_stays(html, text):
    assert sections(page(f"<main><h1>Om kakor</h1>{html}</main>")) == [("Om kakor", text)], "the text is read"


FAQ_ANSWER = "<p>När du ansöker i e-tjänsten ber vi om ditt samtycke till att vi sparar dina kontaktuppgifter.</p>"


@pytest.mark.parametrize(
    "control",
    [
        '<a href="/e-tjanst">Godkänn villkoren i e-tjänsten</a>',  # a link to another page
        "<button>Godkänn villkoren</button>",  # a button, but under a question: an FAQ's item
    ],
)
def test_an_faq_answer_on_consent_with_an_accepting_control_stays(control):
    item = f'<div class="faq-item"><h2>Hur ger jag mitt samtycke?</h2>{FAQ_ANSWER}{control}</div>'
    body = f"<main><h1>Personuppgifter</h1><p>Så behandlar vi dem.</p>{item}<h2>Lagring</h2><p>Tio år.</p></main>"
    titles = [title for title, _ in sections(page(body))]
    assert titles == ["Personuppgifter", "Hur ger jag mitt samtycke?", "Lagring"], "the FAQ's item is read"


# -- Signup boxes ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    ['<input type="email">', '<input type="text" name="EMAIL">', '<input type="text" autocomplete="email">'],
)
def test_a_signup_box_inside_the_content_is_not_read(field):
    box = f"<div><h2>Nyhetsbrev</h2><p>Få nyheter om stöden.</p><form>{field}<button>Skicka</button></form></div>"
    assert sections(page(f"<main><h1>Rubrik</h1><p>Innehåll.</p>{box}</main>")) == [("Rubrik", "Innehåll.")], field


@pytest.mark.parametrize(
    ("heading", "fields", "kept"),
    [
        ("Anmälan", '<input name="namn"><input type="email" name="epost">', True),  # an event's registration
        ("Anmälan", '<input name="namn"><input type="email"><input type="checkbox" name="samtycke">', True),
        ("Nyhetsbrev", '<input name="namn"><input type="email">', False),  # says it is a subscription
        ("Håll dig uppdaterad", '<input type="email"><input type="hidden" name="lista">', False),  # the address alone
    ],
)
def test_a_registration_form_leaves_its_section(heading, fields, kept):
    box = f"<section><h2>{heading}</h2><p>Senast den 3 maj.</p><form>{fields}<button>Skicka</button></form></section>"
    read = sections(page(f"<main><h1>Seminarium</h1><p>Om staden.</p>{box}<h2>Program</h2><p>Kl 9.</p></main>"))
    assert ((heading, "Senast den 3 maj.") in read) is kept, f"the section around the form kept: {kept}"
    assert read[-1] == ("Program", "Kl 9."), "the section after it stays"


def test_a_contact_form_with_its_lead_stays():
    box = (
        "<div><h2>Kontakta oss</h2><p>Skriv till handläggaren om ditt projekt.</p>"
        '<form><input type="email"><textarea></textarea><button>Skicka</button></form></div>'
    )
    read = sections(page(f"<main><h1>Rubrik</h1><p>Innehåll.</p>{box}</main>"))
    assert read[-1] == ("Kontakta oss", "Skriv till handläggaren om ditt projekt."), "a message form is no signup"


def test_a_signup_page_keeps_its_own_text():
    body = '<main><h1>Nyhetsbrev</h1><p>Få nyheter om stöden.</p><form><input type="email"></form></main>'
    assert sections(page(body)) == [("Nyhetsbrev", "Få nyheter om stöden.")], "the page's own <h1> and lead"


# -- The publisher's boilerplate --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "title", "h1", "kept"),
    [
        (PUBLISHER, "Nyhet", "Nya busslinjer", False),
        ("", "Nya busslinjer | Region Norrvik", "Nya busslinjer", False),  # the <title>'s site name
        ('<meta property="og:site_name" content="REGION NORRVIK">', "Nyhet", "Nya busslinjer", False),
        (PUBLISHER, "Nyhet", "Region Norrvik i korthet", True),  # the publisher's own page
        ('<meta name="author" content="Interreg Norr">', "Nyhet", "Nya busslinjer", True),  # another organisation
        ("", "Nyhet", "Nya busslinjer", True),  # no publisher named
    ],
)
def test_the_publishers_boilerplate_is_left_out_of_a_page_about_something_else(head, title, h1, kept):
    body = (
        f"<main><h1>{h1}</h1><p>Text om linjerna.</p><h2>Om Region Norrvik</h2><p>Regionen ansvarar för vård.</p>"
        "<h3>Styrelsen</h3><p>Regionstyrelsen leder arbetet.</p><h2>Kontakt</h2><p>Presstjänsten.</p></main>"
    )
    titles = [title for title, _ in sections(page(body, head, title))]
    assert ("Om Region Norrvik" in titles) is kept, f"the boilerplate's heading kept: {kept}"
    on_its_own_site = [title for title, _ in sections(page(body, head, title), "regionnorrvik.se/nya-busslinjer.html")]
    assert "Om Region Norrvik" in on_its_own_site, "on the publisher's own site it is content (reviewer5 S4)"
    assert ("Styrelsen" in titles) is kept, f"the section under it kept: {kept}"
    assert "Kontakt" in titles, "the section after it stays"


# -- Text above the <h1> ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        '<p class="date">Artikeln publicerades 12 februari 2026</p>',
        '<p class="kicker">Nyhet</p>',
        "<div><span>Pressmeddelande</span> · <span>2026-11-03</span> · <a href='/r'>Region Norrvik</a></div>",
        '<ul class="tags"><li>Kollektivtrafik</li><li>Regional utveckling</li></ul>',
    ],
)
def test_a_meta_line_above_the_h1_is_no_section(line):
    html = page(f"<main><article>{line}<h1>Nya busslinjer</h1><p>Text om linjerna.</p></article></main>")
    assert sections(html) == [("Nya busslinjer", "Text om linjerna.")], "only the release"


@pytest.mark.parametrize(
    "lead",
    [
        ("Bussarna går tätare från augusti, och resenärerna i hela länet får fler avgångar. " * 3).strip(),
        "Från den 1 juni går en ny busslinje mellan Växjö och Alvesta varje halvtimme.",  # short: a sentence still
    ],
)
def test_a_sentence_above_the_h1_opens_its_section(lead):
    html = page(f"<main><p class='ingress'>{lead}</p><h1>Nya busslinjer</h1><p>Text om linjerna.</p></main>")
    assert sections(html) == [("Nya busslinjer", f"{lead}\nText om linjerna.")], "the text is the lead's"


@pytest.mark.parametrize(
    ("title", "path", "head", "section"),
    [
        ("Stöd till städer - eufonder.se", "eufonder.se/a.html", "", "Stöd till städer"),  # names the host
        ("Stöd till städer | Region Norrvik", "x.se/a.html", PUBLISHER, "Stöd till städer"),  # the publisher
        ("Stöd till städer – Frågor och svar", "x.se/a.html", "", "Stöd till städer – Frågor och svar"),  # its own
    ],
)
def test_text_before_any_heading_is_titled_without_the_sites_name(title, path, head, section):
    html = page("<main><p>Kommunerna kan söka stöd.</p><h2>Villkor</h2><p>Text.</p></main>", head, title)
    assert sections(html, path)[0] == (section, "Kommunerna kan söka stöd."), title


# -- Date labels ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ('<p class="date">Artikeln publicerades 12 februari 2026</p>', "2026-02-12", None),
        ('<footer class="entry-footer"><span>Sidan senast ändrad 2026-05-14</span></footer>', None, "2026-05-14"),
        ("<p>Nyheten publicerades 3 mars 2026. Sidan uppdaterades 5 mars 2026</p>", "2026-03-03", "2026-03-05"),
        ("<p>Först publicerad: 2025-01-10</p>", "2025-01-10", None),
        ("<p>Innehållet granskades 2026-08-20</p>", None, "2026-08-20"),
    ],
)
def test_a_date_label_may_say_what_it_is_said_of(line, published, updated):
    parsed = parse_page(page(f"<main><h1>Rubrik</h1>{line}<p>Text.</p></main>"), "p.html")
    assert parsed.published == published, "published"
    assert parsed.updated == updated, "updated"
    assert [section.text for section in parsed.sections] == ["Text."], "the date line is left out of the text"
