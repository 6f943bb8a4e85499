"""Where a list starts and ends, and how it divides: steps 3 and 4 of the reader.

- Zones: the text is cut at headings ("Ingredients:", a list starts) and panels
  ("Directions:", "Made in France", a list ends). The words are those of vocabulary.py.
- Kit sections: a zone is cut at product names followed by a colon ("Beste™ No.9 Jelly
  Cleanser: Water, ..."), each the title of one product's list.
- Footnotes: definitions after the list ("... Oil*. *Organic.") are cut from its end.
- Shade blocks: a "may contain" block ("[+/- CI 77491, CI 77492]") is cut from the list.

What it does not do: it does not read names (items.py does), and it never rewrites the
text: every zone, section and block is a slice of it.
"""

import collections
import re
from dataclasses import dataclass

from skincheck.core.budget import check
from skincheck.core.reader import vocabulary
from skincheck.core.reader.items import words_of
from skincheck.core.reader.spans import after_last_separator
from skincheck.core.reader.spans import Brackets
from skincheck.core.reader.spans import BULLETS
from skincheck.core.reader.spans import CLOSERS
from skincheck.core.reader.spans import OPENERS

# --- Headings and panels --------------------------------------------------------------------

_HEADING_WORD = vocabulary.alternation(vocabulary.HEADING_WORDS)
#: A heading word with one way to match: "ingredients" is both "ingredients?" and
#: "ingr[ée]dients?", so "ingredients / ingredients / ... x" was tried two ways a word,
#: 2^n in all (22 words: 8 s). After a heading word comes a space, "/", "(", a colon or
#: the end, which no word holds, so at most one word ends there and the group may be
#: atomic without losing a match.
_ONE_HEADING_WORD = rf"(?>{_HEADING_WORD}(?=[\s/(:：]|\Z))"
#: The most heading words a heading chains with slashes: "Ingredients / Ingrédients /
#: Ingredientes: ..." on packs sold in several countries; EU packs print up to 24
#: languages. A longer chain is read from its last words.
MAX_HEADING_WORDS = 24
_QUALIFIER = "|".join(vocabulary.HEADING_QUALIFIERS + vocabulary.KEY_QUALIFIERS)
_LEAD = "|".join(lead + r"\s+" for lead in vocabulary.HEADING_LEADS)
HEADING = re.compile(
    vocabulary.first_characters(
        vocabulary.HEADING_QUALIFIERS,
        vocabulary.KEY_QUALIFIERS,
        vocabulary.HEADING_LEADS,
        vocabulary.HEADING_WORDS,
    )
    + r"(?<![^\W\d_])"
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?"
    rf"(?:{_LEAD})?"
    # At most MAX_HEADING_WORDS words: a search is begun at each word of a chain, and
    # each went to the chain's end ("ingredients/" * 4,000 + ":": 0.7 s).
    rf"{_ONE_HEADING_WORD}(?:\s*/\s*{_ONE_HEADING_WORD}){{0,{MAX_HEADING_WORDS - 1}}}"
    r"(?:\s+list(?:ing)?)?"
    r"(?:\s*\(inci\))?"
    # A colon, or the end of the line: "Full ingredient list\nWater, ...".
    r"(?:\s*[:：]|[ \t]*(?=[\n\r\u2029]|\Z))",
    re.IGNORECASE,
)
#: At the very start of a text the colon is often lost: "INGREDIENTS WATER, GLYCERIN".
_LEADING_HEADING = re.compile(rf"\s*{_HEADING_WORD}\s+(?=\S)", re.IGNORECASE)
#: A panel title followed by a colon, or alone on its line.
_PANEL_TITLE = re.compile(
    vocabulary.first_characters(vocabulary.PANEL_TITLES)
    + rf"(?<![^\W\d_])(?P<panel>{vocabulary.alternation(vocabulary.PANEL_TITLES)})"
    r"(?:\s*[:：]|[ \t]*(?=[\n\r\u2029]))",
    re.IGNORECASE,
)
#: A panel phrase, wherever it stands.
_PANEL_PHRASE = re.compile(
    vocabulary.first_characters(vocabulary.PANEL_PHRASES)
    + rf"(?<![^\W\d_])(?P<panel>{vocabulary.alternation(vocabulary.PANEL_PHRASES)})(?![^\W\d_])",
    re.IGNORECASE,
)


