"""Ratings, the 1% line, the claim check and the verdict, on SPEC's worked examples and
small hand-made lists whose right answers follow from SPEC sections 2 and 4."""

from pathlib import Path

import pytest

from skincheck.core.claim_words import ClaimWords
from skincheck.core.claim_words import load_claim_words
from skincheck.core.claims import ClaimChecker
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher
from skincheck.core.model import Ingredient
from skincheck.core.rate import decide_verdict
from skincheck.core.rate import Rater

from ..lists import EXAMPLE_1

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def words() -> ClaimWords:
    return load_claim_words(ROOT / "data")


def _list(*names: str, section: int = 0, start: int = 1) -> list[Ingredient]:
    return [Ingredient(start + n, name, name, section) for n, name in enumerate(names)]


def _ev(matcher: Matcher, ingredients: list[Ingredient]) -> list[tuple[Ingredient, EvFinding]]:
    pairs = [(i, matcher.classify(i.name)) for i in ingredients]
    return [(i, f) for i, f in pairs if isinstance(f, EvFinding)]


def _look(matcher: Matcher, ingredients: list[Ingredient]) -> list:
    pairs = [(i, matcher.classify(i.name)) for i in ingredients]
    return [(i, f) for i, f in pairs if isinstance(f, LookAlikeFinding)]


def test_a_neonatal_fibroblast_medium_is_rated_with_senescence_and_the_newborn_nuance(
    matcher: Matcher,
    rater: Rater,
    kb: KnowledgeBase,
) -> None:
    finding = matcher.classify("Human Neonatal Fibroblast Conditioned Media")
    assert isinstance(finding, EvFinding)
    rating = rater.rate(finding)
    assert rating.grade == kb.classes["senescent_risk"].grade
    texts = [reason.text for reason in rating.reasons]
    # SPEC 2: senescent_risk explains SASP; conditioned media is not an isolated fraction;
    # a neonatal donor lowers donor-age risk but passage number is still unknown.
    assert any("four times more" in text for text in texts)
    assert kb.materials["conditioned_media"].caveat.text in texts
    assert any("newborn" in text and "passaged" in text for text in texts)
    assert any("passage number" in question for question in rating.questions)
    assert all(reason.refs for reason in rating.reasons)


def test_an_adult_fibroblast_medium_gets_no_newborn_nuance(
    matcher: Matcher, rater: Rater, kb: KnowledgeBase
) -> None:
    finding = matcher.classify("Human Fibroblast Conditioned Media")
    assert isinstance(finding, EvFinding)
    assert not any("newborn" in r.text for r in rater.rate(finding).reasons)


def test_a_platelet_extract_gets_the_least_concern_grade_and_lysate_caveat(
    matcher: Matcher,
    rater: Rater,
    kb: KnowledgeBase,
) -> None:
    finding = matcher.classify("Human Platelet Extract")
    assert isinstance(finding, EvFinding)
    rating = rater.rate(finding)
    assert (rating.grade, rating.label) == ("least source concern", kb.classes["platelet"].label)
    assert kb.materials["lysate_or_extract"].caveat in rating.reasons


def test_an_immortalised_line_and_an_unnamed_species_each_add_a_reason(
    matcher: Matcher, rater: Rater, kb: KnowledgeBase
) -> None:
    immortal = matcher.classify("Immortalized Human Tooth Pulp Stem Cell Conditioned Media")
    unnamed = matcher.classify("Adipose stem cell media")
    assert isinstance(immortal, EvFinding) and isinstance(unnamed, EvFinding)
    assert any("immortalised" in r.text for r in rater.rate(immortal).reasons)
    assert any("which species" in r.text for r in rater.rate(unnamed).reasons)


def test_the_one_percent_line_of_worked_example_1(rater: Rater, kb: KnowledgeBase) -> None:
    ingredients = _list(*EXAMPLE_1.split(", "))
    line = rater.one_percent_line(ingredients, [1])
    # Disodium EDTA (#6) is the first ingredient usually used at 1% or less; the EV
    # ingredient is #1, above it.
    assert (line.after_position, line.marker, line.all_ev_below) == (6, "Disodium EDTA", False)


def test_an_ev_ingredient_after_phenoxyethanol_is_probably_below_one_percent(
    rater: Rater,
    kb: KnowledgeBase,
) -> None:
    ingredients = _list("Water", "Glycerin", "Phenoxyethanol", "Milk Exosomes", "Parfum")
    line = rater.one_percent_line(ingredients, [4])
    assert (line.after_position, line.all_ev_below) == (3, True)


def test_a_bracketed_fragrance_counts_as_a_marker(rater: Rater, kb: KnowledgeBase) -> None:
    ingredients = _list("Water", "Parfum (Fragrance)", "Human Fibroblast Conditioned Media")
    assert rater.one_percent_line(ingredients, [3]).after_position == 2


def test_the_line_does_not_cross_into_a_second_kit_section(rater: Rater, kb: KnowledgeBase) -> None:
    first = _list("Water", "Glycerin", "Human Fibroblast Conditioned Media")
    second = _list("Water", "Phenoxyethanol", section=1, start=4)
    line = rater.one_percent_line(first + second, [3])
    assert (line.after_position, line.all_ev_below) == (None, False)


def test_no_ev_ingredient_means_not_all_below(rater: Rater, kb: KnowledgeBase) -> None:
    line = rater.one_percent_line(_list("Water", "Phenoxyethanol"), [])
    assert (line.after_position, line.all_ev_below) == (2, False)


