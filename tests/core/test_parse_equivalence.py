"""The reader's shortcuts give the answers of the work they skip, checked with hypothesis.

parse.py skips work it can prove useless: a slow pattern is not run over a text that
lacks every piece a match needs (a hint, a colon, a mark), a pattern starts with a
lookahead on the characters its matches can start with, bracket depth is kept as the
positions where it changes, and a list whose commas are all separators is split in one
go. Each test here sets a shortcut against the long way round (written out in the test
or kept in parse.py as the path for harder texts) on texts made of the words those
patterns look for, in every case, with the Unicode letters that match ASCII ones only
when case is ignored ("ı", "ſ", "K" KELVIN SIGN).
"""

import re

import pytest
from hypothesis import assume
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core import parse
from skincheck.core.parse import parse_list

from .conftest import split_the_long_way

_WORDS = [
    "Water", "Glycerin", "Mica", "CI 77491", "Alkane", "1", "2", "2-Hexanediol", "Ingredients",
    "ingredient", "INCI", "(inci)", "list", "listing", "Full", "Key", "Active", "Inhaltsstoffe",
    "Ingrediënten", "成分", "состав", "Directions", "Warnings", "how to use", "voc", "Made in",
    "net wt", "Please be aware", "ingredient lists may change", "May contain", "may also contain",
    "Kann enthalten", "kan bevatten", "peut contenir", "puede contener", "może zawierać", "+/-",
    "±", "+", "*", "**", "†", "¹", "²", "°", "§", "No", "vol", "n°", "and", "(and)", "ı", "ſ", "K",
    "é", "Organic", "Serum",
]  # fmt: skip
_JOINS = [
    " ", ", ", ",", "; ", ". ", ".", ":", "：", "\n", "\r", "\u2029", "\t", " • ", "|", "/",
    "(", ")", "[", "]", "{", "}", "（", "）", "［", "］", "",
]  # fmt: skip


@st.composite
def _label_texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(_WORDS + _JOINS), max_size=24))
    text = "".join(parts)
    case = draw(st.sampled_from(["as is", "upper", "lower"]))
    return text.upper() if case == "upper" else text.lower() if case == "lower" else text


_BRACKETS = st.text(alphabet="()[]{}（）［］a, ", max_size=30)


def _outside_the_long_way(text: str) -> list[bool]:
    """Per character, the rule of parse._Outside written out: a closer matches the
    nearest open opener of its kind, and the openers opened after that one are dropped;
    a closer with no open opener of its kind, and an opener never closed, count for
    nothing."""
    depth = [0] * len(text)
    stack: list[int] = []
    for index, ch in enumerate(text):
        if ch in "([{（［":
            stack.append(index)
        elif ch in ")]}）］":
            want = "([{（［"[")]}）］".index(ch)]
            kinds = [text[i] for i in stack]
            if want in kinds:
                level = len(kinds) - 1 - kinds[::-1].index(want)
                for position in range(stack[level] + 1, index):
                    depth[position] += 1
                del stack[level:]
    return [d == 0 for d in depth]


@settings(max_examples=400)
@given(_BRACKETS)
def test_bracket_positions_match_the_per_character_rule(text: str) -> None:
    outside = parse._Outside(text)
    expected = _outside_the_long_way(text)
    assert [outside[i] for i in range(len(text))] == expected
    masked = outside.mask(text)
    assert len(masked) == len(text)
    assert all(m == t for m, t, out in zip(masked, text, expected, strict=True) if out)


@settings(max_examples=400)
@given(_label_texts(), st.booleans())
def test_one_go_split_matches_the_separator_by_separator_split(text: str, lines: bool) -> None:
    assume(not parse._MAYBE_NAME_COMMA.search(text))  # the texts the one-go split takes
    every_comma = {i for i, ch in enumerate(text) if ch == ","}
    assert parse._split_top_level.__wrapped__(text, lines) == split_the_long_way(
        text, lines, every_comma
    )


@settings(max_examples=600)
@given(_label_texts())
def test_a_skipped_pattern_would_have_found_nothing(text: str) -> None:
    low = text.lower()
    if not parse._has_any(low, parse._MAY_CONTAIN_HINTS) and not parse._PLUS_MINUS.search(text):
        assert parse._MAY_CONTAIN.search(text) is None
    if not parse._MARK_CHARS.search(text):
        assert parse._FOOTNOTE_START.search(text) is None
        assert parse._GLUED_MARK.search(text) is None
    if not any(ch in text for ch in parse._TITLE_ENDS):
        assert parse._PANEL_TITLE.search(text) is None
        tail = text.rstrip(" \t")
        at_end = (tail[-1:].isalpha() or tail.endswith(")")) and parse._HEADING_AT_END.search(
            tail, max(0, len(tail) - 20)
        )
        if not at_end:
            assert parse._HEADING.search(text) is None


