"""Turn a database that cannot be used into one plain line: which database (its URL with
the password masked) and what is wrong with it, as DatabaseUnavailable.

Without it a read-only SQLite file, a misspelt URL or a PostgreSQL server that is not
running ended ``skincheck init-db`` with a 130-line traceback, the password of the URL
in reach of it. It catches only at the edges (app start, ``init-db``): a database that
fails while serving is a 500 like any other, logged by skincheck.web.logging_setup.
SQLAlchemy is imported only when a URL is read: the CLI imports DatabaseUnavailable, and
``skincheck analyze`` loads no database code (tests/test_boundaries.py).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager


class DatabaseUnavailable(Exception):
    """The database cannot be used; str() is one line for a person."""


#: "postgres://" is what Heroku and many hosts print; SQLAlchemy 1.4 and later know the
#: dialect only as "postgresql". Read as the same address, with psycopg (the driver of
#: skincheck's [postgres] extra) when none is named.
_POSTGRES = re.compile(r"^postgres(\+[A-Za-z0-9_]+)?://", re.IGNORECASE)
#: user:password@ in a URL SQLAlchemy could not parse.
_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def normalised_url(url: str) -> str:
    """``url`` with the spelling "postgres://" read as "postgresql+psycopg://"."""
    return _POSTGRES.sub(lambda m: f"postgresql{m.group(1) or '+psycopg'}://", url, count=1)


def masked(url: str) -> str:
    """The URL as it may be shown: its password replaced by ***."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return _PASSWORD.sub(r"\1***@", url)


def _password(url: str) -> str | None:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).password
    except ArgumentError:
        return None


def _first_line(error: BaseException) -> str:
    """The driver's own first line ("connection failed: connection to server at
    "127.0.0.1", port 5 failed: Connection refused"), without SQLAlchemy's statement."""
    original = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    return lines[0] if lines else type(original).__name__


def explain(url: str, error: BaseException) -> str:
    """One line naming the database and what is wrong."""
    from sqlalchemy.exc import ArgumentError
    from sqlalchemy.exc import NoSuchModuleError

    where = f"database {masked(url)}"
    detail = _first_line(error)
    if isinstance(error, NoSuchModuleError):
        scheme = url.split(":", 1)[0]
        message = (
            f"{where}: no database kind is called {scheme!r}; the URL should start "
            "postgresql:// or sqlite:///"
        )
    elif isinstance(error, ArgumentError):
        message = (
            f"{where}: the URL could not be read; it should look like "
            "postgresql://user:password@host/name or sqlite:////path/to/file.sqlite3"
        )
    elif isinstance(error, ImportError):
        message = (
            f"{where}: its driver is not installed ({error.name or detail}); for "
            'PostgreSQL install skincheck with pip install -e ".[postgres]"'
        )
    elif "readonly" in detail or "read-only" in detail:
        message = (
            f"{where} is read-only ({detail}): let the user running skincheck write the "
            "file and its folder"
        )
    elif "unable to open database file" in detail:
        message = (
            f"{where} cannot be opened ({detail}): check that its folder exists and "
            "that the user running skincheck may write there"
        )
    elif any(word in detail.lower() for word in ("connection", "resolve host", "translate host")):
        message = f"{where} cannot be reached ({detail}): is the server running there?"
    else:
        message = f"{where} cannot be used ({type(error).__name__}: {detail})"
    password = _password(url)
    if password:
        message = message.replace(password, "***")
    return " ".join(message.split())


@contextmanager
def translated(url: str, *, making_engine: bool = False) -> Iterator[None]:
    """Raise DatabaseUnavailable, with no chained traceback, for a database error inside
    the block; with ``making_engine``, for a missing driver (ImportError) as well, which
    is the only import creating the engine makes."""
    from sqlalchemy.exc import SQLAlchemyError

    caught: tuple[type[BaseException], ...] = (SQLAlchemyError,)
    if making_engine:
        caught += (ImportError,)
    try:
        yield
    except caught as error:
        raise DatabaseUnavailable(explain(url, error)) from None
