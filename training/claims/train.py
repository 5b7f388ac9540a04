"""Train the shipped check-worthiness model and write src/presslens/models/claims/checkworthiness.npz.

Run ``make train-claims`` (or ``python -m training.claims.train``). The script first
cross-validates the chosen config and the TF-IDF + LR baseline with the folds in data.py
(ClaimBuster: five contiguous sentence_id ranges; CLEF-2019: leave-one-debate-out), picks the
decision threshold that maximises out-of-fold check-worthy F1 on ClaimBuster, then fits on
everything and saves plain arrays plus a JSON ``meta`` with the scores. Seeds are fixed, so
the same data gives the same file.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
import zipfile
from pathlib import Path

import numpy as np
from sklearn.metrics import average_precision_score, f1_score, precision_recall_curve
from training.claims.cv import Config, Pool, Scores, block_sizes, build_pool, cross_validate, fit
from training.claims.data import load_claimbuster, load_clef

from presslens.layers.claims.model import EMBEDDER_DIR, MODEL_FILE, StaticEmbedder

# The shipped model: measured in src/presslens/models/claims/README.md against the alternatives tried.
# CLEF rows weigh 0.3 (their negatives include many factual claims factcheck.org simply did not
# check, which contradicts ClaimBuster's labels) and CLEF positives 3x that, which kept MAP
# while adding ~3 points of ClaimBuster F1 over equal weights; alpha 1e-4 (stronger L2 than
# the 2e-5 first tried) added ~1 MAP point. The sweep is in src/presslens/models/claims/README.md.
SHIPPED = Config(
    "tfidf+hand+static-emb",
    ngrams=True,
    hand=True,
    embeddings=True,
    alpha=1e-4,
    clef_weight=0.3,
    clef_pos_weight=3.0,
)
BASELINE = Config("tfidf-lr baseline", ngrams=True, hand=False, embeddings=False)


def best_threshold(labels: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Threshold with the highest check-worthy F1 on out-of-fold scores, and that F1."""
    prec, rec, thr = precision_recall_curve(labels, p)
    f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-9)
    i = int(np.argmax(f1[:-1]))
    return float(thr[i]), float(f1[i])


def nested_f1(labels: np.ndarray, p: np.ndarray, groups: np.ndarray) -> float:
    """Check-worthy F1 with each fold's threshold chosen on the other folds only (honest)."""
    pred = np.zeros(len(labels), dtype=bool)
    for k in np.unique(groups):
        inside = groups == k
        thr, _ = best_threshold(labels[~inside], p[~inside])
        pred[inside] = p[inside] >= thr
    return float(f1_score(labels, pred))


def platt(labels: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    """Calibration (a, b) so that sigmoid(a * logit(p) + b) matches out-of-fold ClaimBuster
    frequencies: averaged SGD margins are not probabilities, and the CLEF rows (2.4 % positive)
    pull raw scores far below ClaimBuster's 25 % base rate."""
    from sklearn.linear_model import LogisticRegression

    z = logit(p).reshape(-1, 1)
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z, labels)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return np.log(p / (1 - p))


def save(path: Path, pool: Pool, cfg: Config, meta: dict) -> None:
    rows = np.arange(len(pool.texts))
    params, clf = fit(pool, rows, cfg)
    coef = clf.coef_.ravel().astype(np.float32)
    sizes = block_sizes(params, pool.emb.shape[1] if pool.emb is not None else 0)
    if sum(sizes) != len(coef):
        raise RuntimeError(f"feature layout mismatch: {sizes} vs {len(coef)}")
    write_npz(
        path,
        {
            "idf_word": params.idf[0].astype(np.float16),
            "idf_char": params.idf[1].astype(np.float16),
            "hand_mean": params.hand_mean.astype(np.float32),
            "hand_std": params.hand_std.astype(np.float32),
            "coef": coef.astype(np.float16),
            "intercept": np.float32(clf.intercept_[0]),
            "meta": np.array(json.dumps(meta, sort_keys=True)),
        },
    )


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Like np.savez_compressed, but byte-for-byte reproducible: numpy stamps each member with
    the current time, which would change the file's sha256 (the model's provenance id) on
    every run even when the arrays are identical."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                np.lib.format.write_array(fh, np.asanyarray(array), allow_pickle=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="src/presslens/models/claims")
    ap.add_argument("--skip-cv", action="store_true", help="fit only (threshold from --threshold)")
    ap.add_argument("--threshold", type=float, default=0.5)
    args = ap.parse_args()
    warnings.filterwarnings("ignore", category=UserWarning)
    out = Path(args.out)
    started = time.time()
    cb, clef = load_claimbuster(), load_clef()
    embed = StaticEmbedder(out / EMBEDDER_DIR) if SHIPPED.embeddings else None
    pool = build_pool(cb, clef, embed)
    meta: dict = {
        "config": SHIPPED.__dict__,
        "use_embeddings": SHIPPED.embeddings,
        "context": SHIPPED.context,
        "threshold": args.threshold,
    }
    if not args.skip_cv:
        results: dict[str, Scores] = {}
        for cfg in (BASELINE, SHIPPED):
            results[cfg.name] = cross_validate(pool, cfg, clef.group_names)
        cb_labels = pool.labels[~pool.is_clef]
        s = results[SHIPPED.name]
        a, b = platt(cb_labels, s.cb_oof)
        calibrated = 1 / (1 + np.exp(-(a * logit(s.cb_oof) + b)))
        thr, f1_best = best_threshold(cb_labels, calibrated)
        meta["calibration"] = [a, b]
        meta["threshold"] = thr
        groups = pool.groups[~pool.is_clef]
        meta["cv"] = {
            name: {
                "claimbuster_f1_at_0.5": round(r.cb_f1, 4),
                "claimbuster_f1_nested_threshold": round(nested_f1(cb_labels, r.cb_oof, groups), 4),
                "claimbuster_best_oof_f1": round(best_threshold(cb_labels, r.cb_oof)[1], 4),
                "claimbuster_ap": round(float(average_precision_score(cb_labels, r.cb_oof)), 4),
                "clef_map_lodo": round(r.clef_map, 4),
                "clef_ap_per_debate": {k: round(v, 4) for k, v in r.clef_ap.items()},
            }
            for name, r in results.items()
        }
        print(f"threshold {thr:.3f} (OOF F1 {f1_best:.3f})")
    meta["train_sentences"] = {"claimbuster": len(cb.texts), "clef2019": len(clef.texts)}
    save(out / MODEL_FILE, pool, SHIPPED, meta)
    print(f"wrote {out / MODEL_FILE} in {time.time() - started:.0f} s")
    print(json.dumps(meta.get("cv", {}), indent=1))


if __name__ == "__main__":
    main()
