"""Technique layer speed: per-document path (before) vs cross-document batches (after), beside
a bare onnxruntime forward pass over the same encoder inputs (the limit of this design).

Usage: python bench/techniques_speed.py [--articles 30] [--rounds 2] [--threads 2]

Same PTC test articles for every system; old and new run interleaved in the same process
(old, new, bare, old, new, bare …) and the best round of each is reported, so machine load
hits all alike; the load average is printed. Tokens/s counts the articles' subword tokens
(the same count for every system).

Outputs are compared span by span. They are not bit-identical and cannot be: the int8 model
quantises activations dynamically with one scale per tensor, i.e. per *batch*, so which
sentences share a batch moves every probability slightly — already true of the per-document
path, whose batches are whatever sentences one article has. The bench reports how many spans
agree; the scores that matter are checked on PTC fold 0 (training/techniques/ll_floor.py
--compare-batched).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc"


def _old(model, texts):
    return [[t.as_dict() for t in model.annotate(x)] for x in texts]


def _new(model, texts):
    from presslens.layers.techniques.batched import annotate_many

    return [[t.as_dict() for t in doc] for doc in annotate_many(model, texts)]


def _bare_inputs(model, texts):
    """The exact SI windows and TC pairs the new path feeds the encoders, pre-padded."""
    from presslens.layers.techniques.batched import BATCH, find_spans_many
    from presslens.layers.techniques.spans import batch_arrays, windows
    from presslens.layers.techniques.tcinput import encode_pair, pad

    wins = sorted((w for x in texts for w in windows(model.tokenizer, x)), key=lambda w: len(w.ids))
    si = [
        batch_arrays(wins[i : i + BATCH], model.cls_id, model.sep_id)
        for i in range(0, len(wins), BATCH)
    ]
    found = find_spans_many(model, texts)
    pairs = sorted(
        (
            encode_pair(model.tokenizer, x, s, e)
            for x, f in zip(texts, found, strict=True)
            for s, e, _ in f
        ),
        key=lambda p: len(p[0]),
    )
    tc = [pad(pairs[i : i + BATCH]) for i in range(0, len(pairs), BATCH)]
    return si, tc


def _bare(model, si, tc):
    for ids, mask in si:
        model.si.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
    for ids, mask, types in tc:
        model.tc.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})


def _agreement(a, b) -> tuple[float, float]:
    """Share of old spans found with the same offsets by new, and of those with the same label."""
    olds = {(i, d["start"], d["end"]): d["technique"] for i, x in enumerate(a) for d in x}
    news = {(i, d["start"], d["end"]): d["technique"] for i, x in enumerate(b) for d in x}
    same = [k for k in olds if k in news]
    n = max(1, len(olds | news))
    return len(same) / n, sum(olds[k] == news[k] for k in same) / max(1, len(same))


def main() -> None:
    from presslens.layers.techniques.model import TechniqueModel
    from presslens.semeval.t11 import read_articles

    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if not (PTC / "test-articles").is_dir():
        print(f"skipped: {PTC} is absent")
        return
    texts = list(read_articles(PTC / "test-articles").values())[: args.articles]
    model = TechniqueModel(threads=args.threads)
    n_tok = sum(len(model.tokenizer.encode(t, add_special_tokens=False).ids) for t in texts)
    _old(model, texts[:1])  # warm-up
    si, tc = _bare_inputs(model, texts)
    best = {"old": 1e9, "new": 1e9, "bare": 1e9}
    outs = {}
    load0 = os.getloadavg()
    for _ in range(args.rounds):
        for name, fn in (("old", _old), ("new", _new), ("bare", None)):
            t0 = time.perf_counter()
            if fn is None:
                _bare(model, si, tc)
            else:
                outs[name] = fn(model, texts)
            best[name] = min(best[name], time.perf_counter() - t0)
    load1 = os.getloadavg()
    span_ok, label_ok = _agreement(outs["old"], outs["new"])
    print(
        f"## Technique layer speed ({len(texts)} PTC test articles, {n_tok} subword tokens, "
        f"{args.threads} onnxruntime threads, best of {args.rounds} interleaved rounds)\n"
    )
    print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} (1-min; 2 cores)\n")
    print("| system | seconds | tokens/s | vs before |")
    print("|---|---|---|---|")
    for name, label in (
        ("old", "before: per document (v1 path)"),
        ("new", "after: batched across documents"),
        ("bare", "bare onnxruntime SI+TC forward, same inputs (limit)"),
    ):
        print(
            f"| {label} | {best[name]:.2f} | {n_tok / best[name]:.0f} | {best['old'] / best[name]:.2f}× |"
        )
    n_si = sum(int(m.sum()) for _i, m in si)
    n_tc = sum(int(m.sum()) for _i, m, _t in tc)
    print(
        f"\nencoder inputs: SI {n_si} tokens in {len(si)} batches, TC {n_tc} tokens in {len(tc)} batches"
    )
    print(
        f"old vs new: {span_ok:.1%} of spans identical (offsets), {label_ok:.1%} of those "
        "with the same label (int8 dynamic quantisation is per batch; see the docstring)"
    )


if __name__ == "__main__":
    main()
