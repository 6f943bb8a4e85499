"""The capped parse of a page: at most MAX_TAGS tags go to BeautifulSoup; scripts are
read as data (JSON-LD, embedded JSON) and removed; metas, title and first <h1> are kept;
text nodes, labels, ids and text blocks are found once, on demand.

It decides nothing about where the list is (the strategies do).
"""

import json
import re

from bs4 import BeautifulSoup
from bs4 import NavigableString
from bs4 import Tag

from skincheck.core.budget import check
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.text import BLOCK_TAGS
from skincheck.pages.extract.text import DROP_TAGS
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import is_text
from skincheck.pages.extract.text import tidy
from skincheck.pages.extract.tree import MAX_CLIMB

#: The most tags we let the parser see, counted as the openings of elements, comments
#: and declarations ("<" and a letter, "!" or "?"; closing tags build nothing). The
#: largest real product pages we have open 1,300 to 3,200 elements (rossmann.de,
#: purish.com, 0.9-1 MB); BeautifulSoup builds about 55,000 elements a second on this
#: machine, and the old cap of 50,000 "<" let 50,000 nested "<div>Ingredients" through,
#: 0.85 s of parsing and 1.2-1.6 s of extraction at the 5 MB page cap (issue 15).
MAX_TAGS = 20_000


_TAG_OPENING = re.compile(r"<[A-Za-z!?]")


def cap_tags(document: str) -> str:
    """Cut the document after MAX_TAGS tags (see MAX_TAGS)."""
    for count, match in enumerate(_TAG_OPENING.finditer(document), start=1):
        if count > MAX_TAGS:
            return document[: match.start()]
    return document


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a JSON field holding markup, or plain text)."""
    if "<" not in markup and "&" not in markup:
        return tidy(markup)
    return element_text(BeautifulSoup(cap_tags(markup), "lxml"), max_nodes=2 * MAX_TAGS)


_SET_ASIDE = frozenset({"meta", "script", "title", "h1", *DROP_TAGS})


class Page:
    """A parsed page: its scripts set aside as data, then removed from the tree.

    The tree is walked by plain loops over ``descendants``, once for the tags set aside,
    once for the text nodes (kept, with the ones that are labels): BeautifulSoup's
    find_all() runs a filter per node and cost ten times more, a second per pass on a
    page at the tag cap.
    """

    def __init__(self, document: str) -> None:
        document = cap_tags(document)
        self._lower = document.lower()
        self.soup = BeautifulSoup(document, "lxml")
        self.json_ld: list[object] = []
        self.data_scripts: dict[str, object] = {}
        self.metas: dict[str, str] = {}
        dropped: list[Tag] = []
        title: Tag | None = None
        headings: list[Tag] = []
        for count, tag in enumerate(self.soup.descendants):
            if count & 1023 == 1023:
                check()
            if not isinstance(tag, Tag) or tag.name not in _SET_ASIDE:
                continue
            if tag.name == "meta":
                key = str(tag.get("property") or tag.get("name") or "").lower()
                if tag.get("content"):
                    self.metas.setdefault(key, str(tag["content"]))
                continue
            if tag.name == "title":
                title = title or tag
                continue
            if tag.name == "h1":
                headings.append(tag)
                continue
            if tag.name == "script":
                self._read_script(tag)
            dropped.append(tag)
        self.title = tidy(title.get_text()) if title is not None else ""
        for tag in dropped:
            tag.decompose()
        #: The first <h1> that shows, for the product name.
        self.h1 = next((tag for tag in headings if not tag.decomposed), None)
        self._texts: list[NavigableString] | None = None
        self._labels: list[NavigableString] | None = None
        self._blocks: list[tuple[Tag, str]] | None = None
        self._ids: dict[str, Tag] | None = None
        #: JSON-LD Product objects, found once (see ld_products).
        self.products: list[dict] | None = None

    def by_id(self, key: str) -> Tag | None:
        """The first element with id ``key`` (one walk of the tree for every lookup,
        where soup.find(id=…) walked it once per tab of every label)."""
        if self._ids is None:
            self._ids = {}
            for tag in self.soup.descendants:
                if isinstance(tag, Tag) and tag.get("id") is not None:
                    self._ids.setdefault(str(tag["id"]), tag)
        return self._ids.get(key)

    def texts(self) -> list[NavigableString]:
        """Every text node that shows, with text in it, in document order."""
        if self._texts is None:
            self._texts = []
            for count, node in enumerate(self.soup.descendants):
                if count & 1023 == 1023:
                    check()
                if is_text(node) and not node.isspace() and node:
                    self._texts.append(node)
        return self._texts

    def labels(self) -> list[NavigableString]:
        """The text nodes that are an ingredients label (is_ingredients_label)."""
        if self._labels is None:
            self._labels = [
                node
                for node in self.texts()
                if len(node) <= 80 and is_ingredients_label(node.strip())
            ]
        return self._labels

    def _read_script(self, script: Tag) -> None:
        kind = str(script.get("type") or "").lower()
        if "json" not in kind:
            return
        data = _loads(script.string or "")
        if data is None:
            return
        if "ld+json" in kind:
            self.json_ld.append(data)
        elif script.get("id"):
            self.data_scripts[str(script["id"])] = data

    def select(self, selector: str, *markers: str, limit: int | None = None) -> list[Tag]:
        """``soup.select(selector, limit=limit)``, skipped when none of ``markers`` (lower
        case) is in the page: every CSS select walks the whole tree (up to the ``limit``-th
        match), and most platforms' markup is absent from most pages."""
        if not any(marker in self._lower for marker in markers):
            return []
        return self.soup.select(selector, limit=limit)

    def blocks(self) -> list[tuple[Tag, str]]:
        """(element, text) for each block that holds text of its own, each string counted
        once (see blocks_of)."""
        if self._blocks is None:
            self._blocks = blocks_of(self)
        return self._blocks


def _loads(text: str) -> object | None:
    text = text.strip()
    # Some themes wrap JSON-LD in HTML comments or CDATA.
    text = re.sub(r"^(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)$", "", text).strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def blocks_of(page: Page) -> list[tuple[Tag, str]]:
    """Group every text node under its nearest block element, in document order.

    Each text node is visited once and climbs at most 40 ancestors, so a page of deeply
    nested tags costs no more than a flat one.
    """
    order: list[Tag] = []
    texts: dict[int, list[str]] = {}
    owners: dict[int, Tag] = {}
    for count, node in enumerate(page.texts()):
        if count & 1023 == 1023:
            check()
        block = node.parent
        for _ in range(MAX_CLIMB):
            if block is None or block.name in BLOCK_TAGS or block.name in {"body", "html"}:
                break
            block = block.parent
        if block is None:
            continue
        key = id(block)
        if key not in texts:
            texts[key] = []
            owners[key] = block
            order.append(block)
        previous = node.previous_sibling
        if isinstance(previous, Tag) and (previous.name == "br" or previous.name in BLOCK_TAGS):
            texts[key].append("\n")
        texts[key].append(str(node))
    return [(block, tidy("".join(texts[id(block)]))) for block in order]
