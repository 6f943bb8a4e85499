"""Fetch one product page that a person asked us to read, without letting the URL reach inside.

This is the only module in skincheck that opens network connections (its address
rules live in skincheck.pages.addresses). A URL typed
into the form is an attack surface (server-side request forgery), so ``fetch``:

* accepts only http and https, on the web's own ports 80 and 443 (any port only under
  SKINCHECK_ALLOW_PRIVATE_URLS, for local servers), so it cannot be used to probe
  other services;
* sends a path or query that holds non-ASCII characters ("/café", or a redirect to
  one in raw UTF-8) percent-encoded, as browsers do;
* works out every address the host stands for *before* connecting, in every
  spelling ("2130706433", "0177.0.0.1", "127.1", "0x7f000001", "[::ffff:127.0.0.1]",
  "localhost"), and refuses loopback, private, link-local (169.254.169.254, the
  cloud metadata address), multicast, reserved, shared, documentation, and IPv6
  forms that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4, Teredo);
* connects to exactly the address it checked (no second DNS lookup), sending the
  host name in the Host header and, for https, in SNI and the certificate check;
* follows redirects itself, checking each Location the same way;
* says the same thing for every way of not reaching a web server (refused, filtered,
  unreachable, or a port that does not speak HTTP), so its answers map no ports;
* caps the body (``max_bytes``) and the whole exchange (``timeout``, for every hop
  together: a server that drips one byte a second is cut off at the deadline);
* ignores proxy environment variables (urllib3 is used directly and never reads them);
* accepts only HTML and JSON, and decodes the text by the declared charset, then
  the page's own <meta charset>, then UTF-8 with replacement.

It does not parse the page (``skincheck.pages.extract`` does), cache, rate-limit or retry:
the services around it do that.
"""

import codecs
import contextlib
import enum
import http.client
import ipaddress
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote
from urllib.parse import urljoin
from urllib.parse import urlsplit

import certifi
import urllib3
from urllib3.connection import HTTPConnection
from urllib3.connection import HTTPSConnection

from skincheck import __version__
from skincheck.core.errors import SkincheckError
from skincheck.core.model import Fetched
from skincheck.pages.addresses import any_address
from skincheck.pages.addresses import IPAddress
from skincheck.pages.addresses import is_public_address
from skincheck.pages.addresses import parse_ipv4

#: Decides whether we may connect to an address: is_public_address, or any_address
#: for local servers (SKINCHECK_ALLOW_PRIVATE_URLS).
AddressRule = Callable[[IPAddress], bool]

USER_AGENT = (
    f"skincheck/{__version__} (+ingredient list checker; fetches one page on a user's request)"
)

#: Content types we read; anything else is refused before its body is read.
ACCEPTED_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "application/json", "application/ld+json"}
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
#: How much of an error page we read to recognise a bot wall.
_ERROR_PAGE_BYTES = 64 * 1024


class FetchErrorKind(enum.StrEnum):
    """Why a page could not be fetched. The values are the API's "error" codes."""

    #: Not a web address, or a broken site name in it.
    BAD_URL = "bad_url"
    #: A scheme other than http or https (the address given, or a redirect's).
    BAD_SCHEME = "bad_scheme"
    #: The site's address is loopback, private, link-local or otherwise not public.
    REFUSED_ADDRESS = "refused_address"
    #: A port other than the web's own (80, 443).
    REFUSED_PORT = "refused_port"
    #: The site's name could not be looked up.
    DNS = "dns"
    #: No web server answered at the address (refused, filtered, unreachable, not HTTP).
    CONNECTION = "connection"
    #: The site answered with an error status, or a redirect that leads nowhere.
    HTTP_ERROR = "http_error"
    #: The site answered with a bot wall.
    BLOCKED = "blocked"
    #: The body was larger than we read.
    TOO_BIG = "too_big"
    #: Neither HTML nor JSON.
    NOT_HTML = "not_html"
    #: More redirects than we follow, or a loop.
    TOO_MANY_REDIRECTS = "too_many_redirects"
    #: The whole exchange ran past its deadline.
    TIMEOUT = "timeout"


