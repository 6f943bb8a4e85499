"""The JSON API under /api/v1: analyse a list, a product page or a photo of a label,
read a stored report, read the source table, and a health check.

It validates the JSON body (or, for a photo, the multipart/form-data body), calls
skincheck.services and skincheck.storage, and answers with the analysis JSON of SPEC
section 7 or ``{"error": code, "message": text}``. It decides nothing itself.
"""

from typing import Any

from flask import Blueprint
from flask import current_app
from flask import request
from flask import Response

from skincheck import services
from skincheck.core import render
from skincheck.core.budget import TooSlowError
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.ocr import BadImageError
from skincheck.pages.fetch import FetchError
from skincheck.storage import knowledge_copy
from skincheck.storage import page_cache
from skincheck.storage import reports
from skincheck.web import fetch_slots
from skincheck.web import forms
from skincheck.web import stored_reports
from skincheck.web.errors import FETCH_LIMIT_MESSAGE
from skincheck.web.errors import fetch_status
from skincheck.web.errors import json_error
from skincheck.web.errors import TOO_SLOW_CODE
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
    name = (name or "").strip() or None
    if url is not None:
        return _analyze_url(url, name)
    if not isinstance(text, str) or not text.strip():
        return json_error(
            400, 'Give the ingredient list as a non-empty string in "text".', "missing_text"
        )
    if len(text) > MAX_TEXT_CHARS:
        return json_error(
            413,
            f"The text is {len(text):,} characters long; the limit is "
            f"{MAX_TEXT_CHARS:,}. Send only the ingredient list.",
            "text_too_long",
        )
    try:
        analysis = services.analyse_text(text, name=name)
    except NoListError as exc:
        return json_error(422, exc.reason, "no_list")
    except TooSlowError as exc:
        return json_error(422, str(exc), TOO_SLOW_CODE)
    return stored_reports.document(reports.save_report(analysis, text=text, name=name))


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
    url = url.strip()
    with fetch_slots.client_slot() as held:
        if not held:
            return json_error(429, fetch_slots.BUSY_MESSAGE, "fetch_busy")
        try:
            analysis = services.analyse_url(
                url,
                claims=name,
                allow_private=current_app.config["ALLOW_PRIVATE_URLS"],
                cache=page_cache.PageCacheStore(),
                timeout=current_app.config["FETCH_TIMEOUT"],
            )
        except FetchError as exc:
            return json_error(fetch_status(exc), exc.message, exc.kind)
        except NoListError as exc:
            return json_error(422, exc.reason, "no_list")
        except TooSlowError as exc:
            return json_error(422, str(exc), TOO_SLOW_CODE)
    source = analysis["input"]
    stored = reports.save_report(
        analysis,
        text=source["extracted_text"],
        name=name or source.get("product_name"),
        url=url,
    )
    return stored_reports.document(stored)


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
    name = (name or "").strip() or None
    try:
        analysis = services.analyse_image(forms.read_upload(upload), name=name)
    except BadImageError as exc:
        return json_error(exc.status, exc.message, exc.kind)
    except NoListError as exc:
        return json_error(422, exc.reason, "no_list")
    except TooSlowError as exc:
        return json_error(422, str(exc), TOO_SLOW_CODE)
    source = analysis["input"]
    stored = reports.save_report(analysis, text=source["extracted_text"], name=name)
    return stored_reports.document(stored)


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
