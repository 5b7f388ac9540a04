"""Label Studio task JSON: one task per document, the model's spans as ``predictions`` and each
person's corrected spans as an ``annotations`` entry (labeling config: ``<Labels name="label"
toName="text">`` over ``<Text name="text" value="$text"/>``, printed by ``LABEL_CONFIG``).

``read`` takes a Label Studio export (the same shape, with whatever people changed in Label
Studio) back to spans per document and annotator, so corrections survive the round trip.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from presslens.semeval.t11 import TECHNIQUES
from presslens.web.corrections import Span

FROM_NAME, TO_NAME = "label", "text"
LABEL_CONFIG = (
    '<View><Text name="text" value="$text"/><Labels name="label" toName="text">'
    + "".join(f'<Label value="{t}"/>' for t in TECHNIQUES)
    + "</Labels></View>"
)


def _result(text: str, spans: Sequence[Span]) -> list[dict[str, Any]]:
    return [
        {
            "id": sp.id,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {
                "start": sp.start,
                "end": sp.end,
                "text": text[sp.start : sp.end],
                "labels": [sp.label],
            },
            **({"score": sp.score} if sp.score is not None else {}),
        }
        for sp in spans
    ]


def task(item: Any) -> dict[str, Any]:
    """One Label Studio task for an ExportItem."""
    return {
        "data": {"text": item.text, "presslens_id": item.doc_id, "title": item.title or ""},
        "predictions": [
            {
                "model_version": item.model_version or "presslens",
                "result": _result(item.text, item.model),
            }
        ],
        "annotations": [
            {"result": _result(item.text, spans), "meta": {"presslens_author": author}}
            for author, spans in sorted(item.by_author.items())
        ],
    }


def write(items: Sequence[Any], path: Path) -> int:
    tasks = [task(it) for it in items]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(tasks, ensure_ascii=False, indent=1), encoding="utf-8")
    return sum(len(a["result"]) for t in tasks for a in t["annotations"])


def read(path: str | Path) -> dict[str, dict[str, list[Span]]]:
    """A Label Studio export → {presslens document id: {annotator: [Span]}}."""
    tasks = json.loads(Path(path).read_text(encoding="utf-8"))
    out: dict[str, dict[str, list[Span]]] = {}
    for t in tasks:
        doc_id = str(t.get("data", {}).get("presslens_id") or t.get("id"))
        for i, ann in enumerate(t.get("annotations", [])):
            who = (ann.get("meta") or {}).get("presslens_author") or str(
                ann.get("completed_by", f"annotator-{i}")
            )
            spans = []
            for r in ann.get("result", []):
                v = r.get("value", {})
                if r.get("type") == "labels" and v.get("labels"):
                    spans.append(
                        Span(str(r.get("id", "")), int(v["start"]), int(v["end"]), v["labels"][0])
                    )
            out.setdefault(doc_id, {})[who] = sorted(spans, key=lambda s: (s.start, s.end))
    return out
