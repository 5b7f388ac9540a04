"""Spark runner benchmark (issue 12): the same pages through `presslens spark --master local[2]`
and through `presslens ingest --workers 2`, documents/s of each and the ratio.

    .venv/bin/python bench/spark.py [--limit 500] [--layers all|LIST] [--write-readme]

The pages are PTC and SemEval-2023 English articles (../shared/data, never copied into the project) as text
files in a temporary folder. Both commands run as subprocesses, as a user would run them, each
including its own start-up (Spark's JVM; the workers' model loading): that is the overhead a
user pays. The per-executor-core rate is what a cluster multiplies; the scaling table below it is
arithmetic on that rate, not a measurement on a cluster.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
PTC = DATA / "semeval2020-task11-ptc" / "train-articles"
# Article folders read in this order until --limit pages are collected (PTC train alone has 371).
ARTICLE_FOLDERS = (
    PTC,
    DATA / "semeval2020-task11-ptc" / "test-articles",
    DATA / "semeval2023-task3" / "data" / "en" / "dev-articles-subtask-3",
    DATA / "semeval2023-task3" / "data" / "en" / "train-articles-subtask-3",
)
BIN = Path(sys.executable).parent
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYSPARK_PYTHON": sys.executable}
CORES = 2
SECONDS_PER_DAY = 86_400


def run(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:2])} failed:\n{done.stderr[-1500:]}")
    return time.perf_counter() - started


def scaling_rows(per_core: float) -> list[tuple[str, str]]:
    """Cores needed for 1 M and 100 M articles a day at the measured per-core rate."""
    rows = []
    for label, per_day in (("1 M articles/day", 1e6), ("100 M articles/day", 1e8)):
        cores = per_day / SECONDS_PER_DAY / per_core
        rows.append((label, f"{cores:,.0f} executor cores"))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--layers", default="all", help="'all' or a comma-separated list")
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()
    if not PTC.is_dir():
        print("bench/spark.py: ../shared/data absent, skipped")
        return 0
    if not shutil.which("java"):
        print("bench/spark.py: no Java runtime, skipped")
        return 0
    layer_args = [] if args.layers == "all" else ["--layers", args.layers]
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        sources = [p for folder in ARTICLE_FOLDERS for p in sorted(folder.glob("*.txt"))]
        for i, src in enumerate(sources[: args.limit]):
            shutil.copy(src, pages / f"{i:05d}-{src.name}")  # same names occur in two folders
        n = len(list(pages.iterdir()))
        load_before = os.getloadavg()[0]
        spark_s = run(
            [str(BIN / "presslens"), "spark", str(pages), "-o", f"{tmp}/spark-out",
             "--master", f"local[{CORES}]", *layer_args]
        )  # fmt: skip
        ingest_s = run(
            [str(BIN / "presslens"), "ingest", str(pages), "--store", f"{tmp}/p.db",
             "--workers", str(CORES), *layer_args]
        )  # fmt: skip
        load_after = os.getloadavg()[0]
    spark_rate, ingest_rate = n / spark_s, n / ingest_s
    per_core = spark_rate / CORES
    lines = [
        f"Command: `.venv/bin/python bench/spark.py --limit {args.limit} --layers {args.layers}`",
        f"({n} articles of PTC and SemEval-2023 English, layers: {args.layers}; 1-min load {load_before:.1f} → "
        f"{load_after:.1f} on {os.cpu_count()} cores)",
        "",
        "| runner | wall s | documents/s | ratio to ingest |",
        "|---|---|---|---|",
        f"| `presslens spark --master local[{CORES}]` | {spark_s:.1f} | {spark_rate:.2f} | "
        f"**{spark_rate / ingest_rate:.2f}×** |",
        f"| `presslens ingest --workers {CORES}` | {ingest_s:.1f} | {ingest_rate:.2f} | 1.00× |",
        "",
        f"Per executor core: **{per_core:.2f} documents/s** (start-up included). On paper, at "
        "that rate:",
        "",
        "| load | cores |",
        "|---|---|",
        *[f"| {a} | {b} |" for a, b in scaling_rows(per_core)],
    ]
    table = "\n".join(lines)
    print(table)
    if args.write_readme:
        readme = REPO / "bench" / "README.md"
        text = readme.read_text(encoding="utf-8")
        block = f"<!-- spark:start -->\n{table}\n<!-- spark:end -->"
        if "<!-- spark:start -->" in text:
            text = re.sub(r"<!-- spark:start -->.*?<!-- spark:end -->", block, text, flags=re.S)
        else:
            text += f"\n## Spark runner (issue 12)\n\n{block}\n"
        readme.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
