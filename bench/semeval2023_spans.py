"""Sentence spans of the multilingual technique model vs whole paragraphs, on train folds.

Usage: python bench/semeval2023_spans.py [--cache /tmp/presslens-mlspans-oof]

SemEval-2023 subtask 3 ships character spans for the train split only (dev has paragraph
labels), so this scores on the committed 5-fold article split of train: for each fold, the
paragraph heads and the sentence heads are fitted on the other four folds, the paragraph
cuts and the sentence cut are chosen on the other four folds' out-of-fold rows, and the fold's
paragraphs are labelled with the paragraph model's rule. Then, per language, three span sets
for the same paragraph decisions: **ours** (the sentences ``pick_sentences`` keeps, scored by
the sentence heads), **paragraph heads on sentences** (the same rule with the paragraph heads
scoring the sentences: no extra model), and the **baseline** (each labelled paragraph emitted
whole). Scores: SemEval-2020 partial-overlap SI (any label) and the same formula counted
between spans of one technique only (``training/multilingual/span_eval.py``). The first run
fits 10 head sets (about 20 minutes on a shared core, cached per fold in ``--cache``); later
runs take a minute. Needs ../shared/data/semeval2023-task3; exits 0 with a note when absent.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))
DATA = REPO.parent / "shared" / "data" / "semeval2023-task3"
LANGS = ("en", "fr", "de", "it", "pl", "ru")
TARGET = ("fr", "de", "it", "pl", "ru")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/presslens-mlspans-oof"))
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"SemEval-2023 data not found at {DATA}; nothing to score.")
        return 0
    from training.multilingual.oof_sentences import features, load_oof, run_fold
    from training.multilingual.sentence_cuts import choose_cut
    from training.multilingual.sentence_data import load_sentences
    from training.multilingual.span_eval import (
        nested_paragraph_predictions,
        paragraph_spans,
        score_spans,
        sentence_rows,
        sentence_spans,
    )

    ss = load_sentences(DATA)
    args.cache.mkdir(parents=True, exist_ok=True)
    folds = sorted(int(k) for k in np.unique(ss.folds))
    missing = [k for k in folds if not (args.cache / f"fold{k}.npz").exists()]
    if missing:
        xp, xs = features(ss)
        for k in missing:
            run_fold(ss, xp, xs, k, args.cache / f"fold{k}.npz")
    oof = load_oof(ss, args.cache)
    pred = nested_paragraph_predictions(ss, oof["pp"])
    by_par = sentence_rows(ss)
    every = np.arange(len(ss.paragraphs))
    spans: dict[str, list] = {"ours": [], "par_heads": [], "baseline": []}
    chosen: dict[str, list[float]] = {"ours": [], "par_heads": []}
    for k in folds:
        rows, others = every[ss.folds == k], every[ss.folds != k]
        for name, probs in (("ours", oof["ps"]), ("par_heads", oof["ps_par"])):
            cut = choose_cut(ss, pred, probs, others, by_par)
            chosen[name].append(cut)
            cuts = np.full(pred.shape[1], cut, dtype=np.float32)
            spans[name] += sentence_spans(ss, pred, probs, cuts, rows, by_par)
        spans["baseline"] += paragraph_spans(ss, pred, rows)
    print(f"sentence cut chosen per fold: ours {chosen['ours']}, par_heads {chosen['par_heads']}")
    head = (
        "| lang | articles | gold spans | ours tech P / R / F1 | baseline tech P / R / F1 "
        "| ours/baseline tech F1 | par-heads tech F1 | ours SI F1 | baseline SI F1 "
        "| ours/baseline SI F1 | spans ours / baseline |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for group in (*[(lg,) for lg in LANGS], TARGET):
        rows = [i for i in every if ss.paragraphs[i].lang in group]
        pick = {name: [s for s in v if s[0] in group] for name, v in spans.items()}
        sc = {name: score_spans(ss, v, rows) for name, v in pick.items()}
        o, b, h = sc["ours"], sc["baseline"], sc["par_heads"]
        arts = len({ss.paragraphs[i].article for i in rows})
        print(
            f"| {'+'.join(group) if len(group) > 1 else group[0]} | {arts} | {o.tech.n_gold} "
            f"| {o.tech.precision:.3f} / {o.tech.recall:.3f} / {o.tech.f1:.3f} "
            f"| {b.tech.precision:.3f} / {b.tech.recall:.3f} / {b.tech.f1:.3f} "
            f"| {o.tech.f1 / b.tech.f1:.2f}x | {h.tech.f1:.3f} "
            f"| {o.si.f1:.3f} | {b.si.f1:.3f} | {o.si.f1 / b.si.f1:.2f}x "
            f"| {len(pick['ours'])} / {len(pick['baseline'])} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
