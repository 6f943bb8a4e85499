"""Strategy 1: shop platforms whose markup for the list is known, one adapter per
platform, tried in the order of SHOPS.

Each adapter reads only its platform's markup and returns None on any other page; most
skip at once, because Page.select looks for the platform's marker in the raw page
before walking the tree.
"""

import re
from collections.abc import Callable

from skincheck.pages.extract.headings import following_text
from skincheck.pages.extract.json_data import dig
from skincheck.pages.extract.labels import DECOY
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.labels import OLIVEYOUNG_FULL_LIST
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.page import fragment_text
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import best_of
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import Found
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import tidy
from skincheck.pages.extract.text import words
from skincheck.pages.extract.tree import label_of


def _shopify(page: Page, is_known: IsKnown | None) -> Found | None:
    # Merchants store the list in a metafield; themes print it through metafield_tag.
    fields = page.select(
        ".metafield-multi_line_text_field, .metafield-rich_text_field, "
        ".metafield-single_line_text_field",
        "metafield-",
    )[:100]
    labelled, unlabelled = [], []
    for field in fields:
        label = label_of(field)
        if label is not None and DECOY.search(label):
            continue
        # purish.com labels its panels by tab index: "🌱 Ingredients" is the 2nd button.
        group = labelled if label is not None and is_ingredients_label(label) else unlabelled
        group.append(element_text(field))
    found = best_of(labelled, ExtractionSource.SHOPIFY_METAFIELD, 0.95, is_known) or best_of(
        unlabelled, ExtractionSource.SHOPIFY_METAFIELD, 0.9, is_known
    )
    if found:
        return found
    # Dawn and its many copies: details > summary .accordion__title + .accordion__content.
    panels = []
    for details in page.select("details", "<details"):
        title = details.select_one(".accordion__title") or details.find("summary")
        content = details.select_one(".accordion__content")
        if title is not None and content is not None and is_ingredients_label(words(title)):
            panels.append(element_text(content))
    return best_of(panels, ExtractionSource.SHOPIFY_ACCORDION, 0.95, is_known)


def _woocommerce(page: Page, is_known: IsKnown | None) -> Found | None:
    panels = []
    for panel in page.select("div.woocommerce-Tabs-panel", "woocommerce-tabs-panel"):
        key = str(panel.get("id") or "").removeprefix("tab-")
        title = page.soup.find(id=f"tab-title-{key}")
        title_text = words(title) if title else ""
        if is_ingredients_label(title_text) or (not title_text and "ingredient" in key):
            panels.append(element_text(panel))
    found = best_of(panels, ExtractionSource.WOOCOMMERCE_TAB, 0.95, is_known)
    if found:
        return found
    rows = []
    for row in page.select(
        "tr.woocommerce-product-attributes-item", "woocommerce-product-attributes-item"
    ):
        label, value = row.find("th"), row.find("td")
        if label and value and is_ingredients_label(words(label)):
            rows.append(element_text(value))
    return best_of(rows, ExtractionSource.WOOCOMMERCE_ATTRIBUTE, 0.95, is_known)


def _selected(
    page: Page,
    selector: str,
    marker: str,
    source: ExtractionSource,
    is_known: IsKnown | None,
    *,
    joined: bool = False,
) -> Found | None:
    """The text at ``selector``; with ``joined``, one ingredient per element, joined by ", "."""
    elements = page.select(selector, marker)
    if not elements:
        return None
    if joined:
        names = [element_text(element).replace("\n", " ") for element in elements]
        return best_of([", ".join(name for name in names if name)], source, 0.95, is_known)
    return best_of([element_text(element) for element in elements], source, 0.95, is_known)


def _sephora(page: Page, is_known: IsKnown | None) -> Found | None:
    # script#linkStore: page.product.currentSku.ingredientDesc, and one ingredientDesc per
    # shade in page.product.regularChildSkus[]. The field is HTML: key-ingredient bullets
    # ("-Glycolic Acid: exfoliates") then <br><br> then the full list.
    store = page.data_scripts.get("linkStore")
    product = dig(store, "page", "product")
    if not isinstance(product, dict):
        return None
    current = _sephora_list(dig(product, "currentSku", "ingredientDesc"), is_known)
    shades = []
    for sku in product.get("regularChildSkus") or []:
        if not isinstance(sku, dict):
            continue
        text = _sephora_list(sku.get("ingredientDesc"), is_known)
        name = sku.get("variationValue") or sku.get("skuName") or sku.get("skuId")
        if text and isinstance(name, str):
            shades.append((tidy(name), text))
    if current is None and not shades:
        return None
    if current is None:
        current = " | ".join(f"{name}: {text}" for name, text in shades)
    distinct = {text for _, text in shades}
    return Found(
        text=current,
        source=ExtractionSource.SEPHORA_JSON,
        confidence=0.95,
        shades=tuple(shades) if len(distinct) > 1 else (),
    )


