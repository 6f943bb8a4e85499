"""The text as the reader sees it: raw checks, decoding, bracket depth and separators.

Step 1 and 2 of the reader (see skincheck.core.reader.pipeline): a pasted text is
checked (not too long, not empty, not a binary file), its HTML entities and tags are
decoded, and each stretch of it that the later steps read is cut into pieces at its
separators outside brackets. The bracket depth of a stretch is worked out once
(Brackets) and asked by every step that reads that stretch.

What it does not do: it does not know headings, panels or names (sections.py and
items.py do), and it never rewrites text: every piece is a slice of its input.
"""

import html
import re
from bisect import bisect_right
from functools import cached_property
from itertools import pairwise

from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_TEXT_CHARS

# --- Reading the raw text ----------------------------------------------------------------

#: Share of control characters above which a text is taken for a binary file. A real
#: paste can carry one stray mark: Sephora rows hold a lone U+FFFD ("time.� Please").
MAX_JUNK_SHARE = 0.02
#: Controls that are not white space, surrogates and the replacement character: what a
#: picture or program file pasted as text is full of.
JUNK = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffd]")
#: Tags in text copied from page source or JSON fields ("Ingredients:<br>Water, ...").
#: Each becomes a hard break, never glue: a tag does not sit inside a name on a real
#: label, and a break keeps every printed name an unchanged slice of the input.
TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
#: U+2029 PARAGRAPH SEPARATOR marks the breaks left by tags; it always separates.
HARD_BREAK = "\u2029"


def check_raw(text: str) -> None:
    """Raise NoListError, with a plain reason, for a text that cannot hold a list."""
    if not isinstance(text, str):
        raise TypeError(f"parse_list() needs a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise NoListError(
            f"The text is {len(text):,} characters long, more than the {MAX_TEXT_CHARS:,} "
            "we read. An ingredient list is rarely longer than a few thousand characters: "
            "paste only the list."
        )
    if not text or text.isspace():
        raise NoListError(
            "The text is empty. Paste the ingredient list from the pack or the product page."
        )
    junk = len(JUNK.findall(text))
    if junk and junk / len(text) > MAX_JUNK_SHARE:
        raise NoListError(
            "The text is full of control characters, as a picture or program file is. "
            "It is not an ingredient list: copy the list as text instead."
        )


def decode(text: str) -> str:
    """``text`` with HTML entities decoded and tags turned into hard breaks."""
    # Entities first: "&lt;" holds a ";" that would otherwise split a name.
    text = html.unescape(text)
    return TAG.sub(HARD_BREAK, text)


# --- Bracket depth -------------------------------------------------------------------------

OPENERS = "([{（［"
CLOSERS = ")]}）］"
_OPENER_OF = dict(zip(CLOSERS, OPENERS, strict=True))
_ANY_BRACKET = re.compile(f"[{re.escape(OPENERS + CLOSERS)}]")


