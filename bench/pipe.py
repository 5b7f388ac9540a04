"""Pipeline.pipe (batched parsing, one deadline per document) against one document at a time.

Why: ``Pipeline.pipe`` is what the batch runner and ``presslens analyze`` on a folder use; it
must be at least as fast as calling ``Pipeline.analyze`` page by page (its batched ``nlp.pipe``
parse is the point), and the deadline checks it adds must cost next to nothing. All three
passes run in this one process on one Pipeline (models loaded before timing), on the same
pages, in alternating order per round, so machine load affects them alike:

- ``analyze``: ``pipeline.analyze(page)`` for each page (time limit 120 s);
- ``pipe``: ``pipeline.pipe(pages, batch_size=16)`` (time limit 120 s);
- ``pipe, no limit``: the same with ``time_limit=0`` (no deadline checks fire, no alarm).

Pages: the SemEval-2020 Task 11 training articles in ../shared/data as RawPages (plain text);
the script exits 0 with a message when that folder is absent.

Usage::

    python bench/pipe.py --limit 40 --rounds 2
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from presslens.context import Models
from presslens.ingest import RawPage
from presslens.pipeline import Pipeline
from presslens.settings import Settings

DATA = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2020-task11-ptc"
) / "train-articles"


def load_pages(limit: int) -> list[RawPage]:
    files = sorted(DATA.glob("*.txt"))[:limit]
    return [RawPage(uri=f.as_uri(), data=f.read_bytes()) for f in files]


def run(mode: str, pipelines: dict[str, Pipeline], pages: list[RawPage]) -> tuple[float, int]:
    """Seconds for one pass and the number of documents that came out."""
    started = time.perf_counter()
    if mode == "analyze":
        docs = [pipelines[mode].analyze(p) for p in pages]
        n = len(docs)
    else:
        n = sum(1 for r in pipelines[mode].pipe(pages, batch_size=16) if r.ok)
    return time.perf_counter() - started, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=40, help="articles (default 40)")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"bench/pipe.py: {DATA} is absent; nothing to measure")
        return 0
    pages = load_pages(args.limit)
    models = Models()
    pipelines = {
        "analyze": Pipeline(Settings(), models=models).load(),
        "pipe": Pipeline(Settings(), models=models).load(),
        "pipe, no limit": Pipeline(Settings(time_limit=0), models=models).load(),
    }
    pipelines["analyze"].analyze(pages[0])  # warm caches outside the timing
    totals = {mode: 0.0 for mode in pipelines}
    for r in range(args.rounds):
        order = list(pipelines) if r % 2 == 0 else list(reversed(pipelines))
        for mode in order:
            seconds, n = run(mode, pipelines, pages)
            assert n == len(pages), (mode, n)
            totals[mode] += seconds
    base = totals["analyze"]
    print(f"{len(pages)} articles × {args.rounds} rounds, all default layers\n")
    print("| pass | seconds | documents/s | × analyze one by one |")
    print("|---|---:|---:|---:|")
    for mode, seconds in totals.items():
        rate = len(pages) * args.rounds / seconds
        print(f"| {mode} | {seconds:.1f} | {rate:.2f} | {base / seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
