"""The one inference path of the technique model: SI and TC for many texts in one pass.

Why one path: ``TechniqueModel.annotate`` (one document) calls :func:`annotate_many` with a list
of one, so the per-document and cross-document results come from the same code.

Why it is fast: each window (sentence) runs on its own, so nothing is padded; windows do not
overlap (SI was trained on whole sentences, so no overlap is needed); and the SI forward pass
also returns the encoder's last hidden states, from which each candidate span is classified by a linear head
(:func:`~presslens.layers.techniques.tcinput.span_vector`), so there is no second encoder
forward per span. TC runs only on SI's candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from presslens.deadline import check as check_deadline
from presslens.layers.techniques.features import linear_scores, span_features
from presslens.layers.techniques.spans import TechniqueSpan, Window, batch_arrays, decode_spans
from presslens.layers.techniques.spans import windows as make_windows
from presslens.layers.techniques.tcinput import span_vector

if TYPE_CHECKING:
    from presslens.layers.techniques.model import TechniqueModel

# Windows per onnxruntime call: one. Why: the int8 graph quantises each MatMul input with one
# scale for the whole call, so a window batched with others got other probabilities than alone
# (up to 0.18 on 20 PTC test articles; 26 of 30 articles got other spans through
# Pipeline.pipe). Alone, a window's output depends on nothing else, so a document gets the same
# spans however it is batched, and it is faster here too: 20 articles encoded in 2.10 s one
# window per call against 2.70 s in length-sorted batches of 64 (1 thread; bench/README.md
# "Batch independence").
BATCH = 1

# Texts encoded together. Why a bound: the hidden states of every window of the texts in one
# pass are kept until their spans are classified (≈ 1.5 kB per subword token), so a folder of a
# thousand articles is taken a chunk at a time; 64 articles are still ~40 full batches.
TEXTS_PER_PASS = 64

Segments = Sequence[list[tuple[int, int]] | None] | None


def _in_chunks(texts: Sequence[str], segments: Segments):
    """(offset, texts, segments) in chunks of TEXTS_PER_PASS."""
    segs = list(segments) if segments is not None else [None] * len(texts)
    for i in range(0, len(texts), TEXTS_PER_PASS):
        yield texts[i : i + TEXTS_PER_PASS], segs[i : i + TEXTS_PER_PASS]


def softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


@dataclass
class Encoded:
    """The SI encoder's output for the windows of one text (the [CLS]/[SEP] rows removed)."""

    windows: list[Window]
    probs: list[np.ndarray]  # P(propaganda) per token
    hidden: list[np.ndarray]  # (tokens, hidden size) per window
    starts: list[np.ndarray]  # token start offsets per window
    ends: list[np.ndarray]


def encode_texts(model: TechniqueModel, texts: Sequence[str], segments: Segments = None):
    """Run the SI encoder once over every window of every text: probabilities + hidden states."""
    segs = segments or [None] * len(texts)
    per_doc = [
        make_windows(model.tokenizer, t, segments=s) for t, s in zip(texts, segs, strict=True)
    ]
    flat = [w for ws in per_doc for w in ws]
    probs: list[np.ndarray] = [np.zeros(0)] * len(flat)
    hidden: list[np.ndarray] = [np.zeros((0, model.hidden_size), np.float32)] * len(flat)
    order = sorted(range(len(flat)), key=lambda i: len(flat[i].ids))
    for b in range(0, len(order), BATCH):
        check_deadline()
        idx = order[b : b + BATCH]
        ids, mask = batch_arrays([flat[i] for i in idx], model.cls_id, model.sep_id)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in model.si_inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        logits, hid = model.si.run(["logits", "hidden"], feed)
        p = softmax(logits)[..., 1]
        for j, i in enumerate(idx):
            n = len(flat[i].ids)
            probs[i] = p[j, 1 : 1 + n]
            hidden[i] = hid[j, 1 : 1 + n]
    out, k = [], 0
    for ws in per_doc:
        out.append(
            Encoded(
                ws,
                probs[k : k + len(ws)],
                hidden[k : k + len(ws)],
                [np.asarray(w.starts) for w in ws],
                [np.asarray(w.ends) for w in ws],
            )
        )
        k += len(ws)
    return out


