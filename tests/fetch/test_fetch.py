"""fetch() against a real local HTTP server: pages, redirects, limits, charsets, errors.

Everything here runs with allow_private=True, because the server is on 127.0.0.1; the
refusals of private addresses are in test_addresses.py.
"""

import ipaddress
import json
import re
import socket
from pathlib import Path

import pytest

from skincheck.pages.extract import extract
from skincheck.pages.fetch import ACCEPTED_TYPES
from skincheck.pages.fetch import fetch
from skincheck.pages.fetch import fetch_with_rule
from skincheck.pages.fetch import FetchError
from skincheck.pages.fetch import USER_AGENT

from .conftest import CP1252_LIST
from .conftest import CP1252_NAME
from .conftest import PAGES
from .conftest import SJIS_LIST

EXPECTED = {
    name: facts
    for name, facts in json.loads((PAGES / "expected.json").read_text(encoding="utf-8")).items()
    if not name.startswith("_")
}


def _fetch(url: str, **options) -> object:
    return fetch(url, allow_private=True, **options)


def _error(url: str, **options) -> FetchError:
    with pytest.raises(FetchError) as caught:
        _fetch(url, **options)
    return caught.value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_platform_page_is_fetched_and_its_list_extracted(server, name):
    page = _fetch(f"{server}/page/{name}")
    assert page.status == 200
    result = extract(page.text, url=page.final_url, content_type=page.content_type)
    assert result.text == EXPECTED[name]["text"]
    assert result.source == EXPECTED[name]["source"]


def test_fetched_page_records_what_was_asked_and_what_answered(server):
    page = _fetch(f"{server}/page/thg.html")
    assert page.requested_url == page.final_url == f"{server}/page/thg.html"
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.redirects == ()
    assert page.text == Path(PAGES / "thg.html").read_text(encoding="utf-8")


def test_json_is_accepted_as_json(server):
    page = _fetch(f"{server}/page/api.json")
    assert page.content_type == "application/json"
    assert page.content_type in ACCEPTED_TYPES


def test_redirect_chain_is_followed_and_recorded(server):
    page = _fetch(f"{server}/redirect/3", max_redirects=4)
    assert page.final_url == f"{server}/page/woocommerce.html"
    assert page.redirects == (
        f"{server}/redirect/2",
        f"{server}/redirect/1",
        f"{server}/page/woocommerce.html",
    )


def test_relative_location_is_resolved_against_the_current_url(server):
    page = _fetch(f"{server}/relative")
    assert page.final_url == f"{server}/page/heading_de.html"


def test_chain_longer_than_the_cap_stops(server):
    assert _error(f"{server}/redirect/5", max_redirects=4).kind == "too_many_redirects"
    # Exactly at the cap is fine: 4 redirects.
    page = _fetch(f"{server}/redirect/4", max_redirects=4)
    assert page.final_url == f"{server}/page/woocommerce.html"
    assert len(page.redirects) == 4


def test_redirect_loop_stops(server):
    assert _error(f"{server}/loop").kind == "too_many_redirects"


def test_redirect_without_location_is_an_http_error(server):
    error = _error(f"{server}/redirect-no-location")
    assert (error.kind, error.status) == ("http_error", 302)


def test_redirect_to_another_scheme_is_refused(server):
    assert _error(f"{server}/to?url=file:///etc/passwd").kind == "bad_scheme"


def test_slow_drip_body_is_cut_at_the_deadline(server):
    # The server drips one byte every 50 ms for 15 s; a per-read timeout never fires.
    assert _error(f"{server}/slow-body", timeout=1.0).kind == "timeout"


def test_slow_drip_headers_are_cut_at_the_deadline(server):
    assert _error(f"{server}/slow-headers", timeout=1.0).kind == "timeout"


def test_silent_server_is_cut_at_the_deadline(server):
    assert _error(f"{server}/silent", timeout=1.0).kind == "timeout"


def test_endless_body_stops_at_max_bytes(server):
    assert _error(f"{server}/endless").kind == "too_big"
    assert _error(f"{server}/endless", max_bytes=100_000).kind == "too_big"


def test_page_just_under_the_cap_is_read(server):
    size = len((PAGES / "thg.html").read_bytes())
    assert _fetch(f"{server}/page/thg.html", max_bytes=size).text
    assert _error(f"{server}/page/thg.html", max_bytes=size - 1).kind == "too_big"


def test_compressed_bomb_is_capped_after_decompression(server):
    assert _error(f"{server}/gzip-bomb").kind == "too_big"


