"""Which addresses fetch() may reach, and proof that refused ones are never connected to.

A Recorder (conftest.py) listens on 127.0.0.1 and never accepts; if fetch() opened a
connection to it, the connection would wait in its backlog and ``connected()`` would
say so. The first test shows it does.
"""

import ipaddress
import socket

import pytest

from skincheck.pages.addresses import is_public_address
from skincheck.pages.addresses import parse_ipv4
from skincheck.pages.fetch import fetch
from skincheck.pages.fetch import fetch_with_rule
from skincheck.pages.fetch import FetchError


def test_recorder_notices_a_connection(recorder):
    with socket.create_connection(("127.0.0.1", recorder.port), timeout=2):
        pass
    assert recorder.connected()


def test_recorder_is_reached_when_private_addresses_are_allowed(recorder):
    # Nothing answers, so the fetch times out, but it did connect.
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{recorder.port}/", allow_private=True, timeout=0.5)
    assert caught.value.kind == "timeout"
    assert recorder.connected()


LOOPBACK_SPELLINGS = [
    "127.0.0.1",
    "2130706433",  # decimal
    "0177.0.0.1",  # octal
    "0177.1",
    "127.1",  # short
    "0x7f000001",  # hex
    "0x7f.0.0.1",
    "127.0.0.1.",  # trailing dot
    "127.255.255.254",
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::ffff:7f00:1]",
    "[::127.0.0.1]",  # IPv4-compatible
    "[::1]",
    "localhost",
    "LOCALHOST",
    "localhost.",
    "shop.localhost",
    "0.0.0.0",  # reaches the local host on Linux
    "0",
    "[::]",
    "[64:ff9b::7f00:1]",  # NAT64 of 127.0.0.1
    "[2002:7f00:1::1]",  # 6to4 of 127.0.0.1
]


@pytest.mark.parametrize("host", LOOPBACK_SPELLINGS)
def test_every_spelling_of_this_machine_is_refused_before_connecting(recorder, host):
    with pytest.raises(FetchError) as caught:
        fetch(f"http://{host}:{recorder.port}/", timeout=2)
    assert caught.value.kind == "refused_address"
    assert not recorder.connected()


@pytest.mark.parametrize(
    "host",
    [
        "169.254.169.254",  # cloud metadata
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",  # shared address space
        "192.0.0.8",
        "198.18.0.1",
        "224.0.0.1",  # multicast
        "239.255.255.250",
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "[fe80::1]",  # link-local
        "[fc00::1]",  # unique local
        "[fd12:3456::1]",
        "[fec0::1]",  # site-local
        "[ff02::1]",  # multicast
        "[::ffff:10.0.0.1]",
        "[::ffff:169.254.169.254]",
        "[2001:0:4136:e378:8000:63bf:3fff:fdd2]",  # Teredo
        "[2002:a9fe:a9fe::1]",  # 6to4 of 169.254.169.254
        "[2001:db8::1]",  # documentation
    ],
)
def test_private_and_special_addresses_are_refused_not_tried(host):
    # Nothing listens at these; a tried connection would end as "timeout" or
    # "connection", so "refused_address" means no attempt was made.
    with pytest.raises(FetchError) as caught:
        fetch(f"http://{host}/latest/meta-data/", timeout=2)
    assert caught.value.kind == "refused_address"


def test_name_resolving_to_a_private_address_is_refused(recorder, monkeypatch):
    def to_loopback(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", to_loopback)
    with pytest.raises(FetchError) as caught:
        fetch(f"http://innocent.example:{recorder.port}/", timeout=2)
    assert caught.value.kind == "refused_address"
    assert not recorder.connected()


def test_name_with_one_public_and_one_private_address_is_refused(recorder, monkeypatch):
    def mixed(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with pytest.raises(FetchError) as caught:
        fetch(f"http://mixed.example:{recorder.port}/", timeout=2)
    assert caught.value.kind == "refused_address"
    assert not recorder.connected()


def test_redirect_from_an_allowed_host_to_a_private_one_is_refused(server, recorder_127_0_0_2):
    # The seam: a rule that allows the test server's address (127.0.0.1) and nothing
    # else stands in for "public". The server redirects to 127.0.0.2, where a recorder
    # listens; the Location must be checked with the same rule before connecting.
    only_server = ipaddress.IPv4Address("127.0.0.1")
    target = f"http://127.0.0.2:{recorder_127_0_0_2.port}/"
    with pytest.raises(FetchError) as caught:
        fetch_with_rule(
            f"{server}/to?url={target}", address_allowed=lambda a: a == only_server, ports=None
        )
    assert caught.value.kind == "refused_address"
    assert not recorder_127_0_0_2.connected()


def test_redirect_seam_reaches_the_second_host_when_the_rule_allows_it(server, recorder_127_0_0_2):
    # The control for the test above: same redirect, rule allowing both addresses.
    allowed = {ipaddress.IPv4Address("127.0.0.1"), ipaddress.IPv4Address("127.0.0.2")}
    target = f"http://127.0.0.2:{recorder_127_0_0_2.port}/"
    with pytest.raises(FetchError) as caught:
        fetch_with_rule(
            f"{server}/to?url={target}",
            address_allowed=lambda a: a in allowed,
            ports=None,
            timeout=0.5,
        )
    assert caught.value.kind == "timeout"
    assert recorder_127_0_0_2.connected()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/",
        "gopher://127.0.0.1:70/",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "dict://127.0.0.1:11211/",
        "//example.com/no-scheme",
    ],
)
@pytest.mark.parametrize("allow_private", [False, True])
def test_only_http_and_https_whatever_the_setting(url, allow_private):
    with pytest.raises(FetchError) as caught:
        fetch(url, allow_private=allow_private)
    assert caught.value.kind == "bad_scheme"


@pytest.mark.parametrize(
    "url",
    [
        "",
        "not a url",
        "http://",
        "http://exa mple.com/",
        "http://[::1/",
        "http://host:99999/",
        "http://1.2.3.4.5/",
        "http://256.0.0.1/",
        "http://[not:an:address]/",
    ],
)
def test_broken_urls_are_bad_urls(url):
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.kind == "bad_url"


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.215.14",
        "2606:4700:4700::1111",
        "2a00:1450:4001::200e",
        "2002:808:808::1",
    ],  # 6to4 wrapping a public address
)
def test_public_addresses_are_allowed(address):
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "169.254.169.254",
        "100.100.100.200",
        "0.0.0.0",
        "::1",
        "::",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",
        "fe80::1",
        "fd00::1",
        "fec0::1",
        "ff0e::1",
        "2001::1",
        "2002:c0a8:101::1",
    ],
)
def test_special_addresses_are_not_public(address):
    # IPv4-mapped and NAT64 forms are refused even around a public address: a shop's DNS
    # never needs them, and each is a way to reach an IPv4 address we did not check.
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "host, address",
    [
        ("127.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("192.168.257", "192.168.1.1"),
        ("8.8.8.8.", "8.8.8.8"),
    ],
)
def test_ipv4_spellings_are_read_as_the_c_library_reads_them(host, address):
    assert parse_ipv4(host) == ipaddress.IPv4Address(address)
    # The C library agrees (inet_aton accepts every one of these forms).
    assert socket.inet_ntoa(socket.inet_aton(host.rstrip("."))) == address


@pytest.mark.parametrize("host", ["example.com", "1e100.net", "shop", "xn--bcher-kva.example"])
def test_names_are_not_addresses(host):
    assert parse_ipv4(host) is None
