"""Errors on the start page keep what the person typed (issue 13): a list too long, a
post too large to read, an address refused by the rate limit, an address typed without
https://. Through the Flask test client, on a real database and the real shop server."""

import re

from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.web.forms import complete_url


def _field(html: str, name: str) -> str:
    """The opening tag of the form field called ``name``."""
    return re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', html).group(0)


def test_a_list_over_the_limit_is_kept_in_the_box_with_the_error_beside_it(client):
    text = "Aqua, Glycerin, " * (MAX_TEXT_CHARS // 16 + 1)
    assert len(text) > MAX_TEXT_CHARS
    response = client.post("/analyse", data={"text": text, "name": "Big Serum"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f"more than the {MAX_TEXT_CHARS:,} we read" in html
    box = _field(html, "text")
    assert 'aria-invalid="true"' in box and "text-error" in box
    assert f'maxlength="{MAX_TEXT_CHARS}"' in box
    kept = html.split(box)[1].split("</textarea>")[0]
    assert kept.strip() == text.strip()
    assert 'value="Big Serum"' in html
    # The message takes the focus (static/page.js focuses [data-focus-on-load]).
    assert re.search(r'<p class="error" id="text-error" tabindex="-1" data-focus-on-load>', html)


def test_a_post_too_large_to_read_is_answered_on_the_start_page(client):
    response = client.post("/analyse", data={"text": "a" * 1_100_000})
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "too large" in html
    assert 'id="paste-problem"' in html
    assert 'action="/analyse"' in html  # the form is there to try again
    assert 'aria-invalid="true"' in _field(html, "text")


def test_an_address_without_a_scheme_gets_https():
    assert complete_url("shop.example/serum") == "https://shop.example/serum"
    assert complete_url("  www.shop.example ") == "https://www.shop.example"
    assert complete_url("//shop.example/a") == "https://shop.example/a"
    assert complete_url("127.0.0.1:8000/p") == "https://127.0.0.1:8000/p"
    # A scheme of any kind is left for the form's checks to accept or refuse.
    assert complete_url("http://shop.example") == "http://shop.example"
    assert complete_url("ftp://shop.example") == "ftp://shop.example"
    assert complete_url("javascript:alert(1)") == "javascript:alert(1)"


def test_an_address_without_a_scheme_is_read(make_app, shop):
    # The shop speaks plain http; a completed https:// address reaches it only as a
    # failed TLS handshake, so the test shows the completion in the kept field.
    app = make_app(ALLOW_PRIVATE_URLS=True)
    bare = shop.url("/p/serum").removeprefix("http://")
    response = app.test_client().post("/fetch", data={"url": bare})
    html = response.get_data(as_text=True)
    assert response.status_code in {400, 502}, response.status_code
    assert f'value="https://{bare.replace("&", "&amp;")}"' in html
    assert 'aria-invalid="true"' in _field(html, "url")


def test_a_rate_limited_address_is_kept_and_says_when_to_try_again(make_app, shop):
    app = make_app(ALLOW_PRIVATE_URLS=True, RATELIMIT_ENABLED=True, FETCH_RATE_LIMIT="1 per minute")
    client = app.test_client()
    assert client.post("/fetch", data={"url": shop.url("/p/serum")}).status_code == 303
    late = shop.url("/p/serum")
    response = client.post("/fetch", data={"url": late, "listed": "y"})
    assert response.status_code == 429
    assert 0 < int(response.headers["Retry-After"]) <= 60
    html = response.get_data(as_text=True)
    assert f'value="{late}"' in html
    said = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert re.search(r"try this address again in \d+ seconds", said), said[:2000]
    assert 'id="url-problem" tabindex="-1" data-focus-on-load' in html
    assert 'aria-invalid="true"' in _field(html, "url")
    # The tick is kept too.
    assert "checked" in _field(html.split('action="/fetch"')[1], "listed")
    assert shop.hits(late) == 0


def test_the_start_page_says_what_is_stored_and_offers_an_example(client):
    from skincheck import worked_example

    html = client.get("/").get_data(as_text=True)
    privacy = html.split('id="privacy-heading"')[1].split("</section>")[0]
    assert "What is stored, and who can see it" in privacy
    assert "only people who have its link" in privacy
    assert "search engines" in privacy
    assert 'id="try-example"' in html
    assert worked_example.TEXT.replace(",", ",") in html
    # The choice is unticked by default, on both forms, with distinct ids.
    assert re.search(r'<input[^>]*id="listed"[^>]*>', html)
    assert re.search(r'<input[^>]*id="url-listed"[^>]*>', html)
    assert "checked" not in _field(html, "listed")
