"""What every request and response passes through, whatever the view: security
headers, a bounded body (chunked bodies included), uploads held in memory, JSON that
is valid Unicode (written by orjson), and no NUL in a path.

Each piece is plain Flask/WSGI machinery that skincheck.web.app's factory installs; it
knows nothing of analyses, reports or pages.
"""

import io
import json
import re
from collections.abc import Iterable
from typing import Any

import orjson
from flask import abort
from flask import current_app
from flask import Flask
from flask import Request
from flask import request
from flask import Response
from flask.json.provider import DefaultJSONProvider
from werkzeug.wsgi import get_content_length

# No inline script or style anywhere: templates use static/style.css only, and the
# position strip uses SVG presentation attributes, which style-src does not govern.
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # frame-ancestors says the same to current browsers; this is for older ones.
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, with two changes. It refuses (ValueError, so get_json(silent=True)
    gives None) a document whose strings are not valid Unicode. And compact responses
    (all but debug mode) are written by orjson: an analysis is about 17 kB of JSON, and
    the standard library's encoder took a tenth of the analyse API's time under load.

    ``{"text": "Water, \\udfe3"}`` is valid JSON holding a lone surrogate, which no
    database or page can encode: the endpoint fuzzer's seed 20261121 sent such escapes and
    saving the report crashed with UnicodeEncodeError. Form posts cannot carry one
    (werkzeug decodes them with replacement characters), so JSON is the only way in.
    """

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        value = super().loads(s, **kwargs)
        # UTF-8 bytes cannot hold a surrogate as such: only a "\\udXXX" escape can
        # bring one in, and most bodies have none, so then the whole document need not
        # be checked. (json also reads UTF-16 and UTF-32, where the escape's bytes
        # differ: those are always checked.)
        if (
            not isinstance(s, bytes)
            or json.detect_encoding(s) != "utf-8"
            or _SURROGATE_ESCAPE.search(s)
        ):
            json.dumps(value, ensure_ascii=False).encode("utf-8")  # UnicodeEncodeError
        return value

    def response(self, *args: Any, **kwargs: Any) -> Response:
        if (self.compact is None and self._app.debug) or self.compact is False:
            return super().response(*args, **kwargs)  # indented for people
        if args and kwargs:
            raise TypeError("app.json.response() takes either args or kwargs, not both.")
        obj = kwargs or (args[0] if len(args) == 1 else list(args) or None)
        # Values orjson would write its own way (dates, dataclasses) go through Flask's
        # default(), as with the standard encoder; keys that are not strings become
        # strings, as there.
        body = orjson.dumps(obj, default=self.default, option=_ORJSON_OPTIONS)
        return self._app.response_class(body, mimetype=self.mimetype)


_ORJSON_OPTIONS = (
    orjson.OPT_APPEND_NEWLINE
    | orjson.OPT_NON_STR_KEYS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_DATACLASS
)

#: The JSON escape of a surrogate code point, U+D800 to U+DFFF.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


def _body_limit(app: Flask, content_type: str | None) -> int | None:
    """The most bytes a request body may hold: MAX_IMAGE_REQUEST_LENGTH for a multipart
    upload (a photo of a label), MAX_CONTENT_LENGTH for everything else."""
    if (content_type or "").lower().startswith("multipart/form-data"):
        return app.config.get("MAX_IMAGE_REQUEST_LENGTH")
    return app.config.get("MAX_CONTENT_LENGTH")


class InMemoryUploads(Request):
    """Uploaded files are held in memory, never spooled to a temporary file: a photo
    of a label is not written anywhere (issue 14). Werkzeug's default put any upload
    over 500 KB in a file under /tmp. The body limit (_body_limit) bounds the memory."""

    def _get_file_stream(self, *args: Any, **kwargs: Any) -> io.BytesIO:
        return io.BytesIO()


class BoundedBody:
    """WSGI middleware: a body without Content-Length (chunked) is read here, at most
    MAX_CONTENT_LENGTH + 1 bytes, and handed on with its length set.

    Werkzeug applies MAX_CONTENT_LENGTH to such a body only by cutting it short: a 2 MB
    chunked post reached the views as its first 1 MB (werkzeug 3.1, LimitedStream stops
    at the limit without looking further), and was refused as broken JSON or an invalid
    form instead of as too large. With the length set, an over-long body is refused
    with 413 exactly like one that declared its length.
    """

    def __init__(self, wsgi_app: Any, app: Flask) -> None:
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        limit = _body_limit(self.app, environ.get("CONTENT_TYPE"))
        # get_content_length() is None for a chunked body even when a Content-Length
        # header came along; werkzeug then reads the stream only if the server says it
        # ends (wsgi.input_terminated), as gunicorn and werkzeug's server do.
        if (
            limit is not None
            and environ.get("wsgi.input_terminated")
            and get_content_length(environ) is None
        ):
            body = _read_at_most(environ["wsgi.input"], limit + 1)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
            # The server has already taken the chunks apart; what is left is sized.
            environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.wsgi_app(environ, start_response)


def refuse_large_body() -> None:
    """413 for a body over MAX_CONTENT_LENGTH, before any view or extension runs.

    Werkzeug refuses it only when something reads the body, and the API reads nothing
    from a body that is not JSON: 2 MB of text/plain got "send JSON" (400) instead.
    """
    limit = _body_limit(current_app, request.content_type)
    request.max_content_length = limit
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def refuse_nul_in_path() -> None:
    """404 for an address holding a NUL character: no page has one, and PostgreSQL
    refuses it in a query, so /r/a%00b answered 500 there instead of "not found"."""
    if "\x00" in request.path:
        abort(404)


def _read_at_most(stream: Any, size: int) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, 64 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
