"""The three-line summary every report opens with (issue 13, SUMMARY_CONTRACT.md), and
the two meanings of "recognised" kept apart: in the EU CosIng inventory, and known to
skincheck.

Expected values are read off the lists by hand and off the data files themselves
(grades.toml, evidence.toml read here with tomllib, not through the code under test).
"""

import re
import tomllib
from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.render import as_dict
from skincheck.core.summary import ordinal
from skincheck.services import get_context

ROOT = Path(__file__).resolve().parents[2]
GRADES = {g["key"]: g for g in tomllib.loads((ROOT / "data/kb/grades.toml").read_text())["grade"]}
LEVELS = [lv["key"] for lv in tomllib.loads((ROOT / "data/kb/evidence.toml").read_text())["level"]]
FORBIDDEN = re.compile(
    r"\b(safe|safely|unsafe|legal|legally|illegal|compliant|compliance|clean)\b", re.I
)

PLATELET = "Water, Glycerin, Butylene Glycol, Niacinamide, Human Platelet Lysate, Phenoxyethanol"
#: No species printed: "Adipose Stem Cell Media" is usually human (data/kb, probable).
UNSTATED = "Water, Adipose Stem Cell Media, Glycerin, Phenoxyethanol"
LOOK_ALIKES = "Water, Malus Domestica Fruit Cell Culture Extract, sh-Oligopeptide-1, Sodium DNA"
NO_EV = "Water, Glycerin, Niacinamide, Phenoxyethanol"


@pytest.fixture(scope="module")
def ctx() -> Context:
    return get_context()


def _summary(ctx: Context, text: str, **kwargs: str) -> dict:
    return as_dict(analyse(text, ctx, **kwargs))["summary"]


def test_line_one_names_the_ev_ingredient_by_printed_name_and_position(ctx: Context) -> None:
    contents = _summary(ctx, PLATELET)["contents"]
    assert contents["kind"] == "ev"
    assert contents["items"] == [{"printed": "Human Platelet Lysate", "position": 5, "role": "ev"}]
    assert contents["text"] == "Human Platelet Lysate (5th ingredient)"


def test_only_look_alikes_are_named_as_look_alikes_with_what_they_are(ctx: Context) -> None:
    contents = _summary(ctx, LOOK_ALIKES)["contents"]
    assert contents["kind"] == "look_alikes_only"
    assert [item["position"] for item in contents["items"]] == [2, 3, 4]
    assert {item["role"] for item in contents["items"]} == {"look_alike"}
    text = contents["text"]
    assert text.startswith("Only look-alikes")
    expected = (
        "Malus Domestica Fruit Cell Culture Extract (plant cell culture, 2nd",
        "sh-Oligopeptide-1 (growth-factor peptide, 3rd",
        "Sodium DNA (DNA, 4th",
    )
    for words in expected:
        assert words in text


def test_a_list_with_neither_says_none(ctx: Context) -> None:
    summary = _summary(ctx, NO_EV)
    assert summary["contents"]["kind"] == "none"
    assert summary["contents"]["items"] == []
    assert summary["regions"] == []
    assert (summary["source"], summary["evidence"]) == (None, None)
    assert summary["precaution"]


def test_a_human_platelet_product_opens_with_the_eu_ban_before_any_grade(ctx: Context) -> None:
    summary = _summary(ctx, PLATELET)
    regions = {region["region"]: region for region in summary["regions"]}
    assert regions["EU"]["status"] == "prohibited"
    assert regions["EU"]["chip"] == "EU: prohibited in cosmetics (Annex II entry 416)"
    assert "eu-1223-2009" in regions["EU"]["refs"]
    assert regions["US"]["status"] == "no_approved_product"
    # Korea bans human cells and tissues themselves (a lysate), not culture media.
    assert regions["KR"]["status"] == "prohibited"
    labels = [line["label"] for line in summary["lines"]]
    assert labels == ["What is in it", "Where it may be sold", "Source and human evidence"]
    # Legal status is line 2; the grade word first appears on line 3, never before.
    word = GRADES["least_concern"]["word"]
    assert word not in summary["lines"][0]["text"] + summary["lines"][1]["text"]
    assert word in summary["lines"][2]["text"]
    assert summary["lines"][1]["text"].startswith("EU: prohibited")


