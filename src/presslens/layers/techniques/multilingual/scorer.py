"""The official SemEval-2023 Task 3 subtask-3 score: multi-label micro- and macro-F1.

Why a re-implementation: the organisers' scorer is a script (scikit-learn's ``f1_score`` on
``MultiLabelBinarizer`` rows over the 23 classes of ``techniques_subtask3.txt``, with
``zero_division=1``), not a library. Its definition, reproduced exactly:

- only paragraphs present in the predictions are scored (the gold must hold each of them);
- labels outside the class list are ignored (the binariser drops them);
- micro-F1 = 2·ΣTP / (2·ΣTP + ΣFP + ΣFN) over all classes, 1.0 when that is 0/0;
- macro-F1 = the mean over **all** classes of 2·TP / (2·TP + FP + FN), where a class with no
  gold and no prediction counts 1.0 (``zero_division=1``) — so a language without some class
  (English has 4 absent) gains from never predicting it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Micro- and macro-F1 and the per-class counts behind them."""

    micro_f1: float
    macro_f1: float
    per_class: dict[str, tuple[int, int, int]]  # class → (tp, fp, fn)


def _f1(tp: int, fp: int, fn: int) -> float:
    denom = 2 * tp + fp + fn
    return 1.0 if denom == 0 else 2 * tp / denom


def score(
    predicted: Mapping[Hashable, Iterable[str]],
    gold: Mapping[Hashable, Iterable[str]],
    classes: Sequence[str],
) -> Score:
    """Score ``predicted`` (paragraph key → labels) against ``gold`` over ``classes``.

    Raises KeyError naming the first predicted paragraph the gold does not have, as the
    official scorer does.
    """
    known = set(classes)
    counts = {c: [0, 0, 0] for c in classes}
    for key, labels in predicted.items():
        p = set(labels) & known
        g = set(gold[key]) & known
        for c in p & g:
            counts[c][0] += 1
        for c in p - g:
            counts[c][1] += 1
        for c in g - p:
            counts[c][2] += 1
    tp = sum(v[0] for v in counts.values())
    fp = sum(v[1] for v in counts.values())
    fn = sum(v[2] for v in counts.values())
    macro = sum(_f1(*counts[c]) for c in classes) / len(classes) if classes else 0.0
    return Score(_f1(tp, fp, fn), macro, {c: (v[0], v[1], v[2]) for c, v in counts.items()})
