"""The patterns rewritten to cost linear time (issue 15) find what they replaced found.

Each rewrite is compared with the pattern or step it replaced, kept here as it was, on
short texts built from the characters the pattern cares about: short, so that the old
forms, slow only on long runs, answer at once. tests/core/test_complexity.py shows the
new forms are fast; these tests show they read real lists the same.
"""

import re
import unicodedata

from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core.normalise import fold
from skincheck.core.reader import items
from skincheck.core.reader import sections


def _texts(pieces: list[str], max_size: int = 14) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


# --- The patterns as they were -------------------------------------------------------

_OLD_AMOUNT = re.compile(
    r"(?:\+\s*/\s*[-−–]\s*|±\s*|[<>≤≥]\s*)?\d+(?:[.,]\d+)?\s*(?:%(?:\s*w/[wv])?|ppm\b)",
    re.IGNORECASE,
)
_OLD_EDGE_MARKS = re.compile(r"^[+°\s]+|[+°#^\s]+$")
_OLD_HEADING = re.compile(
    sections.HEADING.pattern.replace(
        sections._ONE_HEADING_WORD + r"(?:\s*/\s*" + sections._ONE_HEADING_WORD + r")"
        f"{{0,{sections.MAX_HEADING_WORDS - 1}}}",
        rf"{sections._HEADING_WORD}(?:\s*/\s*{sections._HEADING_WORD})*",
    ),
    re.IGNORECASE,
)
_OLD_MAY_CONTAIN = re.compile(
    sections.MAY_CONTAIN.pattern.replace(r"\s*+/?\s*+", r"\s*/?\s*"), re.IGNORECASE
)
_OLD_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.)\S+$|^\S+@\S+\.\S+$", re.IGNORECASE)

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_DASHES[0xAD] = None


def _old_fold(name: str) -> str:
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    text = re.sub(r"\s*([/\-])\s*", r"\1", text)
    text = re.sub(r"(\d),\s+(?=\d)", r"\1,", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .,;:*")


def test_a_heading_chains_up_to_its_most_words() -> None:
    chain = " / ".join(["Ingredients"] * sections.MAX_HEADING_WORDS) + ": Water"
    assert sections.HEADING.match(chain).end() == chain.index(":") + 1


def test_the_old_patterns_are_the_ones_replaced() -> None:
    # The replace() calls above changed something: the old forms differ from the new.
    assert _OLD_HEADING.pattern != sections.HEADING.pattern
    assert _OLD_MAY_CONTAIN.pattern != sections.MAY_CONTAIN.pattern


# --- Same answers -----------------------------------------------------------------------

_AMOUNT_PIECES = ["1", "25", "0", "\u0661", ".", ",", "%", " ", "+/-", "± ", "<", "≥",
                  "ppm", "PPM", "w/w", " w/v", "a", "Zinc", "-"]  # fmt: skip


@settings(max_examples=800)
@given(_texts(_AMOUNT_PIECES))
@example("Niacinamide 10%, 2% Acid, 3.00%, +/- 0.5%, 1450 ppm, 12345.6789% w/w")
@example("Zinc Oxide 1,5 %, Titanium Dioxide ≤ 2,25%")
def test_amounts_are_cut_as_before(text: str) -> None:
    assert items._AMOUNT.sub(" ", text) == _OLD_AMOUNT.sub(" ", text)


@settings(max_examples=500)
@given(_texts(["+", "°", "#", "^", " ", "a", "1", ")", "*"]))
def test_edge_marks_are_cut_as_before(text: str) -> None:
    # In _clean_name, white space is single spaces by this step.
    new = items._LEADING_MARKS.sub("", text).rstrip(items._TRAILING_MARKS)
    assert new == _OLD_EDGE_MARKS.sub("", text)


_HEADING_PIECES = [
    "ingredients", "Ingredient", "ingrédients", "ingredientes", "INCI", "inci", "成分",
    "全成分", "/", " / ", " ", "  ", ":", "\n", "(inci)", " list", "full ", "key ", "x",
    "s", "liste des ", ",", "\u2029",
]  # fmt: skip


@settings(max_examples=800)
@given(_texts(_HEADING_PIECES))
@example("Ingredients / Ingrédients / INCI: Water")
@example("ingredients/" * (sections.MAX_HEADING_WORDS - 1) + "inci:\nWater")
@example("Full ingredient list\nWater")
@example("ingredients\u2029/ingredients/")  # the line break ends the heading
def test_headings_are_found_as_before(text: str) -> None:
    spans = [m.span() for m in sections.HEADING.finditer(text)]
    assert spans == [m.span() for m in _OLD_HEADING.finditer(text)]


_MAY_CONTAIN_PIECES = [
    "may contain", "May Contain", "+/-", "+ / -", "±", "[", "(", ")", "]", " ", "  ", "/",
    ":", ".", "1", "a", "Mica", "peut contenir", "and ", "also ",
]  # fmt: skip


@settings(max_examples=800)
@given(_texts(_MAY_CONTAIN_PIECES))
@example("[+/- May Contain: ")
@example("+/-  +/-  may contain / peut contenir a")
def test_may_contain_blocks_are_found_as_before(text: str) -> None:
    spans = [m.span() for m in sections.MAY_CONTAIN.finditer(text)]
    assert spans == [m.span() for m in _OLD_MAY_CONTAIN.finditer(text)]
    new = sections.MAY_CONTAIN.fullmatch(text)
    old = _OLD_MAY_CONTAIN.fullmatch(text)
    assert (new and new.span()) == (old and old.span())


@settings(max_examples=800)
@given(_texts(["a", "@", ".", " ", "\n", "www.", "http://", "x1", "-"]))
def test_addresses_are_told_as_before(text: str) -> None:
    assert bool(items._URL.match(text)) == bool(_OLD_URL.match(text))


_FOLD_PIECES = ["a", "B", "1", "2", ",", ", ", " ", "  ", "\t", "\n", "-", " - ", "/",
                " / ", "\u2010", "\u00ad", "é", ".", "*", "\u00a0", "\u3000"]  # fmt: skip


@settings(max_examples=800)
@given(_texts(_FOLD_PIECES))
def test_names_fold_as_before(text: str) -> None:
    assert fold.__wrapped__(text) == _old_fold(text)
