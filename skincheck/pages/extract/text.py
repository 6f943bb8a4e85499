"""The visible text of page elements: a subtree walked within a cap, line breaks at
block edges and <br>, spaces tidied, control characters removed.

It decides nothing about what a text means (lists.py and labels.py do) and parses no
markup (page.py does).
"""

import re
import unicodedata
from collections.abc import Iterator

from bs4 import NavigableString
from bs4 import Tag
from bs4.element import Comment
from bs4.element import Doctype
from bs4.element import ProcessingInstruction

from skincheck.core.budget import check
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS

#: The most nodes element_text walks: an element of 50,000 empty tags has no text to
#: stop at, and the heading step reads the text after up to 50 labels.
MAX_TEXT_NODES = 20_000


BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)


DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas")


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")


# C0 controls but tab, line break, vertical tab, form feed and carriage return (which
# _SPACES turns into spaces), DEL and the C1 controls: a product name holding
# "\x1b]0;…\x07" or "\x9b2J" was printed by the CLI as a terminal command, even piped.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters, line breaks and tabs kept."""
    return _CONTROLS.sub("", text)


def is_text(node: object) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, Comment | Doctype | ProcessingInstruction
    )


def walk(element: Tag, max_nodes: int) -> Iterator[object]:
    """The nodes under ``element`` in document order, at most ``max_nodes`` of them.

    Not ``element.descendants``: BeautifulSoup first finds the subtree's last node, by
    going down the last child of every level, so each use cost the subtree's depth even
    when the loop stopped at once (50 labels in 50,000 nested divs: 1.2 s).
    """
    stack = [iter(element.contents)]
    count = 0
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        yield node
        count += 1
        if count >= max_nodes:
            return
        if count & 1023 == 0:
            check()
        if isinstance(node, Tag) and node.contents:
            stack.append(iter(node.contents))


def words(element: Tag, separator: str = " ", max_nodes: int = MAX_TEXT_NODES) -> str:
    """``element.get_text(separator, strip=True)`` from at most ``max_nodes`` nodes."""
    return separator.join(
        text for node in walk(element, max_nodes) if is_text(node) and (text := node.strip())
    )


def _strings_of(element: Tag, max_nodes: int = MAX_TEXT_NODES) -> Iterator[str]:
    """The text of ``element`` in order, with "\\n" at <br> and at block edges; at most
    ``max_nodes`` nodes are visited."""
    for node in walk(element, max_nodes):
        if isinstance(node, Tag):
            if node.name == "br" or node.name in BLOCK_TAGS:
                yield "\n"
        elif isinstance(node, NavigableString) and not isinstance(
            node, Comment | Doctype | ProcessingInstruction
        ):
            previous = node.previous_sibling
            if isinstance(previous, Tag) and previous.name in BLOCK_TAGS:
                yield "\n"
            yield str(node)


def tidy(text: str) -> str:
    """One space between words, no blank lines, each line trimmed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", _CONTROLS.sub("", text)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def element_text(
    element: Tag, limit: int = MAX_TEXT_CHARS, max_nodes: int = MAX_TEXT_NODES
) -> str:
    """The visible text of ``element``, tidied, keeping line breaks, at most ``limit``
    characters from at most ``max_nodes`` nodes."""
    parts: list[str] = []
    size = 0
    for part in _strings_of(element, max_nodes):
        parts.append(part)
        size += len(part)
        if size > limit * 2:
            break
    return tidy("".join(parts))[:limit]


def cap_marketing(parts: list[str]) -> str:
    kept: list[str] = []
    for part in parts:
        part = tidy(part)
        if part and part not in kept:
            kept.append(part)
    return "\n".join(kept)[:MAX_CLAIMS_CHARS]
