"""The search page in a real browser: Debian's Chromium driven by Playwright, the
production server as a process, axe-core (shipped in the axe-playwright-python
package) checking WCAG 2.1 AA. Screenshots go to artifacts/screenshots/.

Skipped, with the reason shown, where Chromium is not installed
(``apt-get install chromium``; .ci/run installs it)."""

from __future__ import annotations

import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from testkit.server import REPO, serving_corpus

from .conftest import REAL_CORPUS

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed: browser tests skipped (apt-get install chromium)"
)
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


#: The editors' key, so that /insikter is served and its pages can be checked too.
INSIGHTS_TOKEN = "nyckel-for-webblasartesterna"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = {"FLASK_INSIGHTS_TOKEN": INSIGHTS_TOKEN}
    with serving_corpus(REAL_CORPUS, tmp_path_factory.mktemp("browser"), env=env) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


#: The sizes the page is checked at: the most common phone (CSS pixels) and a laptop.
SIZES = {"telefon": {"width": 390, "height": 844}, "dator": {"width": 1280, "height": 800}}


@contextmanager
def opened(browser, size: str, javascript: bool = True):
    context = browser.new_context(locale="sv-SE", viewport=SIZES[size], java_script_enabled=javascript)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with opened(browser, "dator") as page:
        yield page


@pytest.fixture
def phone(browser):
    with opened(browser, "telefon") as page:
        yield page


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def status_text(page) -> str:
    return page.locator("[role=status].result-count").inner_text()


def test_typing_a_query_shows_highlighted_results(server, page):
    page.goto(server + "/")
    page.fill("#q", "höghastighetsjärnväg")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q="))
    first = page.locator("li.hit").first
    assert first.locator("h2 a").inner_text() == "Jönköpings kommun"
    assert first.locator("mark").first.inner_text() == "höghastighetsjärnväg"
    assert page.title().startswith("höghastighetsjärnväg")
    screenshot(page, "resultat")


def test_ticking_two_lan_shows_either_and_keeps_the_other_counts(server, page):
    page.goto(server + "/")
    page.get_by_label("Skåne län (4)").check()
    page.get_by_label("Blekinge län (1)").check()
    page.get_by_role("button", name="Visa resultat").click()
    page.wait_for_url(re.compile("region="))
    assert status_text(page).startswith("5 träffar")
    assert page.get_by_label("Skåne län (4)").is_checked(), "Skåne stays chosen"
    assert page.get_by_label("Blekinge län (1)").is_checked(), "Blekinge stays chosen"
    assert page.get_by_label("Hallands län (1)").is_visible()  # the other län keep their counts
    assert page.locator(".selected-filters li").count() == 2
    screenshot(page, "filtrerad")


def test_choosing_a_lan_on_the_map_with_the_keyboard_filters(server, page):
    page.goto(server + "/")
    county = page.locator('a.county[aria-label^="Västernorrlands län"]')
    county.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("region=V"))
    assert status_text(page).startswith("1 träff")
    assert page.locator("li.hit h2 a").inner_text() == "Sundsvalls kommun"
    assert "selected" in page.locator('a.county[aria-label^="Västernorrlands län"]').get_attribute("class")


def test_following_the_corrected_words_runs_their_search(server, page):
    page.goto(server + "/?q=sundsval")
    suggestion = page.locator(".suggestion a.corrected")
    assert suggestion.locator("strong").inner_text() == "sundsvall"
    suggestion.click()
    page.wait_for_url(re.compile(r"q=sundsvall$"))
    assert page.locator("li.hit h2 a").first.inner_text() == "Sundsvalls kommun"


def test_suggestions_are_chosen_with_the_keyboard(server, page):
    from playwright.sync_api import expect

    page.goto(server + "/")
    field = page.locator("#q")
    field.press_sequentially("hamn lo", delay=40)
    listbox = page.get_by_role("listbox", name="Förslag")
    listbox.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    expect(options.filter(has_not_text=re.compile(r"^hamn l[oö]"))).to_have_count(0)  # not a stale list
    assert options.count() >= 2
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    chosen = options.nth(1)
    assert field.get_attribute("aria-activedescendant") == chosen.get_attribute("id")
    expected = chosen.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q="))
    assert page.locator("#q").input_value() == expected


