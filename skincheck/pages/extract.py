"""Find the ingredient list in a product page (HTML or JSON), and the page's name and claims.

``extract`` is a pure function of the text it is given: it opens no connection and
reads no file. It tries, in this order, and keeps the first list it finds:

1. platform markup whose meaning is known (Shopify metafields and accordions,
   WooCommerce tabs and attribute rows, THG, Sephora's embedded JSON, Amazon's
   "Important information", INCIDecoder, CosDNA, Rossmann, Olive Young);
2. structured data (JSON-LD ``Product``, microdata);
3. a heading that says "Ingredients" in one of many languages, and the content it
   labels (tab panel, accordion, next paragraph, ``dd``, ``td``);
4. a scored scan of list-like text blocks.

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
"""

import html
import json
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from bs4 import BeautifulSoup
from bs4 import NavigableString
from bs4 import Tag
from bs4.element import Comment
from bs4.element import Doctype
from bs4.element import ProcessingInstruction

from skincheck.core.budget import check
from skincheck.core.budget import cpu_budget
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS

#: The most characters of a document we parse (the fetcher stops at 5 MB anyway).
MAX_DOCUMENT_CHARS = 6_000_000
#: The most tags we let the parser see, counted as the openings of elements, comments
#: and declarations ("<" and a letter, "!" or "?"; closing tags build nothing). The
#: largest real product pages we have open 1,300 to 3,200 elements (rossmann.de,
#: purish.com, 0.9-1 MB); BeautifulSoup builds about 55,000 elements a second on this
#: machine, and the old cap of 50,000 "<" let 50,000 nested "<div>Ingredients" through,
#: 0.85 s of parsing and 1.2-1.6 s of extraction at the 5 MB page cap (issue 15).
MAX_TAGS = 20_000
#: The most JSON values we visit in one document.
MAX_JSON_NODES = 200_000
#: The most candidate texts scored for one place on the page (one _best call). A real
#: page offers a handful; a page of 100,000 "Ingredients: …" paragraphs offered them all.
MAX_CANDIDATES = 200
#: The most distinct names ``is_known`` is asked about per page, and the most items of
#: one candidate it is asked about. An unknown name costs a close-match search in the
#: inventory (about 120 µs): a 5 MB page of unknown names took 25-35 s when every item
#: of every block was asked about. Past the cap a name counts as not known.
MAX_KNOWN_LOOKUPS = 1_000
MAX_ITEMS_LOOKED_UP = 100
#: CPU seconds one extraction may spend (skincheck.core.budget); the fixes keep a 5 MB
#: page under about one second, this stops whatever shape they missed.
PAGE_CPU_SECONDS = 2.0
#: The most ancestors a step climbs, and the most children of one element it lists.
_MAX_CLIMB = 40
_MAX_CHILDREN = 200
#: The most nodes element_text walks: an element of 50,000 empty tags has no text to
#: stop at, and the heading step reads the text after up to 50 labels.
_MAX_TEXT_NODES = 20_000

IsKnown = Callable[[str], bool]


