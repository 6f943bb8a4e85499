"""A stored report is cheap to serve again: its page, JSON and Markdown carry an ETag,
and a repeat request with If-None-Match gets 304 with an empty body, without the page
being rendered (skincheck.web.report_cache)."""

import time

import pytest

from skincheck import services

LIST = "Human Neonatal Fibroblast Conditioned Media, Water, Glycerin"


def _report_id(client, text: str = LIST) -> str:
    response = client.post("/api/v1/analyze", json={"text": text})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["report_id"]


@pytest.mark.parametrize("path", ["/r/{}", "/r/{}.json", "/r/{}.md", "/api/v1/reports/{}"])
def test_a_repeat_request_gets_304_with_an_empty_body(client, path):
    address = path.format(_report_id(client))
    first = client.get(address)
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    again = client.get(address, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.get_data() == b""
    assert again.headers["ETag"] == etag
    # Another tag (an older version) gets the whole answer.
    other = client.get(address, headers={"If-None-Match": '"0123456789abcdef"'})
    assert other.status_code == 200 and other.get_data() == first.get_data()


def test_the_tag_belongs_to_the_session_whose_form_token_the_page_holds(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    report_id = _report_id(client)
    first = client.get(f"/r/{report_id}")
    assert 'name="csrf_token"' in first.get_data(as_text=True)
    etag = first.headers["ETag"]
    assert client.get(f"/r/{report_id}", headers={"If-None-Match": etag}).status_code == 304
    # A new browser session has a new token: the cached page would carry a stale one.
    stranger = app.test_client()
    assert stranger.get(f"/r/{report_id}", headers={"If-None-Match": etag}).status_code == 200


def test_an_unknown_report_is_404_whatever_tag_is_sent(client):
    response = client.get("/r/no-such-report", headers={"If-None-Match": "*"})
    assert response.status_code == 404


def test_a_repeat_request_for_a_large_report_costs_a_small_part_of_the_first(client):
    # The worst saved report under the 1,000-ingredient cap: every name an EV
    # ingredient, each shown with its reasons, evidence and questions (8.9 MB of HTML).
    names = sorted((entry.name for entry in services.get_knowledge().entries), key=len)[:120]
    report_id = _report_id(client, ", ".join(names[i % len(names)] for i in range(1000)))
    address = f"/r/{report_id}"

    def cpu(headers: dict) -> tuple[float, int]:
        # This thread's CPU time: an xdist worker may still run threads of earlier tests.
        start = time.thread_time()
        response = client.get(address, headers=headers)
        return time.thread_time() - start, response.status_code

    full, status = cpu({})
    assert status == 200
    etag = client.get(address).headers["ETag"]
    repeat = min(cpu({"If-None-Match": etag}) for _ in range(5))
    assert repeat[1] == 304
    # Generous: measured 0.40 s against 0.002 s.
    assert repeat[0] < full / 10, (full, repeat)
