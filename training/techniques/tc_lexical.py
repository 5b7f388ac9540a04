"""Cross-validate and fit the lexical (hashed features + logistic regression) TC model.

Usage: python -m training.techniques.tc_lexical [--C 4] [--final OUT.npz]

Writes out-of-fold probabilities to /work/tmp_tech style dir given by --oof for the
ensemble step.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.features import span_features, to_csr
from presslens.semeval.t11 import TECHNIQUES


def build(arts, ids):
    rows, y, keys = [], [], []
    lab = {t: i for i, t in enumerate(TECHNIQUES)}
    for aid in ids:
        a = arts[aid]
        low = a.text.lower()
        for t, s, e in a.tc:
            rows.append(span_features(a.text, s, e, low))
            y.append(lab[t])
            keys.append([aid, t, s, e])
    return rows, np.array(y), keys


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, nargs="+", default=[1.0, 4.0, 16.0])
    ap.add_argument("--oof", type=Path, default=None)
    ap.add_argument("--final", type=Path, default=None)
    args = ap.parse_args()
    arts = load_train()
    folds = load_folds()
    for C in args.C:
        oof_p, oof_k = [], []
        for _k, held in enumerate(folds):
            tr = [a for a in sorted(arts) if a not in set(held)]
            Xr, yr, _ = build(arts, tr)
            Xh, yh, kh = build(arts, held)
            clf = LogisticRegression(C=C, max_iter=300, tol=1e-3)
            clf.fit(to_csr(Xr), yr)
            p = clf.predict_proba(to_csr(Xh))
            full = np.zeros((len(kh), len(TECHNIQUES)))
            full[:, clf.classes_] = p
            oof_p.append(full)
            oof_k += kh
        P = np.vstack(oof_p)
        acc = np.mean([TECHNIQUES[i] == k[1] for i, k in zip(P.argmax(1), oof_k, strict=False)])
        print(f"C={C}: 5-fold top-1 accuracy {acc:.4f}", flush=True)
        if args.oof:
            args.oof.mkdir(parents=True, exist_ok=True)
            np.save(args.oof / f"lex_C{C}_probs.npy", P)
            (args.oof / "lex_keys.json").write_text(json.dumps(oof_k))
    if args.final:
        X, y, _ = build(arts, sorted(arts))
        clf = LogisticRegression(C=args.C[0], max_iter=300, tol=1e-3)
        clf.fit(to_csr(X), y)
        np.savez_compressed(
            args.final, coef=clf.coef_.astype(np.float16), bias=clf.intercept_.astype(np.float32)
        )
        print("saved", args.final)


if __name__ == "__main__":
    main()
