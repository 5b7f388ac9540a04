"""Train the multilingual paragraph-technique heads and write the shipped model directory.

    PYTHONPATH=src:. python -m training.multilingual.train [--compare-e5 /tmp/multiling-cache]

Steps: character n-gram TF-IDF fitted on every train paragraph (six languages pooled; the dev
split is never read), out-of-fold probabilities on the committed 5-fold split by article,
per-technique thresholds on the non-English out-of-fold rows plus one shift per language,
then heads refitted on all of train and written as plain arrays (no pickle). ``--compare-e5``
also scores frozen multilingual-e5-small embeddings (cached by ``embed_e5.py``) on the same
folds, alone and beside TF-IDF, on the languages the cache holds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from training.multilingual.data import N_FOLDS, SEED, Split, fold_of, load
from training.multilingual.heads import (
    choose_language_cuts,
    choose_shift,
    choose_thresholds,
    fit_heads,
    micro_f1,
    oof_probs,
)

from presslens.layers.techniques.multilingual.features import (
    DEFAULT_TFIDF,
    LANGUAGES,
    Featurizer,
    language_onehot,
    make_vectorizer,
)
from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "src/presslens/models/techniques-multilingual"
# Languages the component serves by default: thresholds are chosen on their rows only.
TARGET = ("fr", "de", "it", "pl", "ru")
# Languages given their own cuts (--min-pos): English only, see heads.choose_language_cuts.
OWN_CUT_LANGUAGES = ("en",)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def per_language(
    p: np.ndarray, y: np.ndarray, langs: np.ndarray, th: np.ndarray, shifts: dict[str, float]
) -> dict[str, float]:
    """Micro-F1 per language of thresholded probabilities."""
    out = {}
    for lang in LANGUAGES:
        m = langs == lang
        if m.any():
            t = np.clip(th + shifts.get(lang, 0.0), 0.01, 0.99)
            out[lang] = round(micro_f1(p[m] >= t, y[m]), 4)
    return out


def thresholds_for(p: np.ndarray, y: np.ndarray, langs: np.ndarray, min_pos: int = 0):
    """Per-technique cuts on the target languages' rows, a shift per language, and (when
    ``min_pos`` > 0) English's own cut for each technique it has ≥ min_pos examples of."""
    target = np.isin(langs, TARGET)
    th = choose_thresholds(p[target], y[target])
    shifts = {
        lang: choose_shift(p[langs == lang], y[langs == lang], th)
        for lang in LANGUAGES
        if (langs == lang).any()
    }
    own = choose_language_cuts(p, y, langs, min_pos, OWN_CUT_LANGUAGES) if min_pos > 0 else {}
    return th, shifts, own


def cuts_of(th: np.ndarray, shifts: dict, own: dict, lang: str) -> np.ndarray:
    """The 23 cuts applied to ``lang`` (as the classifier applies them at run time)."""
    cut = np.clip(th + shifts.get(lang, 0.0), 0.01, 0.99)
    for j, v in own.get(lang, {}).items():
        cut[int(j)] = v
    return cut


def nested_oof_score(p, y, langs, folds, min_pos: int = 0) -> dict[str, float]:
    """Micro-F1 per language where each fold's thresholds come from the other folds only,
    so the figure chose nothing on the rows it scores."""
    pred = np.zeros_like(y, dtype=bool)
    for k in np.unique(folds):
        tr, te = folds != k, folds == k
        th, shifts, own = thresholds_for(p[tr], y[tr], langs[tr], min_pos)
        for lang in np.unique(langs[te]):
            m = te & (langs == lang)
            pred[m] = p[m] >= cuts_of(th, shifts, own, lang)
    return {
        lang: round(micro_f1(pred[langs == lang], y[langs == lang]), 4)
        for lang in LANGUAGES
        if (langs == lang).any()
    }


