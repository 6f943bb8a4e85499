"""Plain roles instead of raw CosIng functions, the fragrance-allergen flag in words,
the status chip on each regulatory line, and the EV card's matched entry (issue 13).

CosIng facts used (data/cosing, 2020 inventory and the annex exports): GLYCERIN is
listed with Denaturant, Oral Care and Perfuming among its functions; HUMAN ADIPOSE
DERIVED STEM CELL CONDITIONED MEDIA with Bleaching; PHENOXYETHANOL is Annex V entry 29;
LINALOOL is Annex III entry 84, which requires the name on the label above 0.001% in
leave-on and 0.01% in rinse-off products.
"""

import tomllib
from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.errors import DataError
from skincheck.core.inventory import Inventory
from skincheck.core.render import as_dict
from skincheck.core.roles import FindingRole
from skincheck.core.roles import load_role_rules
from skincheck.services import get_context

ROOT = Path(__file__).resolve().parents[2]
LIST = (
    "Water, Glycerin, Human Adipose Derived Stem Cell Conditioned Media, Phenoxyethanol, "
    "Linalool, Limonene, CI 77491, Titanium Dioxide, Sodium Hyaluronate, Dimethicone, "
    "Disodium EDTA, Parfum, Adipose Stem Cell Media, Human Platelet Lysate"
)


@pytest.fixture(scope="module")
def ctx() -> Context:
    return get_context()


@pytest.fixture(scope="module")
def data(ctx: Context) -> dict:
    return as_dict(analyse(LIST, ctx))


def _item(data: dict, printed: str) -> dict:
    return next(item for item in data["ingredients"] if item["printed"] == printed)


def _roles(data: dict, printed: str) -> list[str]:
    return [role["key"] for role in _item(data, printed)["roles"]]


def test_one_or_two_plain_roles_per_ingredient(data: dict) -> None:
    assert all(1 <= len(item["roles"]) <= 2 for item in data["ingredients"])
    assert _roles(data, "Phenoxyethanol")[0] == "preservative"
    assert _roles(data, "Glycerin")[0] == "humectant"
    assert _roles(data, "Dimethicone")[0] == "emollient"
    assert _roles(data, "CI 77491") == ["colourant"]
    assert _roles(data, "Titanium Dioxide")[0] == "uv_filter"
    assert _roles(data, "Linalool")[0] == "fragrance"
    assert _roles(data, "Parfum") == ["fragrance"]
    assert _roles(data, "Disodium EDTA")[0] == "chelating"


def test_functions_that_do_not_apply_to_skin_care_are_never_a_role(data: dict) -> None:
    glycerin = _item(data, "Glycerin")
    assert {"Denaturant", "Oral Care", "Perfuming"} <= set(glycerin["functions"])
    words = " ".join(role["word"] for role in glycerin["roles"]).lower()
    for hidden in ("denatur", "oral", "plaque", "fragrance"):
        assert hidden not in words
    medium = _item(data, "Human Adipose Derived Stem Cell Conditioned Media")
    assert "Bleaching" in medium["functions"]
    assert _roles(data, "Human Adipose Derived Stem Cell Conditioned Media") == [
        "active", "skin_conditioning",
    ]  # fmt: skip


def test_bleaching_is_skin_lightening_except_for_an_ev_ingredient(ctx: Context) -> None:
    data = as_dict(
        analyse("Water, Alpha-Arbutin, Human Adipose Derived Stem Cell Conditioned Media", ctx)
    )
    assert "skin_lightening" in _roles(data, "Alpha-Arbutin")
    assert "skin_lightening" not in _roles(
        data, "Human Adipose Derived Stem Cell Conditioned Media"
    )


def test_every_cosing_function_is_placed_by_the_roles_file() -> None:
    # A function the file neither maps nor sets aside would silently vanish from the table.
    raw = tomllib.loads((ROOT / "data/roles.toml").read_text(encoding="utf-8"))
    placed = set(raw["not_skin_care"]["always"])
    placed |= {function for role in raw["role"] for function in role["functions"]}
    inventory = Inventory.load(ROOT / "data")
    functions = {f for entry in inventory.by_name.values() for f in entry.functions}
    assert functions - placed == set()


def test_fragrance_allergens_are_flagged_in_words(data: dict) -> None:
    wording = "fragrance allergen: must be named on the label above 0.001% in leave-on products"
    for printed in ("Linalool", "Limonene"):
        assert _item(data, printed)["allergen"].startswith(wording)
        [line] = [f for f in data["regulatory"] if f["printed"] == printed]
        assert line["allergen"].startswith(wording)
        assert line["chip"] == "restricted"
        assert line["conditions"]  # the legal text is kept, to fold
    # Titanium dioxide is restricted in Annex III too, but not as a fragrance allergen.
    assert _item(data, "Titanium Dioxide")["allergen"] is None
    assert _item(data, "Parfum")["allergen"] is None


def test_regulatory_lines_lead_with_a_status_chip(data: dict) -> None:
    chips = {(f["printed"], f["chip"]) for f in data["regulatory"]}
    assert ("Phenoxyethanol", "allowed preservative") in chips
    assert ("CI 77491", "allowed colourant") in chips
    assert ("Titanium Dioxide", "allowed UV filter") in chips
    assert ("Human Platelet Lysate", "prohibited") in chips
    assert ("Adipose Stem Cell Media", "prohibited if of human origin") in chips


def test_the_ev_card_says_which_entry_was_matched_and_how(data: dict) -> None:
    cards = {ev["printed"]: ev["matched_entry"] for ev in data["ev_ingredients"]}
    assert cards["Human Platelet Lysate"] == {
        "name": "Human Platelet Extract",
        "slug": "human-platelet-extract",
        "via": "alias",
        "read_as": "Human Platelet Lysate: read as Human Platelet Extract",
    }
    own = cards["Human Adipose Derived Stem Cell Conditioned Media"]
    assert (own["via"], own["read_as"]) == ("name", None)


def test_a_close_match_says_so_and_a_rule_match_has_no_entry(ctx: Context) -> None:
    data = as_dict(analyse("Water, Human Plateleet Extract, Exosomes", ctx))
    typo, rule = data["ev_ingredients"]
    assert typo["matched_entry"]["via"] == "close_match"
    read_as = "Human Plateleet Extract: read as Human Platelet Extract"
    assert typo["matched_entry"]["read_as"] == read_as
    assert rule["matched_entry"] is None


def test_the_roles_file_gives_each_kind_of_finding_its_role() -> None:
    rules = load_role_rules(ROOT / "data")
    assert set(rules.finding_roles) == set(FindingRole)


def test_a_misspelt_finding_in_the_roles_file_is_refused(tmp_path: Path) -> None:
    # "look-alike" for "look_alike" would leave every look-alike without its role.
    text = (ROOT / "data" / "roles.toml").read_text(encoding="utf-8")
    assert "\nlook_alike = {" in text
    (tmp_path / "roles.toml").write_text(
        text.replace("\nlook_alike = {", "\nlook-alike = {"), encoding="utf-8"
    )
    with pytest.raises(DataError, match="'look-alike' is none of ev, look_alike"):
        load_role_rules(tmp_path)
