"""A budget of CPU time for one piece of work: reading a list, extracting a page.

The fixes for slow shapes of input (issue 15) make every step linear; the budget is the
safety net behind them. A caller opens a budget with ``cpu_budget(seconds)``; loops that
can run long call ``check()``, which raises TooSlowError once the thread has spent more
CPU time than allowed since the budget opened. Outside a budget ``check()`` does nothing,
so the core stays usable from a script with no limit at all.

It measures the calling thread's CPU time (``time.thread_time``), not the wall clock:
a loaded machine or a slow client does not trip it, and threads of one gthread worker
do not spend each other's budget. It does not stop work that never calls ``check()``.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from skincheck.core.errors import SkincheckError

#: CPU seconds one request may spend reading and analysing a list, or extracting a page.
#: The slowest real list in the corpus takes a few milliseconds; this is a backstop.
DEFAULT_SECONDS = 2.0


class TooSlowError(SkincheckError):
    """The work ran past its CPU budget and was stopped."""

    def __init__(self, what: str = "text") -> None:
        super().__init__(
            f"This {what} took too long to read, so skincheck stopped. "
            "Paste only the ingredient list."
        )
        self.what = what


@dataclass(frozen=True, slots=True)
class _Deadline:
    ends_at: float
    what: str


_current: ContextVar[_Deadline | None] = ContextVar("skincheck_cpu_budget", default=None)


@contextmanager
def cpu_budget(seconds: float = DEFAULT_SECONDS, *, what: str = "text") -> Iterator[None]:
    """Within the block, ``check()`` raises TooSlowError once ``seconds`` of this
    thread's CPU time are spent. Budgets nest; the inner one holds inside its block."""
    token = _current.set(_Deadline(time.thread_time() + seconds, what))
    try:
        yield
    finally:
        _current.reset(token)


def check() -> None:
    """Raise TooSlowError when the open budget is spent; do nothing outside a budget."""
    deadline = _current.get()
    if deadline is not None and time.thread_time() > deadline.ends_at:
        raise TooSlowError(deadline.what)


@contextmanager
def paused() -> Iterator[None]:
    """Within the block, no budget holds, and the CPU time spent in it is not charged
    to the open one: work done once per process or per data version (building the
    table of known names, skincheck.core.name_table) is not the request's."""
    deadline = _current.get()
    if deadline is None:
        yield
        return
    started = time.thread_time()
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)
        # cpu_budget() resets the variable with its own token, so this later deadline
        # ends with the budget it extends.
        _current.set(_Deadline(deadline.ends_at + time.thread_time() - started, deadline.what))
