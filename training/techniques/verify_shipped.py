"""Re-score the shipped int8 ONNX model on the held-out fold its encoders never saw.

Usage: python -m training.techniques.verify_shipped --fold 0

Why: quantisation and export can silently cost accuracy; this runs the exact inference
code (presslens.layers.techniques.model) and records the numbers next to the torch CV numbers in
src/presslens/models/techniques/cv_scores.json. The TC check uses the encoder alone, because the shipped
lexical model was fitted on all articles (fold included). Since the TC head replaced the TC
encoder, "encoder only" means the head on the SI encoder's states (itself trained on all 371
articles, fold included: training/techniques/tc_head.py has the clean comparison).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.model import MODEL_DIR, TechniqueModel
from presslens.semeval.scorer import score_si, score_tc
from presslens.semeval.t11 import TECHNIQUES


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lex-oof", type=Path, default=None, help="lexical OOF dir (C=4.0)")
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
    model.config["tc_weight_head"] = 1.0
    keys = [(aid, t, s, e) for aid in ids for t, s, e in arts[aid].tc]
    labels = model.label_template(
        {aid: arts[aid].text for aid in ids}, [(a, s, e) for a, _t, s, e in keys]
    )
    tc = score_tc(keys, [(a, lab, s, e) for (a, _t, s, e), lab in zip(keys, labels, strict=True)])
    ens = None
    if args.lex_oof:
        # encoder probabilities from the int8 model + the lexical model's out-of-fold ones
        lk = json.loads((args.lex_oof / "lex_keys.json").read_text())
        lp = np.load(args.lex_oof / "lex_C4.0_probs.npy")
        index = {tuple(k): i for i, k in enumerate(lk)}
        w = float(json.loads((MODEL_DIR / "config.json").read_text())["tc_weight_head"])
        pred = []
        for aid in ids:
            a = arts[aid]
            spans = [(s, e) for _t, s, e in a.tc]
            pe = model.classify(a.text, spans)  # tc_weight_head is 1.0 here
            used: dict = {}
            for (t, s, e), p in zip(a.tc, pe, strict=True):
                mix = w * p + (1 - w) * lp[index[(aid, t, s, e)]]
                k = used.get((s, e), 0)
                used[(s, e)] = k + 1
                pred.append((aid, TECHNIQUES[int(np.argsort(-mix)[k])], s, e))
        ens = round(score_tc(keys, pred).f1, 4)
    res = {
        "fold": args.fold,
        "si_f1_int8": round(si.f1, 4),
        "si_precision_int8": round(si.precision, 4),
        "si_recall_int8": round(si.recall, 4),
        "tc_encoder_only_f1_int8": round(tc.f1, 4),
        "tc_ensemble_f1_int8_with_oof_lexical": ens,
        "seconds": round(time.time() - t0, 1),
    }
    print(json.dumps(res))
    path = MODEL_DIR / "cv_scores.json"
    cv = json.loads(path.read_text())
    cv["shipped_check"] = res
    path.write_text(json.dumps(cv, indent=1) + "\n")


if __name__ == "__main__":
    main()
