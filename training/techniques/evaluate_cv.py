"""Score held-out predictions of every trained fold and choose the shipped decision rules.

Usage: python -m training.techniques.evaluate_cv --runs DIR [--out src/presslens/models/techniques/cv_scores.json]

SI: the threshold and gap are chosen on the pooled held-out token probabilities of the
folds that were run. TC: the encoder/lexical mixing weight is chosen the same way, and the
duplicate-span rule (second-best label for a repeated span) is applied, as at inference.
Everything is scored with presslens.semeval.scorer, the same code as `semeval t11 score`.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import defaultdict
from pathlib import Path

import numpy as np
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.spans import decode_spans
from presslens.semeval.scorer import score_si, score_tc
from presslens.semeval.t11 import TECHNIQUES


def tc_labels(keys: list, probs: np.ndarray) -> list[str]:
    """Argmax, with repeated (article, start, end) spans taking the next-best label."""
    used: dict[tuple, int] = defaultdict(int)
    out = []
    for k, p in zip(keys, probs, strict=True):
        key = (k[0], k[2], k[3])
        out.append(TECHNIQUES[int(np.argsort(-p)[used[key]])])
        used[key] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=Path, required=True)
    ap.add_argument("--lex", type=Path, default=None, help="lexical OOF dir")
    ap.add_argument("--lex-c", default="4.0")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    arts = load_train()
    folds = load_folds()
    res: dict = {"si": {}, "tc": {}}

    # ---------------- SI
    si_folds = [k for k in range(5) if (args.runs / f"si_f{k}" / "heldout_probs.pkl").exists()]
    preds = {}
    for k in si_folds:
        with open(args.runs / f"si_f{k}" / "heldout_probs.pkl", "rb") as f:
            preds.update(pickle.load(f))
    held = [a for k in si_folds for a in folds[k]]
    gold = [(a, s, e) for a in held for s, e in arts[a].si]
    best = None
    if si_folds:
        for gap in (0, 1, 2):
            for thr in np.arange(0.2, 0.71, 0.05):
                pr = [
                    (a, s, e)
                    for a in held
                    for s, e, _ in decode_spans(arts[a].text, *preds[a], float(thr), gap=gap)
                ]
                sc = score_si(gold, pr)
                if best is None or sc.f1 > best[0].f1:
                    best = (sc, float(round(thr, 2)), gap)
        sc, thr, gap = best
        per_fold = {}
        for k in si_folds:
            g = [(a, s, e) for a in folds[k] for s, e in arts[a].si]
            p = [
                (a, s, e)
                for a in folds[k]
                for s, e, _ in decode_spans(arts[a].text, *preds[a], thr, gap=gap)
            ]
            per_fold[k] = round(score_si(g, p).f1, 4)
        res["si"] = {
            "folds": si_folds,
            "threshold": thr,
            "gap": gap,
            "precision": round(sc.precision, 4),
            "recall": round(sc.recall, 4),
            "f1": round(sc.f1, 4),
            "per_fold_f1": per_fold,
            "n_pred": sc.n_pred,
            "n_gold": sc.n_gold,
        }
        print("SI", json.dumps(res["si"]))

    # ---------------- TC
    tc_folds = [k for k in range(5) if (args.runs / f"tc_f{k}" / "heldout_probs.npy").exists()]
    lex_p = lex_index = None
    if args.lex and (args.lex / f"lex_C{args.lex_c}_probs.npy").exists():
        lp = np.load(args.lex / f"lex_C{args.lex_c}_probs.npy")
        lk = json.loads((args.lex / "lex_keys.json").read_text())
        lex_index = {tuple(k): i for i, k in enumerate(lk)}
        lex_p = lp
    keys, enc = [], []
    for k in tc_folds:
        keys += json.loads((args.runs / f"tc_f{k}" / "heldout_keys.json").read_text())
        enc.append(np.load(args.runs / f"tc_f{k}" / "heldout_probs.npy"))
    if tc_folds:
        P = np.vstack(enc)
        L = None
        if lex_p is not None:
            L = np.vstack([lex_p[lex_index[tuple(k)]] for k in keys])
        gold_tc = [(k[0], k[1], k[2], k[3]) for k in keys]
        table = {}
        for w in [1.0] if L is None else np.arange(0.0, 1.01, 0.1):
            mix = P if L is None else w * P + (1 - w) * L
            lab = tc_labels(keys, mix)
            sc = score_tc(gold_tc, [(k[0], t, k[2], k[3]) for k, t in zip(keys, lab, strict=True)])
            table[round(float(w), 2)] = sc
        w_best = max(table, key=lambda w: table[w].f1)
        sc = table[w_best]
        res["tc"] = {
            "folds": tc_folds,
            "weight_encoder": w_best,
            "micro_f1": round(sc.f1, 4),
            "encoder_only_f1": round(table[1.0].f1, 4),
            "lexical_only_f1": round(table[0.0].f1, 4) if 0.0 in table else None,
            "n_spans": len(keys),
            "per_technique": {
                t: {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "gold": n}
                for t, (p, r, f, n) in sc.per_technique.items()
            },
        }
        print("TC", {k: v for k, v in res["tc"].items() if k != "per_technique"})
        for w, s in table.items():
            print(f"  w_encoder {w}: micro-F1 {s.f1:.4f}")
    if args.out:
        args.out.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
