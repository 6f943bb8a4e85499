"""Request size and rate limits: an over-long body gets a clear 413 whether it declared
its length or came chunked, and is not read past the limit; the analyse endpoints
answer the N+1-th request of a window with 429 per client address, and a forged
X-Forwarded-For header does not buy a new budget.
"""

import io
import json

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

LIMIT = 1_000_000  # MAX_CONTENT_LENGTH set for these tests


class _CountingStream(io.RawIOBase):
    """A request body of ``size`` bytes (endless when None) that counts what was read.
    It refuses to serve more than 10 MB, so a server that reads without limit fails
    the test instead of hanging it."""

    def __init__(self, head: bytes, size: int | None) -> None:
        self.head = head
        self.size = size
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.served > 10 * LIMIT:
            raise AssertionError("the app kept reading past 10 MB")
        left = len(buffer) if self.size is None else min(len(buffer), self.size - self.served)
        chunk = (self.head[self.served :] + b" " * left)[:left] if left > 0 else b""
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def _raw_post(client, path, content_type, stream, *, declared=None, chunked=False):
    """POST ``stream`` as a server would hand it over: with the declared Content-Length,
    or (chunked) with none and ``wsgi.input_terminated`` set, as gunicorn and werkzeug's
    server set it for a chunked body."""
    environ = EnvironBuilder(path=path, method="POST", content_type=content_type).get_environ()
    environ["wsgi.input"] = stream
    environ.pop("CONTENT_LENGTH", None)
    if declared is not None:
        environ["CONTENT_LENGTH"] = str(declared)
    if chunked:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
        environ["wsgi.input_terminated"] = True
    return client.open(Request(environ))


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def _assert_413_page(response):
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "too large" in response.get_data(as_text=True)


def _assert_413_json(response):
    assert response.status_code == 413
    assert response.get_json() == {
        "error": "too_large",
        "message": "What was sent is too large. Send only the ingredient list.",
    }


@pytest.fixture
def limited(make_app):
    return make_app(MAX_CONTENT_LENGTH=LIMIT)


def test_declared_length_over_the_limit_is_refused_before_reading(limited):
    client = limited.test_client()
    form_body = _CountingStream(b"text=Water", None)
    _assert_413_page(_raw_post(client, "/analyse", FORM, form_body, declared=LIMIT + 1))
    json_body = _CountingStream(b'{"text": "Water"}', None)
    _assert_413_json(
        _raw_post(client, "/api/v1/analyze", JSON, json_body, declared=LIMIT + 1)
    )
    assert form_body.served == 0
    assert json_body.served == 0


def test_declared_length_over_the_limit_is_413_whatever_the_content_type(limited):
    # The API reads no body that is not JSON; the size is refused all the same.
    response = limited.test_client().post(
        "/api/v1/analyze", data=b"x" * (LIMIT + 1), content_type="text/plain"
    )
    _assert_413_json(response)


def test_chunked_body_over_the_limit_is_413_and_read_no_further(limited):
    client = limited.test_client()
    form_body = _CountingStream(b"text=Water, Glycerin, ", None)
    _assert_413_page(_raw_post(client, "/analyse", FORM, form_body, chunked=True))
    json_body = _CountingStream(b'{"text": "Water, Glycerin"}', None)
    _assert_413_json(_raw_post(client, "/api/v1/analyze", JSON, json_body, chunked=True))
    # Endless bodies; the app stopped one byte past the limit (rounded up to a read).
    assert LIMIT < form_body.served <= LIMIT + 64 * 1024
    assert LIMIT < json_body.served <= LIMIT + 64 * 1024


def test_chunked_body_at_the_limit_is_read_whole(limited, example_1):
    # A JSON document padded with white space to exactly the limit: read and analysed.
    document = json.dumps({"text": example_1, "name": "Padded"}).encode()
    stream = _CountingStream(document, LIMIT)
    response = _raw_post(limited.test_client(), "/api/v1/analyze", JSON, stream, chunked=True)
    assert response.status_code == 200
    assert response.get_json()["ev_ingredients"][0]["printed"] == (
        "Human Neonatal Fibroblast Conditioned Media"
    )
    assert stream.served == LIMIT


