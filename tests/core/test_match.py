"""classify() on single names: every class, material, look-alike kind and false friend.

Expected answers come from SPEC section 2 (the classes and their examples), the brief's
examples, ev-ingredients.md section 1 (what each printed name is) and anchors.md 3.2
(the false friends), not from the code's own output.
"""

import csv
import re
import time
from pathlib import Path

import pytest

from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher

ROOT = Path(__file__).resolve().parents[2]


# name, source_class, material, human_origin
EV_CASES = [
    # SPEC 2 / brief examples
    ("Rose Stem Cell Exosomes", "plant", "vesicles", False),
    ("Deer Velvet Mesenchymal Cell Extracellular Vesicles", "animal", "vesicles", False),
    ("Human Keratinocyte Conditioned Media", "senescent_risk", "conditioned_media", True),
    ("Exosomes", "unspecified", "vesicles", False),
    ("Lactobacillus Extracellular Vesicles", "microbial", "vesicles", False),
    ("Human Platelet Extract", "platelet", "lysate_or_extract", True),
    ("Human Neonatal Fibroblast Conditioned Media", "senescent_risk", "conditioned_media", True),
    ("Human Adipose Stromal Cell Conditioned Media", "stem_cell", "conditioned_media", True),
    # ev-ingredients.md 1a-1f, as printed
    ("HUMAN BONE MARROW STEM CELL CONDITIONED MEDIA", "stem_cell", "conditioned_media", True),
    ("Human Cord Blood Cell Conditioned Media", "stem_cell", "conditioned_media", True),
    ("Human Adipose Stromal Cell Exosomes", "stem_cell", "vesicles", True),
    ("Human Adipose Stromal Cell Extract", "stem_cell", "lysate_or_extract", True),
    ("Human Tooth Pulp Stem Cell Conditioned Media", "stem_cell", "conditioned_media", True),
    (
        "Human Umbilical Mesenchymal Stem Cell Conditioned Media",
        "stem_cell",
        "conditioned_media",
        True,
    ),
    ("Human fibroblast Conditioned Media", "senescent_risk", "conditioned_media", True),
    (
        "Human Umbilical Endothelial Cell Conditioned Media",
        "senescent_risk",
        "conditioned_media",
        True,
    ),
    (
        "Human Umbilical Blood Derived Natural Killer Cell Conditioned Media",
        "senescent_risk",
        "conditioned_media",
        True,
    ),
    ("HUMAN HAIR FOLLICLE CELL CONDITIONED MEDIA", "senescent_risk", "conditioned_media", True),
    ("HUMAN NEURAL CELL CULTURE EXTRACT", "senescent_risk", "lysate_or_extract", True),
    ("Milk Exosomes", "animal", "vesicles", False),
    ("Horse Adipose Stromal Cell Conditioned Media", "animal", "conditioned_media", False),
    ("Pig Adipose Stromal Cell Conditioned Media", "animal", "conditioned_media", False),
    ("Galactomyces Extracellular Vesicles", "microbial", "vesicles", False),
    ("Panax Ginseng Adventitious Root Extracellular Vesicles", "plant", "vesicles", False),
    ("Rosa Damascena Callus Extracellular Vesicles", "plant", "vesicles", False),
    ("Defined Cell Culture Media 6", "unspecified", "unknown", False),
    ("Adipose stem cell media", "stem_cell", "conditioned_media", False),
    # CosIng names (anchors.md appendix A)
    ("COW PLATELETS", "animal", "unknown", False),
    ("WILD BOAR PLATELET EXTRACT", "animal", "lysate_or_extract", False),
    ("HUMAN CORD BLOOD PROGENITOR CELL EXOSOMES", "stem_cell", "vesicles", True),
    # An immortalised line is no ordinary stem cell (issue 11 section 5: cell lines get
    # their own treatment): the table does not rank it.
    (
        "IMMORTALIZED HUMAN TOOTH PULP STEM CELL CONDITIONED MEDIA",
        "unspecified",
        "conditioned_media",
        True,
    ),
    ("CAMELLIA SINENSIS CALLUS CULTURE CONDITIONED MEDIA", "plant", "conditioned_media", False),
    # Unseen names, decided by the rules (organism first, then human cell type, then material)
    ("Centella Asiatica Exosomes", "plant", "vesicles", False),
    ("Bovine Colostrum Exosomes", "animal", "vesicles", False),
    ("Human Placental Mesenchymal Stem Cell Exosomes", "stem_cell", "vesicles", True),
    ("Human Dermal Fibroblast Exosomes", "senescent_risk", "vesicles", True),
    (
        "Human Irradiated Mesenchymal Stem Cell Secretome",
        "senescent_risk",
        "conditioned_media",
        True,
    ),
    ("Human Dental Pulp Stem Cell Exosomes", "stem_cell", "vesicles", True),
    ("Platelet-Rich Plasma Exosomes", "platelet", "vesicles", False),
    ("Grape Exosome-Like Nanoparticles", "plant", "vesicles", False),
    ("Lactobacillus Plantarum Derived Extracellular Vesicles", "microbial", "vesicles", False),
    ("Human Cell Conditioned Media", "unspecified", "conditioned_media", True),
    ("Stem Cell Exosomes", "unspecified", "vesicles", False),
    ("Human Stem Cell Extract", "stem_cell", "lysate_or_extract", True),
    ("Salmon Testes Cell Exosomes", "animal", "vesicles", False),
    ("줄기세포 배양액", "unspecified", "conditioned_media", False),
    # Case, spacing, hyphens, plurals and typos
    ("human   neonatal fibroblast conditioned medium", "senescent_risk", "conditioned_media", True),
    ("Human-Keratinocyte Conditioned Media", "senescent_risk", "conditioned_media", True),
    ("Human Neonatal Fibroblast Condtioned Media", "senescent_risk", "conditioned_media", True),
    ("Human Adipose Stromal Cell Exosome", "stem_cell", "vesicles", True),
]


