"""Where the 1% line falls (issue 13). Ingredients above 1% are listed in descending
order, those at 1% or less in any order, and a marker (phenoxyethanol, capped at 1% by
Annex V entry 29; disodium EDTA; parfum) is itself at 1% or less. So the line falls
just BEFORE the first marker: the marker and all after it are "1% or less", what comes
before is "probably above 1%". Each list below is hand-made; the right split follows
from that rule alone.
"""

from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.render import as_dict
from skincheck.core.render import as_text
from skincheck.services import get_context

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return get_context()


# (list, marker, positions probably above 1%, positions at 1% or less, all EV below)
GEOMETRY = [
    # An EV ingredient right after the marker is at 1% or less.
    ("Water, Glycerin, Niacinamide, Phenoxyethanol, Human Platelet Lysate, Parfum",
     "Phenoxyethanol", [1, 2, 3], [4, 5, 6], True),
    # An EV ingredient right before the marker is on the other side of the line.
    ("Water, Glycerin, Human Fibroblast Conditioned Media, Phenoxyethanol, Linalool",
     "Phenoxyethanol", [1, 2, 3], [4, 5], False),
    # The marker opens the list: nothing is above the line.
    ("Phenoxyethanol, Water, Exosomes", "Phenoxyethanol", [], [1, 2, 3], True),
    # Disodium EDTA (#6) is the first marker of SPEC worked example 1; the EV is #1.
    ("Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, "
     "Acrylates/C10-30 Alkyl Acrylate Crosspolymer, Aminomethyl Propanol, Disodium EDTA, "
     "Ethylhexylglycerin, Glycerin, Phenoxyethanol",
     "Disodium EDTA", [1, 2, 3, 4, 5], [6, 7, 8, 9], False),
    # A bracketed fragrance is a marker; the last name is the only one after it.
    ("Water, Glycerin, Parfum (Fragrance), Milk Exosomes", "Parfum (Fragrance)", [1, 2], [3, 4],
     True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "marker", "above", "below", "all_below"), GEOMETRY)
def test_the_line_falls_before_the_first_marker(
    ctx: Context, text: str, marker: str, above: list[int], below: list[int], all_below: bool
) -> None:
    line = as_dict(analyse(text, ctx))["one_percent_line"]
    assert line["marker"] == marker
    first_marker = below[0]
    assert (line["marker_position"], line["before_position"]) == (first_marker, first_marker)
    # "after_position" says what its name says: the line falls after this position.
    assert line["after_position"] == first_marker - 1
    assert line["above"]["positions"] == above
    assert line["below"]["positions"] == below
    # The marker itself is on the "1% or less" side, never above the line.
    assert first_marker in line["below"]["positions"]
    assert first_marker not in line["above"]["positions"]
    assert line["all_ev_below"] is all_below
    assert (line["above"]["words"], line["below"]["words"]) == (
        "probably above 1%",
        "1% or less",
    )
    assert f"before {marker} (#{first_marker})" in line["text"]


def test_a_may_contain_block_and_a_second_kit_product_are_on_neither_side(ctx: Context) -> None:
    text = (
        "Cleanser: Water, Glycerin, Phenoxyethanol, Exosomes. "
        "Serum: Water, Human Platelet Lysate, Phenoxyethanol [+/- May Contain: CI 77491, Mica]"
    )
    data = as_dict(analyse(text, ctx))
    line = data["one_percent_line"]
    assert len(data["sections"]) == 2
    assert line["above"]["positions"] == [1, 2]
    assert line["below"]["positions"] == [3, 4]


def test_no_marker_means_no_line(ctx: Context) -> None:
    line = as_dict(analyse("Water, Glycerin, Human Platelet Lysate", ctx))["one_percent_line"]
    assert line["marker_position"] is None and line["after_position"] is None
    assert line["above"]["positions"] == [] and line["below"]["positions"] == []
    assert line["text"].startswith("No ingredient that marks the 1% line")


def test_the_text_report_names_both_sides(ctx: Context) -> None:
    text = as_text(as_dict(analyse(GEOMETRY[1][0], ctx)))
    assert "probably above 1%: #1 Water, #2 Glycerin, #3 Human Fibroblast Conditioned Media" in text
    assert "1% or less: #4 Phenoxyethanol, #5 Linalool" in text