def _sephora_list(markup: object, is_known: IsKnown | None) -> str | None:
    if not isinstance(markup, str):
        return None
    paragraphs = re.split(r"(?:<br\s*/?>\s*){2,}|\n\s*\n", markup)
    texts = [
        "\n".join(
            line for line in fragment_text(paragraph).split("\n") if not line.startswith("-")
        )
        for paragraph in paragraphs
    ]
    found = best_of(texts, ExtractionSource.SEPHORA_JSON, 0.95, is_known)
    return found.text if found else None


def _amazon(page: Page, is_known: IsKnown | None) -> Found | None:
    boxes = page.select("#important-information", "important-information")
    if not boxes:
        return None
    box = boxes[0]
    texts = []
    for heading in box.find_all(["h4", "h3", "h5", "strong", "b"]):
        if is_ingredients_label(words(heading)):
            texts.append(following_text(heading))
    return best_of(texts, ExtractionSource.AMAZON_IMPORTANT_INFORMATION, 0.9, is_known)


def _oliveyoung(page: Page, is_known: IsKnown | None) -> Found | None:
    # dt "화장품법에 따라 기재해야 하는 모든 성분" (labels.OLIVEYOUNG_FULL_LIST).
    texts = []
    for term in page.select("dl.detail_info_list dt", "detail_info_list"):
        if OLIVEYOUNG_FULL_LIST in term.get_text():
            value = term.find_next_sibling("dd")
            if value is not None:
                texts.append(element_text(value))
    return best_of(texts, ExtractionSource.OLIVEYOUNG, 0.95, is_known)


def _thg(page: Page, is_known: IsKnown | None) -> Found | None:
    # Lookfantastic and THG's other shops: the "Ingredients" item of the description.
    return _selected(
        page,
        ".productDescription_contentPropertyListItem_ingredients "
        ".productDescription_synopsisContent",
        "productdescription_contentpropertylistitem_ingredients",
        ExtractionSource.THG_DESCRIPTION,
        is_known,
    )


def _incidecoder(page: Page, is_known: IsKnown | None) -> Found | None:
    # One link per ingredient in the short list.
    return _selected(
        page,
        "#ingredlist-short a.ingred-link",
        "ingredlist-short",
        ExtractionSource.INCIDECODER,
        is_known,
        joined=True,
    )


def _cosdna(page: Page, is_known: IsKnown | None) -> Found | None:
    # One table row per ingredient.
    return _selected(
        page,
        "tbody.chem-list tr.tr-i span.colors",
        "chem-list",
        ExtractionSource.COSDNA,
        is_known,
        joined=True,
    )


def _rossmann(page: Page, is_known: IsKnown | None) -> Found | None:
    return _selected(
        page, "#GRP_INHALTSSTOFFE .rm-cms", "grp_inhaltsstoffe", ExtractionSource.ROSSMANN, is_known
    )


#: A shop adapter: the list its platform's markup holds, or None.
Adapter = Callable[[Page, IsKnown | None], Found | None]

#: Platform → adapter, in the order they are tried: the first list found wins.
SHOPS: dict[str, Adapter] = {
    "sephora": _sephora,
    "shopify": _shopify,
    "woocommerce": _woocommerce,
    "thg": _thg,
    "amazon": _amazon,
    "incidecoder": _incidecoder,
    "cosdna": _cosdna,
    "rossmann": _rossmann,
    "oliveyoung": _oliveyoung,
}


def from_shop(page: Page, is_known: IsKnown | None) -> Found | None:
    """The list of the first platform in SHOPS whose markup holds one."""
    for adapter in SHOPS.values():
        found = adapter(page, is_known)
        if found is not None:
            return found
    return None
