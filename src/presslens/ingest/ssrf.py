"""The SSRF guard: decide, before any connection, which addresses a URL may be fetched from.

Why this shape: checking a host name and then letting the HTTP library resolve it again leaves a
window in which a rebinding DNS server answers the check with a public address and the connect
with 127.0.0.1. So the guard resolves once, checks every address the name resolves to, and hands
back the checked addresses; the transport (``ingest/transport.py``) connects to those only.
Numeric hosts are parsed here with the same leniency as the C library's ``inet_aton``
(``2130706433``, ``0x7f.1``, ``127.1``, ``0177.0.0.1``), so an odd spelling cannot slip past a
stricter parser while the resolver still understands it.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from presslens.errors import FetchError, ForbiddenAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_SCHEMES = ("http", "https")

# Names that reach a cloud provider's instance metadata service (credentials live there). They
# are refused by name before any lookup, even with allow_private: no news page lives there.
METADATA_HOSTS = frozenset(
    {
        "metadata.google.internal",  # GCP
        "metadata",  # GCP short name inside a VPC
        "metadata.goog",  # GCP alias
        "instance-data",  # AWS EC2 short name
        "instance-data.ec2.internal",  # AWS EC2
    }
)
# Their addresses, refused even with allow_private for the same reason.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean …
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IPv6 metadata
        "100.100.100.200",  # Alibaba Cloud
    )
)

# Ranges a public news page never lives in, each named so the error says which one was hit.
# Python's ``is_global`` covers them too (the final check); the names make the message useful,
# and 100.64.0.0/10 is listed explicitly because ``is_private`` misses it (issue 16).
FORBIDDEN_NETWORKS: tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...] = tuple(
    (ipaddress.ip_network(net), why)
    for net, why in (
        ("0.0.0.0/8", "unspecified/this-network"),  # 0.0.0.0 connects to the local host on Linux
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT shared"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fc00::/7", "unique-local (private)"),
        ("fe80::/10", "link-local"),
        ("ff00::/8", "multicast"),
        ("2001:db8::/32", "documentation"),
    )
)

# The only IPv6 block public hosts are numbered from (RFC 4291); NAT64 (64:ff9b::/96) is judged
# by its embedded IPv4 address before this applies.
GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")

RESOLVE_TIMEOUT = 10.0  # seconds; a resolver that hangs longer is treated as a failed lookup


@dataclass(frozen=True)
class Target:
    """A URL that passed the guard: the host as the HTTP library will name it, and its address."""

    url: str
    host: str  # normalised: lower case, no brackets, no trailing dot
    addresses: tuple[str, ...]  # the checked addresses, the only ones the transport may use

    @property
    def address(self) -> str:
        """The first checked address (the resolver's preferred one)."""
        return self.addresses[0]


def normalise_host(host: str) -> str:
    """Lower case, without IPv6 brackets and trailing dots: one key for the checked host."""
    return host.strip("[]").rstrip(".").lower()


def parse_numeric_host(host: str) -> IPAddress | None:
    """The address a numeric host names, in every spelling ``inet_aton`` accepts, else None.

    IPv4: one to four dot-separated parts, each decimal, octal (leading 0) or hex (0x); the
    last part fills the remaining bytes (``127.1`` = 127.0.0.1, ``2130706433`` = 127.0.0.1).
    IPv6 literals (also IPv4-mapped ``::ffff:127.0.0.1``) go through ``ipaddress``.
    """
    host = normalise_host(host)
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host.split("%")[0])
        except ValueError:
            return None
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values: list[int] = []
    for part in parts:
        try:
            if part.startswith(("0x", "0X")):
                values.append(int(part[2:] or "0", 16))
            elif len(part) > 1 and part.startswith("0"):
                values.append(int(part, 8))
            else:
                values.append(int(part, 10) if part.isdigit() else -1)
        except ValueError:
            return None
        if values[-1] < 0:
            return None
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = 0
    for v in head:
        number = number * 256 + v
    number = number * 256 ** (4 - len(head)) + last
    return ipaddress.IPv4Address(number)


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64), which is where it goes."""
    if isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_reason(ip: IPAddress, allow_private: bool) -> str | None:
    """Why ``ip`` may not be fetched, or None. Metadata addresses are refused even if allowed."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        return forbidden_reason(inner, allow_private)
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if allow_private:
        return None
    for net, why in FORBIDDEN_NETWORKS:
        if ip.version == net.version and ip in net:
            return why
    if ip.version == 6 and ip not in GLOBAL_UNICAST_V6:
        # Everything else outside 2000::/3 (IPv4-translated ::ffff:0:0/96, IPv4-compatible
        # ::a.b.c.d, discard 100::/64 …) is refused outright rather than listed one by one.
        return "not IPv6 global unicast"
    if not ip.is_global:
        return "not globally routable"
    return None


