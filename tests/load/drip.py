"""A real HTTP server on 127.0.0.1 that sends its page one byte a second: the slowest
shop we can be asked to read. It counts the connections it is serving, so a test can
wait until the fetches it started are really hanging on it."""

import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Far longer than any fetch deadline the tests set: a fetch that waited for the whole
#: page would take a minute.
DRIP_BYTES = 60


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        server: DripServer = self.server  # type: ignore[assignment]
        with server.lock:
            server.open_connections += 1
        try:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.flush()
            for byte in b"<h2>Ingredients</h2><p>" + b"a" * DRIP_BYTES:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(1.0)
        except OSError:
            pass
        finally:
            with server.lock:
                server.open_connections -= 1


class DripServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.open_connections = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait_for(self, connections: int, timeout: float) -> bool:
        """Whether ``connections`` requests are being dripped to within ``timeout`` s."""
        stop = time.monotonic() + timeout
        while True:
            with self.lock:
                if self.open_connections >= connections:
                    return True
            if time.monotonic() >= stop:
                return False
            time.sleep(0.05)


@contextmanager
def drip_server() -> Iterator[DripServer]:
    server = DripServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
