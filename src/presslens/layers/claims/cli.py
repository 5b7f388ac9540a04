"""``presslens checkworthiness [FILE|-]``: one sentence per line in, ``score<TAB>label`` out.

Why line-aligned output: fact-checkers paste transcripts and join the scores back by line
number, so every input line (even an empty one) yields exactly one output line. Input is read
and scored in batches, which keeps memory flat on long transcripts; the scorer sorts each
batch by length before its ONNX calls. Each line is scored on its own (no context).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from presslens.errors import InputError

BATCH = 4096  # lines read and scored per round: bounds memory on a long transcript


def _batches(lines: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def score_lines(
    lines: Iterable[str], out: IO[str], scorer: Any | None = None, batch_size: int = BATCH
) -> int:
    """Score every line and write ``score<TAB>label``; returns the number of lines written."""
    from presslens.layers.claims.model import load_scorer
    from presslens.layers.claims.types import claim_types, is_factual

    scorer = scorer or load_scorer()
    n = 0
    for batch in _batches(lines, batch_size):
        scores = scorer.score(batch)
        rows = []
        for text, p in zip(batch, scores, strict=True):
            if not text.strip():
                rows.append("0.0000\tnon_factual")
                continue
            label = scorer.label(float(p), is_factual(text, claim_types(text)))
            rows.append(f"{p:.4f}\t{label}")
        out.write("\n".join(rows) + "\n")
        n += len(rows)
    return n


def cmd_checkworthiness(args: argparse.Namespace) -> int:
    if args.file in (None, "-"):
        score_lines(sys.stdin, sys.stdout)
        return 0
    path = Path(args.file)
    if not path.is_file():
        raise InputError("no such file", source=args.file)
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        score_lines(fh, sys.stdout)
    return 0


def add_checkworthiness_parser(sub: argparse._SubParsersAction) -> None:
    """Register the ``checkworthiness`` subcommand (called by presslens.cli)."""
    p = sub.add_parser(
        "checkworthiness",
        help="score sentences (one per line) for check-worthiness",
        description="One sentence per line in; one 'score<TAB>label' line out per input line.",
    )
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="input file or '-'")
    p.set_defaults(func=cmd_checkworthiness)
