"""Read one source — a path, '-' for stdin, an http(s) URL, a gzip file — into a RawPage.

URLs are fetched with httpx, one hop at a time, so every redirect target is checked against
loopback/private/link-local addresses (an SSRF guard for the web app and batch runner) and the
number of hops is bounded. Bodies are streamed and cut at the size limit.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from presslens.errors import FetchError, ForbiddenAddressError, InputError, TooLargeError
from presslens.ingest.limits import GZIP_MAGIC, gunzip_bounded, read_bounded
from presslens.ingest.rawpage import RawPage
from presslens.settings import DEFAULT_SETTINGS, Settings


def read_source(source: str | Path, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """Read ``source`` into a RawPage, raising a PressLens InputError subclass on failure."""
    src = str(source)
    if src == "-":
        page = RawPage("stdin", read_bounded(sys.stdin.buffer, settings.max_bytes, "stdin"))
    elif src.lower().startswith(("http://", "https://")):
        page = fetch_url(src, settings)
    else:
        page = _read_file(Path(src), settings)
    if page.data.startswith(GZIP_MAGIC):
        data = gunzip_bounded(
            page.data, settings.max_bytes, settings.max_compression_ratio, page.uri
        )
        page = RawPage(page.uri, data, page.content_type, page.http_charset, page.fetched_at)
    return page


def _read_file(path: Path, settings: Settings) -> RawPage:
    src = str(path)
    try:
        if path.is_dir():
            raise InputError("is a directory, not a file", source=src)
        size = path.stat().st_size
        if size > settings.max_bytes and not src.endswith(".gz"):
            raise TooLargeError(
                f"file is {size:,} bytes, above the limit of {settings.max_bytes:,}", source=src
            )
        with path.open("rb") as fh:
            data = read_bounded(fh, settings.max_bytes, src)
    except FileNotFoundError:
        raise InputError("no such file", source=src) from None
    except PermissionError:
        raise InputError("permission denied", source=src) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=src) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})", source=src) from None
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    return RawPage(uri=path.resolve().as_uri(), data=data, fetched_at=mtime)


def check_address(url: str, allow_private: bool) -> None:
    """Refuse URLs whose host resolves to loopback, private, link-local or reserved space."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http(s) URLs with a host can be fetched", source=url)
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 0, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(
            f"cannot resolve host {parts.hostname!r} ({exc.strerror})", source=url
        ) from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if (
            ip.is_loopback
            or ip.is_private
            or ip.is_link_local
            or ip.is_reserved
            or ip.is_multicast
            or ip.is_unspecified
        ):
            raise ForbiddenAddressError(
                f"refusing to fetch {ip} (loopback/private/link-local; use --allow-private)",
                source=url,
            )


def fetch_url(url: str, settings: Settings = DEFAULT_SETTINGS) -> RawPage:
    """Fetch ``url`` with bounded redirects, timeouts and body size."""
    import httpx

    current = url
    timeout = httpx.Timeout(settings.fetch_timeout, connect=min(10.0, settings.fetch_timeout))
    headers = {"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, headers=headers) as client:
            for _hop in range(settings.max_redirects + 1):
                check_address(current, settings.allow_private)
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            raise FetchError("redirect without a Location header", source=url)
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        raise FetchError(
                            f"HTTP {resp.status_code} {resp.reason_phrase}", source=url
                        )
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
                        raise TooLargeError(
                            f"server announces {int(declared):,} bytes, above the limit",
                            source=url,
                        )
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > settings.max_bytes:
                            raise TooLargeError(
                                f"body larger than the limit of {settings.max_bytes:,} bytes",
                                source=url,
                            )
                    ctype = resp.headers.get("content-type")
                    return RawPage(
                        uri=str(resp.url),
                        data=bytes(body),
                        content_type=ctype,
                        http_charset=resp.charset_encoding,
                        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    )
            raise FetchError(f"more than {settings.max_redirects} redirects", source=url)
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url) from None
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise FetchError(f"cannot fetch ({reason})", source=url) from None
