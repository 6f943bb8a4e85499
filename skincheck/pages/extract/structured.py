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
from skincheck.pages.extract.microdata import own_properties
from skincheck.pages.extract.microdata import product_scopes
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
#: The most microdata descriptions read in one Product scope.
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
    for scope in product_scopes(page):
        properties = own_properties(scope)
        for prop in properties.get("ingredients", []) + properties.get("activeIngredient", []):
            texts.append(element_text(prop))
        for prop in properties.get("additionalProperty", []):
            # <div itemprop="additionalProperty" itemscope itemtype="…/PropertyValue">
            # <span itemprop="name">Ingrédients</span> <span itemprop="value">Aqua, …
            pair = own_properties(prop, limit=1)
            name, value = pair.get("name"), pair.get("value")
            if name and value and is_ingredients_label(words(name[0])):
                texts.append(value[0].get("content") or element_text(value[0]))
        for prop in properties.get("description", [])[:_MAX_DESCRIPTIONS]:
            texts.extend(labelled_sections(element_text(prop)))
    return best_of(texts, ExtractionSource.MICRODATA, 0.9, is_known)