def test_chunked_body_one_byte_over_the_limit_is_413(limited, example_1):
    document = json.dumps({"text": example_1}).encode()
    stream = _CountingStream(document, LIMIT + 1)
    response = _raw_post(limited.test_client(), "/api/v1/analyze", JSON, stream, chunked=True)
    _assert_413_json(response)


def test_small_chunked_form_is_analysed(limited, example_1):
    body = f"text={example_1}".replace(" ", "+").replace(",", "%2C").replace("/", "%2F").encode()
    stream = _CountingStream(body, len(body))
    response = _raw_post(limited.test_client(), "/analyse", FORM, stream, chunked=True)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/r/")


# -- rate limits ------------------------------------------------------------------------

CLIENT_A = "203.0.113.5"
CLIENT_B = "203.0.113.9"


def _client_at(app, address):
    """A test client whose requests come from ``address`` (REMOTE_ADDR)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def rate_limited(make_app):
    return make_app(RATELIMIT_ENABLED=True, ANALYSE_RATE_LIMIT="3 per minute")


def _assert_429(response, *, json_body: bool):
    assert response.status_code == 429
    retry_after = int(response.headers["Retry-After"])
    assert 0 < retry_after <= 60
    if json_body:
        assert response.get_json() == {
            "error": "rate_limited",
            "message": "Too many analyses from your address in a short time. "
            "Wait a minute and try again.",
        }
    else:
        assert response.mimetype == "text/html"
        page = response.get_data(as_text=True)
        assert "Too many analyses from your address" in page
        assert "per 1 minute" not in page  # the limiter's own wording stays out


def test_the_fourth_analysis_in_a_minute_is_429(rate_limited, example_1):
    client = _client_at(rate_limited, CLIENT_A)
    assert client.post("/analyse", data={"text": example_1}).status_code == 303
    assert client.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    report = client.post("/analyse", data={"text": example_1})
    assert report.status_code == 303
    _assert_429(client.post("/api/v1/analyze", json={"text": example_1}), json_body=True)
    _assert_429(client.post("/analyse", data={"text": example_1}), json_body=False)
    # Reading a report is not an analysis.
    assert client.get(report.headers["Location"]).status_code == 200


def test_another_address_has_its_own_budget(rate_limited, example_1):
    first = _client_at(rate_limited, CLIENT_A)
    for _ in range(3):
        assert first.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    assert first.post("/api/v1/analyze", json={"text": example_1}).status_code == 429
    second = _client_at(rate_limited, CLIENT_B)
    assert second.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    assert second.post("/analyse", data={"text": example_1}).status_code == 303


def test_a_forged_forwarded_for_header_buys_no_new_budget(rate_limited, example_1):
    client = _client_at(rate_limited, CLIENT_A)
    for _ in range(3):
        assert client.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    for forged in ("198.51.100.7", "198.51.100.8, 203.0.113.9"):
        response = client.post(
            "/api/v1/analyze", json={"text": example_1}, headers={"X-Forwarded-For": forged}
        )
        _assert_429(response, json_body=True)


def test_with_a_trusted_proxy_its_forwarded_address_is_the_client(make_app, example_1):
    app = make_app(RATELIMIT_ENABLED=True, ANALYSE_RATE_LIMIT="1 per minute", TRUSTED_PROXIES=1)
    proxy = _client_at(app, "10.0.0.2")

    def post(client_address):
        return proxy.post(
            "/api/v1/analyze", json={"text": example_1}, headers={"X-Forwarded-For": client_address}
        )

    assert post("203.0.113.5").status_code == 200
    assert post("203.0.113.5").status_code == 429
    assert post("203.0.113.9").status_code == 200
    # The proxy appends the address it saw; only that last one is believed.
    assert post("203.0.113.77, 203.0.113.5").status_code == 429
