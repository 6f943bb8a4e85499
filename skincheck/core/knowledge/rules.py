"""Readers for the rules and wording: rules.toml with plant_genera.csv (keywords for
classifying names nobody listed), regulation.toml (regulatory facts applied by rule) and
wording.toml (sentence templates), each refused when a required table or key is
missing. They apply no rule (match, regulate and rate do).
"""

from pathlib import Path
from typing import Any

from skincheck.core.errors import DataError
from skincheck.core.knowledge import fields
from skincheck.core.knowledge.types import AnnexWording
from skincheck.core.knowledge.types import APPLIES
from skincheck.core.knowledge.types import MATERIALS
from skincheck.core.knowledge.types import RegulationFact
from skincheck.core.knowledge.types import Rules
from skincheck.core.knowledge.types import SOURCE_CLASSES
from skincheck.core.normalise import fold


def read_rules(kb_dir: Path, known: set[str]) -> Rules:
    raw = fields.toml_file(kb_dir / "rules.toml")
    where = "rules.toml"
    sections = {
        "organisms": ("human", "microbe", "animal", "plant"),
        "cell_types": ("aged", "platelet", "stem", "differentiated", "tissue"),
        "words": ("vesicles", "conditioned_media", "lysate_or_extract", "cells"),
    }
    lists: dict[str, dict[str, tuple[str, ...]]] = {}
    for section, required in sections.items():
        table = raw.get(section)
        if not isinstance(table, dict):
            raise DataError(f"{where}: [{section}] is missing")
        for name in required:
            if not table.get(name):
                raise DataError(f"{where}: [{section}] {name} is missing or empty")
        lists[section] = {name: tuple(map(fold, words)) for name, words in table.items()}
    genera = frozenset(
        fold(fields.required(row, "genus", place))
        for place, row in fields.csv_rows(kb_dir / "plant_genera.csv", ("genus",))
    )
    organism_classes = _class_table(raw, "organism_classes", lists["organisms"], where)
    cell_classes = _class_table(raw, "cell_classes", lists["cell_types"], where)
    if set(cell_classes) != set(lists["cell_types"]):
        raise DataError(f"{where}: [cell_classes] must name every [cell_types] group once")
    unstated = raw.get("unstated_species", {})
    probably_human = tuple(unstated.get("probably_human", ()))
    unknown = [group for group in probably_human if group not in lists["cell_types"]]
    if unknown:
        raise DataError(f"{where}: [unstated_species] unknown group(s) {', '.join(unknown)}")
    return Rules(
        organisms=lists["organisms"],
        cell_types=lists["cell_types"],
        words=lists["words"],
        plant_genera=genera,
        refs=fields.cited(raw.get("refs"), where, known),
        organism_classes=organism_classes,
        cell_classes=cell_classes,
        probably_human=probably_human,
        deciding=tuple(map(fold, raw.get("fuzzy", {}).get("deciding", ()))),
    )


def _class_table(
    raw: dict[str, Any], section: str, groups: dict[str, tuple[str, ...]], where: str
) -> dict[str, str]:
    """A [section] table mapping keyword groups to source classes, in file order."""
    table = raw.get(section)
    if not isinstance(table, dict) or not table:
        raise DataError(f"{where}: [{section}] is missing")
    for group, source_class in table.items():
        if group not in groups:
            raise DataError(f"{where}: [{section}] names unknown group {group!r}")
        fields.choice(source_class, SOURCE_CLASSES, "class", f"{where} [{section}] {group}")
    return dict(table)


def read_regulation(
    kb_dir: Path, known: set[str]
) -> tuple[tuple[RegulationFact, ...], AnnexWording]:
    raw = fields.toml_file(kb_dir / "regulation.toml")
    if_human = raw.get("if_human")
    if not isinstance(if_human, dict):
        raise DataError("regulation.toml [if_human] is missing")
    for field in ("status", "rule", "text"):
        fields.required(if_human, field, "regulation.toml [if_human]")
    facts = []
    for number, fact in enumerate(raw.get("fact", []), 1):
        where = f"regulation.toml fact {fact.get('key') or number}"
        materials = tuple(fact.get("materials", ()))
        for material in materials:
            fields.choice(material, MATERIALS, "material", where)
        status, rule, text = (fields.required(fact, f, where) for f in ("status", "rule", "text"))
        facts.append(
            RegulationFact(
                key=fields.required(fact, "key", where),
                jurisdiction=fields.required(fact, "jurisdiction", where),
                applies=fields.choice(fact.get("applies", ""), APPLIES, "applies", where),
                materials=materials,
                status=status,
                rule=rule,
                text=text,
                annex=fact.get("annex"),
                reference=fact.get("reference"),
                refs=fields.cited(fact.get("refs"), where, known),
                if_human_status=if_human["status"].format(status=status),
                if_human_rule=if_human["rule"].format(rule=rule),
                if_human_text=if_human["text"].format(text=text),
            )
        )
    annex = raw.get("annex")
    where = "regulation.toml [annex]"
    if not isinstance(annex, dict):
        raise DataError(f"{where} is missing")
    wording = AnnexWording(
        jurisdiction=fields.required(annex, "jurisdiction", where),
        rule=fields.required(annex, "rule", where),
        refs=fields.cited(annex.get("refs"), where, known),
    )
    return tuple(facts), wording


def read_wording(kb_dir: Path, known: set[str]) -> dict[str, Any]:
    wording = fields.toml_file(kb_dir / "wording.toml")
    where = "wording.toml"
    ranking = wording.get("ranking", {})
    for key in ("statement", "evidence_entry", "evidence_class"):
        fields.required(ranking, key, f"{where} [ranking]")
    fields.cited(ranking.get("refs"), f"{where} [ranking]", known)
    verdict = wording.get("verdict", {})
    for key in ("no_ev_grade", "no_ev_headline", "no_ev_reason"):
        fields.required(verdict, key, f"{where} [verdict]")
    headlines = verdict.get("headline", {})
    for key in SOURCE_CLASSES:
        fields.required(headlines, key, f"{where} [verdict.headline]")
    reasons = verdict.get("reasons", {})
    needed = ("class", "human_origin", "human_origin_if", "all_below", "some_above_one")
    needed += ("some_above_many",)
    for key in (*needed, "line_unknown", "look_alikes", "claims_unbacked"):
        fields.required(reasons, key, f"{where} [verdict.reasons]")
    for key in ("no_text", "no_mention", "backed", "unbacked"):
        fields.required(wording.get("claims", {}), key, f"{where} [claims]")
    return wording
