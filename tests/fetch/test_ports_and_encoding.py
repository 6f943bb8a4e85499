"""Non-ASCII addresses and the ports the fetcher reaches (issue 15).

A path or query with "é" in it, or a redirect to one (percent-encoded or in raw UTF-8
bytes), is sent percent-encoded, as browsers send it; before, http.client raised
UnicodeEncodeError on the request line. Closed, filtered and non-HTTP ports all give the
one sentence UNREACHABLE, so the fetcher's answers cannot be used to map a host's ports;
and a public address is only ever fetched on 80 or 443.
"""

import ipaddress
import json
import socket

import pytest

from skincheck.pages.addresses import any_address
from skincheck.pages.fetch import fetch
from skincheck.pages.fetch import fetch_with_rule
from skincheck.pages.fetch import FetchError
from skincheck.pages.fetch import UNREACHABLE
from skincheck.pages.fetch import WEB_PORTS


def _echoed_path(page) -> str:
    return json.loads(page.text)["path"]


def test_non_ascii_path_and_query_are_sent_percent_encoded(server):
    page = fetch(f"{server}/café?q=crème brûlée".replace(" ", "%20"), allow_private=True)
    assert _echoed_path(page) == "/caf%C3%A9?q=cr%C3%A8me%20br%C3%BBl%C3%A9e"


def test_ascii_percent_escapes_are_left_as_they_were(server):
    page = fetch(f"{server}/caf%C3%A9", allow_private=True)
    assert _echoed_path(page) == "/caf%C3%A9"


def test_redirect_to_a_percent_encoded_path_is_followed(server):
    page = fetch(f"{server}/to-encoded", allow_private=True)
    assert page.redirects == (f"{server}/%C3%A9",)
    assert _echoed_path(page) == "/%C3%A9"


def test_redirect_to_raw_utf8_in_location_is_read_as_utf8_and_encoded(server):
    page = fetch(f"{server}/to-raw-utf8", allow_private=True)
    # Read as UTF-8 ("é"), not as the latin-1 http.client decodes headers with ("Ã©").
    assert page.redirects == (f"{server}/é",)
    assert _echoed_path(page) == "/%C3%A9"


def _unreachable(url: str, **options) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch_with_rule(url, address_allowed=any_address, ports=None, **options)
    return caught.value


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_closed_filtered_and_non_http_ports_all_say_the_same(closed_port, filtered, ssh_like):
    assert not filtered.handshake_answered(), "the filtered port accepted a handshake"
    errors = {
        "closed": _unreachable(f"http://127.0.0.1:{closed_port}/"),
        "filtered": _unreachable(f"http://127.0.0.1:{filtered.port}/", timeout=1.0),
        "ssh": _unreachable(f"http://127.0.0.1:{ssh_like.port}/"),
    }
    assert ssh_like.greeted == 1  # the fetcher really met the SSH-like greeting
    assert {name: (e.kind, e.message) for name, e in errors.items()} == dict.fromkeys(
        errors, ("connection", UNREACHABLE)
    )
    assert UNREACHABLE == "We could not reach a web server at that address."


def test_https_to_a_non_http_port_says_the_same(ssh_like):
    error = _unreachable(f"https://127.0.0.1:{ssh_like.port}/")
    assert (error.kind, error.message) == ("connection", UNREACHABLE)


def test_public_address_on_port_22_is_refused_without_connecting(recorder):
    # The rule seam treats 127.0.0.1 as a public address, so the only thing that can
    # refuse is the port rule: the web's ports, as fetch() uses for public addresses.
    here = ipaddress.IPv4Address("127.0.0.1")
    with pytest.raises(FetchError) as caught:
        fetch_with_rule(
            f"http://127.0.0.1:{recorder.port}/",
            address_allowed=lambda a: a == here,
            ports=WEB_PORTS,
        )
    assert caught.value.kind == "refused_port"
    assert "80 and 443" in caught.value.message
    assert not recorder.connected()


@pytest.mark.parametrize("port", [22, 25, 3306, 6379, 8080])
def test_fetch_of_a_public_address_allows_only_web_ports(port, monkeypatch):
    # shop.example resolves (here) to a public address; no connection
    # is tried because the port is refused first.
    def public(host, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    monkeypatch.setattr(socket, "getaddrinfo", public)
    with pytest.raises(FetchError) as caught:
        fetch(f"http://shop.example:{port}/")
    assert caught.value.kind == "refused_port"


def test_redirect_to_another_port_of_a_public_host_is_refused(server, recorder):
    # The first hop is allowed by the seam (any port); the Location goes to a port that
    # a public address may not use, and is refused before connecting.
    here = ipaddress.IPv4Address("127.0.0.1")
    server_port = int(server.rsplit(":", 1)[1])
    with pytest.raises(FetchError) as caught:
        fetch_with_rule(
            f"{server}/to?url=http://127.0.0.1:{recorder.port}/",
            address_allowed=lambda a: a == here,
            ports=frozenset({server_port}),
        )
    assert caught.value.kind == "refused_port"
    assert not recorder.connected()
