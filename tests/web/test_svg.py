"""The position strip: accessible, drawn from the analysis, and escaped."""

import re

from skincheck.web.svg import position_strip


def _analysis(total, evs, after):
    return {
        "ingredients": [{"position": n} for n in range(1, total + 1)],
        "ev_ingredients": [{"position": p, "printed": name} for p, name in evs],
        "one_percent_line": {
            "after_position": after,
            "marker": "Phenoxyethanol",
            "all_ev_below": False,
        },
    }


def test_strip_is_an_accessible_image():
    svg = str(position_strip(_analysis(10, [(3, "Exosomes")], 5)))
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert 'aria-labelledby="strip-title strip-desc"' in svg
    desc = re.search(r'<desc id="strip-desc">(.*?)</desc>', svg).group(1)
    assert "10 ingredients" in desc
    assert "position 3 (Exosomes)" in desc
    assert "after position 5, after Phenoxyethanol" in desc


def test_strip_marks_each_ev_position_and_the_line():
    svg = str(position_strip(_analysis(10, [(3, "A"), (8, "B")], 5)))
    # One numbered label under each EV slot.
    assert re.findall(r'text-anchor="middle" fill="#222">(\d+)</text>', svg) == ["3", "8"]
    assert svg.count('stroke-dasharray="4 3"') == 1
    assert "≈1% line" in svg


def test_strip_without_a_line_or_evs():
    svg = str(position_strip(_analysis(4, [], None)))
    assert "stroke-dasharray" not in svg
    assert "No EV ingredient." in svg
    assert "could not be placed" in svg


def test_pasted_markup_in_a_name_is_escaped():
    svg = str(position_strip(_analysis(3, [(1, "<script>alert(1)</script>")], None)))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_empty_list_draws_nothing():
    assert str(position_strip({"ingredients": []})) == ""
