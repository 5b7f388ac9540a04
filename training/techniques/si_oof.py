"""Out-of-fold SI decoding: choose the decision rule on four folds, report on the fifth.

Usage: python -m training.techniques.si_oof --runs runs [--seeds 13 14] [--soup] [--folds 0 1 2 3]

Why nested: the held-out figures of earlier rounds were optimistic because the threshold and
gap were chosen on the same held-out predictions they were reported on (CV 0.595 against
0.566 held out). Here every fold's predictions are decoded with the rule chosen on the pooled
predictions of the other four folds only, so the pooled report over all 371 articles comes
from folds that chose nothing (issue 13 §1).

Systems compared (each trained by ``train_si --fold K --seed S``):
- one seed, the shipped rule (threshold 0.45, gap 2) — the baseline;
- one seed, rule chosen out of fold (threshold, gap, a span-mean floor, a one-word floor);
- the mean of two seeds' token probabilities (an ensemble: two encoder passes at run time);
- a "soup": the two seeds' weights averaged into one model (one pass at run time), whose
  held-out probabilities ``--soup`` computes first.
"""

from __future__ import annotations

import argparse
import itertools
import json
import pickle
from pathlib import Path

import numpy as np
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.spans import decode_spans
from presslens.semeval.scorer import score_si

THRESHOLDS = [round(x, 2) for x in np.arange(0.25, 0.71, 0.05)]
GAPS = [0, 1, 2, 3]
# A span is kept when the mean probability of its tokens reaches this floor: span-level
# decoding, since one confident token can otherwise carry a long weak run.
MEAN_FLOORS = [0.0, 0.55, 0.65]
# One-word spans are PTC's most frequent false positives (generic Loaded_Language words):
# a length prior asks more of them.
ONE_WORD_FLOORS = [0.0, 0.7]
SHIPPED = (0.45, 2, 0.0, 0.0)


def load_probs(runs: Path, name: str, folds: list[int]) -> dict:
    """Held-out (windows, probs) per article, pooled over the given folds of one system."""
    out: dict = {}
    for k in folds:
        with open(runs / f"{name.format(k=k)}" / "heldout_probs.pkl", "rb") as f:
            out.update(pickle.load(f))
    return out


def decoded(texts: dict[str, str], probs: dict) -> dict[tuple, dict[str, list]]:
    """Spans per (threshold, gap) per article; the floors only filter these."""
    out: dict[tuple, dict[str, list]] = {}
    for thr, gap in itertools.product(THRESHOLDS, GAPS):
        out[(thr, gap)] = {
            aid: decode_spans(texts[aid], w, p, thr, gap) for aid, (w, p) in probs.items()
        }
    return out


def apply_rule(texts, dec, rule, ids) -> list[tuple[str, int, int]]:
    thr, gap, mean_floor, word_floor = rule
    pred = []
    for aid in ids:
        for s, e, sc in dec[(thr, gap)][aid]:
            if sc < mean_floor:
                continue
            if word_floor and " " not in texts[aid][s:e] and sc < word_floor:
                continue
            pred.append((aid, s, e))
    return pred


def nested(texts, gold_by, folds, dec) -> tuple[dict, list]:
    """Pooled score of the five reporting folds, and the rule each fold was given."""
    rules = list(itertools.product(THRESHOLDS, GAPS, MEAN_FLOORS, ONE_WORD_FLOORS))
    reported, chosen = [], []
    for k in range(5):
        tune = [a for j in range(5) if j != k for a in folds[j]]
        gold = [(a, s, e) for a in tune for s, e in gold_by[a]]
        best = max(rules, key=lambda r: score_si(gold, apply_rule(texts, dec, r, tune)).f1)
        chosen.append(best)
        reported += apply_rule(texts, dec, best, folds[k])
    allgold = [(a, s, e) for a in gold_by for s, e in gold_by[a]]
    sc = score_si(allgold, reported)
    return {"P": sc.precision, "R": sc.recall, "F1": sc.f1, "n_pred": sc.n_pred}, chosen


