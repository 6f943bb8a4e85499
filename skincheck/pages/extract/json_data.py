"""A JSON document (an API answer, a Shopify product .json) and JSON values inside pages:
a capped walk over the values, the fields a document labels as its ingredient list, and
the product's name and copy.
"""

import json
from collections.abc import Iterator

from skincheck.core.budget import check
from skincheck.pages.extract.blocks import from_scored_blocks
from skincheck.pages.extract.headings import from_headings
from skincheck.pages.extract.labels import INGREDIENT_KEY
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.page import fragment_text
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import best_of
from skincheck.pages.extract.result import Extraction
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import nothing
from skincheck.pages.extract.result import result
from skincheck.pages.extract.text import cap_marketing
from skincheck.pages.extract.text import tidy

#: The most JSON values we visit in one document.
MAX_JSON_NODES = 200_000


def json_nodes(
    root: object, max_nodes: int = MAX_JSON_NODES
) -> Iterator[tuple[str | None, object, object]]:
    """(key, value, parent) for every value under ``root``, breadth first, capped."""
    queue: list[tuple[str | None, object, object]] = [(None, root, None)]
    seen = 0
    while queue and seen < max_nodes:
        key, value, parent = queue.pop(0) if len(queue) < 64 else queue.pop()
        seen += 1
        if seen & 1023 == 0:
            check()
        yield key, value, parent
        if isinstance(value, dict):
            queue.extend((str(k), v, value) for k, v in value.items())
        elif isinstance(value, list):
            queue.extend((key, v, value) for v in value)


_LABEL_KEYS = ("header", "title", "name", "label", "heading", "key", "propertyID")


_CONTENT_KEYS = (
    "value",
    "values",
    "text",
    "texts",
    "content",
    "contentBlock",
    "description",
    "body",
    "html",
    "items",
)


def _strings_in(value: object, budget: int = 2_000) -> list[str]:
    found: list[str] = []
    for _, node, _ in json_nodes(value):
        if isinstance(node, str) and node.strip():
            found.append(node)
        budget -= 1
        if budget <= 0:
            break
    return found


def json_candidates(root: object, max_nodes: int = MAX_JSON_NODES) -> Iterator[str]:
    """Texts that a JSON document itself labels as the ingredient list."""
    for key, value, _ in json_nodes(root, max_nodes):
        if key and isinstance(value, str) and INGREDIENT_KEY.match(key.replace("-", "_")):
            yield fragment_text(value)
        if isinstance(value, dict):
            for label_key in _LABEL_KEYS:
                label = value.get(label_key)
                if isinstance(label, str) and is_ingredients_label(label):
                    contents = [
                        text
                        for content_key in _CONTENT_KEYS
                        if content_key in value
                        for text in _strings_in(value[content_key])
                    ]
                    if contents:
                        yield fragment_text("\n".join(contents))
                    break


def dig(value: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _json_product(root: object) -> dict | None:
    """The first object stored under a "product" key (breadth first), if any."""
    for key, value, _ in json_nodes(root):
        if key == "product" and isinstance(value, dict):
            return value
    return None


def _json_name(root: object) -> str | None:
    if not isinstance(root, dict):
        return None
    for holder in (_json_product(root), root):
        if not isinstance(holder, dict):
            continue
        for key in ("displayName", "productName", "title", "name"):
            value = holder.get(key)
            if isinstance(value, dict):
                value = value.get("headline") or value.get("name")
            if isinstance(value, str) and value.strip():
                return tidy(value)
    return None


def _json_marketing(root: object) -> str:
    if not isinstance(root, dict):
        return ""
    parts = []
    for holder in (_json_product(root), root):
        if isinstance(holder, dict):
            for key in ("title", "name", "description", "body_html", "shortDescription"):
                value = holder.get(key)
                if isinstance(value, str):
                    parts.append(fragment_text(value))
    return cap_marketing(parts)


def from_json(document: str, is_known: IsKnown | None) -> Extraction:
    try:
        root = json.loads(document)
    except (ValueError, RecursionError):
        return nothing(None, "", "The JSON could not be read.")
    name = _json_name(root)
    marketing = _json_marketing(root)
    found = best_of(json_candidates(root), ExtractionSource.JSON, 0.9, is_known)
    if found is None:
        # A Shopify product .json keeps its only free text in body_html.
        product = root.get("product") if isinstance(root, dict) else None
        body = product.get("body_html") if isinstance(product, dict) else None
        if isinstance(body, str) and body.strip():
            page = Page(body)
            found = from_headings(page, is_known) or from_scored_blocks(page, is_known)
    if found is None:
        return nothing(name, marketing, "The data has no field that holds an ingredient list.")
    return result(found, name, marketing)
