"""Issue 11, section 2 and 3: each sentence of the knowledge base fits what it cites and the
ingredient it is shown with, and every reference is cited somewhere.

The expected texts here come from the issue and from the abstracts of the papers cited
(read for this test, see docs/knowledge-base-changes.md), not from the code's output.
"""

from pathlib import Path

import pytest

from skincheck.core.claim_words import load_claim_words
from skincheck.core.claims import ClaimChecker
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.knowledge.types import Reason
from skincheck.core.match import EvFinding
from skincheck.core.match import Matcher
from skincheck.core.model import Ingredient
from skincheck.core.rate import decide_verdict
from skincheck.core.rate import Rater

ROOT = Path(__file__).resolve().parents[2]


def _cited(kb: KnowledgeBase) -> set[str]:
    """Every reference key any judgement, caveat, trial, rule or sentence cites."""
    cited: set[str] = set(kb.rules.refs) | set(kb.annex.refs) | set(kb.wording["ranking"]["refs"])
    for cls in kb.classes.values():
        cited |= set(cls.refs)
        cited |= {ref for reason in cls.reasons for ref in reason.refs}
        cited |= set(cls.evidence.refs) if cls.evidence else set()
    cited |= {ref for material in kb.materials.values() for ref in material.caveat.refs}
    for entry in kb.entries:
        cited |= set(entry.refs) | (set(entry.evidence.refs) if entry.evidence else set())
    listed = (*kb.look_alikes, *kb.look_alike_patterns, *kb.false_friends, *kb.regulation)
    listed += (*kb.one_percent_markers, *kb.claim_terms)
    cited |= {ref for item in listed for ref in item.refs}
    cited |= {ref for nuance in kb.nuances for ref in nuance.reason.refs}
    return cited


def _sentences(kb: KnowledgeBase) -> list[Reason]:
    """Every sentence shown to a reader with its references."""
    out = [Reason(cls.summary, cls.refs) for cls in kb.classes.values()]
    out += [reason for cls in kb.classes.values() for reason in cls.reasons]
    out += [material.caveat for material in kb.materials.values()]
    out += [nuance.reason for nuance in kb.nuances]
    out += [Reason(item.explanation, item.refs) for item in kb.look_alikes]
    out += [Reason(item.explanation, item.refs) for item in kb.look_alike_patterns]
    out += [Reason(fact.text, fact.refs) for fact in kb.regulation]
    return out


def _finding(matcher: Matcher, name: str) -> EvFinding:
    finding = matcher.classify(name)
    assert isinstance(finding, EvFinding), (name, finding)
    return finding


def _texts(rater: Rater, matcher: Matcher, name: str) -> list[str]:
    return [reason.text for reason in rater.rate(_finding(matcher, name)).reasons]


# -- references ---------------------------------------------------------------------------


def test_every_reference_is_cited_somewhere(kb: KnowledgeBase) -> None:
    # Issue 11 section 3: "Drop references nothing cites."
    assert sorted(set(kb.references) - _cited(kb)) == []


def test_references_checked_against_their_publisher_records(kb: KnowledgeBase) -> None:
    # PubMed 886304 prints pages 59-74; the Frontiers page lists Picciotto's co-authors
    # (Barone and Fierli, formerly listed, are authors of a different paper).
    assert "59-74" in kb.references["graham-1977"].venue
    assert kb.references["picciotto-2022"].authors.startswith("Picciotto S, Santonicola P")
    assert "Barone" not in kb.references["picciotto-2022"].authors
    assert kb.references["he-2011-rice-hsa"].url == "https://doi.org/10.1073/pnas.1109736108"
    assert kb.references["heldin-1999"].url == "https://doi.org/10.1152/physrev.1999.79.4.1283"


