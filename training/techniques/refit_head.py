"""Refit the TC head on a new SI encoder's states and score the result on unseen articles.

Usage: python -m training.techniques.refit_head [--model-dir DIR] [--cache DIR] [--ship]

Why a second script beside ``tc_head``: ``tc_head``'s protocol needs an SI encoder that never
saw PTC fold 0. The shipped encoder is now trained on all 371 PTC articles (issue 13 §1,
"training on all folds for the shipped model"), so PTC has nothing left to report on: the
head's C and mixing weight stay those ``tc_head`` chose on fold 0 (config.json), the head is
refitted on all gold spans with the new encoder's states, and the result is scored on the
SemEval-2023 English dev articles (paragraph level, 14 mapped labels), which no model here
was trained on. Run it on the old and the new model dir to compare them in the same way.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from training.techniques.data import load_train
from training.techniques.tc_head import (
    apply_head,
    cached,
    fit_head,
    head_rows,
    load_semeval23,
    paragraph_f1,
    si_pass,
)

from presslens.layers.techniques.batched import lexical_probs
from presslens.layers.techniques.model import MODEL_DIR, TechniqueModel


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model-dir", type=Path, default=MODEL_DIR)
    ap.add_argument("--cache", type=Path, required=True)
    ap.add_argument("--ship", action="store_true", help="write tc_head.npz into --model-dir")
    ap.add_argument("--threads", type=int, default=0)
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    cfg_path = args.model_dir / "config.json"
    cfg = json.loads(cfg_path.read_text())
    arts = load_train(extra=False)
    model = TechniqueModel(args.model_dir, threads=args.threads, with_head=False)
    texts = {a: arts[a].text for a in arts}
    gold = {a: list(arts[a].tc) for a in arts}
    print("SI pass over PTC train (gold span states)", flush=True)
    ptc = cached(args.cache / "ptc.pkl", lambda: si_pass(model, texts, gold, segmented=False))
    dev_texts, dev_gold = load_semeval23()
    print("SI pass over SemEval-2023 en dev", flush=True)
    dev = cached(args.cache / "dev.pkl", lambda: si_pass(model, dev_texts, {}, segmented=True))
    ids = sorted(ptc)
    x, y = head_rows(ptc, arts, ids)
    head = fit_head(x, y, float(cfg["tc_head_C"]))
    w = float(cfg["tc_weight_head"])
    lex = {
        a: lexical_probs(model, [dev_texts[a]], [(0, s, e) for s, e, _ in dev[a]["pred"]])
        for a in dev
    }
    probs = {a: w * apply_head(head, dev[a]["pred_vec"]) + (1 - w) * lex[a] for a in dev}
    preds = {a: dev[a]["pred"] for a in dev}
    micro, macro = paragraph_f1(
        dev_texts, dev_gold, preds, probs, {}, float(cfg["ll_single_word_min_score"])
    )
    n_spans = sum(len(v) for v in preds.values())
    print(
        f"{args.model_dir}: SemEval-2023 en dev paragraph micro-F1 {micro:.4f} macro-F1 "
        f"{macro:.4f} ({n_spans} predicted spans, head on {len(y)} gold spans)",
        flush=True,
    )
    if args.ship:
        np.savez_compressed(args.model_dir / "tc_head.npz", **head)
        print(f"wrote {args.model_dir / 'tc_head.npz'}")


if __name__ == "__main__":
    main()
