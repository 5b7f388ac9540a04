"""Compare check-worthiness models on the held-out splits of training/claims/holdout.py.

Usage (runtime venv; the fine-tuned run was written by training.claims.finetune):
  python -m training.claims.compare [--run runs/claims/split] [--onnx DIR] [--json OUT]

Every model trains on the same rows (ClaimBuster train block + CLEF train debates) and is
scored on the same report rows. Choices are made on validation only: the fine-tuned model's
epoch (highest ClaimBuster val AP + CLEF val MAP), each model's F1 threshold (best F1 on the
ClaimBuster validation block), the baseline's C. ``--onnx`` scores a packaged int8 model
folder (checkworthy.json + files), i.e. exactly what ships; ``--run`` prints the validation
figures per epoch and which epoch they choose (the one to export).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, precision_recall_curve
from training.claims.holdout import (
    CLEF_POS_WEIGHT,
    CLEF_WEIGHT,
    Part,
    claimbuster_split,
    clef_split,
    debate_map,
)


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The score threshold with the highest check-worthy F1 on these (validation) rows."""
    prec, rec, thr = precision_recall_curve(labels, scores)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    return float(thr[int(np.argmax(f1[:-1]))])


def f1_at(labels: np.ndarray, scores: np.ndarray, thr: float) -> tuple[float, float, float]:
    pred = scores >= thr
    tp = float((pred & (labels == 1)).sum())
    p = tp / max(pred.sum(), 1)
    r = tp / max((labels == 1).sum(), 1)
    return float(p), float(r), float(2 * p * r / max(p + r, 1e-9))


def balanced_f1(labels: np.ndarray, scores: np.ndarray, thr: float) -> float:
    """F1 the same decisions would get at a 50/50 class balance (the public ClaimBuster test
    split's): recall unchanged, precision recomputed from the true- and false-positive rates."""
    pred = scores >= thr
    tpr, fpr = pred[labels == 1].mean(), pred[labels == 0].mean()
    precision = tpr / max(tpr + fpr, 1e-9)
    return float(2 * precision * tpr / max(precision + tpr, 1e-9))


def row(name: str, cb: dict[str, Part], clef: dict[str, Part], s: dict[str, np.ndarray]) -> dict:
    """All report figures of one model from its val and report scores."""
    thr = best_threshold(cb["val"].labels, s["cb_val"])
    p, r, f1 = f1_at(cb["report"].labels, s["cb_report"], thr)
    return {
        "model": name,
        "cb_threshold_from_val": round(thr, 4),
        "cb_precision": round(p, 4),
        "cb_recall": round(r, 4),
        "cb_f1": round(f1, 4),
        "cb_f1_balanced_est": round(balanced_f1(cb["report"].labels, s["cb_report"], thr), 4),
        "cb_ap": round(float(average_precision_score(cb["report"].labels, s["cb_report"])), 4),
        "clef_map": round(
            debate_map(clef["report"].labels, s["clef_report"], clef["report"].debates), 4
        ),
        "cb_val_ap": round(float(average_precision_score(cb["val"].labels, s["cb_val"])), 4),
        "clef_val_map": round(
            debate_map(clef["val"].labels, s["clef_val"], clef["val"].debates), 4
        ),
    }


def _sets(cb: dict[str, Part], clef: dict[str, Part]) -> dict[str, list[str]]:
    return {
        "cb_val": cb["val"].texts,
        "cb_report": cb["report"].texts,
        "clef_val": clef["val"].texts,
        "clef_report": clef["report"].texts,
    }


