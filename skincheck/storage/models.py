"""The stored tables: saved reports with their EV-ingredient links, the knowledge base
copied from data/ (source classes, EV ingredients, references, its version), and the
cache of product pages fetched for URL reports.

Storage only: no queries (skincheck.storage.reports and its siblings), no url_for, no
rating. The knowledge-base tables are a copy that knowledge_copy.sync_knowledge()
rewrites from data/; data/ stays the source of truth. Schema changes go through
migrations/, whose compare test fails when this module and the migrations disagree.
"""

from datetime import datetime
from datetime import UTC
from typing import Any

from sqlalchemy import Boolean
from sqlalchemy import CheckConstraint
from sqlalchemy import DateTime
from sqlalchemy import false
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import JSON
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from skincheck.storage.db import db

#: SPEC section 2: the four materials an EV ingredient can be.
MATERIALS = ("vesicles", "conditioned_media", "lysate_or_extract", "unknown")


def now() -> datetime:
    """The time stamps of stored rows: aware, in UTC."""
    return datetime.now(UTC)


class Report(db.Model):
    """One analysed list, kept under a random id so its link can be shared."""

    __tablename__ = "reports"

    #: secrets.token_urlsafe(16): 22 characters, 128 random bits, not guessable.
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    product_name: Mapped[str | None] = mapped_column(Text)
    #: The list that was analysed: pasted, or as extracted from a product page.
    input_text: Mapped[str] = mapped_column(Text)
    #: The product page address the person gave (before redirects); None for a paste.
    input_url: Mapped[str | None] = mapped_column(Text)
    #: The analysis JSON exactly as the API returned it (SPEC section 7).
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The knowledge-base version the report was rated against.
    knowledge_version: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
    #: Whether the person ticked "show this report on ingredient pages". Unlisted
    #: reports (the default) are reachable by their link only, and ask search engines
    #: not to index them (X-Robots-Tag: noindex).
    listed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    ev_links: Mapped[list["ReportEvIngredient"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True
    )


class ReportEvIngredient(db.Model):
    """An EV ingredient found in a report, so an ingredient's page can list its reports."""

    __tablename__ = "report_ev_ingredients"

    report_id: Mapped[str] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: Not a foreign key on purpose: a report outlives the knowledge-base version that
    #: named the ingredient, and a later sync may rename or drop the entry.
    slug: Mapped[str] = mapped_column(String(200), index=True)
    source_class: Mapped[str] = mapped_column(String(32))

    report: Mapped[Report] = relationship(back_populates="ev_links")


class SourceClass(db.Model):
    """One row of the source-quality table (SPEC section 2)."""

    __tablename__ = "kb_source_classes"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    #: Display order: 0 is the most favourable standing.
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    grade: Mapped[str] = mapped_column(String(64))
    standing: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    #: reasons [{text, refs}], questions [str] and anything else the data file holds.
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class EvIngredient(db.Model):
    """One named EV ingredient of the knowledge base, with its class and material."""

    __tablename__ = "kb_ev_ingredients"
    __table_args__ = (CheckConstraint(f"material IN {MATERIALS!r}", name="material"),)

    slug: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    source_class: Mapped[str] = mapped_column(ForeignKey("kb_source_classes.key"), index=True)
    material: Mapped[str] = mapped_column(String(32))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


class Reference(db.Model):
    """A cited source (paper, regulation, notice) that reasons point to by key."""

    __tablename__ = "kb_references"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    citation: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    #: What the source is (references.csv kind): controlled_trial, review, regulation...
    kind: Mapped[str | None] = mapped_column(String(32))


class KnowledgeMeta(db.Model):
    """Facts about the loaded knowledge base; today only its version."""

    __tablename__ = "kb_meta"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class FetchedPage(db.Model):
    """A product page fetched for a URL report, kept for a while (store.PageCacheStore)
    so that reading the same address again does not fetch it again."""

    __tablename__ = "fetched_pages"

    #: SHA-256 (hex) of ``url``. The key is the hash, not the address itself, because an
    #: address of 2,000 non-ASCII characters is 6,000 bytes, more than a PostgreSQL
    #: b-tree index entry may hold (about 2,700).
    url_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: The address exactly as the person gave it.
    url: Mapped[str] = mapped_column(Text)
    #: The address that answered, after redirects.
    final_url: Mapped[str] = mapped_column(Text)
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str] = mapped_column(String(100))
    charset: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)
