"""The SemEval-2020 Task 11 metrics, written from the task description.

SI (span identification), partial-overlap credit as in the task's scorer. With S the
predicted spans and T the gold spans (each a set of character offsets), counted per
article::

    P = (1/|S|) * sum_{s in S} sum_{t in T} |s ∩ t| / |s|
    R = (1/|T|) * sum_{s in S} sum_{t in T} |s ∩ t| / |t|
    F1 = 2PR / (P + R)

Overlapping spans of one article are merged first (the gold SI files are already merged;
merging predictions keeps a system from being credited twice for the same characters).

TC (technique classification) is micro-averaged over the given spans: a prediction is
correct when its (article, start, end) carries that label in the gold. Spans with several
gold labels are matched as multisets, so each gold label can be credited once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from presslens.semeval.t11 import TECHNIQUES, SISpan, TCSpan


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping (not merely touching) half-open spans, dropping empty ones."""
    out: list[list[int]] = []
    for s, e in sorted((s, e) for s, e in spans if e > s):
        if out and s < out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _by_article(spans: Iterable[SISpan]) -> dict[str, list[tuple[int, int]]]:
    d: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for aid, s, e in spans:
        d[aid].append((s, e))
    return {aid: merge_spans(v) for aid, v in d.items()}


@dataclass(frozen=True)
class ScoreSI:
    """SI precision, recall and F1 plus the span counts they were divided by."""

    precision: float
    recall: float
    f1: float
    n_pred: int
    n_gold: int


def score_si(gold: Iterable[SISpan], pred: Iterable[SISpan]) -> ScoreSI:
    """Score SI predictions against gold with the task's partial-overlap formulas."""
    g = _by_article(gold)
    p = _by_article(pred)
    n_pred = sum(len(v) for v in p.values())
    n_gold = sum(len(v) for v in g.values())
    num_p = num_r = 0.0
    for aid, pspans in p.items():
        gspans = g.get(aid, [])
        for ps, pe in pspans:
            for gs, ge in gspans:
                inter = min(pe, ge) - max(ps, gs)
                if inter > 0:
                    num_p += inter / (pe - ps)
                    num_r += inter / (ge - gs)
    prec = num_p / n_pred if n_pred else 0.0
    rec = num_r / n_gold if n_gold else 0.0
    return ScoreSI(prec, rec, _f1(prec, rec), n_pred, n_gold)


@dataclass(frozen=True)
class ScoreTC:
    """TC micro P/R/F1 and per-technique (precision, recall, f1, gold support)."""

    precision: float
    recall: float
    f1: float
    per_technique: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)


def score_tc(gold: Iterable[TCSpan], pred: Iterable[TCSpan]) -> ScoreTC:
    """Micro-F1 of TC predictions over the spans listed in ``gold``."""
    gl: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    pl: dict[tuple[str, int, int], Counter[str]] = defaultdict(Counter)
    for aid, t, s, e in gold:
        gl[(aid, s, e)][t] += 1
    for aid, t, s, e in pred:
        pl[(aid, s, e)][t] += 1
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for c in gl.values():
        n_gold.update(c)
    for key, c in pl.items():
        n_pred.update(c)
        tp.update(c & gl.get(key, Counter()))
    total_tp = sum(tp.values())
    total_pred = sum(n_pred.values())
    total_gold = sum(n_gold.values())
    prec = total_tp / total_pred if total_pred else 0.0
    rec = total_tp / total_gold if total_gold else 0.0
    per: dict[str, tuple[float, float, float, int]] = {}
    for t in sorted(set(TECHNIQUES) | set(n_gold) | set(n_pred)):
        tp_t = tp[t]
        p_t = tp_t / n_pred[t] if n_pred[t] else 0.0
        r_t = tp_t / n_gold[t] if n_gold[t] else 0.0
        per[t] = (p_t, r_t, _f1(p_t, r_t), n_gold[t])
    return ScoreTC(prec, rec, _f1(prec, rec), per)