def test_brand_material_is_cited_only_as_what_a_brand_or_supplier_says(kb: KnowledgeBase) -> None:
    # Brand pages show what is claimed, never evidence: a judgement citing one must say
    # whose words they are ("a skin-care brand itself says", "suppliers describe").
    brand = {key for key, ref in kb.references.items() if ref.kind == "brand_material"}
    judgements = [reason for cls in kb.classes.values() for reason in cls.reasons]
    judgements += [material.caveat for material in kb.materials.values()]
    judgements += [nuance.reason for nuance in kb.nuances]
    judgements += [Reason(fact.text, fact.refs) for fact in kb.regulation]
    for sentence in judgements:
        if set(sentence.refs) & brand:
            assert any(w in sentence.text.lower() for w in ("supplier", "brand", "seller")), (
                sentence.text
            )
    # The lysate caveat cited two brand pages as if they were evidence; now a review.
    assert not set(kb.materials["lysate_or_extract"].caveat.refs) & brand


def test_the_blog_is_named_plainly_never_as_the_seed_blog(kb: KnowledgeBase) -> None:
    for sentence in _sentences(kb):
        assert "seed" not in sentence.text.lower(), sentence.text
    platelet = kb.classes["platelet"]
    assert "one skin-care expert's blog (Skin Type Solutions)" in platelet.summary


# -- section 2, class by class --------------------------------------------------------------


def test_the_most_concern_legend_does_not_spare_stem_cells(kb: KnowledgeBase) -> None:
    # Stem cells turn senescent in culture too (Alves-Paiva 2022; the stem-cell class says so).
    legend = {grade.key: grade.legend for grade in kb.grades}["most_concern"]
    assert "stem cells included" in legend and "precaution" in legend
    reasons = " ".join(r.text for r in kb.classes["senescent_risk"].reasons)
    assert "stem cells alike" in reasons


def test_senescent_class_says_what_its_papers_found(kb: KnowledgeBase) -> None:
    texts = {r.text: r.refs for r in kb.classes["senescent_risk"].reasons}
    # Terlecki-Zaniewicz 2018: more small vesicles with anti-apoptotic miRNA; no enzyme transfer.
    tz = next(t for t, refs in texts.items() if refs == ("terlecki-zaniewicz-2018",))
    assert "four times more small vesicles" in tz and "enzyme" not in tz
    # Eitan 2017 found vesicle counts fall with age: the blog's claim is called contested.
    blog = next(t for t, refs in texts.items() if "eitan-2017" in refs)
    assert "contested" in blog and "fall with age" in blog
    # Takasugi 2017 (EphA2, cancer-cell growth) is not cited for ageing of neighbours.
    assert "takasugi-2017" not in kb.references


def test_an_adipocyte_medium_is_not_told_that_its_cells_age_by_dividing(
    rater: Rater, matcher: Matcher, kb: KnowledgeBase
) -> None:
    texts = _texts(rater, matcher, "Human Adipocyte Conditioned Media")
    assert any("Mature fat cells (adipocytes) are not grown through many passages" in t
               for t in texts)  # fmt: skip
    assert any("Cells that no longer divide, such as mature fat cells" in t for t in texts)


def test_the_stem_cell_case_report_is_described_as_one_case(kb: KnowledgeBase) -> None:
    reason = next(r for r in kb.classes["stem_cell"].reasons if "alves-paiva-2022" in r.refs)
    assert "one case report" in reason.text and "single elderly donor" in reason.text
    assert "low passages" not in reason.text


def test_microbial_class_speaks_of_lysates_and_fungi(kb: KnowledgeBase) -> None:
    microbial = kb.classes["microbial"]
    assert "lysates" in microbial.summary and "fungi" in microbial.summary
    assert any("lysates of probiotic microbes" in r.text for r in microbial.reasons)


