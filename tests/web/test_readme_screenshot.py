"""The picture at the top of the README (docs/report.png) is a real report: the worked
example's list (skincheck.worked_example) pasted into the start page of a real server, in
real headless Chromium 1000 px wide, its report column kept.

Every run checks the report the picture shows; with SKINCHECK_REFRESH_SCREENSHOT=1
(`make screenshot`) it also writes the picture anew. A second test, without a browser,
checks the committed picture: a PNG of that size, under 150 KB.
"""

import io
import os
import struct

import pytest
from PIL import Image

from skincheck import paths
from skincheck import worked_example

from .conftest import SHOTS

README_PICTURE = paths.PROJECT_ROOT / "docs" / "report.png"
#: The browser's width.
VIEWPORT = 1000
#: The part of the page the picture keeps: the report's 736 px column with a margin,
#: from the report's title to its download links: the verdict and the claims check.
#: Chromium writes 24-bit PNGs; kept as a 256-colour palette PNG (Pillow), it stays
#: under MAX_BYTES whatever the report holds (164 KB as Chromium wrote it, once).
CLIP = {"x": 118, "y": 64, "width": 764, "height": 880}
MAX_BYTES = 150_000


@pytest.mark.browser
def test_the_worked_example_report_as_the_readme_shows_it(app, serve, browser):
    server = serve(app)
    context = browser.new_context(
        viewport={"width": VIEWPORT, "height": CLIP["y"] + CLIP["height"]}
    )
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        page.goto(server + "/")
        page.get_by_label("Ingredient list").fill(worked_example.TEXT)
        page.get_by_label("Product name (optional)").fill(worked_example.NAME)
        page.get_by_role("button", name="Check this list").click()
        page.wait_for_url("**/r/*")

        assert page.locator("h1").inner_text().strip() == worked_example.NAME
        assert page.locator("#verdict-heading").is_visible()
        cards = page.locator("article.card")
        assert cards.count() == 2
        assert (
            "Human Umbilical Cord Mesenchymal Stem Cell Conditioned Media"
            in cards.nth(0).inner_text()
        )
        assert "Rosa Damascena Callus Extracellular Vesicles" in cards.nth(1).inner_text()
        assert page.get_by_role("img", name="Where the EV ingredients sit in the list").is_visible()
        assert problems == []

        SHOTS.mkdir(parents=True, exist_ok=True)
        target = (
            README_PICTURE
            if os.environ.get("SKINCHECK_REFRESH_SCREENSHOT") == "1"
            else SHOTS / "readme-report.png"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shot = Image.open(io.BytesIO(page.screenshot(clip=CLIP)))
        shot.convert("RGB").quantize(colors=256).save(target, optimize=True)
        assert target.stat().st_size < MAX_BYTES, f"{target} is {target.stat().st_size} bytes"
    finally:
        context.close()


def test_the_readme_picture_is_a_small_png_of_the_clip():
    data = README_PICTURE.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # The IHDR chunk comes first: width and height, big-endian, from byte 16.
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (CLIP["width"], CLIP["height"])
    assert len(data) < MAX_BYTES