def resolve(host: str, port: int, timeout: float, url: str) -> list[IPAddress]:
    """All addresses ``host`` resolves to, looked up once, within ``timeout`` seconds."""
    numeric = parse_numeric_host(host)
    if numeric is not None:
        return [numeric]
    result: list[object] = []

    def lookup() -> None:
        try:
            result.append(socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP))
        except (OSError, UnicodeError) as exc:
            result.append(exc)

    # getaddrinfo has no timeout of its own; a daemon thread bounds how long we wait for it.
    worker = threading.Thread(target=lookup, daemon=True, name="presslens-resolve")
    worker.start()
    worker.join(max(0.1, min(timeout, RESOLVE_TIMEOUT)))
    if not result:
        raise FetchError(f"resolving host {host!r} timed out", source=url)
    outcome = result[0]
    if isinstance(outcome, BaseException):
        reason = getattr(outcome, "strerror", None) or str(outcome) or type(outcome).__name__
        raise FetchError(f"cannot resolve host {host!r} ({reason})", source=url)
    addresses: list[IPAddress] = []
    for info in outcome:  # type: ignore[union-attr]
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise FetchError(f"host {host!r} has no address", source=url)
    return addresses


def check_url(url: str, allow_private: bool, timeout: float = RESOLVE_TIMEOUT) -> Target:
    """Refuse ``url`` unless it is http(s) and every address of its host may be fetched.

    Returns the pinned Target to connect to. Raises ForbiddenAddressError (E007) for a refused
    scheme, name or address, FetchError for a URL that cannot be parsed or resolved.
    """
    import httpx

    scheme = url.split(":", 1)[0].strip().lower() if ":" in url else ""
    if scheme not in ALLOWED_SCHEMES:
        shown = f"scheme {scheme + ':'!r}" if scheme else "a URL without a scheme"
        raise ForbiddenAddressError(
            f"refusing {shown}: only http and https are fetched", source=url
        )
    try:
        parsed = httpx.URL(canonical_numeric(url))  # raises ValueError for e.g. a bad port
        raw_host = parsed.host
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(f"invalid URL ({exc})", source=url) from None
    host = normalise_host(raw_host)
    if not host:
        raise FetchError("URL has no host", source=url)
    if host in METADATA_HOSTS or host.endswith(".metadata.google.internal"):
        raise ForbiddenAddressError(f"refusing cloud metadata host {host!r}", source=url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    addresses = resolve(host, port, timeout, url)
    for ip in addresses:
        why = forbidden_reason(ip, allow_private)
        if why:
            raise ForbiddenAddressError(_refusal(ip, why), source=url)
    return Target(url=str(parsed), host=host, addresses=tuple(str(ip) for ip in addresses))


def canonical_numeric(url: str) -> str:
    """``url`` with a numeric host in its canonical spelling (``0177.0.0.1`` -> ``127.0.0.1``).

    Browsers canonicalise these hosts the same way (WHATWG URL); doing it before httpx parses
    the URL means one parser decides which address a host names, and httpx (which rejects
    some of these spellings) can still fetch them when they are allowed.
    """
    parts = urlsplit(url)
    host = parts.hostname
    ip = parse_numeric_host(host) if host else None
    if ip is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0] + "@" if len(netloc) == 2 else ""
    shown = f"[{ip}]" if ip.version == 6 else str(ip)
    port = f":{parts.port}" if parts.port is not None else ""  # ValueError for a bad port
    return urlunsplit(
        (parts.scheme, userinfo + shown + port, parts.path, parts.query, parts.fragment)
    )


def _refusal(ip: IPAddress, why: str) -> str:
    hint = "" if why == "cloud metadata" else "; use --allow-private to fetch it"
    return f"refusing to fetch {ip} ({why} address){hint}"
