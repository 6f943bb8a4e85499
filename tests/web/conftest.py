"""A small shop on a real HTTP server (127.0.0.1, random port) for the URL tests: a
Shopify-shaped product page, a redirect to it, a page without a list, and the ways a
fetch fails (404, a picture, a bot wall, a page over 5 MB, a server that never answers).

The server counts the requests it gets for each path and query, so a test can tell
whether the app fetched a page again or used its cache. ``shop.url(path)`` adds a
query that no other test uses, so counts never mix.
"""

import contextlib
import http.server
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from skincheck import paths

#: The list as the page prints it. Human Adipose Stromal Cell Conditioned Media is the
#: stem-cell conditioned medium of SPEC section 9, worked example 2.
SERUM_LIST = (
    "Water, Human Adipose Stromal Cell Conditioned Media, Glycerin, Butylene Glycol, "
    "Niacinamide, Sodium Hyaluronate, 1,2-Hexanediol, Phenoxyethanol, Ethylhexylglycerin"
)
SERUM_NAME = "Exosome Glow Serum"

# The markup of Shopify's Dawn theme: the product title, its description, and an
# accordion of <details> panels, one of them headed "Ingredients".
SERUM_PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{SERUM_NAME} | Lumen Skin</title>
<meta property="og:description" content="A daily serum with exosomes for a brighter look.">
</head><body><main>
<h1 class="product__title">{SERUM_NAME}</h1>
<div class="product__description rte"><p>Our exosome serum for tired skin.</p></div>
<div class="product__accordion accordion">
 <details id="Details-collapsible-tab-1">
  <summary><div class="summary__title">
   <h2 class="h4 accordion__title">How to use</h2></div></summary>
  <div class="accordion__content rte">
   <p>Press two drops into clean skin, morning and night.</p></div>
 </details>
 <details id="Details-collapsible-tab-2">
  <summary><div class="summary__title">
   <h2 class="h4 accordion__title">Ingredients</h2></div></summary>
  <div class="accordion__content rte" id="ProductAccordion-collapsible-tab-2">
   <p>{SERUM_LIST}</p></div>
 </details>
</div>
</main></body></html>
"""

GIFT_CARD_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Gift Card | Lumen Skin</title></head><body><main>
<h1 class="product__title">Gift Card</h1>
<div class="product__description rte"><p>Let them choose. Sent by email, valid for a year.</p></div>
</main></body></html>
"""

#: Longer than the fetcher's 5 MB cap (skincheck.pages.fetch.fetch, max_bytes=5_000_000).
HUGE_BYTES = 5_000_001
#: How long /p/silent waits before answering: longer than the fetcher's 10 s in all.
SILENT_FOR = 13.0
#: How long /p/slow-serum waits: long enough to watch the "Fetching" status in a browser.
SLOW_FOR = 1.5


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        # The fetcher hangs up on a page too big, as it should.
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        path, _, query = self.path.partition("?")
        query = f"?{query}" if query else ""
        if path == "/p/serum":
            self._send(200, SERUM_PAGE.encode())
        elif path == "/p/moved":
            self._send(301, b"", headers={"Location": f"/p/serum{query}"})
        elif path == "/p/slow-serum":
            time.sleep(SLOW_FOR)
            self._send(200, SERUM_PAGE.encode())
        elif path == "/p/gift-card":
            self._send(200, GIFT_CARD_PAGE.encode())
        elif path == "/p/picture":
            self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
        elif path == "/p/blocked":
            body = b"<html><head><title>Just a moment...</title></head><body>cf-chl</body></html>"
            self._send(403, body, headers={"Server": "cloudflare", "cf-mitigated": "challenge"})
        elif path == "/p/huge":
            self._send(200, b"<p>" + b"a" * (HUGE_BYTES - 3))
        elif path == "/p/silent":
            time.sleep(SILENT_FOR)
            self._send(200, SERUM_PAGE.encode())
        else:
            self._send(404, b"<h1>Not found</h1>")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()


class Shop:
    """The running shop: addresses to give the app, and how often each was requested."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.base = f"http://127.0.0.1:{server.server_address[1]}"

    def url(self, path: str) -> str:
        """An address on the shop that no other test uses."""
        return f"{self.base}{path}?t={uuid.uuid4().hex}"

    def hits(self, url: str) -> int:
        """How many requests the shop got for this address (path and query)."""
        return self._server.hits[url.removeprefix(self.base)]


@pytest.fixture(scope="session")
def shop() -> Iterator[Shop]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Shop(server)
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- a real browser on a real server ------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = paths.PROJECT_ROOT / "artifacts" / "screenshots"
# No sandbox: CI runs as root in a container; the rest keep Chromium off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def serve() -> Iterator[Callable[[Flask], str]]:
    """``serve(app)`` puts an app behind a real werkzeug server on a free port of
    127.0.0.1 in a thread and returns its base URL; stopped after the test."""
    servers: list[tuple[Any, threading.Thread]] = []

    def start(app: Flask) -> str:
        httpd = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        servers.append((httpd, thread))
        return f"http://127.0.0.1:{httpd.server_port}"

    yield start
    for httpd, thread in servers:
        httpd.shutdown()
        thread.join(timeout=5)
        httpd.server_close()


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser is downloaded): one
    per test process (each xdist worker has its own), started by the first browser test.
    Without it the browser tests skip, unless SKINCHECK_REQUIRE_BROWSER=1 makes that a
    failure."""
    if not CHROMIUM.is_file():
        message = f"{CHROMIUM} is missing (Debian package 'chromium'); browser tests need it"
        if os.environ.get("SKINCHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and SKINCHECK_REQUIRE_BROWSER=1")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def browser(chromium: Any) -> Iterator[Any]:
    """The process's Chromium for one test. Each test opens a browser context of its own
    (cookies, storage, viewport: nothing passes between contexts), and any it leaves
    open is closed after it. Starting Chromium for every test, as this fixture did until
    issue 12, cost about 0.45 s of CPU and 0.5 s a test."""
    yield chromium
    for context in chromium.contexts:
        context.close()
