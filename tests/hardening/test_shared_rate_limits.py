"""Rate limits counted in Redis hold across workers and restarts.

Two app instances in two separate processes (as two gunicorn workers are, or one worker
before and after a restart) each call create_app() with the same
SKINCHECK_RATELIMIT_STORAGE_URI; a real redis-server on a free 127.0.0.1 port, started
here, counts for both. The first process spends the whole budget and ends; the second
is refused at once. With the default memory:// the second starts with a full budget,
which is why the README says memory:// is for one process only.

redis-server is Debian's package (.ci/run installs it). Without it these tests skip,
unless SKINCHECK_REQUIRE_REDIS=1 makes that a failure.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

#: One worker: build the app from the environment, send N analyses, print the statuses.
WORKER = """
import sys
from skincheck.web.app import create_app
app = create_app()
client = app.test_client()
codes = [
    client.post("/api/v1/analyze", json={"text": "Water, Glycerin"}).status_code
    for _ in range(int(sys.argv[1]))
]
print(" ".join(map(str, codes)))
"""
LIMIT = "3 per minute"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_redis(binary: str, folder: Path) -> tuple[subprocess.Popen, int] | None:
    """A redis-server of ours on a free port of 127.0.0.1, answering; None if the port
    was taken between choosing and binding it (by another xdist worker's redis-server,
    say: then the server answering there is not ours, which its process id tells)."""
    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with redis.Redis(host="127.0.0.1", port=port, socket_timeout=5) as client:
        deadline = time.monotonic() + 30
        while server.poll() is None:
            try:
                answering = client.info("server")["process_id"]
            except redis.RedisError:
                if server.poll() is not None:
                    break
                assert time.monotonic() < deadline, "redis-server did not answer"
                time.sleep(0.1)
                continue
            if answering == server.pid:
                return server, port
            break
    server.kill()
    server.wait(timeout=30)
    return None


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is not installed (Debian package redis-server)"
        if os.environ.get("SKINCHECK_REQUIRE_REDIS") == "1":
            pytest.fail(message + " and SKINCHECK_REQUIRE_REDIS=1")
        pytest.skip(message)
    for _ in range(3):
        started = _start_redis(binary, tmp_path)
        if started is not None:
            break
    else:
        raise AssertionError("redis-server stopped three times on a free port")
    server, port = started
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _worker(storage: str, requests: int, tmp_path: Path) -> list[int]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SKINCHECK_")}
    env.update(
        SKINCHECK_DATABASE_URL=f"sqlite:///{tmp_path / 'limits.sqlite3'}",
        SKINCHECK_SECRET_KEY="test-secret",
        SKINCHECK_RATELIMIT_STORAGE_URI=storage,
        SKINCHECK_ANALYSE_RATE_LIMIT=LIMIT,
    )
    result = subprocess.run(
        [sys.executable, "-c", WORKER, str(requests)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    return [int(code) for code in result.stdout.split()]


def test_two_workers_share_one_budget_in_redis(redis_url, tmp_path):
    assert _worker(redis_url, 3, tmp_path) == [200, 200, 200]
    # Another process (a second worker, or the first one restarted): nothing left.
    assert _worker(redis_url, 2, tmp_path) == [429, 429]
    keys = redis.Redis.from_url(redis_url).keys("*")
    assert keys, "the limits should be counted in Redis"


def test_memory_storage_counts_per_process(tmp_path):
    # The control: each process has its own memory://, so the budget starts again.
    assert _worker("memory://", 4, tmp_path) == [200, 200, 200, 429]
    assert _worker("memory://", 1, tmp_path) == [200]
