"""create_app(): the web application factory, and the two request-level extensions
(CSRF protection and rate limiting) that the views and the API decorate with.

Configuration order: config.DEFAULTS, instance/config.py (not when testing), every
SKINCHECK_* environment variable, the test's overrides; then config.resolve() fills in
the database URL and secret key. The factory wires; it handles no request itself.
"""

from pathlib import Path
from typing import Any

from flask import Flask
from flask import Response
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from skincheck import __version__
from skincheck import config
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
    return response


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the skincheck web app.

    ``test_config`` overrides every other setting; it may also name an
    ``INSTANCE_PATH`` so a test keeps its files out of the project's instance folder.
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

    from skincheck import api
    from skincheck import db
    from skincheck import store
    from skincheck import views
    from skincheck import web_errors

    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    # The API takes JSON only (api.py refuses other content types), which a
    # cross-site HTML form cannot send; it has no session to protect.
    csrf.exempt(api.bp)
    web_errors.init_app(app)
    app.after_request(_security_headers)
    app.jinja_env.globals["skincheck_version"] = __version__
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if app.config["AUTO_INIT_DB"]:
        with app.app_context():
            summary = store.init_database_if_empty()
        if summary is not None:
            app.logger.info("database set up: %s", summary)
    return app
