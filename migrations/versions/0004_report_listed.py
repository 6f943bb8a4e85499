"""Saved reports are unlisted unless the person asks (issue 13): reports.listed says
whether a report may be named on the ingredient pages and indexed by search engines.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Every report saved before this revision was saved without being asked, so it becomes
unlisted (server default false); the one exception is the made-up worked example
(/r/example, skincheck.worked_example), which the start page links to and which
skincheck saves listed. Written to match skincheck/storage/models.py;
tests/web/test_migrations.py compares the two.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.add_column(
            sa.Column("listed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    reports = sa.table("reports", sa.column("id", sa.String), sa.column("listed", sa.Boolean))
    op.execute(reports.update().where(reports.c.id == "example").values(listed=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("listed")