def _decode(model: TechniqueModel, text: str, enc: Encoded) -> list[tuple[int, int, float]]:
    if not enc.windows:
        return []
    c = model.config
    return decode_spans(
        text,
        enc.windows,
        enc.probs,
        c["si_threshold"],
        gap=c["si_gap"],
        min_chars=c["si_min_chars"],
    )


def head_probs(model: TechniqueModel, vectors: np.ndarray) -> np.ndarray:
    """The TC head's technique probabilities for stacked span vectors."""
    z = (vectors - model.head_mean) / model.head_scale
    return softmax(z @ model.head_coef.T + model.head_bias)


def lexical_probs(
    model: TechniqueModel, texts: Sequence[str], items: list[tuple[int, int, int]]
) -> np.ndarray:
    """The lexical model's technique probabilities for (text index, start, end) items."""
    lows = {d: texts[d].lower() for d, _s, _e in items}
    rows = [span_features(texts[d], s, e, lows[d]) for d, s, e in items]
    return softmax(linear_scores(rows, model.lex_coef, model.lex_bias))


def _classify_encoded(
    model: TechniqueModel,
    texts: Sequence[str],
    encs: list[Encoded],
    spans: Sequence[list[tuple[int, int]]],
) -> list[np.ndarray]:
    items = [(d, s, e) for d, sp in enumerate(spans) for s, e in sp]
    n_tech = len(model.techniques)
    if not items:
        return [np.zeros((0, n_tech), dtype=np.float32) for _ in texts]
    vecs = np.stack(
        [
            span_vector(encs[d].starts, encs[d].ends, encs[d].hidden, s, e, model.hidden_size)
            for d, s, e in items
        ]
    )
    w = float(model.config["tc_weight_head"])
    mixed = w * head_probs(model, vecs) + (1 - w) * lexical_probs(model, texts, items)
    out, k = [], 0
    for sp in spans:
        out.append(mixed[k : k + len(sp)])
        k += len(sp)
    return out


def find_spans_many(
    model: TechniqueModel, texts: Sequence[str], segments: Segments = None
) -> list[list[tuple[int, int, float]]]:
    """SI for every text: (start, end, mean token probability) of each candidate span."""
    out = []
    for part, segs in _in_chunks(texts, segments):
        encs = encode_texts(model, part, segs)
        out += [_decode(model, t, e) for t, e in zip(part, encs, strict=True)]
    return out


def classify_many(
    model: TechniqueModel,
    texts: Sequence[str],
    spans: Sequence[list[tuple[int, int]]],
    segments: Segments = None,
) -> list[np.ndarray]:
    """TC for given spans of every text: (n_spans, 14) technique probabilities per text."""
    out: list[np.ndarray] = []
    for part, segs in _in_chunks(texts, segments):
        sp = spans[len(out) : len(out) + len(part)]
        out += _classify_encoded(model, part, encode_texts(model, part, segs), sp)
    return out


def annotate_many(
    model: TechniqueModel, texts: Sequence[str], segments: Segments = None
) -> list[list[TechniqueSpan]]:
    """SI then TC for every text, from one SI forward pass over all their windows.

    A span whose technique probability is below that technique's ``tc_min_score`` (config;
    chosen on held-out data, see the model card) is dropped.
    """
    out: list[list[TechniqueSpan]] = []
    for part, segs in _in_chunks(texts, segments):
        out += _annotate_pass(model, part, segs)
    return out


def _annotate_pass(
    model: TechniqueModel, texts: Sequence[str], segments: Segments
) -> list[list[TechniqueSpan]]:
    encs = encode_texts(model, texts, segments)
    found = [_decode(model, t, e) for t, e in zip(texts, encs, strict=True)]
    probs = _classify_encoded(model, texts, encs, [[(s, e) for s, e, _ in f] for f in found])
    floors = model.config.get("tc_min_score", {})
    out = []
    for text, f, pr in zip(texts, found, probs, strict=True):
        spans = []
        for (s, e, ss), p in zip(f, pr, strict=True):
            k = int(p.argmax())
            tech = model.techniques[k]
            if float(p[k]) < floors.get(tech, 0.0):
                continue
            spans.append(TechniqueSpan(s, e, tech, float(p[k]), ss, model.cues(text, s, e, k)))
        out.append(spans)
    return out