def test_an_unstated_species_gets_chips_worded_if_of_human_origin(ctx: Context) -> None:
    regions = _summary(ctx, UNSTATED)["regions"]
    assert {region["status"] for region in regions} == {
        "prohibited_if_human", "no_approved_product_if_human", "records_required_if_human",
    }  # fmt: skip
    eu = next(region for region in regions if region["region"] == "EU")
    assert eu["chip"] == "EU: prohibited in cosmetics if of human origin (Annex II entry 416)"
    assert all(region["if_human"] for region in regions)


def test_the_most_restrictive_fact_of_a_region_wins(ctx: Context) -> None:
    # A probably-human medium first, a human one after: the EU chip is the plain ban.
    regions = _summary(
        ctx, UNSTATED.replace("Glycerin", "Human Fibroblast Conditioned Media")
    )["regions"]
    eu = next(region for region in regions if region["region"] == "EU")
    assert eu["status"] == "prohibited"
    assert eu["ingredients"] == [{"printed": "Human Fibroblast Conditioned Media", "position": 3}]


def test_source_and_evidence_sit_on_their_scales_as_the_data_files_say(ctx: Context) -> None:
    summary = _summary(ctx, PLATELET)
    source, evidence = summary["source"], summary["evidence"]
    grade = GRADES["least_concern"]
    assert (source["key"], source["word"], source["rank"]) == (
        "least_concern", grade["word"], grade["rank"],
    )  # fmt: skip
    assert source["of"] == max(g["rank"] for g in GRADES.values())
    assert source["legend_url"] == "/sources#grades"
    # evidence.toml records one single-arm platelet-extract study: uncontrolled human.
    assert evidence["key"] == "uncontrolled_human"
    assert (evidence["rank"], evidence["of"]) == (LEVELS.index("uncontrolled_human") + 1, 4)
    assert evidence["legend_url"] == "/sources#evidence"


def test_the_lead_is_the_most_concerning_source_as_in_the_verdict(ctx: Context) -> None:
    text = "Human Platelet Extract, Water, Human Fibroblast Conditioned Media"
    data = as_dict(analyse(text, ctx))
    lead = data["summary"]["lead"]
    assert lead == {"printed": "Human Fibroblast Conditioned Media", "position": 3}
    assert data["summary"]["source"]["word"] == data["verdict"]["grade"]
    # The source judgement and the best grade never share a word.
    assert data["summary"]["source"]["word"] != GRADES["least_concern"]["word"]


def test_the_precautionary_sentence_is_one_sentence_and_on_line_three(ctx: Context) -> None:
    summary = _summary(ctx, PLATELET)
    precaution = summary["precaution"]
    assert precaution.count(". ") == 0 and precaution.endswith(".")
    assert "precautionary" in precaution and "not a finding of any trial" in precaution
    assert summary["lines"][2]["text"].endswith(precaution)


def test_the_title_names_the_product_else_the_first_ev_ingredient(ctx: Context) -> None:
    assert _summary(ctx, PLATELET, product_name="Glow Ampoule")["title"] == "Glow Ampoule"
    assert _summary(ctx, PLATELET)["title"] == "List with Human Platelet Lysate …"
    assert _summary(ctx, NO_EV)["title"] == "List with Water …"


def test_in_cosing_and_known_are_kept_apart(ctx: Context) -> None:
    data = as_dict(analyse(
        "Water, Human Platelet Lysate, Exosomes, Bovine Colostrum Exosomes, Foobarium Notaname",
        ctx,
    ))  # fmt: skip
    flags = {i["printed"]: (i["in_cosing"], i["known"]) for i in data["ingredients"]}
    assert flags == {
        "Water": (True, True),
        # Known to skincheck's knowledge base, but not in the EU inventory.
        "Human Platelet Lysate": (False, True),
        "Exosomes": (False, True),
        "Bovine Colostrum Exosomes": (False, True),
        "Foobarium Notaname": (False, False),
    }
    coverage = data["coverage"]
    assert (coverage["total"], coverage["in_cosing"], coverage["known"]) == (5, 1, 4)
    assert coverage["not_in_cosing"] == [
        "Human Platelet Lysate", "Exosomes", "Bovine Colostrum Exosomes", "Foobarium Notaname",
    ]  # fmt: skip


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st",
        "111th",
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["summary.toml", "claims.toml", "roles.toml"])
def test_the_new_wording_never_calls_a_product_safe_legal_compliant_or_clean(name: str) -> None:
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    said = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not FORBIDDEN.search(said), FORBIDDEN.search(said)
