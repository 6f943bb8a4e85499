"""The reader's newer shortcuts give the answers of the work they skip (hypothesis).

Each test sets one shortcut of parse.py against the long way round, written out here or
kept in parse.py as the general path: `in` scans instead of regex classes, hints looked
for piece by piece, case-sensitive twins of the case-blind patterns for ASCII texts,
word counts packed into one int, commas split with str.split(), the last separator
found from the end, and Ingredient values written straight into their slots. The texts
are made of the words the patterns look for, in every case, with the Unicode letters
that match ASCII ones only when case is ignored ("ı", "ſ", "K" KELVIN SIGN).
"""

import dataclasses
import re
from itertools import chain

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core import parse
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.model import Ingredient

from .conftest import split_the_long_way

_WORDS = [
    "Water", "Glycerin", "Mica", "CI 77491", "Alkane", "1", "2", "10", "2-Hexanediol",
    "Ingredients", "ingredient list", "INCI", "(inci)", "Full", "Key", "Active", "Inactive",
    "Liste des ingredients", "Directions", "Directions for use", "How to use", "Warnings",
    "Caution", "voc", "Avocado", "Made in", "Made  in", "Fabrique en", "Hergestellt in",
    "Mfd. by", "net wt", "Net Weight", "Phenethyl", "Please be aware",
    "ingredient lists may change", "the list of ingredients is subject",
    "keep out of reach", "For external use only", "Avoid contact with", "mode d'emploi",
    "May contain", "may also contain", "Kann enthalten", "peut contenir", "+/-", "+", "*",
    "**", "No", "and", "(and)", "Organic", "Serum",
]  # fmt: skip
_OTHER_WORDS = ["ı", "ſ", "K", "İ", "é", "ö", "Ingrédients", "może zawierać", "±", "†", "¹", "成分"]
_JOINS = [
    " ", ", ", ",", "; ", ". ", ".", ":", "\n", "\r", "\t", "|", "/", "(", ")", "[", "]",
    "{", "}", "", " • ", "\u2029", "：", "（", "）", "［", "］",
]  # fmt: skip
_CASES = [str, str.upper, str.lower, str.swapcase, str.title]


@st.composite
def _texts(draw: st.DrawFn, ascii_only: bool = False) -> str:
    words = _WORDS + [j for j in _JOINS if j.isascii()]
    if not ascii_only:
        words += _OTHER_WORDS + _JOINS
    text = "".join(draw(st.lists(st.sampled_from(words), max_size=24)))
    return draw(st.sampled_from(_CASES))(text)


# --- Ingredient values ------------------------------------------------------------


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.integers(1, 10_000), st.text(max_size=12), st.text(max_size=12)),
        max_size=8,
    ),
    st.integers(0, 5),
    st.booleans(),
)
def test_ingredients_written_into_slots_equal_those_the_constructor_makes(
    rows: list[tuple[int, str, str]], section: int, shade: bool
) -> None:
    positions = [position for position, _, _ in rows]
    printed = [text for _, text, _ in rows]
    names = [name for _, _, name in rows]
    made = parse._ingredients(positions, printed, names, [section] * len(rows), [shade] * len(rows))
    expected = [Ingredient(p, t, n, section, shade) for p, t, n in rows]
    assert list(made) == expected
    assert [hash(i) for i in made] == [hash(i) for i in expected]
    assert [repr(i) for i in made] == [repr(i) for i in expected]
    for ingredient in made:
        assert type(ingredient) is Ingredient
        with pytest.raises(dataclasses.FrozenInstanceError):
            ingredient.name = "changed"  # type: ignore[misc]


def test_ingredients_need_one_column_per_field() -> None:
    # A field added to Ingredient must not be left unset: the columns are matched
    # to the fields strictly.
    with pytest.raises(ValueError):
        parse._ingredients([1], ["Water"], ["Water"], [0])


# --- `in` scans instead of patterns -----------------------------------------------


