"""regulatory_flags(): the regulatory facts to show beside one ingredient.

Facts applied by rule come from data/kb/regulation.toml: EU Annex II entry 416 for every
human-origin finding, FDA and MFDS facts for human-derived EV material. A finding that
is only probably human ("Platelet-Rich Plasma Exosomes", "Human Serum Albumin") gets
the same facts worded as conditions ("If of human origin: ...", status ending in
"_if_human"). Each CosIng annex match found for the name (by skincheck.core.annexes)
becomes one more flag. It does not look names up in the annexes itself, and it never
says a product is allowed.
"""

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.knowledge.types import RegulationFact
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

    @property
    def if_human(self) -> bool:
        """True when the fact applies only if the material is of human origin."""
        return self.status.endswith(IF_HUMAN_SUFFIX)


#: How a conditional status ends ("prohibited_if_human"); regulation.toml [if_human]
#: builds the statuses, and tests/core/test_human_origin_flags.py holds the two together.
IF_HUMAN_SUFFIX = "_if_human"


def chip(status: str, words: Mapping[str, str]) -> str:
    """The status chip a regulatory line leads with ("allowed preservative", "prohibited
    if of human origin"), from data/summary.toml [chips]; the status itself when the
    file has no word for it."""
    if status.endswith(IF_HUMAN_SUFFIX):
        base = status.removesuffix(IF_HUMAN_SUFFIX)
        return words["if_human"].format(chip=words.get(base, base.replace("_", " ")))
    return words.get(status, status.replace("_", " "))


def regulatory_flags(
    finding: EvFinding | LookAlikeFinding | None,
    annex_matches: Sequence[AnnexMatchLike],
    kb: KnowledgeBase,
) -> tuple[RegulatoryFlag, ...]:
    """Flags for one ingredient: facts by rule first, then one per annex match."""
    flags = [_flag(fact) for fact in kb.regulation if _applies(fact, finding)]
    if finding is not None and finding.probably_human and not finding.human_origin:
        flags += [_if_human(fact) for fact in kb.regulation if _applies(fact, finding, True)]
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


def _applies(
    fact: RegulationFact, finding: EvFinding | LookAlikeFinding | None, if_human: bool = False
) -> bool:
    """Does the fact apply to the finding (as if it were human, when ``if_human``)?"""
    if finding is None or not (finding.human_origin or if_human):
        return False
    if fact.applies == "human_origin":
        return True
    if not isinstance(finding, EvFinding):
        return False
    return not fact.materials or finding.material in fact.materials


def _if_human(fact: RegulationFact) -> RegulatoryFlag:
    return RegulatoryFlag(
        jurisdiction=fact.jurisdiction,
        rule=fact.if_human_rule,
        status=fact.if_human_status,
        refs=fact.refs,
        reference=fact.reference,
        annex=fact.annex,
        text=fact.if_human_text,
    )


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
