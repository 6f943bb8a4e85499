"""What each cited source is (kb_references.kind): controlled trial, review, regulation,
brand material... shown beside every citation (issue 11).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

Written to match skincheck/storage/models.py; tests/web/test_migrations.py compares the two.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kb_references") as batch:
        batch.add_column(sa.Column("kind", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kb_references") as batch:
        batch.drop_column("kind")
