"""The report page of issue 13 in real headless Chromium (Debian's /usr/bin/chromium via
Playwright) on a real server, at 375 and 1280 px, for six seven-ingredient lists: a
platelet lysate, a stem-cell medium, a fibroblast medium (the source of most concern),
a plant vesicle, a list with no EV ingredient, and a name that claims a rose source
the list does not hold.

For each: the summary card comes first; a legal chip comes before any grade; every
<details> is folded (and opens for print); the 1% line is drawn before the first
marker with the "1% or less" zone after it; the claims check names a mismatch.
Full-page screenshots go to artifacts/screenshots/report-<list>-<width>.png.
"""

import re

import pytest

from .conftest import SHOTS

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 375, "laptop": 1280}

LISTS = {
    "platelet": (
        "Platelet Renewal Serum",
        "Water, Glycerin, Human Platelet Lysate, Niacinamide, Sodium Hyaluronate, "
        "Phenoxyethanol, Ethylhexylglycerin",
    ),
    "stem-cell": (
        "",
        "Water, Butylene Glycol, Human Adipose Stromal Cell Conditioned Media, Glycerin, "
        "Niacinamide, Phenoxyethanol, Ethylhexylglycerin",
    ),
    "senescent-risk": (
        "Fibroblast Repair Cream",
        "Water, Human Fibroblast Conditioned Media, Glycerin, Butylene Glycol, Panthenol, "
        "Phenoxyethanol, Ethylhexylglycerin",
    ),
    "plant": (
        "Rose Glow Essence",
        "Water, Glycerin, Rosa Damascena Callus Extracellular Vesicles, Panthenol, "
        "Allantoin, Phenoxyethanol, Ethylhexylglycerin",
    ),
    "no-ev": (
        "Daily Moisture Gel",
        "Aqua, Glycerin, Niacinamide, Panthenol, Sodium Hyaluronate, Phenoxyethanol, "
        "Ethylhexylglycerin",
    ),
    "rose-claim": (
        "Rose Stem Cell Exosome Serum",
        "Water, Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media, Glycerin, "
        "Rosa Damascena Callus Culture Extract, Niacinamide, Phenoxyethanol, "
        "Ethylhexylglycerin",
    ),
}

#: The folded report of a seven-ingredient list should fit about two phone screens
#: (issue 13; it took about eleven before). A phone screen here: 375 x 812 px. Measured
#: on 2026-12-06: 1,508 px (no EV) to 3,129 px (the rose claim, with its three claim
#: findings); the bound below is four screens, so a regression to the unfolded page
#: (about 9,000 px) fails.
PHONE_SCREEN = 812
MAX_SCREENS = 4


@pytest.fixture
def server(app, serve) -> str:
    return serve(app)


