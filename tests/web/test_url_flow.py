"""Reading a product page from its address, through the start page's URL form and
POST /api/v1/analyze, on a real database, against the real local shop of conftest.py.

The app is built with ALLOW_PRIVATE_URLS=True (the shop lives on 127.0.0.1) except
where a test shows that the setting, left off, keeps the fetcher away from it.
"""

import re
from datetime import datetime
from datetime import timedelta
from datetime import UTC

import pytest
import sqlalchemy as sa

from skincheck.storage.db import db
from skincheck.storage.models import FetchedPage

from .conftest import SERUM_LIST
from .conftest import SERUM_NAME


@pytest.fixture
def app(make_app):
    return make_app(ALLOW_PRIVATE_URLS=True)


def _report_path(response):
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    location = response.headers["Location"]
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{22}", location), location
    return location


def _fetch(client, url):
    return client.post("/fetch", data={"url": url})


def _api(client, url):
    return client.post("/api/v1/analyze", json={"url": url})


def _text(html):
    """The words of a page, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- the happy path ------------------------------------------------------------------------


def test_form_reads_the_page_and_lands_on_its_report(client, shop):
    url = shop.url("/p/serum")
    path = _report_path(_fetch(client, url))
    html = client.get(path).get_data(as_text=True)
    # The page's own product name heads the report.
    assert f"<h1>{SERUM_NAME}</h1>" in html
    source = html.split('id="from-heading"')[1].split("</section>")[0]
    assert f'href="{url}"' in source
    # The list sat in the Dawn theme's "Ingredients" accordion panel.
    assert "the “Ingredients” panel of a Shopify shop page" in source
    # The exact extracted text, in the edit form, ready to correct and send again.
    edit = html.split('id="edit"')[1]
    textarea = re.search(r"<textarea[^>]*>(.*?)</textarea>", edit, re.S).group(1)
    assert textarea.strip() == SERUM_LIST
    assert 'action="/analyse"' in edit
    # SPEC 9.2: Human Adipose Stromal Cell Conditioned Media is a stem-cell medium.
    cards = html.split('id="ev-heading"')[1].split("</section>")[0]
    assert cards.count('<article class="card"') == 1
    assert "Human Adipose Stromal Cell Conditioned Media" in cards
    assert 'class="badge badge-stem_cell"' in cards


def test_form_report_keeps_the_url_and_the_extracted_text(app, client, shop):
    from skincheck.storage import reports
    url = shop.url("/p/serum")
    report_id = _report_path(_fetch(client, url)).rsplit("/", 1)[1]
    with app.app_context():
        stored = reports.get_report(report_id)
    assert stored.input_url == url
    assert stored.input_text == SERUM_LIST
    assert stored.product_name == SERUM_NAME
    source = stored.analysis["input"]
    assert (source["kind"], source["extracted_from"]) == ("url", "shopify-accordion")


def test_report_shows_the_address_after_redirects_and_the_one_given(client, shop):
    moved = shop.url("/p/moved")
    html = client.get(_report_path(_fetch(client, moved))).get_data(as_text=True)
    source = html.split('id="from-heading"')[1].split("</section>")[0]
    final = moved.replace("/p/moved", "/p/serum")
    assert f'href="{final}"' in source
    assert "Address given" in source and moved in source


def test_api_reads_the_page(client, shop):
    moved = shop.url("/p/moved")
    response = _api(client, moved)
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    source = data["input"]
    assert source["kind"] == "url"
    # After the 301, the address that answered.
    assert source["url"] == moved.replace("/p/moved", "/p/serum")
    assert source["requested_url"] == moved
    assert source["extracted_from"] == "shopify-accordion"
    assert source["extracted_text"] == SERUM_LIST
    (ev,) = data["ev_ingredients"]
    assert (ev["position"], ev["printed"], ev["source_class"], ev["material"]) == (
        2,
        "Human Adipose Stromal Cell Conditioned Media",
        "stem_cell",
        "conditioned_media",
    )
    # The page's name says "Exosome": the claim check read it.
    assert data["claims"]["mentions_ev"] is True
    assert data["report_url"].endswith(f"/r/{data['report_id']}")
    stored = client.get(f"/api/v1/reports/{data['report_id']}").get_json()
    assert stored["input"] == source


# -- the page cache ------------------------------------------------------------------------


def test_the_same_address_within_a_day_is_not_fetched_again(client, shop):
    url = shop.url("/p/serum")
    first = _report_path(_fetch(client, url))
    assert shop.hits(url) == 1
    second = _api(client, url)
    assert second.status_code == 200
    assert shop.hits(url) == 1
    # A new report all the same, from the kept page.
    assert second.get_json()["report_id"] != first.rsplit("/", 1)[1]
    assert second.get_json()["input"]["extracted_text"] == SERUM_LIST


def _age_cache_entry(app, url, age):
    with app.app_context():
        row = db.session.scalars(sa.select(FetchedPage).where(FetchedPage.url == url)).one()
        row.fetched_at = datetime.now(UTC) - age
        db.session.commit()


def test_an_entry_older_than_a_day_is_fetched_again(app, client, shop):
    url = shop.url("/p/serum")
    _report_path(_fetch(client, url))
    _age_cache_entry(app, url, timedelta(hours=25))
    _report_path(_fetch(client, url))
    assert shop.hits(url) == 2
    # The new copy replaced the old one and is fresh again.
    _report_path(_fetch(client, url))
    assert shop.hits(url) == 2


def test_an_entry_younger_than_a_day_is_used(app, client, shop):
    url = shop.url("/p/serum")
    _report_path(_fetch(client, url))
    _age_cache_entry(app, url, timedelta(hours=23))
    _report_path(_fetch(client, url))
    assert shop.hits(url) == 1


def test_the_freshness_comes_from_the_setting(make_app, shop):
    client = make_app(ALLOW_PRIVATE_URLS=True, FETCH_CACHE_SECONDS=0).test_client()
    url = shop.url("/p/serum")
    _report_path(_fetch(client, url))
    _report_path(_fetch(client, url))
    assert shop.hits(url) == 2


def test_failed_fetches_are_not_kept(app, client, shop):
    url = shop.url("/p/missing")
    assert _fetch(client, url).status_code == 502
    assert _fetch(client, url).status_code == 502
    assert shop.hits(url) == 2
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(FetchedPage)) == 0


# -- failures ------------------------------------------------------------------------------

#: (shop path, status, the FetchError kind or "no_list", words of the message).
FAILURES = [
    ("/p/missing", 502, "http_error", "HTTP 404"),
    ("/p/picture", 502, "not_html", "image/png"),
    ("/p/blocked", 502, "blocked", "bot protection"),
    ("/p/huge", 502, "too_big", "larger than 5 MB"),
    ("/p/gift-card", 422, "no_list", "No ingredient list was found on that page."),
]


@pytest.mark.parametrize(("path", "status", "kind", "words"), FAILURES)
def test_form_failure_is_explained_next_to_the_paste_box(client, shop, path, status, kind, words):
    url = shop.url(path)
    response = _fetch(client, url)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    problem = html.split('id="url-problem"')[1].split("</div>")[0]
    assert words in problem
    assert "Traceback" not in html
    # The paste box is offered, and the address stays in its field to fix or retry.
    assert 'action="/analyse"' in html and 'name="text"' in html
    assert f'value="{url}"' in html
    assert shop.hits(url) == 1


@pytest.mark.parametrize(("path", "status", "kind", "words"), FAILURES)
def test_api_failure_is_json_with_the_kind(client, shop, path, status, kind, words):
    response = _api(client, shop.url(path))
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["error"] == kind
    assert words in body["message"]


def test_nothing_listening_is_502(client, closed_port):
    url = f"http://127.0.0.1:{closed_port}/serum"
    assert _fetch(client, url).status_code == 502
    body = _api(client, url).get_json()
    assert body["error"] == "connection"


def test_private_address_is_refused_when_the_setting_is_off(make_app, shop):
    client = make_app().test_client()  # ALLOW_PRIVATE_URLS left at its default, off
    url = shop.url("/p/serum")
    form = _fetch(client, url)
    assert form.status_code == 400
    assert "private network" in _text(form.get_data(as_text=True))
    api = _api(client, url)
    assert api.status_code == 400
    assert api.get_json()["error"] == "refused_address"
    assert shop.hits(url) == 0


def test_a_server_that_never_answers_is_504(make_app, shop):
    client = make_app(ALLOW_PRIVATE_URLS=True, FETCH_TIMEOUT=1.0).test_client()
    response = _api(client, shop.url("/p/silent"))
    assert response.status_code == 504
    assert response.get_json()["error"] == "timeout"


# -- what is refused before any fetch ------------------------------------------------------


@pytest.mark.parametrize("url", ["", "   ", "not a web address", "ftp://127.0.0.1/serum"])
def test_form_refuses_what_is_not_a_web_address(client, url):
    response = _fetch(client, url)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please fix the address below" in html
    assert 'class="error" id="url-error"' in html


def test_api_refuses_text_and_url_together(client, shop):
    url = shop.url("/p/serum")
    response = client.post("/api/v1/analyze", json={"text": "Aqua, Glycerin", "url": url})
    assert response.status_code == 400
    assert response.get_json()["error"] == "text_and_url"
    assert shop.hits(url) == 0


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("", "bad_url"),
        (["http://127.0.0.1/"], "bad_url"),
        ("ftp://127.0.0.1/serum", "bad_scheme"),
        ("http://", "bad_url"),
    ],
)
def test_api_refuses_a_bad_address_with_400(client, url, kind):
    response = _api(client, url)
    assert response.status_code == 400
    assert response.get_json()["error"] == kind


# -- rate limits ---------------------------------------------------------------------------


def test_fetches_have_their_own_smaller_budget(make_app, shop):
    app = make_app(ALLOW_PRIVATE_URLS=True, RATELIMIT_ENABLED=True, FETCH_RATE_LIMIT="2 per minute")
    client = app.test_client()
    # Pasted lists do not spend the fetch budget.
    for _ in range(3):
        assert client.post("/api/v1/analyze", json={"text": "Aqua, Glycerin"}).status_code == 200
    _report_path(_fetch(client, shop.url("/p/serum")))
    assert _api(client, shop.url("/p/serum")).status_code == 200
    # The third page in the minute is refused, by the form and by the API alike.
    late = shop.url("/p/serum")
    form = _fetch(client, late)
    assert form.status_code == 429
    assert form.mimetype == "text/html"
    assert "many product pages" in _text(form.get_data(as_text=True))
    api = _api(client, late)
    assert api.status_code == 429
    assert api.get_json()["error"] == "rate_limited"
    assert "many product pages" in api.get_json()["message"]
    assert "Retry-After" in api.headers
    assert shop.hits(late) == 0
    # Pasting still works.
    assert client.post("/analyse", data={"text": "Aqua, Glycerin"}).status_code == 303
    assert client.post("/api/v1/analyze", json={"text": "Aqua, Glycerin"}).status_code == 200


def test_fetches_also_spend_the_analyse_budget(make_app, shop):
    app = make_app(
        ALLOW_PRIVATE_URLS=True, RATELIMIT_ENABLED=True, ANALYSE_RATE_LIMIT="1 per minute"
    )
    client = app.test_client()
    _report_path(_fetch(client, shop.url("/p/serum")))
    assert client.post("/api/v1/analyze", json={"text": "Aqua, Glycerin"}).status_code == 429


# -- the page while it works ---------------------------------------------------------------


def test_start_page_loads_the_fetching_script_from_a_file(client):
    html = client.get("/").get_data(as_text=True)
    assert '<script src="/static/fetching.js" defer></script>' in html
    # No inline script: every <script> has a src.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    status = re.search(r'<p class="fetching"[^>]*>', html).group(0)
    assert 'role="status"' in status and 'aria-live="polite"' in status
    with client.get("/static/fetching.js") as script:
        assert script.status_code == 200
        assert "javascript" in script.mimetype