def fixed(texts, gold_by, dec, rule) -> dict:
    allgold = [(a, s, e) for a in gold_by for s, e in gold_by[a]]
    sc = score_si(allgold, apply_rule(texts, dec, rule, list(gold_by)))
    return {"P": sc.precision, "R": sc.recall, "F1": sc.f1, "n_pred": sc.n_pred}


def mean_probs(a: dict, b: dict) -> dict:
    return {
        aid: (w, [(x + y) / 2 for x, y in zip(p, b[aid][1], strict=True)])
        for aid, (w, p) in a.items()
    }


def make_soups(runs: Path, seeds: list[int], folds: list[int]) -> None:
    """Average the seeds' fine-tuned weights per fold and predict that fold's articles."""
    import torch
    from training.techniques.common import load_tokenizer
    from training.techniques.train_si import predict
    from transformers import AutoModelForTokenClassification

    arts = load_train(extra=False)
    tok = load_tokenizer()
    for k in folds:
        fold = load_folds()[k]
        out = runs / f"si_f{k}_soup"
        if (out / "heldout_probs.pkl").exists():
            continue
        models = [
            AutoModelForTokenClassification.from_pretrained(str(runs / f"si_f{k}_s{s}" / "model"))
            for s in seeds
        ]
        state = {
            n: torch.stack([m.state_dict()[n].float() for m in models]).mean(0)
            for n in models[0].state_dict()
        }
        models[0].load_state_dict(state)
        preds = predict(models[0], tok, {a: arts[a].text for a in fold})
        out.mkdir(parents=True, exist_ok=True)
        with open(out / "heldout_probs.pkl", "wb") as f:
            pickle.dump(preds, f)
        print(f"soup fold {k}: {len(fold)} articles", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=Path, required=True)
    ap.add_argument("--seeds", type=int, nargs="+", default=[13])
    ap.add_argument("--soup", action="store_true")
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument(
        "--folds",
        type=int,
        nargs="+",
        default=list(range(5)),
        help="fewer than 5: only the shipped rule is scored (nesting needs all five)",
    )
    args = ap.parse_args()
    arts = load_train(extra=False)
    folds = load_folds()
    texts = {a: x.text for a, x in arts.items()}
    held = {a for k in args.folds for a in folds[k]}
    gold_by = {a: x.si for a, x in arts.items() if a in held}
    systems: dict[str, dict] = {}
    for s in args.seeds:
        systems[f"seed {s}"] = load_probs(args.runs, f"si_f{{k}}_s{s}", args.folds)
    if len(args.seeds) >= 2:
        systems["ensemble (mean of 2 seeds)"] = mean_probs(
            *[systems[f"seed {s}"] for s in args.seeds[:2]]
        )
        if args.soup:
            make_soups(args.runs, args.seeds[:2], args.folds)
            systems["soup (weights averaged)"] = load_probs(args.runs, "si_f{k}_soup", args.folds)
    res = {}
    for name, probs in systems.items():
        dec = decoded(texts, probs)
        base = fixed(texts, gold_by, dec, SHIPPED)
        if len(args.folds) < 5:
            res[name] = {"shipped_rule": base, "folds": args.folds}
            print(
                f"{name:28s} shipped rule F1 {base['F1']:.4f} (P {base['P']:.3f} "
                f"R {base['R']:.3f}) on folds {args.folds}",
                flush=True,
            )
            continue
        oof, rules = nested(texts, gold_by, folds, dec)
        res[name] = {"shipped_rule": base, "nested": oof, "rules": rules}
        print(
            f"{name:28s} shipped rule F1 {base['F1']:.4f} (P {base['P']:.3f} R {base['R']:.3f})"
            f" | nested F1 {oof['F1']:.4f} (P {oof['P']:.3f} R {oof['R']:.3f}) rules {rules}",
            flush=True,
        )
    if args.out:
        args.out.write_text(json.dumps(res, indent=1) + "\n")


if __name__ == "__main__":
    main()
