"""One text → technique spans: the model (English only), the detectors, and their combination.

Why a function apart from the component: the component, ``presslens semeval``-style benches and
the state-media bench must run exactly the same steps, and the component stays a thin adapter
to the Pipeline (options, context, language gate).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
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
    """The model's TC precision per technique (for the precedence rule): the shipped TC head's
    held-out figures when cv_scores.json has them, else the CV table of the earlier system."""
    path = model_dir / "cv_scores.json"
    if not path.is_file():
        return {}
    cv = json.loads(path.read_text(encoding="utf-8"))
    per = cv.get("tc_head", cv["tc"])["per_technique"]
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
    return annotate_texts(model, [(text, segments, language)], options)[0]


def annotate_texts(
    model: Any,
    items: Sequence[tuple[str, list[tuple[int, int]] | None, str | None]],
    options: dict[str, Any],
) -> list[list[dict[str, Any]]]:
    """:func:`annotate_text` for many (text, segments, language) items: the model reads the
    sentences of all English texts in one batched pass (:func:`.batched.annotate_many`)."""
    langs = [lang or "en" for _t, _s, lang in items]
    on = [i for i, lang in enumerate(langs) if model is not None and lang in MODEL_LANGUAGES]
    found = annotate_many(model, [items[i][0] for i in on], [items[i][1] for i in on]) if on else []
    by_item = dict(zip(on, found, strict=True))
    floor = 0.0
    if model is not None:
        floor = float(
            options.get(
                "ll_single_word_min_score", model.config.get("ll_single_word_min_score", 0.0)
            )
        )
    min_score = float(options.get("min_score", 0.0))
    out = []
    for i, ((text, _segs, _lang), lang) in enumerate(zip(items, langs, strict=True)):
        spans = [t.as_dict() | {"source": "model"} for t in by_item.get(i, [])]
        spans = drop_generic_loaded(spans, text, floor)
        if options.get("detectors", True) and lang in DETECTOR_LANGUAGES:
            hits = [d | {"span_score": d["score"], "cues": []} for d in detect(text, lang)]
            prec = model_precision(Path(model.dir)) if model is not None else {}
            spans = combine(spans, hits, prec)
        out.append([s for s in spans if s["score"] >= min_score])
    return out


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
