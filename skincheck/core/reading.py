"""read_name(): everything one ingredient name tells, the same for every list it is on.

It recognises the name in the CosIng inventory, classifies it (EV ingredient, look-alike
or neither), rates an EV finding, attaches its regulatory flags, plain roles and the
fragrance-allergen sentence. It reads one name from scratch; remembering readings is
the Context's job (skincheck.core.analyse) and the table of known names'
(skincheck.core.name_table). It does not read lists.
"""

from dataclasses import dataclass
from typing import Protocol

from skincheck.core.annexes import Annexes
from skincheck.core.inventory import Inventory
from skincheck.core.inventory import Recognition
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.core.match import EvFinding
from skincheck.core.match import LookAlikeFinding
from skincheck.core.match import Matcher
from skincheck.core.rate import Rater
from skincheck.core.rate import Rating
from skincheck.core.regulate import regulatory_flags
from skincheck.core.regulate import RegulatoryFlag
from skincheck.core.report_data import ReportData
from skincheck.core.roles import Role


@dataclass(frozen=True, slots=True)
class NameReading:
    """Everything learnt from one ingredient name; the same for every list it is on."""

    recognition: Recognition
    finding: EvFinding | LookAlikeFinding | None
    rating: Rating | None
    flags: tuple[RegulatoryFlag, ...]
    #: "ev", "look_alike" or None, worked out once per name.
    role: str | None
    #: Known to CosIng or to our knowledge base.
    recognised: bool
    #: One or two plain roles from the CosIng functions (data/roles.toml).
    roles: tuple[Role, ...] = ()
    #: The fragrance-allergen sentence when an Annex III entry asks for the name on the
    #: label; else None.
    allergen: str | None = None


class Sources(Protocol):
    """What reading a name needs from data/ (skincheck.core.analyse.Context has it)."""

    @property
    def knowledge(self) -> KnowledgeBase: ...

    @property
    def inventory(self) -> Inventory: ...

    @property
    def annexes(self) -> Annexes: ...

    @property
    def report(self) -> ReportData: ...

    @property
    def matcher(self) -> Matcher: ...

    @property
    def rater(self) -> Rater: ...


def role_of(finding: EvFinding | LookAlikeFinding | None) -> str | None:
    """The role a finding gives its name: "ev", "look_alike" or None."""
    if isinstance(finding, EvFinding):
        return "ev"
    if isinstance(finding, LookAlikeFinding):
        return "look_alike"
    return None


def read_name(name: str, data: Sources) -> NameReading:
    """Recognise, classify, rate and flag one ingredient name, from scratch."""
    recognition = data.inventory.recognise(name)
    finding = data.matcher.classify(name)
    if finding is None and recognition.display != name:
        # "Aqua (Human Fibroblast Conditioned Media)" style synonyms: classify the
        # resolved name too, so a bracketed EV name is not missed.
        finding = data.matcher.classify(recognition.display)
    rating = data.rater.rate(finding) if isinstance(finding, EvFinding) else None
    # Both forms: the cleaned label name keeps what the 2020 inventory lacks
    # ("Titanium Dioxide (nano)" is recognised as TITANIUM DIOXIDE, but only the nano
    # entry of Annex VI applies), and the CosIng name catches synonyms ("Aqua (Water)").
    annex_matches = dict.fromkeys(data.annexes.matches(name))
    if recognition.inci:
        annex_matches.update(dict.fromkeys(data.annexes.matches(recognition.inci)))
    flags = regulatory_flags(finding, tuple(annex_matches), data.knowledge)
    role = role_of(finding)
    recognised = recognition.inci is not None or finding is not None
    rules = data.report.roles
    roles = rules.roles_for(recognition.functions, role)
    allergen = next(
        (text for flag in flags if (text := rules.allergen(flag.annex, flag.conditions))), None
    )
    return NameReading(recognition, finding, rating, flags, role, recognised, roles, allergen)
