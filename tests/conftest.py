"""Shared fixtures: a web app on a real database, its client, and the SPEC's worked examples.

The database is a SQLite file under tmp_path, or the server named by
SKINCHECK_TEST_DATABASE_URL (CI sets a PostgreSQL URL); there every test starts from an
empty schema. Each app is built by the real factory and set up by the real
store.init_database() (migrations to head, then the knowledge-base sync).
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from skincheck.web.app import create_app

from .lists import EXAMPLE_1
from .lists import EXAMPLE_2


def _empty_schema(url: str) -> None:
    """Drop every table (and Alembic's version row) so the test starts from nothing."""
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(sa.text("DROP SCHEMA public CASCADE"))
                connection.execute(sa.text("CREATE SCHEMA public"))
            else:
                metadata = sa.MetaData()
                metadata.reflect(connection)
                metadata.drop_all(connection)
    finally:
        engine.dispose()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = os.environ.get("SKINCHECK_TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_path / 'skincheck-test.sqlite3'}"
    _empty_schema(url)
    return url


@pytest.fixture
def make_app(tmp_path: Path, database_url: str) -> Iterator[Any]:
    """Build an app on the test database; ``init_db=False`` leaves the database empty."""
    made: list[Flask] = []

    def make(init_db: bool = True, **overrides: Any) -> Flask:
        settings = {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "AUTO_INIT_DB": False,
            **overrides,
        }
        app = create_app(settings)
        made.append(app)
        if init_db:
            from skincheck.database import init_database

            with app.app_context():
                init_database()
        return app

    yield make
    from skincheck.storage.db import db

    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Any) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> Any:
    return app.test_client()


@pytest.fixture
def example_1() -> str:
    """SPEC section 9, worked example 1 (tests/lists.py)."""
    return EXAMPLE_1


@pytest.fixture
def example_2() -> str:
    """SPEC section 9, worked example 2 (tests/lists.py)."""
    return EXAMPLE_2
