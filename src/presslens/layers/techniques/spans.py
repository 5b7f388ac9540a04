"""Text → subword windows and token probabilities → character spans.

Shared by training and inference so the two can never disagree on offsets. Needs only the
``tokenizers`` package (no torch). Articles are cut at newlines first: PTC articles hold
one sentence per line and spans almost never cross a line break, and short inputs keep
the encoder fast on CPU.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

MAX_TOKENS = 126  # + [CLS] and [SEP] = 128


@dataclass
class TechniqueSpan:
    """One detected technique use: offsets, label, probability and cue words."""

    start: int
    end: int
    technique: str
    score: float
    span_score: float
    cues: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "technique": self.technique,
            "score": round(self.score, 4),
            "span_score": round(self.span_score, 4),
            "cues": self.cues,
        }


@dataclass
class Window:
    """A run of subword tokens from one line, with absolute character offsets."""

    ids: list[int]
    starts: list[int]
    ends: list[int]


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without the newline."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def windows(
    tokenizer,
    text: str,
    max_tokens: int = MAX_TOKENS,
    segments: list[tuple[int, int]] | None = None,
) -> list[Window]:
    """Tokenise each segment (default: each line) and cut it into ``max_tokens`` windows.

    Pass sentence offsets as ``segments`` for text whose lines are whole paragraphs: the
    tagger was trained on one sentence per input.
    """
    out: list[Window] = []
    lines = line_spans(text) if segments is None else [(s, e) for s, e in segments if e > s]
    if not lines:
        return out
    encs = tokenizer.encode_batch([text[s:e] for s, e in lines], add_special_tokens=False)
    for (ls, _le), enc in zip(lines, encs, strict=True):
        ids = enc.ids
        offs = enc.offsets
        for i in range(0, len(ids), max_tokens):
            chunk = offs[i : i + max_tokens]
            if not chunk:
                continue
            out.append(
                Window(
                    ids=list(ids[i : i + max_tokens]),
                    starts=[ls + a for a, _ in chunk],
                    ends=[ls + b for _, b in chunk],
                )
            )
    return out


def batch_arrays(
    wins: list[Window], cls_id: int, sep_id: int, pad_id: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Pad windows into (input_ids, attention_mask) int64 arrays with [CLS] … [SEP]."""
    n = max(len(w.ids) for w in wins) + 2
    ids = np.full((len(wins), n), pad_id, dtype=np.int64)
    mask = np.zeros((len(wins), n), dtype=np.int64)
    for i, w in enumerate(wins):
        seq = [cls_id, *w.ids, sep_id]
        ids[i, : len(seq)] = seq
        mask[i, : len(seq)] = 1
    return ids, mask


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-"


_TRIM = ' \n\t.,:;"“”'


def decode_spans(
    text: str,
    wins: list[Window],
    probs: list[np.ndarray],
    threshold: float,
    gap: int = 1,
    min_chars: int = 2,
) -> list[tuple[int, int, float]]:
    """Turn per-token propaganda probabilities into (start, end, mean prob) char spans.

    Runs of tokens at or above ``threshold`` become spans; runs separated by at most
    ``gap`` tokens are joined (a single low token inside a phrase is usually noise). Spans
    are widened to whole words — a subword hit on "##ist" means the whole word — and
    trimmed of the characters PTC v2 trims from gold spans.
    """
    out: list[tuple[int, int, float]] = []
    for w, p in zip(wins, probs, strict=True):
        on = np.flatnonzero(p >= threshold)
        if on.size == 0:
            continue
        runs: list[list[int]] = [[int(on[0]), int(on[0])]]
        for i in on[1:]:
            if i - runs[-1][1] <= gap + 1:
                runs[-1][1] = int(i)
            else:
                runs.append([int(i), int(i)])
        for a, b in runs:
            s, e = w.starts[a], w.ends[b]
            while s > 0 and _is_word(text[s - 1]) and _is_word(text[s]):
                s -= 1
            while e < len(text) and _is_word(text[e]) and _is_word(text[e - 1]):
                e += 1
            while s < e and text[s] in _TRIM:
                s += 1
            while e > s and text[e - 1] in _TRIM:
                e -= 1
            if e - s >= min_chars:
                out.append((s, e, float(p[a : b + 1].mean())))
    out.sort()
    merged: list[tuple[int, int, float]] = []
    for s, e, sc in out:
        if merged and s < merged[-1][1]:
            ps, pe, psc = merged[-1]
            merged[-1] = (ps, max(pe, e), max(psc, sc))
        else:
            merged.append((s, e, sc))
    return merged
