"""Fine-tune all-MiniLM-L6-v2 as a check-worthiness sentence classifier (training venv only).

Usage:
  python -m training.claims.finetune --out runs/claims/split           # holdout.py splits
  python -m training.claims.finetune --out runs/claims/final --final --epochs N

Split mode trains on the training parts of ClaimBuster and CLEF-2019 and, after every epoch,
saves the weights and the logits of every validation and report row, so that
``training.claims.compare`` can choose the epoch and threshold on validation only and report
the rest. ``--final`` trains on ClaimBuster train+val+report and CLEF train+val (the report
debates stay out, so the CLEF figure of the card stays honest) for a fixed number of epochs.

Why this head: mean pooling over the last layer, as the encoder was pre-trained for sentence
embeddings (its [CLS] vector was never trained to summarise), then one linear logit.
Why the bottom is frozen: on the shared 2-core machine a full fine-tuning step ran at ~64
subword tokens/s (the dense update of the 30k x 384 embedding matrix and AdamW over all 22.7 M
weights dominate short sentences), i.e. 2 h per epoch. The embeddings and the first
FROZEN_LAYERS layers are run once per sentence (inference mode) and cached; only the upper
layers, the pooling and the head train. The exported model is the whole network, unchanged
in shape; the split is exact (the per-layer path matches the full forward to 0.0).
Row weights: holdout.CLEF_WEIGHT / CLEF_POS_WEIGHT (the same for every model compared).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from training.claims.holdout import (
    CLEF_POS_WEIGHT,
    CLEF_WEIGHT,
    claimbuster_split,
    clef_split,
)
from training.techniques.common import encoder_dir, optimise, progress, seed_all

MAX_LEN = 64  # subword tokens; 97 % of ClaimBuster and 99 % of CLEF sentences fit
FROZEN_LAYERS = 2  # of 6: embeddings + these layers are frozen and cached (--frozen-layers)


class SentenceClassifier(torch.nn.Module):
    """MiniLM encoder, masked mean pooling, dropout, one logit (check-worthy)."""

    def __init__(self, encoder_path: str, frozen_layers: int = FROZEN_LAYERS) -> None:
        super().__init__()
        self.frozen_layers = frozen_layers
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(encoder_path)
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask, token_type_ids):
        h = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
        ).last_hidden_state
        return self.pool_head(h, attention_mask)

    def pool_head(self, h: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        m = attention_mask.unsqueeze(-1).to(h.dtype)
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.head(self.dropout(pooled)).squeeze(-1)

    def lower(self, input_ids, attention_mask, token_type_ids) -> torch.Tensor:
        """Embeddings + the frozen layers (what is cached)."""
        h = self.encoder.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
        return self._layers(h, attention_mask, 0, self.frozen_layers)

    def upper(self, h: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """The trained layers, pooling and head, from cached lower states."""
        n = len(self.encoder.encoder.layer)
        return self.pool_head(
            self._layers(h, attention_mask, self.frozen_layers, n), attention_mask
        )

    def _layers(self, h: torch.Tensor, attention_mask: torch.Tensor, a: int, b: int):
        additive = (1.0 - attention_mask[:, None, None, :].to(h.dtype)) * torch.finfo(h.dtype).min
        for layer in self.encoder.encoder.layer[a:b]:
            out = layer(h, attention_mask=additive)
            h = out[0] if isinstance(out, tuple) else out
        return h

    def freeze_lower(self) -> list[torch.nn.Parameter]:
        """Freeze the cached part; returns the parameters left to train."""
        for p in self.encoder.embeddings.parameters():
            p.requires_grad = False
        for layer in self.encoder.encoder.layer[: self.frozen_layers]:
            for p in layer.parameters():
                p.requires_grad = False
        return [p for p in self.parameters() if p.requires_grad]


def tokenizer():
    """The encoder's fast tokenizer, truncating at MAX_LEN and not padding (batches pad)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(encoder_dir() / "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(MAX_LEN)
    return tok