#: Plain text that every match of each pattern holds (see vocabulary.literals): a text
#: without any of it, lower-cased, is not searched with the pattern. Most lists hold no
#: heading, panel or shade block, and `in` finds that many times quicker than a
#: case-blind pattern that tries each word at each position.
_HEADING_LITERALS = vocabulary.literals(vocabulary.HEADING_WORDS)
_PANEL_TITLE_LITERALS = vocabulary.literals(vocabulary.PANEL_TITLES)
_PANEL_PHRASE_LITERALS = vocabulary.literals(vocabulary.PANEL_PHRASES)


_TITLE_ENDS = ":：\n\r\u2029"
#: What a heading ends with when it ends the text: "... Water. Ingredients".
_HEADING_AT_END = re.compile(rf"(?:{_HEADING_WORD}|list(?:ing)?|\(inci\))\Z", re.IGNORECASE)
_LONGEST_LAST_WORD = 20  # "sammansättning", the longest, has 14 characters


def may_hold(low: str, literals: tuple[str, ...]) -> bool:
    """Whether the lower-cased text ``low`` holds any of ``literals``."""
    return any(literal in low for literal in literals)


@dataclass(slots=True)
class Zone:
    """A stretch of the text between two headings or panels."""

    kind: str  # "pre", "list", "active", "key" or "cut"
    label: str  # the heading or panel that opened it, as printed
    start: int
    end: int


def find_zones(clean: str) -> list[Zone]:
    """Cut the text at headings (a list starts) and panels (a list ends)."""
    events: list[tuple[int, int, str, str]] = []  # start, end, kind, label
    low = clean.lower()
    # A heading or a panel title ends in a colon or a line break (a heading may also end
    # the text), and most lists hold neither: those patterns need not be run over them.
    titled = any(ch in clean for ch in _TITLE_ENDS)
    headed = titled or _HEADING_AT_END.search(clean.rstrip(" \t")[-_LONGEST_LAST_WORD:])
    headings = HEADING.finditer(clean) if headed and may_hold(low, _HEADING_LITERALS) else ()
    for match in headings:
        qualifier = (match.group("qualifier") or "").casefold()
        kind = (
            "key"
            if qualifier in vocabulary.KEY_QUALIFIERS
            else "active"
            if qualifier == "active"
            else "list"
        )
        label = clean[match.start() : match.end()].strip(" :：\t\n")
        events.append((match.start(), match.end(), kind, label))
    leading = _LEADING_HEADING.match(clean)
    if leading and not any(start <= leading.end() for start, *_ in events):
        events.append((leading.start(), leading.end(), "list", leading.group().strip()))
    for pattern, literals in (
        (_PANEL_TITLE, _PANEL_TITLE_LITERALS),
        (_PANEL_PHRASE, _PANEL_PHRASE_LITERALS),
    ):
        if (pattern is _PANEL_TITLE and not titled) or not may_hold(low, literals):
            continue
        for match in pattern.finditer(clean):
            events.append((match.start(), match.end(), "cut", match.group("panel")))
    events.sort()
    has_heading = any(kind != "cut" for _, _, kind, _ in events)
    zones = [Zone("pre" if has_heading else "list", "", 0, len(clean))]
    position = 0
    for start, end, kind, label in events:
        if start < position:  # overlaps the heading or panel just taken
            continue
        if kind == "cut" and zones[-1].kind == "cut":
            continue  # "Please be aware that ingredient lists may change": one panel
        zones[-1].end = start
        # A cut zone keeps its panel word, so that the notice quotes it.
        zones.append(Zone(kind, label, start if kind == "cut" else end, len(clean)))
        position = end
    return zones


def has_heading(text: str) -> bool:
    return HEADING.search(text) is not None


# --- Kit sections -----------------------------------------------------------------------------

