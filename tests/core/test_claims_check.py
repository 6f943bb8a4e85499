"""The claims check compares what is claimed with what is listed (issue 13): the claimed
topic (exosomes, stem cells, PDRN, growth factors, platelets), the claimed source (a
named plant or animal) and what the list holds, each finding said once.

The right answers follow from the lists as written: a rose callus culture is a plant
cell culture (look_alikes.csv/look_alike_patterns.csv), a human umbilical-cord medium is
human stem-cell material, sh-Oligopeptide-1 is a single synthetic growth factor.
"""

from collections import Counter
from pathlib import Path

import pytest

from skincheck.core.analyse import analyse
from skincheck.core.analyse import Context
from skincheck.core.claim_words import load_claim_words
from skincheck.core.render import as_dict
from skincheck.core.render import as_text
from skincheck.services import get_context

ROOT = Path(__file__).resolve().parents[2]
ROSE_LIST = (
    "Water, Human Umbilical Cord Stem Cell Conditioned Media, Glycerin, "
    "Rosa Damascena Callus Culture Extract, Phenoxyethanol"
)


@pytest.fixture(scope="module")
def ctx() -> Context:
    return get_context()


def _claims(ctx: Context, text: str, claims: str) -> dict:
    return as_dict(analyse(text, ctx, claims=claims))["claims"]


