"""Train the dump line model: a line logistic regression, its smoothing, threshold and gate.

Reproducible from ../shared/data: render the dumps first (render.py), then

    .venv/bin/python training/dumps/train.py

Train on the dumps of ``tune`` sites (bench/extraction_data.split_half) whose gold covers at
least half of the page (``data.MIN_COVERAGE``). Steps:

1. line model: logistic regression over ``dump_features.FEATURES`` of each (80-column) line;
2. out-of-fold line probabilities (3 folds by site inside the training half), per smoothing;
3. the gate: a logistic regression over page-level figures (``dump_classifier.gate_features``)
   telling rendered dumps from plain article text (the gold bodies of the same pages, one
   paragraph per line); its threshold keeps ``MIN_PLAIN_KEEP`` of the plain texts' lines;
4. smoothing and line threshold chosen for the benchmark's body F1 on the out-of-fold dumps.

Writes src/presslens/models/dumps/dump_lines.json (numbers only, no pickle). Test figures come
from bench/dumps.py on the ``report`` sites, which nothing here reads.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402
from presslens.extract.dump_classifier import (  # noqa: E402
    GATE_FEATURES,
    LineModel,
    decide,
    gate_features,
    language_of,
    wrapped_view,
)
from presslens.extract.dump_features import FEATURES, page_features  # noqa: E402
from presslens.extract.dump_lines import read_lines  # noqa: E402
from scoring import score_page, summarise  # noqa: E402

MODEL = data.ROOT / "src" / "presslens" / "models" / "dumps" / "dump_lines.json"
C = 1.0
FOLDS = 3
SMOOTHS = {"1": [1.0], "3": [0.25, 0.5, 0.25], "5": [0.1, 0.2, 0.4, 0.2, 0.1]}
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)
MIN_PLAIN_KEEP = 0.99


def hash_fold(site: str) -> int:
    return hashlib.sha1(site.encode()).digest()[1] % FOLDS


def view_features(lines, repeated=None):  # type: ignore[no-untyped-def]
    """Features of the wrapped view and each wrapped line's source line (as at run time)."""
    view, owner = wrapped_view(lines)
    return page_features(view, language_of(lines), repeated), np.asarray(owner)


def fit_lr(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=3000)
    lr.fit((x - mean) / scale, y)
    return mean, scale, lr.coef_[0], float(lr.intercept_[0])


def line_model(params, smooth) -> LineModel:  # type: ignore[no-untyped-def]
    mean, scale, coef, intercept = params
    k = len(GATE_FEATURES)
    return LineModel(mean, scale, coef, intercept, np.asarray(smooth), 0.5,
                     np.zeros(k), np.ones(k), np.zeros(k), 0.0, 0.0)  # fmt: skip


