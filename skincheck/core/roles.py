"""Plain roles for the whole-list table, and the EU fragrance-allergen flag.

roles_for() turns an ingredient's CosIng functions into one or two plain roles
("humectant", "preservative") by the ordered rules of data/roles.toml, after the role of
its finding, if any (FindingRole: an EV ingredient or a look-alike), and after setting
aside the functions that do not apply to skin care ("Oral Care", "Denaturant"; and
"Bleaching" for an EV ingredient). allergen_text() says, in words, that an Annex III
entry requires the substance to be named on the label. It reads no names and decides no
grade; it only applies the data file.
"""

import enum
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from skincheck.core.errors import DataError

ROLES_FILE = "roles.toml"


class FindingRole(enum.StrEnum):
    """What the knowledge base found an ingredient to be, when it found anything: the
    keys of [findings] in data/roles.toml, and the report JSON's ingredients[].role."""

    EV = "ev"
    LOOK_ALIKE = "look_alike"


@dataclass(frozen=True, slots=True)
class Role:
    """One plain role: a key for code and styling, a word for people."""

    key: str
    word: str


@dataclass(frozen=True, slots=True)
class _Rule:
    role: Role
    functions: frozenset[str]
    unless: frozenset[str]


@dataclass(frozen=True, slots=True, eq=False)
class RoleRules:
    """data/roles.toml, checked."""

    max_roles: int
    rules: tuple[_Rule, ...]
    not_skin_care: frozenset[str]
    not_for_findings: frozenset[str]
    #: The role an EV ingredient or a look-alike gets first.
    finding_roles: dict[FindingRole, Role]
    allergen_condition: re.Pattern[str]
    allergen_text: str
    allergen_refs: tuple[str, ...]

    def roles_for(
        self, functions: tuple[str, ...], finding_role: FindingRole | None
    ) -> tuple[Role, ...]:
        """Up to max_roles plain roles: the finding's own first, then the first rules
        matched by the functions that apply to skin care."""
        hidden = self.not_skin_care | (self.not_for_findings if finding_role else frozenset())
        shown = {function for function in functions if function not in hidden}
        roles = [self.finding_roles[finding_role]] if finding_role in self.finding_roles else []
        for rule in self.rules:
            if len(roles) >= self.max_roles:
                break
            if shown & rule.functions and not shown & rule.unless and rule.role not in roles:
                roles.append(rule.role)
        return tuple(roles)

    def shown_functions(
        self, functions: tuple[str, ...], finding_role: FindingRole | None
    ) -> tuple[str, ...]:
        """The CosIng functions that apply to skin care, as the inventory lists them."""
        hidden = self.not_skin_care | (self.not_for_findings if finding_role else frozenset())
        return tuple(function for function in functions if function not in hidden)

    def allergen(self, annex: str | None, conditions: str | None) -> str | None:
        """The fragrance-allergen sentence when an Annex III entry's conditions require
        the substance to be named on the label; else None."""
        if annex != "III" or not conditions:
            return None
        return self.allergen_text if self.allergen_condition.search(conditions) else None


def _role(raw: Any, where: str) -> Role:
    if not isinstance(raw, dict) or not raw.get("key") or not raw.get("word"):
        raise DataError(f"{ROLES_FILE} {where}: a role needs a key and a word")
    return Role(raw["key"], raw["word"])


@lru_cache(maxsize=4)
def load_role_rules(data_dir: Path) -> RoleRules:
    """Read data_dir/roles.toml (data_dir is the repository's data/ folder)."""
    path = Path(data_dir) / ROLES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(f"{ROLES_FILE}: cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{ROLES_FILE}: not valid TOML ({error})") from error
    rules = []
    for number, table in enumerate(raw.get("role", []), 1):
        where = f"role {table.get('key') or number}"
        if not table.get("functions"):
            raise DataError(f"{ROLES_FILE} {where}: names no functions")
        rules.append(
            _Rule(
                _role(table, where),
                frozenset(table["functions"]),
                frozenset(table.get("unless", ())),
            )
        )
    hidden = raw.get("not_skin_care", {})
    allergen = raw.get("fragrance_allergen", {})
    for key in ("condition", "text", "refs"):
        if not allergen.get(key):
            raise DataError(f"{ROLES_FILE} [fragrance_allergen]: {key} is missing")
    try:
        condition = re.compile(allergen["condition"])
    except re.error as error:
        raise DataError(f"{ROLES_FILE} [fragrance_allergen]: bad condition ({error})") from error
    max_roles = raw.get("max_roles")
    if not isinstance(max_roles, int) or max_roles < 1:
        raise DataError(f"{ROLES_FILE}: max_roles must be a positive integer")
    finding_roles = {}
    for key, value in raw.get("findings", {}).items():
        # A misspelt key ("look-alike") would leave every look-alike without its role.
        try:
            finding = FindingRole(key)
        except ValueError:
            raise DataError(
                f"{ROLES_FILE} [findings]: {key!r} is none of {', '.join(FindingRole)}"
            ) from None
        finding_roles[finding] = _role(value, f"[findings] {key}")
    return RoleRules(
        max_roles=max_roles,
        rules=tuple(rules),
        not_skin_care=frozenset(hidden.get("always", ())),
        not_for_findings=frozenset(hidden.get("findings", ())),
        finding_roles=finding_roles,
        allergen_condition=condition,
        allergen_text=allergen["text"],
        allergen_refs=tuple(allergen["refs"]),
    )
