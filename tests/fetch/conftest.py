"""A real HTTP server on 127.0.0.1 (random port) that behaves like shops, slow servers
and bot walls, and listening sockets that record whether anyone connected.

The pages it serves are the ones written for the extract tests (tests/extract/pages);
the odd behaviours (redirect chains, drips, endless bodies, other charsets) are built
here, one route each.
"""

import gzip
import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

PAGES = Path(__file__).parent.parent / "extract" / "pages"
#: How long a slow route keeps dripping before it gives up; far beyond every timeout
#: the tests use, so a fetch that ignored its deadline would get a whole page instead.
DRIP_FOR = 15.0

# windows-1252 bytes: "Crème Légère — 50 ml" (0x97 is an em dash only in windows-1252).
CP1252_NAME = "Crème Légère — 50 ml"
CP1252_LIST = "Aqua, Glycérine, Rosa Damascena Flower Water, Cetearyl Alcohol, Tocopherol, Parfum"
SJIS_LIST = "水、グリセリン、BG、ヒト脂肪細胞順化培養液エキス、スクワラン、フェノキシエタノール"


def _page(title: str, body: str, meta: str = "") -> str:
    head = f"{meta}<title>{title}</title>"
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# The French page: name, "Ingrédients" heading and list, in windows-1252 bytes.
CP1252_BODY = f"<h1>{CP1252_NAME}</h1><h2>Ingrédients</h2><p>{CP1252_LIST}</p>"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(
        self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", headers={"Location": location})

    def _drip_body(self, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Connection", "close")
        self.end_headers()
        self._drip(b"<p>" + b"Aqua, " * 1000)

    def _drip(self, data: bytes) -> None:
        stop = time.monotonic() + DRIP_FOR
        try:
            for byte in data:
                if time.monotonic() > stop:
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:
            return

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path.startswith("/%C3%A9/page/"):  # the same pages under "/é/"
            path = path.removeprefix("/%C3%A9")
        if path.startswith("/page/"):
            file = PAGES / path.removeprefix("/page/")
            kind = "application/json" if file.suffix == ".json" else "text/html; charset=utf-8"
            self._send(200, file.read_bytes(), kind)
        elif path.startswith("/redirect/"):
            # /redirect/3 → /redirect/2 → /redirect/1 → /page/woocommerce.html
            left = int(path.removeprefix("/redirect/"))
            self._redirect(f"/redirect/{left - 1}" if left > 1 else "/page/woocommerce.html")
        elif path == "/loop":
            self._redirect("/loop", 301)
        elif path == "/to":
            self._redirect(query.removeprefix("url="), 307)
        elif path == "/relative":
            self._redirect("../page/heading_de.html")
        elif path == "/redirect-no-location":
            self._send(302, b"")
        elif path == "/echo":
            headers = {name.lower(): value for name, value in self.headers.items()}
            self._send(200, json.dumps(headers).encode(), "application/json")
        elif path == "/slow-body":
            self._drip_body("text/html")
        elif path == "/slow-headers":
            self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 500)
        elif path == "/silent":
            time.sleep(DRIP_FOR)
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>Aqua, Glycerin</p>" * 3000
            stop = time.monotonic() + DRIP_FOR
            try:
                while time.monotonic() < stop:
                    self.wfile.write(chunk)
            except OSError:
                return
        elif path == "/gzip-bomb":
            body = gzip.compress(b"<p>" + b"\0" * 50_000_000, compresslevel=9)
            self._send(200, body, "text/html", {"Content-Encoding": "gzip"})
        elif path == "/gzip-page":
            body = gzip.compress((PAGES / "thg.html").read_bytes())
            self._send(200, body, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        elif path == "/pdf-endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"%PDF" * 10_000)
            except OSError:
                return
        elif path.startswith("/caf") or path == "/%C3%A9":
            # Echo the request line's path and query as they arrived, byte for byte.
            self._send(200, json.dumps({"path": self.path}).encode(), "application/json")
        elif path == "/to-encoded":
            self._redirect("/%C3%A9")
        elif path == "/to-raw-utf8":
            # "/é" as raw UTF-8 bytes in the Location header, as some servers send it;
            # send_header writes latin-1, so these two characters go out as C3 A9.
            self._redirect("/é".encode().decode("latin-1"))
        elif path == "/garbage":
            self.wfile.write(b"THIS IS NOT HTTP\r\n\r\n")
            self.close_connection = True
        elif path == "/image":
            self._send(200, b"\x89PNG\r\n", "image/png")
        elif path == "/cp1252-header":
            body = _page(CP1252_NAME, CP1252_BODY)
            self._send(200, body.encode("cp1252"), "text/html; charset=windows-1252")
        elif path == "/latin1-header":
            # Labelled ISO-8859-1 but holding windows-1252 bytes, as many old shops do.
            body = _page(CP1252_NAME, f"<h1>{CP1252_NAME}</h1>")
            self._send(200, body.encode("cp1252"), "text/html; charset=ISO-8859-1")
        elif path == "/cp1252-http-equiv":
            meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
            body = _page(CP1252_NAME, CP1252_BODY, meta)
            self._send(200, body.encode("cp1252"), "text/html")
        elif path == "/sjis-meta":
            meta = '<meta charset="Shift_JIS">'
            body = _page("美容液", f"<h1>美容液</h1><h2>全成分</h2><p>{SJIS_LIST}</p>", meta)
            self._send(200, body.encode("shift_jis"), "text/html")
        elif path == "/bad-utf8":
            self._send(200, b"<p>Aqua \xff\xfe Glycerin</p>", "text/html")
        elif path == "/no-type-html":
            self._send(200, b"<!doctype html><h1>Plain</h1>", None)
        elif path == "/no-type-binary":
            self._send(200, b"\x00\x01\x02binary", None)
        elif path.startswith("/status/"):
            self._send(int(path.removeprefix("/status/")), b"<h1>Error</h1>")
        elif path == "/cloudflare":
            body = b"<html><head><title>Just a moment...</title></head><body>cf-chl</body></html>"
            bot_wall = {"Server": "cloudflare", "cf-mitigated": "challenge"}
            self._send(403, body, "text/html", bot_wall)
        elif path == "/captcha-503":
            body = b"<html><body><h1>Are you a robot?</h1><div class='captcha'></div></body></html>"
            self._send(503, body)
        elif path == "/too-many":
            self._send(429, b"<h1>Slow down</h1>")
        else:
            self._send(404, b"<h1>Not found</h1>")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """Base URL of the test server, e.g. "http://127.0.0.1:40123"."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class Recorder:
    """A socket that listens and never accepts: a connection attempt leaves an entry in
    its backlog, which ``connected()`` reports."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind((host, 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.host = host
        self.port = self.sock.getsockname()[1]

    def connected(self) -> bool:
        try:
            connection, _ = self.sock.accept()
        except BlockingIOError:
            return False
        connection.close()
        return True

    def close(self) -> None:
        self.sock.close()


class Banner:
    """A port that speaks something other than HTTP: it greets every connection the way
    an SSH server does and then waits for the client's own greeting."""

    GREETING = b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.greeted = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                return
            try:
                # Counted before sending: counted after, a client that read the greeting
                # and hung up could be checked before this thread counted (make test on
                # a loaded machine saw greeted == 0).
                self.greeted += 1
                connection.sendall(self.GREETING)
                connection.settimeout(5)
                connection.recv(4096)
            except OSError:
                pass
            finally:
                connection.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def ssh_like() -> Iterator[Banner]:
    banner = Banner()
    yield banner
    banner.close()


class Filtered:
    """A port whose handshakes go unanswered, as behind a firewall that drops packets:
    a listening socket that never accepts, its queue filled first, so that the kernel
    drops every further SYN and ``connect`` waits until it times out."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(0)
        self.port = self.sock.getsockname()[1]
        self._fillers: list[socket.socket] = []
        for _ in range(4):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self._fillers.append(filler)
        time.sleep(0.2)

    def handshake_answered(self, seconds: float = 0.5) -> bool:
        """Whether a new connection completes within ``seconds`` (it should not)."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(seconds)
            try:
                probe.connect(("127.0.0.1", self.port))
            except OSError:
                return False
            return True

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self.sock.close()


@pytest.fixture
def filtered() -> Iterator[Filtered]:
    port = Filtered()
    yield port
    port.close()


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    listener = Recorder()
    yield listener
    listener.close()


@pytest.fixture
def recorder_127_0_0_2() -> Iterator[Recorder]:
    listener = Recorder("127.0.0.2")
    yield listener
    listener.close()
