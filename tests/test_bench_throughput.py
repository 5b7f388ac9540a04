"""bench/throughput.py's time-share table: each part of PressLens' worker time (the parse, each
layer, the rest) summed over workers and rounds, as a share of the worker seconds."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from throughput import time_shares  # noqa: E402


def _worker(seconds: float, parts: dict[str, float]) -> dict:
    return {"seconds": seconds, "parts": parts, "mem": [], "pid": 1}


def test_shares_sum_workers_and_rounds_and_keep_the_rest_apart() -> None:
    runs = [
        {"workers": [_worker(10.0, {"parse": 4.0, "claims": 3.0})]},
        {"workers": [_worker(10.0, {"parse": 4.0, "claims": 5.0})]},
    ]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in time_shares(runs)}
    assert rows["spaCy parse (nlp.pipe)"].endswith("| 8.0 | 40% |")
    assert rows["claims"].endswith("| 8.0 | 40% |")
    assert rows["other (documents, contexts)"].endswith("| 4.0 | 20% |")


def test_no_table_without_parts() -> None:
    """The spaCy-alone pass records no parts: it gets no table."""
    assert time_shares([{"workers": [_worker(5.0, {})]}]) == []
