"""What an extraction answers: where the list came from (ExtractionSource), the
Extraction itself, a strategy's find (Found), and the choice of the best candidate.
"""

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from skincheck.core.budget import check
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.pages.extract.lists import clean_list
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.lists import LABELLED_THRESHOLD
from skincheck.pages.extract.lists import list_score
from skincheck.pages.extract.lists import split_shades
from skincheck.pages.extract.text import strip_controls


class ExtractionSource(enum.StrEnum):
    """Where a page's list was found. The values are the strings the JSON report carries
    (``input.extracted_from``) and skincheck.web.views words for people."""

    #: Shop platforms (shops.py), in the order they are tried.
    SEPHORA_JSON = "sephora-json"
    SHOPIFY_METAFIELD = "shopify-metafield"
    SHOPIFY_ACCORDION = "shopify-accordion"
    WOOCOMMERCE_TAB = "woocommerce-tab"
    WOOCOMMERCE_ATTRIBUTE = "woocommerce-attribute"
    THG_DESCRIPTION = "thg-description"
    AMAZON_IMPORTANT_INFORMATION = "amazon-important-information"
    INCIDECODER = "incidecoder"
    COSDNA = "cosdna"
    ROSSMANN = "rossmann"
    OLIVEYOUNG = "oliveyoung"
    #: Structured data (structured.py).
    JSON_LD = "json-ld"
    MICRODATA = "microdata"
    #: A field of a JSON document (json_data.py).
    JSON = "json"
    #: Under an "Ingredients" heading (headings.py).
    HEADING = "heading"
    #: A block that reads like a list, unlabelled (blocks.py).
    SCORED_BLOCK = "scored-block"
    #: No list found.
    NONE = "none"


#: The most candidate texts scored for one place on the page (one best_of call). A real
#: page offers a handful; a page of 100,000 "Ingredients: …" paragraphs offered them all.
MAX_CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a product page told us."""

    #: The ingredient list as printed, with its own separators; None when none was found.
    text: str | None
    #: Where the list came from, or ExtractionSource.NONE.
    source: ExtractionSource
    #: How sure we are that ``text`` is the product's full list, 0..1.
    confidence: float
    product_name: str | None
    #: Title, descriptions and product copy, for the claim check (at most MAX_CLAIMS_CHARS).
    marketing_text: str
    #: Per-shade lists printed apart ("Coral Crush: Aqua, …"), as (shade, list text).
    shades: tuple[tuple[str, str], ...] = ()
    #: Why no list was found, in plain words; None when one was.
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A list one strategy found, before the page's name and copy are added."""

    text: str
    source: ExtractionSource
    confidence: float
    shades: tuple[tuple[str, str], ...] = ()


def best_of(
    texts: list[str] | Iterator[str],
    source: ExtractionSource,
    confidence: float,
    is_known: IsKnown | None,
    threshold: float = LABELLED_THRESHOLD,
) -> Found | None:
    """The most list-like of ``texts`` above ``threshold`` (longer wins a tie)."""
    best: tuple[float, int, str] | None = None
    for count, raw in enumerate(texts):
        if count >= MAX_CANDIDATES:
            break
        check()
        text = clean_list(raw)
        score = list_score(text, is_known, threshold=threshold)
        if score >= threshold and (best is None or (score, len(text)) > best[:2]):
            best = (score, len(text), text)
    if best is None:
        return None
    score, _, text = best
    return Found(
        text=text,
        source=source,
        confidence=round(min(1.0, confidence * (0.6 + 0.4 * score)), 2),
        shades=split_shades(text, is_known),
    )


def nothing(name: str | None, marketing: str, reason: str) -> Extraction:
    return Extraction(
        text=None,
        source=ExtractionSource.NONE,
        confidence=0.0,
        product_name=strip_controls(name) if name is not None else None,
        marketing_text=strip_controls(marketing),
        reason=reason,
    )


def result(found: Found, name: str | None, marketing: str) -> Extraction:
    return Extraction(
        text=strip_controls(found.text[:MAX_TEXT_CHARS]),
        source=found.source,
        confidence=found.confidence,
        product_name=strip_controls(name) if name is not None else None,
        marketing_text=strip_controls(marketing),
        shades=tuple((strip_controls(a), strip_controls(b)) for a, b in found.shades),
    )
