"""The knowledge base's values: one frozen dataclass per kind of record in data/kb/
(Reference, SourceClass, EvEntry, LookAlike, RegulationFact... and KnowledgeBase, which
holds them all), and the fixed vocabularies the files may use (SOURCE_CLASSES, MATERIALS,
LOOK_ALIKE_KINDS, REFERENCE_KINDS). It reads no file and checks nothing
(skincheck.core.knowledge.load does).
"""

import re
from dataclasses import dataclass
from typing import Any

KB_DIR = "kb"
SOURCE_CLASSES = (
    "platelet",
    "stem_cell",
    "plant",
    "animal",
    "microbial",
    "unspecified",
    "senescent_risk",
)
MATERIALS = ("vesicles", "conditioned_media", "lysate_or_extract", "unknown")
LOOK_ALIKE_KINDS = (
    "plant_cell_culture",
    "ferment",
    "growth_factor",
    "human_tissue",
    "dna",
    "other",
)
APPLIES = ("human_origin", "human_ev")
#: What a reference is (references.csv `kind`), shown beside every citation.
REFERENCE_KINDS = (
    "controlled_trial",
    "uncontrolled_human",
    "lab_or_animal",
    "review",
    "case_report",
    "regulation",
    "expert_blog",
    "brand_material",
)
#: Links any reference may use: a DOI, or a PubMed / PubMed Central record.
OPEN_LINK_HOSTS = ("doi.org", "pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov")


@dataclass(frozen=True, slots=True)
class Reference:
    """A source the product cites; ``url`` is empty only when ``note`` says why."""

    key: str
    citation: str
    url: str
    #: One of REFERENCE_KINDS: what the source is (trial, review, brand material...).
    kind: str = "review"
    authors: str = ""
    title: str = ""
    venue: str = ""
    year: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Grade:
    """One word of the grade scale (grades.toml): about the source, not the product."""

    key: str
    #: Higher is less concern; follows the classes' standing.
    rank: int
    word: str
    legend: str


@dataclass(frozen=True, slots=True)
class EvidenceLevel:
    """One step of the human-evidence scale (evidence.toml), weakest first."""

    key: str
    label: str
    legend: str


@dataclass(frozen=True, slots=True)
class Trial:
    """One human study of topical use, named with its size, design and who ran it."""

    ref: str
    about: str
    design: str
    size: str
    duration: str
    run_by: str
    finding: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The best human evidence for topical use of a class or of one listed ingredient."""

    level: str
    label: str
    summary: str
    trials: tuple[Trial, ...]
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reason:
    """One sentence of explanation with the references behind it."""

    text: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceClass:
    """One row of SPEC's source-quality table."""

    key: str
    label: str
    grade: str
    #: Higher is more favourable; only the order matters.
    standing: int
    summary: str
    reasons: tuple[Reason, ...]
    #: What the label cannot tell, as questions a buyer can send the brand.
    questions: tuple[str, ...]
    refs: tuple[str, ...]
    #: The grade's key in grades.toml (``grade`` holds its word).
    grade_key: str = ""
    #: Best human evidence for any ingredient of the class (evidence.toml).
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class Material:
    """What the ingredient is made of: vesicles, conditioned medium, broken cells, unknown."""

    key: str
    label: str
    caveat: Reason


@dataclass(frozen=True, slots=True)
class EvEntry:
    """A listed EV, conditioned-media, platelet or human/animal cell ingredient."""

    name: str
    aliases: tuple[str, ...]
    source_class: str
    material: str
    organism: str | None
    cell_type: str | None
    human_origin: bool
    refs: tuple[str, ...]
    note: str = ""
    #: No species named, but the cells are usually human ("Adipose Stem Cell Media").
    probably_human: bool = False
    #: Human evidence for this ingredient itself, when evidence.toml records some.
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class LookAlike:
    """A listed ingredient that sounds like an EV ingredient but is not one."""

    name: str
    kind: str
    explanation: str
    human_origin: bool
    refs: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    #: Often, but not always, of human origin ("Human Serum Albumin" may be recombinant).
    probably_human: bool = False


