"""The database handle: the declarative base, the Flask-SQLAlchemy and Flask-Migrate
extensions, and init_app() that binds them to an app.

It defines no tables (skincheck.storage.models) and no queries (the other storage
modules).
"""

import sqlite3
from typing import Any

import orjson
from flask import Flask
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy import MetaData
from sqlalchemy.engine import Engine
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


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


def init_app(app: Flask) -> None:
    """Bind the database and the migration commands to ``app``."""
    # JSON columns (a report's analysis, about 17 kB) through orjson: the standard
    # library's encoder took a tenth of the time of saving a report under load.
    # Settings still win: SQLALCHEMY_ENGINE_OPTIONS may name other functions.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        "json_serializer": _json_text,
        "json_deserializer": orjson.loads,
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }
    db.init_app(app)
    # render_as_batch: SQLite can only alter a table by copying it; Alembic's batch
    # mode does that, and is a no-op wrapper on PostgreSQL.
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True, compare_type=True)


@event.listens_for(Engine, "connect")
def _sqlite_settings(dbapi_connection, _record) -> None:
    """SQLite only: write-ahead logging, so readers never wait for the one writer and a
    commit costs one sync instead of two (gunicorn workers saving reports at once
    queued behind each other's fsyncs in the load test); a busy wait instead of an
    immediate "database is locked"; and foreign keys, which SQLite leaves off."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    for pragma in (
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        "PRAGMA busy_timeout=10000",
        "PRAGMA foreign_keys=ON",
    ):
        cursor.execute(pragma)
    cursor.close()
