"""One text → technique spans: the model (English only), the detectors, and their combination.

Why a function apart from the component: the component, ``presslens semeval``-style benches and
the state-media bench must run exactly the same steps, and the component stays a thin adapter
to the Pipeline (options, context, language gate).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from presslens.layers.techniques.batched import annotate_many
from presslens.layers.techniques.combine import combine, drop_generic_loaded
from presslens.layers.techniques.detectors import LANGUAGES as DETECTOR_LANGUAGES
from presslens.layers.techniques.detectors import detect

# Languages the encoder was trained on: on any other page only the detectors run.
MODEL_LANGUAGES = ("en",)


@cache
def model_precision(model_dir: Path) -> dict[str, float]:
    """The model's TC precision per technique from its CV table (for the precedence rule)."""
    path = model_dir / "cv_scores.json"
    if not path.is_file():
        return {}
    per = json.loads(path.read_text(encoding="utf-8"))["tc"]["per_technique"]
    return {k: float(v["p"]) for k, v in per.items()}


def annotate_text(
    model: Any,
    text: str,
    segments: list[tuple[int, int]] | None,
    language: str | None,
    options: dict[str, Any],
) -> list[dict[str, Any]]:
    """Technique spans of ``text`` with ``source`` set, combined as in :mod:`.combine`.

    Options: ``detectors`` (default True), ``ll_single_word_min_score`` (default: the model
    config's value), ``min_score`` (drop any span below it; default 0).
    """
    lang = language or "en"
    spans: list[dict[str, Any]] = []
    if model is not None and lang in MODEL_LANGUAGES:
        found = annotate_many(model, [text], [segments])[0]
        spans = [t.as_dict() | {"source": "model"} for t in found]
        floor = float(
            options.get(
                "ll_single_word_min_score", model.config.get("ll_single_word_min_score", 0.0)
            )
        )
        spans = drop_generic_loaded(spans, text, floor)
    if options.get("detectors", True) and lang in DETECTOR_LANGUAGES:
        found = [d | {"span_score": d["score"], "cues": []} for d in detect(text, lang)]
        prec = model_precision(Path(model.dir)) if model is not None else {}
        spans = combine(spans, found, prec)
    min_score = float(options.get("min_score", 0.0))
    return [s for s in spans if s["score"] >= min_score]


def relabel_with_detectors(
    texts: dict[str, str],
    spans: list[tuple[str, int, int]],
    labels: list[str],
    language: str | None,
) -> list[str]:
    """TC on given spans: a shipped detector's label where one of its spans covers ≥ half of
    the given span, else the model's label (for scoring TC on gold spans)."""
    hits: dict[str, list[dict[str, Any]]] = {}
    out = []
    for (aid, s, e), lab in zip(spans, labels, strict=True):
        if aid not in hits:
            hits[aid] = detect(texts[aid], language)
        best = lab
        for d in hits[aid]:
            ov = min(e, d["end"]) - max(s, d["start"])
            if ov > 0 and ov * 2 >= e - s:
                best = d["technique"]
                break
        out.append(best)
    return out
