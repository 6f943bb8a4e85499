"""Regulation that matches the rating text (issue 11 section 4).

A name that names cells usually taken from people but no species (platelet-rich plasma,
"Platelet-Derived Exosomes", mesenchymal, stromal, umbilical cord, Wharton's jelly and
iPSC names) is probably human: it gets each rule-based fact worded as a condition
("If of human origin: ...", status ending in "_if_human"). Human proteins that may be
recombinant (Human Serum Albumin) get the same conditional flag and a look-alike line
saying what is known. Expected answers come from the issue and regulation.toml's
sources (EU Annex II/416, FDA notices, MFDS on culture media), not from the code.
"""

import json
from pathlib import Path

import pytest

from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher
from skincheck.core.regulate import IF_HUMAN_SUFFIX
from skincheck.core.regulate import regulatory_flags

ROOT = Path(__file__).resolve().parents[2]


def _statuses(matcher: Matcher, name: str, kb: KnowledgeBase) -> set[tuple[str, str]]:
    return {(f.jurisdiction, f.status) for f in regulatory_flags(matcher.classify(name), (), kb)}


PROBABLY_HUMAN_VESICLES = [
    "Platelet-Rich Plasma Exosomes",
    "Platelet-Derived Exosomes",
    "PRP Exosomes",
    "Mesenchymal Stem Cell Exosomes",
    "Stromal Cell Exosomes",
    "Umbilical Cord Mesenchymal Stem Cell Exosomes",
    "Wharton's Jelly Mesenchymal Stem Cell Exosomes",
    "iPSC Exosomes",
]


@pytest.mark.parametrize("name", PROBABLY_HUMAN_VESICLES)
def test_human_type_vesicles_without_a_species_get_if_human_flags(
    matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    finding = matcher.classify(name)
    assert isinstance(finding, EvFinding)
    assert (finding.human_origin, finding.probably_human) == (False, True)
    # EU Annex II/416 and the FDA exosome fact, as conditions; no Korean fact for
    # isolated vesicles (the MFDS rule read is about culture media).
    assert _statuses(matcher, name, kb) == {
        ("EU", "prohibited_if_human"),
        ("US", "no_approved_product_if_human"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "Adipose Stem Cell Media",
        "Umbilical Cord Stem Cell Conditioned Media",
        "Adipose Stem Cell Culture Solution",
    ],
)
def test_human_type_culture_media_also_get_the_korean_record_duty_as_a_condition(
    matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    assert _statuses(matcher, name, kb) == {
        ("EU", "prohibited_if_human"),
        ("US", "no_approved_product_if_human"),
        ("KR", "records_required_if_human"),
    }


@pytest.mark.parametrize("name", ["Platelet-Rich Plasma", "Platelet Lysate"])
def test_human_type_cells_themselves_get_the_korean_ban_as_a_condition(
    matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    assert _statuses(matcher, name, kb) == {
        ("EU", "prohibited_if_human"),
        ("US", "no_approved_product_if_human"),
        ("KR", "prohibited_if_human"),
    }


def test_the_conditional_eu_flag_names_annex_ii_entry_416(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    flags = regulatory_flags(matcher.classify("Platelet-Rich Plasma Exosomes"), (), kb)
    eu = next(f for f in flags if f.jurisdiction == "EU")
    assert (eu.annex, eu.reference) == ("II", "416")
    assert eu.rule.startswith("If of human origin: ")
    assert "Annex II entry 416" in eu.rule
    assert eu.if_human and eu.refs and eu.text


def test_certainly_human_names_get_plain_flags_not_conditions(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    flags = regulatory_flags(matcher.classify("Human Platelet Extract"), (), kb)
    assert flags and not any(flag.if_human for flag in flags)


@pytest.mark.parametrize(
    "name",
    ["Stem Cell Exosomes", "Exosomes", "Rose Stem Cell Exosomes", "Chlorella Vulgaris Exosomes"],
)
def test_names_that_do_not_point_to_people_get_no_flag(
    matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    # A bare "stem cell" is sold for plant cells too: no guess at human origin.
    finding = matcher.classify(name)
    assert isinstance(finding, EvFinding) and not finding.probably_human
    assert regulatory_flags(finding, (), kb) == ()


@pytest.mark.parametrize(
    "name",
    [
        "Human Serum Albumin",
        "Human Lysozyme",
        "Human Anti-Propionibacterium Acnes Monoclonal Antibody",
    ],
)
def test_human_proteins_say_what_is_known_and_flag_the_condition(
    matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    finding = matcher.classify(name)
    assert isinstance(finding, LookAlikeFinding)
    assert (finding.human_origin, finding.probably_human) == (False, True)
    assert "name does not say" in finding.explanation
    assert _statuses(matcher, name, kb) == {("EU", "prohibited_if_human")}


def test_a_recombinant_human_protein_is_treated_as_cosing_treats_rh_proteins(
    matcher: Matcher,
    kb: KnowledgeBase,
) -> None:
    finding = matcher.classify("Recombinant Human Serum Albumin")
    assert isinstance(finding, LookAlikeFinding) and finding.human_origin
    assert _statuses(matcher, "Recombinant Human Serum Albumin", kb) == {("EU", "prohibited")}


def test_every_conditional_status_ends_with_the_suffix_the_code_reads(kb: KnowledgeBase) -> None:
    for fact in kb.regulation:
        assert fact.if_human_status == fact.status + IF_HUMAN_SUFFIX
        assert fact.if_human_rule.startswith("If of human origin: ")


def test_the_schema_describes_the_if_human_status() -> None:
    schema = json.loads((ROOT / "static" / "schema" / "analysis-1.json").read_text())
    status = schema["properties"]["regulatory"]["items"]["properties"]["status"]
    assert "_if_human" in status["description"]
