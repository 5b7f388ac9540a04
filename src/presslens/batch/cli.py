"""The corpus commands: ``ingest``, ``export``, ``stats`` and ``import``.

Only option parsing and printing live here; the work is in ``presslens.batch.runner``,
``presslens.store`` and ``presslens.export``. Exit codes: 0 done (some inputs may have failed,
each reported in one line), 1 every input failed, 2 usage errors (bad option, unknown layer).
"""

from __future__ import annotations

import argparse
import sys

from presslens.batch.export_kinds import DEFAULT_KIND, ExportKind, install_export_kinds
from presslens.cli_options import (
    add_layer_options,
    add_limit_options,
    add_outlet_options,
    parse_layers,
    settings_from_args,
)
from presslens.errors import PressLensError

DOCUMENT_FORMATS = ("jsonl", "parquet", "csv")
STORE_HELP = "store: a SQLite path or a SQLAlchemy URL (default $PRESSLENS_STORE or ./presslens.db)"


def _usage_error(message: str) -> int:
    print(f"presslens: {message}", file=sys.stderr)
    return 2


# -- ingest -----------------------------------------------------------------------------------
def add_ingest_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="analyse many pages into a store (resumable, all cores)")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="file, folder, glob, .gz, WARC, feed, sitemap, @urls.txt, URL or '-'",
    )
    p.add_argument("--store", help=STORE_HELP)
    add_outlet_options(p)
    p.add_argument("--workers", type=int, help="worker processes (default: all cores)")
    add_layer_options(p)
    p.add_argument("--batch-size", type=int, default=4, help="pages per worker batch (default 4)")
    add_limit_options(p)
    p.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_ingest)


def cmd_ingest(args: argparse.Namespace) -> int:
    from presslens.batch.progress import Progress
    from presslens.batch.runner import IngestOptions, ingest
    from presslens.layers.registry import resolve
    from presslens.store import open_store

    if args.workers is not None and args.workers < 1:
        return _usage_error("--workers must be at least 1")
    if args.batch_size < 1:
        return _usage_error("--batch-size must be at least 1")
    settings = settings_from_args(args)
    layers = parse_layers(args)
    try:
        resolve(layers)  # unknown layer names are a usage error, before any worker starts
    except PressLensError as exc:
        return _usage_error(str(exc))
    store = open_store(args.store)
    if args.outlets:
        store.load_outlets(args.outlets)
    options = IngestOptions(
        workers=args.workers, layers=layers, outlet=args.outlet, batch_size=args.batch_size
    )
    with Progress() as progress:
        summary = ingest(args.sources, store, settings, options, progress)
    print(f"presslens: ingest: {summary.line()}", file=sys.stderr)
    return summary.exit_code()


# -- export -----------------------------------------------------------------------------------
def add_export_parser(sub: argparse._SubParsersAction) -> None:
    """Register ``export``; other parts add their kinds (``export corrections``, ``export
    claims``) through ``presslens.batch.export_kinds.register_export_kind``."""
    p = sub.add_parser("export", help="write the stored documents as JSONL, Parquet or CSV")
    p.add_argument("--store", help=STORE_HELP)
    p.add_argument("--format", required=True, choices=list(DOCUMENT_FORMATS))
    p.add_argument("-o", "--output", required=True, help="file (jsonl, csv) or folder (parquet)")
    _add_filters(p)
    install_export_kinds(p, ExportKind(DEFAULT_KIND, DOCUMENT_FORMATS, cmd_export))


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--outlet", help="only this outlet")
    p.add_argument("--since", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--language", help="only this language (ISO code)")


def cmd_export(args: argparse.Namespace) -> int:
    """``export [documents]``: the stored documents, filtered, in one of DOCUMENT_FORMATS."""
    from presslens.export import export_store
    from presslens.store import DocumentFilter, open_store

    for flag in ("since", "until"):
        value = getattr(args, flag)
        if value and not _is_iso_date(value):
            return _usage_error(f"--{flag} {value!r} is not a date (YYYY-MM-DD)")
    filters = DocumentFilter(
        outlet=args.outlet, since=args.since, until=args.until, language=args.language
    )
    result = export_store(open_store(args.store), args.format, args.output, filters)
    print(f"presslens: export: {result.documents} document(s) to {result.path}", file=sys.stderr)
    return 0


def _is_iso_date(value: str) -> bool:
    from datetime import date, datetime

    try:
        (date.fromisoformat if len(value) == 10 else datetime.fromisoformat)(value)
    except ValueError:
        return False
    return True


# -- stats ------------------------------------------------------------------------------------
def add_stats_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="counts per outlet, month and layer in a store")
    p.add_argument("--store", help=STORE_HELP)
    p.set_defaults(func=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    from presslens.store import open_store
    from presslens.store.stats import format_stats

    print(format_stats(open_store(args.store).stats()))
    return 0


# -- import -----------------------------------------------------------------------------------
def add_import_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="load an exported Parquet folder into a store (idempotent)")
    p.add_argument(
        "folder", metavar="PARQUET_DIR", help="the folder `export --format parquet` wrote"
    )
    p.add_argument("--store", help=STORE_HELP)
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from presslens.batch.importer import import_parquet
    from presslens.store import open_store

    def report(line: str) -> None:
        print(f"presslens: error: {line}", file=sys.stderr)

    summary = import_parquet(args.folder, open_store(args.store), on_error=report)
    print(f"presslens: import: {summary.line()}", file=sys.stderr)
    return summary.exit_code()
