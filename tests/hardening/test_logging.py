"""No stack trace reaches a user, every failure is logged as one JSON line with its
request id, and what a person pasted never reaches the log, even when the failure's
own message carries it (SQLAlchemy puts a failed statement's parameters there).
"""

import json
import secrets

import pytest
import sqlalchemy as sa

from skincheck.storage.db import db

CRASH_DETAIL = "detail-only-the-code-knows-7d41"


def _log_entries(captured: str) -> list[dict]:
    """The JSON lines of captured stderr; any other line there fails the test."""
    lines = [line for line in captured.splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


@pytest.fixture
def production_app(make_app):
    """Errors answered as in production (not raised into the test), and a route that
    crashes with a message no user should see."""
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    def crash():
        raise RuntimeError(CRASH_DETAIL)

    app.add_url_rule("/api/v1/test-crash", endpoint="test_crash_json", view_func=crash)
    app.add_url_rule("/test-crash", endpoint="test_crash_html", view_func=crash)
    return app


def _assert_plain_500(response) -> str:
    """The 500 says something plain, shows no trace, and quotes the request id."""
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    for leak in ("Traceback", CRASH_DETAIL, "RuntimeError", "File \"", "test_logging"):
        assert leak not in body
    request_id = response.headers["X-Request-ID"]
    assert f"Reference: {request_id}." in body
    assert "Something went wrong on our side" in body
    return request_id


def test_a_crash_is_a_plain_500_page_and_json_and_is_logged(production_app, capsys):
    client = production_app.test_client()
    capsys.readouterr()
    page = client.get("/test-crash")
    assert page.mimetype == "text/html"
    page_id = _assert_plain_500(page)
    api = client.get("/api/v1/test-crash")
    assert api.get_json()["error"] == "internal_error"
    api_id = _assert_plain_500(api)
    assert page_id != api_id

    captured = capsys.readouterr().err
    assert CRASH_DETAIL not in captured
    entries = _log_entries(captured)
    for request_id, path in ((page_id, "/test-crash"), (api_id, "/api/v1/test-crash")):
        mine = [e for e in entries if e.get("request_id") == request_id]
        crash = [e for e in mine if "stack" in e]
        assert len(crash) == 1
        assert crash[0]["level"] == "error"
        assert crash[0]["error_class"] == "RuntimeError"
        assert crash[0]["path"] == path
        assert crash[0]["method"] == "GET"
        assert crash[0]["stack"][-1].endswith("in crash")
        status = [e for e in mine if e.get("status") == 500]
        assert len(status) == 1
        assert status[0]["error_class"] == "RuntimeError"


def test_the_pasted_list_never_reaches_the_log_when_saving_it_fails(production_app, capsys):
    marker = f"Zqmarker{secrets.token_hex(6)}"
    text = f"{marker}, Water, Glycerin, Human Platelet Lysate, Phenoxyethanol"
    with production_app.app_context():
        # The saved report's table disappears: the insert fails with a database error.
        db.session.execute(sa.text("ALTER TABLE reports RENAME TO reports_gone"))
        db.session.commit()
        # That error's message holds the pasted text: logging it would store the list.
        with pytest.raises(sa.exc.DBAPIError) as failure:
            db.session.execute(
                sa.text("INSERT INTO reports (id, input_text) VALUES ('x', :text)"),
                {"text": text},
            )
        db.session.rollback()
        assert marker in str(failure.value)

    client = production_app.test_client()
    capsys.readouterr()
    responses = [
        client.post("/api/v1/analyze", json={"text": text, "name": marker}),
        client.post("/analyse", data={"text": text, "name": marker}),
    ]
    captured = capsys.readouterr().err
    for response in responses:
        assert response.status_code == 500
        assert marker not in response.get_data(as_text=True)
    assert marker not in captured
    crashes = [e for e in _log_entries(captured) if "stack" in e]
    assert len(crashes) == 2
    for crash in crashes:
        assert crash["error_class"].startswith("sqlalchemy.exc.")
        assert any("save_report" in frame for frame in crash["stack"])


def test_a_refused_list_is_logged_without_its_text(client, capsys):
    marker = f"Zqmarker{secrets.token_hex(6)}"
    text = f"Thank you for your order {marker}! Your parcel ships within two days."
    capsys.readouterr()
    responses = [
        client.post("/api/v1/analyze", json={"text": text}),
        client.post("/analyse", data={"text": text}),
    ]
    captured = capsys.readouterr().err
    assert [r.status_code for r in responses] == [422, 422]
    assert marker not in captured
    entries = _log_entries(captured)
    assert [(e["path"], e["method"], e["status"]) for e in entries] == [
        ("/api/v1/analyze", "POST", 422),
        ("/analyse", "POST", 422),
    ]
    assert [e["request_id"] for e in entries] == [r.headers["X-Request-ID"] for r in responses]


def test_logging_is_set_up_once_however_many_apps_are_made(make_app, capsys):
    apps = [make_app(init_db=False) for _ in range(3)]
    capsys.readouterr()
    response = apps[-1].test_client().get("/no-such-page")
    assert response.status_code == 404
    entries = _log_entries(capsys.readouterr().err)
    assert len(entries) == 1
    assert entries[0]["request_id"] == response.headers["X-Request-ID"]
    assert entries[0]["status"] == 404
    assert entries[0]["error_class"] == "werkzeug.exceptions.NotFound"


def test_successful_requests_are_not_logged(client, capsys, example_1):
    capsys.readouterr()
    assert client.post("/analyse", data={"text": example_1}).status_code == 303
    assert client.get("/").status_code == 200
    assert capsys.readouterr().err == ""