def test_the_search_works_without_javascript(server, browser):
    with opened(browser, "dator", javascript=False) as page:
        page.goto(server + "/")
        page.fill("#q", "hamn")
        page.get_by_role("button", name="Sök").click()
        page.wait_for_url(re.compile("q=hamn"))
        assert page.locator("li.hit h2 a").first.inner_text() == "Trelleborgs kommun"
        assert page.locator("#q").get_attribute("role") is None, "no combobox without the script"
        assert page.get_by_label("Skåne län (1)").is_visible(), "wide screens show the filters without a click"


def test_opening_a_result_shows_the_section_page(server, page):
    page.goto(server + "/?q=järnväg")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile("/avsnitt/"))
    assert page.locator("h1").inner_text() == "Jönköpings kommun"
    assert page.locator(".section-text mark").first.inner_text() == "höghastighetsjärnväg"
    assert page.get_by_role("heading", name="Liknande projekt").is_visible()
    screenshot(page, "avsnitt")


def test_on_a_phone_the_first_result_is_on_the_first_screen_and_the_filters_are_one_tap_away(server, phone):
    phone.goto(server + "/?q=bostad")
    title = phone.locator("li.hit h2 a").first.bounding_box()
    assert title["y"] + title["height"] <= SIZES["telefon"]["height"], f"first result's title at {title}"
    assert phone.locator("details.filters > summary").is_visible()
    assert not phone.locator("fieldset.facet").first.is_visible(), "the filters wait behind Filtrera"
    screenshot(phone, "telefon-resultat")
    phone.locator("details.filters > summary").click()
    map_width = phone.locator("figure.map svg").bounding_box()["width"]
    assert map_width <= SIZES["telefon"]["width"] / 2, f"the map scales down on a phone: {map_width} px"


def test_on_a_wide_screen_the_filters_stand_beside_the_results(server, page):
    page.goto(server + "/?q=bostad")
    filters, results = page.locator(".filters-panel").bounding_box(), page.locator("#resultat").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"], "the filter panel is left of the results"
    assert not page.locator("details.filters > summary").is_visible(), "no toggle where there is room"
    assert page.get_by_role("checkbox", name="Skåne län (3)").is_visible(), "in reach of screen readers too"


#: Roles that name a part of the page, not a control: a landmark (the filters' region is named "Filtrera" too).
LANDMARKS = ("main", "region", "complementary", "navigation", "search")
NOT_CONTROLS = (*LANDMARKS, "heading")


