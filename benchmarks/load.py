"""Load test: gunicorn serving skincheck, under concurrency 16, on 127.0.0.1 only.

    make load     (or: .venv/bin/python benchmarks/load.py [--requests N] [--workers W])

Starts gunicorn (worker count from WEB_CONCURRENCY, as the README documents) on a free
loopback port with a fresh SQLite database, then, in one run, sends a fixed number of
requests to: a trivial JSON route of the same app (GET /api/v1/health), the analyse API
(POST /api/v1/analyze, which also saves a report), and the paste form (GET the start page for a
CSRF token, POST /analyse, follow nothing). It prints throughput, the ratio to the trivial
route, p50/p99 latency and errors, then reads back every saved report. Rate limiting is
switched off for the run (it would, correctly, refuse a single client this fast).
Bounded: a fixed request count, a 10 s timeout per request, and gunicorn is stopped.
"""

import argparse
import contextlib
import csv
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
CONCURRENCY = 16
TARGET_RATIO = 0.60
TARGET_P99_MS = 50.0
_REPORT_ID = re.compile(rb'"report_id":\s*"([^"]+)"')
_TOKEN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"'
)

# Real lists: the SPEC's worked example and three more of typical length, rotated.
LISTS = [
    "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, Acrylates/C10-30 "
    "Alkyl Acrylate Crosspolymer, Aminomethyl Propanol, Disodium EDTA, Ethylhexylglycerin, "
    "Glycerin, Caprylyl Glycol, Caprylhydroxamic Acid, Phenoxyethanol, Parfum, Hydroxycitronellal, "
    "Linalool, Coumarin, Alpha-Isomethyl Ionone, Geraniol, Isoeugenol",
    "Aqua (Water), Glycerin, Niacinamide, Butylene Glycol, Pentylene Glycol, "
    "Sodium Hyaluronate, Panthenol, Allantoin, Carbomer, Tromethamine, Disodium EDTA, "
    "Phenoxyethanol, Ethylhexylglycerin",
    "Water, Human Adipose Stromal Cell Conditioned Media, Butylene Glycol, Glycerin, "
    "1,2-Hexanediol, Niacinamide, Xanthan Gum, Lactobacillus Ferment, Adenosine, "
    "sh-Oligopeptide-1, Caprylyl Glycol",
    "Water, Cyclopentasiloxane, Glycerin, Dimethicone, Malus Domestica Fruit Cell Culture Extract, "
    "Tocopheryl Acetate, Retinyl Palmitate, Phenoxyethanol, Fragrance, Limonene, Linalool",
]


def corpus_lists(path: Path) -> list[str]:
    """The lists of a corpus CSV that hold an ingredient list (the others would only be
    refused with 422), shuffled so that the two routes are not sent them in file order."""
    from skincheck.core.errors import NoListError
    from skincheck.core.reader import parse_list

    csv.field_size_limit(1 << 20)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        texts = [row["Ingredients"] for row in csv.DictReader(handle)]
    readable = []
    for text in texts:
        with contextlib.suppress(NoListError):
            parse_list(text)
            readable.append(text)
    random.Random(20261121).shuffle(readable)
    return readable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(workers: int, db_dir: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {
        **os.environ,
        "SKINCHECK_DATABASE_URL": f"sqlite:///{db_dir}/load.sqlite3",
        "SKINCHECK_SECRET_KEY": "load-test-only",
        "SKINCHECK_RATELIMIT_ENABLED": "false",
    }
    # Prepare the database once, before the workers race to do it.
    subprocess.run([sys.executable, "-m", "skincheck", "init-db"], env=env, check=True, cwd=ROOT)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            "16",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "skincheck.web.app:create_app()",
        ],
        env=env,
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(base + "/api/v1/health", timeout=2).ok:
                return proc, base
        except requests.RequestException:  # not listening yet, or workers still loading
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("gunicorn did not come up within 30 s")


def _form_session(base: str) -> tuple[dict[str, str], str]:
    """What a browser sends with the paste form after loading the start page once: its
    session cookie (which holds the CSRF secret) and the page's CSRF token."""
    page = requests.get(base + "/", timeout=10)
    match = _TOKEN.search(page.text)
    cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    return headers, match.group(1) or match.group(2)


def server_cpu_seconds(master: int) -> float | None:
    """CPU time used so far by the gunicorn workers (children of ``master``), from
    /proc; None where there is no /proc. Workers are not restarted during a run."""
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        ticks = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    except OSError:
        return None
    return ticks / os.sysconf("SC_CLK_TCK")