def tfidf_matrix(train: Split, params: dict) -> tuple[sp.csr_matrix, Featurizer]:
    vec = make_vectorizer(params)
    vec.fit(train.texts)
    feat = Featurizer(vec)
    return feat.transform(train.texts, train.langs), feat


def e5_matrix(train: Split, cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """Cached e5 rows aligned to ``train``; a mask of the rows the cache holds."""
    x = np.zeros((len(train.rows), 384), dtype=np.float32)
    have = np.zeros(len(train.rows), dtype=bool)
    pos = {
        (b, r.article, r.line): i
        for i, (b, r) in enumerate(zip(train.bundle_langs, train.rows, strict=True))
    }
    for f in sorted(cache.glob("e5_*_train_keys.npy")):
        bl = f.name.split("_")[1]
        vecs = np.load(cache / f"e5_{bl}_train.npy")
        for key, v in zip(np.load(f), vecs, strict=True):
            aid, line = str(key).split("\t")
            i = pos[(bl, aid, int(line))]
            x[i], have[i] = v, True
    return x, have


def compare_e5(train: Split, x_tfidf, folds, c: float, cache: Path) -> dict:
    """OOF micro-F1 of TF-IDF, e5 and both, trained and scored on the cached languages only."""
    x_e5, have = e5_matrix(train, cache)
    # Standardised, then scaled so an e5 row has about the norm of a TF-IDF row (1): the
    # raw e5 vectors all point the same way (cosines ≈ 0.8), which an L2-penalised head
    # cannot use without huge weights.
    e5 = x_e5[have]
    x_e5 = np.zeros_like(x_e5)
    x_e5[have] = (e5 - e5.mean(0)) / (e5.std(0) + 1e-6) / np.sqrt(e5.shape[1])
    langs = np.array(train.langs)[have]
    y, f = train.y[have], folds[have]
    onehot = language_onehot(list(langs))
    sets = {
        "e5": sp.hstack([sp.csr_matrix(x_e5[have]), onehot], format="csr"),
        "tfidf": x_tfidf[have],
        "tfidf+e5": sp.hstack([x_tfidf[have], sp.csr_matrix(x_e5[have])], format="csr"),
    }
    out = {"languages": sorted(set(langs)), "rows": int(have.sum())}
    # C grid per set: e5 rows are dense and few, so a larger C is tried there too.
    grid = {"tfidf": (c,), "e5": (c, 4 * c), "tfidf+e5": (c,)}
    for name, x in sets.items():
        for cc in grid[name]:
            t0 = time.perf_counter()
            p = oof_probs(x, y, f, cc)
            out[f"{name} C={cc}"] = nested_oof_score(p, y, langs, f)
            log(f"{name} C={cc}: {out[f'{name} C={cc}']} ({time.perf_counter() - t0:.0f} s)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=3.0)
    ap.add_argument("--min-df", type=int, default=5)
    ap.add_argument("--max-features", type=int, default=80_000)
    ap.add_argument("--compare-e5", type=Path, default=None, help="e5 cache folder")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--no-write", action="store_true", help="score only")
    ap.add_argument("--compare-only", action="store_true", help="stop after --compare-e5")
    ap.add_argument("--save-oof", type=Path, default=None, help="write OOF probabilities (.npz)")
    # A language's own cut for a technique with at least this many train examples in it
    # (0: shared cuts + shift only). English only (OWN_CUT_LANGUAGES).
    ap.add_argument("--min-pos", type=int, default=20)
    ap.add_argument(
        "--thresholds-only",
        type=Path,
        default=None,
        help="rewrite thresholds.json from OOF probabilities saved by --save-oof (no refit)",
    )
    args = ap.parse_args()
    if args.thresholds_only:
        z = np.load(args.thresholds_only, allow_pickle=False)
        p, y, langs, folds = z["p"], z["y"], z["langs"], z["folds"]
        th, shifts, own = thresholds_for(p, y, langs, args.min_pos)
        write_thresholds(args.out, th, shifts, own)
        rep = json.loads((args.out / "train_report.json").read_text())
        rep["min_pos"] = args.min_pos
        rep["oof_micro_f1_nested"] = nested_oof_score(p, y, langs, folds, args.min_pos)
        (args.out / "train_report.json").write_text(json.dumps(rep, indent=1) + "\n")
        log(json.dumps(rep["oof_micro_f1_nested"]))
        return

    train = load("train")
    langs = np.array(train.langs)
    folds = fold_of(train.rows)
    params = DEFAULT_TFIDF | {"min_df": args.min_df, "max_features": args.max_features}
    t0 = time.perf_counter()
    x, feat = tfidf_matrix(train, params)
    log(f"tfidf: {x.shape} in {time.perf_counter() - t0:.0f} s")
    report: dict = {"C": args.C, "tfidf": params, "folds": N_FOLDS, "seed": SEED}
    if args.compare_e5:
        report["compare_e5"] = compare_e5(train, x, folds, args.C, args.compare_e5)
        if args.compare_only:
            print(json.dumps(report["compare_e5"], indent=1))
            return

    t0 = time.perf_counter()
    p = oof_probs(x, train.y, folds, args.C, log)
    log(f"oof in {time.perf_counter() - t0:.0f} s")
    if args.save_oof:
        np.savez_compressed(args.save_oof, p=p, y=train.y, langs=langs, folds=folds)
    th, shifts, own = thresholds_for(p, train.y, langs, args.min_pos)
    report["min_pos"] = args.min_pos
    report["oof_micro_f1_nested"] = nested_oof_score(p, train.y, langs, folds, args.min_pos)
    report["oof_micro_f1_chosen_on_same_rows"] = per_language(p, train.y, langs, th, shifts)
    log(json.dumps(report, indent=1))
    if args.no_write:
        return

    w, b = fit_heads(x, train.y, args.C)
    write_model(args.out, feat, params, w, b, report)
    write_thresholds(args.out, th, shifts, own)


def write_thresholds(out: Path, th: np.ndarray, shifts: dict, own: dict) -> None:
    """thresholds.json: shared cut per technique, shift per language, a language's own cuts."""
    doc = {
        "about": "probability cut per technique (chosen on out-of-fold train predictions, "
        "non-English rows), a shift added to every cut per language, and a language's own "
        "cut for the techniques it has enough train examples of (overrides both)",
        "techniques": dict(zip(TECHNIQUES_2023, [round(float(t), 2) for t in th], strict=True)),
        "language_shift": shifts,
        "language_cuts": {
            lang: {TECHNIQUES_2023[int(j)]: round(v, 2) for j, v in cuts.items()}
            for lang, cuts in own.items()
        },
    }
    (out / "thresholds.json").write_text(json.dumps(doc, indent=1) + "\n")


def write_model(out: Path, feat: Featurizer, params: dict, w, b, report) -> None:
    """The model directory: arrays in .npz (no pickle), thresholds and settings in JSON."""
    out.mkdir(parents=True, exist_ok=True)
    vocab_items = sorted(feat.vectorizer.vocabulary_.items(), key=lambda kv: kv[1])
    vocab = np.array([t for t, _ in vocab_items])
    np.savez_compressed(
        out / "heads.npz",
        vocab=vocab,
        idf=feat.vectorizer.idf_.astype(np.float32),
        weights=w.astype(np.float16),  # float16 halves the file; scores move < 1e-3
        bias=b.astype(np.float32),
    )
    sha = hashlib.sha256((out / "heads.npz").read_bytes()).hexdigest()
    cfg = {
        "name": "presslens-techniques-multilingual",
        "version": "1",
        "techniques": list(TECHNIQUES_2023),
        "languages": list(LANGUAGES),
        "tfidf": {k: v for k, v in params.items() if k not in ("min_df", "max_features")},
        "heads_sha256": sha,
    }
    (out / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    (out / "train_report.json").write_text(json.dumps(report, indent=1) + "\n")
    log(f"wrote {out} (heads.npz {(out / 'heads.npz').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