class _Lookups:
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


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a product page told us."""

    #: The ingredient list as printed, with its own separators; None when none was found.
    text: str | None
    #: Where the list came from ("shopify-metafield", "json-ld", "heading", …), or "none".
    source: str
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
class _Found:
    text: str
    source: str
    confidence: float
    shades: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------------
# Words and labels

# What shops print above the list. Matched against a whole short text, never searched
# for inside a longer one, so "Key ingredients" and "Hero ingredients" do not match.
_LABEL_WORDS = (
    r"(?:full |complete |all |inactive |other |product )?ingredients?(?: list)?(?: inci)?",
    r"ingredient(?:s)? \(inci\)",
    r"inci(?: list| names?)?",
    r"composition",
    r"inhaltsstoffe(?: inci)?",
    r"zutaten",
    r"ingrédients",
    r"ingredientes",
    r"ingredienti",
    r"ingrediënten",
    r"składniki",
    r"skład",
    r"состав",
    r"ingrediencie",
    r"složení",
    r"összetevők",
    r"sammansättning",
    r"ingredienser",
    r"ainesosat",
    r"συστατικά",
    r"içindekiler",
    r"samenstelling",
    r"成分",
    r"全成分",
    r"成份",
    r"全成份",
    r"配合成分",
    r"전성분",
    r"성분",
    r"전성분 표기",
)
_LABEL = re.compile(rf"^(?:{'|'.join(_LABEL_WORDS)})$")
# A list that begins with its own label: "Ingredients: Aqua, …", "INCI: Aqua, …".
_LEADING_LABEL = re.compile(rf"^\s*(?:{'|'.join(_LABEL_WORDS)})\s*[:：]\s*", re.IGNORECASE)
# Marketing blocks about a few actives, never the full list.
_DECOY = re.compile(
    r"\b(?:key|hero|star|main|featured|highlighted|signature|power|spotlight)\b.*"
    r"\b(?:ingredients?|inhaltsstoffe|wirkstoffe|ingrédients|ingredientes)\b"
    r"|what'?s in it|ingredient spotlight|wirkstoffe",
    re.IGNORECASE,
)
_SYMBOLS = re.compile(r"[\W_]+", re.UNICODE)


def _label_form(text: str) -> str:
    """``text`` as compared with the labels: emoji, punctuation and case removed
    ("🌱 Ingredients:" → "ingredients", "INGREDIENTS (INCI)" → "ingredients inci")."""
    if len(text) > 60:
        return ""
    return " ".join(_SYMBOLS.sub(" ", text).split()).casefold()


def is_ingredients_label(text: str) -> bool:
    """True when ``text`` is a label for the full ingredient list, in one of the
    languages above; False for "Key ingredients" and other marketing headings."""
    form = _label_form(text)
    return bool(form) and bool(_LABEL.match(form)) and not _DECOY.search(text)


# ---------------------------------------------------------------------------
# Does a text look like an ingredient list?

# "、" and "，" separate items in Japanese and Chinese lists.
_SPLIT_OR_BRACKET = re.compile(r"[,;•·|\n、，；()\[\]{}]")
_FUNCTION_WORDS = re.compile(
    r"\b(?:the|and|with|for|your|you|our|this|that|is|are|will|can|helps?|skin|"
    r"und|mit|für|der|die|das|ist|ihre?|le|la|les|et|avec|pour|votre|el|los|con|para)\b",
    re.IGNORECASE,
)
_BLEND = re.compile(r"\((?:and|und|et|y)\)", re.IGNORECASE)
_STARTS_LIKE_A_LIST = re.compile(r"^(?:aqua|water|eau|glycerin|h2o)\b", re.IGNORECASE)


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
    wordy = sum(1 for item in sample if _FUNCTION_WORDS.search(_BLEND.sub("", item)))
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
    if _STARTS_LIKE_A_LIST.match(items[0]):
        score = min(1.0, score + 0.05)
    return round(score, 3)


#: Below this a labelled block (by markup or heading) is not taken as the list.
_LABELLED_THRESHOLD = 0.55
#: Below this an unlabelled block is not taken as the list.
_SCAN_THRESHOLD = 0.75


# ---------------------------------------------------------------------------
# Text of elements

_BLOCK_TAGS = frozenset(
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
_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "canvas")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# C0 controls but tab, line break, vertical tab, form feed and carriage return (which
# _SPACES turns into spaces), DEL and the C1 controls: a product name holding
# "\x1b]0;…\x07" or "\x9b2J" was printed by the CLI as a terminal command, even piped.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without control characters, line breaks and tabs kept."""
    return _CONTROLS.sub("", text)


def _walk(element: Tag, max_nodes: int) -> Iterator[object]:
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


def _words(element: Tag, separator: str = " ", max_nodes: int = _MAX_TEXT_NODES) -> str:
    """``element.get_text(separator, strip=True)`` from at most ``max_nodes`` nodes."""
    return separator.join(
        text for node in _walk(element, max_nodes) if _is_text(node) and (text := node.strip())
    )


def _strings_of(element: Tag, max_nodes: int = _MAX_TEXT_NODES) -> Iterator[str]:
    """The text of ``element`` in order, with "\\n" at <br> and at block edges; at most
    ``max_nodes`` nodes are visited."""
    for node in _walk(element, max_nodes):
        if isinstance(node, Tag):
            if node.name == "br" or node.name in _BLOCK_TAGS:
                yield "\n"
        elif isinstance(node, NavigableString) and not isinstance(
            node, Comment | Doctype | ProcessingInstruction
        ):
            previous = node.previous_sibling
            if isinstance(previous, Tag) and previous.name in _BLOCK_TAGS:
                yield "\n"
            yield str(node)


def _tidy(text: str) -> str:
    """One space between words, no blank lines, each line trimmed."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", _CONTROLS.sub("", text)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def element_text(
    element: Tag, limit: int = MAX_TEXT_CHARS, max_nodes: int = _MAX_TEXT_NODES
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
    return _tidy("".join(parts))[:limit]


def _fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a JSON field holding markup, or plain text)."""
    if "<" not in markup and "&" not in markup:
        return _tidy(markup)
    return element_text(BeautifulSoup(_cap_tags(markup), "lxml"), max_nodes=2 * MAX_TAGS)


def _clean_list(text: str) -> str:
    """The list as shown to the person: label and duplicated copies removed."""
    lines = _tidy(text).split("\n")
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
    return _LEADING_LABEL.sub("", text, count=1).strip()


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
        if is_ingredients_label(name) or re.search(r"may contain|\+/", name, re.I):
            return ()
        check()
        if list_score(body, is_known, threshold=_LABELLED_THRESHOLD) < _LABELLED_THRESHOLD:
            return ()
        shades.append((name, body))
    return tuple(shades)


# ---------------------------------------------------------------------------
# JSON


