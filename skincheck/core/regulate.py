"""regulatory_flags(): the regulatory facts to show beside one ingredient.

Facts applied by rule come from data/kb/regulation.toml: EU Annex II entry 416 for every
human-origin finding, FDA and MFDS facts for human-derived EV material. Each CosIng
annex match found for the name (by skincheck.core.annexes) becomes one more flag. It
does not look names up in the annexes itself, and it never says a product is allowed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from skincheck.core.knowledge import KnowledgeBase
from skincheck.core.knowledge import RegulationFact
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding


class AnnexMatchLike(Protocol):
    """What regulate needs from an annexes.AnnexMatch (read by duck typing)."""

    annex: str
    reference: str
    substance: str
    status: str
    conditions: str


@dataclass(frozen=True, slots=True)
class RegulatoryFlag:
    """One regulatory fact about one ingredient."""

    jurisdiction: str
    rule: str
    status: str
    refs: tuple[str, ...]
    #: The annex entry number ("416") when there is one.
    reference: str | None
    #: The annex ("II".."VI") when the flag comes from an annex.
    annex: str | None = None
    #: A plain-language sentence about the fact.
    text: str = ""
    #: Conditions of use copied from an annex match, if any.
    conditions: str | None = None


def regulatory_flags(
    finding: EvFinding | LookAlikeFinding | None,
    annex_matches: Sequence[AnnexMatchLike],
    kb: KnowledgeBase,
) -> tuple[RegulatoryFlag, ...]:
    """Flags for one ingredient: facts by rule first, then one per annex match."""
    flags = [_flag(fact) for fact in kb.regulation if _applies(fact, finding)]
    by_rule = {(flag.annex, flag.reference) for flag in flags}
    wording = kb.annex
    for match in annex_matches:
        annex, reference = str(match.annex), str(match.reference)
        if (annex, reference) in by_rule:
            continue  # Annex II/416 already shown by rule for this human-origin finding.
        flags.append(
            RegulatoryFlag(
                jurisdiction=wording.jurisdiction,
                rule=wording.rule.format(
                    annex=annex, reference=reference, substance=match.substance
                ),
                status=match.status,
                refs=wording.refs,
                reference=reference,
                annex=annex,
                conditions=getattr(match, "conditions", None) or None,
            )
        )
    return tuple(flags)


def _applies(fact: RegulationFact, finding: EvFinding | LookAlikeFinding | None) -> bool:
    if finding is None or not finding.human_origin:
        return False
    if fact.applies == "human_origin":
        return True
    if not isinstance(finding, EvFinding):
        return False
    return not fact.materials or finding.material in fact.materials


def _flag(fact: RegulationFact) -> RegulatoryFlag:
    return RegulatoryFlag(
        jurisdiction=fact.jurisdiction,
        rule=fact.rule,
        status=fact.status,
        refs=fact.refs,
        reference=fact.reference,
        annex=fact.annex,
        text=fact.text,
    )
