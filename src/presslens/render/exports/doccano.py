"""doccano sequence-labelling JSONL: ``{"text", "label": [[start, end, label], …]}`` per line,
with the PressLens id kept beside it so an edited file can be matched back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write(items: Sequence[Any], path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for it in items:
            labels = [[sp.start, sp.end, sp.label] for sp in it.merged]
            n += len(labels)
            row = {"text": it.text, "label": labels, "presslens_id": it.doc_id}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n
