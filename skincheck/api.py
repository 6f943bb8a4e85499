"""The JSON API under /api/v1: analyse a list, read a stored report, read the source
table, and a health check.

It validates the JSON body, calls skincheck.services and skincheck.store, and answers
with the analysis JSON of SPEC section 7 or ``{"error": code, "message": text}``.
It decides nothing itself.
"""

from typing import Any

from flask import Blueprint
from flask import current_app
from flask import request
from flask import Response
from flask import url_for

from skincheck import services
from skincheck import store
from skincheck.app import limiter
from skincheck.core.errors import NoListError
from skincheck.core.limits import MAX_CLAIMS_CHARS
from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.web_errors import json_error

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _analyse_limit() -> str:
    return current_app.config["ANALYSE_RATE_LIMIT"]


def report_document(stored: store.StoredReport) -> dict[str, Any]:
    """A stored analysis with its id and permanent link added."""
    return {
        **stored.analysis,
        "report_id": stored.id,
        "report_url": url_for("web.report", report_id=stored.id, _external=True),
        "created_at": stored.created_at.isoformat(),
    }


@bp.post("/analyze")
@limiter.shared_limit(_analyse_limit, scope="analyse")
def analyze() -> Response | dict[str, Any]:
    """Analyse ``{"text": ..., "name": ...}``; store the report; return the analysis."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return json_error(
            400,
            'Send a JSON object such as {"text": "Water, Glycerin"} '
            "with Content-Type: application/json.",
            "bad_json",
        )
    text, name = body.get("text"), body.get("name")
    if body.get("url") is not None and text is None:
        # The place for services.analyse_url() once the fetcher lands.
        return json_error(501, "Reading product pages is not available yet. Send the list as text.")
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
    if name is not None and (not isinstance(name, str) or len(name) > MAX_CLAIMS_CHARS):
        return json_error(
            400, f'"name" must be a string of at most {MAX_CLAIMS_CHARS:,} characters.', "bad_name"
        )
    name = (name or "").strip() or None
    try:
        analysis = services.analyse_text(text, name=name)
    except NoListError as exc:
        return json_error(422, exc.reason, "no_list")
    report_id = store.save_report(analysis, text=text, name=name)
    stored = store.get_report(report_id)
    return report_document(stored)


@bp.get("/reports/<report_id>")
def report(report_id: str) -> Response | dict[str, Any]:
    """A stored report's analysis."""
    stored = store.get_report(report_id)
    if stored is None:
        return json_error(404, "No report has this id.")
    return report_document(stored)


@bp.get("/sources")
def sources() -> dict[str, Any]:
    """The source-quality table, most favourable standing first, with its references."""
    classes = store.source_classes()
    return {
        "knowledge_version": store.knowledge_version(),
        "source_classes": classes,
        "ev_ingredients": store.ev_ingredients(),
        "references": store.references(),
    }


@bp.get("/health")
def health() -> dict[str, str]:
    """Liveness: answers without touching the database or the analyser."""
    return {"status": "ok"}
