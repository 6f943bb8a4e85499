"""Reading product pages: the page cache (fetched_pages) and the address a URL report
was made from (reports.input_url).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

Written to match skincheck/storage/models.py; tests/web/test_migrations.py compares the two.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fetched_pages",
        sa.Column("url_sha256", sa.String(length=64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("charset", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("url_sha256", name=op.f("pk_fetched_pages")),
    )
    op.create_index(op.f("ix_fetched_pages_fetched_at"), "fetched_pages", ["fetched_at"])
    # Batch mode: SQLite alters a table by copying it; on PostgreSQL this is a plain ALTER.
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("input_url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("input_url")
    op.drop_index(op.f("ix_fetched_pages_fetched_at"), table_name="fetched_pages")
    op.drop_table("fetched_pages")
