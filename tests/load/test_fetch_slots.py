"""The per-client cap on page fetches in flight (skincheck.web.fetch_slots): the slots
themselves, across threads and processes, and the 429 the form and the API answer with
when a client's slots are all taken. The cap under a real gunicorn, with pages that
drip, is in test_production.py.
"""

import os
import signal
import subprocess
import sys
import textwrap
from contextlib import ExitStack
from pathlib import Path

import pytest

from skincheck.web.fetch_slots import BUSY_MESSAGE
from skincheck.web.fetch_slots import FetchSlots


def test_two_slots_per_client_then_none(tmp_path):
    slots = FetchSlots(tmp_path, per_client=2)
    with slots.hold("203.0.113.7") as first, slots.hold("203.0.113.7") as second:
        with slots.hold("203.0.113.7") as third:
            assert (first, second, third) == (True, True, False)
        # Another client has its own slots.
        with slots.hold("198.51.100.9") as other:
            assert other is True
    # Both released: the client may fetch again.
    with slots.hold("203.0.113.7") as again:
        assert again is True


def test_a_slot_is_freed_when_its_holder_dies(tmp_path):
    # A worker killed mid-fetch must not keep its slot: the lock goes with the process.
    holder = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from skincheck.web.fetch_slots import FetchSlots
        slots = FetchSlots(Path({str(tmp_path)!r}), per_client=1)
        with slots.hold("203.0.113.7") as held:
            print(held, flush=True)
            time.sleep(60)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().strip() == "True"
        slots = FetchSlots(tmp_path, per_client=1)
        with slots.hold("203.0.113.7") as held:
            assert held is False  # the other process holds it
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        with slots.hold("203.0.113.7") as held:
            assert held is True
    finally:
        process.kill()
        process.wait(timeout=10)
        process.stdout.close()


def test_files_stay_bounded_whatever_the_number_of_clients(tmp_path):
    slots = FetchSlots(tmp_path, per_client=2)
    for n in range(300):
        with slots.hold(f"2001:db8::{n:x}"):
            pass
    names = {path.name for path in tmp_path.iterdir()}
    assert len(names) <= 600
    assert all(name.endswith(".lock") for name in names)


@pytest.fixture
def app(make_app):
    # Nothing here reaches the fetcher: the slots are taken before the request.
    return make_app(ALLOW_PRIVATE_URLS=True)


def _take_all_slots(app, stack):
    slots = FetchSlots(
        Path(app.instance_path) / "fetch-slots", app.config["FETCH_SLOTS_PER_CLIENT"]
    )
    # The test client's requests come from 127.0.0.1.
    held = [stack.enter_context(slots.hold("127.0.0.1")) for _ in range(slots.per_client)]
    assert all(held)


def test_api_answers_429_when_the_clients_slots_are_taken(app, client):
    with ExitStack() as stack:
        _take_all_slots(app, stack)
        response = client.post("/api/v1/analyze", json={"url": "http://127.0.0.1:9/p"})
    assert response.status_code == 429
    assert response.get_json() == {"error": "fetch_busy", "message": BUSY_MESSAGE}
    # Pasted text is not a fetch and is not capped.
    with ExitStack() as stack:
        _take_all_slots(app, stack)
        response = client.post("/api/v1/analyze", json={"text": "Aqua, Glycerin"})
    assert response.status_code == 200


def test_form_answers_429_with_a_plain_message(app, client):
    with ExitStack() as stack:
        _take_all_slots(app, stack)
        response = client.post("/fetch", data={"url": "http://127.0.0.1:9/p"})
    assert response.status_code == 429
    html = response.get_data(as_text=True)
    assert "We are still reading the product pages you sent a moment ago." in html
    assert "Traceback" not in html