#: A product name before a colon opens a kit section: "Beste™ No.9 Jelly Cleanser:".
_MAX_TITLE_WORDS = 10
_MAX_TITLE_CHARS = 100
_TITLE_TRIM = "-–—•·●▪◦∙‧・ \t\n\r\u2029"
_COLONS = re.compile("[:：]")
_TITLE_BREAK = re.compile(f"[,;|\n\r\u2029{''.join(sorted(BULLETS))}]|\\.(?=\\s)")
# "Beste No. 9 Jelly Cleanser:" (the Drunk Elephant kit prints "No." with a space too):
# a full stop after these words abbreviates, it does not end a sentence. The word ends
# the text searched, so a search starts a few characters before that end.
_ABBREVIATION_BEFORE = re.compile(r"(?<![^\W\d_])(?:no|nr|vol|n°|st|dr)$", re.IGNORECASE)


def kit_sections(brackets: Brackets) -> list[tuple[str | None, str]]:
    """Split a zone (the text of ``brackets``) at product names followed by a colon:
    (title or None, content).

    "Beste™ No.9 Jelly Cleanser: Water, ... Sodium Chloride. C-Firma™ Day Serum: Water,"
    is two lists. A title runs back from its colon to the nearest separator or ". ";
    "No.9" has no space after its dot, so it stays in the title.
    """
    body = brackets.text
    titles: list[tuple[int, int, str]] = []  # (title start, content start, title)
    for colon in _COLONS.finditer(body):
        check()
        index = colon.start()
        if not brackets.outside(index):
            continue
        before = body[index - 1] if index else ""
        after = body[index + 1] if index + 1 < len(body) else ""
        if (before.isdigit() and after.isdigit()) or body.startswith("//", index + 1):
            continue  # "4:1 Root Extract", "https://"
        start = _title_start(brackets, index)
        if start is None:
            continue
        if titles and start < titles[-1][1]:
            start = titles[-1][1]
        title = body[start:index].strip(_TITLE_TRIM)
        words = words_of(title)
        if (
            not words
            or len(words) > _MAX_TITLE_WORDS
            or len(title) > _MAX_TITLE_CHARS
            or MAY_CONTAIN.fullmatch(title + ":")
        ):
            continue
        titles.append((start, index + 1, title))
    first_end = titles[0][0] if titles else len(body)
    sections: list[tuple[str | None, str]] = [(None, body[:first_end])]
    for number, (_start, content_start, title) in enumerate(titles):
        end = titles[number + 1][0] if number + 1 < len(titles) else len(body)
        sections.append((title, body[content_start:end]))
    return sections


def _title_start(brackets: Brackets, colon: int) -> int | None:
    """Where the title before ``colon`` begins, or None when it would be too long."""
    body = brackets.text
    floor = colon - _MAX_TITLE_CHARS - 2
    # A separator, or a full stop with a space after it inside the title's reach; the
    # nearest one outside brackets that does not abbreviate begins the title.
    ends = [m.start() for m in _TITLE_BREAK.finditer(body, max(floor, 0), colon)]
    for index in reversed(ends):
        if brackets.outside(index) and (
            body[index] != "." or not _ABBREVIATION_BEFORE.search(body, max(0, index - 8), index)
        ):
            return index + 1
    return None if floor > 0 else 0


# --- Footnotes ----------------------------------------------------------------------------------

_MARK = vocabulary.alternation(vocabulary.FOOTNOTE_MARKS)
_MARK_START = f"[{re.escape(vocabulary.FOOTNOTE_MARK_STARTS)}]"
_ANY_MARK = re.compile(_MARK_START)
_MARK_LOOKAHEAD = vocabulary.first_characters(vocabulary.FOOTNOTE_MARKS)
#: A footnote definition at the end of a list: the mark stands apart from any name and
#: is followed by words: "Kernel Oil*. *Organic. **Natural.", "... * Essential Oil".
_FOOTNOTE_START = re.compile(
    rf"{_MARK_LOOKAHEAD}(?:^|(?<=[\s.,;]))(?P<mark>{_MARK})\s*(?=[^\W\d_])"
)
_GLUED_MARK = re.compile(rf"(?=(?s:.){_MARK_LOOKAHEAD})[^\W_](?P<mark>{_MARK})(?![^\W\d_])")
_LINE_START_MARK = re.compile(rf"(?m)^[ \t]*(?P<mark>{_MARK})")


