"""Where a list came from: ExtractionSource carries the same strings as before, every one
has words for people, and each shop adapter of the table reads its own platform only."""

import json
from pathlib import Path

import orjson
import pytest

from skincheck.pages.extract import extract
from skincheck.pages.extract import ExtractionSource
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.shops import SHOPS
from skincheck.web.views import EXTRACTED_FROM

PAGES = Path(__file__).parent / "pages"


def test_every_source_but_none_has_words_for_people():
    named = {source.value for source in ExtractionSource} - {"none"}
    assert named == set(EXTRACTED_FROM)


def test_the_json_carries_the_plain_strings():
    page = (PAGES / "jsonld_only.html").read_text(encoding="utf-8")
    source = extract(page).source
    assert source == "json-ld"
    assert json.dumps({"extracted_from": source}) == '{"extracted_from": "json-ld"}'
    assert orjson.loads(orjson.dumps({"extracted_from": source})) == {"extracted_from": "json-ld"}


# The hand-written pages of each platform (pages/expected.json) and the adapter whose
# markup they carry; Rossmann and Olive Young are checked on the real saved pages
# (scripts/check_pages.py).
OWN_PAGES = {
    "sephora.html": "sephora",
    "shopify_tabs.html": "shopify",
    "shopify_dawn.html": "shopify",
    "woocommerce.html": "woocommerce",
    "woocommerce_attributes.html": "woocommerce",
    "thg.html": "thg",
    "amazon.html": "amazon",
    "incidecoder.html": "incidecoder",
    "cosdna.html": "cosdna",
}


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_each_shop_page_is_read_by_its_own_adapter_only(name):
    document = (PAGES / name).read_text(encoding="utf-8")
    found_by = {
        platform
        for platform, adapter in SHOPS.items()
        if adapter(Page(document), None) is not None
    }
    assert found_by == {OWN_PAGES[name]}


def test_no_adapter_reads_a_page_without_platform_markup():
    for name in ("heading_de.html", "scored.html", "jsonld_only.html", "microdata.html"):
        document = (PAGES / name).read_text(encoding="utf-8")
        assert all(adapter(Page(document), None) is None for adapter in SHOPS.values()), name
