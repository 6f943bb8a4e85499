"""skincheck.storage on a real database: reports round-trip, the knowledge-base sync is
idempotent, and the constraints the models declare exist in the migrated schema."""

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from skincheck import database
from skincheck import services
from skincheck.storage import knowledge_copy
from skincheck.storage import reports
from skincheck.storage.db import db
from skincheck.storage.models import EvIngredient
from skincheck.storage.models import KnowledgeMeta
from skincheck.storage.models import Reference
from skincheck.storage.models import SourceClass


def _counts():
    return {
        model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
        for model in (SourceClass, EvIngredient, Reference, KnowledgeMeta)
    }


def _snapshot():
    return {
        "classes": [
            (r.key, r.position, r.label, r.grade, r.standing, r.summary, r.details)
            for r in db.session.scalars(sa.select(SourceClass).order_by(SourceClass.key))
        ],
        "evs": [
            (r.slug, r.name, r.source_class, r.material, r.details)
            for r in db.session.scalars(sa.select(EvIngredient).order_by(EvIngredient.slug))
        ],
        "refs": [
            (r.key, r.citation, r.url)
            for r in db.session.scalars(sa.select(Reference).order_by(Reference.key))
        ],
    }


def test_report_round_trip(app, example_1):
    analysis = services.analyse_text(example_1, name="TNS")
    with app.app_context():
        saved = reports.save_report(analysis, text=example_1, name="TNS")
        db.session.remove()  # read back through a new session, not the identity map
        stored = reports.get_report(saved.id)
    assert stored.analysis == analysis
    assert stored.input_text == example_1
    assert stored.product_name == "TNS"
    assert stored.knowledge_version == analysis["knowledge_version"]
    assert stored.created_at.tzinfo is not None
    # The API answers with what save_report returned, without reading the row back:
    # it must be what a later read finds, to the microsecond.
    assert saved == stored


def test_report_ids_are_random_and_long(app, example_1):
    analysis = services.analyse_text(example_1)
    with app.app_context():
        ids = {reports.save_report(analysis, text=example_1).id for _ in range(5)}
    assert len(ids) == 5
    assert all(len(report_id) == 22 for report_id in ids)


def test_missing_report_is_none(app):
    with app.app_context():
        assert reports.get_report("missing") is None


def test_reports_are_found_by_their_ev_ingredient(app, example_1):
    analysis = services.analyse_text(example_1, name="TNS")
    slug = analysis["ev_ingredients"][0]["slug"]
    plain = services.analyse_text("Aqua, Glycerin, Phenoxyethanol")
    with app.app_context():
        wanted = reports.save_report(analysis, text=example_1, name="TNS", listed=True)
        reports.save_report(plain, text="Aqua, Glycerin, Phenoxyethanol", listed=True)
        found = reports.reports_with_ingredient(slug)
    assert [(r.id, r.position, r.product_name) for r in found] == [(wanted.id, 1, "TNS")]


def test_unlisted_reports_are_counted_but_never_named(app, example_1):
    analysis = services.analyse_text(example_1, name="TNS")
    slug = analysis["ev_ingredients"][0]["slug"]
    with app.app_context():
        hidden = reports.save_report(analysis, text=example_1, name="Hidden")
        shown = reports.save_report(analysis, text=example_1, name="Shown", listed=True)
        assert reports.get_report(hidden.id).listed is False
        assert reports.get_report(shown.id).listed is True
        assert [r.id for r in reports.reports_with_ingredient(slug)] == [shown.id]
        assert reports.count_reports_with_ingredient(slug) == 2


def test_init_database_twice_leaves_the_same_rows(app):
    with app.app_context():
        before_counts, before = _counts(), _snapshot()
        summary = database.init_database()
        assert (_counts(), _snapshot()) == (before_counts, before)
    assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    assert summary.unchanged == sum(before_counts.values())


def test_knowledge_base_is_loaded_in_full(app):
    kb = services.get_knowledge()
    with app.app_context():
        counts = _counts()
        assert knowledge_copy.knowledge_version() == str(kb.version)
    assert counts["kb_source_classes"] == len(kb.classes) == 7
    assert counts["kb_references"] == len(kb.references)
    assert counts["kb_ev_ingredients"] > 0


def test_sync_repairs_edited_and_removes_stale_rows(app):
    with app.app_context():
        before = _snapshot()
        row = db.session.get(SourceClass, "plant")
        row.summary = "edited by hand"
        db.session.add(Reference(key="stale-ref", citation="Not in data/", url=None))
        db.session.commit()
        summary = database.init_database()
        assert _snapshot() == before
    assert (summary.added, summary.updated, summary.removed) == (0, 1, 1)


def test_ev_ingredient_material_is_constrained(app):
    with app.app_context():
        db.session.add(
            EvIngredient(slug="x", name="X", source_class="plant", material="magic", details={})
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_ev_ingredient_class_must_exist(app):
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            db.session.execute(sa.text("PRAGMA foreign_keys=ON"))
        db.session.add(
            EvIngredient(slug="x", name="X", source_class="nope", material="unknown", details={})
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
