"""Fine-tune MiniLM as a binary (propaganda / not) token tagger for SI.

Usage: python -m training.techniques.train_si --fold K --out DIR   (K=-1: all articles)

Why binary I/O and not BIO: the SI metric only credits character overlap, adjacent spans
are merged anyway, and two classes learn faster on a small CPU budget. Lines without any
gold span are subsampled each epoch (``--neg-rate``) to save CPU; the decision threshold
is chosen afterwards on held-out probabilities, which absorbs the prior shift.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import time
from pathlib import Path

import numpy as np
import torch
from training.techniques.common import encoder_dir, load_tokenizer, optimise, progress, seed_all
from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.spans import batch_arrays, decode_spans, windows
from presslens.semeval.scorer import score_si


def token_labels(win, spans: list[tuple[int, int]]) -> list[int]:
    """1 for a token whose characters overlap a gold span."""
    out = []
    for s, e in zip(win.starts, win.ends, strict=True):
        out.append(int(any(s < ge and gs < e for gs, ge in spans)))
    return out


def predict(model, tok, texts: dict[str, str], bs: int = 64) -> dict[str, tuple[list, list]]:
    """Per article: (windows, list of per-token P(propaganda) arrays)."""
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    model.eval()
    out = {}
    with torch.inference_mode():
        for aid, text in texts.items():
            wins = windows(tok, text)
            probs = []
            order = sorted(range(len(wins)), key=lambda i: len(wins[i].ids))
            res: dict[int, np.ndarray] = {}
            for b in range(0, len(order), bs):
                idx = order[b : b + bs]
                ids, mask = batch_arrays([wins[i] for i in idx], cls_id, sep_id)
                logits = model(
                    input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
                ).logits
                p = torch.softmax(logits, -1)[..., 1].numpy()
                for j, i in enumerate(idx):
                    res[i] = p[j, 1 : 1 + len(wins[i].ids)].copy()
            probs = [res[i] for i in range(len(wins))]
            out[aid] = (wins, probs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fold", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--lr", type=float, default=8e-5)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--neg-rate", type=float, default=0.4)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    seed_all(args.seed)
    from transformers import AutoModelForTokenClassification

    arts = load_train()
    folds = load_folds()
    held = set(folds[args.fold]) if args.fold >= 0 else set()
    tok = load_tokenizer()
    cls_id, sep_id = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    pos, neg = [], []
    for aid, a in arts.items():
        if aid in held:
            continue
        for w in windows(tok, a.text):
            lab = token_labels(w, a.si)
            (pos if any(lab) else neg).append((w, lab))
    print(f"train windows: {len(pos)} with spans, {len(neg)} without", flush=True)
    model = AutoModelForTokenClassification.from_pretrained(str(encoder_dir()), num_labels=2)
    n_ep_batches = (len(pos) + int(len(neg) * args.neg_rate)) // args.bs + 1
    total = int(n_ep_batches * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, s / max(1, 0.1 * total)) * max(0.0, (total - s) / total)
    )
    rng = random.Random(args.seed)
    step = 0
    t0 = time.time()
    ntok = 0
    model.train()
    while step < total:
        data = pos + [x for x in neg if rng.random() < args.neg_rate]
        data.sort(key=lambda x: len(x[0].ids) + rng.random() * 8)
        batches = [data[i : i + args.bs] for i in range(0, len(data), args.bs)]
        rng.shuffle(batches)
        for batch in batches:
            if step >= total:
                break
            ids, mask = batch_arrays([w for w, _ in batch], cls_id, sep_id)
            labels = np.full(ids.shape, -100, dtype=np.int64)
            for i, (_, lab) in enumerate(batch):
                labels[i, 1 : 1 + len(lab)] = lab
            out = model(
                input_ids=torch.from_numpy(ids),
                attention_mask=torch.from_numpy(mask),
                labels=torch.from_numpy(labels),
            )
            optimise(out.loss, model.parameters(), opt, sched)
            step += 1
            ntok += int(mask.sum())
            progress(step, total, out.loss.item(), ntok, t0)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(args.out / "model")
    print(f"training done in {(time.time() - t0) / 60:.1f} min", flush=True)
    if held:
        texts = {aid: arts[aid].text for aid in sorted(held)}
        preds = predict(model, tok, texts)
        with open(args.out / "heldout_probs.pkl", "wb") as f:
            pickle.dump({aid: (w, p) for aid, (w, p) in preds.items()}, f)
        gold = [(aid, s, e) for aid in held for s, e in arts[aid].si]
        res = {}
        for thr in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
            pred = [
                (aid, s, e)
                for aid, (w, p) in preds.items()
                for s, e, _ in decode_spans(texts[aid], w, p, thr)
            ]
            sc = score_si(gold, pred)
            res[thr] = [sc.precision, sc.recall, sc.f1, sc.n_pred]
            print(
                f"thr {thr}: P {sc.precision:.4f} R {sc.recall:.4f} F1 {sc.f1:.4f} "
                f"n_pred {sc.n_pred} n_gold {sc.n_gold}",
                flush=True,
            )
        (args.out / "heldout_scores.json").write_text(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
