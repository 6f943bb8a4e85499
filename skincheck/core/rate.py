"""Ratings, the 1% line, the claim check and the product verdict.

rate() explains one EV finding from its class, its material and any nuance the name
carries, and gives the best human evidence for it (the ingredient's own, else its
class's, saying which); estimate_one_percent_line() finds where the 1% line probably falls;
check_claims() compares the product's own words with the list; decide_verdict() puts
it together, most concerning source first. Every grade and sentence comes from
data/kb/ (source_classes.toml, materials.toml, nuances.toml, wording.toml); this module
only chooses and fills them. It does not classify names (match) or read lists (parse).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from skincheck.core.knowledge import Evidence
from skincheck.core.knowledge import KnowledgeBase
from skincheck.core.knowledge import listing_key
from skincheck.core.knowledge import Reason
from skincheck.core.knowledge import without_brackets
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.model import Ingredient
from skincheck.core.normalise import fold


@dataclass(frozen=True, slots=True)
class RatedEvidence:
    """The human evidence shown beside a rating, and whose it is."""

    #: "entry" when the ingredient has evidence of its own, else "class".
    scope: str
    #: Says whose evidence this is (wording.toml [ranking]).
    heading: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Rating:
    """What one EV ingredient's source is judged to be, why, and the human evidence."""

    grade: str
    label: str
    summary: str
    reasons: tuple[Reason, ...]
    #: What the label cannot tell, as questions for the brand.
    questions: tuple[str, ...]
    #: The second axis: best human evidence for topical use.
    evidence: RatedEvidence | None = None


@dataclass(frozen=True, slots=True)
class OnePercentLine:
    """Where the 1% line probably falls in the first list."""

    #: Position of the first ingredient usually used at 1% or less; None if none found.
    after_position: int | None
    #: That ingredient's name.
    marker: str | None
    #: True when there is at least one EV ingredient and every one comes after the marker.
    all_ev_below: bool


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """Whether the product's name or page text claims EVs, and whether the list backs it."""

    mentions_ev: bool
    #: None when nothing was claimed (or no text was given).
    backed_by_list: bool | None
    explanation: str
    #: The claim words found, as printed in claim_terms.csv.
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """The product-level verdict: a grade, a headline and the reasons behind it."""

    grade: str
    headline: str
    reasons: tuple[str, ...]


def rate(finding: EvFinding, kb: KnowledgeBase) -> Rating:
    """Rate one EV finding: its class's reasons, its material's caveat, then any nuance."""
    source_class = kb.classes[finding.source_class]
    reasons = [*source_class.reasons, kb.materials[finding.material].caveat]
    text = _plain(" ".join(filter(None, (finding.name, finding.entry or ""))))
    for nuance in kb.nuances:
        if nuance.classes and finding.source_class not in nuance.classes:
            continue
        if nuance.human_only and not finding.human_origin:
            continue
        by_words = any(_has_words(text, word) for word in nuance.words)
        by_organism = (finding.organism or "") in nuance.organisms
        if by_words or by_organism:
            reasons.append(nuance.reason)
    return Rating(
        grade=source_class.grade,
        label=source_class.label,
        summary=source_class.summary,
        reasons=tuple(dict.fromkeys(reasons)),
        questions=source_class.questions,
        evidence=_evidence_for(finding, kb),
    )


def _evidence_for(finding: EvFinding, kb: KnowledgeBase) -> RatedEvidence | None:
    """The listed ingredient's own evidence, else its class's, saying which it is: a
    bovine colostrum card must not present a red-deer trial as its own."""
    wording = kb.wording["ranking"]
    own = _entry_evidence(kb).get(finding.entry or "")
    if own is not None:
        return RatedEvidence("entry", wording["evidence_entry"], own)
    evidence = kb.classes[finding.source_class].evidence
    if evidence is None:
        return None
    return RatedEvidence("class", wording["evidence_class"], evidence)


@lru_cache(maxsize=8)
def _entry_evidence(kb: KnowledgeBase) -> dict[str, Evidence]:
    return {entry.name: entry.evidence for entry in kb.entries if entry.evidence is not None}


def estimate_one_percent_line(
    ingredients: Sequence[Ingredient], ev_positions: Sequence[int], kb: KnowledgeBase
) -> OnePercentLine:
    """The 1% line falls after the first ingredient usually used at 1% or less.

    Only the first section is read: in a kit, the second product's list starts its own
    descending order, so a marker there says nothing about the first. "May contain"
    shade blocks are in no order and are skipped.
    """
    markers = _marker_keys(kb)
    first_section = ingredients[0].section if ingredients else 0
    section = [i for i in ingredients if i.section == first_section and not i.may_contain]
    # The cached name test is called directly: a list is scanned to its first marker,
    # 22 names on average in the corpus, and a wrapper call per name cost 2 µs a list.
    is_marker = _is_marker_name
    marker = next((i for i in section if is_marker(i.name, i.printed, markers)), None)
    if marker is None:
        return OnePercentLine(None, None, False)
    if not ev_positions:  # most lists: no EV ingredient to place
        return OnePercentLine(marker.position, marker.name, False)
    in_section = {i.position for i in section}
    below = all(position in in_section and position > marker.position for position in ev_positions)
    return OnePercentLine(marker.position, marker.name, below)


