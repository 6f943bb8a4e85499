"""The app's JSON responses (written by orjson) say what Flask's own encoder says.

app._JSONProvider.response() hands compact responses to orjson and sends the values
orjson would write its own way back through Flask's default(); the database's JSON
columns go through orjson too. Each test sets the app's answer against Flask's
DefaultJSONProvider on the same value, or a stored report against the one sent.
"""

import dataclasses
import json
from datetime import date
from datetime import datetime
from datetime import UTC
from decimal import Decimal
from uuid import UUID

from flask.json.provider import DefaultJSONProvider
from markupsafe import Markup

from skincheck import services
from skincheck.storage import reports


@dataclasses.dataclass(frozen=True)
class _Point:
    x: int
    label: str


_VALUE = {
    "name": "Sérum à l’huile 🧴",
    "when": datetime(2026, 11, 21, 10, 30, tzinfo=UTC),
    "day": date(2026, 11, 21),
    "point": _Point(1, "a"),
    "amount": Decimal("1.50"),
    "id": UUID("12345678-1234-5678-1234-567812345678"),
    "markup": Markup("<b>bold</b>"),
    3: "an int key",
    "nested": [None, True, 1.5, {"k": []}],
}


def test_a_response_holds_what_flasks_encoder_writes(app):
    plain = DefaultJSONProvider(app)
    plain.sort_keys = False  # as the app sets it
    with app.app_context():
        ours = app.json.response(_VALUE)
        flasks = plain.response(_VALUE)
    assert ours.mimetype == flasks.mimetype == "application/json"
    assert ours.data.endswith(b"\n")
    assert json.loads(ours.data) == json.loads(flasks.data)
    # Flask writes dates as HTTP dates, not as orjson's ISO 8601.
    assert json.loads(ours.data)["when"] == "Sat, 21 Nov 2026 10:30:00 GMT"


def test_positional_arguments_are_a_list_as_in_flask(app):
    with app.app_context():
        assert json.loads(app.json.response(1, "a").data) == [1, "a"]
        assert json.loads(app.json.response().data) is None


def test_debug_mode_still_indents(app):
    app.json.compact = False
    with app.app_context():
        body = app.json.response({"a": [1]}).data.decode()
    assert body == '{\n  "a": [\n    1\n  ]\n}\n'


def test_the_api_answer_is_the_stored_analysis(app, client, example_1):
    name = "Sérum 🧴 Éclat"
    response = client.post("/api/v1/analyze", json={"text": example_1, "name": name})
    assert response.status_code == 200
    sent = response.get_json()
    with app.app_context():
        stored = reports.get_report(sent["report_id"])
    assert stored.analysis == services.analyse_text(example_1, name=name)
    assert {k: v for k, v in sent.items() if k in stored.analysis} == stored.analysis
    assert sent["input"]["product_name"] == name
    assert sent["created_at"] == stored.created_at.isoformat()
