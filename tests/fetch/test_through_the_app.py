"""Non-ASCII and odd web addresses through POST /api/v1/analyze and the start page's
URL form (issue 15): each gets a plain answer with its status, never a 500. Before the
fetcher percent-encoded paths, "/café" raised UnicodeEncodeError inside http.client and
both answered 500.

The app is built by the real factory on a real database, with ALLOW_PRIVATE_URLS so it
may read the local server of conftest.py.
"""

import json
import re
import socket

import pytest

from skincheck.pages.fetch import UNREACHABLE

from .conftest import PAGES

THG = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["thg.html"]


@pytest.fixture
def app(make_app):
    return make_app(ALLOW_PRIVATE_URLS=True)


def test_api_reads_a_page_under_a_non_ascii_path(client, server):
    response = client.post("/api/v1/analyze", json={"url": f"{server}/é/page/thg.html"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["input"]["extracted_text"] == THG["text"]
    assert body["input"]["requested_url"] == f"{server}/é/page/thg.html"


def test_form_reads_a_page_under_a_non_ascii_path(client, server):
    response = client.post("/fetch", data={"url": f"{server}/é/page/thg.html?q=crème"})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{22}", response.headers["Location"])


@pytest.mark.parametrize("route", ["/café?q=crème", "/to-raw-utf8", "/to-encoded"])
def test_api_gives_a_plain_answer_for_non_ascii_addresses_and_redirects(client, server, route):
    # The pages there hold no list: the answer is "no list", reached only by fetching.
    response = client.post("/api/v1/analyze", json={"url": server + route})
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"] == "no_list"


@pytest.mark.parametrize("route", ["/café?q=crème", "/to-raw-utf8"])
def test_form_gives_a_plain_answer_for_non_ascii_addresses_and_redirects(client, server, route):
    response = client.post("/fetch", data={"url": server + route})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "No ingredient list found on that page" in html


def test_a_non_http_port_gets_the_one_sentence_through_both(client, ssh_like):
    url = f"http://127.0.0.1:{ssh_like.port}/café"
    api = client.post("/api/v1/analyze", json={"url": url})
    assert api.status_code == 502
    assert api.get_json() == {"error": "connection", "message": UNREACHABLE}
    form = client.post("/fetch", data={"url": url})
    assert form.status_code == 502
    assert UNREACHABLE in form.get_data(as_text=True)


def test_a_non_web_port_of_a_public_site_is_a_bad_address(make_app, monkeypatch):
    # Without ALLOW_PRIVATE_URLS only ports 80 and 443 are fetched. shop.example resolves
    # (here) to a public address; the port is refused before any connection, with 400:
    # the address the person gave is the problem, not the site.
    def public(host, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 22))]

    monkeypatch.setattr(socket, "getaddrinfo", public)
    client = make_app().test_client()
    response = client.post("/api/v1/analyze", json={"url": "http://shop.example:22/é"})
    assert response.status_code == 400
    body = response.get_json()
    assert body["error"] == "refused_port"
    assert "80 and 443" in body["message"]