def _json_nodes(
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


_INGREDIENT_KEY = re.compile(
    r"^(?:full_?|all_?|inactive_?)?(?:ingredients?|inci)(?:_?(?:desc|text|list|inci|html))?$"
    r"|^ftrdingrdtext$|^ingredientdesc$|^inhaltsstoffe$",
    re.IGNORECASE,
)
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
    for _, node, _ in _json_nodes(value):
        if isinstance(node, str) and node.strip():
            found.append(node)
        budget -= 1
        if budget <= 0:
            break
    return found


def _json_candidates(root: object, max_nodes: int = MAX_JSON_NODES) -> Iterator[str]:
    """Texts that a JSON document itself labels as the ingredient list."""
    for key, value, _ in _json_nodes(root, max_nodes):
        if key and isinstance(value, str) and _INGREDIENT_KEY.match(key.replace("-", "_")):
            yield _fragment_text(value)
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
                        yield _fragment_text("\n".join(contents))
                    break


def _best(
    texts: list[str] | Iterator[str],
    source: str,
    confidence: float,
    is_known: IsKnown | None,
    threshold: float = _LABELLED_THRESHOLD,
) -> _Found | None:
    """The most list-like of ``texts`` above ``threshold`` (longer wins a tie)."""
    best: tuple[float, int, str] | None = None
    for count, raw in enumerate(texts):
        if count >= MAX_CANDIDATES:
            break
        check()
        text = _clean_list(raw)
        score = list_score(text, is_known, threshold=threshold)
        if score >= threshold and (best is None or (score, len(text)) > best[:2]):
            best = (score, len(text), text)
    if best is None:
        return None
    score, _, text = best
    return _Found(
        text=text,
        source=source,
        confidence=round(min(1.0, confidence * (0.6 + 0.4 * score)), 2),
        shades=split_shades(text, is_known),
    )


def _json_product(root: object) -> dict | None:
    """The first object stored under a "product" key (breadth first), if any."""
    for key, value, _ in _json_nodes(root):
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
                return _tidy(value)
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
                    parts.append(_fragment_text(value))
    return _cap_marketing(parts)


def _from_json(document: str, is_known: IsKnown | None) -> Extraction:
    try:
        root = json.loads(document)
    except (ValueError, RecursionError):
        return _nothing(None, "", "The JSON could not be read.")
    name = _json_name(root)
    marketing = _json_marketing(root)
    found = _best(_json_candidates(root), "json", 0.9, is_known)
    if found is None:
        # A Shopify product .json keeps its only free text in body_html.
        product = root.get("product") if isinstance(root, dict) else None
        body = product.get("body_html") if isinstance(product, dict) else None
        if isinstance(body, str) and body.strip():
            page = _Page(body)
            found = _headings(page, is_known) or _scan(page, is_known)
    if found is None:
        return _nothing(name, marketing, "The data has no field that holds an ingredient list.")
    return _result(found, name, marketing)


# ---------------------------------------------------------------------------
# HTML


_TAG_OPENING = re.compile(r"<[A-Za-z!?]")


def _cap_tags(document: str) -> str:
    """Cut the document after MAX_TAGS tags (see MAX_TAGS)."""
    for count, match in enumerate(_TAG_OPENING.finditer(document), start=1):
        if count > MAX_TAGS:
            return document[: match.start()]
    return document


_SET_ASIDE = frozenset({"meta", "script", "title", "h1", *_DROP_TAGS})


class _Page:
    """A parsed page: its scripts set aside as data, then removed from the tree.

    The tree is walked by plain loops over ``descendants``, once for the tags set aside,
    once for the text nodes (kept, with the ones that are labels): BeautifulSoup's
    find_all() runs a filter per node and cost ten times more, a second per pass on a
    page at the tag cap.
    """

    def __init__(self, document: str) -> None:
        document = _cap_tags(document)
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
        self.title = _tidy(title.get_text()) if title is not None else ""
        for tag in dropped:
            tag.decompose()
        #: The first <h1> that shows, for the product name.
        self.h1 = next((tag for tag in headings if not tag.decomposed), None)
        self._texts: list[NavigableString] | None = None
        self._labels: list[NavigableString] | None = None
        self._blocks: list[tuple[Tag, str]] | None = None
        self._ids: dict[str, Tag] | None = None
        #: JSON-LD Product objects, found once (see _ld_products).
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
                if _is_text(node) and not node.isspace() and node:
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

    def select(self, selector: str, *markers: str) -> list[Tag]:
        """``soup.select(selector)``, skipped when none of ``markers`` (lower case) is in
        the page: every CSS select walks the whole tree, and most platforms' markup is
        absent from most pages."""
        if not any(marker in self._lower for marker in markers):
            return []
        return self.soup.select(selector)

    def blocks(self) -> list[tuple[Tag, str]]:
        """(element, text) for each block that holds text of its own, each string counted
        once (see _blocks_of)."""
        if self._blocks is None:
            self._blocks = _blocks_of(self)
        return self._blocks


def _loads(text: str) -> object | None:
    text = text.strip()
    # Some themes wrap JSON-LD in HTML comments or CDATA.
    text = re.sub(r"^(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)$", "", text).strip()
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


_SKIP_ANCESTORS = frozenset({"nav", "header", "footer", "select", "option", "button", "form"})


def _blocks_of(page: _Page) -> list[tuple[Tag, str]]:
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
        for _ in range(_MAX_CLIMB):
            if block is None or block.name in _BLOCK_TAGS or block.name in {"body", "html"}:
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
        if isinstance(previous, Tag) and (previous.name == "br" or previous.name in _BLOCK_TAGS):
            texts[key].append("\n")
        texts[key].append(str(node))
    return [(block, _tidy("".join(texts[id(block)]))) for block in order]


def _child_tags(element: Tag) -> list[Tag]:
    """The child elements of ``element``; [] when it has more than _MAX_CHILDREN (no
    row of tabs or panels is that long, and listing 100,000 children per label was)."""
    children: list[Tag] = []
    for child in element.children:
        if isinstance(child, Tag):
            children.append(child)
            if len(children) > _MAX_CHILDREN:
                return []
    return children


def _inside(element: Tag, names: frozenset[str]) -> bool:
    for index, parent in enumerate(element.parents):
        if parent.name in names:
            return True
        if index > 60:
            return False
    return False


# ---------------------------------------------------------------------------
# 1. Platform markup


def _short_text(element: Tag) -> str | None:
    text = _words(element)
    return text if 0 < len(text) <= 60 else None


def label_of(element: Tag) -> str | None:
    """The short label a page shows for the panel holding ``element``: the <summary> of
    its <details>, a short element just before it, or the tab at the same index in a
    sibling row of tabs. None when nothing labels it within a few levels."""
    node = element
    for _ in range(8):
        previous = node.find_previous_sibling()
        if previous is not None and (label := _short_text(previous)):
            return label
        parent = node.parent
        if parent is None or parent.name in {"body", "html", "[document]"}:
            return None
        if parent.name == "details":
            summary = parent.find("summary")
            if summary is not None and summary is not node:
                return _short_text(summary)
        siblings = _child_tags(parent)
        if len(siblings) >= 2 and all(child.name == node.name for child in siblings):
            index, container = siblings.index(node), parent
            for _ in range(3):
                if container is None:
                    break
                for other in container.find_previous_siblings(limit=3):
                    tabs = _child_tags(other)
                    if len(tabs) == len(siblings) and (label := _short_text(tabs[index])):
                        return label
                container = container.parent
        node = parent
    return None


def _is_decoy(element: Tag) -> bool:
    """True when ``element`` sits under a "Key ingredients" kind of label."""
    label = label_of(element)
    return label is not None and bool(_DECOY.search(label))


def _shopify(page: _Page, is_known: IsKnown | None) -> _Found | None:
    # Merchants store the list in a metafield; themes print it through metafield_tag.
    fields = page.select(
        ".metafield-multi_line_text_field, .metafield-rich_text_field, "
        ".metafield-single_line_text_field",
        "metafield-",
    )[:100]
    labelled, unlabelled = [], []
    for field in fields:
        label = label_of(field)
        if label is not None and _DECOY.search(label):
            continue
        # purish.com labels its panels by tab index: "🌱 Ingredients" is the 2nd button.
        group = labelled if label is not None and is_ingredients_label(label) else unlabelled
        group.append(element_text(field))
    found = _best(labelled, "shopify-metafield", 0.95, is_known) or _best(
        unlabelled, "shopify-metafield", 0.9, is_known
    )
    if found:
        return found
    # Dawn and its many copies: details > summary .accordion__title + .accordion__content.
    panels = []
    for details in page.select("details", "<details"):
        title = details.select_one(".accordion__title") or details.find("summary")
        content = details.select_one(".accordion__content")
        if title is not None and content is not None and is_ingredients_label(_words(title)):
            panels.append(element_text(content))
    return _best(panels, "shopify-accordion", 0.95, is_known)


def _woocommerce(page: _Page, is_known: IsKnown | None) -> _Found | None:
    panels = []
    for panel in page.select("div.woocommerce-Tabs-panel", "woocommerce-tabs-panel"):
        key = str(panel.get("id") or "").removeprefix("tab-")
        title = page.soup.find(id=f"tab-title-{key}")
        title_text = _words(title) if title else ""
        if is_ingredients_label(title_text) or (not title_text and "ingredient" in key):
            panels.append(element_text(panel))
    found = _best(panels, "woocommerce-tab", 0.95, is_known)
    if found:
        return found
    rows = []
    for row in page.select(
        "tr.woocommerce-product-attributes-item", "woocommerce-product-attributes-item"
    ):
        label, value = row.find("th"), row.find("td")
        if label and value and is_ingredients_label(_words(label)):
            rows.append(element_text(value))
    return _best(rows, "woocommerce-attribute", 0.95, is_known)


def _selected(
    page: _Page,
    selector: str,
    marker: str,
    source: str,
    is_known: IsKnown | None,
    *,
    joined: bool = False,
) -> _Found | None:
    """The text at ``selector``; with ``joined``, one ingredient per element, joined by ", "."""
    elements = page.select(selector, marker)
    if not elements:
        return None
    if joined:
        names = [element_text(element).replace("\n", " ") for element in elements]
        return _best([", ".join(name for name in names if name)], source, 0.95, is_known)
    return _best([element_text(element) for element in elements], source, 0.95, is_known)


def _sephora(page: _Page, is_known: IsKnown | None) -> _Found | None:
    # script#linkStore: page.product.currentSku.ingredientDesc, and one ingredientDesc per
    # shade in page.product.regularChildSkus[]. The field is HTML: key-ingredient bullets
    # ("-Glycolic Acid: exfoliates") then <br><br> then the full list.
    store = page.data_scripts.get("linkStore")
    product = _dig(store, "page", "product")
    if not isinstance(product, dict):
        return None
    current = _sephora_list(_dig(product, "currentSku", "ingredientDesc"), is_known)
    shades = []
    for sku in product.get("regularChildSkus") or []:
        if not isinstance(sku, dict):
            continue
        text = _sephora_list(sku.get("ingredientDesc"), is_known)
        name = sku.get("variationValue") or sku.get("skuName") or sku.get("skuId")
        if text and isinstance(name, str):
            shades.append((_tidy(name), text))
    if current is None and not shades:
        return None
    if current is None:
        current = " | ".join(f"{name}: {text}" for name, text in shades)
    distinct = {text for _, text in shades}
    return _Found(
        text=current,
        source="sephora-json",
        confidence=0.95,
        shades=tuple(shades) if len(distinct) > 1 else (),
    )


def _sephora_list(markup: object, is_known: IsKnown | None) -> str | None:
    if not isinstance(markup, str):
        return None
    paragraphs = re.split(r"(?:<br\s*/?>\s*){2,}|\n\s*\n", markup)
    texts = [
        "\n".join(
            line for line in _fragment_text(paragraph).split("\n") if not line.startswith("-")
        )
        for paragraph in paragraphs
    ]
    found = _best(texts, "sephora-json", 0.95, is_known)
    return found.text if found else None


def _dig(value: object, *keys: str) -> object:
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _amazon(page: _Page, is_known: IsKnown | None) -> _Found | None:
    boxes = page.select("#important-information", "important-information")
    if not boxes:
        return None
    box = boxes[0]
    texts = []
    for heading in box.find_all(["h4", "h3", "h5", "strong", "b"]):
        if is_ingredients_label(_words(heading)):
            texts.append(_following_text(heading))
    return _best(texts, "amazon-important-information", 0.9, is_known)


def _oliveyoung(page: _Page, is_known: IsKnown | None) -> _Found | None:
    # dt "화장품법에 따라 기재해야 하는 모든 성분" ("every ingredient the Cosmetics Act requires").
    texts = []
    for term in page.select("dl.detail_info_list dt", "detail_info_list"):
        if "모든 성분" in term.get_text():
            value = term.find_next_sibling("dd")
            if value is not None:
                texts.append(element_text(value))
    return _best(texts, "oliveyoung", 0.95, is_known)


def _platform(page: _Page, is_known: IsKnown | None) -> _Found | None:
    return (
        _sephora(page, is_known)
        or _shopify(page, is_known)
        or _woocommerce(page, is_known)
        or _selected(
            page,
            ".productDescription_contentPropertyListItem_ingredients "
            ".productDescription_synopsisContent",
            "productdescription_contentpropertylistitem_ingredients",
            "thg-description",
            is_known,
        )
        or _amazon(page, is_known)
        or _selected(
            page,
            "#ingredlist-short a.ingred-link",
            "ingredlist-short",
            "incidecoder",
            is_known,
            joined=True,
        )
        or _selected(
            page,
            "tbody.chem-list tr.tr-i span.colors",
            "chem-list",
            "cosdna",
            is_known,
            joined=True,
        )
        or _selected(page, "#GRP_INHALTSSTOFFE .rm-cms", "grp_inhaltsstoffe", "rossmann", is_known)
        or _oliveyoung(page, is_known)
    )


# ---------------------------------------------------------------------------
# 2. Structured data


#: The most JSON-LD Product objects read: each is walked for its list, and Products
#: nested inside Products would walk the same values again and again.
_MAX_PRODUCTS = 20


def _ld_products(page: _Page) -> list[dict]:
    if page.products is not None:
        return page.products
    products: list[dict] = []
    page.products = products
    for root in page.json_ld:
        for _, value, _ in _json_nodes(root):
            if isinstance(value, dict):
                kind = value.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.split("/")[-1] == "Product" for k in kinds):
                    products.append(value)
                    if len(products) >= _MAX_PRODUCTS:
                        return products
    return products


