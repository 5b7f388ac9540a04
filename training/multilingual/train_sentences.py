"""Train the multilingual sentence heads and write them beside the shipped paragraph heads.

    PYTHONPATH=src:. python -m training.multilingual.train_sentences [--cache /tmp/presslens-mlspans-oof]

Steps: every train paragraph cut into sentences by PressLens's sentence splitter, a sentence
labelled with each technique whose gold span it shares ≥ 3 characters with
(``spans2023.MIN_OVERLAP``), featurised with the *shipped* paragraph featuriser (so the heads
add only a weight matrix), the sentence cut chosen on the cached out-of-fold probabilities
(``oof_sentences``; missing folds are computed), then 23 logistic heads fitted on all train
sentences and written as ``sentence_heads.npz`` (float16 weights) + ``sentence_cuts.json``
(the cut per technique and the sha256 of the paragraph heads they belong to). The paragraph
heads and thresholds are not touched. The dev split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from training.multilingual.heads import fit_heads
from training.multilingual.oof_sentences import C, features, load_oof, run_fold
from training.multilingual.sentence_cuts import choose_cut
from training.multilingual.sentence_data import load_sentences
from training.multilingual.span_eval import nested_paragraph_predictions, sentence_rows

from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023
from presslens.layers.techniques.multilingual.sentences import SENTENCE_CUTS, SENTENCE_HEADS

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "src/presslens/models/techniques-multilingual"


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/presslens-mlspans-oof"))
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args()
    ss = load_sentences()
    xp, xs = features(ss)
    args.cache.mkdir(parents=True, exist_ok=True)
    for k in (int(f) for f in np.unique(ss.folds)):
        if not (args.cache / f"fold{k}.npz").exists():
            run_fold(ss, xp, xs, k, args.cache / f"fold{k}.npz")
    oof = load_oof(ss, args.cache)
    pred = nested_paragraph_predictions(ss, oof["pp"])
    cut = choose_cut(ss, pred, oof["ps"], range(len(ss.paragraphs)), sentence_rows(ss))
    log(f"sentence cut {cut}; fitting on {xs.shape[0]} sentences")
    w, b = fit_heads(xs, ss.sy, C)
    np.savez_compressed(
        args.out / SENTENCE_HEADS,
        weights=w.astype(np.float16),  # as heads.npz: float16 halves the file
        bias=b.astype(np.float32),
    )
    cfg = json.loads((args.out / "config.json").read_text(encoding="utf-8"))
    doc = {
        "about": "sentence cut per technique for pick_sentences (a labelled paragraph's best "
        "sentence is always emitted; others when their sentence-head probability reaches the "
        "cut), chosen on out-of-fold train spans; the heads read heads.npz's featuriser",
        "paragraph_heads_sha256": cfg["heads_sha256"],
        "C": C,
        "sentences": int(xs.shape[0]),
        "cuts": {t: cut for t in TECHNIQUES_2023},
    }
    (args.out / SENTENCE_CUTS).write_text(json.dumps(doc, indent=1) + "\n")
    size = (args.out / SENTENCE_HEADS).stat().st_size / 1e6
    log(f"wrote {args.out / SENTENCE_HEADS} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
