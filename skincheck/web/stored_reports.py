"""A saved report as the web answers with it: its permanent link, the JSON document
(the analysis with its id, link and date), and the header that keeps an unlisted
report out of search engines. Used by the pages and the API alike.
"""

from typing import Any

from flask import current_app
from flask import Response
from flask import url_for

from skincheck.storage import reports


def report_url(report_id: str) -> str:
    """The report's permanent link: under BASE_URL when set, else relative (/r/<id>).

    Not built from the request: url_for(_external=True) took the Host header, so a
    request sent with "Host: evil.example" got a link to evil.example back."""
    path = url_for("web.report", report_id=report_id)
    base = current_app.config.get("BASE_URL")
    return f"{base.rstrip('/')}{path}" if base else path


def document(stored: reports.StoredReport) -> dict[str, Any]:
    """A stored analysis with its id, permanent link and date added."""
    return {
        **stored.analysis,
        "report_id": stored.id,
        "report_url": report_url(stored.id),
        "created_at": stored.created_at.isoformat(),
    }


def with_robots(response: Response, listed: bool) -> Response:
    """An unlisted report, through any of its addresses (page, exports, the API), asks
    search engines to keep out: its person did not ask for it to be shown."""
    if not listed:
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