# "… Ingredients: Aqua, Glycerin. Directions: …" inside a description.
_SECTION_AFTER_LABEL = re.compile(
    rf"(?:^|\n|\.\s|\s)(?:{'|'.join(_LABEL_WORDS)})\s*[:：]\s*(.+?)"
    r"(?=\n\s*[^\n,]{1,40}[:：]\s|\Z)",
    re.IGNORECASE | re.S,
)


def _labelled_sections(text: str) -> list[str]:
    """The text after each "Ingredients:" label in a description (to the next label)."""
    return [match.group(1) for match in _SECTION_AFTER_LABEL.finditer(text)]


def _description_text(value: object) -> str:
    if not isinstance(value, str):
        return ""
    # purish.com double-escapes it: "\u0026lt;p\u0026gt;…" decodes to "&lt;p&gt;…".
    if "&lt;" in value:
        value = html.unescape(value)
    return _fragment_text(value)


def _structured(page: _Page, is_known: IsKnown | None) -> _Found | None:
    texts = []
    for product in _ld_products(page):
        texts.extend(
            islice(_json_candidates(product, MAX_JSON_NODES // _MAX_PRODUCTS), MAX_CANDIDATES)
        )
        texts.extend(_labelled_sections(_description_text(product.get("description"))))
    found = _best(texts, "json-ld", 0.9, is_known)
    if found:
        return found
    texts = []
    for scope in page.select('[itemscope][itemtype*="schema.org/Product"]', "schema.org/product"):
        for prop in scope.select('[itemprop="ingredients"], [itemprop="activeIngredient"]'):
            texts.append(element_text(prop))
        for prop in scope.select('[itemprop="additionalProperty"]'):
            name = prop.select_one('[itemprop="name"]')
            value = prop.select_one('[itemprop="value"]')
            if name and value and is_ingredients_label(_words(name)):
                texts.append(value.get("content") or element_text(value))
        for prop in scope.select('[itemprop="description"]'):
            texts.extend(_labelled_sections(element_text(prop)))
    return _best(texts, "microdata", 0.9, is_known)


# ---------------------------------------------------------------------------
# 3. A heading that says "Ingredients"

_HEADING_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "summary",
        "dt",
        "th",
        "strong",
        "b",
        "button",
        "label",
        "legend",
        "caption",
    }
)
_REFERENCE_ATTRIBUTES = ("aria-controls", "data-target", "data-bs-target", "href", "data-href")


