"""Migrations: an empty database upgrades to a schema identical to the models."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade
from flask_migrate import upgrade

from skincheck.storage.db import db


def _tables():
    return set(sa.inspect(db.engine).get_table_names())


def _diff():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_empty_database_upgrades_to_the_models_schema(make_app):
    app = make_app(init_db=False)
    with app.app_context():
        assert _tables() == set()
        upgrade()
        assert {
            "reports",
            "report_ev_ingredients",
            "kb_source_classes",
            "kb_ev_ingredients",
            "kb_references",
            "kb_meta",
            "alembic_version",
        } <= _tables()
        assert _diff() == []


def test_downgrade_to_base_and_back(make_app):
    app = make_app(init_db=False)
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert _tables() <= {"alembic_version"}
        upgrade()
        assert _diff() == []


def test_a_model_change_without_a_migration_would_be_caught(make_app):
    # Guards the comparison above: it does see a difference when one exists.
    app = make_app(init_db=False)
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(sa.text("DROP INDEX ix_report_ev_ingredients_slug"))
        assert _diff() != []


def test_reports_saved_before_0004_become_unlisted(make_app):
    # A report row written under revision 0003 (no "listed" column) must survive the
    # upgrade and come out unlisted: nobody was asked whether to show it.
    app = make_app(init_db=False)
    with app.app_context():
        upgrade(revision="0003")
        with db.engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO reports (id, product_name, input_text, analysis, "
                    "knowledge_version, created_at) VALUES ('old', 'Old serum', 'Aqua', "
                    "'{}', 'v1', '2026-11-30 10:00:00+00:00')"
                )
            )
        upgrade()
        with db.engine.connect() as connection:
            listed = connection.execute(sa.text("SELECT listed FROM reports")).scalar_one()
        assert listed is False or listed == 0
        assert _diff() == []