def _train_rows(
    cb: dict[str, Part], clef: dict[str, Part]
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, labels, sample weights: the fine-tuned model's rows and weights."""
    y = np.r_[cb["train"].labels, clef["train"].labels]
    w = np.r_[
        np.ones(len(cb["train"].texts)),
        CLEF_WEIGHT * np.where(clef["train"].labels == 1, CLEF_POS_WEIGHT, 1.0),
    ]
    return cb["train"].texts + clef["train"].texts, y, w


def tfidf_lr(cb: dict[str, Part], clef: dict[str, Part], log) -> dict[str, np.ndarray]:
    """Plain TF-IDF word 1-2 + char 2-5 n-grams + logistic regression; C chosen on validation."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts, y, w = _train_rows(cb, clef)
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)
    x = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
    sets = _sets(cb, clef)
    feats = {k: hstack([word.transform(v), char.transform(v)]).tocsr() for k, v in sets.items()}
    best, best_val = None, -1.0
    for c in (1.0, 4.0, 16.0):
        lr = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x, y, sample_weight=w)
        s = {k: lr.decision_function(v) for k, v in feats.items()}
        val = average_precision_score(cb["val"].labels, s["cb_val"]) + debate_map(
            clef["val"].labels, s["clef_val"], clef["val"].debates
        )
        log(f"tfidf+lr C={c}: val AP+MAP {val:.4f}")
        if val > best_val:
            best, best_val = s, val
    assert best is not None
    return best


def shipped_recipe(cb: dict[str, Part], clef: dict[str, Part]) -> dict[str, np.ndarray]:
    """The previous shipped model's recipe (hashed TF-IDF + hand features + static MiniLM
    embeddings, SGD logistic regression, CLEF weighted), fitted on the training rows only."""
    from training.claims.cv import LINEAR_RECIPE, build_pool, fit, predict
    from training.claims.data import Corpus

    from presslens.layers.claims.model import EMBEDDER_DIR, MODEL_DIR, StaticEmbedder

    def corpus(parts: list[Part], offset: int) -> Corpus:
        texts = [t for p in parts for t in p.texts]
        groups = np.concatenate([np.full(len(p.texts), offset + i) for i, p in enumerate(parts)])
        return Corpus(texts, np.concatenate([p.labels for p in parts]), groups, [], groups)

    names = ("train", "val", "report")
    pool = build_pool(
        corpus([cb[n] for n in names], 0),
        corpus([clef[n] for n in names], 0),
        StaticEmbedder(MODEL_DIR / EMBEDDER_DIR),
    )
    n_cb = [len(cb[n].texts) for n in names]
    n_clef = [len(clef[n].texts) for n in names]
    starts_cb = np.r_[0, np.cumsum(n_cb)]
    starts_clef = len(pool.texts) - sum(n_clef) + np.r_[0, np.cumsum(n_clef)]

    def rows(starts: np.ndarray, i: int) -> np.ndarray:
        return np.arange(starts[i], starts[i + 1])

    train = np.r_[rows(starts_cb, 0), rows(starts_clef, 0)]
    params, clf = fit(pool, train, LINEAR_RECIPE)
    out = {}
    for key, starts, i in (
        ("cb_val", starts_cb, 1),
        ("cb_report", starts_cb, 2),
        ("clef_val", starts_clef, 1),
        ("clef_report", starts_clef, 2),
    ):
        out[key] = predict(pool, rows(starts, i), params, clf, LINEAR_RECIPE)
    return out


def choose_epoch(run: Path, cb: dict[str, Part], clef: dict[str, Part], log) -> int:
    """The fine-tuning epoch with the best validation ClaimBuster AP + CLEF MAP."""
    best_val, best_epoch = -1.0, 0
    for path in sorted(run.glob("epoch*_logits.npz")):
        epoch = int(path.name[5:].split("_")[0])
        with np.load(path) as z:
            val = average_precision_score(cb["val"].labels, z["cb_val"]) + debate_map(
                clef["val"].labels, z["clef_val"], clef["val"].debates
            )
        log(f"fine-tuned epoch {epoch}: val AP+MAP {val:.4f}")
        if val > best_val:
            best_val, best_epoch = val, epoch
    if not best_epoch:
        raise FileNotFoundError(f"no epoch*_logits.npz in {run}")
    return best_epoch


def onnx_scores(folder: Path, cb: dict[str, Part], clef: dict[str, Part]) -> dict[str, np.ndarray]:
    from presslens.layers.claims.model import CheckworthyScorer

    scorer = CheckworthyScorer(folder)
    return {k: scorer.logits(v) for k, v in _sets(cb, clef).items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", type=Path, default=None, help="fine-tuning run: epoch choice")
    ap.add_argument("--onnx", type=Path, default=None, help="packaged model folder to score too")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    cb, clef = claimbuster_split(), clef_split()
    rows = []
    t0 = time.time()
    rows.append(row("TF-IDF word+char + LR", cb, clef, tfidf_lr(cb, clef, log)))
    log(f"baseline done {time.time() - t0:.0f} s")
    rows.append(row("previous shipped recipe (linear)", cb, clef, shipped_recipe(cb, clef)))
    log(f"shipped recipe done {time.time() - t0:.0f} s")
    epoch = choose_epoch(args.run, cb, clef, log) if args.run else None
    if args.onnx:
        rows.append(
            row(
                "fine-tuned MiniLM (ONNX int8, shipped)", cb, clef, onnx_scores(args.onnx, cb, clef)
            )
        )
    out = {
        "rows": rows,
        "epoch": epoch,
        "sizes": {
            "cb": {k: [len(v.texts), int(v.labels.sum())] for k, v in cb.items()},
            "clef": {k: [len(v.texts), int(v.labels.sum())] for k, v in clef.items()},
        },
    }
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
