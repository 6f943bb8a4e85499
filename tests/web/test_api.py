"""The JSON API under /api/v1, through the Flask test client, on a real database."""

from skincheck.core.limits import MAX_TEXT_CHARS


def test_analyze_returns_the_analysis_and_stores_a_report(client, example_1):
    response = client.post("/api/v1/analyze", json={"text": example_1, "name": "TNS"})
    assert response.status_code == 200
    data = response.get_json()
    assert data["schema"] == "skincheck.analysis/1"
    for key in (
        "input",
        "ingredients",
        "ev_ingredients",
        "look_alikes",
        "regulatory",
        "verdict",
        "claims",
        "coverage",
        "notices",
        "references",
    ):
        assert key in data, key
    # SPEC 9.1: one EV ingredient, at position 1.
    (ev,) = data["ev_ingredients"]
    assert (ev["position"], ev["source_class"], ev["material"]) == (
        1,
        "senescent_risk",
        "conditioned_media",
    )
    assert data["report_url"].endswith(f"/r/{data['report_id']}")
    stored = client.get(f"/api/v1/reports/{data['report_id']}").get_json()
    assert stored["ev_ingredients"] == data["ev_ingredients"]
    assert client.get(data["report_url"]).status_code == 200


def test_sources_lists_the_seven_classes(client):
    data = client.get("/api/v1/sources").get_json()
    keys = [c["key"] for c in data["source_classes"]]
    assert sorted(keys) == sorted(
        ["platelet", "stem_cell", "plant", "senescent_risk", "animal", "microbial", "unspecified"]
    )
    assert keys[0] == "platelet" and keys[-1] == "senescent_risk"
    assert data["knowledge_version"]


def test_health_is_trivial_json(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def _error(response, status, code):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == code
    assert body["message"] and "Traceback" not in body["message"]
    return body


def test_broken_json_is_400(client):
    response = client.post("/api/v1/analyze", data="{not json", content_type="application/json")
    _error(response, 400, "bad_json")


def test_form_encoded_body_is_400(client, example_1):
    # A cross-site HTML form can only send form or plain-text bodies; the API refuses them.
    _error(client.post("/api/v1/analyze", data={"text": example_1}), 400, "bad_json")


def test_missing_text_is_400(client):
    _error(client.post("/api/v1/analyze", json={"name": "Serum"}), 400, "missing_text")
    _error(client.post("/api/v1/analyze", json={"text": ["Aqua"]}), 400, "missing_text")


def test_text_over_the_limit_is_413(client):
    text = "Aqua, " * (MAX_TEXT_CHARS // 6 + 1)
    _error(client.post("/api/v1/analyze", json={"text": text}), 413, "text_too_long")


def test_body_over_the_request_limit_is_413(client):
    response = client.post("/api/v1/analyze", json={"text": "a" * 1_100_000})
    _error(response, 413, "too_large")


def test_text_without_a_list_is_422_with_the_reason(client):
    text = "Thank you for your order! Your parcel ships within two days."
    body = _error(client.post("/api/v1/analyze", json={"text": text}), 422, "no_list")
    assert len(body["message"]) > 10


def test_unknown_report_is_404_json(client):
    _error(client.get("/api/v1/reports/nope"), 404, "not_found")


def test_unknown_api_route_is_404_json(client):
    _error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_405_json(client):
    response = client.get("/api/v1/analyze")
    _error(response, 405, "method_not_allowed")
    assert "POST" in response.headers["Allow"]


def test_analyze_is_rate_limited(make_app, example_1):
    app = make_app(RATELIMIT_ENABLED=True, ANALYSE_RATE_LIMIT="2 per minute")
    client = app.test_client()
    for _ in range(2):
        assert client.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    response = client.post("/api/v1/analyze", json={"text": example_1})
    _error(response, 429, "rate_limited")
    assert "Retry-After" in response.headers
    # The paste form shares the same budget.
    assert client.post("/analyse", data={"text": example_1}).status_code == 429
    # Reading is not limited.
    assert client.get("/api/v1/health").status_code == 200


def test_a_crash_is_500_json_without_a_traceback(make_app):
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    def boom():
        raise RuntimeError("secret detail from deep inside")

    app.add_url_rule("/api/v1/boom", view_func=boom)
    app.add_url_rule("/boom", endpoint="html_boom", view_func=boom)
    body = _error(app.test_client().get("/api/v1/boom"), 500, "internal_error")
    assert "secret detail" not in body["message"]
    html = app.test_client().get("/boom")
    assert html.status_code == 500
    assert "secret detail" not in html.get_data(as_text=True)
    assert "Traceback" not in html.get_data(as_text=True)