def _page(browser, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return context, page, problems


def _paste(page, server: str, name: str, text: str) -> None:
    page.goto(server + "/")
    page.get_by_label("Ingredient list").fill(text)
    if name:
        page.get_by_label("Product name (optional)").fill(name)
    page.get_by_role("button", name="Check this list").click()
    page.wait_for_url("**/r/*")


def _before(page, first: str, second: str) -> bool:
    """Whether the first element matching ``first`` precedes the first matching
    ``second`` in document order."""
    return page.evaluate(
        """([a, b]) => {
            const x = document.querySelector(a), y = document.querySelector(b);
            return !!(x && y && (x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING));
        }""",
        [first, second],
    )


@pytest.mark.parametrize("device", list(WIDTHS))
@pytest.mark.parametrize("which", list(LISTS))
def test_the_report_opens_with_the_summary_and_folds_the_detail(server, browser, which, device):
    width = WIDTHS[device]
    name, text = LISTS[which]
    context, page, problems = _page(browser, width)
    try:
        _paste(page, server, name, text)
        analysis = page.request.get(page.url + ".json").json()
        summary = analysis["summary"]

        # Title and heading name the product, else the first EV ingredient.
        first_ev = (analysis["ev_ingredients"] or [{}])[0].get("printed")
        expected = name or f"List with {first_ev} …"
        assert page.locator("h1").inner_text().strip() == expected
        assert page.title().startswith(expected)

        # The summary card is the first thing under the heading, and the highest box.
        order = page.evaluate(
            "[...document.querySelector('main').children].map(e => e.id || e.tagName)"
        )
        assert order[:3] == ["P", "H1", "summary"], order
        card_box = page.locator("#summary").bounding_box()
        for other in ("#verdict-heading", "figure.strip-figure", "#whole-list"):
            assert card_box["y"] < page.locator(other).bounding_box()["y"], other
        lines = page.locator("#summary .summary-lines > li")
        assert lines.count() == 3
        assert summary["contents"]["text"] in lines.nth(0).inner_text()

        # Legal status before any grade: the chips, then the scales, then the cards.
        chips = page.locator("#summary .chip")
        assert chips.count() == len(summary["regions"])
        if summary["regions"]:
            assert chips.nth(0).is_visible()
            assert _before(page, "#summary .chip", ".scale-word")
            assert _before(page, "#summary .chip", ".grade-chip")
            chip_y = chips.nth(0).bounding_box()["y"]
            assert chip_y < page.locator(".scale-word").first.bounding_box()["y"]
        if summary["source"]:
            word = page.locator(".scale-row-source .scale-word")
            assert word.inner_text() == summary["source"]["word"]
            # The SVG scale fills as many cells as the rank, and says so in its title.
            cells = page.locator(".scale-row-source svg rect")
            assert cells.count() == summary["source"]["of"]
            filled = page.locator('.scale-row-source svg rect:not([fill="#ffffff"])')
            assert filled.count() == summary["source"]["rank"]
            legend = page.locator(".scale-row-source a.scale-legend")
            assert legend.get_attribute("href") == summary["source"]["legend_url"]
            assert _before(page, "#summary .summary-regions", ".scale-word")
        else:
            assert page.locator(".scale-word").count() == 0

        # Everything long is folded: reasons, regulation text, the list, references.
        folds = page.locator("details.fold")
        assert folds.count() >= 3
        assert page.evaluate("[...document.querySelectorAll('details')].some(d => d.open)") is False
        assert not page.locator("#whole-list table").is_visible()
        if analysis["references"]:
            assert not page.locator("#references ol.references").is_visible()

        # The 1% line: drawn before the first marker, the "1% or less" zone after it.
        line = analysis["one_percent_line"]
        marker = line["marker_position"]
        slots = page.locator('svg.strip rect[fill="#d9d4cc"]')
        assert slots.count() == len(analysis["ingredients"])
        marker_x = float(slots.nth(marker - 1).get_attribute("x"))
        line_x = float(page.locator("svg.strip line").get_attribute("x1"))
        assert line_x <= marker_x + 0.05
        if marker > 1:
            assert line_x > float(slots.nth(marker - 2).get_attribute("x"))
        zone_x = float(page.locator("svg.strip rect.below-zone").get_attribute("x"))
        assert zone_x == line_x
        assert "1% or less" in page.locator("svg.strip").inner_html()

        # Nothing wider than the screen.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"page is {scroll_width}px wide at {width}px"
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"{which} at {width}px: {height}px folded ({height / PHONE_SCREEN:.1f} screens)")
        if device == "phone":
            assert height <= MAX_SCREENS * PHONE_SCREEN, f"{height}px folded"

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"report-{which}-{width}.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


def test_a_claimed_source_the_list_does_not_hold_is_named(server, browser):
    name, text = LISTS["rose-claim"]
    context, page, problems = _page(browser, 375)
    try:
        _paste(page, server, name, text)
        claims = page.locator("#claims")
        assert claims.is_visible()
        said = claims.inner_text()
        assert "Claimed source: rose" in said
        assert "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media" in said
        assert "Rosa Damascena Callus Culture Extract (#4) is a look-alike" in said
        # Each finding once.
        findings = claims.locator("li").all_inner_texts()
        assert len(findings) == len(set(findings))
        # The claims check comes straight after the summary card, before the verdict.
        assert _before(page, "#summary", "#claims")
        assert _before(page, "#claims", "#verdict-heading")
        assert problems == []
    finally:
        context.close()


def test_folded_sections_open_for_print_and_close_after(server, browser):
    name, text = LISTS["platelet"]
    context, page, _ = _page(browser, 1280)
    try:
        _paste(page, server, name, text)
        closed = page.evaluate("document.querySelectorAll('details:not([open])').length")
        assert closed >= 3
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert page.evaluate("document.querySelectorAll('details:not([open])').length") == 0
        page.emulate_media(media="print")
        assert page.locator("#references ol.references").is_visible()
        page.emulate_media(media="screen")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert page.evaluate("document.querySelectorAll('details:not([open])').length") == closed
        # A link into a folded section opens it.
        page.get_by_role("link", name="Edit the list and check again").click()
        assert page.locator("#edit").get_attribute("open") is not None
        assert page.get_by_label("Ingredient list").is_visible()
    finally:
        context.close()


