"""Out-of-fold paragraph and sentence probabilities on the train folds, cached per fold.

Why cached per fold: one fold needs a paragraph fit and a sentence fit (about a minute and a
half each on a shared core), so the five folds are run as separate short jobs and every
selection experiment and the span bench read the cache. Per fold ``k`` the file holds, for
the paragraphs and sentences of fold ``k``: the paragraph heads' probabilities on the
paragraphs (``pp``) and on the sentences (``ps_par``, the no-new-model variant), and the
sentence heads' probabilities on the sentences (``ps``), each head set fitted on the other
folds. Features are the shipped paragraph featuriser's (vocabulary and idf fitted on all of
train, as the paragraph model's own folds use).

    PYTHONPATH=src:. python -m training.multilingual.oof_sentences --cache /tmp/mlspans [--folds 0,1]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from training.multilingual.heads import fit_heads, predict
from training.multilingual.sentence_data import SentenceSet, load_sentences

from presslens.layers.techniques.multilingual.classifier import load_model

# The paragraph model's regularisation (train.py --C); the sentence heads use the same.
C = 3.0


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def features(ss: SentenceSet):
    """Paragraph and sentence rows of the shipped featuriser."""
    feat = load_model().featurizer
    xp = feat.transform(ss.paragraph_texts, ss.paragraph_langs)
    xs = feat.transform(ss.sentence_texts, ss.sentence_langs)
    return xp, xs


def run_fold(ss: SentenceSet, xp, xs, k: int, out: Path, c: float = C) -> None:
    """Fit both head sets without fold ``k`` and write fold ``k``'s probabilities."""
    sfold = ss.folds[ss.sentence_par]
    tr, te = ss.folds != k, ss.folds == k
    str_, ste = sfold != k, sfold == k
    t0 = time.perf_counter()
    wp, bp = fit_heads(xp[tr], ss.py[tr], c)
    t1 = time.perf_counter()
    ws, bs = fit_heads(xs[str_], ss.sy[str_], c)
    log(f"fold {k}: paragraph fit {t1 - t0:.0f} s, sentence fit {time.perf_counter() - t1:.0f} s")
    np.savez_compressed(
        out,
        pp=predict(xp[te], wp, bp).astype(np.float32),
        ps_par=predict(xs[ste], wp, bp).astype(np.float32),
        ps=predict(xs[ste], ws, bs).astype(np.float32),
    )


def load_oof(ss: SentenceSet, cache: Path) -> dict[str, np.ndarray]:
    """The cached folds assembled into full (n_par, 23) / (n_sent, 23) arrays."""
    sfold = ss.folds[ss.sentence_par]
    n, m, k = len(ss.paragraphs), len(ss.sentence_texts), ss.py.shape[1]
    out = {
        "pp": np.zeros((n, k), np.float32),
        "ps_par": np.zeros((m, k), np.float32),
        "ps": np.zeros((m, k), np.float32),
    }
    for f in np.unique(ss.folds):
        with np.load(cache / f"fold{f}.npz") as z:
            out["pp"][ss.folds == f] = z["pp"]
            out["ps_par"][sfold == f] = z["ps_par"]
            out["ps"][sfold == f] = z["ps"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/mlspans-oof"))
    ap.add_argument("--folds", default="0,1,2,3,4")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    ss = load_sentences()
    xp, xs = features(ss)
    log(f"{xp.shape[0]} paragraphs, {xs.shape[0]} sentences, {xp.shape[1]} features")
    for k in (int(f) for f in args.folds.split(",")):
        out = args.cache / f"fold{k}.npz"
        if not out.exists():
            run_fold(ss, xp, xs, k, out)


if __name__ == "__main__":
    main()
