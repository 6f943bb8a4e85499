"""The fast path of as_dict() gives what the plain way gives, and shares nothing.

as_dict() walks the items once for the rarer parts instead of through
Analysis.ev_items / look_alike_items. Each test sets a shortcut against the
plain way written out here, on lists that hold every part of the JSON: EV ingredients,
look-alikes, regulatory flags, kit sections, a may-contain block and a claim. And a
caller may change the JSON it gets: no list or dict of one answer is in another.
"""

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Analysis
from skincheck.core.analyse import Context
from skincheck.core.render import as_dict
from skincheck.services import get_context

from ..lists import EXAMPLE_1

ROOT = Path(__file__).resolve().parents[2]

LISTS = [
    # SPEC section 9, worked example 1 (an EV ingredient first, fragrance allergens after).
    EXAMPLE_1,
    # Look-alikes only, a nano pigment and an unknown name.
    "Aqua (Water), Bifida Ferment Lysate, rh-Oligopeptide-1, Titanium Dioxide (nano), "
    "Phenoxyethanol, Foobarium Notaname",
    # Two EV sources, one behind a synonym, and a may-contain block.
    "Water, Human Platelet Lysate, Glycerin, Aqua (Human Fibroblast Conditioned Media), "
    "Exosomes, Parfum (Fragrance) [+/- May Contain: CI 77491, Mica]",
    # A kit: two titled sections.
    "Cleanser: Water, Sodium Laureth Sulfate, Exosomes. Serum: Water, Glycerin, "
    "Human Adipose Stem Cell Conditioned Media, Phenoxyethanol",
]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return get_context()


@pytest.fixture(scope="module")
def label_lists() -> list[str]:
    paths = sorted((ROOT / "tests" / "fixtures" / "labels").glob("*.txt"))
    return [path.read_text(encoding="utf-8").partition("\n\n")[2] for path in paths]


def _plain_parts(analysis: Analysis) -> dict[str, Any]:
    """The per-item parts of the JSON the plain way: through ev_items and
    look_alike_items, with the flags in a nested comprehension (SPEC section 7)."""
    items = analysis.items
    return {
        "positions": [item.ingredient.position for item in items],
        "ev": [item.ingredient.position for item in analysis.ev_items],
        "look_alikes": [item.ingredient.position for item in analysis.look_alike_items],
        "regulatory": [
            (item.ingredient.position, flag.jurisdiction, flag.rule, flag.status, list(flag.refs))
            for item in items
            for flag in item.flags
        ],
        "unrecognised": [item.ingredient.name for item in items if not item.recognised],
        "functions": [list(item.recognition.functions) for item in items],
    }


def test_the_lists_cover_every_part_of_the_json(ctx: Context) -> None:
    # Fails if a list above stops exercising what this module claims to check.
    data = [as_dict(analyse(text, ctx)) for text in LISTS]
    assert any(d["ev_ingredients"] for d in data)
    assert any(d["look_alikes"] for d in data)
    assert any(d["regulatory"] for d in data)
    assert any(len(d["sections"]) > 1 for d in data)
    assert any(i["may_contain"] for d in data for i in d["ingredients"])
    assert any(d["coverage"]["unrecognised"] for d in data)


def test_items_stay_frozen(ctx: Context) -> None:
    item = analyse(LISTS[0], ctx).items[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.ingredient = None  # type: ignore[misc]
    assert item.role == "ev"


def test_json_parts_match_the_plain_walk(ctx: Context, label_lists: list[str]) -> None:
    for text in LISTS + label_lists:
        analysis = analyse(text, ctx)
        data = as_dict(analysis)
        plain = _plain_parts(analysis)
        assert [i["position"] for i in data["ingredients"]] == plain["positions"]
        assert [e["position"] for e in data["ev_ingredients"]] == plain["ev"]
        assert [e["position"] for e in data["look_alikes"]] == plain["look_alikes"]
        regulatory = [
            (f["position"], f["jurisdiction"], f["rule"], f["status"], f["refs"])
            for f in data["regulatory"]
        ]
        assert regulatory == plain["regulatory"]
        assert data["coverage"]["unrecognised"] == plain["unrecognised"]
        assert [i["functions"] for i in data["ingredients"]] == plain["functions"]


def _containers(value: Any) -> list[Any]:
    """Every list and dict inside ``value``, itself included."""
    found = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            found.append(node)
            stack.extend(node)
    return found


def test_two_answers_share_no_list_or_dict(ctx: Context) -> None:
    for text in LISTS:
        first, second = as_dict(analyse(text, ctx)), as_dict(analyse(text, ctx))
        ids = {id(node) for node in _containers(first)}
        assert not ids & {id(node) for node in _containers(second)}


def test_changing_one_answer_leaves_the_next_alone(ctx: Context) -> None:
    for text in LISTS:
        expected = json.dumps(as_dict(analyse(text, ctx)))
        changed = as_dict(analyse(text, ctx))
        for node in _containers(changed):
            if isinstance(node, list):
                node.append("changed")
            else:
                node["changed"] = True
        assert json.dumps(as_dict(analyse(text, ctx))) == expected
