"""report_url in API answers comes from configuration, never from the request's Host
header: a client that forged "Host: evil.example" was handed a link to evil.example."""


LIST = "Water, Glycerin, Niacinamide"
FORGED = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}


def test_without_a_base_url_the_link_is_relative_whatever_the_host(client):
    data = client.post("/api/v1/analyze", json={"text": LIST}, headers=FORGED).get_json()
    assert data["report_url"] == f"/r/{data['report_id']}"
    again = client.get(f"/api/v1/reports/{data['report_id']}", headers=FORGED).get_json()
    assert again["report_url"] == f"/r/{data['report_id']}"
    assert "evil" not in again["report_url"]


def test_with_a_base_url_the_link_is_under_it_whatever_the_host(make_app):
    app = make_app(BASE_URL="https://skincheck.example/")
    client = app.test_client()
    data = client.post("/api/v1/analyze", json={"text": LIST}, headers=FORGED).get_json()
    assert data["report_url"] == f"https://skincheck.example/r/{data['report_id']}"
    stored = client.get(f"/r/{data['report_id']}.json", headers=FORGED).get_json()
    assert stored["report_url"] == f"https://skincheck.example/r/{data['report_id']}"
