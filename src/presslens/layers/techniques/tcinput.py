"""Build the encoder input for classifying one span: ``[CLS] span [SEP] context [SEP]``.

Shared by training and inference. The context is the text of the line(s) around the span,
cut to a window centred on it, because most techniques (Doubt, Causal_Oversimplification,
Appeal_to_Authority) are told apart by the surrounding clause, not the span words alone.
"""

from __future__ import annotations

import numpy as np

MAX_SPAN = 40
MAX_LEN = 128


def context_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend [start, end) to the enclosing line(s)."""
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    return ls, (len(text) if le < 0 else le)


def encode_pair(tokenizer, text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Return (input_ids, token_type_ids) for one span, at most MAX_LEN long."""
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    a = tokenizer.encode(text[start:end], add_special_tokens=False).ids
    if len(a) > MAX_SPAN:  # keep the span's head and tail: both carry the cue words
        a = a[: MAX_SPAN // 2] + a[-MAX_SPAN // 2 :]
    cs, ce = context_bounds(text, start, end)
    enc = tokenizer.encode(text[cs:ce], add_special_tokens=False)
    room = MAX_LEN - 3 - len(a)
    b = enc.ids
    if len(b) > room:
        # centre the window on the span
        mid_char = (start + end) // 2 - cs
        centre = next((i for i, (s, _e) in enumerate(enc.offsets) if s >= mid_char), len(b) // 2)
        lo = max(0, min(centre - room // 2, len(b) - room))
        b = b[lo : lo + room]
    ids = [cls_id, *a, sep_id, *b, sep_id]
    types = [0] * (len(a) + 2) + [1] * (len(b) + 1)
    return ids, types


def pad(batch: list[tuple[list[int], list[int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(input_ids, attention_mask, token_type_ids) int64 arrays for a batch of pairs."""
    n = max(len(i) for i, _ in batch)
    ids = np.zeros((len(batch), n), dtype=np.int64)
    mask = np.zeros((len(batch), n), dtype=np.int64)
    types = np.zeros((len(batch), n), dtype=np.int64)
    for k, (i, t) in enumerate(batch):
        ids[k, : len(i)] = i
        mask[k, : len(i)] = 1
        types[k, : len(t)] = t
    return ids, mask, types
