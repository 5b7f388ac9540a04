"""Both encoders, one sentence per onnxruntime call against the length-sorted batches they ran
before: speed, and whether a document's scores depend on the documents batched with it.

Why: the int8 graphs quantise each MatMul input with one scale per call (the largest value in
it), so a sentence batched with others gets other scores than alone. Since this change both
layers run one sentence (window) per call (``BATCH = 1`` in ``layers/techniques/batched.py``
and ``layers/claims/model.py``); the peer is the previous setting, 64 per call, measured in
the same run on the same texts, rounds interleaved, best round kept.

Usage: python bench/batch_independence.py [--articles 20] [--rounds 3] [--threads 1]

Texts: PTC test articles (../shared/data/semeval2020-task11-ptc/test-articles); exits 0 with a
message when absent. Printed per encoder: seconds for all texts, the speed ratio
(one per call ÷ batched; > 1 = faster), and the largest change of a probability between a text
encoded alone and among all the others.
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
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc" / "test-articles"
PEER_BATCH = 64  # the setting both encoders shipped with before this change


def technique_probs(model, texts, batch: int) -> list[list[np.ndarray]]:
    import presslens.layers.techniques.batched as tb

    tb.BATCH = batch
    return [enc.probs for enc in tb.encode_texts(model, texts)]


def claim_probs(scorer, texts, batch: int) -> list[np.ndarray]:
    import presslens.layers.claims.model as cm

    cm.BATCH = batch
    sents = [[s for s in t.split("\n") if s.strip()] for t in texts]
    flat = scorer.score([s for ss in sents for s in ss])
    out, k = [], 0
    for ss in sents:
        out.append(flat[k : k + len(ss)])
        k += len(ss)
    return out


def largest_move(together, alone) -> float:
    """Largest |Δprobability| between the texts' outputs together and each alone."""
    worst = 0.0
    for a, b in zip(together, alone, strict=True):
        rows_a = a if isinstance(a, list) else [a]  # techniques: one array per window
        rows_b = b if isinstance(b, list) else [b]
        for x, y in zip(rows_a, rows_b, strict=True):
            if len(x):
                worst = max(worst, float(np.abs(np.asarray(x) - np.asarray(y)).max()))
    return worst


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    if not PTC.is_dir():
        print(f"skipped: {PTC} is absent")
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from presslens.layers.claims.model import load_scorer
    from presslens.layers.techniques.model import TechniqueModel
    from presslens.semeval.t11 import read_articles

    arts = read_articles(PTC)
    texts = [arts[a] for a in sorted(arts)[: args.articles]]
    encoders = {
        "techniques (SI windows)": (TechniqueModel(threads=args.threads), technique_probs),
        "claims (sentences)": (load_scorer(threads=args.threads), claim_probs),
    }
    print(
        f"{len(texts)} PTC test articles, {args.threads} onnxruntime thread(s), "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print(
        "| encoder | one per call s | 64 per call s | speed ratio | max move, one per call | "
        "max move, 64 per call |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for name, (model, run) in encoders.items():
        best = {1: 1e9, PEER_BATCH: 1e9}
        for _ in range(args.rounds):
            for batch in (1, PEER_BATCH):
                t = time.perf_counter()
                run(model, texts, batch)
                best[batch] = min(best[batch], time.perf_counter() - t)
        moves = {}
        for batch in (1, PEER_BATCH):
            together = run(model, texts, batch)
            alone = [run(model, [t], batch)[0] for t in texts]
            moves[batch] = largest_move(together, alone)
        print(
            f"| {name} | {best[1]:.2f} | {best[PEER_BATCH]:.2f} | "
            f"{best[PEER_BATCH] / best[1]:.2f}× | {moves[1]:.1e} | {moves[PEER_BATCH]:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
