"""The README's production command, started for real: gunicorn on a free 127.0.0.1 port
over a SQLite file, as the tests in this folder and benchmarks/burst.py use it.

``readme_command()`` reads the command from the README's "Production" section, so the
tests measure what the README tells people to run, not a copy of it.
"""

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def readme_command(port: int) -> list[str]:
    """The gunicorn command of the README's "Production" section, bound to ``port``, run
    by this interpreter's gunicorn."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    line = next(line.strip() for line in section.splitlines() if "gunicorn" in line)
    words = shlex.split(line)
    settings = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        settings[name] = value
    assert words[0].endswith("/gunicorn"), line
    argv = [sys.executable, "-m", "gunicorn"]
    for word in words[1:]:
        word = re.sub(
            r"\$(\w+)", lambda m: settings.get(m.group(1), os.environ.get(m.group(1), "")), word
        )
        argv.append(word)
    bind = argv.index("-b") + 1
    argv[bind] = f"127.0.0.1:{port}"
    return argv


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def production_server(db_dir: Path, **settings: str) -> Iterator[str]:
    """Start the README's command on a SQLite file in ``db_dir``; yield its base URL.

    ``settings`` are SKINCHECK_* variables (without the prefix) on top of a secret key.
    """
    env = {
        **os.environ,
        "SKINCHECK_DATABASE_URL": f"sqlite:///{db_dir}/production.sqlite3",
        "SKINCHECK_SECRET_KEY": "production-test-only",
        **{f"SKINCHECK_{name}": value for name, value in settings.items()},
    }
    subprocess.run(
        [sys.executable, "-m", "skincheck", "init-db"],
        env=env,
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    port = free_port()
    process = subprocess.Popen([*readme_command(port), "--log-level", "warning"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/v1/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not come up") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
