"""Endpoint fuzzing: many generated inputs through every way in, in one process.

    make fuzz     (or: .venv/bin/python benchmarks/fuzz_endpoints.py [--count 100000])

Builds the real app (a fresh SQLite file, CSRF and rate limits off so every input
reaches the code under test) and sends generated inputs with Flask's test client to
the paste form, the analyse API and the read routes: random Unicode, binary, control
characters, mutated real lists, hostile HTML, huge texts, wrong JSON shapes and types,
odd URLs. It counts status codes and fails on any 500 or exception. Deterministic for a
given --seed. tests/hardening/test_fuzz_sample.py runs a small sample of the same generator.
"""

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FORM = "application/x-www-form-urlencoded"
SEED_LISTS = [
    "Human Neonatal Fibroblast Conditioned Media, Isoceteth-20, Ethoxydiglycol, "
    "Acrylates/C10-30 Alkyl Acrylate Crosspolymer, Phenoxyethanol, Parfum, Linalool",
    "Ingredients: Aqua (Water), Glycerin, Human Adipose Stromal Cell Conditioned Media, "
    "Lactobacillus Ferment, rh-Oligopeptide-1, sh-Oligopeptide-1. May contain: CI 77891.",
    "INCI: WATER/AQUA/EAU • BUTYLENE GLYCOL • MALUS DOMESTICA FRUIT CELL CULTURE EXTRACT",
    "Beste No.9 Jelly Cleanser: Water, Glycerin. "
    "C-Firma Day Serum: Water, Exosomes, Polysorbate 606",
]
PIECES = [
    "<script>alert(1)</script>",
    "&amp;",
    "&#0;",
    "\x00",
    "\ufeff",
    "\u202e",
    "()",
    "(((",
    ")))",
    "/",
    " / ",
    ",",
    ";",
    "\n",
    "•",
    "*",
    "**",
    "%",
    "+/-",
    "May contain:",
    "Ingredients:",
    "Exosomes",
    "Conditioned Media",
    "Human",
    "Platelet",
    "Stem Cell",
    "Callus",
    "Ferment",
    "Phytoplacenta",
    "Directions:",
    "Made in Korea",
    "💧",
    "成分",
    "Состав:",
    "\t",
    " ",
    "<div><p>Water</p>",
    "]]>",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "' OR 1=1 --",
    "../../etc/passwd",
]
URLS = [
    "http://127.0.0.1/",
    "http://localhost:5000/",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/",
    "http://0177.0.0.1/",
    "http://2130706433/",
    "ftp://example.com/",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "http://",
    "https://10.0.0.1/x",
    "",
    "x" * 3000,
    "http://[::ffff:127.0.0.1]/",
    "gopher://127.0.0.1:25/",
]


def _text(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:  # random Unicode, including surrogates' neighbours and controls
        return "".join(
            chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000)]))
            for _ in range(rng.randrange(0, 400))
        )
    if kind == 1:  # pieces glued together
        return "".join(rng.choice(PIECES) for _ in range(rng.randrange(0, 60)))
    if kind == 2:  # a real list, mutated
        chars = list(rng.choice(SEED_LISTS))
        for _ in range(rng.randrange(1, 20)):
            op = rng.randrange(3)
            at = rng.randrange(len(chars) + 1)
            if op == 0 and chars:
                del chars[min(at, len(chars) - 1)]
            elif op == 1:
                chars.insert(at, rng.choice(PIECES))
            else:
                chars.insert(at, chr(rng.randrange(0, 0x10000)))
        return "".join(chars)
    if kind == 3:  # long
        return rng.choice(SEED_LISTS) * rng.choice([1, 50, 400, 2000])
    if kind == 4:  # bytes as Latin-1
        return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300))).decode("latin-1")
    return rng.choice(SEED_LISTS)


