"""The database handle: the declarative base, the Flask-SQLAlchemy and Flask-Migrate
extensions, and init_app() that binds them to an app.

It defines no tables (skincheck.models) and no queries (skincheck.store).
"""

from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from skincheck import paths

MIGRATIONS = paths.PROJECT_ROOT / "migrations"

# Named constraints, so that a migration can drop or alter them by name on every
# backend (SQLite and PostgreSQL otherwise invent different names).
_NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()


def init_app(app: Flask) -> None:
    """Bind the database and the migration commands to ``app``."""
    db.init_app(app)
    # render_as_batch: SQLite can only alter a table by copying it; Alembic's batch
    # mode does that, and is a no-op wrapper on PostgreSQL.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True, compare_type=True)
