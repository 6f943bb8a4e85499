"""create_app(): the web application factory, the two request-level extensions (CSRF
protection and rate limiting) that the views and the API decorate with, and the guards
every request passes: security headers, a bounded body, JSON that is valid Unicode, and
which proxy (if any) may name the client's address.

Configuration order: config.DEFAULTS, instance/config.py (not when testing), every
SKINCHECK_* environment variable, the test's overrides; then config.resolve() fills in
the database URL and secret key. The factory wires; of a request it reads only the
body's length (and, for a chunked body, the body up to the limit).
"""

import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson
from flask import abort
from flask import current_app
from flask import Flask
from flask import Request
from flask import request
from flask import Response
from flask.json.provider import DefaultJSONProvider
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.wsgi import get_content_length

from skincheck import __version__
from skincheck import config
from skincheck import db_errors
from skincheck import logging_setup
from skincheck import paths

csrf = CSRFProtect()
limiter = Limiter(get_remote_address)

# No inline script or style anywhere: templates use static/style.css only, and the
# position strip uses SVG presentation attributes, which style-src does not govern.
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # frame-ancestors says the same to current browsers; this is for older ones.
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


class _JSONProvider(DefaultJSONProvider):
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


class _InMemoryUploads(Request):
    """Uploaded files are held in memory, never spooled to a temporary file: a photo
    of a label is not written anywhere (issue 14). Werkzeug's default put any upload
    over 500 KB in a file under /tmp. The body limit (_body_limit) bounds the memory."""

    def _get_file_stream(self, *args: Any, **kwargs: Any) -> io.BytesIO:
        return io.BytesIO()


class _BoundedBody:
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


def _refuse_large_body() -> None:
    """413 for a body over MAX_CONTENT_LENGTH, before any view or extension runs.

    Werkzeug refuses it only when something reads the body, and the API reads nothing
    from a body that is not JSON: 2 MB of text/plain got "send JSON" (400) instead.
    """
    limit = _body_limit(current_app, request.content_type)
    request.max_content_length = limit
    if limit is not None and (request.content_length or 0) > limit:
        abort(413)


def _refuse_nul_in_path() -> None:
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


def create_app(test_config: dict[str, Any] | None = None, *, init_db: bool = True) -> Flask:
    """Create and configure the skincheck web app.

    ``test_config`` overrides every other setting; it may also name an
    ``INSTANCE_PATH`` so a test keeps its files out of the project's instance folder.
    ``init_db=False`` leaves an empty database alone whatever AUTO_INIT_DB says: the
    init-db command sets it up itself, and reports one count, not two.

    Raises db_errors.DatabaseUnavailable (one line, password masked) when the database
    URL cannot be read or, while setting an empty database up, the database cannot be
    reached or written.
    """
    instance_path = Path((test_config or {}).get("INSTANCE_PATH", paths.INSTANCE))
    app = Flask(
        "skincheck",
        template_folder=str(paths.TEMPLATES),
        static_folder=str(paths.STATIC),
        instance_path=str(instance_path.resolve()),
    )
    app.config.from_mapping(config.DEFAULTS)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("SKINCHECK")
    if test_config is not None:
        app.config.update(test_config)
    config.resolve(app.config, Path(app.instance_path))
    logging_setup.configure(app)
    app.json = _JSONProvider(app)
    app.request_class = _InMemoryUploads
    app.wsgi_app = _BoundedBody(app.wsgi_app, app)  # type: ignore[method-assign]
    # SKINCHECK_TRUSTED_PROXIES: how many proxies in front of the app set
    # X-Forwarded-For. With none (the default) the header is ignored, so a client cannot
    # pick the address the rate limits count it under.
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    # First of all before-request hooks, so CSRF and the rate limiter never read it.
    app.before_request(_refuse_large_body)
    app.before_request(_refuse_nul_in_path)

    from skincheck import api
    from skincheck import db
    from skincheck import report_cache
    from skincheck import services
    from skincheck import store
    from skincheck import views
    from skincheck import web_errors

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with db_errors.translated(url, making_engine=True):
        db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    # The API takes JSON only (api.py refuses other content types), which a
    # cross-site HTML form cannot send; it has no session to protect.
    csrf.exempt(api.bp)
    web_errors.init_app(app)
    report_cache.init_app(app)
    app.after_request(_security_headers)
    # Keys in the order the analysis builds them ("schema" first), as the CLI prints.
    app.json.sort_keys = False
    app.jinja_env.globals["skincheck_version"] = __version__
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if init_db and app.config["AUTO_INIT_DB"]:
        with app.app_context(), db_errors.translated(url):
            summary = store.init_database_if_empty()
        if summary is not None:
            app.logger.info("database set up: %s", summary)
    services.prepare_worker()
    return app
