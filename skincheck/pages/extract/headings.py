"""Strategy 3: a heading that says "Ingredients" in one of many languages, and the
content it labels (the panel a tab points to, the rest of a <details>, the next <dd> or
<td>, the panel at the tab's index, the siblings that follow), plus blocks that start
with their own label ("Ingredients: Aqua, …").
"""

from collections.abc import Iterator

from bs4 import NavigableString
from bs4 import Tag
from bs4.element import Comment

from skincheck.core.budget import check
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.pages.extract.labels import DECOY
from skincheck.pages.extract.labels import LEADING_LABEL
from skincheck.pages.extract.lists import clean_list
from skincheck.pages.extract.lists import IsKnown
from skincheck.pages.extract.lists import LABELLED_THRESHOLD
from skincheck.pages.extract.lists import list_score
from skincheck.pages.extract.page import Page
from skincheck.pages.extract.result import best_of
from skincheck.pages.extract.result import ExtractionSource
from skincheck.pages.extract.result import Found
from skincheck.pages.extract.text import BLOCK_TAGS
from skincheck.pages.extract.text import element_text
from skincheck.pages.extract.text import is_text
from skincheck.pages.extract.text import MAX_TEXT_NODES
from skincheck.pages.extract.text import tidy
from skincheck.pages.extract.text import walk
from skincheck.pages.extract.text import words
from skincheck.pages.extract.tree import child_tags
from skincheck.pages.extract.tree import first_descendants
from skincheck.pages.extract.tree import inside
from skincheck.pages.extract.tree import near_parent

_REFERENCE_ATTRIBUTES = ("aria-controls", "data-target", "data-bs-target", "href", "data-href")