@pytest.mark.parametrize(("name", "source_class", "material", "human"), EV_CASES)
def test_ev_ingredient(
    matcher: Matcher, name: str, source_class: str, material: str, human: bool, kb: KnowledgeBase
) -> None:
    finding = matcher.classify(name)
    assert isinstance(finding, EvFinding), finding
    assert (finding.source_class, finding.material, finding.human_origin) == (
        source_class,
        material,
        human,
    )


# name, kind, human_origin
LOOK_ALIKE_CASES = [
    ("Malus Domestica Fruit Cell Culture Extract", "plant_cell_culture", False),
    ("Malus Domestica Fruit (Apple) Cell Culture Extract", "plant_cell_culture", False),
    ("Buddleja Davidii Meristem Cell Culture", "plant_cell_culture", False),
    ("Rosa Canina Callus Lysate", "plant_cell_culture", False),
    ("NEOFINETIA FALCATA CALLUS CULTURE EXTRACT", "plant_cell_culture", False),
    ("Argania Spinosa Sprout Cell Extract", "plant_cell_culture", False),
    ("Gentelia J/.siatica Meristem Cell Culture", "plant_cell_culture", False),
    ("Bifida Ferment Lysate", "ferment", False),
    ("Lactobacillus Ferment", "ferment", False),
    ("Lactobacillus", "ferment", False),
    ("Lactobacillus/Soybean Ferment Extract", "ferment", False),
    ("BACILLUS FERMENT EXTRACT FILTRATE", "ferment", False),
    ("Micrococcus Lysate", "ferment", False),
    ("sh-Oligopeptide-1", "growth_factor", False),
    ("SH-Oligopeptide-1", "growth_factor", False),
    ("sh-Polypeptide-1", "growth_factor", False),
    ("rh-Oligopeptide-1", "growth_factor", True),
    ("RH-Polypeptide-7", "growth_factor", True),
    ("Rh‐Oligopeptide‐2", "growth_factor", True),
    ("Human oligopeptide-1", "growth_factor", True),
    ("Human Placental Extract", "human_tissue", True),
    ("HYDROLYZED HUMAN PLACENTAL PROTEIN", "human_tissue", True),
    ("Human Umbilical Cord Extract", "human_tissue", True),
    ("Hydrolyzed Hair Keratin", "human_tissue", True),
    ("Sodium DNA", "dna", False),
    ("PDRN", "dna", False),
    ("Salmon DNA", "dna", False),
    ("Liposomes", "other", False),
    ("Phospholipid Vesicles", "other", False),
    ("Snail Secretion Filtrate", "other", False),
]


@pytest.mark.parametrize(("name", "kind", "human"), LOOK_ALIKE_CASES)
def test_look_alike(matcher: Matcher, name: str, kind: str, human: bool, kb: KnowledgeBase) -> None:
    finding = matcher.classify(name)
    assert isinstance(finding, LookAlikeFinding), finding
    assert (finding.kind, finding.human_origin) == (kind, human)
    assert finding.explanation and finding.refs


FALSE_FRIENDS = [
    "Phytoplacenta",
    "Phytoplacenta Extract",
    "Glycine Max Phytoplacenta Extract",
    "Cucumis Sativus Phtyoplacenta Culture Extract",
    "Porphyra Umbilicalis Extract",
    "Porphyra Umbilicalis",
    "SH-Humanin SP",
    "Human Coronavirus Oligopeptide-1 SP",
    # "Human Serum Albumin" left this list: issue 11 asks to say what is known about it
    # (tests/core/test_human_origin_flags.py).
    "Human-Like Collagen",
    "Fucus Vesiculosus Extract",
]


