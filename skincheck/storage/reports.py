"""Saved reports: save one (with links from each EV ingredient to it), read one back,
and find the listed reports that hold an EV ingredient.

Runs inside an app context and uses ``db.session``; callers get plain frozen values,
never ORM rows. It analyses nothing (skincheck.services) and renders nothing.
"""

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import datetime
from datetime import UTC
from typing import Any

from sqlalchemy import insert

from skincheck.storage.db import db
from skincheck.storage.models import now as _now
from skincheck.storage.models import Report
from skincheck.storage.models import ReportEvIngredient


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



def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back without its zone; we only ever store UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
