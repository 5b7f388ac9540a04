"""SemEval-2020 Task 11 files in the training layout: ``train-articles/article<ID>.txt``,
``train-task-si.labels`` (merged spans) and ``train-task-flc-tc.labels`` (labelled spans).

Why that layout: ``training/techniques/data.py`` loads PTC from exactly these names, so an
export folder is read as extra training data unchanged (``make train-techniques
TECH_EXTRA=folder``). Article ids are ``9`` + the first 12 hex digits of the document id as a
decimal-safe string, so they never collide with PTC's numeric ids (which are 9 digits).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from presslens.semeval.scorer import merge_spans
from presslens.semeval.t11 import write_si_labels, write_tc_labels


def article_id(doc_id: str) -> str:
    return "9" + str(int(doc_id[:12], 16))


def write(items: Sequence[Any], path: Path) -> int:
    articles = path / "train-articles"
    articles.mkdir(parents=True, exist_ok=True)
    si, tc = [], []
    for it in items:
        aid = article_id(it.doc_id)
        (articles / f"article{aid}.txt").write_text(it.text, encoding="utf-8", newline="")
        tc.extend((aid, sp.label, sp.start, sp.end) for sp in it.merged)
        si.extend((aid, s, e) for s, e in merge_spans((sp.start, sp.end) for sp in it.merged))
    write_si_labels(si, path / "train-task-si.labels")
    write_tc_labels(tc, path / "train-task-flc-tc.labels")
    return len(tc)
