"""Calibrated (static) int8 for the check-worthiness encoder, against the shipped dynamic int8.

Usage (training venv): python -m training.claims.static_int8 FP32.onnx [--out /tmp/claims_static.onnx]

Why this was measured: dynamic int8 scales each call's activations by the call's largest value,
so batched sentences moved each other's scores. Fixed scales remove that, at a cost printed
here: |logit − fp32| over 400 PTC sentences, batch dependence, file size and time. The scorer
took the other way out (one sentence per call, bench/batch_independence.py); this script keeps
the rejected alternative's figures reproducible. FP32.onnx is the export's fp32 graph
(``training.claims.export --work DIR`` writes ``DIR/checkworthy.onnx``).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
from training.onnx_quant import batch_dependence, quantize_fixed
from training.techniques.data import load_train

from presslens.layers.claims.model import MODEL_DIR


def sentence_feeds(n: int) -> list[dict[str, np.ndarray]]:
    """``n`` single-sentence feeds (PTC train lines over 20 characters, fixed seed)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(MODEL_DIR / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(64)
    arts = load_train(extra=False)
    lines = [x for a in sorted(arts) for x in arts[a].text.split("\n") if len(x) > 20]
    random.Random(3).shuffle(lines)
    feeds = []
    for line in lines[:n]:
        ids = np.array([tok.encode(line).ids], np.int64)
        feeds.append(
            {
                "input_ids": ids,
                "attention_mask": np.ones_like(ids),
                "token_type_ids": np.zeros_like(ids),
            }
        )
    return feeds


def logits(path: Path, feeds) -> np.ndarray:
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    return np.array([sess.run(None, f)[0].reshape(-1)[-1] for f in feeds])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("fp32", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/claims_static.onnx"))
    args = ap.parse_args()
    feeds = sentence_feeds(700)
    calibration, test = feeds[:300], feeds[300:]
    if not args.out.exists():
        print(quantize_fixed(args.fp32, args.out, calibration, "percentile"))
    ref = logits(args.fp32, test)
    for name, path in (
        ("dynamic (shipped)", MODEL_DIR / "checkworthy.int8.onnx"),
        ("static", args.out),
    ):
        t = time.perf_counter()
        z = logits(path, test)
        el = time.perf_counter() - t
        d = np.abs(z - ref)
        dep = batch_dependence(path, test[:16], "logits")
        print(
            f"{name}: |Δlogit| vs fp32 mean {d.mean():.4f} max {d.max():.3f}; batch dependence "
            f"{dep:.1e}; {path.stat().st_size / 1e6:.0f} MB; {el:.2f} s for {len(test)} sentences"
        )


if __name__ == "__main__":
    main()