def _is_heading_like(node: object) -> bool:
    if not isinstance(node, Tag):
        return False
    if node.name in {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"}:
        return True
    if node.name in {"strong", "b"} or _first_descendants(node, {"strong", "b"}, 1):
        text = _words(node)
        return 0 < len(text) <= 40 and "," not in text
    return False


def _link_chars(element: Tag) -> int:
    """Characters of ``element`` inside links to other pages."""
    links = [
        node
        for node in _walk(element, _MAX_TEXT_NODES)
        if isinstance(node, Tag) and node.name == "a" and node.get("href") is not None
    ][:500]
    if element.name == "a" and element.get("href"):
        links.append(element)
    return sum(len(_words(link, "")) for link in links if not str(link.get("href")).startswith("#"))


def _content_text(element: Tag) -> str:
    """``element_text``, or "" when the element is mostly links to other pages (a menu
    of ingredient collections under an "Ingredients" button, as on purish.com)."""
    text = element_text(element)
    return "" if _link_chars(element) * 2 > len(text) else text


def _following_text(element: Tag) -> str:
    """Siblings after ``element`` up to the next heading-like sibling ("" for a menu)."""
    parts: list[str] = []
    size = links = 0
    for count, sibling in enumerate(element.next_siblings):
        if count > 300 or _is_heading_like(sibling):
            break
        if isinstance(sibling, Tag):
            if sibling.name == "br":
                parts.append("\n")
                continue
            links += _link_chars(sibling)
            part = "\n" + element_text(sibling) + ("\n" if sibling.name in _BLOCK_TAGS else "")
        elif isinstance(sibling, NavigableString) and not isinstance(sibling, Comment):
            part = str(sibling)
        else:
            continue
        parts.append(part)
        size += len(part)
        if size > MAX_TEXT_CHARS:
            break
    text = _tidy("".join(parts))
    return "" if links * 2 > len(text) else text


def _first_descendants(element: Tag, names: set[str], limit: int) -> list[Tag]:
    """Up to ``limit`` descendants called one of ``names``, among the first
    _MAX_CHILDREN nodes (a link inside a tab sits near its top)."""
    found: list[Tag] = []
    for node in _walk(element, _MAX_CHILDREN):
        if len(found) >= limit:
            break
        if isinstance(node, Tag) and node.name in names:
            found.append(node)
    return found


def _referenced(element: Tag, page: "_Page") -> Tag | None:
    """The panel a tab or button points to (aria-controls, href="#id", data-target), on
    the element, a parent, or a link inside it (WooCommerce: li > a[href="#tab-…"])."""
    inner = _first_descendants(element, {"a", "button"}, 2)
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
        siblings = _child_tags(tab.parent)
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
            children = _child_tags(other)
            if len(children) == count:
                return children[index]
        container = container.parent
    return None


def _contents_for(heading: Tag, page: "_Page") -> Iterator[str]:
    """Candidate texts for what ``heading`` labels, most specific first."""
    target = _referenced(heading, page)
    if target is not None:
        yield _content_text(target)
    details = _near_parent(heading, "summary")
    if details is not None and details.parent is not None:
        yield "\n".join(
            _content_text(child) if isinstance(child, Tag) else str(child)
            for child in details.parent.children
            if child is not details
        )
    for name, follower in (("dt", "dd"), ("th", "td"), ("td", "td")):
        cell = _near_parent(heading, name)
        if cell is not None:
            value = cell.find_next_sibling(follower)
            if value is not None:
                yield _content_text(value)
    panel = _tab_panel(heading)
    if panel is not None:
        yield _content_text(panel)
    if heading.name in {"th", "td", "li"}:
        # Its siblings are the other column headers or tab titles, not its content.
        return
    # Following siblings, climbing while the heading is alone in its parent
    # (<span><strong>INGREDIENTS</strong></span><br/>Glycerin, … on thaibliss).
    node = heading
    for _ in range(4):
        text = _following_text(node)
        if text:
            yield text
        if node.parent is None or node.parent.name in {"body", "html"}:
            break
        node = node.parent


def _near_parent(element: Tag, name: str) -> Tag | None:
    """``element`` or its nearest ancestor called ``name``, within _MAX_CLIMB levels."""
    node: Tag | None = element
    for _ in range(_MAX_CLIMB + 1):
        if node is None:
            return None
        if node.name == name:
            return node
        node = node.parent
    return None


def _has_other_text(parent: Tag, child: Tag) -> bool:
    """Whether ``parent`` shows any text outside ``child`` (at most _MAX_TEXT_NODES
    nodes are looked at; past that it counts as holding text)."""
    seen = 0
    for sibling in parent.children:
        if sibling is child:
            continue
        if isinstance(sibling, Tag):
            for node in _walk(sibling, _MAX_TEXT_NODES):
                seen += 1
                if seen > _MAX_TEXT_NODES:
                    return True
                if _is_text(node) and node.strip():
                    return True
        elif _is_text(sibling) and sibling.strip():
            return True
    return False


def _is_text(node: object) -> bool:
    return isinstance(node, NavigableString) and not isinstance(
        node, Comment | Doctype | ProcessingInstruction
    )


def _headings(page: _Page, is_known: IsKnown | None) -> _Found | None:
    seen: set[str] = set()
    texts: list[str] = []
    checked = 0
    for node in page.labels():
        heading = node.parent
        checked += 1
        if checked > 50:
            break
        check()
        if heading is None or _inside(heading, frozenset({"nav", "select", "option"})):
            continue
        # A link to another page is navigation ("Ingredients" in purish's mega menu
        # leads to /collections/ingredients), not a label for what follows it.
        link = _near_parent(heading, "a")
        if link is not None and not str(link.get("href") or "#").startswith("#"):
            continue
        # The heading is the largest element around the label that holds nothing else.
        # Climbing compares siblings only: comparing each parent's whole text cost
        # O(depth²), 70 s for "Ingredients" inside 16,000 nested spans.
        while (parent := heading.parent) is not None and parent.name not in {"body", "html"}:
            if _has_other_text(parent, heading):
                break
            heading = parent
        for text in _contents_for(heading, page):
            cleaned = _clean_list(text)
            if (
                cleaned
                and cleaned not in seen
                and list_score(cleaned, is_known, threshold=_LABELLED_THRESHOLD)
                >= _LABELLED_THRESHOLD
            ):
                seen.add(cleaned)
                texts.append(cleaned)
                break
    # A block that starts with its own label: "<p>Ingredients: Aqua, Glycerin, …</p>".
    for _, text in page.blocks():
        if _LEADING_LABEL.match(text) and not _DECOY.search(text[:40]):
            texts.append(text)
    return _best(texts, "heading", 0.85, is_known)


# ---------------------------------------------------------------------------
# 4. A scored scan of list-like blocks


#: The most lines the scan scores. A long real page offers a few hundred lines with five
#: commas; 40,000 paragraphs of made-up names cost 1.3 s to score them all.
_MAX_SCAN_LINES = 3_000


def _scan(page: _Page, is_known: IsKnown | None) -> _Found | None:
    best: tuple[float, str] | None = None
    scored = 0
    for block, text in page.blocks():
        # Line by line: a paragraph may hold prose, then "INGREDIENTS", then the list.
        for line in text.split("\n"):
            # list_score wants five commas or semicolons (commas_needed below).
            if len(line) < 30 or line.count(",") + line.count(";") < 5:
                continue
            scored += 1
            if scored > _MAX_SCAN_LINES:
                break
            check()
            cleaned = _clean_list(line)
            score = list_score(cleaned, is_known, commas_needed=5, threshold=_SCAN_THRESHOLD)
            if (
                score >= _SCAN_THRESHOLD
                and (best is None or score > best[0])
                and not _inside(block, _SKIP_ANCESTORS)
                and not _is_decoy(block)
            ):
                best = (score, cleaned)
    if best is None:
        return None
    score, text = best
    return _Found(
        text=text,
        source="scored-block",
        confidence=round(0.7 * score, 2),
        shades=split_shades(text, is_known),
    )


# ---------------------------------------------------------------------------
# Name and marketing text


def _cap_marketing(parts: list[str]) -> str:
    kept: list[str] = []
    for part in parts:
        part = _tidy(part)
        if part and part not in kept:
            kept.append(part)
    return "\n".join(kept)[:MAX_CLAIMS_CHARS]


def _page_name(page: _Page) -> str | None:
    for product in _ld_products(page):
        name = product.get("name")
        if isinstance(name, str) and name.strip():
            return _tidy(html.unescape(name))
    sephora = _dig(
        page.data_scripts.get("linkStore"), "page", "product", "productDetails", "displayName"
    )
    if isinstance(sephora, str) and sephora.strip():
        return _tidy(sephora)
    for scope in page.select('[itemscope][itemtype*="schema.org/Product"]', "schema.org/product"):
        for element in scope.select('[itemprop="name"]'):
            # Only the product's own name, not a breadcrumb's or a brand's inside it.
            if element.find_parent(attrs={"itemscope": True}) is scope:
                text = element.get("content") or element_text(element)
                if text:
                    return _tidy(text).replace("\n", " ")
    for element in page.select("#product-title", "product-title")[:1]:
        if _words(element):
            return element_text(element).replace("\n", " ")
    if page.metas.get("og:title"):
        return _tidy(page.metas["og:title"])
    heading = page.h1
    if heading is not None and _words(heading):
        return element_text(heading).replace("\n", " ")
    return page.title or None


_DESCRIPTION_SELECTORS = (
    '[itemprop="description"], .product__description, .product-single__description, '
    "#productDescription, .woocommerce-product-details__short-description, #tab-description, "
    ".productDescription_contentPropertyListItem_synopsis .productDescription_synopsisContent, "
    "#product-details"
)
_DESCRIPTION_MARKERS = ("description", "product-details")


def _page_marketing(page: _Page) -> str:
    parts = [
        page.title,
        page.metas.get("og:title", ""),
        page.metas.get("description", ""),
        page.metas.get("og:description", ""),
    ]
    for product in _ld_products(page):
        parts.append(_description_text(product.get("description")))
    sephora = _dig(page.data_scripts.get("linkStore"), "page", "product", "productDetails")
    if isinstance(sephora, dict):
        parts.append(_fragment_text(str(sephora.get("longDescription") or "")))
    for element in page.select(_DESCRIPTION_SELECTORS, *_DESCRIPTION_MARKERS)[:5]:
        parts.append(element_text(element, limit=MAX_CLAIMS_CHARS))
    return _cap_marketing(parts)


# ---------------------------------------------------------------------------
# Entry point


def _nothing(name: str | None, marketing: str, reason: str) -> Extraction:
    return Extraction(
        text=None,
        source="none",
        confidence=0.0,
        product_name=strip_controls(name) if name is not None else None,
        marketing_text=strip_controls(marketing),
        reason=reason,
    )


def _result(found: _Found, name: str | None, marketing: str) -> Extraction:
    return Extraction(
        text=strip_controls(found.text[:MAX_TEXT_CHARS]),
        source=found.source,
        confidence=found.confidence,
        product_name=strip_controls(name) if name is not None else None,
        marketing_text=strip_controls(marketing),
        shades=tuple((strip_controls(a), strip_controls(b)) for a, b in found.shades),
    )


def _looks_like_json(content_type: str, document: str) -> bool:
    if "json" in content_type.lower():
        return True
    return document.lstrip()[:1] in {"{", "["}


def _why_nothing(page: _Page) -> str:
    visible = sum(len(text) for _, text in page.blocks())
    if visible < 200:
        return (
            "The page shows almost no text without running its scripts, so its list is "
            "probably loaded later. Copy the list from the page and paste it."
        )
    for node in page.labels():
        if not _inside(node.parent, frozenset({"nav", "header", "footer"})):
            return (
                "The page has an ingredients section, but we could not read a list in it "
                "(it may be an image). Copy the list from the page and paste it."
            )
    return (
        "We found no ingredient list on this page: no section is labelled as one and no "
        "text looks like one. Copy the list from the product's page or pack and paste it."
    )


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
        return _nothing(None, "", "The page is empty.")
    lookups = _Lookups(is_known) if is_known is not None else None
    with cpu_budget(PAGE_CPU_SECONDS, what="page"):
        return _extract(document, content_type, lookups)


def _extract(document: str, content_type: str, is_known: IsKnown | None) -> Extraction:
    if _looks_like_json(content_type, document):
        return _from_json(document, is_known)
    page = _Page(document)
    name = _page_name(page)
    marketing = _page_marketing(page)
    found = (
        _platform(page, is_known)
        or _structured(page, is_known)
        or _headings(page, is_known)
        or _scan(page, is_known)
    )
    if found is None:
        return _nothing(name, marketing, _why_nothing(page))
    return _result(found, name, marketing)
