"""The FastAPI application: security headers, sessions, error handling, routers.

``create_app`` takes everything it needs (settings, an open store, an ``analyze`` callable,
tokens) so tests can build an app around a small store and a fake analyser; ``presslens serve``
builds the real one with one Pipeline per process (see ``presslens.web.serve``).

Security choices, in one place:
- CSP ``default-src 'none'``: no script at all on any page (none is needed: toggles are CSS),
  styles and images only from this server (charts are inline SVG), forms only to this server,
  no framing. ``style-src`` allows inline styles because the shared report parts colour
  highlights with per-technique rules; styles cannot run code, and with ``img-src 'self'`` and
  ``default-src 'none'`` they cannot send data anywhere either.
- The API documentation is ``/openapi.json`` plus a server-rendered reference at ``/docs``;
  Swagger UI is not served because it would load script (no vendored copy is shipped).
- Session cookie: signed, HttpOnly, SameSite=Strict, Secure behind https.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from presslens import __version__
from presslens.errors import PressLensError
from presslens.web import views
from presslens.web.auth import SessionCodec, Tokens
from presslens.web.errors import one_line, status_for
from presslens.web.jobs import AnalysisRunner, Overloaded
from presslens.web.middleware import GuardMiddleware
from presslens.web.state import AppState, StatsCache, Warmer

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(
    *,
    settings: Any,
    store: Any,
    analyze: Any,
    tokens: Tokens,
    workers: int = 1,
    queue: int = 4,
    secret: str | None = None,
    warm: bool = True,
) -> FastAPI:
    """Build the app around an open store and an ``analyze(RawPage) -> Document`` callable."""
    from presslens.web.queries import corpus_size

    runner = AnalysisRunner(workers=workers, queue=queue)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            warmer.start()
        yield
        warmer.stop()
        runner.shutdown()

    app = FastAPI(
        lifespan=lifespan,
        title="PressLens",
        version=__version__,
        description="Analyse news pages, search a corpus, compare outlets, correct spans.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.pl = AppState(
        settings=settings,
        store=store,
        analyze=analyze,
        runner=runner,
        tokens=tokens,
        codec=SessionCodec(secret or secrets.token_urlsafe(32)),
        cache=StatsCache(lambda: corpus_size(store.engine)),
    )
    warmer = Warmer(lambda: views.warm(app.state.pl))
    app.state.pl.warmer = warmer
    app.state.pl.cache.on_clear = warmer.request

    app.add_middleware(GuardMiddleware, headers=SECURITY_HEADERS)

    @app.exception_handler(PressLensError)
    async def on_presslens_error(request: Request, exc: PressLensError) -> Response:
        return _error(request, status_for(exc), str(exc))

    @app.exception_handler(Overloaded)
    async def on_overload(request: Request, exc: Overloaded) -> Response:
        return _error(request, 429, str(exc), {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: still one line (the type names it), never a traceback page.
        return _error(request, 500, f"internal error: {type(exc).__name__}")

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:3]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 422, "invalid parameters: " + "; ".join(parts))

    from presslens.web.api import router as api_router
    from presslens.web.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _error(
    request: Request, status: int, detail: str, headers: dict[str, str] | None = None
) -> Response:
    """JSON ``{"detail"}`` for the API, a small HTML page for browsers."""
    detail = one_line(detail)
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    from presslens.web.pages import render_error

    return render_error(request, status, detail, headers)
