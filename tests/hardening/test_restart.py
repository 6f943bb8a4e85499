"""A restart keeps every report: reports saved through the form and the API before the
app stops read back the same (page and JSON) from a new app on the same SQLite file,
and the second start neither re-runs the set-up over them nor changes a row.
"""

import re
from pathlib import Path

import sqlalchemy as sa

from skincheck import database
from skincheck import worked_example
from skincheck.storage.db import db
from skincheck.web.app import create_app

from ..lists import EXAMPLE_2

#: A list with no EV ingredient at all.
PLAIN = "Aqua (Water), Glycerin, Niacinamide, Panthenol, Phenoxyethanol, Ethylhexylglycerin"


def _start(instance: Path, **settings) -> object:
    return create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(instance),
            "RATELIMIT_ENABLED": False,
            "AUTO_INIT_DB": True,
            **settings,
        }
    )


def _stop(app) -> None:
    """What a stopping process does to the database: close every connection."""
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _rows(app) -> dict[str, list[tuple]]:
    """Every stored report row and link row, exactly as the database holds them."""
    with app.app_context():
        return {
            table: [tuple(row) for row in db.session.execute(sa.text(f"SELECT * FROM {query}"))]
            for table, query in (
                ("reports", "reports ORDER BY id"),
                ("report_ev_ingredients", "report_ev_ingredients ORDER BY report_id, position"),
                ("alembic_version", "alembic_version"),
            )
        }


_CSRF_FIELD = re.compile(r'(name="csrf_token" type="hidden" value=")[^"]*(")')


def _read_back(client, report_ids: list[str]) -> dict[str, object]:
    """Each report's page (without its per-session form token), its JSON export and
    its API document."""
    seen: dict[str, object] = {}
    for report_id in report_ids:
        page = client.get(f"/r/{report_id}")
        assert page.status_code == 200
        seen[f"page {report_id}"] = _CSRF_FIELD.sub(r"\1\2", page.get_data(as_text=True))
        seen[f"export {report_id}"] = client.get(f"/r/{report_id}.json").get_json()
        seen[f"api {report_id}"] = client.get(f"/api/v1/reports/{report_id}").get_json()
    return seen


def _save_through_form_and_api(
    client, example_1: str, token: str | None = None
) -> tuple[list[str], dict]:
    """Five reports: three pasted into the form, two sent to the API. Returns their ids
    and the documents the API answered with when they were made."""
    ids, answered = [], {}
    lists = ((example_1, "TNS Recovery Complex"), (EXAMPLE_2, None), (PLAIN, "Plain"))
    for text, name in lists:
        data = {"text": text, "name": name or ""}
        if token:
            data["csrf_token"] = token
        response = client.post("/analyse", data=data)
        assert response.status_code == 303
        ids.append(response.headers["Location"].removeprefix("/r/"))
    for text, name in ((EXAMPLE_2, "DR.SERSE Serum"), (PLAIN, None)):
        response = client.post("/api/v1/analyze", json={"text": text, "name": name})
        assert response.status_code == 200
        document = response.get_json()
        ids.append(document["report_id"])
        answered[document["report_id"]] = document
    assert len(set(ids)) == 5
    return ids, answered


def test_reports_read_back_the_same_after_a_restart(tmp_path, example_1):
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'reports.sqlite3'}",
        "SECRET_KEY": "restart-test",
        "WTF_CSRF_ENABLED": False,
    }
    first = _start(tmp_path / "instance", **settings)
    ids, answered = _save_through_form_and_api(first.test_client(), example_1)
    before = _read_back(first.test_client(), ids)
    rows = _rows(first)
    _stop(first)
    del first

    second = _start(tmp_path / "instance", **settings)
    after = _read_back(second.test_client(), ids)
    assert after == before
    # What the API answered when each report was made is what it reads back now.
    for report_id, document in answered.items():
        assert after[f"api {report_id}"] == document
    assert _rows(second) == rows
    # The five saved here, and the worked example the first start saved.
    assert sorted(row[0] for row in rows["reports"]) == sorted([*ids, worked_example.REPORT_ID])
    assert rows["report_ev_ingredients"]  # the EV links of examples 1 and 2 came back too
    _stop(second)


def test_reports_and_the_generated_secret_survive_a_restart_on_the_defaults(
    tmp_path, monkeypatch, example_1
):
    # Nothing configured: the database and the secret key live in the instance folder,
    # and the form is protected by its CSRF token as in production.
    for name in ("SKINCHECK_DATABASE_URL", "SKINCHECK_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    instance = tmp_path / "instance"
    first = _start(instance, WTF_CSRF_ENABLED=True)
    client = first.test_client()
    page = client.get("/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    ids, _ = _save_through_form_and_api(client, example_1, token)
    before = _read_back(first.test_client(), ids)
    key = first.config["SECRET_KEY"]
    _stop(first)
    del first

    second = _start(instance, WTF_CSRF_ENABLED=True)
    assert second.config["SECRET_KEY"] == key
    assert second.config["SQLALCHEMY_DATABASE_URI"] == (
        f"sqlite:///{instance.resolve() / 'skincheck.sqlite3'}"
    )
    assert _read_back(second.test_client(), ids) == before
    _stop(second)


def test_a_second_start_leaves_stored_reports_alone(tmp_path, example_1):
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'reports.sqlite3'}",
        "SECRET_KEY": "restart-test",
        "WTF_CSRF_ENABLED": False,
    }
    first = _start(tmp_path / "instance", **settings)
    ids, _ = _save_through_form_and_api(first.test_client(), example_1)
    rows = _rows(first)
    _stop(first)
    del first

    second = _start(tmp_path / "instance", **settings)
    assert _rows(second) == rows
    with second.app_context():
        # The start-up set-up sees a set-up database and does nothing...
        assert database.init_database_if_empty() is None
        # ...and running the whole set-up by hand over stored reports changes no row.
        summary = database.init_database()
    assert (summary.added, summary.updated, summary.removed) == (0, 0, 0)
    assert summary.unchanged > 0
    assert _rows(second) == rows
    assert len(_read_back(second.test_client(), ids)) == 3 * len(ids)
    _stop(second)
