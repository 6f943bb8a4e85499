"""Properties of parse_list() that hold for any text at all, checked with hypothesis.

Whatever it is given, the reader either returns a list or raises NoListError; the
positions it returns run 1..N without a gap, and each printed name is a piece of the
input (once HTML entities are decoded), never text the reader made up.
"""

import html

from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.reader import parse_list

# Pieces of real label text, so that generated texts reach the headings, panels,
# shade blocks, kits and footnotes and not only the "no list" exits.
_LABEL_PIECES = [
    "Ingredients:",
    "INCI:",
    "Inhaltsstoffe:",
    "Active ingredients:",
    "Key ingredients:",
    "Inactive ingredients:",
    "Directions:",
    "Made in France",
    "Please be aware",
    "May contain:",
    "[+/-",
    "+/-",
    "]",
    "(",
    ")",
    "(and)",
    " / ",
    "/",
    ", ",
    ",",
    ";",
    " | ",
    "\n",
    "<br>",
    "<p>",
    "&amp;",
    "&nbsp;",
    "&#233;",
    "*",
    "**",
    "†",
    "¹",
    ". ",
    ".",
    ":",
    "Aqua (Water)",
    "Glycerin",
    "CI 77891",
    "1,2-Hexanediol",
    "Niacinamide 10%",
    "2%",
    "Polysorbate 606",
    "Caprylic/Capric Triglyceride",
    "Human Adipose Stromal Cell Conditioned Media",
    "Beste™ No.9 Jelly Cleanser:",
    "- ",
    "• ",
    "*Organic.",
    "the",
    "is",
    " ",
    "\t",
    "\u2029",
    "\x00",
    "\ufffd",
]
_label_like = st.lists(
    st.one_of(st.sampled_from(_LABEL_PIECES), st.text(max_size=8)), max_size=60
).map("".join)
_any_text = st.one_of(st.text(), st.text(max_size=3000), _label_like)

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_or_none(text):
    try:
        return parse_list(text)
    except NoListError as error:
        assert error.reason.strip(), "a refusal must say why"
        return None


@_SETTINGS
@given(_any_text)
def test_only_no_list_error_escapes(text):
    # Any other exception fails the test by itself.
    _parse_or_none(text)


@_SETTINGS
@given(_any_text)
def test_positions_run_one_to_n_and_sections_cover_them(text):
    parsed = _parse_or_none(text)
    if parsed is None:
        return
    assert [i.position for i in parsed.ingredients] == list(range(1, len(parsed.ingredients) + 1))
    covered = [p for s in parsed.sections for p in range(s.first, s.last + 1)]
    assert covered == [i.position for i in parsed.ingredients]
    for ingredient in parsed.ingredients:
        section = parsed.sections[ingredient.section]
        assert section.first <= ingredient.position <= section.last


@_SETTINGS
@given(_any_text)
def test_every_printed_name_is_a_piece_of_the_decoded_input(text):
    parsed = _parse_or_none(text)
    if parsed is None:
        return
    decoded = html.unescape(text)
    for ingredient in parsed.ingredients:
        assert ingredient.printed.strip()
        assert ingredient.name.strip()
        assert ingredient.printed in decoded


@settings(max_examples=5, deadline=None)
@given(st.integers(min_value=1, max_value=200))
def test_text_over_the_limit_is_refused_not_read(extra):
    text = "Water, Glycerin, " * (MAX_TEXT_CHARS // 17 + extra)
    assert len(text) > MAX_TEXT_CHARS
    try:
        parse_list(text)
    except NoListError as error:
        assert f"{MAX_TEXT_CHARS:,}" in error.reason
    else:
        raise AssertionError("a text over MAX_TEXT_CHARS was read")


@settings(max_examples=10, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_PIECES), min_size=1, max_size=20).map(", ".join))
def test_long_label_text_under_the_limit_is_read_or_refused(chunk):
    # A pasted page section near the limit: the reader must finish and stay honest.
    text = (chunk + ", ") * (MAX_TEXT_CHARS // (len(chunk) + 2))
    text = text[:MAX_TEXT_CHARS]
    parsed = _parse_or_none(text)
    if parsed is not None:
        decoded = html.unescape(text)
        assert all(i.printed in decoded for i in parsed.ingredients)
