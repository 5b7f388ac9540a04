"""Fine-tune MiniLM as a 14-way span classifier for TC.

Usage: python -m training.techniques.train_tc --fold K --out DIR   (K=-1: all articles)

Every gold TC span is one example; the held-out fold's class probabilities are saved so
the ensemble with the lexical model and the multi-label rule can be tuned on CV.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np
import torch
from training.techniques.common import encoder_dir, load_tokenizer, optimise, progress, seed_all
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.tcinput import encode_pair, pad
from presslens.semeval.t11 import TECHNIQUES


def predict(model, tok, items, bs: int = 64) -> np.ndarray:
    """Class probabilities for (text, start, end) items."""
    model.eval()
    enc = [encode_pair(tok, t, s, e) for t, s, e in items]
    order = sorted(range(len(enc)), key=lambda i: len(enc[i][0]))
    out = np.zeros((len(enc), len(TECHNIQUES)), dtype=np.float32)
    with torch.inference_mode():
        for b in range(0, len(order), bs):
            idx = order[b : b + bs]
            ids, mask, types = pad([enc[i] for i in idx])
            logits = model(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.from_numpy(types),
            ).logits
            out[idx] = torch.softmax(logits, -1).numpy()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=4)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seed_all(args.seed)
    from transformers import AutoModelForSequenceClassification

    arts = load_train()
    folds = load_folds()
    held = set(folds[args.fold]) if args.fold >= 0 else set()
    tok = load_tokenizer()
    lab = {t: i for i, t in enumerate(TECHNIQUES)}
    train = []
    for aid, a in arts.items():
        if aid in held:
            continue
        for t, s, e in a.tc:
            train.append((encode_pair(tok, a.text, s, e), lab[t]))
    print(f"train spans: {len(train)}", flush=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(encoder_dir()), num_labels=len(TECHNIQUES)
    )
    n_ep = len(train) // args.bs + 1
    total = int(n_ep * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, 0.1 * total)) * max(0.0, (total - s) / total)
    )
    rng = random.Random(args.seed)
    step, ntok, t0 = 0, 0, time.time()
    model.train()
    while step < total:
        data = sorted(train, key=lambda x: len(x[0][0]) + rng.random() * 8)
        batches = [data[i : i + args.bs] for i in range(0, len(data), args.bs)]
        rng.shuffle(batches)
        for batch in batches:
            if step >= total:
                break
            ids, mask, types = pad([x for x, _ in batch])
            y = torch.tensor([c for _, c in batch])
            out = model(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                token_type_ids=torch.from_numpy(types),
                labels=y,
            )
            optimise(out.loss, model.parameters(), opt, sched)
            step += 1
            ntok += int(mask.sum())
            progress(step, total, out.loss.item(), ntok, t0)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out / "model")
    print(f"training done in {(time.time() - t0) / 60:.1f} min", flush=True)
    if held:
        items, keys = [], []
        for aid in sorted(held):
            for t, s, e in arts[aid].tc:
                items.append((arts[aid].text, s, e))
                keys.append([aid, t, s, e])
        probs = predict(model, tok, items)
        np.save(args.out / "heldout_probs.npy", probs)
        (args.out / "heldout_keys.json").write_text(json.dumps(keys))
        acc = float(
            np.mean([TECHNIQUES[i] == k[1] for i, k in zip(probs.argmax(1), keys, strict=False)])
        )
        print(f"held-out fold {args.fold}: top-1 accuracy {acc:.4f} over {len(keys)} spans")


if __name__ == "__main__":
    main()
