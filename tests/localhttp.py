"""A scripted HTTP server on a local address for the ingest tests; it counts connections.

Why counting connections (not requests): the SSRF tests must prove that a refused URL never
reached the socket at all, not merely that no request was answered.
"""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

Reply = tuple[int, dict[str, str], bytes]
Route = Reply | Callable[["_Handler"], None]


@dataclass
class LocalServer:
    """Serves ``routes`` (path -> reply or handler function) on ``host``; counts what it sees."""

    routes: dict[str, Route] = field(default_factory=dict)
    host: str = "127.0.0.1"
    connections: int = 0
    hits: Counter[str] = field(default_factory=Counter)
    user_agents: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # Host headers received
    tls: tuple[str, str] | None = None  # (certfile, keyfile): serve HTTPS
    sni: list[str | None] = field(default_factory=list)  # TLS server names received

    def start(self) -> LocalServer:
        owner = self
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET

        class Server(http.server.ThreadingHTTPServer):
            address_family = family
            daemon_threads = True

            def get_request(self):  # type: ignore[no-untyped-def]
                conn = super().get_request()
                owner.connections += 1
                return conn

        self._httpd = Server((self.host, 0), _make_handler(owner))
        if self.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            context.sni_callback = lambda sock, name, ctx: owner.sni.append(name)  # type: ignore[assignment,misc]
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{host}:{self.port}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class _Handler(http.server.BaseHTTPRequestHandler):
    owner: LocalServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.owner.hits[self.path] += 1
        self.owner.user_agents.append(self.headers.get("User-Agent", ""))
        self.owner.hosts.append(self.headers.get("Host", ""))
        route = self.owner.routes.get(self.path)
        if route is None:
            self.reply(404, {}, b"not found")
        elif callable(route):
            route(self)
        else:
            self.reply(*route)

    def reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)
        self.close_connection = True


def _make_handler(owner: LocalServer) -> type[_Handler]:
    return type("Handler", (_Handler,), {"owner": owner})


def drip(interval: float, total: int, *, in_headers: bool = False) -> Callable[[_Handler], None]:
    """A route that sends one byte every ``interval`` seconds (slow-drip attack)."""

    def handler(h: _Handler) -> None:
        try:
            if in_headers:
                for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * total:
                    h.wfile.write(bytes([byte]))
                    h.wfile.flush()
                    time.sleep(interval)
                return
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.send_header("Content-Length", str(total))
            h.end_headers()
            for _ in range(total):
                h.wfile.write(b"x")
                h.wfile.flush()
                time.sleep(interval)
        except OSError:
            pass  # the client gave up: that is the point
        h.close_connection = True

    return handler


def sequence(*replies: Reply) -> Callable[[_Handler], None]:
    """A route that answers with each reply in turn, then repeats the last (e.g. 503 then 200)."""
    state = {"n": 0}

    def handler(h: _Handler) -> None:
        reply = replies[min(state["n"], len(replies) - 1)]
        state["n"] += 1
        h.reply(*reply)

    return handler
