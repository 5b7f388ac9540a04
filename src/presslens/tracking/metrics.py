"""Ranking metrics as the CheckThat! scorer (trectools) computes them: MAP@k and MRR.

Kept in the package (not the benchmark) because fitting the re-ranker chooses its settings by
the same MAP@5 the task reports, and the two must not drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def average_precision(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k: precision at each relevant hit in the top ``k``, over the number relevant."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, cid in enumerate(ranked[:k], 1):
        if cid in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for i, cid in enumerate(ranked, 1):
        if cid in relevant:
            return 1.0 / i
    return 0.0


def evaluate(run: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]]) -> dict[str, float]:
    """MAP@1, MAP@5 and MRR over the queries of ``qrels`` (a missing query scores 0)."""
    qids = list(qrels)
    n = len(qids) or 1
    return {
        "map@1": sum(average_precision(run.get(q, []), qrels[q], 1) for q in qids) / n,
        "map@5": sum(average_precision(run.get(q, []), qrels[q], 5) for q in qids) / n,
        "mrr": sum(reciprocal_rank(run.get(q, []), qrels[q]) for q in qids) / n,
    }