@settings(max_examples=400)
@given(
    st.text(alphabet="aæıſKİ±,;: \n", max_size=20),
    st.lists(st.text(alphabet="aæıſKİ±,;: \n", min_size=1, max_size=3), max_size=5),
)
def test_has_any_finds_what_a_plain_search_finds(text: str, pieces: list[str]) -> None:
    assert parse._has_any(text, parse._needles(*pieces)) == any(p in text for p in pieces)


# Each character guard and the characters it stands for, as the reader's patterns
# and loops listed them before the guards were written.
_GUARDS = [
    ("_MARK_START_CHARS", "*†‡§°¹²³⁴⁵⁶⁷⁸⁹⁰+"),
    ("_BRACKETS", "([{（［)]}）］"),
    ("_OTHER_BRACKETS", "[{（［]}）］"),
    ("_COLON_CHARS", ":："),
    ("_LINE_BREAK_CHARS", "\n\r\u2029"),
    ("_TITLE_END_CHARS", ":：\n\r\u2029"),
    ("_NON_COMMAS", ";|\u2029•·●▪◦∙‧・"),
    ("_LINE_NON_COMMAS", ";|\u2029\n\r•·●▪◦∙‧・"),
]


@pytest.mark.parametrize(("name", "chars"), _GUARDS)
@settings(max_examples=200)
@given(text=_texts())
def test_a_character_guard_finds_exactly_its_characters(name: str, chars: str, text: str) -> None:
    needles = getattr(parse, name)
    assert sorted(needles.ascii + needles.other) == sorted(chars)
    assert parse._has_any(text, needles) == any(ch in text for ch in chars)


def test_the_ascii_junk_is_the_ascii_part_of_the_junk_pattern() -> None:
    for code in range(128):
        assert parse._may_hold_junk(chr(code)) == bool(parse._JUNK.search(chr(code))), code


@settings(max_examples=300)
@given(st.text(max_size=30))
def test_a_text_the_junk_guard_clears_holds_no_junk(text: str) -> None:
    if not parse._may_hold_junk(text):
        assert parse._JUNK.search(text) is None


# --- Hints looked for piece by piece ----------------------------------------------


@settings(max_examples=500)
@given(_texts())
def test_panel_phrase_hints_found_between_commas_are_those_of_the_whole_text(text: str) -> None:
    low = text.lower()
    by_piece = any(map(parse._holds_phrase_hint.__wrapped__, low.split(",")))
    assert by_piece == parse._has_any(low, parse._PANEL_PHRASE_HINTS)


@settings(max_examples=500)
@given(_texts(), st.booleans())
def test_shade_hints_counted_in_the_pieces_are_those_of_the_text(text: str, lines: bool) -> None:
    # The reader skips the shade-block search when no piece holds a hint; that must
    # mean the text holds none.
    pieces = parse._split_top_level.__wrapped__(text, lines)
    counted = parse._read_items(pieces).counts >> parse._COUNT_BITS * parse._SHADE_HINTS
    assert (counted > 0) == parse._has_any(text.lower(), parse._MAY_CONTAIN_HINTS)


# --- Case-sensitive twins for ASCII texts -----------------------------------------


@pytest.mark.parametrize("number", range(len(parse._CASE_BLIND)))
@settings(max_examples=400)
@given(text=_texts(ascii_only=True))
def test_a_cased_twin_finds_the_same_spans_in_a_lower_cased_ascii_text(
    number: int, text: str
) -> None:
    blind, cased = parse._CASE_BLIND[number], parse._CASED[number]
    assert not cased.flags & re.IGNORECASE
    assert [m.regs for m in blind.finditer(text)] == [m.regs for m in cased.finditer(text.lower())]


def test_a_case_blind_twin_letter_still_ends_the_list() -> None:
    # "ı" (dotless i) matches "i" of "made in" only when case is ignored, which the
    # cased twin over "made ın france" would not do; the text is not ASCII, so the
    # case-blind pattern reads it and the panel is still cut.
    parsed = parse.parse_list("Water, Glycerin, Mica. Made ın France")
    assert [i.printed for i in parsed.ingredients] == ["Water", "Glycerin", "Mica"]
    assert any("Made ın France" in notice for notice in parsed.notices)


# --- Word counts packed in one int ------------------------------------------------