#: The ports fetched from a public address: the web's own.
WEB_PORTS = frozenset({80, 443})
#: One sentence for every way of not reaching a web server (see the module docstring).
UNREACHABLE = "We could not reach a web server at that address."


class FetchError(SkincheckError):
    """A page could not be fetched. ``kind`` names the cause; the message is a plain
    sentence for the person who gave us the link."""

    def __init__(self, kind: FetchErrorKind, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        #: FetchErrorKind(kind) refuses (ValueError) a kind that is not one.
        self.kind = FetchErrorKind(kind)
        self.message = message
        #: The HTTP status, for "http_error" and "blocked".
        self.status = status




# ---------------------------------------------------------------------------
# The URL, its host and its addresses


@dataclass(frozen=True, slots=True)
class _Target:
    scheme: str
    host: str  # as sent in Host and SNI: IDNA-encoded name, or the address text
    port: int
    path: str  # path and query, as sent in the request line
    addresses: tuple[IPAddress, ...]


def _host_header(target: _Target) -> str:
    host = f"[{target.host}]" if ":" in target.host else target.host
    default = 443 if target.scheme == "https" else 80
    return host if target.port == default else f"{host}:{target.port}"


_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _percent_encoded(path: str) -> str:
    """``path`` with every non-ASCII character percent-encoded as UTF-8 ("/café" →
    "/caf%C3%A9"): the request line is ASCII, and http.client raised UnicodeEncodeError
    on "/café" (a 500 from the API and the form)."""
    return _NON_ASCII.sub(lambda match: quote(match.group(), safe=""), path)


def _location(value: str) -> str:
    """A Location header as the server meant it. http.client reads header bytes as
    Latin-1, so a raw UTF-8 "/café" arrives as "/cafÃ©"; bytes that are not UTF-8 are
    kept as they came."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _split(url: str) -> tuple[str, str, int, str]:
    """Scheme, host, port and request path of ``url``, or FetchError."""
    if not isinstance(url, str) or not url or len(url) > 4096 or _UNSAFE_URL_CHARS.search(url):
        raise FetchError(FetchErrorKind.BAD_URL, "That does not look like a web address.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(FetchErrorKind.BAD_URL, "That does not look like a web address.") from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(
            FetchErrorKind.BAD_SCHEME,
            "Only web addresses that start with http:// or https:// can be read."
        )
    host = parts.hostname
    if not host:
        raise FetchError(FetchErrorKind.BAD_URL, "That web address has no site name in it.")
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, host, port or (443 if scheme == "https" else 80), _percent_encoded(path)


def _resolve(host: str, port: int, deadline: float) -> list[IPAddress]:
    """Every address the name resolves to, looked up once, within the deadline."""
    found: list[IPAddress] = []
    failure: list[BaseException] = []

    def lookup() -> None:
        try:
            for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
                address = ipaddress.ip_address(sockaddr[0])
                if address not in found:
                    found.append(address)
        except (OSError, UnicodeError, ValueError) as error:
            failure.append(error)

    # getaddrinfo() cannot be given a timeout; a daemon thread lets us stop waiting.
    worker = threading.Thread(target=lookup, daemon=True)
    worker.start()
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        raise FetchError(FetchErrorKind.TIMEOUT, "The site took too long to answer.")
    if failure or not found:
        raise FetchError(
            FetchErrorKind.DNS, f"We could not find the site {host!r}. Check the address."
        )
    return found


def _target(
    url: str, address_allowed: AddressRule, deadline: float, ports: frozenset[int] | None
) -> _Target:
    scheme, host, port, path = _split(url)
    refused = FetchError(
        FetchErrorKind.REFUSED_ADDRESS,
        "That address points inside a private network, so we will not open it.",
    )
    addresses: list[IPAddress]
    if ":" in host:  # urlsplit keeps IPv6 literals without their brackets
        try:
            addresses = [ipaddress.IPv6Address(host)]
        except ValueError:
            raise FetchError(
                FetchErrorKind.BAD_URL, "That web address has a broken site name."
            ) from None
        host = str(addresses[0])
    else:
        try:
            literal = parse_ipv4(host)
        except ValueError:
            raise FetchError(
                FetchErrorKind.BAD_URL, "That web address has a broken site name."
            ) from None
        if literal is not None:
            addresses, host = [literal], str(literal)
        else:
            try:
                host = host.rstrip(".").encode("idna").decode("ascii")
            except UnicodeError:
                raise FetchError(
                    FetchErrorKind.BAD_URL, "That web address has a broken site name."
                ) from None
            # RFC 6761: "localhost" and every name under it are this machine, whatever
            # the resolver says.
            if (host == "localhost" or host.endswith(".localhost")) and not address_allowed(
                ipaddress.IPv4Address("127.0.0.1")
            ):
                raise refused
            addresses = _resolve(host, port, deadline)
    # Every address must pass, not just the first: a name that answers with one public
    # and one private address is refused (we would not know which one we reach).
    if not all(address_allowed(address) for address in addresses):
        raise refused
    # Checked after the address, so "127.0.0.1:22" still says "private network".
    if ports is not None and port not in ports:
        raise FetchError(
            FetchErrorKind.REFUSED_PORT,
            "Only web addresses on the usual web ports (80 and 443) can be read.",
        )
    return _Target(scheme, host, port, path, tuple(addresses))


# ---------------------------------------------------------------------------
# One request to one checked address


def _connection(
    target: _Target, address: IPAddress, seconds: float
) -> HTTPConnection | HTTPSConnection:
    # One number for connect and for each read; the watchdog caps the total.
    timeout = seconds
    if target.scheme == "https":
        return HTTPSConnection(
            str(address),
            target.port,
            timeout=timeout,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return HTTPConnection(str(address), target.port, timeout=timeout)


class _Watchdog:
    """Shuts the connection's socket at the deadline, so that no slow server (one header
    byte a second, a body that never ends) can hold us past it; socket timeouts alone
    restart with every byte received."""

    def __init__(self, connection: HTTPConnection, deadline: float) -> None:
        self.fired = False
        self._connection = connection
        self._timer = threading.Timer(max(0.0, deadline - time.monotonic()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self._connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _timeout_error() -> FetchError:
    return FetchError(FetchErrorKind.TIMEOUT, "The site took too long to answer.")


def _too_big(max_bytes: int) -> FetchError:
    return FetchError(
        FetchErrorKind.TOO_BIG,
        f"The page is larger than {max_bytes // 1_000_000 or 1} MB, more than we read.",
    )


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: urllib3.HTTPHeaderDict
    body: bytes


def _exchange(
    target: _Target,
    *,
    deadline: float,
    max_bytes: int,
    user_agent: str,
    body_wanted: Callable[[int, urllib3.HTTPHeaderDict], int],
) -> _Answer:
    """GET ``target`` from the first of its checked addresses that accepts a connection.

    ``body_wanted(status, headers)`` says how many body bytes to read (0 to skip it); it
    may raise FetchError to stop before the body (a wrong content type).
    """
    headers = {
        "Host": _host_header(target),
        "User-Agent": user_agent,
        "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
        "Connection": "close",
    }
    last_error: Exception | None = None
    for address in target.addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if last_error is not None:
                break
            raise _timeout_error()
        connection = _connection(target, address, remaining)
        watchdog = _Watchdog(connection, deadline)
        try:
            try:
                connection.connect()
            except (OSError, urllib3.exceptions.HTTPError) as error:
                # Refused, filtered (the connect times out) and unreachable all say
                # UNREACHABLE, below: which one it was would map the host's ports.
                last_error = error
                continue
            return _send(connection, target, headers, max_bytes, body_wanted, watchdog)
        except http.client.BadStatusLine:
            if watchdog.fired or time.monotonic() >= deadline:
                raise _timeout_error() from None
            # Something answered, but not in HTTP (an SSH or mail server, say), or
            # hung up without answering.
            raise FetchError(FetchErrorKind.CONNECTION, UNREACHABLE) from None
        except (OSError, http.client.HTTPException, urllib3.exceptions.HTTPError) as error:
            if watchdog.fired or time.monotonic() >= deadline:
                raise _timeout_error() from None
            if isinstance(error, urllib3.exceptions.ReadTimeoutError | TimeoutError):
                raise _timeout_error() from None
            raise FetchError(
                FetchErrorKind.CONNECTION,
                "The connection to the site broke before the page arrived.",
            ) from None
        finally:
            watchdog.cancel()
            connection.close()
    if isinstance(last_error, urllib3.exceptions.SSLError):
        raise FetchError(
            FetchErrorKind.CONNECTION,
            "The site's secure connection could not be verified, so we stopped.",
        )
    raise FetchError(FetchErrorKind.CONNECTION, UNREACHABLE)


def _send(
    connection: HTTPConnection,
    target: _Target,
    headers: dict[str, str],
    max_bytes: int,
    body_wanted: Callable[[int, urllib3.HTTPHeaderDict], int],
    watchdog: _Watchdog,
) -> _Answer:
    connection.request("GET", target.path, headers=headers, preload_content=False)
    response = connection.getresponse()
    try:
        limit = body_wanted(response.status, response.headers)
        chunks: list[bytes] = []
        size = 0
        while size < limit:
            # read1 returns whatever has arrived (at most _CHUNK decoded bytes, so a
            # gzip bomb cannot inflate past the cap in one call).
            chunk = response.read1(_CHUNK)
            if watchdog.fired:
                raise _timeout_error()
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if limit > max_bytes and size > max_bytes:
            raise _too_big(max_bytes)
        return _Answer(response.status, response.headers, b"".join(chunks)[:limit])
    finally:
        response.release_conn()
        response.close()


# ---------------------------------------------------------------------------
# Reading the answer


def _media_type(headers: urllib3.HTTPHeaderDict) -> tuple[str, str | None]:
    value = headers.get("Content-Type", "")
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, param_value = param.strip().partition("=")
        if name.strip().lower() == "charset":
            charset = param_value.strip().strip("\"'") or None
    return media.strip().lower(), charset


# Browsers read "iso-8859-1", "latin1" and "us-ascii" as windows-1252 (WHATWG Encoding):
# pages labelled latin-1 really carry curly quotes and euro signs at 0x80-0x9F.
_WHATWG_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252", "shift_jis": "cp932"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name, name)


def decode(body: bytes, media_type: str, declared: str | None) -> tuple[str, str]:
    """The text of ``body`` and the codec used: byte-order mark, then the declared
    charset, then (for HTML) <meta charset> or http-equiv in the first 16 kB, then UTF-8
    with replacement characters."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace"), name
    charset = _codec(declared)
    if charset is None and "json" not in media_type:
        match = _META_CHARSET.search(body[:16_384])
        charset = _codec(match.group(1).decode("ascii")) if match else None
        # A page saved as UTF-16 cannot really declare it in ASCII bytes.
        if charset and charset.startswith("utf_16"):
            charset = None
    charset = charset or "utf-8"
    return body.decode(charset, errors="replace"), charset


