"""The database copy of the knowledge base (the kb_* tables): read it for the pages that
list sources, ingredients and references, and sync it from data/ idempotently.

Runs inside an app context. It loads nothing from data/ itself: the caller hands over
the KnowledgeBase (skincheck.services.get_knowledge).
"""

import dataclasses
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import inspect

from skincheck.core.errors import DataError
from skincheck.core.knowledge.types import KnowledgeBase
from skincheck.storage.db import db
from skincheck.storage.models import EvIngredient
from skincheck.storage.models import KnowledgeMeta
from skincheck.storage.models import Reference
from skincheck.storage.models import SourceClass

_VERSION = "version"


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a knowledge-base sync changed, counted in rows over all kb_* tables."""

    version: str
    added: int
    updated: int
    removed: int
    unchanged: int

    def __str__(self) -> str:
        return (
            f"knowledge base {self.version}: {self.added} rows added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
        )




def knowledge_version() -> str | None:
    """The version of the knowledge base last synced into the database."""
    row = db.session.get(KnowledgeMeta, _VERSION)
    return row.value if row else None


def _class_dict(row: SourceClass) -> dict[str, Any]:
    return {
        **row.details,
        "key": row.key,
        "label": row.label,
        "grade": row.grade,
        "standing": row.standing,
        "summary": row.summary,
    }


def source_classes() -> list[dict[str, Any]]:
    """Every source class, most favourable standing first."""
    rows = db.session.scalars(db.select(SourceClass).order_by(SourceClass.position))
    return [_class_dict(row) for row in rows]


def _ev_dict(row: EvIngredient) -> dict[str, Any]:
    return {
        **row.details,
        "slug": row.slug,
        "name": row.name,
        "source_class": row.source_class,
        "material": row.material,
    }


def ev_ingredients() -> list[dict[str, Any]]:
    """Every named EV ingredient, by name."""
    rows = db.session.scalars(db.select(EvIngredient).order_by(EvIngredient.name))
    return [_ev_dict(row) for row in rows]


def ev_ingredient(slug: str) -> dict[str, Any] | None:
    """One EV ingredient with its source class (under "class"), or None."""
    row = db.session.get(EvIngredient, slug)
    if row is None:
        return None
    found = _ev_dict(row)
    found["class"] = _class_dict(db.session.get(SourceClass, row.source_class))
    return found


def references(keys: Iterable[str] | None = None) -> dict[str, dict[str, str | None]]:
    """References by key ({"citation", "url", "kind"}); all of them when ``keys`` is None."""
    query = db.select(Reference)
    if keys is not None:
        query = query.where(Reference.key.in_(list(keys)))
    return {
        row.key: {"citation": row.citation, "url": row.url, "kind": row.kind}
        for row in db.session.scalars(query.order_by(Reference.key))
    }




def _plain(value: Any) -> Any:
    """A knowledge-base value as JSON-ready data. Sets are sorted so that two processes
    (with different string hashing) produce the same rows, which keeps the sync idempotent."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_plain(item) for item in value), key=str)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _desired_rows(kb: KnowledgeBase) -> dict[type, dict[str, dict[str, Any]]]:
    """The kb_* rows that ``kb`` calls for, by model and primary key."""
    from skincheck.core.normalise import slug

    class_rows = {}
    for position, source_class in enumerate(kb.source_classes_in_order()):
        plain = _plain(source_class)
        class_rows[source_class.key] = {
            "position": position,
            "label": plain.pop("label"),
            "grade": plain.pop("grade"),
            "standing": plain.pop("standing"),
            "summary": plain.pop("summary"),
            "details": {k: v for k, v in plain.items() if k != "key"},
        }
    ev_rows = {}
    for entry in kb.entries:
        plain = _plain(entry)
        material = kb.materials[entry.material]
        plain["material_label"] = material.label
        plain["material_caveat"] = _plain(material.caveat)
        key = slug(entry.name)
        if key in ev_rows:
            raise DataError(f"two EV entries share the page address {key!r}: {entry.name!r}")
        ev_rows[key] = {
            "name": plain.pop("name"),
            "source_class": plain.pop("source_class"),
            "material": plain.pop("material"),
            "details": plain,
        }
    reference_rows = {
        key: {"citation": ref.citation, "url": ref.url or None, "kind": ref.kind}
        for key, ref in kb.references.items()
    }
    return {
        SourceClass: class_rows,
        EvIngredient: ev_rows,
        Reference: reference_rows,
        KnowledgeMeta: {_VERSION: {"value": str(kb.version)}},
    }


def sync_knowledge(kb: KnowledgeBase) -> SyncSummary:
    """Make the kb_* tables hold exactly what ``kb`` holds; commit once.

    Running it twice with the same knowledge base changes nothing the second time.
    """
    desired = _desired_rows(kb)
    added = updated = removed = unchanged = 0
    # Parents before children when adding, children before parents when removing.
    order = [SourceClass, EvIngredient, Reference, KnowledgeMeta]
    for model in reversed(order):
        pk = inspect(model).primary_key[0].name
        for row in db.session.scalars(db.select(model)).all():
            if getattr(row, pk) not in desired[model]:
                db.session.delete(row)
                removed += 1
        db.session.flush()
    for model in order:
        pk = inspect(model).primary_key[0].name
        existing = {getattr(row, pk): row for row in db.session.scalars(db.select(model))}
        for key, values in desired[model].items():
            row = existing.get(key)
            if row is None:
                db.session.add(model(**{pk: key}, **values))
                added += 1
            elif any(getattr(row, column) != value for column, value in values.items()):
                for column, value in values.items():
                    setattr(row, column, value)
                updated += 1
            else:
                unchanged += 1
        db.session.flush()
    db.session.commit()
    return SyncSummary(str(kb.version), added, updated, removed, unchanged)



def is_set_up() -> bool:
    """Whether the database holds the knowledge-base tables and a synced version."""
    tables = set(inspect(db.engine).get_table_names())
    return KnowledgeMeta.__tablename__ in tables and knowledge_version() is not None
