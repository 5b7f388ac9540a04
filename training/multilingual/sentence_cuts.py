"""Choosing the sentence cut of ``pick_sentences`` on out-of-fold train spans.

Why one cut shared by the techniques (not one each): most labelled (paragraph, technique)
pairs have exactly one gold sentence (≈ 80 % in every language), so the cut only decides when
a second sentence is worth emitting; per-technique cuts would be fitted on a few dozen such
cases for most techniques (tried: each technique with ≥ 50 predicted labels given the cut
best for its own span F1 — nested out-of-fold technique-aware F1 0.159 vs 0.160 shared). Why the technique-aware span F1 as the objective: it is the figure
the bench reports and the one a reader of a labelled sentence cares about. Only the
non-English languages' rows choose it, as for the paragraph thresholds (English is opt-in).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from training.multilingual.sentence_data import SentenceSet
from training.multilingual.span_eval import score_spans, sentence_spans

# Candidate cuts; 1.01 means "the best sentence only". Low values matter: the sentence heads'
# probabilities are unconditional (most sentences carry no technique), so a second gold
# sentence of a labelled paragraph typically scores 0.1-0.3 (out-of-fold, every fold chose 0.15).
GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 1.01)
# Languages whose rows choose the cut (the component's default languages).
TARGET = ("fr", "de", "it", "pl", "ru")


def choose_cut(
    ss: SentenceSet,
    pred: np.ndarray,
    ps: np.ndarray,
    rows: Sequence[int],
    by_par: Sequence[np.ndarray],
) -> float:
    """The grid cut with the best technique-aware span F1 over the target-language ``rows``."""
    rows = [i for i in rows if ss.paragraphs[i].lang in TARGET]
    best, best_f = GRID[-1], -1.0
    for cut in GRID:
        cuts = np.full(pred.shape[1], cut, dtype=np.float32)
        f = score_spans(ss, sentence_spans(ss, pred, ps, cuts, rows, by_par), rows).tech.f1
        if f > best_f:
            best, best_f = cut, f
    return best
