"""One pure-ASGI middleware for every request: refuse bodies over the size limit from their
Content-Length before reading them (413) and bodies without one (411), load or start the signed session, set its cookie
when it is new or changed, and add the security headers (CSP …) to every response.

Why pure ASGI rather than ``@app.middleware("http")``: the decorator's BaseHTTPMiddleware wraps
each response in an extra task and stream, which costs a noticeable share of a fast read.
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie
from typing import Any

from presslens.web.auth import SESSION_COOKIE, SESSION_MAX_AGE

BODY_OVERHEAD = 64 * 1024  # multipart framing and form fields allowed beyond max_bytes
SESSIONLESS_PREFIXES = ("/api/", "/static/", "/openapi.json")


class GuardMiddleware:
    def __init__(self, app: Any, headers: dict[str, str]) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope["app"].state.pl
        raw_headers = dict(scope.get("headers") or [])
        length = raw_headers.get(b"content-length", b"").decode("latin-1")
        limit = state.settings.max_bytes
        if length.isdigit() and int(length) > limit + BODY_OVERHEAD:
            await self._refuse(
                send, 413, f"request body of {int(length):,} bytes is above the limit of {limit:,}"
            )
            return
        if not length and b"chunked" in raw_headers.get(b"transfer-encoding", b"").lower():
            # A body of unannounced size would be spooled whole before any check could run.
            await self._refuse(send, 411, "send the body with a Content-Length header")
            return
        cookies = SimpleCookie()
        try:
            cookies.load(raw_headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # noqa: BLE001 - a malformed Cookie header reads as no cookie
            cookies = SimpleCookie()
        morsel = cookies.get(SESSION_COOKIE)
        session = state.codec.load(morsel.value if morsel else None)
        req_state = scope.setdefault("state", {})
        # API clients authenticate per request; only pages start a session (and a cookie).
        cookieless = scope.get("path", "").startswith(SESSIONLESS_PREFIXES)
        req_state["session_new"] = session is None and not cookieless
        req_state["session"] = session or state.codec.new()
        secure = scope.get("scheme") == "https"

        async def send_wrapper(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in self.headers if k not in present]
                if req_state.get("session_new") or req_state.get("session_dirty"):
                    value = state.codec.dump(req_state["session"])
                    cookie = (
                        f"{SESSION_COOKIE}={value}; Max-Age={SESSION_MAX_AGE}; Path=/; "
                        f"HttpOnly; SameSite=Strict{'; Secure' if secure else ''}"
                    )
                    headers.append((b"set-cookie", cookie.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _refuse(self, send: Any, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send(
            {"type": "http.response.start", "status": status, "headers": headers + self.headers}
        )
        await send({"type": "http.response.body", "body": body})