def per_line(model: LineModel, x: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    p = model.probabilities(x)
    return np.bincount(owner, weights=p, minlength=n) / np.bincount(owner, minlength=n)


def main() -> int:
    t0 = time.time()
    dumps = [d for d in data.load_dumps() if d.half == "tune" and d.coverage >= data.MIN_COVERAGE]
    if not dumps:
        print("no rendered dumps: run training/dumps/render.py first", file=sys.stderr)
        return 2
    sites = {d.site for d in dumps}
    print(f"{len(dumps)} training dumps from {len(sites)} sites", file=sys.stderr)
    repeats = data.outlet_repeats(dumps)
    feats = [view_features(d.lines, repeats.get(i)) for i, d in enumerate(dumps)]
    rows_y = [
        np.asarray(d.labels, dtype=int)[owner] for d, (_, owner) in zip(dumps, feats, strict=True)
    ]
    plains = list({(d.dataset, d.page_id): read_lines(d.gold) for d in dumps}.values())
    plain_feats = [view_features(v) for v in plains]
    fold = [hash_fold(d.site) for d in dumps]
    oof = []
    for k in range(FOLDS):
        tr = [i for i in range(len(dumps)) if fold[i] != k]
        oof.append(
            fit_lr(np.vstack([feats[i][0] for i in tr]), np.concatenate([rows_y[i] for i in tr]))
        )
    full = fit_lr(np.vstack([f[0] for f in feats]), np.concatenate(rows_y))
    best = None
    for name, smooth in SMOOTHS.items():
        dump_p, dump_g = [], []
        for i, d in enumerate(dumps):
            m = line_model(oof[fold[i]], smooth)
            x, owner = feats[i]
            dump_p.append(per_line(m, x, owner, len(d.lines)))
            dump_g.append(gate_features(m.probabilities(x), x))
        plain_p, plain_g = [], []
        for v, (x, owner) in zip(plains, plain_feats, strict=True):
            m = line_model(oof[hash_fold("plain")], smooth)
            plain_p.append(per_line(m, x, owner, len(v)))
            plain_g.append(gate_features(m.probabilities(x), x))
        gx = np.vstack(dump_g + plain_g)
        gy = np.concatenate([np.ones(len(dump_g)), np.zeros(len(plain_g))])
        gate = fit_lr(gx, gy)

        def gscore(g: np.ndarray, gate: tuple = gate) -> float:  # type: ignore[type-arg]
            z = (g - gate[0]) / gate[1]
            return float(1 / (1 + np.exp(-(z @ gate[2] + gate[3]))))

        d_scores = [gscore(g) for g in dump_g]
        p_scores = [gscore(g) for g in plain_g]
        for t in THRESHOLDS:
            # The lowest gate threshold that keeps MIN_PLAIN_KEEP of the plain texts' lines.
            for gt in sorted(
                set(np.round(np.quantile(p_scores, [0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 1.0]), 4))
            ):
                kept = sum(
                    int(decide(p, s, t, gt).sum()) for p, s in zip(plain_p, p_scores, strict=True)
                )
                keep = kept / sum(len(v) for v in plains)
                if keep < MIN_PLAIN_KEEP:
                    continue
                masks = [decide(p, s, t, gt) for p, s in zip(dump_p, d_scores, strict=True)]
                f1 = summarise(
                    [
                        score_page(
                            d.gold, "\n".join(x.text for x, k in zip(d.lines, mk, strict=True) if k)
                        )
                        for d, mk in zip(dumps, masks, strict=True)
                    ]
                ).f1
                print(
                    f"smooth {name} t {t} gate {gt:.3f}: F1 {f1:.3f} plain kept {keep:.4f} "
                    f"dumps gated in {np.mean([s >= gt for s in d_scores]):.2f}",
                    file=sys.stderr,
                )
                if best is None or f1 > best[0]:
                    best = (f1, name, t, float(gt), keep, gate)
                break
    assert best is not None, "no setting keeps plain text intact"
    f1, name, t, gt, keep, gate = best
    print(
        f"chosen: smooth {name}, threshold {t}, gate {gt:.4f}: out-of-fold F1 {f1:.3f}, "
        f"plain lines kept {keep:.4f}",
        file=sys.stderr,
    )
    mean, scale, coef, intercept = full
    r = lambda a: np.round(a, 6).tolist()  # noqa: E731
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(
        json.dumps(
            {
                "kind": "logistic regression on standardised line features, smoothed; gated",
                "features": list(FEATURES),
                "mean": r(mean),
                "scale": r(scale),
                "coef": r(coef),
                "intercept": round(intercept, 6),
                "smooth": SMOOTHS[name],
                "threshold": t,
                "gate": {
                    "features": list(GATE_FEATURES),
                    "mean": r(gate[0]),
                    "scale": r(gate[1]),
                    "coef": r(gate[2]),
                    "intercept": round(gate[3], 6),
                    "threshold": round(gt, 4),
                },
                "trained_on": {
                    "dumps": len(dumps),
                    "sites": len(sites),
                    "plain_texts": len(plains),
                    "renderers": list(data.RENDERERS),
                    "split": "tune half by site hash",
                },
                "out_of_fold": {"body_f1": round(f1, 4), "plain_lines_kept": round(keep, 4)},
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL} in {time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
