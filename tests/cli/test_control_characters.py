"""``skincheck analyze --url`` prints no terminal escape sequence that a product page
held: a real page on 127.0.0.1 puts ESC and CSI sequences (C0 and C1 controls) into its
product name, its marketing text and its ingredient names, and stdout, in every format,
has no control character but the line break.

Run in this process (tests/cli/conftest.py) with Click told that stdout is a terminal
(``color=True``): ``click.echo`` strips CSI colour sequences from a pipe, so a
subprocess with captured output would hide an ESC[31m that a terminal receives."""

import http.server
import threading
from collections.abc import Iterator

import pytest

ESC = "\x1b"
#: C0 and C1 controls a terminal acts on: colour, clear screen, set the window title
#: (OSC ... BEL), and the one-byte CSI of C1.
PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8">
<title>Glow{ESC}]0;owned{chr(7)} Serum</title>
<script type="application/ld+json">
{{"@context": "https://schema.org", "@type": "Product",
  "name": "Glow {ESC}[31mRed{ESC}[0m Serum\u009b2J"}}
</script></head>
<body>
<h1>Glow {ESC}[31mRed{ESC}[0m Serum\u009b2J</h1>
<p>With exosomes{ESC}[2J for glow.</p>
<h2>Ingredients</h2>
<p>Human Neonatal Fibroblast Conditioned Media, Water, Glycerin, Butylene Glycol,
Niacinamide{ESC}[5m, Sodium Hyaluronate, Panthenol, Allantoin, Carbomer, Tromethamine,
Ethylhexylglycerin, Caprylyl Glycol, Phenoxyethanol, Disodium EDTA, Tocopherol</p>
</body></html>
""".encode()


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def page_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/serum"
    server.shutdown()
    server.server_close()


def _controls(text: str) -> set[str]:
    return {char for char in text if (ord(char) < 32 and char != "\n") or 0x7F <= ord(char) <= 0x9F}


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_no_control_character_from_the_page_reaches_stdout(skincheck, page_url, fmt):
    result = skincheck(
        "analyze", "--url", page_url, "--format", fmt, color=True, SKINCHECK_ALLOW_PRIVATE_URLS="1"
    )
    assert result.exit_code == 0, result.stderr
    stdout = result.stdout
    # The page was read: its list, and its EV ingredient, are in the output.
    assert "Human Neonatal Fibroblast Conditioned Media" in stdout
    assert "Niacinamide" in stdout
    assert b"\x1b" not in result.stdout_bytes
    assert not _controls(stdout), _controls(stdout)
    if fmt == "json":
        # json.dumps writes a control character as \\u001b, itself harmless; none is kept.
        assert "\\u001b" not in stdout and "\\u0007" not in stdout
