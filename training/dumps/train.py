"""Train the dump line model: logistic regression on line features, smoothing and a gate.

Reproducible from ../shared/data: render the dumps first (render.py), then

    .venv/bin/python training/dumps/train.py

Train on the dumps of ``tune`` sites (bench/extraction_data.split_half), pages whose gold covers
at least half of the page (``data.MIN_COVERAGE``). The smoothing window, the threshold and the
gate are chosen on out-of-fold probabilities (3 folds by site inside the training half),
maximising the benchmark's body F1 while keeping ≥ ``MIN_PLAIN_KEEP`` of the lines of plain
article text (the gold bodies of the training pages). Writes
src/presslens/models/dumps/dump_lines.json (numbers only, no pickle). Test figures:
bench/dumps.py, on the ``report`` sites.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import data  # noqa: E402
from presslens.extract.dump_classifier import LineModel, language_of  # noqa: E402
from presslens.extract.dump_features import FEATURES, page_features  # noqa: E402
from presslens.extract.dump_lines import read_lines  # noqa: E402
from scoring import score_page, summarise  # noqa: E402

MODEL = data.ROOT / "src" / "presslens" / "models" / "dumps" / "dump_lines.json"
C = 1.0
FOLDS = 3
SMOOTHS = {1: [1.0], 3: [0.25, 0.5, 0.25], 5: [0.1, 0.2, 0.4, 0.2, 0.1]}
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
GATE_SHARES = (0.0, 0.1, 0.2, 0.3)
GATE_LINES = (1, 3)
MIN_PLAIN_KEEP = 0.98


def features(dumps: list[data.Dump]) -> list[np.ndarray]:
    repeats = data.outlet_repeats(dumps)
    out = []
    for i, d in enumerate(dumps):
        out.append(page_features(d.lines, language_of(d.lines), repeats.get(i)))
    return out


def fit(
    xs: list[np.ndarray], ys: list[list[bool]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack(xs)
    y = np.concatenate([np.asarray(v, dtype=int) for v in ys])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=2000)
    lr.fit((x - mean) / scale, y)
    return mean, scale, lr.coef_[0], float(lr.intercept_[0])


def model_of(
    params: tuple, smooth: list[float], threshold: float, share: float, lines: int
) -> LineModel:
    mean, scale, coef, intercept = params
    return LineModel(
        mean, scale, coef, intercept, np.asarray(smooth), float(threshold), share, lines
    )


def decide(p: np.ndarray, threshold: float, share: float, lines: int) -> np.ndarray:
    """The same decision as dump_classifier.body_mask, on smoothed probabilities."""
    keep = p >= threshold
    dropped = int((~keep).sum())
    if dropped < lines or dropped < share * len(keep) or not keep.any():
        return np.ones(len(keep), dtype=bool)
    return keep


def body_f1(dumps: list[data.Dump], masks: list[np.ndarray]) -> float:
    scores = [
        score_page(d.gold, "\n".join(x.text for x, k in zip(d.lines, keep, strict=True) if k))
        for d, keep in zip(dumps, masks, strict=True)
    ]
    return summarise(scores).f1


def main() -> int:
    t0 = time.time()
    dumps = [d for d in data.load_dumps() if d.half == "tune" and d.coverage >= data.MIN_COVERAGE]
    if not dumps:
        print("no rendered dumps: run training/dumps/render.py first", file=sys.stderr)
        return 2
    print(f"{len(dumps)} training dumps from {len({d.site for d in dumps})} sites", file=sys.stderr)
    xs = features(dumps)
    ys = [d.labels for d in dumps]
    # Plain article text: the gold bodies of the training pages, one paragraph a line.
    plains = {(d.dataset, d.page_id): read_lines(d.gold) for d in dumps}
    plain_x = [page_features(v, language_of(v)) for v in plains.values()]
    plain_n = [len(v) for v in plains.values()]
    # Out-of-fold models by site hash.
    fold = [hash_fold(d.site) for d in dumps]
    oof_params = []
    for k in range(FOLDS):
        tr = [i for i in range(len(dumps)) if fold[i] != k]
        oof_params.append(fit([xs[i] for i in tr], [ys[i] for i in tr]))
    best = None
    for name, smooth in SMOOTHS.items():
        probs = [
            model_of(oof_params[fold[i]], smooth, 0.5, 0, 0).probabilities(xs[i])
            for i in range(len(dumps))
        ]
        plain_p = [model_of(oof_params[0], smooth, 0.5, 0, 0).probabilities(x) for x in plain_x]
        for t in THRESHOLDS:
            for share in GATE_SHARES:
                for lines in GATE_LINES:
                    kept = sum(int(decide(p, t, share, lines).sum()) for p in plain_p)
                    keep = kept / max(1, sum(plain_n))
                    f1 = body_f1(dumps, [decide(p, t, share, lines) for p in probs])
                    print(
                        f"smooth {name} t {t} gate {share}/{lines}: F1 {f1:.3f} "
                        f"plain kept {keep:.3f}",
                        file=sys.stderr,
                    )
                    if keep < MIN_PLAIN_KEEP:
                        continue
                    if best is None or f1 > best[0]:
                        best = (f1, name, t, share, lines, keep)
    assert best is not None, "no setting keeps plain text intact"
    f1, name, t, share, lines, keep = best
    print(
        f"chosen: smooth {name}, threshold {t:.2f}, gate {share}/{lines}: "
        f"out-of-fold F1 {f1:.3f}, plain lines kept {keep:.3f}",
        file=sys.stderr,
    )
    mean, scale, coef, intercept = fit(xs, ys)
    MODEL.parent.mkdir(parents=True, exist_ok=True)
    MODEL.write_text(
        json.dumps(
            {
                "kind": "logistic regression on standardised line features, smoothed",
                "features": list(FEATURES),
                "mean": mean.round(6).tolist(),
                "scale": scale.round(6).tolist(),
                "coef": coef.round(6).tolist(),
                "intercept": round(intercept, 6),
                "smooth": SMOOTHS[name],
                "threshold": round(float(t), 3),
                "gate_share": share,
                "gate_lines": lines,
                "trained_on": {
                    "dumps": len(dumps),
                    "sites": len({d.site for d in dumps}),
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


def hash_fold(site: str) -> int:
    import hashlib

    return hashlib.sha1(site.encode()).digest()[1] % FOLDS


if __name__ == "__main__":
    raise SystemExit(main())
