"""The ``presslens`` command. It only parses options and calls importable library functions.

Errors are one line on stderr naming the input and the cause, then a non-zero exit; with several
inputs a bad one is reported and the rest still run. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

from presslens import __version__
from presslens.errors import PressLensError
from presslens.render import FORMATS, render
from presslens.settings import MB, load_settings

log = logging.getLogger("presslens.cli")

# Subcommands contributed by other modules: each is a callable(subparsers) -> None.
EXTRA_COMMANDS: list[str] = [
    "presslens.semeval.cli:add_semeval_parser",
    "presslens.layers.claims.cli:add_checkworthiness_parser",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="presslens", description="Take news articles apart: clean text, metadata, layers."
    )
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    an = sub.add_parser("analyze", help="extract and annotate articles")
    an.add_argument("sources", nargs="+", metavar="SOURCE", help="file, directory, '-' or URL")
    an.add_argument(
        "--format",
        default="json",
        help="json, jsonl, html or text; several as json,html (default json)",
    )
    an.add_argument("-o", "--output", help="output file, or a folder (one file per input)")
    an.add_argument("--layers", help="comma-separated layers to run (default: all)")
    an.add_argument("--no-layers", action="store_true", help="extraction only")
    an.add_argument("--max-mb", type=float, help="maximum input size in MB (default 20)")
    an.add_argument("--time-limit", type=float, help="seconds per document (default 120)")
    an.add_argument("--allow-private", action="store_true", help="fetch private/loopback URLs")
    an.add_argument("--config", help="settings file (TOML)")
    an.add_argument(
        "--resume",
        action="store_true",
        help="with a folder output: skip inputs whose outputs already exist (after a kill)",
    )
    an.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    an.set_defaults(func=cmd_analyze)

    ls = sub.add_parser("layers", help="list the registered annotation components")
    ls.set_defaults(func=cmd_layers)

    for target in EXTRA_COMMANDS:
        module_name, func_name = target.split(":")
        try:
            module = __import__(module_name, fromlist=[func_name])
        except ImportError:
            continue
        add: Callable[[argparse._SubParsersAction], None] = getattr(module, func_name)
        add(sub)
    return parser


def expand_sources(sources: Sequence[str]) -> list[str]:
    """Directories expand to the pages inside them (html/htm/txt/gz), sorted."""
    out: list[str] = []
    for src in sources:
        p = Path(src)
        if src not in ("-",) and not re.match(r"https?://", src) and p.is_dir():
            out.extend(
                str(f)
                for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in {".html", ".htm", ".txt", ".gz", ".xhtml"}
            )
        else:
            out.append(src)
    return out


def _output_name(src: str, used: set[str]) -> str:
    if src == "-":
        base = "stdin"
    elif re.match(r"https?://", src):
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", src.split("://", 1)[1]).strip("_")[:80]
    else:
        base = Path(src).name
        for suffix in (".gz", ".html", ".htm", ".txt", ".xhtml"):
            base = base.removesuffix(suffix)
    name, n = base or "document", 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name


def cmd_analyze(args: argparse.Namespace) -> int:
    from presslens.pipeline import Pipeline, analyze

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(
            f"presslens: unknown format {unknown[0]!r} (json, jsonl, html, text)", file=sys.stderr
        )
        return 2
    settings = load_settings(args.config).with_overrides(
        max_bytes=int(args.max_mb * MB) if args.max_mb else None,
        time_limit=args.time_limit,
        allow_private=True if args.allow_private else None,
    )
    layers: list[str] | None = None
    if args.no_layers:
        layers = []
    elif args.layers:
        layers = [x.strip() for x in args.layers.split(",") if x.strip()]
    try:
        Pipeline(settings, layers)  # check the layer names before reading any input
    except PressLensError as exc:
        print(f"presslens: {exc}", file=sys.stderr)
        return 2

    sources = expand_sources(args.sources)
    out = Path(args.output) if args.output else None
    to_folder = (
        out is not None
        and (out.is_dir() or args.output.endswith("/") or len(sources) > 1 or len(formats) > 1)
        and not (len(formats) == 1 and formats[0] == "jsonl")
    )
    if to_folder:
        out.mkdir(parents=True, exist_ok=True)
    single_stream = None
    if out is not None and not to_folder:
        out.parent.mkdir(parents=True, exist_ok=True)
        single_stream = out.open("w", encoding="utf-8")
    failures, used = 0, set()
    show_progress = len(sources) > 1 and sys.stderr.isatty()
    try:
        for i, src in enumerate(sources, 1):
            if show_progress:
                print(f"\r[{i}/{len(sources)}] {src[:60]:<60}", end="", file=sys.stderr)
            name = _output_name(src, used) if to_folder else ""
            if (
                to_folder
                and args.resume
                and all((out / f"{name}{FORMATS[f][0]}").is_file() for f in formats)
            ):
                continue
            try:
                doc = analyze(src, layers=layers, settings=settings)
            except PressLensError as exc:
                failures += 1
                _report_error(exc, args.debug, show_progress)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad page must not stop a batch
                failures += 1
                _report_error(
                    PressLensError(f"internal error: {type(exc).__name__}: {exc}", source=src),
                    args.debug,
                    show_progress,
                )
                continue
            if to_folder:
                for fmt in formats:
                    _write_atomic(out / f"{name}{FORMATS[fmt][0]}", render(doc, fmt))
            else:
                fmt = "jsonl" if formats[0] == "json" and len(sources) > 1 else formats[0]
                (single_stream or sys.stdout).write(render(doc, fmt))
    finally:
        if single_stream:
            single_stream.close()
        if show_progress:
            print(file=sys.stderr)
    if to_folder:
        print(f"presslens: wrote {len(sources) - failures} document(s) to {out}", file=sys.stderr)
    return 1 if failures else 0


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _report_error(exc: PressLensError, debug: bool, progress: bool) -> None:
    if progress:
        print(file=sys.stderr)
    print(f"presslens: error: {exc}", file=sys.stderr)
    if debug:
        traceback.print_exc()


def cmd_layers(args: argparse.Namespace) -> int:
    from presslens.layers.registry import components

    for spec in components().values():
        needs = ",".join(spec.needs) or "-"
        print(f"{spec.name}\tassigns={spec.assigns}\tneeds={needs}\t{spec.description}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # The command owns logging: libraries' records (readability logs tracebacks of pages it
    # cannot read) would otherwise reach stderr through Python's last-resort handler, beside
    # the one error line; --debug shows them.
    logging.basicConfig(
        level=logging.DEBUG if getattr(args, "debug", False) else logging.CRITICAL + 1,
        format="presslens: %(name)s: %(message)s",
    )
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except PressLensError as exc:
        print(f"presslens: error: {exc}", file=sys.stderr)
        if args.debug:
            traceback.print_exc()
        return 1
    except KeyboardInterrupt:
        print("presslens: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
