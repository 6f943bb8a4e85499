"""Work that runs past its CPU budget is answered plainly: 422 with "took too long to
read" from the API and the form, exit 2 with the message from the CLI (issue 15).

The budget is made zero (skincheck.pages.extract.PAGE_CPU_SECONDS, the setting extract()
opens its budget with), so the first check() inside a real extraction of a real page
from the test shop raises TooSlowError; nothing is replaced.
"""

import pytest

from skincheck import cli
from skincheck.pages import extract


@pytest.fixture
def no_budget(monkeypatch):
    monkeypatch.setattr(extract, "PAGE_CPU_SECONDS", 0.0)


@pytest.fixture
def url_app(make_app):
    return make_app(ALLOW_PRIVATE_URLS=True)


def test_api_answers_422_too_slow(url_app, shop, no_budget):
    response = url_app.test_client().post("/api/v1/analyze", json={"url": shop.url("/p/serum")})
    assert response.status_code == 422
    body = response.get_json()
    assert body["error"] == "too_slow"
    assert "took too long to read" in body["message"]


def test_form_answers_422_with_the_message_on_the_start_page(url_app, shop, no_budget):
    response = url_app.test_client().post("/fetch", data={"url": shop.url("/p/serum")})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "took too long to read" in page
    assert 'name="text"' in page  # the paste box is there to fall back on


def test_cli_exits_2_with_the_message(shop, no_budget, monkeypatch, capsys):
    monkeypatch.setenv("SKINCHECK_ALLOW_PRIVATE_URLS", "1")
    code = cli.main(["analyze", "--url", shop.url("/p/serum")])
    assert code == 2
    err = capsys.readouterr().err
    assert "took too long to read" in err
    assert "Traceback" not in err