def test_glossary_explains_a_term_once_and_links_to_the_method(server, browser):
    name, text = LISTS["platelet"]
    context, page, _ = _page(browser, 375)
    try:
        _paste(page, server, name, text)
        # The card's words are explained in one folded line under it.
        words = page.locator("#summary details.words")
        assert not words.locator(".gloss").first.is_visible()
        words.locator("summary").click()
        glosses = words.locator(".gloss")
        terms = glosses.locator("dfn").all_inner_texts()
        assert "Lysate" in terms and "Annex II" in terms
        html = page.content()
        assert len(re.findall(r"<dfn>Lysate</dfn>", html)) == 1
        glosses.filter(has_text="Lysate").get_by_role("link", name="More").click()
        page.wait_for_url("**/method#term-lysate")
        assert page.locator("#term-lysate").is_visible()
    finally:
        context.close()


def test_every_row_of_the_whole_list_opens_an_ingredient_page(server, browser):
    name, text = LISTS["platelet"]
    context, page, problems = _page(browser, 1280)
    try:
        _paste(page, server, name, text)
        page.locator("#whole-list > summary").click()
        links = page.locator("#whole-list table.ingredients td.ing a")
        assert links.count() == 7
        hrefs = links.evaluate_all("all => all.map(a => a.getAttribute('href'))")
        for href in hrefs:
            response = page.request.get(server + href)
            assert response.status == 200, href
        page.get_by_role("link", name="Phenoxyethanol").click()
        page.wait_for_url("**/ingredients/phenoxyethanol")
        assert page.locator("h1").inner_text().strip() == "Phenoxyethanol"
        body = page.locator("main").inner_text()
        assert "Annex V entry" in body and "allowed preservative" in body
        assert problems == []
    finally:
        context.close()


# -- the start page ---------------------------------------------------------------------


def test_try_an_example_fills_the_box_and_counts_characters(server, browser):
    from skincheck import worked_example

    context, page, problems = _page(browser, 375)
    try:
        page.goto(server + "/")
        box = page.get_by_label("Ingredient list")
        assert box.get_attribute("maxlength") == "50000"
        count = page.locator("#text-count")
        assert count.inner_text().startswith("0 of 50,000 characters")
        page.get_by_role("button", name="Try an example list").click()
        assert box.input_value() == worked_example.TEXT
        assert count.inner_text().startswith(f"{len(worked_example.TEXT):,} of 50,000")
        page.screenshot(path=str(SHOTS / "start-example-375.png"), full_page=True)
        page.get_by_role("button", name="Check this list").click()
        page.wait_for_url("**/r/*")
        assert page.locator("#summary").is_visible()
        assert problems == []
    finally:
        context.close()


def test_an_over_long_paste_keeps_the_text_and_focuses_the_error(server, browser):
    context, page, _ = _page(browser, 375)
    try:
        page.goto(server + "/")
        # The box stops at maxlength; the server's own check is the backstop when a
        # page without that limit (or a script) sends more.
        page.evaluate("document.getElementById('text').removeAttribute('maxlength')")
        text = "Aqua, Glycerin, " * 3_200  # 51,200 characters
        page.get_by_label("Ingredient list").fill(text)
        page.get_by_role("button", name="Check this list").click()
        page.wait_for_load_state()
        assert "/r/" not in page.url
        error = page.locator("#text-error")
        assert error.is_visible()
        assert "more than the 50,000 we read" in error.inner_text()
        assert page.evaluate("document.activeElement.id") == "text-error"
        box = page.get_by_label("Ingredient list")
        assert box.get_attribute("aria-invalid") == "true"
        assert len(box.input_value()) == len(text)
        page.screenshot(path=str(SHOTS / "start-too-long-375.png"), full_page=True)
    finally:
        context.close()


def test_an_address_without_https_is_completed_and_kept_after_a_failure(
    make_app, serve, browser, closed_port
):
    server = serve(make_app(ALLOW_PRIVATE_URLS=True))
    context, page, _ = _page(browser, 1280)
    try:
        page.goto(server + "/")
        page.get_by_label("Product page address").fill(f"127.0.0.1:{closed_port}/p/serum")
        page.get_by_role("button", name="Read this page").click()
        page.wait_for_load_state()
        problem = page.locator("#url-problem")
        assert problem.is_visible()
        assert page.evaluate("document.activeElement.id") == "url-problem"
        field = page.get_by_label("Product page address")
        assert field.input_value() == f"https://127.0.0.1:{closed_port}/p/serum"
        assert field.get_attribute("aria-invalid") == "true"
    finally:
        context.close()
