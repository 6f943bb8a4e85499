"""load_knowledge(): read data/kb/ with the readers of sources, listings and rules,
check what spans files (a name listed twice, evidence for a name not listed), and return
one KnowledgeBase with a version hash of the files' bytes. It reads no file itself
beyond hashing them, and decides nothing.
"""

import hashlib
from pathlib import Path

from skincheck.core.errors import DataError
from skincheck.core.knowledge.listings import check_unique_names
from skincheck.core.knowledge.listings import read_claim_terms
from skincheck.core.knowledge.listings import read_entries
from skincheck.core.knowledge.listings import read_false_friends
from skincheck.core.knowledge.listings import read_look_alikes
from skincheck.core.knowledge.listings import read_markers
from skincheck.core.knowledge.listings import read_nuances
from skincheck.core.knowledge.listings import read_patterns
from skincheck.core.knowledge.rules import read_regulation
from skincheck.core.knowledge.rules import read_rules
from skincheck.core.knowledge.rules import read_wording
from skincheck.core.knowledge.sources import add_evidence
from skincheck.core.knowledge.sources import read_classes
from skincheck.core.knowledge.sources import read_grades
from skincheck.core.knowledge.sources import read_materials
from skincheck.core.knowledge.sources import read_references
from skincheck.core.knowledge.types import KB_DIR
from skincheck.core.knowledge.types import KnowledgeBase


def load_knowledge(data_dir: Path) -> KnowledgeBase:
    """Read data_dir/kb/ (data_dir is the repository's data/ folder) and validate it."""
    kb_dir = Path(data_dir) / KB_DIR
    if not kb_dir.is_dir():
        raise DataError(f"{kb_dir}: the knowledge-base folder is missing")
    references = read_references(kb_dir)
    known = set(references)
    grades = read_grades(kb_dir)
    classes = read_classes(kb_dir, known, grades)
    materials = read_materials(kb_dir, known)
    entries = read_entries(kb_dir, known)
    levels, classes, entries = add_evidence(kb_dir, references, classes, entries)
    look_alikes = read_look_alikes(kb_dir, known)
    check_unique_names(entries, look_alikes)
    rules = read_rules(kb_dir, known)
    regulation, annex = read_regulation(kb_dir, known)
    return KnowledgeBase(
        version=_version(kb_dir),
        references=references,
        classes=classes,
        materials=materials,
        entries=entries,
        look_alikes=look_alikes,
        look_alike_patterns=read_patterns(kb_dir, known, rules),
        false_friends=read_false_friends(kb_dir, known),
        nuances=read_nuances(kb_dir, known),
        rules=rules,
        regulation=regulation,
        annex=annex,
        one_percent_markers=read_markers(kb_dir, known),
        claim_terms=read_claim_terms(kb_dir, known),
        wording=read_wording(kb_dir, known),
        grades=tuple(sorted(grades.values(), key=lambda grade: -grade.rank)),
        evidence_levels=levels,
    )


def _version(kb_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(kb_dir.iterdir()):
        if path.is_file() and path.suffix in {".csv", ".toml"}:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
