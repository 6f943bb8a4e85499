"""create_app(): the web application factory. It wires and decides nothing itself:
configuration, then the request guards (skincheck.web.guards), the database, the two
extensions (skincheck.web.extensions), the views and the API, the error pages and the
report cache; and, when the database is new, sets it up (skincheck.database).

Configuration order: config.DEFAULTS, instance/config.py (not when testing), every
SKINCHECK_* environment variable, the test's overrides; then config.resolve() fills in
the database URL and secret key. SKINCHECK_TRUSTED_PROXIES says which proxy (if any)
may name the client's address.
"""

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from skincheck import __version__
from skincheck import config
from skincheck import database
from skincheck import paths
from skincheck import services
from skincheck.storage import db
from skincheck.storage import errors as db_errors
from skincheck.web import api
from skincheck.web import errors as web_errors
from skincheck.web import guards
from skincheck.web import logging_setup
from skincheck.web import report_cache
from skincheck.web import views
from skincheck.web.extensions import csrf
from skincheck.web.extensions import limiter


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
    app.json = guards.JSONProvider(app)
    app.request_class = guards.InMemoryUploads
    app.wsgi_app = guards.BoundedBody(app.wsgi_app, app)  # type: ignore[method-assign]
    # SKINCHECK_TRUSTED_PROXIES: how many proxies in front of the app set
    # X-Forwarded-For. With none (the default) the header is ignored, so a client cannot
    # pick the address the rate limits count it under.
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    # First of all before-request hooks, so CSRF and the rate limiter never read it.
    app.before_request(guards.refuse_large_body)
    app.before_request(guards.refuse_nul_in_path)

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
    app.after_request(guards.security_headers)
    # Keys in the order the analysis builds them ("schema" first), as the CLI prints.
    app.json.sort_keys = False
    app.jinja_env.globals["skincheck_version"] = __version__
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if init_db and app.config["AUTO_INIT_DB"]:
        with app.app_context(), db_errors.translated(url):
            summary = database.init_database_if_empty()
        if summary is not None:
            app.logger.info("database set up: %s", summary)
    services.prepare_worker()
    return app
