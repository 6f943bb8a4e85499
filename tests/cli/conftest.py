"""Run the command line in the test's own process, as the console script runs it.

``run_skincheck("analyze", path, "--format", "json")`` calls ``skincheck.cli.main`` (the
entry point of ``skincheck`` and ``python -m skincheck``, which turns errors into exit
codes) inside Click's ``CliRunner.isolation()``: standard input, output and error are
in-memory streams and the environment is set for the call only. It saves the ~2.5 s a
fresh interpreter spends importing the app; the few tests that need a real process
(the README's one-liner, a read-only file as a user without root's capabilities, exit
codes and streams of a real ``python -m skincheck``) still start one.

The environment of each call has no SKINCHECK_* variable of the test run (CI sets
SKINCHECK_TEST_DATABASE_URL) unless the test passes it, as the subprocess tests did.
"""

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from click.testing import CliRunner

from skincheck.cli import main


@dataclass(frozen=True)
class Ran:
    """What a run of the command line left: its exit code and its two streams."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8")


def run_skincheck(
    *args: str, input: bytes | str | None = None, color: bool = False, **env: str
) -> Ran:
    """``skincheck ARGS`` with INPUT on standard input and ENV as the only SKINCHECK_*
    settings. ``color=True`` makes Click treat stdout as a terminal: ``click.echo``
    then keeps ANSI sequences instead of stripping them as it does for a pipe."""
    settings: dict[str, str | None] = {
        key: None for key in os.environ if key.startswith("SKINCHECK_")
    }
    settings.update(env)
    with CliRunner().isolation(input=input, env=settings, color=color) as (stdout, stderr, _):
        code = main(list(args))
        sys.stdout.flush()
        sys.stderr.flush()
        return Ran(code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture
def skincheck() -> Callable[..., Ran]:
    return run_skincheck
