"""Find the ingredient list in a product page (HTML or JSON), and the page's name and claims.

``extract`` is a pure function of the text it is given: it opens no connection and
reads no file. It parses the page once (page.py), then tries the strategies of
STRATEGIES in order and keeps the first list found:

1. shop platforms whose markup is known (shops.py: Shopify metafields and accordions,
   WooCommerce tabs and attribute rows, THG, Sephora's embedded JSON, Amazon's
   "Important information", INCIDecoder, CosDNA, Rossmann, Olive Young);
2. structured data (structured.py: JSON-LD ``Product``, microdata);
3. a heading that says "Ingredients" in one of many languages, and the content it
   labels (headings.py: tab panel, accordion, next paragraph, ``dd``, ``td``);
4. a scored scan of list-like text blocks (blocks.py).

A JSON document goes to json_data.py instead. The product's name and copy come from
product.py; the words matched live in labels.py; the list tests in lists.py.

It never guesses from keywords found somewhere on the page ("Parfum" in a maker's name,
"Inhaltsstoffe" in a translation table): every list comes from a place the page itself
marks as the list, or from a block that looks like a list as a whole.

It does not split the list into ingredients (``skincheck.core`` does that) and keeps the
list's own separators. Hostile input is capped: at most ``MAX_DOCUMENT_CHARS`` characters
and ``MAX_TAGS`` tags are parsed, no step walks a subtree more than a bounded number of
times, at most ``MAX_CANDIDATES`` texts are scored per place and ``MAX_KNOWN_LOOKUPS``
names looked up per page, and the whole extraction runs under a CPU budget
(skincheck.core.budget, ``PAGE_CPU_SECONDS``) that ends it with TooSlowError. Control
characters (C0 but tab and line break, and C1) are removed from every text it returns,
so a page cannot send terminal escape sequences to the CLI.

JSON-LD and microdata are read by hand, not with extruct (0.18), measured on this
machine for issue 12: ``import extruct`` (any of its modules loads rdflib, pyRdfa, mf2py,
html5lib and requests) added 0.10-0.36 s to the app's import; its microdata reader spent
1.17 s of CPU on a 0.17 MB page of nested ``itemprop`` elements (it deep-copies each
property's subtree to take its text) and 0.29 s on nested Product items at the tag cap,
inside one call that never reaches ``check()``, so the CPU budget could not stop it; and
its JSON-LD reader needs a second parse of the page for scripts the one BeautifulSoup
pass already sets aside, and does not unwrap a script wrapped in "<!-- … -->" over
several lines.
"""

from skincheck.core.budget import cpu_budget
from skincheck.pages.extract.blocks import from_scored_blocks
from skincheck.pages.extract.headings import from_headings
from skincheck.pages.extract.json_data import from_json
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.lists import list_score
from skincheck.pages.extract.lists import Lookups
from skincheck.pages.extract.lists import MAX_KNOWN_LOOKUPS
from skincheck.pages.extract.lists import split_items
from skincheck.pages.extract.lists import split_shades
from skincheck.pages.extract.page import MAX_TAGS
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.product import page_marketing
from skincheck.pages.extract.product import page_name
from skincheck.pages.extract.result import Extraction
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import Found
from skincheck.pages.extract.result import MAX_CANDIDATES
from skincheck.pages.extract.result import nothing
from skincheck.pages.extract.result import result
from skincheck.pages.extract.shops import from_shop
from skincheck.pages.extract.structured import from_structured_data
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import strip_controls
from skincheck.pages.extract.tree import inside
from skincheck.pages.extract.tree import label_of

__all__ = [
    "MAX_CANDIDATES",
    "MAX_DOCUMENT_CHARS",
    "MAX_KNOWN_LOOKUPS",
    "MAX_TAGS",
    "PAGE_CPU_SECONDS",
    "Extraction",
    "ExtractionSource",
    "IsKnown",
    "element_text",
    "extract",
    "is_ingredients_label",
    "label_of",
    "list_score",
    "split_items",
    "split_shades",
    "strip_controls",
]


#: The most characters of a document we parse (the fetcher stops at 5 MB anyway).
MAX_DOCUMENT_CHARS = 6_000_000


#: CPU seconds one extraction may spend (skincheck.core.budget); the fixes keep a 5 MB
#: page under about one second, this stops whatever shape they missed.
PAGE_CPU_SECONDS = 2.0


#: The strategies for an HTML page, in the order they are tried: the first list wins.
STRATEGIES = (from_shop, from_structured_data, from_headings, from_scored_blocks)


def extract(
    document: str,
    *,
    url: str = "",
    content_type: str = "text/html",
    is_known: IsKnown | None = None,
) -> Extraction:
    """Find the ingredient list, product name and marketing text in a fetched page.

    ``url`` is kept for the callers' records and future per-site rules; nothing in the
    result depends on it today. ``is_known(name)`` says whether a name is a recognised
    ingredient; when given, it sharpens the scoring. It should be an exact lookup
    (no close-match suggestions): at most MAX_KNOWN_LOOKUPS names are asked per page.
    Raises TooSlowError (skincheck.core.budget) past PAGE_CPU_SECONDS of CPU.
    """
    document = document[:MAX_DOCUMENT_CHARS]
    if not document.strip():
        return nothing(None, "", "The page is empty.")
    lookups = Lookups(is_known) if is_known is not None else None
    with cpu_budget(PAGE_CPU_SECONDS, what="page"):
        return _extract(document, content_type, lookups)


def _extract(document: str, content_type: str, is_known: IsKnown | None) -> Extraction:
    if _looks_like_json(content_type, document):
        return from_json(document, is_known)
    page = Page(document)
    name = page_name(page)
    marketing = page_marketing(page)
    found: Found | None = None
    for strategy in STRATEGIES:
        found = strategy(page, is_known)
        if found is not None:
            break
    if found is None:
        return nothing(name, marketing, _why_nothing(page))
    return result(found, name, marketing)


def _looks_like_json(content_type: str, document: str) -> bool:
    if "json" in content_type.lower():
        return True
    return document.lstrip()[:1] in {"{", "["}


def _why_nothing(page: Page) -> str:
    visible = sum(len(text) for _, text in page.blocks())
    if visible < 200:
        return (
            "The page shows almost no text without running its scripts, so its list is "
            "probably loaded later. Copy the list from the page and paste it."
        )
    for node in page.labels():
        if not inside(node.parent, frozenset({"nav", "header", "footer"})):
            return (
                "The page has an ingredients section, but we could not read a list in it "
                "(it may be an image). Copy the list from the page and paste it."
            )
    return (
        "We found no ingredient list on this page: no section is labelled as one and no "
        "text looks like one. Copy the list from the product's page or pack and paste it."
    )
