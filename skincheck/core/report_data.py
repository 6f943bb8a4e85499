"""ReportData: the report's own wording and rules kept in data/ beside the knowledge base.

data/summary.toml (the three opening lines, the regulatory chips, the 1% line's words),
loaded once per process with the knowledge base. It reads and checks files; it decides
nothing.
"""

from dataclasses import dataclass
from pathlib import Path

from skincheck.core.summary import load_summary_words
from skincheck.core.summary import SummaryWords


@dataclass(frozen=True, slots=True)
class ReportData:
    """What the report reads from data/ outside data/kb and data/cosing."""

    summary: SummaryWords

    @classmethod
    def load(cls, data_dir: Path) -> "ReportData":
        return cls(summary=load_summary_words(Path(data_dir)))
