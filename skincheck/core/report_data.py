"""ReportData: the report's own wording and rules kept in data/ beside the knowledge base.

data/summary.toml (the three opening lines, the regulatory chips, the 1% line's words)
data/claims.toml (what the claims check compares) and data/roles.toml (plain roles from
CosIng functions, the fragrance-allergen flag), loaded once per process with the
knowledge base. It reads and checks files; it decides nothing.
"""

from dataclasses import dataclass
from pathlib import Path

from skincheck.core.claim_words import ClaimWords
from skincheck.core.claim_words import load_claim_words
from skincheck.core.roles import load_role_rules
from skincheck.core.roles import RoleRules
from skincheck.core.summary import load_summary_words
from skincheck.core.summary import SummaryWords


@dataclass(frozen=True, slots=True)
class ReportData:
    """What the report reads from data/ outside data/kb and data/cosing."""

    summary: SummaryWords
    claims: ClaimWords
    roles: RoleRules

    @classmethod
    def load(cls, data_dir: Path) -> "ReportData":
        data_dir = Path(data_dir)
        return cls(
            summary=load_summary_words(data_dir),
            claims=load_claim_words(data_dir),
            roles=load_role_rules(data_dir),
        )