def cut_footnotes(brackets: Brackets, line_mode: bool) -> tuple[str, str]:
    """Cut footnote definitions from the end of a list ("... Oil*. *Organic."):
    returns (the list, the footnotes).

    Only the text after the last separator is searched, so a marked name inside the
    list is never taken for a footnote. The mark must point somewhere: it is glued to a
    name earlier ("Glycerin*"), or it follows a full stop. A mark that starts two or
    more lines is a bullet, not a footnote.
    """
    content = brackets.text
    if not _ANY_MARK.search(content):
        return content, ""  # no mark, no footnote: most lists
    # Separators and breaks after the last footnote ("...</p>" left a break) do not count.
    end = len(content.rstrip(",;|\u2029\n\r \t"))
    tail_start = after_last_separator(brackets, end, line_mode)
    bullets: collections.Counter[str] | None = None  # each found when first needed
    glued: set[str] | None = None
    for match in _FOOTNOTE_START.finditer(content, tail_start):
        mark = match.group("mark")
        if bullets is None:
            bullets = collections.Counter(
                m.group("mark") for m in _LINE_START_MARK.finditer(content)
            )
        if not brackets.outside(match.start()) or bullets[mark] >= 2:
            continue
        before = match.start() - 1
        while before >= 0 and content[before].isspace():
            before -= 1
        if before < 0:
            continue  # the whole text is a footnote: read it as a name
        if glued is None:
            glued = {m.group("mark") for m in _GLUED_MARK.finditer(content)}
        if mark in glued or content[before] == ".":
            return content[: match.start()], content[match.start() :]
    return content, ""


# --- Shade blocks ---------------------------------------------------------------------------------

_MC_WORD = vocabulary.alternation(vocabulary.MAY_CONTAIN_WORDS)
#: The opener of a "may contain" shade block, in the forms of the corpus: "[+/- May
#: Contain: CI 77491, ...]", "May Contain (+/-): ...", "[+/-: Mica ...]".
MAY_CONTAIN = re.compile(
    vocabulary.first_characters(("\\[", "\\("), vocabulary.MAY_CONTAIN_WORDS)
    # The spaces between two words are taken whole (a word starts with no space): as
    # "\s*/?\s*" they were split every way, 3^n tries for a title "+/-  +/-  ... a:"
    # that is no block (kit titles are checked against this pattern; 93 characters: 8 s).
    + rf"(?P<open>[\[(]\s*)?{_MC_WORD}(?:\s*+/?\s*+{_MC_WORD})*"
    # The spaces are taken whole, so "(?!\d)" looks past them: "Glycerin +/- 0.5%" and
    # "pH 5.5 ± 0.5" matched by giving the space back and opened a shade block.
    r"(?:\s*[\[(]\s*(?:\+\s*/\s*[-−–]|±)\s*[\])])?\s*+[:：.]?\s*+(?!\d)",
    re.IGNORECASE,
)
_MAY_CONTAIN_LITERALS = vocabulary.literals(vocabulary.MAY_CONTAIN_WORDS)
_BOUNDARY = ",;.|:\n\r\u2029" + BULLETS


def split_may_contain(brackets: Brackets) -> tuple[list[str], str | None]:
    """Return (main parts, may-contain text or None).

    A bracketed block ends at its closing bracket; what follows it is list again
    ("..., [+/- CI 77491, CI 77492], Glycerin" is rare but printed).
    """
    content = brackets.text
    if not may_hold(content.lower(), _MAY_CONTAIN_LITERALS):
        return [content], None
    for match in MAY_CONTAIN.finditer(content):
        start = match.start()
        if not brackets.outside(start) or not _at_boundary(content, start):
            continue
        if match.group("open"):
            close = _matching_close(content, start)
            if close is not None:
                return ([content[:start], content[close + 1 :]], content[match.end() : close])
        return [content[:start]], content[match.end() :]
    return [content], None


def _at_boundary(content: str, index: int) -> bool:
    return index == 0 or content[index - 1].isspace() or content[index - 1] in _BOUNDARY


def _matching_close(text: str, opener: int) -> int | None:
    want = CLOSERS[OPENERS.index(text[opener])]
    depth = 0
    for index in range(opener, len(text)):
        if text[index] == text[opener]:
            depth += 1
        elif text[index] == want:
            depth -= 1
            if depth == 0:
                return index
    return None