def test_claims_without_text_are_not_checked(
    claim_checker: ClaimChecker, kb: KnowledgeBase, words: ClaimWords
) -> None:
    claim = claim_checker.check(None, [], words)
    assert (claim.mentions_ev, claim.backed_by_list) == (False, None)


def test_a_stem_cell_claim_with_no_ev_ingredient_is_not_backed(
    claim_checker: ClaimChecker, kb: KnowledgeBase, words: ClaimWords
) -> None:
    # corpus/sephora-cosmetics.csv: "Lift & Plump Sheet Mask with Vegan Stem Cell Complex"
    claim = claim_checker.check("Lift & Plump Sheet Mask with Vegan Stem Cell Complex", [], words)
    assert (claim.mentions_ev, claim.backed_by_list) == (True, False)
    assert "not backed by the list" in claim.explanation


def test_an_exosome_claim_backed_by_the_list(
    claim_checker: ClaimChecker, matcher: Matcher, kb: KnowledgeBase, words: ClaimWords
) -> None:
    listed = _ev(matcher, _list("Water", "Centella Asiatica Exosomes"))
    claim = claim_checker.check("Cica EXOSOMES Vitamin C Glow Serum", listed, words)
    assert (claim.mentions_ev, claim.backed_by_list) == (True, True)
    assert claim.terms == ("exosomes",)


def test_claims_in_other_languages(
    claim_checker: ClaimChecker, kb: KnowledgeBase, words: ClaimWords
) -> None:
    assert claim_checker.check("Sérum aux cellules souches", [], words).mentions_ev
    assert claim_checker.check("엑소좀 앰플", [], words).mentions_ev


def test_pdrn_alone_is_not_an_ev_claim(
    claim_checker: ClaimChecker, kb: KnowledgeBase, words: ClaimWords
) -> None:
    claim = claim_checker.check("Salmon PDRN Cream", [], words)
    assert (claim.mentions_ev, claim.backed_by_list) == (False, None)


def test_the_verdict_of_worked_example_1(
    rater: Rater,
    claim_checker: ClaimChecker,
    matcher: Matcher,
    kb: KnowledgeBase,
    words: ClaimWords,
) -> None:
    ingredients = _list(*EXAMPLE_1.split(", "))
    ev = _ev(matcher, ingredients)
    line = rater.one_percent_line(ingredients, [1])
    verdict = decide_verdict(ev, [], line, claim_checker.check(None, ev, words), kb)
    assert verdict.grade == kb.classes["senescent_risk"].grade
    assert "Human Neonatal Fibroblast Conditioned Media (#1)" in verdict.headline
    assert any("Annex II entry 416" in r and "(#1)" in r for r in verdict.reasons)
    assert any("Disodium EDTA (#6)" in r and "1% or more" in r for r in verdict.reasons)


def test_the_most_concerning_source_leads(
    rater: Rater,
    claim_checker: ClaimChecker,
    matcher: Matcher,
    kb: KnowledgeBase,
    words: ClaimWords,
) -> None:
    ingredients = _list(
        "Human Platelet Extract", "Water", "Milk Exosomes", "Exosomes", "Phenoxyethanol"
    )
    ev = _ev(matcher, ingredients)
    verdict = decide_verdict(ev, [], rater.one_percent_line(ingredients, [1, 3, 4]),
                             claim_checker.check(None, ev, words), kb)  # fmt: skip
    # unspecified (Exosomes) is below animal and platelet in SPEC's order.
    assert verdict.grade == kb.classes["unspecified"].grade
    assert verdict.headline.startswith("Leading concern: Exosomes (#4)")
    first_class_reason = verdict.reasons[0]
    assert first_class_reason.startswith(kb.classes["unspecified"].label)


def test_every_ev_ingredient_below_the_line_is_said(
    rater: Rater,
    claim_checker: ClaimChecker,
    matcher: Matcher,
    kb: KnowledgeBase,
    words: ClaimWords,
) -> None:
    ingredients = _list(
        "Water", "Glycerin", "Phenoxyethanol", "Lactobacillus Extracellular Vesicles"
    )
    ev = _ev(matcher, ingredients)
    line = rater.one_percent_line(ingredients, [4])
    verdict = decide_verdict(ev, [], line, claim_checker.check(None, ev, words), kb)
    assert any("Phenoxyethanol (#3)" in r and "under 1%" in r for r in verdict.reasons)


def test_no_ev_ingredient_is_said_plainly_with_look_alikes_and_an_unbacked_claim(
    rater: Rater,
    claim_checker: ClaimChecker,
    matcher: Matcher,
    kb: KnowledgeBase,
    words: ClaimWords,
) -> None:
    ingredients = _list("Water", "Malus Domestica Fruit Cell Culture Extract", "Phenoxyethanol")
    look = _look(matcher, ingredients)
    claims = claim_checker.check("Apple Stem Cell Serum", look, words)
    verdict = decide_verdict([], look, rater.one_percent_line(ingredients, []), claims, kb)
    assert verdict.grade == "none"
    assert verdict.headline == kb.wording["verdict"]["no_ev_headline"]
    assert any("Malus Domestica Fruit Cell Culture Extract (#2)" in r for r in verdict.reasons)
    assert any("not backed by the list" in r for r in verdict.reasons)
