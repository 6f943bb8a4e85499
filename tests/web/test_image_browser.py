"""A photo of a label from the start page in a real headless Chromium (Debian's
/usr/bin/chromium, driven by Playwright): choose the file, send it, land on the report
with the text read in the edit box; a file that is not a picture is explained next to
the upload field. Without Chromium the tests skip, unless SKINCHECK_REQUIRE_BROWSER=1.
"""

import re
from pathlib import Path

import pytest

from .conftest import SHOTS

pytestmark = pytest.mark.browser

IMAGES = Path(__file__).resolve().parents[1] / "fixtures" / "images"
EV = "Human Adipose Derived Stem Cell Conditioned Media"


@pytest.fixture
def site(make_app, serve) -> str:
    return serve(make_app())


def _page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    return context, page, problems


def test_upload_a_photo_from_the_start_page(site, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context, page, problems = _page(browser)
    try:
        page.goto(site + "/")
        field = page.get_by_label("Photo of the label", exact=True)
        assert field.get_attribute("type") == "file"
        assert "image/heic" in field.get_attribute("accept")
        field.set_input_files(str(IMAGES / "serum-clean.png"))
        page.get_by_label("Name of the product in the photo (optional)").fill("Glow Serum")
        page.get_by_role("button", name="Read this photo").click()
        page.wait_for_url(re.compile(r".*/r/[A-Za-z0-9_-]{22}$"), timeout=60_000)
        assert page.get_by_role("heading", level=1).inner_text().strip() == "Glow Serum"
        card = page.locator("article.card")
        assert card.count() == 1
        assert EV in card.inner_text()
        box = page.get_by_label("Ingredient list").input_value()
        assert box.startswith("Ingredients: Aqua, " + EV)
        assert "This list was read from a photo." in page.content()
        page.screenshot(path=str(SHOTS / "photo-report-1280.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


def test_a_file_that_is_not_a_picture_is_explained_by_the_upload_field(site, browser, tmp_path):
    not_a_photo = tmp_path / "label.jpg"
    not_a_photo.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n")
    context, page, problems = _page(browser)
    try:
        page.goto(site + "/")
        page.get_by_label("Photo of the label", exact=True).set_input_files(str(not_a_photo))
        page.get_by_role("button", name="Read this photo").click()
        alert = page.get_by_role("alert").filter(has_text="We could not read that photo")
        alert.wait_for(state="visible")
        assert "Send a JPEG, PNG, WebP or HEIC photo." in alert.inner_text()
        page.screenshot(path=str(SHOTS / "photo-refused-1280.png"), full_page=True)
        # Chromium logs the 415 answer itself as a failed resource; nothing else failed.
        assert [p for p in problems if "status of 415" not in p] == []
    finally:
        context.close()