def check_claims(text: str | None, ev_count: int, kb: KnowledgeBase) -> ClaimCheck:
    """Does the product's own text claim exosomes, vesicles, secretomes or stem cells,
    and does the list hold any EV ingredient to back it?"""
    wording = kb.wording["claims"]
    if text is None or not text.strip():
        return ClaimCheck(False, None, wording["no_text"])
    found = _claim_pattern(kb).findall(_plain(text))
    terms = tuple(dict.fromkeys(found))
    if not terms:
        return ClaimCheck(False, None, wording["no_mention"])
    quoted = ", ".join(f"“{term}”" for term in terms)
    if ev_count > 0:
        return ClaimCheck(True, True, wording["backed"].format(terms=quoted, count=ev_count), terms)
    return ClaimCheck(True, False, wording["unbacked"].format(terms=quoted), terms)


def decide_verdict(
    ev: Sequence[tuple[Ingredient, EvFinding]],
    look_alikes: Sequence[tuple[Ingredient, LookAlikeFinding]],
    one_percent: OnePercentLine,
    claims: ClaimCheck,
    kb: KnowledgeBase,
) -> Verdict:
    """The verdict: the most concerning EV source leads; each reason names its ingredients."""
    wording = kb.wording["verdict"]
    templates = wording["reasons"]
    reasons: list[str] = []
    if not ev:
        reasons.append(wording["no_ev_reason"])
        if look_alikes:
            named = _names(ingredient for ingredient, _ in look_alikes)
            reasons.append(templates["look_alikes"].format(ingredients=named))
        if claims.mentions_ev and claims.backed_by_list is False:
            reasons.append(templates["claims_unbacked"].format(explanation=claims.explanation))
        return Verdict(wording["no_ev_grade"], wording["no_ev_headline"], tuple(reasons))

    by_class: dict[str, list[Ingredient]] = {}
    for ingredient, finding in ev:
        by_class.setdefault(finding.source_class, []).append(ingredient)
    order = [cls for cls in reversed(kb.source_classes_in_order()) if cls.key in by_class]
    lead = order[0]
    headline = wording["headline"][lead.key].format(ingredient=_names(by_class[lead.key][:1]))
    for source_class in order:
        reasons.append(
            templates["class"].format(
                label=source_class.label,
                ingredients=_names(by_class[source_class.key]),
                summary=source_class.summary,
            )
        )
    findings = [*ev, *look_alikes]
    human = [ingredient for ingredient, finding in findings if finding.human_origin]
    if human:
        reasons.append(
            templates["human_origin"].format(ingredients=_names(sorted(human, key=_pos)))
        )
    # "Platelet-Rich Plasma Exosomes": no species named, cells usually taken from people;
    # the card says "platelets are human material", so the verdict says "if human".
    probable = [i for i, finding in findings if finding.probably_human and not finding.human_origin]
    if probable:
        reasons.append(
            templates["human_origin_if"].format(ingredients=_names(sorted(probable, key=_pos)))
        )
    reasons.extend(_one_percent_reasons(ev, one_percent, templates))
    if look_alikes:
        named = _names(ingredient for ingredient, _ in look_alikes)
        reasons.append(templates["look_alikes"].format(ingredients=named))
    return Verdict(lead.grade, headline, tuple(reasons))


# -- helpers -----------------------------------------------------------------------------


def _pos(ingredient: Ingredient) -> int:
    return ingredient.position


def _names(ingredients: object) -> str:
    """ "Human Neonatal Fibroblast Conditioned Media (#1), Milk Exosomes (#7)"."""
    return ", ".join(f"{i.name} (#{i.position})" for i in ingredients)  # type: ignore[attr-defined]


def _one_percent_reasons(
    ev: Sequence[tuple[Ingredient, EvFinding]], line: OnePercentLine, templates: dict[str, str]
) -> list[str]:
    if line.after_position is None:
        return [templates["line_unknown"]]
    values = {"marker": line.marker, "position": line.after_position}
    if line.all_ev_below:
        return [templates["all_below"].format(**values)]
    above = [ingredient for ingredient, _ in ev if ingredient.position < line.after_position]
    if not above:
        return []
    template = templates["some_above_one" if len(above) == 1 else "some_above_many"]
    return [template.format(ingredients=_names(above), **values)]


def _plain(text: str) -> str:
    """Folded, with hyphens read as spaces, for word matching."""
    return " ".join(fold(text).replace("-", " ").split())


def _has_words(text: str, words: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(_plain(words))}(?![a-z0-9])", text) is not None


@lru_cache(maxsize=8)
def _marker_keys(kb: KnowledgeBase) -> frozenset[str]:
    names = (name for marker in kb.one_percent_markers for name in (marker.name, *marker.aliases))
    return frozenset(listing_key(name) for name in names)


@lru_cache(maxsize=1 << 14)
def _is_marker_name(name: str, printed: str, markers: frozenset[str]) -> bool:
    # "Parfum (Fragrance)" and "Phenoxyethanol*" are markers too. Cached: the same
    # names open list after list, and every list is scanned down to its first marker.
    candidates = (name, without_brackets(name), printed)
    return any(listing_key(candidate) in markers for candidate in candidates)


@lru_cache(maxsize=8)
def _claim_pattern(kb: KnowledgeBase) -> re.Pattern[str]:
    terms = sorted((_plain(t.term) for t in kb.claim_terms if t.ev_claim), key=len, reverse=True)
    latin = "|".join(re.escape(term) for term in terms if term.isascii())
    other = "|".join(re.escape(term) for term in terms if not term.isascii())
    parts = [rf"(?<![a-z0-9])(?:{latin})(?![a-z0-9])"] if latin else []
    parts += [other] if other else []
    return re.compile("|".join(parts) or r"(?!x)x")
