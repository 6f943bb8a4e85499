"""Default settings of the web app, and the two that must be worked out at start-up.

The factory (skincheck.web.app) loads, in order: DEFAULTS here, then instance/config.py if
present, then every SKINCHECK_* environment variable (``from_prefixed_env``), then a
test's overrides; finally resolve() fills in what is still unset. Nothing here reads the
environment itself, and no secret lives in code.
"""

import secrets
from pathlib import Path
from typing import Any

from skincheck.core.limits import MAX_TEXT_CHARS
from skincheck.storage.errors import normalised_url

DEFAULTS: dict[str, Any] = {
    #: SKINCHECK_DATABASE_URL; None means a SQLite file in the instance folder.
    "DATABASE_URL": None,
    #: SKINCHECK_SECRET_KEY; None means one generated once and kept in the instance folder.
    "SECRET_KEY": None,
    #: SKINCHECK_BASE_URL: the site's public address (https://skincheck.example), which
    #: the API's report_url starts with; None gives a relative report_url (/r/<id>).
    #: The request's Host header is never used: a client could set it to any name.
    #: An https address also marks the session cookie Secure (see resolve()).
    "BASE_URL": None,
    #: SKINCHECK_ALLOW_PRIVATE_URLS=1 lets the fetcher reach loopback and private hosts.
    "ALLOW_PRIVATE_URLS": False,
    #: Bodies over this are refused with 413 before anything reads them. A pasted list
    #: is at most MAX_TEXT_CHARS characters (four bytes each at worst, plus the form's
    #: other fields), so 1 MB never refuses a list the analyser would read.
    "MAX_CONTENT_LENGTH": max(1_000_000, 4 * MAX_TEXT_CHARS + 100_000),
    #: The same limit for a multipart/form-data body, the only kind that carries a photo
    #: of a label: skincheck.ocr reads photos up to 10 MB (MAX_IMAGE_BYTES) and says so
    #: itself; this leaves room for the form's other fields and a photo a little over,
    #: so most oversized photos get that plain sentence rather than the generic 413.
    "MAX_IMAGE_REQUEST_LENGTH": 12 * 1024 * 1024,
    #: Per client address, shared by the paste form and POST /api/v1/analyze.
    "ANALYSE_RATE_LIMIT": "30 per minute;500 per day",
    #: Per client address, for reading a product page (POST /fetch and a "url" sent to
    #: POST /api/v1/analyze), on top of ANALYSE_RATE_LIMIT: each one makes this server
    #: fetch someone else's page, so it gets a smaller budget.
    "FETCH_RATE_LIMIT": "10 per minute;100 per day",
    #: How long a fetched page is reused for the same address, in seconds (one day).
    "FETCH_CACHE_SECONDS": 86_400,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    #: Seconds a whole page fetch may take, redirects included (SPEC section 6: about 10).
    "FETCH_TIMEOUT": 10.0,
    #: Page fetches one client address may have running at once (skincheck.web.fetch_slots).
    "FETCH_SLOTS_PER_CLIENT": 2,
    #: On start, migrate an empty database and load the knowledge base into it.
    "AUTO_INIT_DB": True,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    #: SKINCHECK_TRUSTED_PROXIES: how many reverse proxies in front of the app set
    #: X-Forwarded-For. 0 (the default) ignores that header, so it cannot dodge a limit.
    "TRUSTED_PROXIES": 0,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
    #: The CSRF token lives as long as the session: a form left open over lunch still posts.
    "WTF_CSRF_TIME_LIMIT": None,
}

_SECRET_FILE = "secret_key"


def yes(value: Any) -> bool:
    """A yes/no setting as the web app and the CLI both read it. The environment gives
    strings, and from_prefixed_env turns "1" and "true" into 1 and True but leaves "no"
    and "off" as strings, which bool() would read as yes: only 1/true/yes/on count."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


def resolve(config: dict[str, Any], instance_path: Path) -> None:
    """Fill in the database URL and secret key when no setting gave them, read a
    postgres:// URL as postgresql:// (db_errors.normalised_url), and read
    ALLOW_PRIVATE_URLS as a yes/no (see yes())."""
    config["ALLOW_PRIVATE_URLS"] = yes(config.get("ALLOW_PRIVATE_URLS"))
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        url = config.get("DATABASE_URL")
        if not url:
            instance_path.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{instance_path / 'skincheck.sqlite3'}"
        config["SQLALCHEMY_DATABASE_URI"] = url
    config["SQLALCHEMY_DATABASE_URI"] = normalised_url(config["SQLALCHEMY_DATABASE_URI"])
    # Served over https (BASE_URL says so): the browser sends the session cookie, which
    # holds the form token, over https only. SKINCHECK_SESSION_COOKIE_SECURE=1 says the
    # same without a BASE_URL.
    base = str(config.get("BASE_URL") or "")
    config["SESSION_COOKIE_SECURE"] = yes(config.get("SESSION_COOKIE_SECURE")) or (
        base.lower().startswith("https://")
    )
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret(instance_path)


def _instance_secret(instance_path: Path) -> str:
    """A random key made on first start and reused after, so sessions and CSRF tokens
    survive a restart. Written owner-only."""
    path = instance_path / _SECRET_FILE
    if path.is_file():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(key + "\n", encoding="ascii")
    return key