_BOT_WALL_HEADERS = (("cf-mitigated", "challenge"), ("server", "cloudflare"))
_BOT_WALL_MARKERS = re.compile(
    rb"captcha|cf-chl|challenge-platform|cf-browser-verification|just a moment\.\.\.|"
    rb"attention required!? \| cloudflare|ddos protection by|datadome|perimeterx|px-captcha|"
    rb"are you a robot|verify you are (?:a )?human|access denied.{0,400}reference #",
    re.I | re.S,
)


def _is_bot_wall(status: int, headers: urllib3.HTTPHeaderDict, body: bytes) -> bool:
    if status not in {403, 429, 503}:
        return False
    for name, value in _BOT_WALL_HEADERS:
        if value in headers.get(name, "").lower():
            return True
    return bool(_BOT_WALL_MARKERS.search(body))


# ---------------------------------------------------------------------------
# The public entry point


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 4,
    user_agent: str = USER_AGENT,
) -> Fetched:
    """Fetch ``url`` and return its decoded text, or raise FetchError.

    ``allow_private`` (the setting SKINCHECK_ALLOW_PRIVATE_URLS) lets the fetch reach
    loopback and private addresses on any port, for tests and local use; it never
    allows a scheme other than http or https. Otherwise only ports 80 and 443 are
    fetched, a port typed into the address included: a shop's page is never elsewhere,
    and any other port is some other service.
    """
    return fetch_with_rule(
        url,
        address_allowed=any_address if allow_private else is_public_address,
        ports=None if allow_private else WEB_PORTS,
        timeout=timeout,
        max_bytes=max_bytes,
        max_redirects=max_redirects,
        user_agent=user_agent,
    )


