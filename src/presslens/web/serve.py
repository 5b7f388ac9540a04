"""``presslens serve``: one Pipeline per process, loaded before the first request, behind
uvicorn on 127.0.0.1 by default.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from presslens.cli_options import add_limit_options, settings_from_args
from presslens.ingest.rawpage import RawPage
from presslens.settings import Settings

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def make_analyzer(settings: Settings) -> Any:
    """An ``analyze(RawPage) -> Document`` built once: the Pipeline loads its models now."""
    from presslens.pipeline import Pipeline

    pipeline = Pipeline(settings)
    pipeline.load()
    return pipeline.analyze


def warm_up(analyze: Any) -> None:
    """Run one tiny document so models are loaded before the first user waits for them."""
    text = b"The minister said on Monday that 40 schools would reopen. Critics doubted it.\n"
    analyze(RawPage("warmup:startup", text, "text/plain", "utf-8"))


def build_app(store_target: str | None, settings: Settings, workers: int, queue: int) -> Any:
    from presslens.store import open_store
    from presslens.web.app import create_app
    from presslens.web.auth import parse_tokens

    tokens = parse_tokens()
    analyze = make_analyzer(settings)
    warm_up(analyze)
    app = create_app(
        settings=settings,
        store=open_store(store_target),
        analyze=analyze,
        tokens=tokens,
        workers=workers,
        queue=queue,
        secret=os.environ.get("PRESSLENS_SECRET"),
    )
    return app, tokens


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = settings_from_args(args)
    print("presslens: loading the pipeline …", file=sys.stderr)
    app, tokens = build_app(args.store, settings, args.workers, args.queue)
    if tokens.generated:
        token = next(iter(tokens.by_token))
        print(
            f"presslens: write token (set PRESSLENS_TOKEN to choose one): {token}", file=sys.stderr
        )
    if args.host not in LOOPBACK:
        print(
            f"presslens: warning: listening on {args.host}: anyone who can reach it can read "
            "the corpus (writes still need a token)",
            file=sys.stderr,
        )
    print(f"presslens: serving on http://{args.host}:{args.port}/ (Ctrl-C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
    return 0


def add_serve_parser(subparsers: argparse._SubParsersAction) -> None:
    sp = subparsers.add_parser("serve", help="the web app and HTTP API")
    sp.add_argument("--store", help="store path or SQLAlchemy URL (default $PRESSLENS_STORE)")
    sp.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to bind (default {DEFAULT_HOST})"
    )
    sp.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    sp.add_argument("--workers", type=int, default=1, help="analysis threads (default 1)")
    sp.add_argument("--queue", type=int, default=4, help="analyses waiting before 429 (default 4)")
    add_limit_options(sp, input_size=False, fetch=False)
    sp.set_defaults(func=cmd_serve)
