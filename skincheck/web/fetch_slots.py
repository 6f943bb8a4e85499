"""A cap on how many product pages one client may have us fetch at the same time.

The rate limits (FETCH_RATE_LIMIT) count fetches per minute, not fetches in flight: ten
links to a page that sends one byte a second each hold a worker thread for the whole
fetch deadline (FETCH_TIMEOUT, 10 s), and a handful of clients doing that would leave no
thread free for anyone else (issue 15). So each client address gets FETCH_SLOTS_PER_CLIENT
slots (2 by default); a fetch that finds them all taken is answered at once with 429.

A slot is an exclusive ``flock`` on a small file in the instance folder, taken without
waiting. Locks are shared by every worker process and thread on this machine, and the
kernel drops them when their holder closes the file or dies, so a killed worker never
leaves a slot taken. Client addresses are hashed into a fixed number of buckets, which
keeps the folder to a bounded number of files (two clients in one bucket share a cap;
with 4,096 buckets that is rare and only ever stricter).

It does not count across hosts (each host has its own instance folder) and does not
queue: a client over the cap is told to wait, not made to.
"""

import contextlib
import fcntl
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

from flask import current_app
from flask_limiter.util import get_remote_address

#: Buckets client addresses are hashed into: a bound on the files in the slot folder.
BUCKETS = 4096

#: Said with the 429 when a client's slots are all taken.
BUSY_MESSAGE = (
    "We are still reading the product pages you sent a moment ago. Wait until one has "
    "finished and try again, or copy the ingredient list from the page and paste it."
)


class FetchSlots:
    """Slots for page fetches, ``per_client`` per client address, kept in ``directory``."""

    def __init__(self, directory: Path, per_client: int) -> None:
        if per_client < 1:
            raise ValueError("per_client must be at least 1")
        self.directory = Path(directory)
        self.per_client = per_client

    def _files(self, client: str) -> list[Path]:
        digest = hashlib.sha256(client.encode("utf-8", "surrogatepass")).digest()
        bucket = int.from_bytes(digest[:4], "big") % BUCKETS
        return [self.directory / f"{bucket:04d}-{slot}.lock" for slot in range(self.per_client)]

    @contextlib.contextmanager
    def hold(self, client: str) -> Iterator[bool]:
        """Take one of ``client``'s free slots for the length of the ``with`` block.

        Yields True with the slot held, or False (nothing held) when every slot is
        taken; never waits.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in self._files(client):
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            try:
                yield True
            finally:
                # Closing the file releases the lock.
                os.close(descriptor)
            return
        yield False


@contextlib.contextmanager
def client_slot() -> Iterator[bool]:
    """A slot for the current request's client (the address the rate limiter counts),
    from the app's FETCH_SLOTS_PER_CLIENT slots in its instance folder: ``hold`` for the
    web views and the API."""
    slots = FetchSlots(
        Path(current_app.instance_path) / "fetch-slots",
        int(current_app.config["FETCH_SLOTS_PER_CLIENT"]),
    )
    with slots.hold(get_remote_address() or "unknown") as held:
        yield held
