"""Reading a product page in a real headless Chromium (Debian's /usr/bin/chromium, driven
by Playwright): give the local shop's address on the start page, watch the form say it
is fetching, land on the report. Also without JavaScript, where the form posts all the
same. Screenshots go to artifacts/screenshots/. Without Chromium the tests skip, unless
SKINCHECK_REQUIRE_BROWSER=1.
"""

import base64
import json
import re

import pytest

from .conftest import SERUM_LIST
from .conftest import SERUM_NAME
from .conftest import SHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def site(make_app, serve) -> str:
    """The app (allowed to read 127.0.0.1, where the shop is) behind a real HTTP server."""
    return serve(make_app(ALLOW_PRIVATE_URLS=True))


def _page(browser, *, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return context, page, problems


def _check_report(page, url: str) -> None:
    assert re.search(r"/r/[A-Za-z0-9_-]{22}$", page.url), page.url
    assert page.get_by_role("heading", level=1).inner_text().strip() == SERUM_NAME
    source = page.locator("section.from-page")
    # No redirect here, so the page's address is the one given, shown as a link.
    assert source.get_by_role("link", name=url).get_attribute("href") == url
    assert "the “Ingredients” panel of a Shopify shop page" in source.inner_text()
    assert page.get_by_label("Ingredient list").input_value() == SERUM_LIST
    card = page.locator("article.card")
    assert card.count() == 1
    assert "Human Adipose Stromal Cell Conditioned Media" in card.inner_text()


#: Run in the page before the click: report, on the console, what the status line and
#: the button look like as soon as the status line changes. (Playwright's locators wait
#: for a navigation in progress to finish, by which time the start page is gone.)
WATCH_STATUS = """() => {
  const form = document.querySelector("form.fetch-form");
  const status = form.querySelector("[role=status]");
  new MutationObserver(() => {
    const box = status.getBoundingClientRect();
    console.log(JSON.stringify({
      watch: true,
      text: status.textContent,
      shown: box.height > 0 && getComputedStyle(status).visibility === "visible",
      live: status.getAttribute("aria-live"),
      disabled: form.querySelector("button[type=submit]").disabled,
    }));
  }).observe(status, {childList: true, characterData: true, subtree: true});
}"""


def test_read_a_product_page_from_the_start_page(site, shop, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The slow page takes 1.5 s to answer, long enough to see the form at work.
    url = shop.url("/p/slow-serum")
    context, page, problems = _page(browser)
    seen: list[dict] = []
    page.on(
        "console",
        lambda m: seen.append(json.loads(m.text)) if m.text.startswith('{"watch"') else None,
    )
    try:
        page.goto(site + "/")
        page.get_by_label("Product page address").fill(url)
        page.evaluate(WATCH_STATUS)
        page.get_by_role("button", name="Read this page").click(no_wait_after=True)
        # Straight through the DevTools protocol: page.screenshot() would wait for the
        # navigation, and show the report instead of the form at work.
        shot = context.new_cdp_session(page).send("Page.captureScreenshot", {"format": "png"})
        (SHOTS / "url-fetching-1280.png").write_bytes(base64.b64decode(shot["data"]))
        page.wait_for_url("**/r/*")
        assert {
            "watch": True,
            "text": "Fetching the page… This can take up to ten seconds.",
            "shown": True,
            "live": "polite",
            "disabled": True,
        } in seen
        _check_report(page, url)
        page.screenshot(path=str(SHOTS / "url-report-1280.png"), full_page=True)
        assert shop.hits(url) == 1
        assert problems == []
    finally:
        context.close()


def test_the_url_form_works_without_javascript(site, shop, browser):
    url = shop.url("/p/serum")
    context, page, _ = _page(browser, javascript=False)
    try:
        page.goto(site + "/")
        page.get_by_label("Product page address").fill(url)
        page.get_by_role("button", name="Read this page").click()
        page.wait_for_url("**/r/*")
        _check_report(page, url)
    finally:
        context.close()


def test_a_page_without_a_list_is_explained_with_the_paste_box(site, shop, browser):
    url = shop.url("/p/gift-card")
    context, page, problems = _page(browser)
    try:
        page.goto(site + "/")
        page.get_by_label("Product page address").fill(url)
        page.get_by_role("button", name="Read this page").click()
        alert = page.get_by_role("alert").filter(has_text="No ingredient list found on that page")
        alert.wait_for(state="visible")
        page.screenshot(path=str(SHOTS / "url-no-list-1280.png"), full_page=True)
        alert.get_by_role("link", name="Paste the ingredient list instead").click()
        assert page.get_by_label("Ingredient list").is_visible()
        # The answer is a fresh page: its button can be pressed again.
        assert page.get_by_role("button", name="Read this page").is_enabled()
        # Chromium logs the 422 answer itself as a failed resource; nothing else failed.
        assert [p for p in problems if "status of 422" not in p] == []
    finally:
        context.close()