def _is_heading_like(node: object) -> bool:
    if not isinstance(node, Tag):
        return False
    if node.name in {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"}:
        return True
    if node.name in {"strong", "b"} or first_descendants(node, {"strong", "b"}, 1):
        text = words(node)
        return 0 < len(text) <= 40 and "," not in text
    return False


def _link_chars(element: Tag) -> int:
    """Characters of ``element`` inside links to other pages."""
    links = [
        node
        for node in walk(element, MAX_TEXT_NODES)
        if isinstance(node, Tag) and node.name == "a" and node.get("href") is not None
    ][:500]
    if element.name == "a" and element.get("href"):
        links.append(element)
    return sum(len(words(link, "")) for link in links if not str(link.get("href")).startswith("#"))


class ReadOnce:
    """The texts of a page's elements read for its labels, each element read once.

    Labels nested one in another's content ("<span>Ingredients</span><span>Aqua…</span>
    <div>" and the same again inside, 4,000 levels) had every label read all the levels
    below it: 0.5 MB cost more than the page budget. A label inside an element already
    read is skipped (``holds``), since that element's text held the label's content,
    and an element asked for twice (50 tabs pointing to one panel) is read once.
    """

    def __init__(self) -> None:
        self._read: dict[int, tuple[str, int]] = {}

    def text_and_links(self, element: Tag) -> tuple[str, int]:
        """``element_text`` of ``element`` and its characters in links to other pages."""
        key = id(element)
        if key not in self._read:
            self._read[key] = (element_text(element), _link_chars(element))
        return self._read[key]

    def content_text(self, element: Tag) -> str:
        """``element_text``, or "" when the element is mostly links to other pages (a
        menu of ingredient collections under an "Ingredients" button, as on purish.com)."""
        text, links = self.text_and_links(element)
        return "" if links * 2 > len(text) else text

    def holds(self, node: Tag) -> bool:
        """Whether an element read so far holds ``node``."""
        return any(id(parent) in self._read for parent in node.parents)


def following_text(element: Tag, reads: ReadOnce | None = None) -> str:
    """Siblings after ``element`` up to the next heading-like sibling ("" for a menu)."""
    reads = reads or ReadOnce()
    parts: list[str] = []
    size = links = 0
    for count, sibling in enumerate(element.next_siblings):
        if count > 300 or _is_heading_like(sibling):
            break
        if isinstance(sibling, Tag):
            if sibling.name == "br":
                parts.append("\n")
                continue
            text, sibling_links = reads.text_and_links(sibling)
            links += sibling_links
            part = "\n" + text + ("\n" if sibling.name in BLOCK_TAGS else "")
        elif isinstance(sibling, NavigableString) and not isinstance(sibling, Comment):
            part = str(sibling)
        else:
            continue
        parts.append(part)
        size += len(part)
        if size > MAX_TEXT_CHARS:
            break
    text = tidy("".join(parts))
    return "" if links * 2 > len(text) else text


def _referenced(element: Tag, page: "Page") -> Tag | None:
    """The panel a tab or button points to (aria-controls, href="#id", data-target), on
    the element, a parent, or a link inside it (WooCommerce: li > a[href="#tab-…"])."""
    inner = first_descendants(element, {"a", "button"}, 2)
    parents = [parent for parent in (element.parent,) if parent is not None]
    if parents and parents[0].parent is not None:
        parents.append(parents[0].parent)
    for holder in (element, *parents, *inner):
        for attribute in _REFERENCE_ATTRIBUTES:
            value = holder.get(attribute)
            if not isinstance(value, str) or not value.strip():
                continue
            target = value.strip()
            if attribute in {"href", "data-href"} and (
                not target.startswith("#") or len(target) < 2
            ):
                continue
            target = target.removeprefix("#")
            found = page.by_id(target)
            if found is not None and found is not holder:
                return found
    return None


def _tab_panel(element: Tag) -> Tag | None:
    """The panel at the same index as the tab ``element``, where tab buttons and panels
    sit in two sibling containers (purish.com: button.tab-navigate ×4, div.tab-item ×4)."""
    tab = element
    for _ in range(3):
        if tab.parent is None:
            return None
        siblings = child_tags(tab.parent)
        same = [child for child in siblings if child.name == tab.name]
        if len(same) >= 2 and len(same) == len(siblings):
            break
        tab = tab.parent
    else:
        return None
    index, count = same.index(tab), len(same)
    container = tab.parent
    for _ in range(3):
        if container is None:
            return None
        for other in container.find_next_siblings(limit=3):
            children = child_tags(other)
            if len(children) == count:
                return children[index]
        container = container.parent
    return None


def _contents_for(heading: Tag, page: "Page", reads: ReadOnce) -> Iterator[str]:
    """Candidate texts for what ``heading`` labels, most specific first."""
    target = _referenced(heading, page)
    if target is not None:
        yield reads.content_text(target)
    details = near_parent(heading, "summary")
    if details is not None and details.parent is not None:
        yield "\n".join(
            reads.content_text(child) if isinstance(child, Tag) else str(child)
            for child in details.parent.children
            if child is not details
        )
    for name, follower in (("dt", "dd"), ("th", "td"), ("td", "td")):
        cell = near_parent(heading, name)
        if cell is not None:
            value = cell.find_next_sibling(follower)
            if value is not None:
                yield reads.content_text(value)
    panel = _tab_panel(heading)
    if panel is not None:
        yield reads.content_text(panel)
    if heading.name in {"th", "td", "li"}:
        # Its siblings are the other column headers or tab titles, not its content.
        return
    # Following siblings, climbing while the heading is alone in its parent
    # (<span><strong>INGREDIENTS</strong></span><br/>Glycerin, … on thaibliss).
    node = heading
    for _ in range(4):
        text = following_text(node, reads)
        if text:
            yield text
        if node.parent is None or node.parent.name in {"body", "html"}:
            break
        node = node.parent


def _has_other_text(parent: Tag, child: Tag) -> bool:
    """Whether ``parent`` shows any text outside ``child`` (at most MAX_TEXT_NODES
    nodes are looked at; past that it counts as holding text)."""
    seen = 0
    for sibling in parent.children:
        if sibling is child:
            continue
        if isinstance(sibling, Tag):
            for node in walk(sibling, MAX_TEXT_NODES):
                seen += 1
                if seen > MAX_TEXT_NODES:
                    return True
                if is_text(node) and node.strip():
                    return True
        elif is_text(sibling) and sibling.strip():
            return True
    return False


def from_headings(page: Page, is_known: IsKnown | None) -> Found | None:
    reads = ReadOnce()
    seen: set[str] = set()
    texts: list[str] = []
    checked = 0
    for node in page.labels():
        heading = node.parent
        checked += 1
        if checked > 50:
            break
        check()
        if heading is None or inside(heading, frozenset({"nav", "select", "option"})):
            continue
        # A link to another page is navigation ("Ingredients" in purish's mega menu
        # leads to /collections/ingredients), not a label for what follows it.
        link = near_parent(heading, "a")
        if link is not None and not str(link.get("href") or "#").startswith("#"):
            continue
        # The heading is the largest element around the label that holds nothing else.
        # Climbing compares siblings only: comparing each parent's whole text cost
        # O(depth²), 70 s for "Ingredients" inside 16,000 nested spans.
        while (parent := heading.parent) is not None and parent.name not in {"body", "html"}:
            if _has_other_text(parent, heading):
                break
            heading = parent
        if reads.holds(heading):
            continue
        for text in _contents_for(heading, page, reads):
            cleaned = clean_list(text)
            if (
                cleaned
                and cleaned not in seen
                and list_score(cleaned, is_known, threshold=LABELLED_THRESHOLD)
                >= LABELLED_THRESHOLD
            ):
                seen.add(cleaned)
                texts.append(cleaned)
                break
    # A block that starts with its own label: "<p>Ingredients: Aqua, Glycerin, …</p>".
    for _, text in page.blocks():
        if LEADING_LABEL.match(text) and not DECOY.search(text[:40]):
            texts.append(text)
    return best_of(texts, ExtractionSource.HEADING, 0.85, is_known)
