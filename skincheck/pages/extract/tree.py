"""Bounded moves around the parsed tree: children, ancestors, the first descendants of a
kind, and the short label a page shows for a panel (label_of).

Every move is capped (MAX_CLIMB levels, MAX_CHILDREN children), so a hostile page of
deep or wide markup costs no more than a plain one.
"""

from bs4 import Tag

from skincheck.pages.extract.labels import DECOY
from skincheck.pages.extract.text import walk
from skincheck.pages.extract.text import words

#: The most ancestors a step climbs, and the most children of one element it lists.
MAX_CLIMB = 40


MAX_CHILDREN = 200


SKIP_ANCESTORS = frozenset({"nav", "header", "footer", "select", "option", "button", "form"})


def child_tags(element: Tag) -> list[Tag]:
    """The child elements of ``element``; [] when it has more than MAX_CHILDREN (no
    row of tabs or panels is that long, and listing 100,000 children per label was)."""
    children: list[Tag] = []
    for child in element.children:
        if isinstance(child, Tag):
            children.append(child)
            if len(children) > MAX_CHILDREN:
                return []
    return children


def inside(element: Tag, names: frozenset[str]) -> bool:
    for index, parent in enumerate(element.parents):
        if parent.name in names:
            return True
        if index > 60:
            return False
    return False


def near_parent(element: Tag, name: str) -> Tag | None:
    """``element`` or its nearest ancestor called ``name``, within MAX_CLIMB levels."""
    node: Tag | None = element
    for _ in range(MAX_CLIMB + 1):
        if node is None:
            return None
        if node.name == name:
            return node
        node = node.parent
    return None


def first_descendants(element: Tag, names: set[str], limit: int) -> list[Tag]:
    """Up to ``limit`` descendants called one of ``names``, among the first
    MAX_CHILDREN nodes (a link inside a tab sits near its top)."""
    found: list[Tag] = []
    for node in walk(element, MAX_CHILDREN):
        if len(found) >= limit:
            break
        if isinstance(node, Tag) and node.name in names:
            found.append(node)
    return found


def short_text(element: Tag) -> str | None:
    text = words(element)
    return text if 0 < len(text) <= 60 else None


def label_of(element: Tag) -> str | None:
    """The short label a page shows for the panel holding ``element``: the <summary> of
    its <details>, a short element just before it, or the tab at the same index in a
    sibling row of tabs. None when nothing labels it within a few levels."""
    node = element
    for _ in range(8):
        previous = node.find_previous_sibling()
        if previous is not None and (label := short_text(previous)):
            return label
        parent = node.parent
        if parent is None or parent.name in {"body", "html", "[document]"}:
            return None
        if parent.name == "details":
            summary = parent.find("summary")
            if summary is not None and summary is not node:
                return short_text(summary)
        siblings = child_tags(parent)
        if len(siblings) >= 2 and all(child.name == node.name for child in siblings):
            index, container = siblings.index(node), parent
            for _ in range(3):
                if container is None:
                    break
                for other in container.find_previous_siblings(limit=3):
                    tabs = child_tags(other)
                    if len(tabs) == len(siblings) and (label := short_text(tabs[index])):
                        return label
                container = container.parent
        node = parent
    return None


def is_decoy(element: Tag) -> bool:
    """True when ``element`` sits under a "Key ingredients" kind of label."""
    label = label_of(element)
    return label is not None and bool(DECOY.search(label))
