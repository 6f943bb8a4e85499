"""Error responses: JSON ``{"error": code, "message": text}`` under /api/, an HTML page
everywhere else, for every HTTP error the app raises or werkzeug raises for it; and the
status each kind of failed page fetch is answered with.

It never shows a traceback or an exception's text to the client: a 500 is logged (by
skincheck.web.logging_setup, without the exception's text) and answered with a fixed
sentence and the request's id, which the log entry carries too. Domain errors (no list found) are
turned into responses by the views and the API, not here; the one exception is
TooSlowError (the CPU budget of skincheck.core.budget ran out), which is answered with
422 wherever it is raised, so no path can turn it into a 500.
"""

from flask import Flask
from flask import jsonify
from flask import render_template
from flask import request
from flask import Response
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from skincheck.core.budget import TooSlowError
from skincheck.pages.fetch import FetchError
from skincheck.storage.db import db
from skincheck.web import logging_setup

#: Stable codes for the API's "error" field, one per status the app answers with.
CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "no_list",
    429: "rate_limited",
    500: "internal_error",
    501: "not_implemented",
}

#: Plain sentences for the people who meet these errors.
MESSAGES = {
    400: "The request could not be read.",
    404: "There is nothing at this address. A report link may have been copied incompletely.",
    405: "This address does not accept that kind of request.",
    413: "What was sent is too large. Send only the ingredient list.",
    429: "Too many analyses from your address in a short time. Wait a minute and try again.",
    500: "Something went wrong on our side. The problem has been logged.",
}

#: The status for each FetchError kind: the person's address was wrong or refused (400),
#: the site failed us (502), or it did not answer in time (504).
FETCH_STATUSES = {
    "bad_url": 400,
    "bad_scheme": 400,
    "refused_address": 400,
    "refused_port": 400,
    "dns": 502,
    "connection": 502,
    "http_error": 502,
    "blocked": 502,
    "too_big": 502,
    "not_html": 502,
    "too_many_redirects": 502,
    "timeout": 504,
}

#: Said when the product-page budget (FETCH_RATE_LIMIT) runs out.
FETCH_LIMIT_MESSAGE = (
    "You have asked us to read many product pages in a short time. Wait a minute and "
    "try again, or copy the ingredient list from the page and paste it."
)

_CSRF_MESSAGE = (
    "The form had expired or did not come from this site. "
    "Go back, reload the page and send it again."
)


def json_error(status: int, message: str, code: str | None = None) -> Response:
    """The API's error body with its status."""
    response = jsonify(error=code or CODES.get(status, "error"), message=message)
    response.status_code = status
    return response


def fetch_status(error: FetchError) -> int:
    """The HTTP status that answers a failed page fetch."""
    return FETCH_STATUSES.get(error.kind, 502)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _handle_http_error(error: HTTPException) -> Response | tuple[str, int]:
    status = error.code or 500
    # Flask hands a crash over wrapped in InternalServerError; log what really failed.
    logging_setup.note_error_class(getattr(error, "original_exception", None) or error)
    if status >= 500:
        db.session.rollback()
    if isinstance(error, CSRFError):
        message = _CSRF_MESSAGE
    elif isinstance(error, RateLimitExceeded) and error.limit.error_message:
        # A limit with its own sentence (reading product pages) says which budget ran out.
        message = error.description
    else:
        message = MESSAGES.get(status, error.description or error.name)
    if status == 500:
        # The same id is in the log entry, so a report of the problem can be matched to it.
        message = f"{message} Reference: {logging_setup.request_id()}."
    if _wants_json():
        response = json_error(status, message)
    else:
        response = Response(
            render_template("errors/error.html", status=status, title=error.name, message=message),
            status=status,
        )
    # Keep the headers that belong to the error: Allow on a 405, Retry-After on a 429.
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


#: The API's "error" code when the work ran past its CPU budget.
TOO_SLOW_CODE = "too_slow"


def _handle_too_slow(error: TooSlowError) -> Response:
    """422 with the budget's own sentence ("This text took too long to read, …")."""
    logging_setup.note_error_class(error)
    db.session.rollback()
    if _wants_json():
        return json_error(422, str(error), TOO_SLOW_CODE)
    page = render_template("errors/error.html", status=422, title="Too slow", message=str(error))
    return Response(page, status=422)


def init_app(app: Flask) -> None:
    """Register the handlers. A crash reaches _handle_http_error as InternalServerError
    (Flask wraps it) after Flask has logged the traceback."""
    app.register_error_handler(HTTPException, _handle_http_error)
    app.register_error_handler(TooSlowError, _handle_too_slow)
