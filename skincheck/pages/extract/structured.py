"""Strategy 2, structured data: JSON-LD ``Product`` objects and schema.org microdata.

Hand-written rather than extruct: see the package docstring (__init__.py) for the
figures that decided it.
"""

import html
from itertools import islice

from skincheck.pages.extract.json_data import json_candidates
from skincheck.pages.extract.json_data import json_nodes
from skincheck.pages.extract.json_data import MAX_JSON_NODES
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.labels import SECTION_AFTER_LABEL
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.page import fragment_text
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import best_of
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import Found
from skincheck.pages.extract.result import MAX_CANDIDATES
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import words

#: The most JSON-LD Product objects read: each is walked for its list, and Products
#: nested inside Products would walk the same values again and again.
_MAX_PRODUCTS = 20
#: The most microdata Product scopes searched, and descriptions read in each (a
#: description's text holds every nested one's text again).
_MAX_SCOPES = 3
_MAX_DESCRIPTIONS = 5


def ld_products(page: Page) -> list[dict]:
    if page.products is not None:
        return page.products
    products: list[dict] = []
    page.products = products
    for root in page.json_ld:
        for _, value, _ in json_nodes(root):
            if isinstance(value, dict):
                kind = value.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.split("/")[-1] == "Product" for k in kinds):
                    products.append(value)
                    if len(products) >= _MAX_PRODUCTS:
                        return products
    return products


def labelled_sections(text: str) -> list[str]:
    """The text after each "Ingredients:" label in a description (to the next label)."""
    return [match.group(1) for match in SECTION_AFTER_LABEL.finditer(text)]


def description_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    # purish.com double-escapes it: "\u0026lt;p\u0026gt;…" decodes to "&lt;p&gt;…".
    if "&lt;" in value:
        value = html.unescape(value)
    return fragment_text(value)


def from_structured_data(page: Page, is_known: IsKnown | None) -> Found | None:
    texts = []
    for product in ld_products(page):
        texts.extend(
            islice(json_candidates(product, MAX_JSON_NODES // _MAX_PRODUCTS), MAX_CANDIDATES)
        )
        texts.extend(labelled_sections(description_text(product.get("description"))))
    found = best_of(texts, ExtractionSource.JSON_LD, 0.9, is_known)
    if found:
        return found
    texts = []
    # A scope's selects walk all of its subtree, nested scopes included: a page of 250
    # Product scopes nested one in the next (24 KB) cost 1.5 s of CPU, 500 of them more
    # than the page budget, when every scope was searched. The first scopes in document
    # order are the outermost, and their searches already reach the nested ones' props.
    scopes = page.select('[itemscope][itemtype*="schema.org/Product"]', "schema.org/product")
    for scope in scopes[:_MAX_SCOPES]:
        props = '[itemprop="ingredients"], [itemprop="activeIngredient"]'
        for prop in scope.select(props, limit=MAX_CANDIDATES):
            texts.append(element_text(prop))
        for prop in scope.select('[itemprop="additionalProperty"]', limit=MAX_CANDIDATES):
            name = prop.select_one('[itemprop="name"]')
            value = prop.select_one('[itemprop="value"]')
            if name and value and is_ingredients_label(words(name)):
                texts.append(value.get("content") or element_text(value))
        for prop in scope.select('[itemprop="description"]', limit=_MAX_DESCRIPTIONS):
            texts.extend(labelled_sections(element_text(prop)))
    return best_of(texts, ExtractionSource.MICRODATA, 0.9, is_known)
