"""Initial schema: saved reports, their EV-ingredient links, and the knowledge-base copy.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Written to match skincheck/storage/models.py; tests/web/test_migrations.py compares the two.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_meta",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_kb_meta")),
    )
    op.create_table(
        "kb_references",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("citation", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kb_references")),
    )
    op.create_table(
        "kb_source_classes",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("grade", sa.String(length=64), nullable=False),
        sa.Column("standing", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_kb_source_classes")),
    )
    op.create_table(
        "reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("product_name", sa.Text(), nullable=True),
        sa.Column("input_text", sa.Text(), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.Column("knowledge_version", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    op.create_index(op.f("ix_reports_created_at"), "reports", ["created_at"])
    op.create_table(
        "kb_ev_ingredients",
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("source_class", sa.String(length=32), nullable=False),
        sa.Column("material", sa.String(length=32), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "material IN ('vesicles', 'conditioned_media', 'lysate_or_extract', 'unknown')",
            name=op.f("ck_kb_ev_ingredients_material"),
        ),
        sa.ForeignKeyConstraint(
            ["source_class"],
            ["kb_source_classes.key"],
            name=op.f("fk_kb_ev_ingredients_source_class_kb_source_classes"),
        ),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_kb_ev_ingredients")),
    )
    op.create_index(
        op.f("ix_kb_ev_ingredients_source_class"), "kb_ev_ingredients", ["source_class"]
    )
    op.create_table(
        "report_ev_ingredients",
        sa.Column("report_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("source_class", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_ev_ingredients_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "position", name=op.f("pk_report_ev_ingredients")),
    )
    op.create_index(op.f("ix_report_ev_ingredients_slug"), "report_ev_ingredients", ["slug"])


def downgrade() -> None:
    op.drop_table("report_ev_ingredients")
    op.drop_table("kb_ev_ingredients")
    op.drop_table("reports")
    op.drop_table("kb_source_classes")
    op.drop_table("kb_references")
    op.drop_table("kb_meta")
