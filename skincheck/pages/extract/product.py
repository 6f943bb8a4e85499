"""The product's name and its marketing copy (title, descriptions), for the report's
headline and the claim check. Read from structured data first, then the page's own
markup; it does not look for the ingredient list.
"""

import html

from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.pages.extract.json_data import dig
from skincheck.pages.extract.microdata import own_properties
from skincheck.pages.extract.microdata import product_scopes
from skincheck.pages.extract.page import fragment_text
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.structured import description_text
from skincheck.pages.extract.structured import ld_products
from skincheck.pages.extract.text import cap_marketing
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import tidy
from skincheck.pages.extract.text import words


def page_name(page: Page) -> str | None:
    for product in ld_products(page):
        name = product.get("name")
        if isinstance(name, str) and name.strip():
            return tidy(html.unescape(name))
    sephora = dig(
        page.data_scripts.get("linkStore"), "page", "product", "productDetails", "displayName"
    )
    if isinstance(sephora, str) and sephora.strip():
        return tidy(sephora)
    for scope in product_scopes(page):
        # Only the product's own name, not a breadcrumb's or a brand's inside it.
        for element in own_properties(scope).get("name", []):
            text = element.get("content") or element_text(element)
            if text:
                return tidy(text).replace("\n", " ")
    for element in page.select("#product-title", "product-title", limit=1):
        if words(element):
            return element_text(element).replace("\n", " ")
    if page.metas.get("og:title"):
        return tidy(page.metas["og:title"])
    heading = page.h1
    if heading is not None and words(heading):
        return element_text(heading).replace("\n", " ")
    return page.title or None


_DESCRIPTION_SELECTORS = (
    '[itemprop="description"], .product__description, .product-single__description, '
    "#productDescription, .woocommerce-product-details__short-description, #tab-description, "
    ".productDescription_contentPropertyListItem_synopsis .productDescription_synopsisContent, "
    "#product-details"
)


_DESCRIPTION_MARKERS = ("description", "product-details")


def page_marketing(page: Page) -> str:
    parts = [
        page.title,
        page.metas.get("og:title", ""),
        page.metas.get("description", ""),
        page.metas.get("og:description", ""),
    ]
    for product in ld_products(page):
        parts.append(description_text(product.get("description")))
    sephora = dig(page.data_scripts.get("linkStore"), "page", "product", "productDetails")
    if isinstance(sephora, dict):
        parts.append(fragment_text(str(sephora.get("longDescription") or "")))
    for element in page.select(_DESCRIPTION_SELECTORS, *_DESCRIPTION_MARKERS, limit=5):
        parts.append(element_text(element, limit=MAX_CLAIMS_CHARS))
    return cap_marketing(parts)
