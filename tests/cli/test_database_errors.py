"""A database that cannot be used, met by ``skincheck init-db``, ``skincheck serve`` and
the app factory: one line on stderr naming the database (password masked) and what is
wrong, exit code 2, no traceback.

Real cases only: a SQLite file the running user may not write (as root, whom file modes
do not stop, the command runs without the capability to override them: util-linux's
setpriv drops CAP_DAC_OVERRIDE), a PostgreSQL URL on a
closed port of 127.0.0.1, and the "postgres://" spelling, which is read as
"postgresql+psycopg://" (decided: accepted, as hosts print it that way).

The read-only file is met by a real ``python -m skincheck``: the capability is dropped
for a whole process (setpriv), which the test's own process must keep. The other cases
run the command in this process (tests/cli/conftest.py): a refused connection and an
unreadable URL are the same there, and so is the one line the entry point prints.
"""

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from skincheck.database import init_database
from skincheck.storage.db import db
from skincheck.storage.errors import DatabaseUnavailable
from skincheck.storage.errors import normalised_url
from skincheck.web.app import create_app

PASSWORD = "s3cret-Pa55"
COMMANDS = [("init-db",), ("serve", "--host", "127.0.0.1", "--port", "0")]


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run(
    url: str, args: tuple[str, ...], cwd: Path, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKINCHECK_")}
    env.update(SKINCHECK_DATABASE_URL=url, SKINCHECK_SECRET_KEY="test-secret")
    return subprocess.run(
        [*prefix, sys.executable, "-m", "skincheck", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def _one_clear_line(result, *words: str) -> str:
    """The one line of a run that failed (a subprocess or tests/cli/conftest.py's Ran)."""
    code = result.returncode if hasattr(result, "returncode") else result.exit_code
    assert code == 2, (code, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    (line,) = lines
    assert line.startswith("skincheck: database "), line
    assert "Traceback" not in result.stderr
    assert PASSWORD not in result.stderr + result.stdout
    for word in words:
        assert word in line, (word, line)
    return line


@pytest.fixture
def read_only_sqlite(tmp_path: Path) -> tuple[str, dict]:
    """A set-up SQLite database in a folder and file the command's user cannot write."""
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "skincheck.sqlite3"
    # Set up in this process as init-db does; disposing of the engine closes the last
    # connection, which writes the WAL back into the file before the WAL is removed.
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{path}",
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "AUTO_INIT_DB": False,
        }
    )
    with app.app_context():
        init_database()
        db.session.remove()
        db.engine.dispose()
    for extra in folder.glob("skincheck.sqlite3-*"):
        extra.unlink()
    path.chmod(0o444)
    folder.chmod(0o555)
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        # Root writes whatever the mode says, through CAP_DAC_OVERRIDE: run without it.
        setpriv = shutil.which("setpriv")
        assert setpriv, "setpriv (util-linux) is needed to test a read-only file as root"
        caps = "-dac_override,-dac_read_search"
        prefix = (setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}")
    yield f"sqlite:///{path}", prefix
    folder.chmod(0o755)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_read_only_sqlite_file(read_only_sqlite, tmp_path, args):
    url, prefix = read_only_sqlite
    line = _one_clear_line(_run(url, args, tmp_path, prefix), "read-only")
    assert url in line


@pytest.mark.parametrize(
    ("args", "scheme"),
    [(COMMANDS[0], "postgresql+psycopg"), (COMMANDS[0], "postgres"), (COMMANDS[1], "postgres")],
)
def test_unreachable_postgresql(skincheck, args, scheme):
    port = _closed_port()
    url = f"{scheme}://skincheck:{PASSWORD}@127.0.0.1:{port}/skincheck"
    result = skincheck(*args, SKINCHECK_DATABASE_URL=url, SKINCHECK_SECRET_KEY="test-secret")
    line = _one_clear_line(result, "cannot be reached", f"127.0.0.1:{port}")
    assert f"skincheck:***@127.0.0.1:{port}/skincheck" in line


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (f"mysqlx://u:{PASSWORD}@db.example/x", ["mysqlx://u:***@db.example/x", "'mysqlx'"]),
        ("not a database url", ["could not be read"]),
        (f"postgresql+psycopg2://u:{PASSWORD}@127.0.0.1/x", ["driver is not installed"]),
    ],
)
def test_wrong_database_url(skincheck, url, words):
    result = skincheck("init-db", SKINCHECK_DATABASE_URL=url, SKINCHECK_SECRET_KEY="test-secret")
    _one_clear_line(result, *words)


def test_the_postgres_spelling_is_read_as_postgresql():
    assert normalised_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalised_url("postgres+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalised_url("postgresql://u:p@h/db") == "postgresql://u:p@h/db"
    assert normalised_url("sqlite:///postgres://x") == "sqlite:///postgres://x"


def test_app_start_raises_one_line_without_a_chained_traceback(tmp_path):
    url = f"postgresql://skincheck:{PASSWORD}@127.0.0.1:{_closed_port()}/skincheck"
    with pytest.raises(DatabaseUnavailable) as caught:
        create_app(
            {
                "TESTING": True,
                "DATABASE_URL": url,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "SECRET_KEY": "x",
                "AUTO_INIT_DB": True,
            }
        )
    message = str(caught.value)
    assert "\n" not in message and PASSWORD not in message
    assert "cannot be reached" in message
    # Raised "from None": no 130-line chain of SQLAlchemy and psycopg frames behind it.
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
