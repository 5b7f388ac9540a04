"""``presslens spark INPUT... -o OUTPUT``: the corpus job on a Spark cluster or a local Spark.

Only option parsing and the summary line live here; the job is :mod:`presslens.spark.job`.
"""

from __future__ import annotations

import argparse
import sys

from presslens.cli_options import (
    add_layer_options,
    add_limit_options,
    add_outlet_options,
    parse_layers,
    settings_from_args,
)


def add_spark_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("spark", help="analyse pages on Apache Spark into the export Parquet tables")
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="folder, glob, file, WARC(.gz) or Parquet pages table; local path or Hadoop URI",
    )
    p.add_argument("-o", "--output", required=True, help="output folder or URI for the tables")
    p.add_argument("--master", help="Spark master URL (default: local[*], or spark-submit's)")
    p.add_argument("--partitions", type=int, help="partitions to analyse in (default 2 × cores)")
    add_layer_options(p)
    add_outlet_options(p)
    add_limit_options(p, fetch=False)
    p.set_defaults(func=cmd_spark)


def cmd_spark(args: argparse.Namespace) -> int:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("presslens: spark needs PySpark: pip install 'presslens[spark]'", file=sys.stderr)
        return 2
    from presslens.errors import PressLensError
    from presslens.layers.registry import resolve
    from presslens.spark.job import run
    from presslens.spark.session import build_session

    if args.partitions is not None and args.partitions < 1:
        print("presslens: --partitions must be at least 1", file=sys.stderr)
        return 2
    layers = parse_layers(args)
    try:
        resolve(layers)
    except PressLensError as exc:
        print(f"presslens: {exc}", file=sys.stderr)
        return 2
    settings = settings_from_args(args)
    spark = build_session(args.master)
    try:
        summary = run(
            spark,
            args.inputs,
            args.output,
            settings=settings,
            layers=layers,
            outlet=args.outlet,
            outlets_file=args.outlets,
            partitions=args.partitions,
        )
    finally:
        spark.stop()
    print(
        f"presslens spark: {summary.documents} documents, {summary.annotations} annotations, "
        f"{summary.errors} errors → {args.output}",
        file=sys.stderr,
    )
    return 0 if summary.documents or not summary.errors else 1
