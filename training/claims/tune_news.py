"""Re-choose the news rule's constants (presslens/layers/claims/news.py) for a new model.

Usage (runtime venv): python -m training.claims.tune_news [--half tune]

Why: the news rule moves the model's probability in logit space and labels the article's top
sentences; a new model has a different score scale, so the threshold (and possibly the
feature weights) must be chosen again. Only the tune half of bench/news-claims/ (odd-numbered
articles) is read here; the test half is for bench/news_claims.py to report once.
Objective: F1 of ``check_worthy`` + MAP of the ranking, over the tune half, among settings
whose labelled share stays at or below 40 % (the issue's ceiling for real news).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

from news_claims import analyse, average_precision, half, load_gold  # noqa: E402
from presslens.layers.claims.news import (  # noqa: E402
    DEFAULT_RULE,
    NewsRule,
    adjusted_score,
    decide,
)

GRID = {
    "threshold": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9),
    "share": (0.3, 0.35, 0.4),
    "figure": (0.5, 1.0, 1.5),
    "ceremony": (-1.0, -2.0),
    "personal": (-1.5,),
}
MAX_SHARE = 0.40


def collect(which: str) -> list[tuple[np.ndarray, list[tuple[str, float, list[str]]]]]:
    """Per article: gold flags and, per gold sentence, (text, model score, rule types)."""
    from presslens.pipeline import Pipeline

    pipe = Pipeline(layers=["quantities", "attributions", "claims"])
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for art in half(load_gold(), which):
            _, _, per = analyse(pipe, art, Path(tmp))
            rows = [
                (text, float(c.get("model_score", 0.0)), list(c.get("types", [])))
                for text, c in zip(art.sentences, per, strict=True)
            ]
            out.append((np.array(art.worthy), rows))
    return out


def evaluate(data, rule: NewsRule) -> dict[str, float]:
    gold_all, pred_all, aps = [], [], []
    for gold, rows in data:
        scores = np.array([adjusted_score(t, p, ty, rule) for t, p, ty in rows])
        pred = np.array(decide(list(scores), rule))
        gold_all.append(gold)
        pred_all.append(pred)
        aps.append(average_precision(gold, scores))
    g, p = np.concatenate(gold_all), np.concatenate(pred_all)
    tp = (g & p).sum()
    prec, rec = tp / max(p.sum(), 1), tp / max(g.sum(), 1)
    return {
        "share": float(p.mean()),
        "f1": float(2 * prec * rec / max(prec + rec, 1e-9)),
        "map": float(np.mean(aps)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--half", choices=("tune",), default="tune")
    args = ap.parse_args()
    data = collect(args.half)
    print(f"current {DEFAULT_RULE}: {evaluate(data, DEFAULT_RULE)}")
    results = []
    for values in itertools.product(*GRID.values()):
        rule = replace(DEFAULT_RULE, **dict(zip(GRID, values, strict=True)))
        m = evaluate(data, rule)
        if m["share"] <= MAX_SHARE:
            results.append((m["f1"] + m["map"], m, rule))
    results.sort(key=lambda r: -r[0])
    for score, m, rule in results[:10]:
        print(f"{score:.4f} {m} {rule}")


if __name__ == "__main__":
    main()
