"""SemEval-2023 Task 3 subtask 3 (paragraph techniques, six languages) on the dev gold.

Usage: python bench/semeval2023.py [--no-baseline] [--langs en,fr,ge,it,po,ru]

Scores the shipped multilingual model (src/presslens/models/techniques-multilingual/) on every
dev paragraph with the official scorer's definition (micro- and macro-F1 over the 23 classes,
zero_division=1), beside (a) the organisers' baseline re-run here — their ``baselines/st3.py``
as published with the task: word 1–2-gram counts, one linear SVC (C=1) per technique, trained
per language on the train paragraphs that carry at least one technique — and (b) the winning
team's published dev micro-F1 (KInITVeraAI, XLM-RoBERTa large). The dev gold is read here
only: nothing was chosen on it. Needs ../shared/data/semeval2023-task3; exits 0 with a note
when it is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
DATA = REPO.parent / "shared" / "data" / "semeval2023-task3"

# KInITVeraAI (Hromadka et al., SemEval-2023), dev micro-F1, from their results tables
# (github.com/kinit-sk/semeval2023-task3-persuasion-techniques): the winner on 6 of 9 languages.
WINNER_DEV = {"en": 0.428, "fr": 0.493, "ge": 0.462, "it": 0.545, "po": 0.423, "ru": 0.457}
# The organisers' README quotes their baseline's dev score for three languages (labelled
# "Macro-F1" there, in a section copied from subtask 1; the leaderboard metric is micro-F1).
BASELINE_README = {"en": 0.16125, "it": 0.38918, "ru": 0.25316}


def organisers_baseline(train, dev, classes):
    """Their st3.py: CountVectorizer(word, 1-2) → MultiOutputClassifier(SVC linear, C=1),
    fitted on train paragraphs with ≥1 label only (their script drops the unlabelled rows)."""
    from sklearn import svm
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.multioutput import MultiOutputClassifier
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import MultiLabelBinarizer

    rows = [r for r in train if r.labels]
    mlb = MultiLabelBinarizer()
    y = mlb.fit_transform([list(r.labels) for r in rows])
    pipe = Pipeline(
        [
            ("vectorizer", CountVectorizer(ngram_range=(1, 2), analyzer="word")),
            ("svm", MultiOutputClassifier(svm.SVC(C=1, kernel="linear"), n_jobs=1)),
        ]
    )
    pipe.fit([r.text for r in rows], y)
    pred = mlb.inverse_transform(pipe.predict([r.text for r in dev]))
    return {(r.article, r.line): list(p) for r, p in zip(dev, pred, strict=True)}


def ours(model, dev, lang):
    found = model.predict([r.text for r in dev], lang)
    return {(r.article, r.line): [t for t, _ in hits] for r, hits in zip(dev, found, strict=True)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--langs", default="en,fr,ge,it,po,ru")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"SemEval-2023 data not found at {DATA}; nothing to score.")
        return 0
    from presslens.layers.techniques.multilingual.classifier import load_model
    from presslens.layers.techniques.multilingual.scorer import score
    from presslens.layers.techniques.multilingual.semeval2023 import (
        BUNDLE_LANGS,
        read_split,
        read_techniques_list,
    )

    classes = read_techniques_list(DATA)
    model = load_model()
    head = (
        "| lang | paragraphs | ours micro | ours macro | baseline micro | baseline macro "
        "| winner micro | ours/winner | ours/baseline | ours s |"
    )
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    totals = []
    for bl in args.langs.split(","):
        dev = read_split(DATA, bl, "dev")
        gold = {(r.article, r.line): list(r.labels) for r in dev}
        t0 = time.perf_counter()
        s = score(ours(model, dev, BUNDLE_LANGS[bl]), gold, classes)
        el = time.perf_counter() - t0
        if args.no_baseline:
            bmi = bma = float("nan")
        else:
            b = score(
                organisers_baseline(read_split(DATA, bl, "train"), dev, classes), gold, classes
            )
            bmi, bma = b.micro_f1, b.macro_f1
        w = WINNER_DEV[bl]
        totals.append(s.micro_f1 / w)
        print(
            f"| {BUNDLE_LANGS[bl]} | {len(dev)} | {s.micro_f1:.3f} | {s.macro_f1:.3f} "
            f"| {bmi:.3f} | {bma:.3f} | {w:.3f} | {s.micro_f1 / w:.2f}x "
            f"| {s.micro_f1 / bmi:.2f}x | {el:.1f} |",
            flush=True,
        )
    print(
        f"\nmean ours/winner (micro): {sum(totals) / len(totals):.2f}x; organisers' README "
        f"baseline dev figures: {BASELINE_README}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
