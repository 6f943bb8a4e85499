"""Error responses: JSON ``{"error": code, "message": text}`` under /api/, an HTML page
everywhere else, for every HTTP error the app raises or werkzeug raises for it.

It never shows a traceback or an exception's text to the client: a 500 is logged with
its traceback and answered with a fixed sentence. Domain errors (no list found) are
turned into responses by the views and the API, not here.
"""

from flask import Flask
from flask import jsonify
from flask import render_template
from flask import request
from flask import Response
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from skincheck.db import db

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

_CSRF_MESSAGE = (
    "The form had expired or did not come from this site. "
    "Go back, reload the page and send it again."
)


def json_error(status: int, message: str, code: str | None = None) -> Response:
    """The API's error body with its status."""
    response = jsonify(error=code or CODES.get(status, "error"), message=message)
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _handle_http_error(error: HTTPException) -> Response | tuple[str, int]:
    status = error.code or 500
    if status >= 500:
        db.session.rollback()
    if isinstance(error, CSRFError):
        message = _CSRF_MESSAGE
    else:
        message = MESSAGES.get(status, error.description or error.name)
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


def init_app(app: Flask) -> None:
    """Register the handlers. A crash reaches _handle_http_error as InternalServerError
    (Flask wraps it) after Flask has logged the traceback."""
    app.register_error_handler(HTTPException, _handle_http_error)
