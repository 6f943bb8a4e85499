"""``skincheck serve`` (werkzeug's development server), run for real in a subprocess on
127.0.0.1: its request log leaves out query strings and report ids, and the session
cookie is Secure exactly when the site says it is served over https."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from skincheck.web.dev_server import redact


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(base: str, server: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server stopped: {server.communicate()[1]}")
        try:
            requests.get(f"{base}/api/v1/health", timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError("the development server did not answer")


def test_the_request_log_has_no_query_strings_or_report_ids(tmp_path: Path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKINCHECK_")}
    env.update(
        SKINCHECK_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        SKINCHECK_SECRET_KEY="test-secret",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "skincheck", "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(base, server)
        answer = requests.post(
            f"{base}/api/v1/analyze", json={"text": "Water, Glycerin, Niacinamide"}, timeout=60
        )
        assert answer.status_code == 200, answer.text
        report_id = answer.json()["report_id"]
        for path in (
            f"/r/{report_id}",
            f"/r/{report_id}.md",
            f"/r/{report_id}.json?download=yes-secret-query",
            f"/api/v1/reports/{report_id}",
            "/?q=secret-query-words",
            "/sources?ref=secret-query-words",
        ):
            assert requests.get(base + path, timeout=30).status_code == 200, path
    finally:
        server.terminate()
        _, log = server.communicate(timeout=30)
    # The log was read: werkzeug wrote a line for each request, redacted.
    assert '"GET /r/<id> HTTP/1.1" 200' in log, log
    assert '"GET /r/<id>.md HTTP/1.1" 200' in log, log
    assert '"GET /api/v1/reports/<id> HTTP/1.1" 200' in log, log
    assert '"GET /sources HTTP/1.1" 200' in log, log
    assert report_id not in log
    assert "secret-query" not in log
    assert "?" not in "".join(line for line in log.splitlines() if '"GET ' in line)


def test_redact_keeps_the_rest_of_the_line():
    line = '127.0.0.1 - - [x] "GET /r/AbC_d-9.json?a=b HTTP/1.1" 200 -'
    assert redact(line) == '127.0.0.1 - - [x] "GET /r/<id>.json HTTP/1.1" 200 -'
    assert redact('"POST /analyse HTTP/1.1" 303 -') == '"POST /analyse HTTP/1.1" 303 -'


def test_session_cookie_is_secure_only_over_https(make_app):
    for base_url, secure in (
        (None, False),
        ("http://localhost:5000", False),
        ("https://skincheck.example", True),
    ):
        app = make_app(WTF_CSRF_ENABLED=True, BASE_URL=base_url)
        response = app.test_client().get("/")
        cookie = response.headers["Set-Cookie"]  # the session holding the form token
        assert ("; Secure" in cookie) is secure, (base_url, cookie)
    app = make_app(WTF_CSRF_ENABLED=True, SESSION_COOKIE_SECURE="1")
    assert "; Secure" in app.test_client().get("/").headers["Set-Cookie"]
