"""The app in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright),
served by a real werkzeug server on 127.0.0.1 in a thread.

Paste the SPEC's worked example 1, land on the permanent link, read the verdict and the
EV card, open the source table; screenshots at 375 and 1280 px go to
artifacts/screenshots/. Without Chromium the tests skip, unless SKINCHECK_REQUIRE_BROWSER=1.
"""

import pytest

from .conftest import SHOTS

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 375, "laptop": 1280}


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


@pytest.mark.parametrize("device", list(WIDTHS))
def test_paste_example_1_read_the_report_open_the_source_table(server, browser, example_1, device):
    width = WIDTHS[device]
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page, problems = _page(browser, width)
    try:
        page.goto(server + "/")
        page.get_by_label("Ingredient list").fill(example_1)
        page.get_by_label("Product name (optional)").fill("TNS Recovery Complex")
        page.screenshot(path=str(SHOTS / f"start-{width}.png"), full_page=True)
        page.get_by_role("button", name="Check this list").click()
        page.wait_for_url("**/r/*")
        assert "/r/" in page.url

        verdict = page.locator("#verdict-heading")
        assert verdict.is_visible()
        assert verdict.inner_text().strip()
        card = page.locator("article.card")
        assert card.count() == 1
        assert "Human Neonatal Fibroblast Conditioned Media" in card.inner_text()
        assert card.locator(".badge-senescent_risk").is_visible()
        strip = page.get_by_role("img", name="Where the EV ingredients sit in the list")
        assert strip.is_visible()
        # Nothing is wider than the screen: no sideways scrolling on a phone.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"page is {scroll_width}px wide at {width}px"
        page.screenshot(path=str(SHOTS / f"report-{width}.png"), full_page=True)

        page.get_by_role("navigation", name="Main").get_by_role("link", name="Source table").click()
        page.wait_for_url("**/sources")
        headings = page.locator("section.card h2").all_inner_texts()
        assert len(headings) == 7
        page.screenshot(path=str(SHOTS / f"sources-{width}.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


def test_keyboard_reaches_the_skip_link_then_the_form(server, browser):
    context, page, _ = _page(browser, 1280)
    try:
        page.goto(server + "/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent")
        assert focused.strip() == "Skip to the content"
        assert page.locator("a.skip").is_visible()  # shown when focused
        page.keyboard.press("Enter")
        assert page.url.endswith("#main")
    finally:
        context.close()
