"""Inputs for classifying one span: the span vector the shipped TC head reads, and the
``[CLS] span [SEP] context [SEP]`` pair the earlier TC encoder read (kept for training and for
scoring that system beside the head).

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
    cs, ce = context_bounds(text, start, end)
    a = tokenizer.encode(text[start:end], add_special_tokens=False).ids
    enc = tokenizer.encode(text[cs:ce], add_special_tokens=False)
    ids = (tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]"))
    return pair_from_encodings(ids, a, enc.ids, enc.offsets, (start + end) // 2 - cs)


def pair_from_encodings(
    special: tuple[int, int],
    a: list[int],
    b: list[int],
    b_offsets: list[tuple[int, int]],
    mid_char: int,
) -> tuple[list[int], list[int]]:
    """The pair from already-tokenised span ids ``a`` and context ids ``b`` (with offsets).

    Why split out: the batched path tokenises every span and every context line of many
    documents in one ``encode_batch`` call and must build exactly the same input.
    """
    cls_id, sep_id = special
    if len(a) > MAX_SPAN:  # keep the span's head and tail: both carry the cue words
        a = a[: MAX_SPAN // 2] + a[-MAX_SPAN // 2 :]
    room = MAX_LEN - 3 - len(a)
    if len(b) > room:
        # centre the window on the span
        centre = next((i for i, (s, _e) in enumerate(b_offsets) if s >= mid_char), len(b) // 2)
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


# ---- the span vector the TC head reads (no second encoder) ---------------------------------
def span_vector(
    starts: list[np.ndarray],
    ends: list[np.ndarray],
    hidden: list[np.ndarray],
    s: int,
    e: int,
    dim: int,
) -> np.ndarray:
    """Pooled SI hidden states of the span [s, e): mean, first and last span token, and the mean
    of the window(s) around it (its sentence), concatenated (4 × hidden size).

    Why these four: the mean says what the span is about, the first and last tokens carry the
    boundary words (Doubt starts with "is it", Slogans end with "!"), and the sentence mean is
    the context that the removed TC encoder read as its second segment. Per window: token
    start/end character offsets and the (tokens, ``dim``) states, [CLS]/[SEP] removed. A span
    no token covers gets zeros (the head then falls back on its bias and the lexical model).
    """
    toks, ctx = [], []
    for st, en, h in zip(starts, ends, hidden, strict=True):
        if not len(st) or st[0] >= e or en[-1] <= s:
            continue
        ctx.append(h)
        inside = (st < e) & (en > s)
        if inside.any():
            toks.append(h[inside])
    if not toks:
        return np.zeros(4 * dim, dtype=np.float32)
    span = np.concatenate(toks)
    context = np.concatenate(ctx)
    return np.concatenate([span.mean(0), span[0], span[-1], context.mean(0)]).astype(np.float32)