def announced(page, name: str) -> dict:
    """How Chromium's accessibility tree, which screen readers read, presents the control named ``name``."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    node = next(
        n
        for n in nodes
        if n.get("name", {}).get("value") == name and not n.get("ignored") and n["role"]["value"] not in NOT_CONTROLS
    )
    properties = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
    return {
        "role": node["role"]["value"],
        "expanded": properties.get("expanded"),
        "focused": properties.get("focused", False),
    }


def outline(page) -> list[tuple[str, str]]:
    """The headings (``h1``, ``h2``, …) and landmarks a screen reader lists, in page order, by name."""
    nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    found = []
    for node in nodes:
        role, name = node.get("role", {}).get("value"), node.get("name", {}).get("value", "")
        if node.get("ignored") or role not in NOT_CONTROLS:
            continue
        level = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}.get("level")
        found.append((f"h{level}" if role == "heading" else role, name))
    return found


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_h1_comes_first_and_the_filters_are_a_landmark_named_once(server, browser, size):
    with opened(browser, size) as page:
        page.goto(server + "/?q=bostad")
        toggle = page.locator("details.filters > summary")
        wide = not toggle.is_visible()
        if not wide:
            toggle.click()  # the filters opened: the button already says "Filtrera"
        found = outline(page)
    headings = [entry for entry in found if entry[0].startswith("h")]
    assert headings[0] == ("h1", "Sökresultat"), f"the page's h1 is its first heading: {headings[:3]}"
    assert ("region", "Filtrera") in found, f"the filters are a landmark: {found[:6]}"
    assert found.index(("main", "")) < found.index(("region", "Filtrera")), "inside main, after its h1"
    assert wide == (size == "dator"), "the toggle is shown on the phone only"
    assert (("h2", "Filtrera") in headings) == wide, "a Filtrera heading where no Filtrera button stands above it"


def focus_next(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "utan-js"])
def test_on_a_phone_the_filters_open_and_apply_with_the_keyboard(server, browser, javascript):
    with opened(browser, "telefon", javascript) as phone:
        phone.goto(server + "/?q=bostad")
        phone.locator("#q").focus()
        focus_next(phone, "details.filters > summary", limit=2)  # right after the search button
        summary = phone.locator("details.filters > summary")
        assert summary.inner_text() == "Filtrera"
        closed = {"role": "DisclosureTriangle", "expanded": False, "focused": True}
        assert announced(phone, "Filtrera") == closed, "a focused disclosure, announced as collapsed"
        phone.keyboard.press("Enter")
        assert announced(phone, "Filtrera") == {**closed, "expanded": True}, "announced as expanded"
        focus_next(phone, "fieldset.facet input[name=region]")
        county = phone.evaluate("document.activeElement.value")
        phone.keyboard.press("Space")
        focus_next(phone, "button.apply-filters")
        screenshot(phone, f"telefon-filter-{'js' if javascript else 'utan-js'}")
        phone.keyboard.press("Enter")
        phone.wait_for_url(re.compile("region="))
        regions = set(phone.locator("li.hit .region").all_inner_texts())
        assert regions == {county}, f"every hit is in {county}"
        assert phone.locator("details.filters > summary").inner_text() == "Filtrera (1 valt)"
        assert phone.locator(".selected-filters li").inner_text().startswith(f"Län: {county}")


AXE_PAGES = {
    "start": "/",
    "resultatsida": "/?q=hamn",
    "filtrerad-sida": "/?q=&region=Sk%C3%A5ne+l%C3%A4n&region=Blekinge+l%C3%A4n",
    "noll-traffar": "/?q=zebrafink",
    "avsnittssida": "/avsnitt/utveckla-svenska-stader/jonkopings-kommun?q=j%C3%A4rnv%C3%A4g",
    "tillganglighet": "/tillganglighet",
    "felsida": "/?q=" + "hamn " * 120,  # a 400 that keeps the form, its field marked invalid
}


@pytest.mark.parametrize("size", sorted(SIZES))
def test_pages_have_no_wcag_21_aa_violations(server, browser, size):
    """axe-core on every kind of page at both sizes; on the phone with the filters opened."""
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    with opened(browser, size) as page:
        for name, path in AXE_PAGES.items():
            page.goto(server + path)
            screenshot(page, f"{size}-{name}")
            toggle = page.locator("details.filters > summary")
            if toggle.count() and toggle.is_visible():
                toggle.click()
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
            found[name] = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
            ]
    assert found == {name: [] for name in AXE_PAGES}


#: Every kind of page, checked for sideways scrolling; the insights report is reached by logging in.
REFLOW_PAGES = {
    "resultatsida": "/?q=hamn",
    "noll-traffar": "/?q=zebrafink",
    "felsida": "/?q=hamn&page=noll",
    "for-lang-sokfraga": "/?q=" + "hamn " * 120,
    "langt-ord": "/?q=" + "x" * 200,  # one word longer than the line, shown in the count and the title
    "avsnittssida": "/avsnitt/utveckla-svenska-stader/jonkopings-kommun?q=j%C3%A4rnv%C3%A4g",
    "insikter": "/insikter",
}
#: WCAG 1.4.10 Reflow: 320 CSS px wide, and 1280 px at 200% zoom (640 CSS px).
REFLOW_WIDTHS = {"320px": {"width": 320, "height": 640}, "1280px-200%": {"width": 640, "height": 400}}
WIDER_THAN_THE_WINDOW = """() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll("body *")]
        .filter(e => e.getBoundingClientRect().right > width + 0.5)
        .map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")).slice(0, 5);
}"""


def sideways(page) -> dict:
    """How far the page scrolls sideways, and the first elements that stick out of the window."""
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return {"by": width[0] - width[1], "elements": page.evaluate(WIDER_THAN_THE_WINDOW)}


@pytest.mark.parametrize("size", sorted(REFLOW_WIDTHS))
def test_no_page_scrolls_sideways_at_320_px_or_200_percent_zoom(server, browser, size):
    """axe cannot see this: the widths are measured in the browser, on each page and on the insights report."""
    context = browser.new_context(locale="sv-SE", viewport=REFLOW_WIDTHS[size])
    try:
        page, found = context.new_page(), {}
        for name, path in REFLOW_PAGES.items():
            page.goto(server + path)
            found[name] = sideways(page)
        page.fill("#token", INSIGHTS_TOKEN)
        page.get_by_role("button", name="Visa insikter").click()
        page.wait_for_selector("table.insights")
        found["insiktsrapport"] = sideways(page)
        screenshot(page, f"reflow-{size}-insiktsrapport")
    finally:
        context.close()
    wide = {name: width for name, width in found.items() if width["by"] > 0}
    assert wide == {}, f"pages that scroll sideways at {REFLOW_WIDTHS[size]['width']} CSS px: {wide}"
