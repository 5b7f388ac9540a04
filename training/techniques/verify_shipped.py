"""Re-score the shipped int8 ONNX model on the held-out fold its encoders never saw.

Usage: python -m training.techniques.verify_shipped --fold 0

Why: quantisation and export can silently cost accuracy; this runs the exact inference
code (presslens.techniques.model) and records the numbers next to the torch CV numbers in
models/techniques/cv_scores.json. The TC check uses the encoder alone, because the shipped
lexical model was fitted on all articles (fold included).
"""

from __future__ import annotations

import argparse
import json
import time

from training.techniques.data import load_folds, load_train

from presslens.semeval.scorer import score_si, score_tc
from presslens.techniques.model import MODEL_DIR, TechniqueModel


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    arts = load_train()
    ids = load_folds()[args.fold]
    model = TechniqueModel(threads=args.threads)
    t0 = time.time()
    pred_si, gold_si = [], []
    for aid in ids:
        a = arts[aid]
        pred_si += [(aid, s, e) for s, e, _ in model.find_spans(a.text)]
        gold_si += [(aid, s, e) for s, e in a.si]
    si = score_si(gold_si, pred_si)
    model.config["tc_weight_encoder"] = 1.0
    keys = [(aid, t, s, e) for aid in ids for t, s, e in arts[aid].tc]
    labels = model.label_template(
        {aid: arts[aid].text for aid in ids}, [(a, s, e) for a, _t, s, e in keys]
    )
    tc = score_tc(keys, [(a, lab, s, e) for (a, _t, s, e), lab in zip(keys, labels, strict=True)])
    res = {
        "fold": args.fold,
        "si_f1_int8": round(si.f1, 4),
        "si_precision_int8": round(si.precision, 4),
        "si_recall_int8": round(si.recall, 4),
        "tc_encoder_only_f1_int8": round(tc.f1, 4),
        "seconds": round(time.time() - t0, 1),
    }
    print(json.dumps(res))
    path = MODEL_DIR / "cv_scores.json"
    cv = json.loads(path.read_text())
    cv["shipped_check"] = res
    path.write_text(json.dumps(cv, indent=1) + "\n")


if __name__ == "__main__":
    main()
