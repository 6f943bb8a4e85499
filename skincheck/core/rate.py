"""Ratings, the 1% line and the product verdict.

Rater.rate() explains one EV finding from its class, its material and any nuance the
name carries, and gives the best human evidence for it (the ingredient's own, else its
class's, saying which); Rater.one_percent_line() finds where the 1% line probably falls;
decide_verdict() puts it together with the claim check (skincheck.core.claims), most
concerning source first. Every grade and sentence comes from data/kb/
(source_classes.toml, materials.toml, nuances.toml, wording.toml); this module only
chooses and fills them. It does not classify names (match) or read lists (parse).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from skincheck.core.claims import ClaimCheck
from skincheck.core.knowledge.names import listing_key
from skincheck.core.knowledge.names import without_brackets
from skincheck.core.knowledge.types import Evidence
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.knowledge.types import Reason
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.model import Ingredient
from skincheck.core.words import has_words
from skincheck.core.words import plain


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
    """Where the 1% line probably falls in the first list.

    Ingredients above 1% are listed in descending order; those at 1% or less may be
    listed in any order; and a marker (phenoxyethanol, capped at 1%) is itself at 1% or
    less. So the line falls just BEFORE the first marker: the marker and everything after
    it are at 1% or less, and what comes before is probably above 1%.
    """

    #: Position of the first ingredient usually used at 1% or less; the line falls just
    #: before it. None if no marker was found.
    marker_position: int | None
    #: That ingredient's name.
    marker: str | None
    #: True when there is at least one EV ingredient and every one comes after the marker.
    all_ev_below: bool
    #: Positions of the first list before the line (probably above 1%).
    above: tuple[int, ...] = ()
    #: Positions of the first list from the marker on (at 1% or less).
    below: tuple[int, ...] = ()

    @property
    def after_position(self) -> int | None:
        """The marker's position, under the name decide_verdict's templates read
        ("{marker} (#{position})"). The line falls BEFORE this position."""
        return self.marker_position


@dataclass(frozen=True, slots=True)
class Verdict:
    """The product-level verdict: a grade, a headline and the reasons behind it."""

    grade: str
    headline: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rater:
    """Ratings and the 1% line for one knowledge base, with what they look up made once.
    Build one per knowledge base (skincheck.core.analyse.Context holds it)."""

    kb: KnowledgeBase
    #: Each listed ingredient's own evidence, by entry name.
    entry_evidence: dict[str, Evidence]
    #: The listing keys of the names usually used at 1% or less.
    marker_keys: frozenset[str]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "Rater":
        names = (m for marker in kb.one_percent_markers for m in (marker.name, *marker.aliases))
        return cls(
            kb,
            {entry.name: entry.evidence for entry in kb.entries if entry.evidence is not None},
            frozenset(listing_key(name) for name in names),
        )

    def rate(self, finding: EvFinding) -> Rating:
        """Rate one EV finding: its class's reasons, its material's caveat, then any nuance."""
        kb = self.kb
        source_class = kb.classes[finding.source_class]
        reasons = [*source_class.reasons, kb.materials[finding.material].caveat]
        text = plain(" ".join(filter(None, (finding.name, finding.entry or ""))))
        for nuance in kb.nuances:
            if nuance.classes and finding.source_class not in nuance.classes:
                continue
            if nuance.human_only and not finding.human_origin:
                continue
            by_words = any(has_words(text, word) for word in nuance.words)
            by_organism = (finding.organism or "") in nuance.organisms
            if by_words or by_organism:
                reasons.append(nuance.reason)
        return Rating(
            grade=source_class.grade,
            label=source_class.label,
            summary=source_class.summary,
            reasons=tuple(dict.fromkeys(reasons)),
            questions=source_class.questions,
            evidence=self._evidence_for(finding),
        )

    def _evidence_for(self, finding: EvFinding) -> RatedEvidence | None:
        """The listed ingredient's own evidence, else its class's, saying which it is: a
        bovine colostrum card must not present a red-deer trial as its own."""
        wording = self.kb.wording["ranking"]
        own = self.entry_evidence.get(finding.entry or "")
        if own is not None:
            return RatedEvidence("entry", wording["evidence_entry"], own)
        evidence = self.kb.classes[finding.source_class].evidence
        if evidence is None:
            return None
        return RatedEvidence("class", wording["evidence_class"], evidence)

    def one_percent_line(
        self, ingredients: Sequence[Ingredient], ev_positions: Sequence[int]
    ) -> OnePercentLine:
        """The 1% line falls just before the first ingredient usually used at 1% or less.

        Only the first section is read: in a kit, the second product's list starts its own
        descending order, so a marker there says nothing about the first. "May contain"
        shade blocks are in no order and are skipped.
        """
        markers = self.marker_keys
        first_section = ingredients[0].section if ingredients else 0
        section = [i for i in ingredients if i.section == first_section and not i.may_contain]
        # The cached name test is called directly: a list is scanned to its first marker,
        # 22 names on average in the corpus, and a wrapper call per name cost 2 µs a list.
        is_marker = _is_marker_name
        marker = next((i for i in section if is_marker(i.name, i.printed, markers)), None)
        if marker is None:
            return OnePercentLine(None, None, False)
        above = tuple(i.position for i in section if i.position < marker.position)
        below = tuple(i.position for i in section if i.position >= marker.position)
        if not ev_positions:  # most lists: no EV ingredient to place
            return OnePercentLine(marker.position, marker.name, False, above, below)
        in_below = set(below)
        below_all = all(p in in_below and p != marker.position for p in ev_positions)
        return OnePercentLine(marker.position, marker.name, below_all, above, below)


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


@lru_cache(maxsize=1 << 14)
def _is_marker_name(name: str, printed: str, markers: frozenset[str]) -> bool:
    # "Parfum (Fragrance)" and "Phenoxyethanol*" are markers too. Cached: the same
    # names open list after list, and every list is scanned down to its first marker.
    candidates = (name, without_brackets(name), printed)
    return any(listing_key(candidate) in markers for candidate in candidates)


