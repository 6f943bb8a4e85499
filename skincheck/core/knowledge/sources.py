"""Readers for what the ratings rest on: references.csv (with the hosts of
link_domains.toml each kind may link to), grades.toml, source_classes.toml,
materials.toml and evidence.toml. They refuse a reference without authors, title, year,
kind or a link of an allowed form, a class or grade out of order, and evidence without
its trials. They do not read the ingredient lists (listings) or the rules (rules).
"""

import re
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from skincheck.core.errors import DataError
from skincheck.core.knowledge import fields
from skincheck.core.knowledge.types import EvEntry
from skincheck.core.knowledge.types import Evidence
from skincheck.core.knowledge.types import EvidenceLevel
from skincheck.core.knowledge.types import Grade
from skincheck.core.knowledge.types import Material
from skincheck.core.knowledge.types import MATERIALS
from skincheck.core.knowledge.types import OPEN_LINK_HOSTS
from skincheck.core.knowledge.types import Reference
from skincheck.core.knowledge.types import REFERENCE_KINDS
from skincheck.core.knowledge.types import SOURCE_CLASSES
from skincheck.core.knowledge.types import SourceClass
from skincheck.core.knowledge.types import Trial

_YEAR = re.compile(r"\d{4}|undated")


def read_references(kb_dir: Path) -> dict[str, Reference]:
    hosts = _link_hosts(kb_dir)
    columns = ("key", "kind", "authors", "title", "venue", "year", "url", "note")
    references: dict[str, Reference] = {}
    for where, row in fields.csv_rows(kb_dir / "references.csv", columns):
        key = fields.required(row, "key", where)
        if key in references:
            raise DataError(f"{where}: reference key {key!r} appears twice")
        kind = fields.choice(row["kind"], REFERENCE_KINDS, "kind", where)
        authors = fields.required(row, "authors", where)
        title = fields.required(row, "title", where)
        year, venue, url = fields.required(row, "year", where), row["venue"], row["url"]
        if not _YEAR.fullmatch(year):
            raise DataError(f"{where}: year must be four digits or 'undated', not {year!r}")
        if url:
            _check_link(url, kind, hosts, where)
        elif not row["note"]:
            raise DataError(f"{where}: a reference without a link must say why in its note")
        citation = f"{_ended(authors)} {_ended(title)} {venue + ', ' if venue else ''}{year}."
        references[key] = Reference(
            key, citation, url, kind, authors, title, venue, year, row["note"]
        )
    return references


def _ended(part: str) -> str:
    """``part`` with a full stop, unless it ends in its own mark: "Block TJ, et al." and
    "… clinical trials with cosmetic preparations: risk or fraud?" took a second one."""
    return part if part.endswith((".", "?", "!")) else f"{part}."


def _link_hosts(kb_dir: Path) -> dict[str, tuple[str, ...]]:
    """link_domains.toml: host -> the reference kinds that may link there."""
    hosts: dict[str, tuple[str, ...]] = {}
    for number, raw in enumerate(fields.toml_file(kb_dir / "link_domains.toml").get("host", []), 1):
        where = f"link_domains.toml host {raw.get('name') or number}"
        kinds = tuple(fields.required(raw, "kinds", where))
        for kind in kinds:
            fields.choice(kind, REFERENCE_KINDS, "kind", where)
        fields.required(raw, "why", where)
        hosts[fields.required(raw, "name", where)] = kinds
    return hosts


