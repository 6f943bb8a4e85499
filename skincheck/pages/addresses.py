"""Which network addresses a product-page fetch may connect to: the server-side
request forgery rules, kept apart from the fetcher so they can be read and tested on
their own.

is_public_address() refuses loopback, private, link-local (169.254.169.254, the cloud
metadata address), multicast, reserved, shared and documentation ranges, and IPv6 forms
that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4, Teredo).
parse_ipv4() reads every spelling a URL's host may use for an IPv4 address
("2130706433", "0177.0.0.1", "127.1", "0x7f000001"). Written by hand: no maintained
library covers these spellings and ranges together. It opens no connection and
resolves no name (skincheck.pages.fetch does both, with these rules).
"""

import ipaddress
import re

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address



def _networks(*cidrs: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(cidr) for cidr in cidrs)


# IANA special-purpose registries, written out because the interpreter's own tables were
# wrong before CVE-2024-4032 was fixed (this venv runs 3.11.7, which predates the fix).
_BLOCKED_V4 = _networks(
    "0.0.0.0/8",  # "this network"; 0.0.0.0 reaches the local host on Linux
    "10.0.0.0/8",
    "100.64.0.0/10",  # shared address space (carrier-grade NAT)
    "127.0.0.0/8",
    "169.254.0.0/16",  # link-local, including 169.254.169.254 (cloud metadata)
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.88.99.0/24",  # 6to4 relay anycast
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, and 255.255.255.255
)
_BLOCKED_V6 = _networks(
    "::/96",  # unspecified, loopback and IPv4-compatible (::127.0.0.1)
    "::ffff:0:0/96",  # IPv4-mapped (::ffff:127.0.0.1)
    "::ffff:0:0:0/96",  # IPv4-translated
    "64:ff9b::/96",  # NAT64 well-known prefix (64:ff9b::7f00:1 reaches 127.0.0.1)
    "64:ff9b:1::/48",  # local-use NAT64
    "100::/64",  # discard-only
    "2001::/23",  # IETF protocol assignments, including Teredo 2001::/32
    "2001:db8::/32",  # documentation
    "3fff::/20",  # documentation
    "5f00::/16",  # segment routing
    "fc00::/7",  # unique local
    "fe80::/10",  # link-local
    "fec0::/10",  # site-local (deprecated, still routed by some stacks)
    "ff00::/8",  # multicast
)
_SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` is an ordinary public address a shop's server could have.

    Addresses that embed an IPv4 address are judged by what they embed (6to4) or refused
    outright (mapped, compatible, NAT64, Teredo), because a router would deliver them
    to the embedded address.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            return False
        if address in _SIX_TO_FOUR:
            embedded = address.sixtofour
            return embedded is not None and is_public_address(embedded)
        if any(address in network for network in _BLOCKED_V6):
            return False
    elif any(address in network for network in _BLOCKED_V4):
        return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
    )


def any_address(address: IPAddress) -> bool:
    """The rule under SKINCHECK_ALLOW_PRIVATE_URLS: every address may be reached."""
    return True


_NUMBER = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")


def parse_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Read ``host`` the way browsers and inet_aton() do, or return None if it is a name.

    "127.1", "0177.0.0.1", "0x7f.1", "2130706433" and "127.0.0.1." all mean 127.0.0.1
    to the C library, so they must mean it to the check too (WHATWG URL, IPv4 parser).
    Raises ValueError for a numeric host that is no address ("1.2.3.4.5", "999.1").
    """
    parts = host.split(".")
    if parts and parts[-1] == "" and len(parts) > 1:
        parts.pop()
    if not parts or not _NUMBER.match(parts[-1]):
        return None
    if len(parts) > 4:
        raise ValueError("too many parts")
    numbers = []
    for part in parts:
        if not _NUMBER.match(part):
            raise ValueError(f"not a number: {part!r}")
        if part[:2].lower() == "0x":
            numbers.append(int(part[2:] or "0", 16))
        elif len(part) > 1 and part.startswith("0"):
            numbers.append(int(part, 8))
        else:
            numbers.append(int(part))
    *leading, last = numbers
    if any(n > 255 for n in leading) or last >= 256 ** (5 - len(numbers)):
        raise ValueError("part out of range")
    value = last
    for index, n in enumerate(leading):
        value += n << (8 * (3 - index))
    return ipaddress.IPv4Address(value)
