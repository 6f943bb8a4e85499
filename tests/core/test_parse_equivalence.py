"""The reader's bracket rule and its edge cases, checked with hypothesis and by hand.

spans.Brackets keeps bracket depth as the positions where it changes; the first test
sets it against the rule written out character by character. The rest read texts at
the edges of the reader's rules through parse_list(): a word that hides another, a
letter that matches an ASCII one only when case is ignored ("ı"), locant commas,
brackets that never close, nested and touching brackets, abbreviations in kit titles.
"""

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core.errors import NoListError
from skincheck.core.reader import parse_list
from skincheck.core.reader.spans import Brackets

_BRACKETS = st.text(alphabet="()[]{}（）［］a, ", max_size=30)


def _outside_the_long_way(text: str) -> list[bool]:
    """Per character, the rule of spans.Brackets written out: a closer matches the
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
    brackets = Brackets(text)
    expected = _outside_the_long_way(text)
    assert [brackets.outside(i) for i in range(len(text))] == expected
    masked = brackets.masked
    assert len(masked) == len(text)
    assert all(m == t for m, t, out in zip(masked, text, expected, strict=True) if out)


# --- At the edges of the rules -----------------------------------------------------


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
    with pytest.raises(NoListError, match="heading"):
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


def test_a_case_blind_twin_letter_still_ends_the_list() -> None:
    # "ı" (dotless i) matches the "i" of "made in" when case is ignored: the panel is
    # still cut.
    parsed = parse_list("Water, Glycerin, Mica. Made ın France")
    assert [i.printed for i in parsed.ingredients] == ["Water", "Glycerin", "Mica"]
    assert any("Made ın France" in notice for notice in parsed.notices)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A locant comma after other names: "1, 2-" is retyped "1,2-".
        (
            "Water, 1, 2-Hexanediol, 1,2-Hexanediol",
            ["Water", "1, 2-Hexanediol", "1,2-Hexanediol"],
        ),
        ("1,2,6-Hexanetriol, 2, 3-Butanediol", ["1,2,6-Hexanetriol", "2, 3-Butanediol"]),
    ],
)
def test_locant_commas_after_other_names_stay_in_their_name(text: str, names: list[str]) -> None:
    assert [i.printed for i in parse_list(text).ingredients] == names


def test_a_separator_inside_brackets_does_not_start_the_footnotes() -> None:
    # Footnotes are looked for after the last separator outside brackets, here the
    # comma after "Water". Were the comma inside the brackets taken, only " EU)" would
    # be searched and "*Organic (Certified, EU)" would be read as part of a name.
    parsed = parse_list("Water, Glycerin*. *Organic (Certified, EU)")
    assert [i.printed for i in parsed.ingredients] == ["Water", "Glycerin*"]
    assert any("footnotes" in notice and "Certified" in notice for notice in parsed.notices)
