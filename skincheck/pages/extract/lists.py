"""Does a text look like an ingredient list, and how is it shown: splitting into items,
the list score, per-shade lists, and the list cleaned of its label and copies.

It reads plain text only; where the text comes from is the strategies' business.
"""

import re
from collections.abc import Callable

from skincheck.core.budget import check
from skincheck.core.reader.items import BLEND
from skincheck.pages.extract.labels import FUNCTION_WORDS
from skincheck.pages.extract.labels import is_ingredients_label
from skincheck.pages.extract.labels import LEADING_LABEL
from skincheck.pages.extract.labels import NOT_A_SHADE_NAME
from skincheck.pages.extract.labels import STARTS_LIKE_A_LIST
from skincheck.pages.extract.text import tidy

IsKnown = Callable[[str], bool]


#: The most distinct names ``is_known`` is asked about per page, and the most items of
#: one candidate it is asked about. An unknown name costs a close-match search in the
#: inventory (about 120 µs): a 5 MB page of unknown names took 25-35 s when every item
#: of every block was asked about. Past the cap a name counts as not known.
MAX_KNOWN_LOOKUPS = 1_000


MAX_ITEMS_LOOKED_UP = 100


class Lookups:
    """``is_known`` remembered per name and capped per page (see MAX_KNOWN_LOOKUPS)."""

    def __init__(self, is_known: IsKnown) -> None:
        self._is_known = is_known
        self._seen: dict[str, bool] = {}

    def __call__(self, name: str) -> bool:
        known = self._seen.get(name)
        if known is None:
            known = len(self._seen) < MAX_KNOWN_LOOKUPS and bool(self._is_known(name))
            if len(self._seen) < 4 * MAX_KNOWN_LOOKUPS:
                self._seen[name] = known
        return known


# "、" and "，" separate items in Japanese and Chinese lists.
_SPLIT_OR_BRACKET = re.compile(r"[,;•·|\n、，；()\[\]{}]")


def split_items(text: str) -> list[str]:
    """Split on commas, semicolons, bullets, bars and line breaks outside brackets."""
    items: list[str] = []
    depth = 0
    start = 0
    # Only brackets and separators matter: visiting them alone, not every character,
    # made the scan of a 4 MB page of list-like blocks three times cheaper.
    for match in _SPLIT_OR_BRACKET.finditer(text):
        char = match.group()
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif depth == 0:
            index = match.start()
            items.append(text[start:index])
            start = index + 1
    items.append(text[start:])
    return [item.strip(" .\t") for item in items if item.strip(" .\t")]


#: The most items list_score reads for its shares of short, capitalised and wordy items:
#: more than any real list holds (the longest in the corpus has a few hundred).
_MAX_ITEMS_SCORED = 1_000


def list_score(
    text: str,
    is_known: IsKnown | None = None,
    *,
    commas_needed: int = 0,
    threshold: float = 0.0,
) -> float:
    """How much ``text`` looks like an ingredient list, 0..1.

    A list has many short items, mostly starting with a capital or a digit, without the
    little words of sentences; if ``is_known`` is given, recognised names count most
    (the first MAX_ITEMS_LOOKED_UP items are asked about). ``commas_needed`` demands
    that many commas or semicolons outside brackets (a menu of short lines is not a
    list). A text that cannot reach ``threshold`` even if every name were known is not
    looked up at all: it scores as if none were.
    """
    if not text:
        return 0.0
    items = split_items(text)
    if len(items) < 3:
        return 0.0
    # A stack of short lines with no comma at all is weak evidence (a row of table
    # headers, tab titles): it must be longer to count.
    if len(items) < 5 and not re.search(r"[,;、，；]", text):
        return 0.0
    if commas_needed:
        # An unlabelled list is a run of commas, not a stack of short lines (a menu, an
        # address block: goldapple_1 prints the maker's address in 8 short lines).
        flat = re.sub(r"\([^()]*\)", "", text)
        commas = len(re.findall(r"[,;]", flat))
        if commas < max(commas_needed, 2 * text.count("\n")):
            return 0.0
    # The shares below are taken over the first _MAX_ITEMS_SCORED items: a 5 MB line of
    # 190,000 made-up names spent 0.6 s of CPU on the function-word search alone.
    sample = items[:_MAX_ITEMS_SCORED]
    short = sum(1 for item in sample if len(item) <= 60 and len(item.split()) <= 7)
    # Latin INCI names start with a capital or a digit ("CI 77891", "1,2-Hexanediol");
    # scripts without case (成分 lists) count as capitals.
    capital = sum(1 for item in sample if item[:1].isalnum() and not item[:1].islower())
    wordy = sum(1 for item in sample if FUNCTION_WORDS.search(BLEND.sub("", item)))
    n, m = len(items), len(sample)
    score = (
        0.15 * min(1.0, (n - 2) / 8)
        + 0.40 * short / m
        + 0.20 * capital / m
        + 0.25 * (1 - wordy / m)
    )
    if wordy / m > 0.34:
        score *= 0.5
    if is_known is not None:
        asked = items[:MAX_ITEMS_LOOKED_UP]
        known = 0
        if 0.6 * score + 0.45 >= threshold:
            known = sum(1 for item in asked if is_known(item))
        score = 0.6 * score + 0.4 * min(1.0, 1.5 * known / len(asked))
    if STARTS_LIKE_A_LIST.match(items[0]):
        score = min(1.0, score + 0.05)
    return round(score, 3)


#: Below this a labelled block (by markup or heading) is not taken as the list.
LABELLED_THRESHOLD = 0.55


#: Below this an unlabelled block is not taken as the list.
SCAN_THRESHOLD = 0.75


def clean_list(text: str) -> str:
    """The list as shown to the person: label and duplicated copies removed."""
    lines = tidy(text).split("\n")
    # A heading left above the list ("Ingredients" on its own line).
    while lines and is_ingredients_label(lines[0]):
        lines.pop(0)
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        # The same long line twice is a desktop and a mobile copy of one list
        # (purish.com prints every panel twice).
        if line in seen and (len(line) >= 40 or line.count(",") >= 3):
            continue
        kept.append(line)
        seen.add(line)
    text = "\n".join(kept)
    return LEADING_LABEL.sub("", text, count=1).strip()


# Per-shade lists: "Coral Crush: Aqua (Water), … | Pinkalicious: Aqua …" (purish.com) or
# one per line, "1. 복숭아향 : 정제수, …" (Olive Young).
_SHADE_PARTS = re.compile(r"\s+\|\s+|\n")


_SHADE = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?([^:：,;()\n]{1,40}?)\s*[:：]\s*(\S.*)$", re.S)


def split_shades(text: str, is_known: IsKnown | None = None) -> tuple[tuple[str, str], ...]:
    """Per-shade lists printed one after another, or () when the text holds one list."""
    parts = [part for part in _SHADE_PARTS.split(text) if part.strip()]
    if len(parts) < 2:
        return ()
    shades = []
    for part in parts:
        match = _SHADE.match(part)
        if not match:
            return ()
        name, body = match.group(1).strip(), match.group(2).strip()
        if is_ingredients_label(name) or NOT_A_SHADE_NAME.search(name):
            return ()
        check()
        if list_score(body, is_known, threshold=LABELLED_THRESHOLD) < LABELLED_THRESHOLD:
            return ()
        shades.append((name, body))
    return tuple(shades)