_FIRST_CHARACTER_LOOKAHEAD = re.compile(r"\(\?=(?:\(\?s:\.\))?\[(?:\\.|[^\]])*\]\)")


@pytest.mark.parametrize(
    "name",
    ["_HEADING", "_PANEL_TITLE", "_PANEL_PHRASE", "_MAY_CONTAIN", "_FOOTNOTE_START", "_GLUED_MARK"],
)
@settings(max_examples=300)
@given(text=_label_texts())
def test_a_first_character_lookahead_changes_no_match(name: str, text: str) -> None:
    quick = getattr(parse, name)
    lookahead = _FIRST_CHARACTER_LOOKAHEAD.match(quick.pattern)
    assert lookahead is not None, f"{name} no longer starts with its lookahead"
    plain = re.compile(quick.pattern[lookahead.end() :], quick.flags)
    assert [m.span() for m in quick.finditer(text)] == [m.span() for m in plain.finditer(text)]


# --- At the edges of the shortcuts -----------------------------------------------------


def test_alkane_does_not_hide_a_shade_block_nor_open_one() -> None:
    # "kan" (Dutch "kan bevatten") is not a hint: "C13-15 Alkane" holds it. The "+/-"
    # block after it must still be found, and the Alkane stays in the list.
    parsed = parse_list("Water, C13-15 Alkane, Mica [+/- CI 77491, CI 77492]")
    main = [i.printed for i in parsed.ingredients if not i.may_contain]
    shades = [i.printed for i in parsed.ingredients if i.may_contain]
    assert main == ["Water", "C13-15 Alkane", "Mica"]
    assert shades == ["CI 77491", "CI 77492"]


@pytest.mark.parametrize(
    "opener", ["KANN ENTHALTEN:", "Kan bevatten:", "Peut contenir :", "Może zawierać:"]
)
def test_may_contain_in_other_languages_passes_the_hints(opener: str) -> None:
    parsed = parse_list(f"Aqua, Glycerin, Talc. {opener} CI 77491, CI 77499")
    assert [i.printed for i in parsed.ingredients if i.may_contain] == ["CI 77491", "CI 77499"]


def test_a_heading_without_colon_at_the_very_end_is_still_a_heading() -> None:
    # No colon and no line break anywhere: the heading can only end the text, and then
    # nothing follows it, so the reader says so instead of reading the word as a name.
    with pytest.raises(parse.NoListError, match="heading"):
        parse_list("Full ingredient list")


def test_commas_inside_a_locant_keep_the_name_whole() -> None:
    # "1,2-Hexanediol" and "1, 2-Hexanediol" (nine Sephora rows print the space) are one
    # name; the plain comma before "Water" still separates.
    parsed = parse_list("1, 2-Hexanediol, Water, 1,2-Hexanediol")
    assert [i.printed for i in parsed.ingredients] == [
        "1, 2-Hexanediol",
        "Water",
        "1,2-Hexanediol",
    ]


def test_an_opener_that_never_closes_swallows_nothing() -> None:
    parsed = parse_list("Water, Parfum (Fragrance, Linalool, Glycerin")
    assert [i.printed for i in parsed.ingredients] == [
        "Water",
        "Parfum (Fragrance",
        "Linalool",
        "Glycerin",
    ]


def test_nested_and_touching_brackets_keep_their_commas() -> None:
    parsed = parse_list("Water, Extract (Rose [Petal, Leaf]) (Organic, Raw), Mica")
    assert [i.printed for i in parsed.ingredients] == [
        "Water",
        "Extract (Rose [Petal, Leaf]) (Organic, Raw)",
        "Mica",
    ]


def test_a_kit_title_after_no_with_a_space_keeps_its_number() -> None:
    # The Drunk Elephant kit prints "Beste No. 9 Jelly Cleanser:": "No." abbreviates.
    parsed = parse_list("Beste No. 9 Jelly Cleanser: Water, Glycerin. Night Oil: Squalane, Mica")
    assert [s.title for s in parsed.sections] == ["Beste No. 9 Jelly Cleanser", "Night Oil"]


def test_a_footnote_needs_a_mark_glued_to_a_name() -> None:
    parsed = parse_list("Water, Aloe Juice*, Glycerin. *Organic")
    assert [i.printed for i in parsed.ingredients] == ["Water", "Aloe Juice*", "Glycerin"]
    assert any("footnotes" in notice for notice in parsed.notices)
