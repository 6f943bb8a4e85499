"""The JSON API under /api/v1: analyse a list, a product page or a photo of a label,
read a stored report, read the source table, and a health check.

It validates the JSON body (or, for a photo, the multipart/form-data body), calls
skincheck.services and skincheck.store, and answers with the analysis JSON of SPEC
section 7 or ``{"error": code, "message": text}``. It decides nothing itself.
"""

from typing import Any

from flask import Blueprint
from flask import current_app
from flask import request
from flask import Response
from flask import url_for

from skincheck import fetch_slots
from skincheck import services
from skincheck import store
from skincheck.app import limiter
from skincheck.core import render
from skincheck.core.budget import TooSlowError
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.fetch import FetchError
from skincheck.forms import MAX_URL_CHARS
from skincheck.ocr import BadImageError
from skincheck.ocr import MAX_IMAGE_BYTES
from skincheck.web_errors import FETCH_LIMIT_MESSAGE
from skincheck.web_errors import fetch_status
from skincheck.web_errors import json_error
from skincheck.web_errors import TOO_SLOW_CODE

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _analyse_limit() -> str:
    return current_app.config["ANALYSE_RATE_LIMIT"]


def _fetch_limit() -> str:
    return current_app.config["FETCH_RATE_LIMIT"]


def report_url(report_id: str) -> str:
    """The report's permanent link: under BASE_URL when set, else relative (/r/<id>).

    Not built from the request: url_for(_external=True) took the Host header, so a
    request sent with "Host: evil.example" got a link to evil.example back."""
    path = url_for("web.report", report_id=report_id)
    base = current_app.config.get("BASE_URL")
    return f"{base.rstrip('/')}{path}" if base else path


def report_document(stored: store.StoredReport) -> dict[str, Any]:
    """A stored analysis with its id and permanent link added."""
    return {
        **stored.analysis,
        "report_id": stored.id,
        "report_url": report_url(stored.id),
        "created_at": stored.created_at.isoformat(),
    }


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
    return report_document(store.save_report(analysis, text=text, name=name))


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
                cache=store.PageCacheStore(),
                timeout=current_app.config["FETCH_TIMEOUT"],
            )
        except FetchError as exc:
            return json_error(fetch_status(exc), exc.message, exc.kind)
        except NoListError as exc:
            return json_error(422, exc.reason, "no_list")
        except TooSlowError as exc:
            return json_error(422, str(exc), TOO_SLOW_CODE)
    source = analysis["input"]
    stored = store.save_report(
        analysis,
        text=source["extracted_text"],
        name=name or source.get("product_name"),
        url=url,
    )
    return report_document(stored)


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
        analysis = services.analyse_image(read_upload(upload), name=name)
    except BadImageError as exc:
        return json_error(exc.status, exc.message, exc.kind)
    except NoListError as exc:
        return json_error(422, exc.reason, "no_list")
    except TooSlowError as exc:
        return json_error(422, str(exc), TOO_SLOW_CODE)
    source = analysis["input"]
    return report_document(store.save_report(analysis, text=source["extracted_text"], name=name))


def read_upload(upload: Any) -> bytes:
    """The bytes of an uploaded file, at most one byte past the photo limit (enough for
    skincheck.ocr to say the photo is too large, without holding more of it)."""
    try:
        return upload.stream.read(MAX_IMAGE_BYTES + 1)
    finally:
        upload.close()


@bp.get("/reports/<report_id>")
def report(report_id: str) -> Response | dict[str, Any]:
    """A stored report's analysis."""
    stored = store.get_report(report_id)
    if stored is None:
        return json_error(404, "No report has this id.")
    return with_robots(current_app.json.response(report_document(stored)), stored.listed)


def with_robots(response: Response, listed: bool) -> Response:
    """An unlisted report, through any of its addresses (page, exports, this API), asks
    search engines to keep out: its person did not ask for it to be shown."""
    if not listed:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.get("/sources")
def sources() -> dict[str, Any]:
    """The source-quality table, most favourable standing first, with its references."""
    classes = store.source_classes()
    kb = services.get_knowledge()
    return {
        "knowledge_version": store.knowledge_version(),
        "ranking_note": render.ranking_note(kb),
        "grade_scale": render.grade_scale(kb),
        "evidence_scale": render.evidence_scale(kb),
        "source_classes": classes,
        "ev_ingredients": store.ev_ingredients(),
        "references": store.references(),
    }


@bp.get("/health")
def health() -> dict[str, str]:
    """Liveness: answers without touching the database or the analyser."""
    return {"status": "ok"}
