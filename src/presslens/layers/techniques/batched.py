"""SI + TC for many texts at once: the same decisions as ``TechniqueModel.annotate``, faster.

Why: run one document at a time, the encoders see small, ragged batches (a short article has a
dozen sentences), every TC span re-tokenises its whole context line, and the per-call overhead
of onnxruntime is paid per document. Here the windows of all texts are sorted by length and
run in full batches (dynamic padding: each batch is padded only to its own longest window),
spans and context lines are tokenised once in one ``encode_batch`` call, and TC runs only on
the spans SI found. Windows do not overlap (SI was trained on whole sentences, so no overlap
is needed). The outputs equal the per-document path's (checked by bench/techniques_speed.py
and tests/test_techniques_batched.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from presslens.deadline import check as check_deadline
from presslens.layers.techniques.features import linear_scores, span_features
from presslens.layers.techniques.model import TechniqueModel, TechniqueSpan, _softmax
from presslens.layers.techniques.spans import Window, batch_arrays, decode_spans, windows
from presslens.layers.techniques.tcinput import context_bounds, pad, pair_from_encodings

# Windows (SI) and span pairs (TC) per onnxruntime call. Larger batches amortise the call
# overhead; sorting by length keeps padding small, so 64 costs no extra padded work.
BATCH = 64


def _run_si(model: TechniqueModel, wins: list[Window]) -> list[np.ndarray]:
    out: list[np.ndarray] = [np.zeros(0)] * len(wins)
    order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
    for b in range(0, len(order), BATCH):
        check_deadline()
        idx = order[b : b + BATCH]
        ids, mask = batch_arrays([wins[i] for i in idx], model.cls_id, model.sep_id)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in model._si_inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        p = _softmax(model.si.run(None, feed)[0])[..., 1]
        for j, i in enumerate(idx):
            out[i] = p[j, 1 : 1 + len(wins[i].ids)]
    return out


def find_spans_many(
    model: TechniqueModel,
    texts: Sequence[str],
    segments: Sequence[list[tuple[int, int]] | None] | None = None,
) -> list[list[tuple[int, int, float]]]:
    """SI for every text: (start, end, mean token probability), as ``model.find_spans``."""
    segs = segments or [None] * len(texts)
    per_doc = [windows(model.tokenizer, t, segments=s) for t, s in zip(texts, segs, strict=True)]
    flat = [w for ws in per_doc for w in ws]
    probs = _run_si(model, flat) if flat else []
    c = model.config
    out, k = [], 0
    for text, ws in zip(texts, per_doc, strict=True):
        p = probs[k : k + len(ws)]
        k += len(ws)
        out.append(
            decode_spans(
                text, ws, p, c["si_threshold"], gap=c["si_gap"], min_chars=c["si_min_chars"]
            )
            if ws
            else []
        )
    return out


def classify_many(
    model: TechniqueModel, texts: Sequence[str], spans: Sequence[list[tuple[int, int]]]
) -> list[np.ndarray]:
    """TC probabilities for the spans of every text, as ``model.classify`` per text."""
    items = [(d, s, e) for d, sp in enumerate(spans) for s, e in sp]
    n_tech = len(model.techniques)
    if not items:
        return [np.zeros((0, n_tech), dtype=np.float32) for _ in texts]
    bounds = [context_bounds(texts[d], s, e) for d, s, e in items]
    lines = sorted({(d, cs, ce) for (d, _s, _e), (cs, ce) in zip(items, bounds, strict=True)})
    line_at = {key: i for i, key in enumerate(lines)}
    tok = model.tokenizer
    span_enc = tok.encode_batch([texts[d][s:e] for d, s, e in items], add_special_tokens=False)
    line_enc = tok.encode_batch([texts[d][cs:ce] for d, cs, ce in lines], add_special_tokens=False)
    special = (model.cls_id, model.sep_id)
    enc = []
    for (d, s, e), (cs, ce), a in zip(items, bounds, span_enc, strict=True):
        b = line_enc[line_at[(d, cs, ce)]]
        enc.append(pair_from_encodings(special, a.ids, b.ids, b.offsets, (s + e) // 2 - cs))
    logits = np.zeros((len(enc), n_tech), dtype=np.float32)
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    for b0 in range(0, len(order), BATCH):
        check_deadline()
        idx = order[b0 : b0 + BATCH]
        ids, mask, types = pad([enc[i] for i in idx])
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in model._tc_inputs:
            feed["token_type_ids"] = types
        logits[idx] = model.tc.run(None, feed)[0]
    p_enc = _softmax(logits)
    lows = [t.lower() for t in texts]
    rows = [span_features(texts[d], s, e, lows[d]) for d, s, e in items]
    p_lex = _softmax(linear_scores(rows, model.lex_coef, model.lex_bias))
    w = float(model.config["tc_weight_encoder"])
    mixed = w * p_enc + (1 - w) * p_lex
    out, k = [], 0
    for sp in spans:
        out.append(mixed[k : k + len(sp)])
        k += len(sp)
    return out


def annotate_many(
    model: TechniqueModel,
    texts: Sequence[str],
    segments: Sequence[list[tuple[int, int]] | None] | None = None,
) -> list[list[TechniqueSpan]]:
    """``model.annotate`` for many texts in shared batches."""
    found = find_spans_many(model, texts, segments)
    probs = classify_many(model, texts, [[(s, e) for s, e, _ in f] for f in found])
    out = []
    for text, f, pr in zip(texts, found, probs, strict=True):
        spans = []
        for (s, e, ss), p in zip(f, pr, strict=True):
            k = int(p.argmax())
            spans.append(
                TechniqueSpan(s, e, model.techniques[k], float(p[k]), ss, model.cues(text, s, e, k))
            )
        out.append(spans)
    return out
