"""Pieces of a list into names: step 5 of the reader (see pipeline.py).

A piece is the text between two separators. Reading it trims bullets and quotes, cuts a
sentence glued to a name ("Mica. This product is not tested on animals"), splits a
supplier blend at "(and)" (or "(et)", "(und)", "(y)"), and cleans each name (clean_name)
for comparison. It also counts the words of the piece, so that a section can be judged
a list, a description (prose) or names run together with no separators (refusal).

What it does not do: it does not know any ingredient, and never changes the case or
the spelling of a name.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from skincheck.core.budget import check
from skincheck.core.reader import vocabulary
from skincheck.core.reader.spans import Brackets
from skincheck.core.reader.spans import excerpt

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:['’][^\W\d_]+)?")
_LEADING_BULLETS = "-–—•·●▪◦∙‧・ \t"
#: Supplier blends print their parts joined by "(and)" (vocabulary.BLEND_WORDS):
#: "Caprylic/Capric Triglyceride (and) Tocopherol" is two ingredients. The page
#: extractor uses the same pattern.
BLEND = re.compile(rf"\(\s*{vocabulary.alternation(vocabulary.BLEND_WORDS)}\s*\)", re.IGNORECASE)
_SENTENCE_STOP = re.compile(r"\.\s+")
#: A content declaration after the list's last full stop ends it: a toothpaste's
#: "..., CI 77891. Contient du fluorure de sodium (1450 ppm)".
_DECLARATION = re.compile(
    rf"{vocabulary.alternation(vocabulary.DECLARATION_WORDS)}\b", re.IGNORECASE
)


class Counts(NamedTuple):
    """How many names, words, and small words of prose (vocabulary.PROSE_WORDS) some
    pieces of a list hold: what a section is judged by (refusal)."""

    items: int
    words: int
    small_words: int

    @staticmethod
    def total(counts: Sequence["Counts"]) -> "Counts":
        return Counts(*map(sum, zip(*counts, strict=True))) if counts else Counts(0, 0, 0)


@dataclass(frozen=True, slots=True)
class Reading:
    """What the reader needs from one piece of a list."""

    #: The names read from the piece, as printed.
    printed: tuple[str, ...]
    #: The same names cleaned (see clean_name).
    names: tuple[str, ...]
    notices: tuple[str, ...]
    #: The counts of the piece as printed, cut at "(and)": a section is judged by them
    #: before it is read.
    as_printed: Counts
    #: The counts of the names read from it: a section is judged by them once read.
    as_read: Counts


# Lists repeat the same pieces ("Water", " Glycerin") and a piece reads the same
# wherever it stands, so each is read once per process.
@lru_cache(maxsize=1 << 15)
def read_piece(piece: str) -> Reading:
    """Read one piece into names."""
    return _reading(piece, last=False)


@lru_cache(maxsize=1 << 13)
def read_last_piece(piece: str) -> Reading:
    """Read the list's last piece: its full stop ends the list, not a name."""
    return _reading(piece, last=True)


def _reading(piece: str, last: bool) -> Reading:
    check()  # once for each piece not read before: the reader's longest loop
    notices: list[str] = []
    printed = piece.strip().lstrip(_LEADING_BULLETS).strip()
    if len(printed) >= 2 and printed[0] in "'\"" and printed[-1] == printed[0]:
        printed = printed[1:-1].strip()  # 'Water' from a pasted list literal
    if last and not printed.endswith(".."):
        printed = printed.rstrip(". ").rstrip()
    printed = _cut_sentence(printed, notices)
    names: list[str] = []
    for part in split_blend(printed):
        if clean_name(part):
            names.append(part)
        elif any(ch.isalnum() for ch in part):
            notices.append(f"Left out “{part}”: it holds no letters.")
    as_printed = split_blend(piece)
    counts = _counts(as_printed)
    return Reading(
        printed=tuple(names),
        names=tuple(map(clean_name, names)),
        notices=tuple(notices),
        as_printed=counts,
        # Most pieces read as printed: their names are counted once.
        as_read=counts if tuple(names) == as_printed else _counts(names),
    )


def _cut_sentence(printed: str, notices: list[str]) -> str:
    """Cut a sentence glued to a name: "Mica. This product is not tested on animals"."""
    stops = list(_SENTENCE_STOP.finditer(printed))
    for number, stop in enumerate(stops):
        following = stops[number + 1].start() if number + 1 < len(stops) else len(printed)
        if _is_sentence(printed[stop.end() : following]) or _DECLARATION.match(printed, stop.end()):
            notices.append(f"Left out a sentence inside the list: {excerpt(printed[stop.end() :])}")
            return printed[: stop.start()].rstrip()
    if _is_sentence(printed):
        notices.append(f"Left out a sentence inside the list: {excerpt(printed)}")
        return ""
    return printed


