"""Shared fixtures: a web app on a real database, its client, and the SPEC's worked examples.

The database is a SQLite file under tmp_path, or the server named by
SKINCHECK_TEST_DATABASE_URL (CI sets a PostgreSQL URL); there every test starts from an
empty schema. Under pytest-xdist (``make test`` runs ``-n auto``) each worker has a
database of its own on that server, named after the given one and the worker
(skincheck_test_gw0, ...), made afresh when the worker starts and dropped when it ends:
one database shared by the workers would be wiped by one test while another used it.
Each app is built by the real factory on a database set up by the real
skincheck.database.init_database() (migrations to head, the knowledge-base sync, the
worked example). On SQLite that set-up runs once per test process, into a file each
test gets its own copy of (about 1 ms instead of about 90 ms a test); on PostgreSQL it
runs for every test.
"""

import os
import shutil
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


def _on_server(server: sa.engine.URL, *statements: str, name: str) -> None:
    """Run ``statements`` about the database ``name`` (``{name}`` in them, quoted)
    through the server's maintenance database ``postgres``."""
    engine = sa.create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    quoted = engine.dialect.identifier_preparer.quote(name)
    try:
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(sa.text(statement.format(name=quoted)))
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def server_database_url() -> Iterator[str | None]:
    """This worker's database on the server SKINCHECK_TEST_DATABASE_URL names, or None
    when it is not set. Without xdist (or in its controller) the given database is used."""
    given = os.environ.get("SKINCHECK_TEST_DATABASE_URL")
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # "gw0", "gw1", ... set by xdist
    if not given or not worker:
        yield given
        return
    server = sa.engine.make_url(given)
    if server.get_backend_name() != "postgresql":
        raise pytest.UsageError(
            f"SKINCHECK_TEST_DATABASE_URL under pytest-xdist must name a PostgreSQL server "
            f"(each worker makes a database of its own there), not {server.get_backend_name()}"
        )
    name = f"{server.database}_{worker}"
    # A run that was stopped may have left it behind.
    _on_server(
        server, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", "CREATE DATABASE {name}", name=name
    )
    yield server.set(database=name).render_as_string(hide_password=False)
    _on_server(server, "DROP DATABASE IF EXISTS {name} WITH (FORCE)", name=name)


@pytest.fixture
def database_url(tmp_path: Path, server_database_url: str | None) -> str:
    if not server_database_url:
        return f"sqlite:///{tmp_path / 'skincheck-test.sqlite3'}"
    _empty_schema(server_database_url)
    return server_database_url


def _settings(tmp_path: Path, database_url: str, **overrides: Any) -> dict[str, Any]:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "AUTO_INIT_DB": False,
        **overrides,
    }


def _init_database(app: Flask) -> None:
    from skincheck.database import init_database

    with app.app_context():
        init_database()


@pytest.fixture(scope="session")
def set_up_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database set up by init_database(), once per session, to be copied."""
    from skincheck.storage.db import db

    folder = tmp_path_factory.mktemp("set-up-database")
    path = folder / "skincheck.sqlite3"
    app = create_app(_settings(folder, f"sqlite:///{path}"))
    _init_database(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()  # the last connection closed writes the WAL into the file
    assert not list(folder.glob("skincheck.sqlite3-*")), "the WAL was not written back"
    return path


@pytest.fixture
def make_app(tmp_path: Path, database_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """Build an app on the test database; ``init_db=False`` leaves the database empty."""
    made: list[Flask] = []

    def make(init_db: bool = True, **overrides: Any) -> Flask:
        settings = _settings(tmp_path, database_url, **overrides)
        # A new SQLite file starts as a copy of the session's set-up one; any other
        # database (PostgreSQL, a file a test made already) is set up here.
        target = Path(str(settings["DATABASE_URL"]).removeprefix("sqlite:///"))
        copied = (
            init_db
            and str(settings["DATABASE_URL"]).startswith("sqlite:////")
            and not target.exists()
        )
        if copied:
            shutil.copyfile(request.getfixturevalue("set_up_sqlite"), target)
        app = create_app(settings)
        made.append(app)
        if init_db and not copied:
            _init_database(app)
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