@dataclass(frozen=True, slots=True)
class LookAlikePattern:
    """A family of look-alikes ("... Callus Culture Extract"), matched on the rule text."""

    pattern: re.Pattern[str]
    kind: str
    explanation: str
    human_origin: bool
    refs: tuple[str, ...]
    probably_human: bool = False


@dataclass(frozen=True, slots=True)
class FalseFriend:
    """A name that must never match (Phytoplacenta, Porphyra Umbilicalis, SH-Humanin)."""

    pattern: re.Pattern[str]
    reason: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Nuance:
    """An extra reason for a rating when the name says more than its class (neonatal...)."""

    key: str
    words: tuple[str, ...]
    classes: tuple[str, ...]
    organisms: tuple[str, ...]
    reason: Reason
    #: Applies only to findings of human origin ("aged" cells, not aged garlic).
    human_only: bool = False


@dataclass(frozen=True, slots=True)
class Rules:
    """Keyword lists for classifying names nobody listed (rules.toml, plant_genera.csv)."""

    organisms: dict[str, tuple[str, ...]]
    cell_types: dict[str, tuple[str, ...]]
    words: dict[str, tuple[str, ...]]
    plant_genera: frozenset[str]
    refs: tuple[str, ...]
    #: The source class each organism kind gives ("microbe" -> "microbial").
    organism_classes: dict[str, str]
    #: The source class each cell-type group gives, in the order the groups are tried.
    cell_classes: dict[str, str]
    #: Cell-type groups that, in a name with no species, make it probably human.
    probably_human: tuple[str, ...]
    #: Extra words a typo match may never drop or swap ("fetal", "adult").
    deciding: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegulationFact:
    """A regulatory fact applied by rule (EU Annex II/416, FDA, MFDS)."""

    key: str
    jurisdiction: str
    applies: str
    materials: tuple[str, ...]
    status: str
    rule: str
    text: str
    annex: str | None
    reference: str | None
    refs: tuple[str, ...]
    #: The same fact for a probably-human finding, worded as a condition
    #: ("If of human origin: ..."), from regulation.toml [if_human].
    if_human_status: str = ""
    if_human_rule: str = ""
    if_human_text: str = ""


@dataclass(frozen=True, slots=True)
class AnnexWording:
    """How one CosIng annex match is shown."""

    jurisdiction: str
    rule: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OnePercentMarker:
    """An ingredient whose usual maximum is 1% or less (phenoxyethanol, parfum...)."""

    name: str
    aliases: tuple[str, ...]
    basis: str
    refs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClaimTerm:
    """A word in a product name or page text that claims exosomes, stem cells, PDRN..."""

    term: str
    topic: str
    language: str
    #: True when the word claims EVs, secretomes or stem cells (what the list must back).
    ev_claim: bool
    refs: tuple[str, ...]


# eq=False: the knowledge base is compared and hashed by identity, so the matcher can
# cache its compiled index per loaded knowledge base.
@dataclass(frozen=True, slots=True, eq=False)
class KnowledgeBase:
    """Everything in data/kb/, validated."""

    #: A short hash of the data files' bytes; reports name the version they used.
    version: str
    references: dict[str, Reference]
    classes: dict[str, SourceClass]
    materials: dict[str, Material]
    entries: tuple[EvEntry, ...]
    look_alikes: tuple[LookAlike, ...]
    look_alike_patterns: tuple[LookAlikePattern, ...]
    false_friends: tuple[FalseFriend, ...]
    nuances: tuple[Nuance, ...]
    rules: Rules
    regulation: tuple[RegulationFact, ...]
    annex: AnnexWording
    one_percent_markers: tuple[OnePercentMarker, ...]
    claim_terms: tuple[ClaimTerm, ...]
    #: Sentence templates for verdicts and claim checks (wording.toml).
    wording: dict[str, Any]
    #: The grade scale, least concern first (grades.toml).
    grades: tuple[Grade, ...] = ()
    #: The human-evidence scale, weakest first (evidence.toml).
    evidence_levels: tuple[EvidenceLevel, ...] = ()

    def source_classes_in_order(self) -> tuple[SourceClass, ...]:
        """The seven classes, most favourable first (ties keep the file's order)."""
        return tuple(sorted(self.classes.values(), key=lambda cls: -cls.standing))
