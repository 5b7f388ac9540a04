"""Combine the model's spans with the named detectors' spans, and drop generic one-word hits.

Precedence (the issue asks for it documented):

1. Same offsets, same technique: one span; score = the higher; source = the detector (it names
   the reason).
2. A detector span and a model span overlap. The detector *wins* when its measured precision on
   the gold (its score) is ≥ the model's TC precision for the model span's technique (the
   5-fold CV table in ``cv_scores.json``). Same technique: the winner's span is kept, the
   other dropped. Different techniques: both are kept (PTC gold overlaps freely) unless the
   model span lies inside the detector span and the detector wins — then the model's label
   for those words is replaced by the detector's.
3. Model Loaded_Language spans of one word scoring below ``ll_single_word_min_score``
   (config.json; chosen on PTC fold-0 predictions, see the model card) are dropped: they are
   the generic single-word hits the issue complains of.

Every output span says where it came from: ``source`` is ``"model"`` or ``"detector:<name>"``.
"""

from __future__ import annotations

from typing import Any

Span = dict[str, Any]


def _overlap(a: Span, b: Span) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _inside(inner: Span, outer: Span) -> bool:
    return outer["start"] <= inner["start"] and inner["end"] <= outer["end"]


def combine(
    model: list[Span], detected: list[Span], model_precision: dict[str, float]
) -> list[Span]:
    """Merge model and detector spans by the precedence above; sorted by offsets."""
    keep_model = [dict(m) for m in model]
    keep_det: list[Span] = []
    for d in detected:
        wins_all = True
        for m in keep_model:
            if m.get("dropped") or not _overlap(d, m):
                continue
            wins = d["score"] >= model_precision.get(m["technique"], 1.0)
            same = m["technique"] == d["technique"]
            if same and (m["start"], m["end"]) == (d["start"], d["end"]):
                d = {**d, "score": max(d["score"], m["score"])}
                m["dropped"] = True
            elif same:
                if wins:
                    m["dropped"] = True
                else:
                    wins_all = False
            elif wins and _inside(m, d):
                m["dropped"] = True
        if wins_all:
            keep_det.append(d)
    out = [m for m in keep_model if not m.pop("dropped", False)] + keep_det
    out.sort(key=lambda a: (a["start"], a["end"], a["technique"]))
    return out


def drop_generic_loaded(spans: list[Span], text: str, min_score: float) -> list[Span]:
    """Drop model Loaded_Language spans of a single word whose score is below ``min_score``."""
    if min_score <= 0:
        return spans
    return [
        s
        for s in spans
        if not (
            s.get("source") == "model"
            and s["technique"] == "Loaded_Language"
            and len(text[s["start"] : s["end"]].split()) == 1
            and s["score"] < min_score
        )
    ]
