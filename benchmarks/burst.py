"""A burst of the slowest inputs we know against the README's production command, and
how fast the start page answers meanwhile (issue 15: under a second).

    make burst     (or: .venv/bin/python benchmarks/burst.py [--clients 8] [--seconds 20])

Starts the README's gunicorn command for real (tests/load/production.py reads it from
the README) on a SQLite file, with rate limits off so that every request of the burst
reaches the analyser (an attacker with many addresses would get as far), and one
trusted proxy so that each attacking client can have its own address
(X-Forwarded-For) and so its own two page-fetch slots. ``--clients`` threads then send,
back to back for ``--seconds``, the costliest requests benchmarks/fuzz_shapes.py found:
lists of 1,000 distinct unknown names at the text limit (new names every time, so no
memory of names helps), and 5 MB pages of list-like blocks, <br> lines, unknown names,
nested labels and headings, served by a real HTTP server on 127.0.0.1 (a new address
each time, so the page cache does not help either). Meanwhile one more client loads the
start page every 0.2 s; its response times are the figures printed.
"""

import argparse
import importlib.util
import itertools
import json
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEXT_FAMILIES = ("distinct EV-like names", "distinct unknown names", "distinct long names")
#: The costliest page shapes of the last `make fuzz` (2026-12-06: 0.49-0.81 s each at
#: the 5 MB cap).
PAGE_FAMILIES = (
    "nested microdata products",
    "nested labelled properties",
    "many list-like blocks",
    "many <br> lines",
    "nested ingredient properties",
    "many distinct unknown names",
)


def _module(relative: str) -> ModuleType:
    path = ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _post(url: str, body: dict, address: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": address},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        error.read()
        return error.code
    except OSError:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()

    production = _module("tests/load/production.py")
    shapes = _module("benchmarks/fuzz_shapes.py")
    text_shapes = _module("tests/core/test_complexity.py")
    page_shapes = _module("tests/extract/test_complexity.py")
    from skincheck.core.limits import MAX_TEXT_CHARS

    pages = shapes._Pages()
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    bodies = [shapes._under_cap(*page_shapes.FAMILIES[family]).encode() for family in PAGE_FAMILIES]
    counter = itertools.count()
    statuses: Counter = Counter()
    request_seconds: list[float] = []
    probe_seconds: list[float] = []
    lock = threading.Lock()

    with (
        tempfile.TemporaryDirectory() as tmp,
        production.production_server(
            Path(tmp), ALLOW_PRIVATE_URLS="1", RATELIMIT_ENABLED="false", TRUSTED_PROXIES="1"
        ) as base,
    ):
        for _ in range(4):  # every worker warm
            urllib.request.urlopen(base + "/", timeout=30).read()
        stop = time.monotonic() + args.seconds

        def attacker(client: int) -> None:
            address = f"198.51.100.{client + 1}"
            while time.monotonic() < stop:
                number = next(counter)
                if number % 2:
                    family = TEXT_FAMILIES[number // 2 % len(TEXT_FAMILIES)]
                    # A new size is a new seed: names never seen before.
                    text = text_shapes.FAMILIES[family](MAX_TEXT_CHARS - 200 - number)
                    body = {"text": text}
                else:
                    path = f"/burst/{number}"
                    pages.pages[path] = bodies[number // 2 % len(bodies)]
                    body = {"url": pages.base + path}
                start = time.monotonic()
                status = _post(base + "/api/v1/analyze", body, address)
                with lock:
                    statuses[status] += 1
                    request_seconds.append(time.monotonic() - start)

        def probe() -> None:
            while time.monotonic() < stop:
                start = time.monotonic()
                with urllib.request.urlopen(base + "/", timeout=60) as answer:
                    answer.read()
                probe_seconds.append(time.monotonic() - start)
                time.sleep(0.2)

        threads = [threading.Thread(target=attacker, args=(n,)) for n in range(args.clients)]
        threads.append(threading.Thread(target=probe))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    pages.shutdown()

    probe_seconds.sort()
    p95 = probe_seconds[int(0.95 * (len(probe_seconds) - 1))]
    print(
        f"burst: {args.clients} clients for {args.seconds:.0f} s against the README's "
        f"command; {len(request_seconds)} costly requests, median "
        f"{statistics.median(request_seconds):.2f} s, max {max(request_seconds):.2f} s"
    )
    print("burst statuses:", ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(
        f"start page during the burst: {len(probe_seconds)} loads, median "
        f"{statistics.median(probe_seconds) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {probe_seconds[-1] * 1000:.0f} ms (target: under 1 s)"
    )
    return 0 if probe_seconds[-1] < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
