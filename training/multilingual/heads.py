"""One-vs-rest logistic heads, out-of-fold probabilities and threshold choice.

Why logistic regression: with ~18k paragraphs and frozen features, a linear head per technique
is what the data supports (the small languages have tens of examples for most techniques) and
it ships as one weight matrix. All 23 heads are fitted together by L-BFGS on the summed
binary cross-entropy (one sparse product per step serves every head), which is several times
cheaper than 23 separate solver runs on a shared 2-core machine. Why thresholds per technique plus one
shift per language, chosen on out-of-fold predictions: a single 0.5 cut is far from the F1
optimum for rare techniques, and the languages differ in how many techniques a paragraph
carries (French ≈ 1.9 labels per paragraph, English ≈ 0.6).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize

GRID = np.round(np.arange(0.04, 0.81, 0.02), 2)  # candidate probability thresholds
SHIFTS = np.round(np.arange(-0.12, 0.121, 0.02), 2)  # candidate per-language shifts


def fit_heads(
    x: sp.spmatrix | np.ndarray, y: np.ndarray, c: float, max_iter: int = 120
) -> tuple[np.ndarray, np.ndarray]:
    """Weights (k, d) and biases (k,) of one logistic head per label column of ``y``.

    Objective per head: C · Σ log-loss + ½‖w‖² (scikit-learn's LogisticRegression scaling,
    bias not penalised).
    """
    x = sp.csr_matrix(x, dtype=np.float32)
    xt = x.T.tocsr()
    n, d = x.shape
    k = y.shape[1]
    yf = y.astype(np.float32)

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: k * d].reshape(k, d).astype(np.float32)
        b = theta[k * d :].astype(np.float32)
        z = np.asarray(x @ w.T) + b
        # log(1 + e^z) - y·z, computed stably
        loss = float((np.logaddexp(0, z) - yf * z).sum()) * c + 0.5 * float((w * w).sum())
        r = (1.0 / (1.0 + np.exp(-z)) - yf) * c
        gw = np.asarray(xt @ r).T + w
        gb = r.sum(axis=0)
        return loss, np.concatenate([gw.ravel(), gb]).astype(np.float64)

    prior = np.clip(yf.mean(axis=0), 1e-4, 1 - 1e-4)
    theta0 = np.concatenate([np.zeros(k * d), np.log(prior / (1 - prior))])
    res = minimize(loss_grad, theta0, jac=True, method="L-BFGS-B", options={"maxiter": max_iter})
    w = res.x[: k * d].reshape(k, d).astype(np.float32)
    b = res.x[k * d :].astype(np.float32)
    b[y.sum(axis=0) == 0] = -20.0  # a label never seen in training never fires
    return w, b


def predict(x: sp.spmatrix | np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Probabilities (n, k) of every head."""
    z = np.asarray(x @ w.T) + b
    return 1.0 / (1.0 + np.exp(-z))


def oof_probs(x, y: np.ndarray, folds: np.ndarray, c: float, log=None) -> np.ndarray:
    """Out-of-fold probabilities: each fold predicted by heads trained on the others."""
    import time

    out = np.zeros(y.shape, dtype=np.float32)
    for k in np.unique(folds):
        t0 = time.perf_counter()
        tr, te = folds != k, folds == k
        w, b = fit_heads(x[tr], y[tr], c)
        out[te] = predict(x[te], w, b)
        if log:
            log(f"  fold {k}: {time.perf_counter() - t0:.0f} s")
    return out


def _f1(tp: float, fp: float, fn: float) -> float:
    d = 2 * tp + fp + fn
    return 1.0 if d == 0 else 2 * tp / d


def choose_thresholds(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Per label, the grid threshold with the best F1 on (p, y); 0.5 for a label never seen."""
    th = np.full(y.shape[1], 0.5, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() == 0:
            continue
        best = -1.0
        for t in GRID:
            pred = p[:, j] >= t
            f = _f1(
                (pred & (y[:, j] == 1)).sum(),
                (pred & (y[:, j] == 0)).sum(),
                (~pred & (y[:, j] == 1)).sum(),
            )
            if f > best:
                best, th[j] = f, t
    return th


def micro_f1(pred: np.ndarray, y: np.ndarray) -> float:
    """Micro-F1 of a 0/1 prediction matrix (the scorer's definition on a full matrix)."""
    yb = y.astype(bool)
    return _f1((pred & yb).sum(), (pred & ~yb).sum(), (~pred & yb).sum())


def choose_shift(p: np.ndarray, y: np.ndarray, th: np.ndarray) -> float:
    """The shift of every threshold that maximises micro-F1 on one language's rows."""
    scores = [micro_f1(p >= np.clip(th + s, 0.01, 0.99), y) for s in SHIFTS]
    return float(SHIFTS[int(np.argmax(scores))])


def choose_language_cuts(
    p: np.ndarray, y: np.ndarray, langs: np.ndarray, min_pos: int, only: tuple[str, ...]
) -> dict[str, dict[str, float]]:
    """Per language, its own F1-best cut for each technique it has ≥ ``min_pos`` positives
    of (fewer examples give a cut that fits noise; those keep the shared cut + shift).
    Keys are label column indices as strings; the caller names them. Only the languages in
    ``only``: on nested out-of-fold figures own cuts help English (7.9k paragraphs) and hurt
    every smaller language, even at ≥ 80 examples."""
    out: dict[str, dict[str, float]] = {}
    for lang in [lg for lg in np.unique(langs) if lg in only]:
        m = langs == lang
        own = choose_thresholds(p[m], y[m])
        enough = np.flatnonzero(y[m].sum(axis=0) >= min_pos)
        if len(enough):
            out[str(lang)] = {str(j): float(own[j]) for j in enough}
    return out
