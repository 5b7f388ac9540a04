"""An httpx transport that connects only to the address the SSRF guard checked, before a deadline.

Why: httpx would resolve the host name again when it connects, and a rebinding DNS server can
answer that second lookup differently. Here the network backend maps the (checked) host name to
its pinned address and refuses any other host, so no second lookup happens; the URL, the Host
header and TLS SNI/certificate checks keep the name. Every read and write also checks one total
deadline, so a server that drips a byte a second — in the headers or the body — cannot hold a
worker past ``fetch_timeout`` (httpx's own timeouts are per read, not per request).
"""

from __future__ import annotations

import ssl
import time
import typing
from functools import lru_cache

import httpcore
import httpx

from presslens.ingest.ssrf import normalise_host


class DeadlineStream(httpcore.NetworkStream):
    """A network stream whose every operation must finish before a shared deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self._inner = inner
        self._deadline = deadline

    def _remaining(self, timeout: float | None, exc: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise exc("total fetch deadline passed")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._remaining(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._remaining(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = self._remaining(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(
            self._inner.start_tls(ssl_context, server_hostname, left), self._deadline
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class PinnedBackend(httpcore.SyncBackend):
    """Connects a checked host name to its pinned addresses; any other host is refused.

    The addresses are tried in the resolver's order (``localhost`` is ::1 and 127.0.0.1; a
    server may listen on one only), every one of them checked by the guard beforehand.
    """

    def __init__(self, pins: dict[str, tuple[str, ...]], deadline: float) -> None:
        self.pins = {normalise_host(host): tuple(addresses) for host, addresses in pins.items()}
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self.pins.get(normalise_host(host))
        if not addresses:  # never reached through fetch_url; a second line of defence
            raise httpcore.ConnectError(f"host {host!r} was not checked by the SSRF guard")
        for n, address in enumerate(addresses):
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("total fetch deadline passed")
            wait = left if timeout is None else min(timeout, left)
            try:
                stream = super().connect_tcp(address, port, wait, local_address, socket_options)
            except httpcore.ConnectError:
                if n == len(addresses) - 1:
                    raise
                continue
            return DeadlineStream(stream, self.deadline)
        raise httpcore.ConnectError(f"no address to connect to for {host!r}")

    def connect_unix_socket(self, *args: typing.Any, **kwargs: typing.Any) -> typing.NoReturn:
        raise httpcore.ConnectError("unix sockets are never fetched")


@lru_cache(maxsize=1)
def _ssl_context() -> ssl.SSLContext:
    """One verified TLS context per process (loading the CA bundle costs ~20 ms)."""
    return httpx.create_ssl_context()


class PinnedTransport(httpx.HTTPTransport):
    """httpx's transport with its connection pool built on a PinnedBackend.

    httpx 0.28 has no public hook for a network backend, so the pool (``_pool``, the attribute
    HTTPTransport sends every request through) is replaced after construction; the connection
    counting tests in tests/test_fetch_ssrf.py fail if a future httpx stops using it.
    """

    def __init__(self, pins: dict[str, tuple[str, ...]], deadline: float) -> None:
        super().__init__(verify=_ssl_context(), retries=0)
        self._pool = httpcore.ConnectionPool(
            ssl_context=_ssl_context(),
            max_connections=1,
            network_backend=PinnedBackend(pins, deadline),
            retries=0,
        )
