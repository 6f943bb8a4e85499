"""Security headers on every kind of response, and pages that keep to the policy.

The policy forbids inline script and inline style; the last tests check that the
templates and the rendered pages hold none, so the policy costs nothing in use.
"""

import re
from html.parser import HTMLParser

import pytest

from skincheck import paths


def _directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def _assert_hardened(response) -> None:
    headers = response.headers
    policy = _directives(headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}


@pytest.fixture
def hard_app(make_app):
    """The app as it runs in production (errors answered, not raised), with a route
    that crashes."""
    app = make_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    def crash():
        raise RuntimeError("test crash")

    app.add_url_rule("/api/v1/test-crash", endpoint="test_crash_json", view_func=crash)
    app.add_url_rule("/test-crash", endpoint="test_crash_html", view_func=crash)
    return app


def test_pages_api_and_exports_carry_the_headers(hard_app, example_1):
    client = hard_app.test_client()
    created = client.post("/analyse", data={"text": example_1})
    assert created.status_code == 303
    _assert_hardened(created)
    report = created.headers["Location"]
    for path in ("/", "/sources", "/method", report, report + ".json", report + ".md"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_hardened(response)
    for path in ("/api/v1/health", "/api/v1/sources"):
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_hardened(response)
    response = client.post("/api/v1/analyze", json={"text": example_1})
    assert response.status_code == 200
    _assert_hardened(response)


def test_static_files_carry_the_headers(hard_app):
    # `with` closes the file the response streams from.
    with hard_app.test_client().get("/static/style.css") as response:
        assert response.status_code == 200
        _assert_hardened(response)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/no-such-page", 404),
        ("GET", "/api/v1/no-such-thing", 404),
        ("GET", "/analyse", 405),
        ("GET", "/api/v1/analyze", 405),
        ("GET", "/test-crash", 500),
        ("GET", "/api/v1/test-crash", 500),
    ],
)
def test_error_responses_carry_the_headers(hard_app, method, path, status):
    response = hard_app.test_client().open(path, method=method)
    assert response.status_code == status
    _assert_hardened(response)


@pytest.mark.parametrize("path", ["/analyse", "/api/v1/analyze"])
def test_too_large_carries_the_headers(hard_app, path):
    response = hard_app.test_client().post(
        path, data=b"x" * (hard_app.config["MAX_CONTENT_LENGTH"] + 1), content_type="text/plain"
    )
    assert response.status_code == 413
    _assert_hardened(response)


def test_refused_form_carries_the_headers(make_app, example_1):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post("/analyse", data={"text": example_1})
    assert response.status_code == 400
    _assert_hardened(response)


def test_rate_limited_carries_the_headers(make_app, example_1):
    app = make_app(RATELIMIT_ENABLED=True, ANALYSE_RATE_LIMIT="1 per minute")
    client = app.test_client()
    assert client.post("/api/v1/analyze", json={"text": example_1}).status_code == 200
    for response in (
        client.post("/api/v1/analyze", json={"text": example_1}),
        client.post("/analyse", data={"text": example_1}),
    ):
        assert response.status_code == 429
        _assert_hardened(response)


# -- the pages keep to the policy ---------------------------------------------------------

#: <script ...>body</script> with anything but white space as the body.
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(?!\s*</script>)", re.IGNORECASE)
#: onclick=, onload= ... as an attribute (after white space, inside a tag).
_EVENT_ATTRIBUTE = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=", re.IGNORECASE)


def test_templates_hold_no_inline_script_event_handler_or_style():
    templates = sorted(paths.TEMPLATES.rglob("*.html"))
    assert templates, "no templates found"
    for template in templates:
        text = template.read_text(encoding="utf-8")
        name = template.relative_to(paths.TEMPLATES)
        assert not _INLINE_SCRIPT.search(text), f"inline <script> in {name}"
        assert not _EVENT_ATTRIBUTE.search(text), f"on*= attribute in {name}"
        assert not _STYLE_ATTRIBUTE.search(text), f"style= attribute in {name}"
        assert "javascript:" not in text.lower(), f"javascript: address in {name}"


def test_the_template_scan_catches_what_it_looks_for():
    assert _INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not _INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert _EVENT_ATTRIBUTE.search('<button type="button" onclick="go()">')
    assert not _EVENT_ATTRIBUTE.search("<p>Read this online=now</p>")
    assert _STYLE_ATTRIBUTE.search('<div class="x" style="color:red">')


class _PolicyBreaches(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block in a rendered page."""

    def __init__(self) -> None:
        super().__init__()
        self.breaches: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.breaches.append(f"<{tag} {name}=>")
            if name == "style":
                self.breaches.append(f"<{tag} style=>")
            if name in {"href", "src", "action"} and (value or "").lower().startswith(
                "javascript:"
            ):
                self.breaches.append(f"<{tag} {name}=javascript:>")
        if tag == "script":
            self._in_script = True
            if not dict(attrs).get("src"):
                self.breaches.append("<script> without src")
        if tag == "style":
            self.breaches.append("<style> element")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.breaches.append("<script> with a body")


def _breaches(html: str) -> list[str]:
    parser = _PolicyBreaches()
    parser.feed(html)
    parser.close()
    return parser.breaches


def test_the_page_scan_catches_what_it_looks_for():
    assert _breaches('<p onclick="x()">a</p><div style="x"></div><script>go()</script>') == [
        "<p onclick=>",
        "<div style=>",
        "<script> without src",
        "<script> with a body",
    ]


def test_rendered_pages_hold_nothing_the_policy_blocks(hard_app, example_1):
    # The report page draws the position strip as inline SVG (skincheck.web.svg), which the
    # template scan cannot see; the rendered page shows it.
    client = hard_app.test_client()
    report = client.post("/analyse", data={"text": example_1}).headers["Location"]
    slug = client.get("/api/v1/sources").get_json()["ev_ingredients"][0]["slug"]
    for path in ("/", "/sources", "/method", report, f"/ingredients/{slug}", "/no-such-page"):
        response = client.get(path)
        assert response.mimetype == "text/html", path
        assert _breaches(response.get_data(as_text=True)) == [], path
    refused = client.post("/analyse", data={"text": "Thank you for your order."})
    assert refused.status_code == 422
    assert _breaches(refused.get_data(as_text=True)) == []