def test_compressed_page_is_decompressed(server):
    page = _fetch(f"{server}/gzip-page")
    assert page.text == (PAGES / "thg.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("route", ["/image", "/pdf-endless", "/no-type-binary"])
def test_other_content_types_are_refused(server, route):
    # /pdf-endless never ends: refusing it proves the body is not read.
    assert _error(f"{server}{route}").kind == "not_html"


def test_page_without_content_type_is_read_when_it_is_markup(server):
    page = _fetch(f"{server}/no-type-html")
    assert page.content_type == "text/html"
    assert "<h1>Plain</h1>" in page.text


def test_windows_1252_by_header(server):
    page = _fetch(f"{server}/cp1252-header")
    assert page.charset == "cp1252"
    result = extract(page.text)
    assert result.product_name == CP1252_NAME
    assert result.text == CP1252_LIST


def test_latin1_label_is_read_as_windows_1252_like_browsers_do(server):
    assert CP1252_NAME in _fetch(f"{server}/latin1-header").text


def test_windows_1252_by_http_equiv_meta(server):
    page = _fetch(f"{server}/cp1252-http-equiv")
    assert extract(page.text).text == CP1252_LIST


def test_shift_jis_by_meta_charset(server):
    page = _fetch(f"{server}/sjis-meta")
    result = extract(page.text)
    assert result.source == "heading"
    assert result.text == SJIS_LIST


def test_undeclared_bytes_that_are_not_utf8_are_replaced(server):
    assert _fetch(f"{server}/bad-utf8").text == "<p>Aqua \ufffd\ufffd Glycerin</p>"


@pytest.mark.parametrize("status", [404, 410, 500, 502])
def test_error_status_is_an_http_error_with_the_status(server, status):
    error = _error(f"{server}/status/{status}")
    assert (error.kind, error.status) == ("http_error", status)
    assert str(status) in error.message


def test_rate_limit_without_bot_markers_is_an_http_error(server):
    error = _error(f"{server}/too-many")
    assert (error.kind, error.status) == ("http_error", 429)


@pytest.mark.parametrize("route, status", [("/cloudflare", 403), ("/captcha-503", 503)])
def test_bot_protection_page_is_blocked(server, route, status):
    error = _error(f"{server}{route}")
    assert (error.kind, error.status) == ("blocked", status)
    assert "paste" in error.message


def test_honest_user_agent_and_host_header_are_sent(server):
    port = server.rsplit(":", 1)[1]
    page = _fetch(f"http://localhost:{port}/echo")
    headers = json.loads(page.text)
    assert headers["user-agent"] == USER_AGENT
    assert re.fullmatch(r"skincheck/\S+ \(\+ingredient list checker; .+\)", USER_AGENT)
    assert headers["host"] == f"localhost:{port}"


def test_proxy_variables_are_ignored(server, recorder, monkeypatch):
    proxy = f"http://127.0.0.1:{recorder.port}"
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert _fetch(f"{server}/page/thg.html").status == 200
    assert not recorder.connected()


def test_host_is_resolved_once_and_the_checked_address_is_the_one_connected(server, monkeypatch):
    # DNS rebinding: the first answer is the test server, any later one a private address
    # where nothing listens. A second lookup would send the request there and fail.
    port = int(server.rsplit(":", 1)[1])
    real_getaddrinfo = socket.getaddrinfo
    lookups = []

    def rebinding_getaddrinfo(host, *args, **kwargs):
        if host == "shop.example":
            lookups.append(host)
            address = "127.0.0.1" if len(lookups) == 1 else "10.255.255.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    page = _fetch(f"http://shop.example:{port}/echo")
    assert lookups == ["shop.example"]
    assert json.loads(page.text)["host"] == f"shop.example:{port}"


def test_unknown_host_is_a_dns_error(monkeypatch):
    def no_such_host(host, *args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    assert _error("http://no-such-shop.example/").kind == "dns"


def test_nothing_listening_is_a_connection_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The port was free a moment ago and nothing listens on it now.
    assert _error(f"http://127.0.0.1:{port}/").kind == "connection"


def test_a_server_that_does_not_speak_http_is_a_connection_error(server):
    assert _error(f"{server}/garbage").kind == "connection"


def test_rule_seam_allows_what_the_rule_allows(server):
    server_address = ipaddress.IPv4Address("127.0.0.1")
    page = fetch_with_rule(
        f"{server}/page/thg.html", address_allowed=lambda a: a == server_address, ports=None
    )
    assert page.status == 200