def hammer(name: str, total: int, job, master: int) -> dict:
    """Run ``job(session, i)`` ``total`` times over CONCURRENCY threads, each with its
    own keep-alive session; return throughput, latencies, errors and the server's CPU
    time per request (the client shares the machine, so this shows what is the server's)."""
    local = threading.local()
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.trust_env = False
        start = time.perf_counter()
        try:
            problem = job(local.session, i)
        except requests.RequestException as exc:
            problem = type(exc).__name__
        elapsed = time.perf_counter() - start
        with lock:
            latencies.append(elapsed)
            if problem:
                errors.append(problem)

    cpu_before = server_cpu_seconds(master)
    start = time.perf_counter()
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(total)))
    wall = time.perf_counter() - start
    cpu_after = server_cpu_seconds(master)
    latencies.sort()
    result = {
        "name": name,
        "rps": total / wall,
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "errors": errors,
    }
    server = (
        f"  server CPU {1000 * (cpu_after - cpu_before) / total:.2f} ms/request"
        if cpu_before is not None and cpu_after is not None
        else ""
    )
    print(
        f"{name:<28} {result['rps']:>8.0f} req/s  p50 {result['p50']:6.1f} ms  "
        f"p99 {result['p99']:6.1f} ms  errors {len(errors)}{server}"
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="a CSV with an Ingredients column (e.g. ../shared/corpus/sephora-cosmetics.csv): "
        "send its lists, each once per route as far as --requests allows, instead of the "
        "four lists above, which the workers soon know by heart",
    )
    args = parser.parse_args()
    lists = corpus_lists(args.corpus) if args.corpus else LISTS
    saved: list[str] = []
    saved_lock = threading.Lock()

    with tempfile.TemporaryDirectory() as db_dir:
        proc, base = start_server(args.workers, db_dir)
        try:
            print(
                f"gunicorn, {args.workers} workers, {base}; {args.requests} requests per route, "
                f"concurrency {CONCURRENCY}"
            )

            # Each request sends bytes made before the run and reads no more of the
            # answer than it needs, so that the client (Python, on the same cores as the
            # server) spends about the same on every route and the ratios measure the
            # server: a cookie jar, a form encoder and a JSON parser per request made
            # the form's client alone cost more than a whole health check.
            api_bodies = [json.dumps({"text": text}).encode() for text in lists]
            json_headers = {"Content-Type": "application/json"}
            form_headers, token = _form_session(base)
            form_bodies = [
                urlencode({"csrf_token": token, "text": text, "name": ""}).encode()
                for text in lists
            ]

            def trivial(session, i):
                response = session.get(base + "/api/v1/health", timeout=10)
                return None if response.status_code == 200 else f"status {response.status_code}"

            def api(session, i):
                response = session.post(
                    base + "/api/v1/analyze",
                    data=api_bodies[i % len(lists)],
                    headers=json_headers,
                    timeout=10,
                )
                if response.status_code != 200:
                    return f"status {response.status_code}"
                with saved_lock:
                    saved.append(_REPORT_ID.search(response.content).group(1).decode())
                return None

            def form(session, i):
                response = session.post(
                    base + "/analyse",
                    data=form_bodies[(i + args.requests) % len(lists)],  # not the API's lists
                    headers=form_headers,
                    allow_redirects=False,
                    timeout=10,
                )
                if response.status_code not in (302, 303):
                    return f"status {response.status_code}"
                with saved_lock:
                    saved.append(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
                return None

            hammer("warm-up (not counted)", 200, trivial, proc.pid)
            base_result = hammer("GET /api/v1/health", args.requests, trivial, proc.pid)
            results = [
                hammer("POST /api/v1/analyze", args.requests, api, proc.pid),
                hammer("POST /analyse (paste form)", args.requests, form, proc.pid),
            ]
            print()
            ok = True
            for result in results:
                ratio = result["rps"] / base_result["rps"]
                ok &= (
                    ratio >= TARGET_RATIO and result["p99"] < TARGET_P99_MS and not result["errors"]
                )
                print(
                    f"{result['name']:<28} throughput {ratio:5.0%} of the trivial route "
                    f"(target ≥ {TARGET_RATIO:.0%}); p99 {result['p99']:.1f} ms "
                    f"(target < {TARGET_P99_MS:.0f}); errors {len(result['errors'])}"
                )
            unreadable = [
                report_id
                for report_id in saved
                if requests.get(f"{base}/api/v1/reports/{report_id}", timeout=10).status_code != 200
            ]
            print(f"saved reports read back: {len(saved) - len(unreadable)} of {len(saved)}")
            print("all targets met" if ok and not unreadable else "some targets missed")
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
