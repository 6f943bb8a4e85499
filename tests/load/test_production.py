"""The README's production command keeps serving while slow pages are fetched.

gunicorn is started for real with the command the README prints (a SQLite file, private
addresses allowed so that it may fetch from 127.0.0.1). Two product pages that arrive
one byte a second are requested through the API and held open; meanwhile the start page
must still answer in well under a second, a third fetch from the same client is turned
away at once (429), and the two slow fetches end at the whole-fetch deadline, not after
the minute the pages would take. Under the old command (two sync workers), the two slow
fetches took both workers and the start page waited for them.
"""

import json
import threading
import time
import urllib.error
import urllib.request

from .drip import drip_server
from .production import production_server

#: SKINCHECK_FETCH_TIMEOUT for this server: the whole fetch, however the bytes trickle.
FETCH_TIMEOUT = 6.0


def _get(url: str) -> tuple[int, float]:
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as answer:
        answer.read()
        return answer.status, time.monotonic() - start


def _post_json(url: str, body: dict) -> tuple[int, dict, float]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            status, payload = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, payload = error.code, error.read()
    return status, json.loads(payload), time.monotonic() - start


def test_start_page_answers_fast_while_two_slow_pages_are_fetched(tmp_path):
    with (
        drip_server() as drip,
        production_server(
            tmp_path, ALLOW_PRIVATE_URLS="1", FETCH_TIMEOUT=str(FETCH_TIMEOUT)
        ) as base,
    ):
        # Each worker has loaded its data and rendered the page once.
        for _ in range(4):
            assert _get(base + "/")[0] == 200

        results: dict[str, tuple[int, dict, float]] = {}

        def slow_fetch(name: str) -> None:
            results[name] = _post_json(base + "/api/v1/analyze", {"url": f"{drip.base}/{name}"})

        threads = [threading.Thread(target=slow_fetch, args=(name,)) for name in ("a", "b")]
        for thread in threads:
            thread.start()
        assert drip.wait_for(2, timeout=10), "the two fetches never reached the slow shop"

        # A third page from the same client is refused at once, not queued.
        status, body, seconds = _post_json(base + "/api/v1/analyze", {"url": f"{drip.base}/c"})
        assert (status, body["error"]) == (429, "fetch_busy")
        assert seconds < 2.0

        timings = []
        for _ in range(5):
            status, seconds = _get(base + "/")
            assert status == 200
            timings.append(seconds)
        assert drip.wait_for(2, timeout=0), "the slow fetches ended before the check"
        assert max(timings) < 1.0, timings
        print(f"start page during two slow fetches: max {max(timings) * 1000:.0f} ms")

        for thread in threads:
            thread.join(timeout=60)
        for name in ("a", "b"):
            status, body, seconds = results[name]
            assert (status, body["error"]) == (504, "timeout"), body
            # Cut at the deadline for the whole fetch, not after the page's 60 bytes.
            assert seconds < FETCH_TIMEOUT + 4, seconds
