"""schema.org microdata: a page's first Product scopes and the properties each one holds.

A property belongs to the nearest ``itemscope`` around it (the HTML microdata model),
so ``own_properties`` walks a scope without entering the scopes nested in it: each node
of the page is visited once per scope asked about, however deep the nesting. It reads
no text and decides nothing about lists (structured.py and product.py do).
"""


from bs4 import Tag

from skincheck.core.budget import check
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import MAX_CANDIDATES
from skincheck.pages.extract.text import MAX_TEXT_NODES

#: The most Product scopes read on one page. A real page has one, sometimes a second
#: for a bundle; a page of 600 Product scopes nested one in the next (70 KB) cost 6.6 s
#: when each scope's name search walked every scope nested in it.
MAX_SCOPES = 3


def product_scopes(page: Page) -> list[Tag]:
    """The first MAX_SCOPES elements that open a schema.org Product scope."""
    # The select stops at the last scope kept: a page of 10,000 nested Product scopes
    # (4.8 MB) was walked whole, twice (name and list), 0.3 s each.
    return page.select(
        '[itemscope][itemtype*="schema.org/Product"]', "schema.org/product", limit=MAX_SCOPES
    )


def _names(element: Tag) -> list[str]:
    # itemprop holds a space-separated list: itemprop="name headline".
    value = element.get("itemprop")
    return value.split() if isinstance(value, str) else []


def own_properties(
    scope: Tag, limit: int = MAX_CANDIDATES, max_nodes: int = MAX_TEXT_NODES
) -> dict[str, list[Tag]]:
    """The properties whose nearest scope is ``scope``, by ``itemprop`` name, in document
    order: at most ``limit`` of each name, from at most ``max_nodes`` elements.

    A nested scope's own ``itemprop`` (``<div itemprop="brand" itemscope>``) is a property
    of ``scope`` and is kept; what lies inside it is not walked. A property inside another
    of the same name is left out: the outer one's text already holds it, and 1,000
    ``itemprop="ingredients"`` nested one in the next (40 KB) had every one read whole.
    """
    found: dict[str, list[Tag]] = {}
    #: name → how deep the walk is inside a property of that name that was kept.
    open_at: dict[str, int] = {}
    stack = [iter(scope.contents)]
    count = 0
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            for name in [name for name, depth in open_at.items() if depth > len(stack)]:
                del open_at[name]
            continue
        if not isinstance(node, Tag):
            continue
        count += 1
        if count >= max_nodes:
            break
        if count & 1023 == 0:
            check()
        descend = bool(node.contents) and node.get("itemscope") is None
        for name in _names(node):
            kept = found.setdefault(name, [])
            if name not in open_at and len(kept) < limit:
                kept.append(node)
                if descend:
                    open_at[name] = len(stack) + 1
        if descend:
            stack.append(iter(node.contents))
    return found