class Brackets:
    """Which positions of a text stand inside a matched bracket pair.

    A closer matches the nearest open opener of its kind, and closes the openers opened
    after that one. An opener that never closes, and a closer with no open opener of its
    kind, count for nothing: "Parfum (Fragrance, Linalool, Water" must not swallow the
    rest of the list into one name.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    # Each is worked out when a step first asks for it: most lists hold no colon, line
    # break, footnote mark or shade block, and are split without it (split_pieces).
    @cached_property
    def flips(self) -> tuple[int, ...]:
        """Sorted positions where the text goes from outside to inside a pair or back."""
        return _inside_stretches(self.text)

    @cached_property
    def masked(self) -> str:
        """The text with every character inside brackets turned into a space: a scan of
        it finds what stands outside brackets only."""
        return _mask(self.text, self.flips)

    def outside(self, index: int) -> bool:
        return bisect_right(self.flips, index) % 2 == 0


def _mask(text: str, flips: tuple[int, ...]) -> str:
    if not flips:
        return text
    bounds = (0, *flips, len(text))
    return "".join(
        text[a:b] if n % 2 == 0 else " " * (b - a) for n, (a, b) in enumerate(pairwise(bounds))
    )


def _inside_stretches(text: str) -> tuple[int, ...]:
    stack: list[int] = []  # positions of the openers still open
    open_count = dict.fromkeys(OPENERS, 0)
    spans: list[tuple[int, int]] = []  # inside each matched pair: after its opener, to its closer
    for match in _ANY_BRACKET.finditer(text):
        index = match.start()
        ch = text[index]
        want = _OPENER_OF.get(ch)
        if want is None:
            stack.append(index)
            open_count[ch] += 1
            continue
        if not open_count[want]:
            continue  # a closer with no opener of its kind
        level = len(stack) - 1
        while text[stack[level]] != want:
            level -= 1
        for dropped in stack[level:]:
            open_count[text[dropped]] -= 1
        spans.append((stack[level] + 1, index))
        del stack[level:]
    # Pairs nest or stand apart; the outermost ones, joined where they touch, are inside.
    flips: list[int] = []
    for start, end in sorted(spans):
        if start == end:
            continue  # "()" has no inside
        if flips and start <= flips[-1]:
            flips[-1] = max(flips[-1], end)
        else:
            flips += (start, end)
    return tuple(flips)


# --- Separators ------------------------------------------------------------------------------

#: Bullets that separate wherever they stand: "Water • Glycerin", "Aqua · Glycerin".
BULLETS = "•·●▪◦∙‧・"
#: The characters that end a name.
SEPARATORS = f";|\u2029,{BULLETS}"
#: In a list printed one name a line (see uses_lines), line breaks end names too.
LINE_SEPARATORS = f"{SEPARATORS}\n\r"
_SEPARATOR = re.compile(f"[{SEPARATORS}]")
_LINE_SEPARATOR = re.compile(f"[{LINE_SEPARATORS}]")
#: A round pair with no bracket and no separator inside: "(Seaweed)".
_QUIET_PAIR = re.compile(rf"\([^{re.escape(OPENERS + CLOSERS + SEPARATORS)}]*\)")
_LINE_QUIET_PAIR = re.compile(rf"\([^{re.escape(OPENERS + CLOSERS + LINE_SEPARATORS)}]*\)")
#: Bullets that only count at the start of a line: "- Water\n- Glycerin". Inside a line
#: they are hyphens ("C10-30") or footnote marks ("Glycerin*").
LINE_BULLET = re.compile(r"[ \t]*[-–—*][ \t]*")
#: A comma that may belong to a name: a digit (isdigit() holds for word characters only)
#: or a non-ASCII letter follows it, perhaps after one space.
_MAYBE_NAME_COMMA = re.compile(r",(?=[ \t]?[^\W_A-Za-z])")
_LOCANT_AFTER = re.compile(r"[ \t]?\d+-[^\W\d_]")
_LINE_BREAKS = re.compile(r"[\n\r\u2029]")
_COMMAS = re.compile("[,;]")


def uses_lines(content: str, brackets: Brackets) -> bool:
    """True when each line is a name. A list wrapped over lines has a comma on most
    lines, and there a newline is only a space: scraped text breaks "Sodium\\nBenzoate"."""
    lines = [line for line in _LINE_BREAKS.split(content) if line.strip()]
    if len(lines) < 2:
        return False
    return len(_COMMAS.findall(brackets.masked)) < len(lines) - 1


def split_pieces(brackets: Brackets, line_mode: bool) -> list[str]:
    """The text of ``brackets`` cut at each separator outside brackets, except at a comma
    that belongs to a name ("1,2-Hexanediol"); with ``line_mode`` a bullet opening a
    line is dropped."""
    text = brackets.text
    separator = _LINE_SEPARATOR if line_mode else _SEPARATOR
    maybe_in_name = {match.start() for match in _MAYBE_NAME_COMMA.finditer(text)}
    pieces = separator.split(text)
    # Most lists: no comma may belong to a name, and every bracket stands in a quiet pair
    # ("Algae (Seaweed) Extract"), so every separator ends a name.
    if maybe_in_name or not _all_pairs_quiet(text, line_mode):
        cuts = [match.start() for match in separator.finditer(brackets.masked)]
        if maybe_in_name:
            cuts = _without_name_commas(text, cuts, maybe_in_name)
        pieces = [text[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(text)], strict=True)]
    if line_mode:
        pieces = [p[m.end() :] if (m := LINE_BULLET.match(p)) else p for p in pieces]
    return pieces


def _all_pairs_quiet(text: str, line_mode: bool) -> bool:
    """Whether each bracket of ``text`` stands in a quiet pair: round, with no bracket
    and no separator inside. Then no separator stands inside brackets."""
    quiet = _LINE_QUIET_PAIR if line_mode else _QUIET_PAIR
    return len(_ANY_BRACKET.findall(text)) == 2 * len(quiet.findall(text))


def _without_name_commas(text: str, cuts: list[int], maybe_in_name: set[int]) -> list[int]:
    """``cuts`` without the commas of ``maybe_in_name`` that belong to a name."""
    kept: list[int] = []
    for index in cuts:
        start = kept[-1] + 1 if kept else 0  # where the name so far starts
        if index not in maybe_in_name or not _comma_in_name(text, start, index):
            kept.append(index)
    return kept


def _comma_in_name(text: str, start: int, index: int) -> bool:
    """Whether the comma at ``index`` (the name so far starts at ``start``) is part of it."""
    # "1,2-Hexanediol": a comma between digits is part of the name.
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if before.isdigit() and after.isdigit():
        return True
    # "1, 2-Hexanediol": shops retype the locant comma with a space (nine rows of the
    # Sephora corpus print it so); a bare number before it is no name.
    return text[start:index].strip().isdigit() and _LOCANT_AFTER.match(text, index + 1) is not None


def after_last_separator(brackets: Brackets, end: int, line_mode: bool) -> int:
    """Where the text after the last separator outside brackets before ``end`` starts
    (0 if there is none)."""
    last = -1
    for match in (_LINE_SEPARATOR if line_mode else _SEPARATOR).finditer(brackets.masked, 0, end):
        last = match.start()
    return last + 1


# --- Notices -----------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
NOTICE_EXCERPT = 70


def excerpt(text: str) -> str:
    """``text`` quoted on one line for a notice, cut to NOTICE_EXCERPT characters."""
    flat = _SPACES.sub(" ", text).strip()
    if len(flat) > NOTICE_EXCERPT:
        flat = flat[: NOTICE_EXCERPT - 1].rstrip() + "…"
    return f"“{flat}”"