def _by_status(claims: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for finding in claims["findings"]:
        out.setdefault(finding["status"], []).append(finding)
    return out


def test_rose_stem_cell_exosomes_over_a_human_medium_and_a_rose_callus(ctx: Context) -> None:
    claims = _claims(ctx, ROSE_LIST, "Rose Stem Cell Exosomes Ampoule")
    found = _by_status(claims)
    assert claims["claimed_sources"] == [{"name": "rose", "kind": "plant"}]
    # The claimed source, and the source found.
    [mismatch] = found["source_mismatch"]
    assert "rose (a plant)" in mismatch["text"]
    assert "human umbilical cord stem cells" in mismatch["text"]
    assert mismatch["positions"] == [2]
    # The rose ingredient is named as a look-alike: a plant cell culture, not vesicles.
    [rose] = found["source_look_alike"]
    assert rose["positions"] == [4]
    assert "Rosa Damascena Callus Culture Extract (#4)" in rose["text"]
    assert "plant cell culture, not vesicles" in rose["text"]
    # The list holds EV material, but not what was claimed.
    assert claims["mentions_ev"] is True
    assert claims["backed_by_list"] is False


def test_each_finding_is_said_once(ctx: Context) -> None:
    claims = _claims(ctx, ROSE_LIST, "Rose Stem Cell Exosomes Ampoule")
    texts = [finding["text"] for finding in claims["findings"]]
    assert len(texts) == len(set(texts))
    # "stem cells" and "exosomes" are answered by the same ingredient: one sentence.
    topics = [f for f in claims["findings"] if f["about"] == "topic"]
    assert len(topics) == 1 and topics[0]["key"] == "stem_cell+exosome"
    # Every ingredient named as a look-alike is named so once.
    said = [f for f in claims["findings"] if "look-alike" in f["text"]]
    named = Counter(p for f in said for p in f["positions"])
    assert all(count == 1 for count in named.values())


def test_an_unbacked_claim_is_said_once_in_the_text_report(ctx: Context) -> None:
    # Before issue 13 the "not backed" sentence stood in the verdict and again as "Claims:".
    data = as_dict(analyse("Water, Glycerin, Niacinamide, Phenoxyethanol", ctx,
                           claims="Exosome Glow Serum"))  # fmt: skip
    text = as_text(data)
    assert text.count("not backed by the list") == 1
    assert "Claimed exosomes or extracellular vesicles: nothing in the list answers" in text


def test_a_plant_stem_cell_claim_over_an_apple_culture_is_look_alikes_only(ctx: Context) -> None:
    claims = _claims(ctx, "Water, Malus Domestica Fruit Cell Culture Extract, Phenoxyethanol",
                     "Apple Stem Cell Serum")  # fmt: skip
    [finding] = claims["findings"]
    assert finding["status"] == "look_alike_only"
    assert finding["positions"] == [2]
    assert claims["backed_by_list"] is False


def test_platelet_derived_growth_factor_is_a_growth_factor_claim_not_a_platelet_one(
    ctx: Context,
) -> None:
    claims = _claims(ctx, "Water, sh-Oligopeptide-1, Phenoxyethanol",
                     "Peptide Serum with Platelet-Derived Growth Factor")  # fmt: skip
    keys = [finding["key"] for finding in claims["findings"]]
    assert keys == ["growth_factor"]
    assert claims["findings"][0]["status"] == "backed"
    assert claims["mentions_ev"] is False  # no platelet, exosome or stem-cell claim


def test_a_platelet_claim_over_a_platelet_lysate_is_backed(ctx: Context) -> None:
    claims = _claims(ctx, "Water, Human Platelet Lysate, Phenoxyethanol", "PRP Serum")
    [finding] = claims["findings"]
    assert (finding["key"], finding["status"], finding["positions"]) == ("platelet", "backed", [2])
    assert claims["backed_by_list"] is True


def test_a_salmon_pdrn_claim_is_answered_by_dna_once(ctx: Context) -> None:
    claims = _claims(ctx, "Water, Sodium DNA, Phenoxyethanol", "Salmon PDRN Cream")
    [finding] = claims["findings"]
    assert (finding["key"], finding["status"], finding["positions"]) == ("pdrn", "backed", [2])
    assert "DNA fragments, not vesicles" in finding["text"]


def test_a_stem_cell_claim_over_fibroblast_medium_says_what_is_there(ctx: Context) -> None:
    claims = _claims(ctx, "Water, Human Fibroblast Conditioned Media, Glycerin",
                     "Stem Cell Secretome Serum")  # fmt: skip
    found = _by_status(claims)
    assert found["other_ev"][0]["key"] == "stem_cell"
    assert "Human Fibroblast Conditioned Media (#2)" in found["other_ev"][0]["text"]
    assert found["backed"][0]["key"] == "secretome"
    assert claims["backed_by_list"] is False


def test_a_named_animal_is_checked_against_the_list(ctx: Context) -> None:
    backed = _claims(ctx, "Water, Bovine Colostrum Exosomes", "Bovine Colostrum Exosome Cream")
    assert _by_status(backed)["source_found"][0]["positions"] == [2]
    assert backed["backed_by_list"] is True
    other = _claims(ctx, "Water, Lactobacillus Extracellular Vesicles", "Colostrum Exosome Cream")
    assert _by_status(other)["source_mismatch"][0]["positions"] == [2]
    assert other["backed_by_list"] is False


def test_a_named_plant_with_no_ev_ingredient_says_none_is_listed(ctx: Context) -> None:
    claims = _claims(ctx, "Water, Centella Asiatica Extract", "Cica Exosome Toner")
    [missing] = _by_status(claims)["source_missing"]
    assert "no extracellular-vesicle ingredient from centella is listed" in missing["text"]


def test_a_name_without_claims_gives_no_findings(ctx: Context) -> None:
    claims = _claims(ctx, ROSE_LIST, "Rose Water Toner")
    assert claims["findings"] == [] and claims["mentions_ev"] is False


def test_the_sources_a_claim_may_name_come_from_the_data_file(
    ctx: Context, tmp_path: Path
) -> None:
    # The same check with "rose" taken out of a copy of data/claims.toml names no source.
    text = (ROOT / "data/claims.toml").read_text(encoding="utf-8")
    start = text.index('[[source]]\nname = "rose"')
    end = text.index("[[source]]", start + 1)
    (tmp_path / "claims.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    listed = [(i.ingredient, i.finding) for i in analyse(ROSE_LIST, ctx).items if i.finding]
    claim = "Rose Stem Cell Exosomes Ampoule"
    with_rose = ctx.claim_checker.check(claim, listed, ctx.report.claims)
    without = ctx.claim_checker.check(claim, listed, load_claim_words(tmp_path))
    assert with_rose.claimed_sources == (("rose", "plant"),)
    assert without.claimed_sources == ()
    assert not [f for f in without.findings if f.about == "source"]
