"""create_app(): settings from the environment, the instance folder, first-start setup."""

import pytest
import sqlalchemy as sa

from skincheck.storage import knowledge_copy
from skincheck.storage.db import db
from skincheck.web.app import create_app


def _dispose(app):
    with app.app_context():
        db.engine.dispose()


def test_settings_come_from_skincheck_environment_variables(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'from-env.sqlite3'}"
    monkeypatch.setenv("SKINCHECK_DATABASE_URL", url)
    monkeypatch.setenv("SKINCHECK_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SKINCHECK_ALLOW_PRIVATE_URLS", "1")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "AUTO_INIT_DB": False})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == url
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["ALLOW_PRIVATE_URLS"] is True
    _dispose(app)


def test_defaults_put_the_database_and_a_generated_secret_in_the_instance_folder(
    monkeypatch, tmp_path
):
    for name in ("SKINCHECK_DATABASE_URL", "SKINCHECK_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    instance = tmp_path / "instance"
    first = create_app({"INSTANCE_PATH": str(instance), "AUTO_INIT_DB": False})
    second = create_app({"INSTANCE_PATH": str(instance), "AUTO_INIT_DB": False})
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'skincheck.sqlite3'}"
    assert first.config["ALLOW_PRIVATE_URLS"] is False
    key = first.config["SECRET_KEY"]
    assert len(key) >= 32
    assert second.config["SECRET_KEY"] == key  # kept, so sessions survive a restart
    assert (instance / "secret_key").stat().st_mode & 0o077 == 0
    _dispose(first)
    _dispose(second)


def test_first_start_sets_up_an_empty_database(make_app):
    app = make_app(init_db=False, AUTO_INIT_DB=True)
    with app.app_context():
        assert knowledge_copy.knowledge_version()
        assert db.session.scalar(sa.text("SELECT count(*) FROM kb_source_classes")) == 7


@pytest.mark.parametrize(
    ("value", "allowed"),
    [
        ("1", True),
        ("true", True),
        ("yes", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("off", False),
        ("", False),
    ],
)
def test_allow_private_urls_reads_yes_and_no_as_the_cli_does(monkeypatch, tmp_path, value, allowed):
    # from_prefixed_env leaves "no" and "off" as strings; bool("no") would be True and
    # would open the fetcher to private addresses in the app but not in the CLI.
    monkeypatch.setenv("SKINCHECK_ALLOW_PRIVATE_URLS", value)
    monkeypatch.setenv("SKINCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "AUTO_INIT_DB": False})
    assert app.config["ALLOW_PRIVATE_URLS"] is allowed
    _dispose(app)
