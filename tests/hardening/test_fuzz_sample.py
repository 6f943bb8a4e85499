"""A fixed-seed sample of the endpoint fuzzer (benchmarks/fuzz_endpoints.py): 1,500
generated requests through the paste form, the analyse API, the page reader and the
read routes, with no exception, no 5xx and no traceback, and with both accepted and
refused inputs among them. The full run (100,000 requests) is ``make fuzz``.
"""

import importlib.util
from pathlib import Path

import pytest

from skincheck.storage.db import db

FUZZER = Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz_endpoints.py"
SEED = 20261121
COUNT = 1_500


@pytest.fixture(scope="module")
def fuzzer():
    spec = importlib.util.spec_from_file_location("fuzz_endpoints", FUZZER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_is_deterministic(fuzzer):
    first = list(fuzzer.generate(SEED, 50))
    assert first == list(fuzzer.generate(SEED, 50))
    assert first != list(fuzzer.generate(SEED + 1, 50))


def test_a_sample_of_generated_requests_breaks_nothing(fuzzer, tmp_path):
    app = fuzzer.make_app(str(tmp_path))
    try:
        statuses, failures = fuzzer.run(app, SEED, COUNT)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert failures == []
    assert sum(statuses.values()) == COUNT
    assert not [status for status in statuses if status >= 500]
    # Both ways out were exercised: reports made and read, inputs refused.
    assert statuses[200] > 0
    assert statuses[303] > 0
    assert statuses[400] + statuses[422] > 0
    assert statuses[404] > 0


# -- inputs that broke a backend once, kept as plain cases ---------------------------------

def test_json_with_a_lone_surrogate_is_refused_not_a_crash(client):
    # Found by the fuzzer (seed 20261121): valid JSON whose string is not valid
    # Unicode. Saving the report raised UnicodeEncodeError (500).
    body = '{"text": "Water, Glycerin, Human Platelet Lysate \\udfe3"}'
    response = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_json"


@pytest.mark.parametrize(
    "body",
    [
        '{"text": "Water, Glycerin", "name": "Serum \\uD83D"}',  # upper-case hex, other field
        '{"text": "Water, \\udbff Glycerin"}',
    ],
)
def test_a_lone_surrogate_anywhere_in_the_body_is_refused(client, body):
    response = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_json"


def test_a_lone_surrogate_in_a_utf16_body_is_refused(client):
    # json reads UTF-16 too; there the escape's bytes are not the ASCII "\\ud".
    body = '{"text": "Water, Glycerin, \\udfe3"}'.encode("utf-16")
    response = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_json"


def test_an_escaped_surrogate_pair_is_a_real_character_and_is_read(client):
    # "\\ud83e\\uddf4" is U+1F9F4 (a lotion bottle): valid Unicode, so the list is read.
    body = '{"text": "Water, Glycerin, Human Platelet Lysate", "name": "Serum \\ud83e\\uddf4"}'
    response = client.post("/api/v1/analyze", data=body, content_type="application/json")
    assert response.status_code == 200
    assert response.get_json()["input"]["product_name"] == "Serum \U0001f9f4"


@pytest.mark.parametrize(
    "path", ["/r/abc%00def", "/r/abc%00def.json", "/api/v1/reports/abc%00def", "/ingredients/a%00"]
)
def test_an_address_with_a_nul_character_is_not_found(client, path):
    # PostgreSQL refuses NUL in a query: these answered 500 there.
    assert client.get(path).status_code == 404


def test_a_product_name_with_a_nul_character_is_no_crash(client, example_1):
    response = client.post("/analyse", data={"text": example_1, "name": "Serum\x00 Forte"})
    assert response.status_code < 500
    response = client.post("/api/v1/analyze", json={"text": example_1, "name": "Serum\x00 Forte"})
    assert response.status_code < 500
