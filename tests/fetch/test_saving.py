"""The analyse-and-save use cases (skincheck.saving) called as the views and the API
call them: a real database, the real shop server of conftest.py, the real fetcher. And
the one table that turns their refusals into statuses and codes (web.errors.refusal).
"""

import contextlib
import json
from collections.abc import Iterator

import pytest

from skincheck import saving
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.core.limits import TextTooLongError
from skincheck.pages.fetch import FetchError
from skincheck.pages.fetch import FetchErrorKind
from skincheck.storage import reports
from skincheck.storage.db import db
from skincheck.storage.models import Report
from skincheck.web.errors import FETCH_STATUSES
from skincheck.web.errors import refusal

from .conftest import PAGES

THG = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))["thg.html"]


def _count() -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(Report))


def test_a_pasted_list_is_stored_as_given_with_its_name_trimmed(app):
    text = "Water, Glycerin, Human Platelet Lysate"
    with app.app_context():
        stored = saving.save_text_report(text, name="  Platelet Serum  ", listed=True)
        assert stored == reports.get_report(stored.id)
    assert (stored.input_text, stored.product_name, stored.listed) == (
        text,
        "Platelet Serum",
        True,
    )
    assert stored.analysis["ev_ingredients"][0]["source_class"] == "platelet"


def test_a_blank_name_names_no_report(app):
    with app.app_context():
        assert saving.save_text_report("Water, Glycerin", name="   ").product_name is None


def test_a_list_too_long_is_refused_and_nothing_is_stored(app):
    with app.app_context():
        before = _count()
        with pytest.raises(TextTooLongError):
            saving.save_text_report("Aqua, " * (MAX_TEXT_CHARS // 6 + 1))
        assert _count() == before


def test_a_page_is_stored_under_the_address_given_with_the_page_s_name(make_app, server):
    app = make_app(ALLOW_PRIVATE_URLS=True)
    url = f"{server}/page/thg.html"
    with app.app_context():
        stored = saving.save_page_report(f"  {url} ", allow_private=True)
    assert stored.input_url == url
    assert stored.input_text == THG["text"]
    assert stored.product_name == stored.analysis["input"].get("product_name")
    assert stored.product_name


def test_a_name_given_with_a_page_names_the_report(make_app, server):
    app = make_app(ALLOW_PRIVATE_URLS=True)
    with app.app_context():
        stored = saving.save_page_report(
            f"{server}/page/thg.html", name="My Serum", allow_private=True
        )
    assert stored.product_name == "My Serum"


@contextlib.contextmanager
def _taken() -> Iterator[bool]:
    yield False


def test_a_page_whose_slot_is_taken_is_not_fetched(app, recorder):
    # The slot is asked first: nothing connects to the recorder and nothing is stored.
    url = f"http://127.0.0.1:{recorder.port}/"
    with app.app_context():
        before = _count()
        with pytest.raises(saving.FetchBusyError):
            saving.save_page_report(url, allow_private=True, slot=_taken())
        assert _count() == before
        assert not recorder.connected()
        # With the slot free, the same call does connect (and times out: the recorder
        # never answers).
        with pytest.raises(FetchError) as failed:
            saving.save_page_report(url, allow_private=True, timeout=0.5)
        assert failed.value.kind is FetchErrorKind.TIMEOUT
    assert recorder.connected()


def test_every_fetch_error_kind_has_a_status_and_its_string_is_the_api_code():
    assert set(FETCH_STATUSES) == set(FetchErrorKind)
    answer = refusal(FetchError(FetchErrorKind.REFUSED_PORT, "Only the web's ports."))
    assert (answer.status, answer.code, answer.message) == (
        400,
        "refused_port",
        "Only the web's ports.",
    )
    assert json.dumps({"error": answer.code}) == '{"error": "refused_port"}'
    with pytest.raises(ValueError):
        FetchError("refused", "not a kind")


def test_only_refused_input_is_a_refusal():
    with pytest.raises(TypeError):
        refusal(RuntimeError("a bug, which must stay a 500"))