@settings(max_examples=400)
@given(_texts(), st.booleans())
def test_packed_counts_are_the_sums_over_the_items(text: str, lines: bool) -> None:
    pieces = parse._split_top_level.__wrapped__(text, lines)
    items = parse._read_items(pieces)
    as_printed = list(chain.from_iterable(map(parse._split_blend, pieces)))
    for first, counted in ((parse._AS_PRINTED, as_printed), (parse._AS_READ, items.printed)):
        words = [parse._word_counts(item) for item in counted]
        expected = (len(counted), sum(w for w, _ in words), sum(s for _, s in words))
        assert parse._unpack(items.counts, first) == expected


def test_packed_counts_hold_the_longest_text_read() -> None:
    # 25,000 one-letter names, then 12,500 small words of prose ("the") in one piece:
    # no count may spill into the next.
    names = ",".join(["x"] * 25_000)
    assert len(names) < MAX_TEXT_CHARS
    counts = parse._read_items(parse._split_top_level.__wrapped__(names, False)).counts
    assert parse._unpack(counts, parse._AS_PRINTED) == (25_000, 25_000, 0)
    prose = " ".join(["the"] * 12_500)
    counts = parse._read_items([prose]).counts
    assert parse._unpack(counts, parse._AS_PRINTED) == (1, 12_500, 12_500)


# --- Splitting --------------------------------------------------------------------

_LOCANT_PIECES = [
    "1", "2", "10", ",", ", ", ",\t", " ", "-", "Hexanediol", "(", ")", ";", "\n", "é",
    "- ", "[", "]", "Water, ", "1, 2-Hexanediol", "1,2-", "1,2,", "2, ",
]  # fmt: skip
_BRACKETED_PIECES = ["Water", "Leaf", ", ", ",", "; ", "|", "\n", "(", ")", "[", "]", " ", "*"]


@settings(max_examples=600)
@given(
    st.lists(
        st.sampled_from(_LOCANT_PIECES),
        max_size=16,
    ).map("".join),
    st.booleans(),
)
def test_comma_split_matches_the_separator_by_separator_split(text: str, lines: bool) -> None:
    # The texts hold commas that may belong to a name ("1,2-Hexanediol", "1, 2-...").
    commas = {m.start() for m in parse._MAYBE_NAME_COMMA.finditer(text)}
    assert parse._split_top_level.__wrapped__(text, lines) == split_the_long_way(
        text, lines, commas
    )


@settings(max_examples=600)
@given(
    st.one_of(_texts(), st.lists(st.sampled_from(_BRACKETED_PIECES), max_size=16).map("".join)),
    st.booleans(),
    st.integers(0, 400),
)
def test_the_last_separator_found_from_the_end_is_the_last_one_found_by_a_scan(
    text: str, lines: bool, end: int
) -> None:
    end = min(end, len(text))
    outside = parse._Outside(text)
    scan = parse._LINE_SEPARATOR_CHARS if lines else parse._SEPARATOR_CHARS
    starts = [m.start() for m in scan.finditer(text, 0, end)]
    expected = next((index + 1 for index in reversed(starts) if outside[index]), 0)
    assert parse._after_last_separator(text, end, lines, outside) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Water, 1, 2-Hexanediol, 1,2-Hexanediol",  # a locant comma after other names
        "1,2,6-Hexanetriol, 2, 3-Butanediol",
    ],
)
def test_locant_commas_after_other_names_split_as_the_long_way(text: str) -> None:
    commas = {m.start() for m in parse._MAYBE_NAME_COMMA.finditer(text)}
    long_way = parse._split_checking_commas(
        text, parse._SEPARATOR_CHARS, parse._Outside(text), commas
    )
    assert parse._split_top_level.__wrapped__(text, False) == tuple(long_way)


def test_a_separator_inside_brackets_does_not_start_the_tail() -> None:
    text = "Water, Aloe (Leaf, Juice)*"
    outside = parse._Outside(text)
    # The comma inside the brackets is skipped: the tail starts after "Water,".
    assert parse._after_last_separator(text, len(text), False, outside) == len("Water,")
