"""The JSON API under /api/v1: analyse a list, a product page or a photo of a label,
read a stored report, read the source table, and a health check.

It checks the shape of the JSON body (or, for a photo, the multipart/form-data body),
calls one use case (skincheck.saving to analyse and save; skincheck.services and
skincheck.storage to read), and answers with the analysis JSON of SPEC section 7 or
``{"error": code, "message": text}``, a refused input as skincheck.web.errors.refusal
says. It decides nothing itself.
"""

from collections.abc import Callable
from typing import Any

from flask import Blueprint
from flask import current_app
from flask import request
from flask import Response

from skincheck import saving
from skincheck import services
from skincheck.core import render
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.storage import knowledge_copy
from skincheck.storage import reports
from skincheck.web import fetch_slots
from skincheck.web import forms
from skincheck.web import stored_reports
from skincheck.web.errors import FETCH_LIMIT_MESSAGE
from skincheck.web.errors import json_error
from skincheck.web.errors import refusal
from skincheck.web.errors import REFUSED
from skincheck.web.extensions import limiter
from skincheck.web.forms import MAX_URL_CHARS

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _analyse_limit() -> str:
    return current_app.config["ANALYSE_RATE_LIMIT"]


def _fetch_limit() -> str:
    return current_app.config["FETCH_RATE_LIMIT"]


def _url_in_body() -> bool:
    """Whether this API request asks us to read a product page (the fetch budget applies)."""
    body = request.get_json(silent=True)
    return isinstance(body, dict) and body.get("url") is not None


@bp.post("/analyze")
@limiter.shared_limit(_analyse_limit, scope="analyse")
@limiter.shared_limit(
    _fetch_limit,
    scope="fetch",
    error_message=FETCH_LIMIT_MESSAGE,
    exempt_when=lambda: not _url_in_body(),
)
def analyze() -> Response | dict[str, Any]:
    """Analyse ``{"text": ..., "name": ...}``, read a product page from ``{"url": ...}``,
    or read a photo sent as multipart/form-data (an ``image`` file, an optional ``name``);
    store the report; return the analysis with its id and link."""
    if request.mimetype == "multipart/form-data":
        return _analyze_image()
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_error(
            400,
            'Send a JSON object such as {"text": "Water, Glycerin"} '
            "with Content-Type: application/json.",
            "bad_json",
        )
    text, url, name = body.get("text"), body.get("url"), body.get("name")
    if text is not None and url is not None:
        return json_error(
            400, 'Send either "text" (a list) or "url" (a product page), not both.', "text_and_url"
        )
    if name is not None and (not isinstance(name, str) or len(name) > MAX_CLAIMS_CHARS):
        return json_error(
            400, f'"name" must be a string of at most {MAX_CLAIMS_CHARS:,} characters.', "bad_name"
        )
    if url is not None:
        return _analyze_url(url, name)
    if not isinstance(text, str) or not text.strip():
        return json_error(
            400, 'Give the ingredient list as a non-empty string in "text".', "missing_text"
        )
    return _answer(lambda: saving.save_text_report(text, name=name))


def _answer(save: Callable[[], reports.StoredReport]) -> Response | dict[str, Any]:
    """The saved report's document, or the refusal of its input as an error body."""
    try:
        stored = save()
    except REFUSED as exc:
        answer = refusal(exc)
        return json_error(answer.status, answer.message, answer.code)
    return stored_reports.document(stored)


def _analyze_url(url: Any, name: str | None) -> Response | dict[str, Any]:
    """Read the product page at ``url``, analyse its list, store the report.

    ``name``, when given, is read for the claim check with the page's own name and
    marketing text, and names the report; otherwise the page's product name does.
    """
    if not isinstance(url, str) or not url.strip():
        return json_error(
            400, 'Give the product page address as a non-empty string in "url".', "bad_url"
        )
    if len(url) > MAX_URL_CHARS:
        return json_error(
            400, f"The address is longer than {MAX_URL_CHARS:,} characters.", "bad_url"
        )
    return _answer(
        lambda: saving.save_page_report(
            url,
            name=name,
            allow_private=current_app.config["ALLOW_PRIVATE_URLS"],
            timeout=current_app.config["FETCH_TIMEOUT"],
            slot=fetch_slots.client_slot(),
        )
    )


def _analyze_image() -> Response | dict[str, Any]:
    """Read the ingredient list off the photo in the ``image`` field, analyse it, and
    store the report with the text read; the photo itself is never stored or logged."""
    upload = request.files.get("image")
    if upload is None:
        return json_error(
            400,
            'Send the photo as a file in the "image" field of a multipart/form-data body.',
            "missing_image",
        )
    name = request.form.get("name")
    if name is not None and len(name) > MAX_CLAIMS_CHARS:
        return json_error(
            400, f'"name" must be a string of at most {MAX_CLAIMS_CHARS:,} characters.', "bad_name"
        )
    return _answer(lambda: saving.save_photo_report(forms.read_upload(upload), name=name))


@bp.get("/reports/<report_id>")
def report(report_id: str) -> Response | dict[str, Any]:
    """A stored report's analysis."""
    stored = reports.get_report(report_id)
    if stored is None:
        return json_error(404, "No report has this id.")
    return stored_reports.with_robots(
        current_app.json.response(stored_reports.document(stored)), stored.listed
    )


@bp.get("/sources")
def sources() -> dict[str, Any]:
    """The source-quality table, most favourable standing first, with its references."""
    classes = knowledge_copy.source_classes()
    kb = services.get_knowledge()
    return {
        "knowledge_version": knowledge_copy.knowledge_version(),
        "ranking_note": render.ranking_note(kb),
        "grade_scale": render.grade_scale(kb),
        "evidence_scale": render.evidence_scale(kb),
        "source_classes": classes,
        "ev_ingredients": knowledge_copy.ev_ingredients(),
        "references": knowledge_copy.references(),
    }


@bp.get("/health")
def health() -> dict[str, str]:
    """Liveness: answers without touching the database or the analyser."""
    return {"status": "ok"}
