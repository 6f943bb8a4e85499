"""Logging for the web app: one JSON object per line on stderr, with a request id.

configure() sets up the ``skincheck`` logger (Flask's app.logger) once per process and
hooks every app it is given: each request gets an id (sent back as X-Request-ID), and
every response with status 400 or more is logged with method, path, status and the
error's class. A crash is logged by Flask; the formatter turns its traceback into the
error's class and the frames it passed through.

It never writes what a person sent: no request body, no query string, no client
address, and no exception message. The last is deliberate: SQLAlchemy puts a failed
statement's parameters into its message ("[parameters: ('Human Neonatal Fibroblast
...',)]"), which is the pasted list itself. It configures no other logger.
"""

import json
import logging
import secrets
import sys
import traceback
from datetime import datetime
from datetime import UTC
from pathlib import Path
from typing import Any

from flask import Flask
from flask import g
from flask import has_request_context
from flask import request
from flask import Response
from flask.logging import default_handler

LOGGER_NAME = "skincheck"
REQUEST_ID_HEADER = "X-Request-ID"

#: Fields a caller may pass with ``extra=`` and the formatter writes out.
_EXTRA_FIELDS = ("status", "error_class")
#: A crash's entry keeps every frame in skincheck's own code and this many innermost
#: frames: a database error passes about twenty of SQLAlchemy's, which would otherwise
#: push out the line of ours that made the call.
_INNERMOST_FRAMES = 4
_PACKAGE = Path(__file__).resolve().parent.parent  # skincheck/


def request_id() -> str:
    """The current request's id, made on first use (16 hex digits)."""
    if "request_id" not in g:
        g.request_id = secrets.token_hex(8)
    return g.request_id


def note_error_class(error: BaseException) -> None:
    """Remember the class of the error a response answers, for the response's log entry."""
    g.error_class = _qualified_name(type(error))


def _qualified_name(cls: type) -> str:
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _frames(error: BaseException) -> list[str]:
    """'skincheck/storage/reports.py:98 in save_report' for skincheck's frames and the
    innermost ones (by their last two path parts), outermost first; no source lines, no
    values."""
    summary = traceback.extract_tb(error.__traceback__)
    innermost = len(summary) - _INNERMOST_FRAMES
    frames = []
    for number, frame in enumerate(summary):
        path = Path(frame.filename).resolve()
        ours = path.is_relative_to(_PACKAGE)
        if ours or number >= innermost:
            shown = path.relative_to(_PACKAGE.parent) if ours else Path(*path.parts[-2:])
            frames.append(f"{shown.as_posix()}:{frame.lineno} in {frame.name}")
    return frames


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the time, so a replaced stderr (pytest's
    capture, a server's redirect) receives the lines."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


class JsonLinesFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, event, the request's id, method and
    path when there is a request, the extra fields, and for a crash its class and frames."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = request_id()
            entry["method"] = request.method
            entry["path"] = request.path
        for field in _EXTRA_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            entry["error_class"] = _qualified_name(type(error))
            entry["stack"] = _frames(error)
            cause = error.__cause__ or error.__context__
            if cause is not None:
                entry["caused_by"] = _qualified_name(type(cause))
        return json.dumps(entry, ensure_ascii=True, default=str)


def _log_response(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    if response.status_code >= 400:
        extra: dict[str, Any] = {"status": response.status_code}
        if "error_class" in g:
            extra["error_class"] = g.error_class
        level = logging.ERROR if response.status_code >= 500 else logging.INFO
        logging.getLogger(LOGGER_NAME).log(level, "request refused or failed", extra=extra)
    return response


def configure(app: Flask) -> None:
    """Send the app's log to stderr as JSON lines (once per process), and log every
    error response of ``app`` with its request id."""
    logger = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(JsonLinesFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        # The app's lines go to its own handler only, not twice through the root's.
        logger.propagate = False
    logger.removeHandler(default_handler)
    app.after_request(_log_response)
