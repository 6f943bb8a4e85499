"""Error responses: JSON ``{"error": code, "message": text}`` under /api/, an HTML page
everywhere else, for every HTTP error the app raises or werkzeug raises for it; and the
status each kind of failed page fetch is answered with.

It never shows a traceback or an exception's text to the client: a 500 is logged (by
skincheck.web.logging_setup, without the exception's text) and answered with a fixed
sentence and the request's id, which the log entry carries too.

The errors a use case raises for input it cannot read (no list, a text too long, a page
that cannot be fetched, a photo that cannot be read, too slow, a client's page slots
taken) get their status, code and sentence from ``refusal`` alone, which the views and
the API both call. TooSlowError (the CPU budget of skincheck.core.budget ran out) is
also answered with 422 wherever else it is raised, so no path can turn it into a 500.
"""

from dataclasses import dataclass

from flask import Flask
from flask import jsonify
from flask import render_template
from flask import request
from flask import Response
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from skincheck.core.budget import TooSlowError
from skincheck.core.errors import NoListError
from skincheck.core.limits import TextTooLongError
from skincheck.ocr import BadImageError
from skincheck.pages.fetch import FetchError
from skincheck.pages.fetch import FetchErrorKind
from skincheck.saving import FetchBusyError
from skincheck.storage.db import db
from skincheck.web import logging_setup
from skincheck.web.fetch_slots import BUSY_MESSAGE

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
FETCH_STATUSES: dict[FetchErrorKind, int] = {
    FetchErrorKind.BAD_URL: 400,
    FetchErrorKind.BAD_SCHEME: 400,
    FetchErrorKind.REFUSED_ADDRESS: 400,
    FetchErrorKind.REFUSED_PORT: 400,
    FetchErrorKind.DNS: 502,
    FetchErrorKind.CONNECTION: 502,
    FetchErrorKind.HTTP_ERROR: 502,
    FetchErrorKind.BLOCKED: 502,
    FetchErrorKind.TOO_BIG: 502,
    FetchErrorKind.NOT_HTML: 502,
    FetchErrorKind.TOO_MANY_REDIRECTS: 502,
    FetchErrorKind.TIMEOUT: 504,
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
    return FETCH_STATUSES[error.kind]


#: The API's "error" code when the work ran past its CPU budget.
TOO_SLOW_CODE = "too_slow"

#: What a use case (skincheck.saving) raises for input it cannot read.
REFUSED = (NoListError, TooSlowError, FetchError, BadImageError, FetchBusyError)


@dataclass(frozen=True, slots=True)
class Refusal:
    """How the pages and the API answer a refused input."""

    status: int
    #: The API's "error" code.
    code: str
    #: The sentence for the person.
    message: str


def refusal(error: Exception) -> Refusal:
    """The answer to one of the REFUSED errors; any other error is not a refusal and
    raises TypeError."""
    match error:
        case TextTooLongError():
            return Refusal(413, "text_too_long", error.reason)
        case NoListError():
            return Refusal(422, "no_list", error.reason)
        case TooSlowError():
            return Refusal(422, TOO_SLOW_CODE, str(error))
        case FetchError():
            return Refusal(fetch_status(error), error.kind, error.message)
        case BadImageError():
            return Refusal(error.status, error.kind, error.message)
        case FetchBusyError():
            return Refusal(429, "fetch_busy", BUSY_MESSAGE)
    raise TypeError(f"not a refused input: {type(error).__name__}")


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