def fetch_with_rule(
    url: str,
    *,
    address_allowed: AddressRule,
    ports: frozenset[int] | None = WEB_PORTS,
    timeout: float = 10.0,
    max_bytes: int = 5_000_000,
    max_redirects: int = 4,
    user_agent: str = USER_AGENT,
) -> Fetched:
    """``fetch`` with the address rule passed in.

    ``fetch`` is this function with ``is_public_address`` (or ``any_address`` when
    private addresses are allowed). It exists so that the tests can prove, without the
    internet, that a redirect from an allowed address to a refused one is stopped before
    connecting: they allow 127.0.0.1 only and redirect to 127.0.0.2. The same rule is
    applied to the first URL and to every Location, so nothing else differs.
    ``ports`` are the ports that may be fetched (None: any).
    """
    deadline = time.monotonic() + timeout
    redirects: list[str] = []
    current = url
    while True:
        target = _target(current, address_allowed, deadline, ports)

        def body_wanted(status: int, headers: urllib3.HTTPHeaderDict) -> int:
            if status in _REDIRECTS:
                return 0
            if status >= 400:
                return _ERROR_PAGE_BYTES
            media, _ = _media_type(headers)
            if media and media not in ACCEPTED_TYPES:
                raise FetchError(
                    FetchErrorKind.NOT_HTML,
                    f"That link leads to a file of type {media!r}, not a web page we can read.",
                )
            return max_bytes + 1

        answer = _exchange(
            target,
            deadline=deadline,
            max_bytes=max_bytes,
            user_agent=user_agent,
            body_wanted=body_wanted,
        )
        if answer.status in _REDIRECTS:
            location = answer.headers.get("Location")
            if not location:
                raise FetchError(
                    FetchErrorKind.HTTP_ERROR,
                    "The site sent a redirect without saying where.",
                    status=answer.status,
                )
            if len(redirects) >= max_redirects:
                raise FetchError(
                    FetchErrorKind.TOO_MANY_REDIRECTS,
                    f"The site sent us on more than {max_redirects} redirects, so we stopped.",
                )
            current = urljoin(current, _location(location.strip()))
            redirects.append(current)
            continue
        break
    if _is_bot_wall(answer.status, answer.headers, answer.body):
        raise FetchError(
            FetchErrorKind.BLOCKED,
            "The shop's bot protection refused our request. Copy the ingredient list from "
            "the page and paste it instead.",
            status=answer.status,
        )
    if answer.status >= 300 or answer.status < 200:
        raise FetchError(
            FetchErrorKind.HTTP_ERROR,
            f"The site answered with an error (HTTP {answer.status}) instead of the page.",
            status=answer.status,
        )
    media, declared = _media_type(answer.headers)
    text, charset = decode(answer.body, media, declared)
    if not media:
        # No Content-Type at all: read it only if it looks like markup or JSON.
        start = text.lstrip()[:1]
        if start not in {"<", "{", "["}:
            raise FetchError(
                FetchErrorKind.NOT_HTML, "That link does not lead to a web page we can read."
            )
        media = "text/html" if start == "<" else "application/json"
    return Fetched(
        requested_url=url,
        final_url=current,
        status=answer.status,
        content_type=media,
        charset=charset,
        text=text,
        redirects=tuple(redirects),
    )