@pytest.mark.parametrize("name", FALSE_FRIENDS)
def test_false_friends_never_match(matcher: Matcher, name: str, kb: KnowledgeBase) -> None:
    assert matcher.classify(name) is None


NEITHER = [
    "Water",
    "Glycerin",
    "Phenoxyethanol",
    "Palmitoyl Tripeptide-1",
    "Copper Tripeptide-1",
    "Saccharomyces Cerevisiae Extract",
    "Opuntia Ficus-Indica Stem Extract",
    "Hydroxyethylcellulose",
    "Increases cell renewal",
    "Nutrex EGF -Epidermosil -Eye Regener -Diamond Powder Water",
    "",
]


@pytest.mark.parametrize("name", NEITHER)
def test_ordinary_ingredients_are_neither(matcher: Matcher, name: str, kb: KnowledgeBase) -> None:
    assert matcher.classify(name) is None


def test_listed_names_say_so_and_rules_say_so(matcher: Matcher, kb: KnowledgeBase) -> None:
    listed = matcher.classify("Human Neonatal Fibroblast Conditioned Media")
    ruled = matcher.classify("Rose Stem Cell Exosomes")
    typo = matcher.classify("Human Fibroblst Conditioned Media")
    assert isinstance(listed, EvFinding) and listed.via == "listed"
    assert listed.entry == "Human Neonatal Fibroblast Conditioned Media"
    assert isinstance(ruled, EvFinding) and (ruled.via, ruled.entry) == ("rule", None)
    assert isinstance(typo, EvFinding) and typo.via == "fuzzy"
    assert typo.entry == "Human Fibroblast Conditioned Media"


@pytest.mark.parametrize(
    ("name", "not_entry"),
    [
        # One letter apart, but a different thing: the fuzzy match must refuse.
        ("sh-Polypeptide-1", "rh-Polypeptide-1"),
        ("rh-Polypeptide-11", "rh-Polypeptide-1"),
        (
            "Pig Adipose Stromal Cell Conditioned Media",
            "Horse Adipose Stromal Cell Conditioned Media",
        ),
        (
            "Sheep Adipose Stromal Cell Conditioned Media",
            "Pig Adipose Stromal Cell Conditioned Media",
        ),
        (
            "Human Endothelial Cell Conditioned Media",
            "Human Umbilical Endothelial Cell Conditioned Media",
        ),
        ("Human B Cell Conditioned Media", "Human T Cell Conditioned Media"),
    ],
)
def test_fuzzy_matching_never_crosses_to_a_different_entry(
    matcher: Matcher, name: str, not_entry: str, kb: KnowledgeBase
) -> None:
    finding = matcher.classify(name)
    assert finding is None or finding.entry != not_entry


def test_every_listed_name_and_alias_classifies_as_itself(
    matcher: Matcher, kb: KnowledgeBase
) -> None:
    for entry in kb.entries:
        for name in (entry.name, *entry.aliases):
            finding = matcher.classify(name)
            assert isinstance(finding, EvFinding) and finding.entry == entry.name, name
    for look_alike in kb.look_alikes:
        for name in (look_alike.name, *look_alike.aliases):
            finding = matcher.classify(name)
            assert isinstance(finding, LookAlikeFinding), name
            assert finding.entry == look_alike.name, name


def test_plant_cell_cultures_in_cosing_are_never_ev(matcher: Matcher, kb: KnowledgeBase) -> None:
    """anchors.md 3.2: ~580 plant callus/meristem/cell-culture names are not vesicles.
    Only the ones that name a conditioned medium or vesicles are (SPEC 2: plant class)."""
    inventory = ROOT / "data" / "cosing" / "cosing-inventory-2020-12-30.csv"
    if not inventory.is_file():
        pytest.skip("the CosIng inventory copy is not in data/cosing")
    with inventory.open(encoding="utf-8") as handle:
        names = [row["inci_name"] for row in csv.DictReader(handle)]
    culture = re.compile(r"CALLUS|MERISTEM|CELL CULTURE|PHYTOPLACENTA")
    ev_words = re.compile(r"CONDITIONED MEDIA|CULTURE MEDIA|VESICLES|EXOSOME")
    checked = 0
    for name in names:
        plant = name.split(" ")[0].lower().strip("(") in kb.rules.plant_genera
        if plant and culture.search(name) and not ev_words.search(name):
            checked += 1
            assert not isinstance(matcher.classify(name), EvFinding), name
    assert checked > 400


def test_classify_is_fast_on_ordinary_names(matcher: Matcher, kb: KnowledgeBase) -> None:
    # Not a timing test: it checks the cheap path is taken, by doing 20,000 calls in
    # a generous budget that a per-call fuzzy scan over all entries would blow.
    names = ["Water", "Glycerin", "Dimethicone", "Sodium Hyaluronate", "Parfum"] * 4000
    start = time.perf_counter()
    for name in names:
        matcher.classify(name)
    assert time.perf_counter() - start < 5