@pytest.mark.parametrize(
    "name",
    [
        "Staphylococcus Aureus Extracellular Vesicles",
        "Pseudomonas Aeruginosa Exosomes",
        "Cutibacterium Acnes Extracellular Vesicles",
        "Propionibacterium Acnes Ferment Exosomes",
        "Pseudomonas Aeroginosa Culture Conditioned Media Extract",
    ],
)
def test_pathogen_vesicles_get_the_endotoxin_caveat_and_never_outrank_unspecified(
    rater: Rater, matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    finding = _finding(matcher, name)
    standing = kb.classes[finding.source_class].standing
    assert standing <= kb.classes["unspecified"].standing
    caveat = next(r for r in rater.rate(finding).reasons if "endotoxin" in r.text)
    assert {"bomberger-2009", "hong-2011", "choi-2018"} <= set(caveat.refs)


def test_plant_class_no_longer_claims_absent_senescence_signals(kb: KnowledgeBase) -> None:
    plant = kb.classes["plant"]
    words = " ".join([plant.summary, *(r.text for r in plant.reasons)]).lower()
    assert "senescence signal" not in words
    # The 2022 review: wheat vesicles raised collagen I and fibroblast growth and migration;
    # ginseng-root vesicles lowered beta-galactosidase in senescent dermal fibroblasts.
    review = next(r.text for r in plant.reasons if r.refs == ("aesthmed-2022",))
    assert "type I collagen" in review and "senescent skin fibroblasts" in review


def test_the_unspecified_class_says_it_also_holds_sources_the_table_does_not_rate(
    kb: KnowledgeBase,
) -> None:
    assert kb.classes["unspecified"].label == "Source not stated, or not rated by this table"


# -- section 2: reasons fit the ingredient shown ----------------------------------------------


def test_a_bovine_colostrum_card_gets_no_red_deer_trial_as_its_own(
    rater: Rater, matcher: Matcher, kb: KnowledgeBase
) -> None:
    rating = rater.rate(_finding(matcher, "Bovine Colostrum Exosomes"))
    assert not any("alhaddad-2019" in r.refs or "deer" in r.text.lower() for r in rating.reasons)
    # The class's evidence is shown as the class's, never as this ingredient's.
    assert rating.evidence is not None and rating.evidence.scope == "class"
    assert rating.evidence.heading == kb.wording["ranking"]["evidence_class"]
    own = rater.rate(_finding(matcher, "Red Deer Umbilical Cord Lining Mesenchymal Stem Cell "
                              "Conditioned Media"))  # fmt: skip
    assert own.evidence is not None and own.evidence.scope == "entry"


def test_class_reasons_name_no_single_species_or_product(kb: KnowledgeBase) -> None:
    # Reasons about one ingredient belong in nuances or evidence, scoped to it.
    for cls in kb.classes.values():
        for reason in cls.reasons:
            for word in ("red deer", "colostrum", "calecim", "intense serum", "skinmedica"):
                assert word not in reason.text.lower(), (cls.key, reason.text)


@pytest.mark.parametrize(
    "name",
    ["Aged Black Garlic Exosomes", "Aged Ginseng Root Extracellular Vesicles",
     "Old Vine Grape Exosomes"],
)  # fmt: skip
def test_the_aged_note_is_for_human_cells_only(
    rater: Rater, matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    assert not any("were aged, damaged or senescent" in t for t in _texts(rater, matcher, name))


def test_aged_human_cells_get_the_aged_note(
    rater: Rater, matcher: Matcher, kb: KnowledgeBase
) -> None:
    texts = _texts(rater, matcher, "Aged Human Adipose Stem Cell Conditioned Media")
    assert any("were aged, damaged or senescent" in t for t in texts)


@pytest.mark.parametrize(
    "name",
    ["Human Neonatal Fibroblast Conditioned Media", "Human Fetal Fibroblast Conditioned Media",
     "Human Foreskin Fibroblast Cell Conditioned Media"],
)  # fmt: skip
def test_newborn_and_fetal_donors_are_not_called_aged(
    rater: Rater, matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    texts = _texts(rater, matcher, name)
    assert not any("were aged, damaged or senescent" in t for t in texts)
    assert any("newborn" in t or "fetal tissue" in t for t in texts)


@pytest.mark.parametrize(
    "name",
    ["HEK293 Cell Conditioned Media", "HaCaT Cell Exosomes", "HeLa Cell Extracellular Vesicles",
     "Immortalized Human Tooth Pulp Stem Cell Conditioned Media",
     "Human Embryonic Kidney Cell Line Exosomes"],
)  # fmt: skip
def test_cell_lines_get_the_cell_line_note_and_no_senescence_rank(
    rater: Rater, matcher: Matcher, name: str, kb: KnowledgeBase
) -> None:
    finding = _finding(matcher, name)
    assert finding.source_class == "unspecified"
    reason = next(r for r in rater.rate(finding).reasons if "immortalised cell line" in r.text)
    assert {"graham-1977", "boukamp-1988"} <= set(reason.refs)


def test_human_breast_milk_is_human_with_its_own_note(
    rater: Rater, matcher: Matcher, kb: KnowledgeBase
) -> None:
    finding = _finding(matcher, "Human Breast Milk Exosomes")
    assert finding.human_origin and finding.source_class != "animal"
    assert any("admyre-2007" in r.refs for r in rater.rate(finding).reasons)


def test_algae_and_cyanobacteria_say_why_they_sit_where_they_do(
    rater: Rater, matcher: Matcher, kb: KnowledgeBase
) -> None:
    chlorella = rater.rate(_finding(matcher, "Chlorella Vulgaris Exosomes"))
    assert any("picciotto-2022" in r.refs for r in chlorella.reasons)
    spirulina = rater.rate(_finding(matcher, "Spirulina Extracellular Vesicles"))
    assert any("furmaniak-2017" in r.refs for r in spirulina.reasons)


# -- section 4: the verdict's "if human" reason -----------------------------------------------


def _verdict_reasons(
    matcher: Matcher, rater: Rater, claim_checker: ClaimChecker, kb: KnowledgeBase, *names: str
) -> tuple[str, ...]:
    ingredients = [Ingredient(n + 1, name, name, 0) for n, name in enumerate(names)]
    pairs = [(i, matcher.classify(i.name)) for i in ingredients]
    ev = [(i, f) for i, f in pairs if isinstance(f, EvFinding)]
    look = [(i, f) for i, f in pairs if f is not None and not isinstance(f, EvFinding)]
    line = rater.one_percent_line(ingredients, [i.position for i, _ in ev])
    claims = claim_checker.check(None, ev + look, load_claim_words(ROOT / "data"))
    return decide_verdict(ev, look, line, claims, kb).reasons


@pytest.mark.parametrize(
    "name",
    ["Platelet-Rich Plasma Exosomes", "Umbilical Cord Mesenchymal Stem Cell Exosomes",
     "Adipose Stem Cell Media", "Wharton's Jelly Stem Cell Conditioned Media"],
)  # fmt: skip
def test_probably_human_ev_gets_the_if_human_reason_in_the_verdict(
    matcher: Matcher, rater: Rater, claim_checker: ClaimChecker, name: str, kb: KnowledgeBase
) -> None:
    reasons = _verdict_reasons(matcher, rater, claim_checker, kb, "Water", name, "Phenoxyethanol")
    conditional = [r for r in reasons if r.startswith("Probably human material")]
    assert len(conditional) == 1 and f"{name} (#2)" in conditional[0], reasons
    assert "if of human origin" in conditional[0] and "Annex II entry 416" in conditional[0]
    assert not any(r.startswith("Human-origin material") for r in reasons)


def test_a_named_human_source_gets_the_plain_reason_not_the_conditional_one(
    matcher: Matcher,
    rater: Rater,
    claim_checker: ClaimChecker,
    kb: KnowledgeBase,
) -> None:
    reasons = _verdict_reasons(
        matcher,
        rater,
        claim_checker,
        kb,
        "Human Fibroblast Conditioned Media",
        "Human Serum Albumin",
    )
    assert any(r.startswith("Human-origin material") and "(#1)" in r for r in reasons)
    conditional = [r for r in reasons if r.startswith("Probably human material")]
    assert len(conditional) == 1 and "Human Serum Albumin (#2)" in conditional[0]
    assert "(#1)" not in conditional[0]
