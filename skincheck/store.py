"""Storage use cases: save and read reports, find the reports that hold an EV
ingredient, keep fetched product pages for a day (PageCacheStore), read the
knowledge-base copy, and bring the database up to date (migrations to head, then an
idempotent sync of data/ into the kb_* tables, then the worked example report).

Everything here runs inside an app context and uses ``db.session``; callers get plain
frozen values or dicts, never ORM rows. It analyses nothing (skincheck.services) and
renders nothing.
"""

import dataclasses
import hashlib
import secrets
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from enum import Enum
from typing import Any

from flask import current_app
from sqlalchemy import insert
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from skincheck.core.errors import DataError
from skincheck.core.knowledge import KnowledgeBase
from skincheck.db import db
from skincheck.fetch import Fetched
from skincheck.models import EvIngredient
from skincheck.models import FetchedPage
from skincheck.models import KnowledgeMeta
from skincheck.models import now as _now
from skincheck.models import Reference
from skincheck.models import Report
from skincheck.models import ReportEvIngredient
from skincheck.models import SourceClass

_VERSION = "version"


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A saved report as it was stored."""

    id: str
    product_name: str | None
    #: The list that was analysed: pasted, or as extracted from a product page.
    input_text: str
    analysis: dict[str, Any]
    knowledge_version: str
    created_at: datetime
    #: The product page address the person gave; None for a pasted list.
    input_url: str | None = None
    #: Shown on ingredient pages and open to search engines; False (the default) keeps
    #: the report to whoever has its link.
    listed: bool = False


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """A line in "reports that contain this ingredient"."""

    id: str
    product_name: str | None
    headline: str
    #: Where the ingredient sits in that report's list.
    position: int
    created_at: datetime


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


# -- reports -----------------------------------------------------------------------------


def _storable(value: str | None) -> str | None:
    """PostgreSQL text columns refuse the NUL character ("Serum\x00 Forte" as a product
    name gave a 500 there); it becomes the replacement character, as invalid text does."""
    return value.replace("\x00", "\ufffd") if value else value


#: StoredReport's fields, which are the reports table's columns.
_REPORT_FIELDS = tuple(field.name for field in dataclasses.fields(StoredReport))


def save_report(
    analysis: dict[str, Any],
    *,
    text: str,
    name: str | None = None,
    url: str | None = None,
    report_id: str | None = None,
    listed: bool = False,
) -> StoredReport:
    """Store an analysis with the text it came from (and, for a product page, the address
    the person gave); return the report as stored, new id and time included. ``report_id``
    is for the worked example's fixed id only (skincheck.worked_example). ``listed``:
    the person asked for the report to be shown on ingredient pages."""
    stored = StoredReport(
        id=report_id or secrets.token_urlsafe(16),
        product_name=_storable(name) or None,
        input_text=_storable(text),
        analysis=analysis,
        knowledge_version=str(analysis.get("knowledge_version") or "unknown"),
        created_at=_now(),
        input_url=_storable(url) or None,
        listed=bool(listed),
    )
    links: dict[int, dict[str, Any]] = {}
    for ev in analysis.get("ev_ingredients") or []:
        # An EV ingredient found by rule rather than by a named entry has no page.
        if ev.get("slug"):
            links.setdefault(
                ev["position"],
                {
                    "report_id": stored.id,
                    "position": ev["position"],
                    "slug": ev["slug"],
                    "source_class": ev["source_class"],
                },
            )
    # Plain INSERTs on the tables in a transaction of their own, not the ORM's session
    # and unit of work: under load (make load) the flush of one new Report, and reading
    # it back, cost more than the analysis.
    with db.engine.begin() as connection:
        connection.execute(
            insert(Report.__table__), {field: getattr(stored, field) for field in _REPORT_FIELDS}
        )
        if links:
            connection.execute(insert(ReportEvIngredient.__table__), list(links.values()))
    return stored


def get_report(report_id: str) -> StoredReport | None:
    """The stored report with this id, or None."""
    row = db.session.get(Report, report_id)
    if row is None:
        return None
    return StoredReport(
        id=row.id,
        product_name=row.product_name,
        input_text=row.input_text,
        analysis=row.analysis,
        knowledge_version=row.knowledge_version,
        created_at=_aware(row.created_at),
        input_url=row.input_url,
        listed=bool(row.listed),
    )


def report_exists(report_id: str) -> bool:
    """Whether a report with this id is stored (its id only is read, not its analysis)."""
    return db.session.scalar(db.select(Report.id).where(Report.id == report_id)) is not None


def count_reports_with_ingredient(slug: str) -> int:
    """How many saved reports, listed or not, contain the EV ingredient ``slug``."""
    query = (
        db.select(db.func.count(db.distinct(ReportEvIngredient.report_id)))
        .where(ReportEvIngredient.slug == slug)
    )
    return int(db.session.scalar(query) or 0)


def reports_with_ingredient(slug: str, *, limit: int = 50) -> list[ReportSummary]:
    """The newest listed reports that contain the EV ingredient ``slug``. An unlisted
    report is never named here: its person did not ask for it to be shown."""
    rows = db.session.execute(
        db.select(Report, ReportEvIngredient.position)
        .join(ReportEvIngredient)
        .where(ReportEvIngredient.slug == slug, Report.listed.is_(True))
        .order_by(Report.created_at.desc(), Report.id)
        .limit(limit)
    ).all()
    return [
        ReportSummary(
            id=report.id,
            product_name=report.product_name,
            headline=(report.analysis.get("verdict") or {}).get("headline", ""),
            position=position,
            created_at=report.created_at,
        )
        for report, position in rows
    ]


# -- fetched pages ---------------------------------------------------------------------

#: The fetcher's body cap (skincheck.fetch.fetch's max_bytes). Decoded text is at most
#: one character per byte, so a longer text did not come from the fetcher: not kept.
MAX_CACHED_CHARS = 5_000_000


def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back without its zone; we only ever store UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class PageCacheStore:
    """skincheck.services.PageCache on the database: a page fetched for an address is
    reused for that exact address while it is younger than ``max_age`` (the setting
    FETCH_CACHE_SECONDS, one day by default). Only successful fetches are kept.

    Runs inside an app context, like the rest of this module.
    """

    def __init__(self, max_age: timedelta | None = None) -> None:
        if max_age is None:
            max_age = timedelta(seconds=int(current_app.config["FETCH_CACHE_SECONDS"]))
        self.max_age = max_age

    @staticmethod
    def _key(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, url: str) -> Fetched | None:
        """The page kept for ``url`` if it is fresh enough, else None."""
        row = db.session.get(FetchedPage, self._key(url))
        page = None
        if row is not None and row.url == url and self._fresh(row.fetched_at):
            page = Fetched(
                requested_url=row.url,
                final_url=row.final_url,
                status=row.status,
                content_type=row.content_type,
                charset=row.charset,
                text=row.text,
            )
        # End the read transaction: on a miss the caller now fetches for up to 10 s, and
        # must not hold a database connection (or SQLite's lock) all that time.
        db.session.commit()
        return page

    def put(self, url: str, page: Fetched) -> None:
        """Keep ``page`` as the answer for ``url``, replacing an older one; also drop
        every entry that has gone stale, so the table does not grow without end."""
        if not 200 <= page.status < 300 or len(page.text) > MAX_CACHED_CHARS:
            return
        now = datetime.now(UTC)
        stale = db.delete(FetchedPage).where(FetchedPage.fetched_at < now - self.max_age)
        db.session.execute(stale)
        values = {
            "url": url,
            "final_url": page.final_url,
            "status": page.status,
            "content_type": page.content_type,
            "charset": page.charset,
            "text": page.text,
            "fetched_at": now,
        }
        key = self._key(url)
        row = db.session.get(FetchedPage, key)
        if row is None:
            db.session.add(FetchedPage(url_sha256=key, **values))
        else:
            for column, value in values.items():
                setattr(row, column, value)
        try:
            db.session.commit()
        except IntegrityError:
            # Two requests fetched the same new address at once and the other one
            # stored it first; its copy is as fresh as ours.
            db.session.rollback()

    def _fresh(self, fetched_at: datetime) -> bool:
        return datetime.now(UTC) - _aware(fetched_at) < self.max_age


# -- the knowledge-base copy ---------------------------------------------------------------


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


# -- sync ----------------------------------------------------------------------------------


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


def init_database() -> SyncSummary:
    """Upgrade the schema to the newest migration, sync the knowledge base, then save
    the worked example (skincheck.worked_example) if it is missing or out of date."""
    from flask_migrate import upgrade

    from skincheck import worked_example
    from skincheck.services import get_knowledge

    upgrade()
    summary = sync_knowledge(get_knowledge())
    worked_example.save()
    return summary


def init_database_if_empty() -> SyncSummary | None:
    """init_database() when the database has never been set up; None otherwise."""
    tables = set(inspect(db.engine).get_table_names())
    if KnowledgeMeta.__tablename__ in tables and knowledge_version() is not None:
        return None
    return init_database()