def pad(rows: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Right-pad one batch to its longest row (dynamic padding)."""
    n = max(len(r) for r in rows)
    ids = np.zeros((len(rows), n), dtype=np.int64)
    mask = np.zeros((len(rows), n), dtype=np.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    t = torch.from_numpy
    return t(ids), t(mask), t(np.zeros_like(ids))


def cache_lower(model: SentenceClassifier, enc: list[list[int]], bs: int = 64) -> list:
    """Frozen-part states per sentence (unpadded [len, hidden] tensors)."""
    out: list = [None] * len(enc)
    order = np.argsort([len(e) for e in enc], kind="stable")
    model.eval()
    with torch.inference_mode():
        for b in range(0, len(order), bs):
            idx = order[b : b + bs]
            ids, mask, types = pad([enc[i] for i in idx])
            h = model.lower(ids, mask, types)
            for row, i in enumerate(idx):
                out[i] = h[row, : len(enc[i])].clone()
    model.train()
    return out


def pad_states(states: list) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad cached states of one batch; the mask marks real tokens."""
    n = max(len(x) for x in states)
    h = torch.zeros(len(states), n, states[0].shape[-1])
    mask = torch.zeros(len(states), n, dtype=torch.long)
    for i, x in enumerate(states):
        h[i, : len(x)] = x
        mask[i, : len(x)] = 1
    return h, mask


def predict_cached(model: SentenceClassifier, states: list, bs: int = 64) -> np.ndarray:
    """Logits from cached lower states, batched by length."""
    model.eval()
    order = np.argsort([len(x) for x in states], kind="stable")
    out = np.zeros(len(states), dtype=np.float32)
    with torch.inference_mode():
        for b in range(0, len(order), bs):
            idx = order[b : b + bs]
            out[idx] = model.upper(*pad_states([states[i] for i in idx])).numpy()
    model.train()
    return out


def training_rows(
    final: bool, clef_neg_keep: float = 1.0, seed: int = 13
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Texts, labels and per-row loss weights for the chosen mode. ``clef_neg_keep`` < 1 keeps
    that share of CLEF negatives (a fixed random subset) and divides their weight by it, so the
    expected loss is unchanged while a CPU epoch gets shorter (CLEF is 98 % negatives)."""
    rng = np.random.default_rng(seed)
    cb, clef = claimbuster_split(), clef_split()
    cb_parts = ("train", "val", "report") if final else ("train",)
    clef_parts = ("train", "val") if final else ("train",)
    texts, labels, weights = [], [], []
    for p in cb_parts:
        texts += cb[p].texts
        labels.append(cb[p].labels)
        weights.append(np.ones(len(cb[p].texts)))
    for p in clef_parts:
        y = clef[p].labels
        keep = (y == 1) | (rng.random(len(y)) < clef_neg_keep)
        texts += [t for t, k in zip(clef[p].texts, keep, strict=True) if k]
        labels.append(y[keep])
        neg_weight = CLEF_WEIGHT / clef_neg_keep
        weights.append(np.where(y[keep] == 1, CLEF_WEIGHT * CLEF_POS_WEIGHT, neg_weight))
    return texts, np.concatenate(labels), np.concatenate(weights)


def eval_sets() -> dict[str, list[str]]:
    """Validation rows scored after every epoch (report rows are scored once, by compare.py,
    with the exported model of the chosen epoch: that is what ships)."""
    cb, clef = claimbuster_split(), clef_split()
    return {"cb_val": cb["val"].texts, "clef_val": clef["val"].texts}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--final", action="store_true")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--clef-neg-keep", type=float, default=1.0)
    ap.add_argument("--frozen-layers", type=int, default=FROZEN_LAYERS)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seed_all(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)

    tok = tokenizer()
    texts, labels, weights = training_rows(args.final, args.clef_neg_keep, args.seed)
    enc = [e.ids for e in tok.encode_batch(texts)]
    print(f"training rows {len(enc)}, positives {int(labels.sum())}", flush=True)
    model = SentenceClassifier(str(encoder_dir()), args.frozen_layers)
    t0 = time.time()
    states = cache_lower(model, enc)
    evals = {
        k: cache_lower(model, [e.ids for e in tok.encode_batch(v)])
        for k, v in ({} if args.final else eval_sets()).items()
    }
    print(f"cached frozen-layer states in {(time.time() - t0) / 60:.1f} min", flush=True)
    trainable = model.freeze_lower()
    model.train()
    per_epoch = (len(enc) + args.bs - 1) // args.bs
    total = per_epoch * args.epochs
    opt = torch.optim.AdamW(trainable, lr=args.lr, weight_decay=0.01)
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / total)
    )
    rng = random.Random(args.seed)
    step, ntok = 0, 0
    for epoch in range(1, args.epochs + 1):
        # length-bucketed batches (little padding), batch order shuffled
        order = sorted(range(len(enc)), key=lambda i: len(enc[i]) + rng.random() * 6)
        batches = [order[i : i + args.bs] for i in range(0, len(order), args.bs)]
        rng.shuffle(batches)
        for idx in batches:
            h, mask = pad_states([states[i] for i in idx])
            logits = model.upper(h, mask)
            y = torch.from_numpy(labels[idx].astype(np.float32))
            w = torch.from_numpy(weights[idx].astype(np.float32))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y, weight=w)
            loss = loss * len(idx) / w.sum()  # mean over the batch's weight, not its size
            optimise(loss, trainable, opt, sched)
            step += 1
            ntok += int(mask.sum())
            progress(step, total, loss.item(), ntok, t0, prefix=f"epoch {epoch} ")
        torch.save(model.state_dict(), args.out / f"epoch{epoch}.pt")
        if evals:
            logits = {k: predict_cached(model, v) for k, v in evals.items()}
            np.savez(args.out / f"epoch{epoch}_logits.npz", **logits)
        print(f"epoch {epoch} done at {(time.time() - t0) / 60:.1f} min", flush=True)
    meta = {
        "mode": "final" if args.final else "split",
        "epochs": args.epochs,
        "lr": args.lr,
        "batch": args.bs,
        "seed": args.seed,
        "max_len": MAX_LEN,
        "frozen_layers": args.frozen_layers,
        "clef_weight": CLEF_WEIGHT,
        "clef_pos_weight": CLEF_POS_WEIGHT,
        "clef_neg_keep": args.clef_neg_keep,
        "rows": len(enc),
        "minutes": round((time.time() - t0) / 60, 1),
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1))


if __name__ == "__main__":
    main()