def _is_sentence(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    return len(words) >= 5 and sum(w in vocabulary.SENTENCE_WORDS for w in words) >= 2


def split_blend(printed: str) -> tuple[str, ...]:
    """A supplier blend cut at each "(and)" outside brackets, each part trimmed."""
    if not BLEND.search(printed):
        return (printed.strip(),) if printed.strip() else ()
    brackets = Brackets(printed)
    parts: list[str] = []
    start = 0
    for match in BLEND.finditer(printed):
        if match.start() and brackets.outside(match.start() - 1):
            parts.append(printed[start : match.start()].strip())
            start = match.end()
    parts.append(printed[start:].strip())
    return tuple(p for p in parts if p)


def _counts(items: Sequence[str]) -> Counts:
    words = [w.casefold() for item in items for w in _WORD.findall(BLEND.sub(" ", item))]
    return Counts(len(items), len(words), sum(w in vocabulary.PROSE_WORDS for w in words))


def refusal(counts: Counts) -> str | None:
    """ "prose" for sentences, "unseparated" for names run together with no separators,
    None for what may be a list."""
    if not counts.words:
        return None
    per_item = counts.words / counts.items
    small = counts.small_words / counts.words
    if per_item >= 4 and small >= 0.1:
        return "prose"
    # The longest INCI names run to about a dozen words; more per name means the
    # separators are missing ("Propylene Glycol Cyclopentasiloxane Ascorbic Acid ...").
    if per_item > 12:
        return "unseparated"
    return None


# --- Cleaning a name ----------------------------------------------------------------------

#: "Niacinamide 10%", "Zinc Oxide (20%)", "2% Salicylic Acid", "Avobenzone 3.00%",
#: "Glycerin +/- 0.5%", "Sodium Fluoride (1450 ppm)". Numbers without a unit stay:
#: "Polysorbate 60", "CI 77891".
_AMOUNT = re.compile(
    # A number is read from its first digit: begun at every digit of a run without a
    # unit after it, the search cost the square of the run (50,000 digits: 110 s). A
    # match inside a run would also match from the run's start, so none is lost.
    r"(?:\+\s*/\s*[-−–]\s*|±\s*|[<>≤≥]\s*)?(?<!\d)\d++(?:[.,]\d++)?+\s*+"
    r"(?:%(?:\s*w/[wv])?|ppm\b)",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
# Unicode categories Cc (controls) and Cs (surrogates), as character ranges.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_MARKS_IN_NAME = re.compile(r"[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰™®©℠]+")
_EMPTY_BRACKETS = re.compile(r"[(\[]\s*[)\]]")
_SPACE_INSIDE_BRACKETS = re.compile(r"([(\[])\s+|\s+([)\]])")
_LEADING_MARKS = re.compile(r"^[+°\s]+")
#: Marks and spaces at the end of a name; str.rstrip() takes them in one pass, where
#: "[+°#^\s]+$" was tried from every mark of a run ("a+++...+b": quadratic).
_TRAILING_MARKS = "+°#^ "


@lru_cache(maxsize=1 << 15)
def clean_name(printed: str) -> str:
    """The printed text without footnote marks, amounts, trade-mark signs or odd spacing."""
    name = _SPACES.sub(" ", printed)
    name = _CONTROLS.sub("", name)
    name = _MARKS_IN_NAME.sub("", name)
    name = _AMOUNT.sub(" ", name)
    name = _EMPTY_BRACKETS.sub(" ", name)
    name = _SPACES.sub(" ", name)
    name = _SPACE_INSIDE_BRACKETS.sub(lambda m: m.group(1) or m.group(2), name)
    # Only single spaces are left (_SPACES above), so " " stands for every space.
    name = _LEADING_MARKS.sub("", name).rstrip(_TRAILING_MARKS)
    name = name.strip(" ,;:").strip()
    return name if any(ch.isalpha() for ch in name) else ""


# --- A text that is a single name -------------------------------------------------------------

_URL = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$"
    # An e-mail address, "\S+@\S+\.\S+": some "@" after the first character, then a
    # full stop with a character on each side. The first "@" and the first full stop
    # after it leave the most room, so each is found once; trying each split of the
    # text ("a@@@...@", one name of 50,000 characters) cost the square of its length.
    r"|^(?=\S+$).[^@]*+@.[^.]*+\.\S",
    re.IGNORECASE,
)


def not_a_list(printed: str) -> str | None:
    """Why a text that is a single name is not a list, or None when it may be one:
    a one-ingredient product ("100% Sclerocarya Birrea (Marula) Kernel Oil") is real."""
    flat = printed.strip()
    if _URL.match(flat):
        return (
            "The text is a web address, not an ingredient list. Use the product page "
            "box for addresses, or paste the list itself."
        )
    words = _WORD.findall(flat)
    non_answers = vocabulary.NON_ANSWERS
    if flat.casefold() in non_answers or (len(words) == 1 and words[0].casefold() in non_answers):
        return (
            f"The text is the single word “{flat}”, not an ingredient list."
            if len(words) == 1
            else f"The text “{flat}” is not an ingredient list."
        ) + " Paste the whole list, with its names separated by commas."
    if " " not in flat and len(flat) > 40:
        return (
            "The text is one long run of characters with no spaces or commas; it is "
            "not an ingredient list."
        )
    letters = [ch for ch in flat.casefold() if ch.isalpha()]
    if (
        len(words) == 1
        and len(letters) >= 4
        and (len(set(letters)) == 1 or (letters[0].isascii() and not set(letters) & set("aeiouy")))
    ):
        return (
            f"The text “{flat}” does not look like an ingredient name, and there is "
            "nothing else to read."
        )
    return None


def words_of(text: str) -> list[str]:
    """The words of ``text``: letters, then letters or digits ("No.9" holds "No")."""
    return _WORD.findall(text)
