"""Lexical span features for technique classification (hashed, numpy only).

Why a hand-written featuriser: the shipped linear model is a plain weight matrix, so
inference needs no pickled scikit-learn object (pickles break across versions). The
features encode what a sentence encoder cannot see: how often the span's words recur in
the article (the Repetition technique is defined by it), length, punctuation and casing.
"""

from __future__ import annotations

import math
import re
import zlib

import numpy as np

N_HASH = 1 << 17
_QUOTES = ('"', "“", "‘", "'")
_WORD = re.compile(r"[\w'’-]+|[!?\"“”]")


def _h(s: str) -> int:
    return zlib.crc32(s.encode("utf-8")) % N_HASH


def words(s: str) -> list[str]:
    """Lower-cased word tokens plus the punctuation marks that carry tone."""
    return [w.lower() for w in _WORD.findall(s)]


def span_features(
    text: str, start: int, end: int, lower_text: str | None = None
) -> dict[int, float]:
    """Hashed sparse features of the span ``text[start:end]`` in its article."""
    lower_text = text.lower() if lower_text is None else lower_text
    span = text[start:end]
    sw = words(span)
    f: dict[int, float] = {}

    def add(name: str, v: float = 1.0) -> None:
        k = _h(name)
        f[k] = f.get(k, 0.0) + v

    nw = max(1, len(sw))
    for w in sw:
        add("w:" + w, 1.0 / math.sqrt(nw))
    for a, b in zip(sw, sw[1:], strict=False):
        add("b:" + a + "_" + b, 1.0 / math.sqrt(nw))
    if sw:
        add("first:" + sw[0])
        add("last:" + sw[-1])
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    left = words(text[max(ls, start - 60) : start])[-4:]
    right = words(text[end : min(le, end + 60)])[:4]
    for w in left:
        add("l:" + w, 0.5)
    for w in right:
        add("r:" + w, 0.5)
    if left:
        add("l1:" + left[-1])
    if right:
        add("r1:" + right[0])
    ctx = words(text[ls:le])
    for w in ctx:
        add("c:" + w, 1.0 / math.sqrt(max(1, len(ctx))))
    # repetition: how many times the span (and its words) occur in the article
    key = span.lower().strip()
    cnt = lower_text.count(key) if key else 0
    add("rep_log", math.log1p(max(0, cnt - 1)))
    add(f"rep_bin:{min(cnt, 4)}")
    add(f"len_w:{min(len(sw), 12) if len(sw) < 12 else 12 + min(len(sw) // 10, 5)}")
    add("len_log", math.log1p(len(span)) / 3)
    add(f"whole_line:{int(start <= ls + 1 and end >= le - 1)}")
    add(f"at_line_start:{int(start <= ls + 1)}")
    quoted = text[max(0, start - 1) : start] in _QUOTES
    add(f"quoted:{int(quoted)}")
    add(f"caps:{int(any(c.isalpha() for c in span) and span.upper() == span)}")
    add(f"excl:{int('!' in span)}")
    add(f"qmark:{int('?' in span or '?' in text[end : end + 2])}")
    add("bias")
    return f


def to_csr(rows: list[dict[int, float]]):
    """Stack feature dicts into a scipy CSR matrix (training side only)."""
    from scipy.sparse import csr_matrix

    indptr = [0]
    idx: list[int] = []
    val: list[float] = []
    for r in rows:
        idx.extend(r.keys())
        val.extend(r.values())
        indptr.append(len(idx))
    return csr_matrix((val, idx, indptr), shape=(len(rows), N_HASH), dtype=np.float32)


def linear_scores(rows: list[dict[int, float]], coef: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Logits of a linear model stored as a (classes, N_HASH) matrix — no scipy needed."""
    out = np.tile(bias.astype(np.float32), (len(rows), 1))
    for i, r in enumerate(rows):
        if r:
            k = np.fromiter(r.keys(), dtype=np.int64, count=len(r))
            v = np.fromiter(r.values(), dtype=np.float32, count=len(r))
            out[i] += coef[:, k].astype(np.float32) @ v
    return out
