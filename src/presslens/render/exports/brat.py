"""brat standoff: ``<id>.txt`` + ``<id>.ann`` per document (``T1<TAB>Label start end<TAB>text``).

brat type names cannot hold commas, so SemEval labels such as ``Name_Calling,Labeling`` are
written with ``__`` for each comma (``label_to_brat``/``label_from_brat`` are inverse). The
spans are everyone's corrections replayed in order (the training view).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def label_to_brat(label: str) -> str:
    return label.replace(",", "__").replace(" ", "_")


def label_from_brat(label: str) -> str:
    return label.replace("__", ",")


def write(items: Sequence[Any], path: Path) -> int:
    path.mkdir(parents=True, exist_ok=True)
    n = 0
    for it in items:
        stem = it.doc_id[:16]
        (path / f"{stem}.txt").write_text(it.text, encoding="utf-8")
        lines = []
        for i, sp in enumerate(it.merged, 1):
            covered = it.text[sp.start : sp.end].replace("\n", " ")
            lines.append(f"T{i}\t{label_to_brat(sp.label)} {sp.start} {sp.end}\t{covered}")
        (path / f"{stem}.ann").write_text("\n".join(lines) + ("\n" if lines else ""), "utf-8")
        n += len(lines)
    return n
