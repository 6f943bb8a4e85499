"""Regulatory flags: EU Annex II/416 by rule for human origin, FDA and MFDS facts for
human-derived EV material (SPEC section 3), and one flag per CosIng annex match."""

from pathlib import Path

import pytest

from skincheck.core.annexes import Annexes
from skincheck.core.knowledge.load import load_knowledge
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import Matcher
from skincheck.core.regulate import regulatory_flags

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(ROOT / "data")


@pytest.fixture(scope="module")
def matcher(kb: KnowledgeBase) -> Matcher:
    return Matcher.build(kb)


@pytest.fixture(scope="module")
def annexes() -> Annexes:
    return Annexes.load(ROOT / "data")


def _flags(
    matcher: Matcher, name: str, kb: KnowledgeBase, matches: tuple = ()
) -> set[tuple[str, str]]:
    return {
        (f.jurisdiction, f.status) for f in regulatory_flags(matcher.classify(name), matches, kb)
    }


def test_human_conditioned_media_gets_eu_fda_and_mfds_facts(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    # Not on CosIng's 2016 identified-ingredients list for 416, so this is the rule at work.
    name = "Human Umbilical Mesenchymal Stem Cell Conditioned Media"
    flags = regulatory_flags(matcher.classify(name), (), kb)
    assert {(f.jurisdiction, f.status) for f in flags} == {
        ("EU", "prohibited"),
        ("US", "no_approved_product"),
        ("KR", "records_required"),
    }
    eu = next(f for f in flags if f.jurisdiction == "EU")
    assert (eu.annex, eu.reference) == ("II", "416")
    assert all(f.refs and f.rule for f in flags)


def test_the_korean_record_duty_is_not_stretched_to_isolated_vesicles(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    # Issue 11: the MFDS rule read so far is about culture media; the same cells named as
    # exosomes get the EU and US facts only (this test used to expect the Korean duty).
    assert _flags(matcher, "Human Umbilical Mesenchymal Stem Cell Exosomes", kb) == {
        ("EU", "prohibited"),
        ("US", "no_approved_product"),
    }


def test_the_fda_fact_says_cosmetics_need_no_approval_before_sale(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    flags = regulatory_flags(matcher.classify("Human Fibroblast Conditioned Media"), (), kb)
    us = next(f for f in flags if f.jurisdiction == "US")
    assert "no FDA approval before sale" in us.rule
    assert "fda-cosmetic-products" in us.refs
    assert kb.references["fda-cosmetic-products"].url.startswith("https://www.fda.gov/")


def test_human_cells_themselves_get_the_korean_ban_not_the_records_duty(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    assert _flags(matcher, "Human Platelet Extract", kb) == {
        ("EU", "prohibited"),
        ("US", "no_approved_product"),
        ("KR", "prohibited"),
    }


def test_human_origin_look_alikes_get_only_the_eu_rule(matcher: Matcher, kb: KnowledgeBase) -> None:
    assert _flags(matcher, "rh-Oligopeptide-1", kb) == {("EU", "prohibited")}
    assert _flags(matcher, "Human Placental Extract", kb) == {("EU", "prohibited")}


def test_non_human_findings_and_ordinary_names_get_no_rule_flags(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    assert _flags(matcher, "Rose Stem Cell Exosomes", kb) == set()
    assert _flags(matcher, "Milk Exosomes", kb) == set()
    assert _flags(matcher, "sh-Oligopeptide-1", kb) == set()
    assert regulatory_flags(None, (), kb) == ()


def test_one_flag_per_annex_match(kb: KnowledgeBase, annexes: Annexes) -> None:
    matches = annexes.matches("Phenoxyethanol")
    flags = regulatory_flags(None, matches, kb)
    assert [(f.annex, f.reference, f.status) for f in flags] == [
        ("V", "29", "allowed_preservative")
    ]
    assert "1.0%" in (flags[0].conditions or "")


def test_annex_ii_416_is_not_shown_twice(
    matcher: Matcher, kb: KnowledgeBase, annexes: Annexes
) -> None:
    entry = annexes.entry("II", "416")
    finding = matcher.classify("Human Adipocyte Conditioned Media Extract")
    flags = regulatory_flags(finding, (entry,), kb)
    assert [(f.annex, f.reference) for f in flags if f.jurisdiction == "EU"] == [("II", "416")]
