"""The ``presslens`` command. It only parses options and calls importable library functions.

Errors are one line on stderr naming the input and the cause, then a non-zero exit; with several
inputs a bad one is reported and the rest still run. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence

from presslens import __version__
from presslens.cli_options import (
    add_layer_options,
    add_limit_options,
    parse_layers,
    settings_from_args,
)
from presslens.errors import PressLensError
from presslens.render import FORMATS

log = logging.getLogger("presslens.cli")

# Subcommands contributed by other modules: each is a callable(subparsers) -> None.
EXTRA_COMMANDS: list[str] = [
    "presslens.semeval.cli:add_semeval_parser",
    "presslens.layers.claims.cli:add_checkworthiness_parser",
    "presslens.batch.cli:add_ingest_parser",
    "presslens.batch.cli:add_export_parser",
    "presslens.batch.cli:add_stats_parser",
    "presslens.batch.cli:add_import_parser",
    "presslens.web.serve:add_serve_parser",
    "presslens.web.export_cli:add_export_corrections_parser",
    "presslens.tracking.cli:add_claims_parser",
    "presslens.spark.cli:add_spark_parser",
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
    add_layer_options(an)
    add_limit_options(an)
    an.add_argument(
        "--resume",
        action="store_true",
        help="with a folder output: skip inputs whose outputs already exist (after a kill)",
    )
    # also after the command; SUPPRESS as default so it never resets "presslens --debug analyze"
    an.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
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


def cmd_analyze(args: argparse.Namespace) -> int:
    from presslens.analyze_files import analyze_files
    from presslens.pipeline import Pipeline

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        print(
            f"presslens: unknown format {unknown[0]!r} (json, jsonl, html, text)", file=sys.stderr
        )
        return 2
    settings = settings_from_args(args)
    layers = parse_layers(args)
    try:
        pipeline = Pipeline(settings, layers)  # checks the layer names before reading input
    except PressLensError as exc:
        print(f"presslens: {exc}", file=sys.stderr)
        return 2
    shown = []  # progress lines printed, so errors and the end start on a fresh line

    def progress(i: int, n: int, src: str) -> None:
        if n > 1 and sys.stderr.isatty():
            shown.append(i)
            print(f"\r[{i}/{n}] {src[:60]:<60}", end="", file=sys.stderr)

    try:
        summary = analyze_files(
            args.sources,
            pipeline,
            formats,
            args.output,
            resume=args.resume,
            stdout=sys.stdout,
            on_error=lambda exc: _report_error(exc, args.debug, bool(shown)),
            on_progress=progress,
        )
    finally:
        if shown:
            print(file=sys.stderr)
    if summary.folder is not None:
        skipped = f", skipped {summary.skipped} finished before" if summary.skipped else ""
        print(
            f"presslens: wrote {summary.written} document(s) to {args.output}{skipped}",
            file=sys.stderr,
        )
    return 1 if summary.failed else 0


def _report_error(exc: PressLensError, debug: bool, progress: bool) -> None:
    if progress:
        print(file=sys.stderr)
    print(f"presslens: error: {exc}", file=sys.stderr)
    if debug:  # called after the exception was handled: print its own traceback
        traceback.print_exception(exc, file=sys.stderr)


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
        level=logging.WARNING if getattr(args, "debug", False) else logging.CRITICAL + 1,
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
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, not a traceback
        print(
            f"presslens: error: {type(exc).__name__}: {exc} (--debug shows where)", file=sys.stderr
        )
        if args.debug:
            traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