def _check_link(url: str, kind: str, hosts: dict[str, tuple[str, ...]], where: str) -> None:
    """A link is https and a DOI, a PubMed/PMC record, or an allowed host for its kind."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host:
        raise DataError(f"{where}: link {url!r} is not an https address")
    if host in OPEN_LINK_HOSTS:
        if host == "doi.org" and not parts.path.startswith("/10."):
            raise DataError(f"{where}: {url!r} is not a DOI link")
        return
    if host not in hosts:
        raise DataError(f"{where}: {host} is not on the reviewed list (link_domains.toml)")
    if kind not in hosts[host]:
        raise DataError(f"{where}: {host} may be cited only as {', '.join(hosts[host])}")


def read_grades(kb_dir: Path) -> dict[str, Grade]:
    grades: dict[str, Grade] = {}
    for number, raw in enumerate(fields.toml_file(kb_dir / "grades.toml").get("grade", []), 1):
        where = f"grades.toml grade {raw.get('key') or number}"
        rank = raw.get("rank")
        if not isinstance(rank, int):
            raise DataError(f"{where}: rank must be an integer")
        key, word = fields.required(raw, "key", where), fields.required(raw, "word", where)
        grade = Grade(key, rank, word, fields.required(raw, "legend", where))
        grades[grade.key] = grade
    if len({grade.rank for grade in grades.values()}) != len(grades):
        raise DataError("grades.toml: two grades share a rank")
    return grades


def add_evidence(
    kb_dir: Path,
    references: dict[str, Reference],
    classes: dict[str, SourceClass],
    entries: tuple[EvEntry, ...],
) -> tuple[tuple[EvidenceLevel, ...], dict[str, SourceClass], tuple[EvEntry, ...]]:
    """evidence.toml: the level scale, one record per class, and per-entry records."""
    raw = fields.toml_file(kb_dir / "evidence.toml")
    levels = tuple(
        EvidenceLevel(
            fields.required(level, "key", "evidence.toml level"),
            fields.required(level, "label", "evidence.toml level"),
            fields.required(level, "legend", "evidence.toml level"),
        )
        for level in raw.get("level", [])
    )
    labels = {level.key: level.label for level in levels}
    by_class: dict[str, Evidence] = {}
    for number, table in enumerate(raw.get("class", []), 1):
        where = f"evidence.toml class {table.get('key') or number}"
        key = fields.choice(table.get("key", ""), SOURCE_CLASSES, "class", where)
        trials = tuple(_trial(trial, where, references) for trial in table.get("trials", []))
        by_class[key] = _evidence_record(table, trials, labels, where)
    missing = [key for key in SOURCE_CLASSES if key not in by_class]
    if missing:
        raise DataError(f"evidence.toml: class(es) missing: {', '.join(missing)}")
    by_entry: dict[str, Evidence] = {}
    names = {entry.name for entry in entries}
    for number, table in enumerate(raw.get("entry", []), 1):
        where = f"evidence.toml entry {table.get('name') or number}"
        name = fields.required(table, "name", where)
        if name not in names:
            raise DataError(f"{where}: no such name in ev_ingredients.csv")
        trials = tuple(_trial(trial, where, references) for trial in table.get("trials", []))
        source = table.get("trials_from_class")
        if source:
            wanted = table.get("trial_refs")
            chosen = by_class[fields.choice(source, SOURCE_CLASSES, "class", where)].trials
            trials += tuple(t for t in chosen if wanted is None or t.ref in wanted)
        by_entry[name] = _evidence_record(table, trials, labels, where)
    classes = {key: replace(cls, evidence=by_class[key]) for key, cls in classes.items()}
    entries = tuple(replace(entry, evidence=by_entry.get(entry.name)) for entry in entries)
    return levels, classes, entries


def _trial(raw: dict[str, Any], where: str, references: dict[str, Reference]) -> Trial:
    parts = ("about", "design", "size", "duration", "run_by", "finding")
    ref = fields.cited([fields.required(raw, "ref", where)], where, set(references))[0]
    return Trial(ref, *(str(fields.required(raw, part, where)) for part in parts))


def _evidence_record(
    raw: dict[str, Any], trials: tuple[Trial, ...], labels: dict[str, str], where: str
) -> Evidence:
    level = fields.choice(raw.get("level", ""), tuple(labels), "level", where)
    if level in ("uncontrolled_human", "controlled_trials") and not trials:
        raise DataError(f"{where}: a human-evidence level must name its trials")
    refs = tuple(dict.fromkeys(trial.ref for trial in trials))
    return Evidence(level, labels[level], fields.required(raw, "summary", where), trials, refs)


def read_classes(kb_dir: Path, known: set[str], grades: dict[str, Grade]) -> dict[str, SourceClass]:
    classes: dict[str, SourceClass] = {}
    listed = fields.toml_file(kb_dir / "source_classes.toml").get("class", [])
    for number, raw in enumerate(listed, 1):
        where = f"source_classes.toml class {number}"
        key = fields.choice(raw.get("key", ""), SOURCE_CLASSES, "class", where)
        where = f"source_classes.toml class {key}"
        standing = raw.get("standing")
        if not isinstance(standing, int):
            raise DataError(f"{where}: standing must be an integer")
        reasons = tuple(
            fields.reason(r, where, known) for r in fields.required(raw, "reasons", where)
        )
        grade = grades.get(fields.required(raw, "grade", where))
        if grade is None:
            raise DataError(f"{where}: grade {raw['grade']!r} is not in grades.toml")
        classes[key] = SourceClass(
            key=key,
            label=fields.required(raw, "label", where),
            grade=grade.word,
            grade_key=grade.key,
            standing=standing,
            summary=fields.required(raw, "summary", where),
            reasons=reasons,
            questions=tuple(fields.required(raw, "questions", where)),
            refs=fields.cited(raw.get("refs"), where, known),
        )
    missing = [key for key in SOURCE_CLASSES if key not in classes]
    if missing:
        raise DataError(f"source_classes.toml: class(es) missing: {', '.join(missing)}")
    # The grade words follow the order of standing: a class that stands higher never
    # gets a word of lower rank.
    for one in classes.values():
        for other in classes.values():
            if one.standing > other.standing and (
                grades[one.grade_key].rank <= grades[other.grade_key].rank
            ):
                raise DataError(
                    f"source_classes.toml: {one.key} stands above {other.key} but its grade "
                    "does not rank above"
                )
    return classes


def read_materials(kb_dir: Path, known: set[str]) -> dict[str, Material]:
    materials: dict[str, Material] = {}
    listed = fields.toml_file(kb_dir / "materials.toml").get("material", [])
    for number, raw in enumerate(listed, 1):
        where = f"materials.toml material {number}"
        key = fields.choice(raw.get("key", ""), MATERIALS, "material", where)
        caveat = fields.reason(fields.required(raw, "caveat", where), where, known)
        materials[key] = Material(key, fields.required(raw, "label", where), caveat)
    missing = [key for key in MATERIALS if key not in materials]
    if missing:
        raise DataError(f"materials.toml: material(s) missing: {', '.join(missing)}")
    return materials