def _json_body(rng: random.Random) -> tuple[str | bytes, str]:
    kind = rng.randrange(8)
    if kind == 0:
        return json.dumps({"text": _text(rng), "name": _text(rng)[:100]}), "application/json"
    if kind == 1:
        return json.dumps({"url": rng.choice(URLS)}), "application/json"
    if kind == 2:  # wrong types
        value = rng.choice([None, 1, 1.5, True, [], {}, ["Water"], {"text": "x"}])
        return json.dumps({rng.choice(["text", "url", "name"]): value}), "application/json"
    if kind == 3:  # not JSON
        return _text(rng).encode("utf-8", "surrogatepass"), rng.choice(
            ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]
        )
    if kind == 4:  # JSON that is not an object
        return json.dumps(
            rng.choice([[], "text", 3, None, [{"text": "Water"}]])
        ), "application/json"
    if kind == 5:  # both and neither
        return json.dumps({"text": _text(rng), "url": rng.choice(URLS)}), "application/json"
    if kind == 6:
        return json.dumps({}), "application/json"
    return json.dumps({"text": _text(rng)}), "application/json"


def generate(seed: int, count: int) -> Iterator[tuple[str, str, dict]]:
    """Yield (method, path, request kwargs for the test client)."""
    rng = random.Random(seed)
    for _ in range(count):
        target = rng.randrange(10)
        if target < 4:
            body, ctype = _json_body(rng)
            yield "POST", "/api/v1/analyze", {"data": body, "content_type": ctype}
        elif target < 7:
            data = {"text": _text(rng), "name": _text(rng)[: rng.choice([0, 50, 6000])]}
            if rng.random() < 0.1:
                data.pop("text")
            # Encoded here, as raw bytes: the test client cannot encode a lone surrogate,
            # and a hostile client can send its bytes (invalid UTF-8) all the same.
            body = urlencode(data, encoding="utf-8", errors="surrogatepass")
            yield "POST", "/analyse", {"data": body, "content_type": FORM}
        elif target == 7:
            yield "POST", "/fetch", {"data": {"url": rng.choice(URLS)}}
        else:
            junk = "".join(rng.choice("abc%2F../é💧<>'\"") for _ in range(rng.randrange(0, 30)))
            path = rng.choice(
                ["/r/", "/r/{}.json", "/r/{}.md", "/api/v1/reports/", "/ingredients/"]
            )
            path = path.format(junk) if "{}" in path else path + junk
            yield "GET", path, {}


def make_app(tmp: str):
    from skincheck.web.app import create_app

    return create_app(
        {
            "TESTING": False,  # errors must be answered, not raised into the client
            "INSTANCE_PATH": tmp,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/fuzz.sqlite3",
            "SECRET_KEY": "fuzz",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "ALLOW_PRIVATE_URLS": False,
        }
    )


def run(app, seed: int, count: int) -> tuple[Counter, list[str]]:
    """Send ``count`` generated requests; return status counts and failures."""
    client = app.test_client()
    statuses: Counter = Counter()
    failures: list[str] = []
    for number, (method, path, kwargs) in enumerate(generate(seed, count)):
        try:
            response = client.open(path, method=method, **kwargs)
        except Exception as exc:
            failures.append(f"#{number} {method} {path}: {type(exc).__name__}: {exc}")
            continue
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"#{number} {method} {path}: status {response.status_code}")
        elif b"Traceback" in response.data:
            failures.append(f"#{number} {method} {path}: traceback in body")
    return statuses, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(tmp)
        start = time.perf_counter()
        statuses, failures = run(app, args.seed, args.count)
        wall = time.perf_counter() - start
    print(f"{args.count:,} generated requests in {wall:.0f} s (seed {args.seed})")
    print("statuses:", ", ".join(f"{code}: {n:,}" for code, n in sorted(statuses.items())))
    print(f"crashes (exceptions or 5xx or tracebacks): {len(failures)}")
    for failure in failures[:20]:
        print("  ", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
