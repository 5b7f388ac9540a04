"""Agreement between two people who corrected the same document: per label, span F1 and
Cohen's kappa.

Why both: span F1 (exact start, end and label) is what span-tagging papers report and what a
training set needs; it ignores what both people left unlabelled, so kappa is computed beside it
over words (each word gets the label of the span covering it, or none) to correct for chance —
on a page where almost every word is unlabelled, raw word agreement is always high.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from presslens.web.corrections import Span

_WORD = re.compile(r"\S+")
NONE = "O"  # label of a word no span covers


@dataclass(frozen=True)
class LabelAgreement:
    label: str
    a_spans: int
    b_spans: int
    matched: int
    f1: float | None  # None when neither person has a span of this label
    kappa: float | None  # None when chance agreement is total (nothing to tell apart)


def _f1(matched: int, na: int, nb: int) -> float | None:
    if na == 0 and nb == 0:
        return None
    return 2 * matched / (na + nb)


def kappa(x: Sequence[str], y: Sequence[str]) -> float | None:
    """Cohen's kappa of two equal-length label sequences."""
    n = len(x)
    if n == 0 or n != len(y):
        return None
    observed = sum(a == b for a, b in zip(x, y, strict=True)) / n
    labels = set(x) | set(y)
    expected = sum((x.count(k) / n) * (y.count(k) / n) for k in labels)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def word_labels(text: str, spans: Sequence[Span]) -> list[str]:
    """One label per word: the first span (by start) covering it, else NONE."""
    ordered = sorted(spans, key=lambda sp: (sp.start, sp.end))
    out = []
    for m in _WORD.finditer(text):
        label = NONE
        for sp in ordered:
            if sp.start < m.end() and m.start() < sp.end:
                label = sp.label
                break
        out.append(label)
    return out


def agreement(text: str, a: Sequence[Span], b: Sequence[Span]) -> dict[str, object]:
    """Per-label and overall agreement between two people's spans on one text."""
    wa, wb = word_labels(text, a), word_labels(text, b)
    labels = sorted({sp.label for sp in a} | {sp.label for sp in b})
    rows = []
    for label in labels:
        sa = {(sp.start, sp.end) for sp in a if sp.label == label}
        sb = {(sp.start, sp.end) for sp in b if sp.label == label}
        binary_a = [w == label for w in wa]
        binary_b = [w == label for w in wb]
        rows.append(
            LabelAgreement(
                label,
                len(sa),
                len(sb),
                len(sa & sb),
                _f1(len(sa & sb), len(sa), len(sb)),
                kappa([str(v) for v in binary_a], [str(v) for v in binary_b]),
            )
        )
    all_a = {(sp.start, sp.end, sp.label) for sp in a}
    all_b = {(sp.start, sp.end, sp.label) for sp in b}
    return {
        "labels": [r.__dict__ for r in rows],
        "overall": {
            "a_spans": len(all_a),
            "b_spans": len(all_b),
            "matched": len(all_a & all_b),
            "f1": _f1(len(all_a & all_b), len(all_a), len(all_b)),
            "kappa": kappa(wa, wb),
            "words": len(wa),
        },
    }
