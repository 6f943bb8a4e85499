"""The reader's patterns are built from vocabulary.py; what is derived from the words
(plain text each match holds, the characters a match starts with) skips no match.

The texts are made of the words the patterns look for, in every case, with the Unicode
letters that match ASCII ones only when case is ignored ("ı", "ſ", "K" KELVIN SIGN).
"""

import re

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core.reader import sections
from skincheck.core.reader import vocabulary

_WORDS = [
    "Water", "Glycerin", "Mica", "CI 77491", "Alkane", "1", "2", "Ingredients", "ingredient",
    "Ingrédients", "INCI", "(inci)", "list", "listing", "Full", "Key", "Active", "Inactive",
    "Liste des ingredients", "Inhaltsstoffe", "Ingrediënten", "Składniki", "成分", "состав",
    "Skład", "Sklad", "Zutaten", "ΣΥΣΤΑΤΙΚΑ", "配合成分", "成份", "전성분", "성분", "Signature",
    "Directions", "Directions for use", "How to use", "Warnings", "Caution", "voc", "Avocado",
    "Mode d'emploi", "Made in", "Fabriqué en", "Mfd. by", "net wt", "Net Contents",
    "Please be aware", "ingredient lists may change", "the list of ingredients is subject",
    "keep out of reach", "May contain", "may also contain", "Kann enthalten", "kan bevatten",
    "peut contenir", "może zawierać", "+/-", "±", "+", "*", "**", "†", "¹", "°", "and",
    "ı", "ſ", "K", "é",
]  # fmt: skip
_JOINS = [
    " ", ", ", ",", "; ", ". ", ".", ":", "：", "\n", "\r", "\u2029", "\t", " • ", "|", "/",
    "(", ")", "[", "]", "（", "）", "",
]  # fmt: skip
_CASES = [str, str.upper, str.lower, str.swapcase, str.title]


@st.composite
def _texts(draw: st.DrawFn) -> str:
    text = "".join(draw(st.lists(st.sampled_from(_WORDS + _JOINS), max_size=24)))
    return draw(st.sampled_from(_CASES))(text)


_GUARDED = {
    "heading": (sections.HEADING, sections._HEADING_LITERALS),
    "panel title": (sections._PANEL_TITLE, sections._PANEL_TITLE_LITERALS),
    "panel phrase": (sections._PANEL_PHRASE, sections._PANEL_PHRASE_LITERALS),
    "may contain": (sections.MAY_CONTAIN, sections._MAY_CONTAIN_LITERALS),
}


@pytest.mark.parametrize("name", sorted(_GUARDED))
@settings(max_examples=300)
@given(text=_texts())
def test_a_text_without_the_plain_text_of_a_pattern_holds_no_match(name: str, text: str) -> None:
    pattern, literals = _GUARDED[name]
    if not sections.may_hold(text.lower(), literals):
        assert pattern.search(text) is None


@settings(max_examples=300)
@given(_texts())
def test_a_heading_or_panel_title_needs_a_title_end_or_the_end_of_the_text(text: str) -> None:
    if any(ch in text for ch in sections._TITLE_ENDS):
        return
    assert sections._PANEL_TITLE.search(text) is None
    if not sections._HEADING_AT_END.search(text.rstrip(" \t")[-sections._LONGEST_LAST_WORD :]):
        assert sections.HEADING.search(text) is None


_LOOKAHEAD = re.compile(r"\(\?=(?:\(\?s:\.\))?(?:\[(?:\\.|[^\]])*\]|\(\?=\[(?:\\.|[^\]])*\]\))\)")


@pytest.mark.parametrize(
    "name",
    ["HEADING", "_PANEL_TITLE", "_PANEL_PHRASE", "MAY_CONTAIN", "_FOOTNOTE_START", "_GLUED_MARK"],
)
@settings(max_examples=300)
@given(text=_texts())
def test_a_first_character_lookahead_changes_no_match(name: str, text: str) -> None:
    quick = getattr(sections, name)
    lookahead = _LOOKAHEAD.match(quick.pattern)
    assert lookahead is not None, f"{name} no longer starts with its lookahead"
    plain = re.compile(quick.pattern[lookahead.end() :], quick.flags)
    assert [m.span() for m in quick.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_plain_text_is_taken_from_outside_classes_groups_and_optional_letters() -> None:
    assert vocabulary.literals(("ingr[ée]dients?",)) == ("dient",)
    assert vocabulary.literals(("(?:and\\s+)?may\\s+(?:also\\s+)?contain",)) == ("contain",)
    assert vocabulary.literals(("mfd\\.?\\s+(?:by|for)",)) == ("mfd",)
    # A text holding "ingredienti" holds "ingredient": only the shorter is looked for.
    assert vocabulary.literals(("ingredient", "ingredienti")) == ("ingredient",)


def test_first_characters_look_into_groups_and_past_optional_starts() -> None:
    assert vocabulary.first_characters(("(?:and\\s+)?may",)) == "(?=[am])"
    assert vocabulary.first_characters(("\\+\\s*/", "[¹²]+", "sk[łl]")) == "(?=[\\+s²¹])"
