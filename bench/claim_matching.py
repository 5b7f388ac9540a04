"""Claim matching benchmark: CheckThat! 2021 Task 2A (English tweets → Snopes fact-checks).

    .venv/bin/python bench/claim_matching.py                 # dev: re-ranker beside plain BM25
    .venv/bin/python bench/claim_matching.py --fit           # refit the re-ranker on TRAIN
                                                             # (C chosen by 5-fold CV on train),
                                                             # write models/tracking/matcher.json
    .venv/bin/python bench/claim_matching.py --write-readme  # also replace the bench/README section

The re-ranker's weights and its regularisation are chosen on the train split only; dev is
scored once, beside BM25 over the same normalised claim + title tokens in the same run. The
test split is kept back from us. Data: ../shared/data/claim-matching (skips when absent).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "claim-matching" / "clef2021-checkthat-task2a-english"
README = REPO / "bench" / "README.md"
SECTION = "## Claim matching"
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
NOTES = """
Notes: dev was scored three times in all — the first re-ranker (BM25 top 30 + embedding top 20
candidates, 19 features) scored MAP@5 0.925; the candidate lists were then widened because
train recall (0.928 → 0.952) and train CV (0.865 → 0.872) said so (dev 0.933), then three
rank/overlap features were added because train CV said so (0.872 → 0.876) — never because of dev. Our BM25 drops stop words and
reads figures/dates by value; the data card's plain BM25 (no stop-word removal) scored 0.851 on
dev. Test (kept back) target: MAP@5 ≥ 0.90; the best published 2021 system was near 0.88.
"""
FOLDS = 5


def load() -> tuple:
    from presslens.tracking.factchecks import read_factchecks, read_qrels, read_queries

    queries = {q.id: q for q in read_queries(DATA / "tweets-train-dev.tsv")}
    qrels_train = read_qrels(DATA / "qrels-train.tsv")
    qrels_dev = read_qrels(DATA / "qrels-dev.tsv")
    factchecks = read_factchecks(DATA / "vclaims.tar.gz")
    return queries, qrels_train, qrels_dev, factchecks


def candidate_sets(matcher, queries: list) -> list:
    from presslens.tracking.matcher import clean_query

    embs = matcher.embed([clean_query(q.text).text for q in queries])
    return [matcher.candidates(q, embs[i]) for i, q in enumerate(queries)]


def labels_of(matcher, cands, relevant: set[str]) -> np.ndarray:
    return np.array([matcher.factchecks[i].id in relevant for i in cands.idx], dtype=np.int8)


def map5(matcher, cand_list, qids, qrels, score_fn) -> float:
    from presslens.tracking.metrics import evaluate

    run = {}
    for qid, c in zip(qids, cand_list, strict=True):
        s = score_fn(c.x)
        order = np.argsort(-s, kind="stable")[:5]
        run[qid] = [matcher.factchecks[c.idx[j]].id for j in order]
    return evaluate(run, {q: qrels[q] for q in qids})["map@5"]


def fit(x: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    from presslens.tracking.matcher import Weights

    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std == 0] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    lr.fit((x - mean) / std, y)
    return Weights(mean, std, lr.coef_[0].astype(np.float32), float(lr.intercept_[0]), {})


def cross_validate(matcher, cands, qids, qrels) -> dict[float, float]:
    """Mean MAP@5 over query folds of train, per C (folds by query, contiguous ids)."""
    folds = np.array_split(np.arange(len(qids)), FOLDS)
    ys = [labels_of(matcher, c, qrels[q]) for c, q in zip(cands, qids, strict=True)]
    out = {}
    for c_value in C_GRID:
        scores = []
        for fold in folds:
            held = set(fold.tolist())
            tr = [i for i in range(len(qids)) if i not in held]
            w = fit(
                np.vstack([cands[i].x for i in tr]), np.concatenate([ys[i] for i in tr]), c_value
            )
            scores.append(
                map5(matcher, [cands[i] for i in fold], [qids[i] for i in fold], qrels, w.score)
            )
        out[c_value] = float(np.mean(scores))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fit", action="store_true", help="refit the re-ranker on train")
    ap.add_argument(
        "--cv-only", action="store_true", help="with --fit: print train CV only (no dev, no write)"
    )
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"claim-matching data absent ({DATA}): skipped")
        return 0
    sys.path.insert(0, str(REPO / "src"))
    from presslens.tracking.matcher import FEATURES, Matcher, load_weights, weights_path
    from presslens.tracking.metrics import evaluate

    queries, qrels_train, qrels_dev, factchecks = load()
    t0 = time.process_time()
    matcher = Matcher(factchecks)
    build_s = time.process_time() - t0
    lines = []
    train_ids = [q for q in qrels_train if q in queries]
    if args.fit:
        cands = candidate_sets(matcher, [queries[q] for q in train_ids])
        recall = np.mean(
            [
                labels_of(matcher, c, qrels_train[q]).any()
                for c, q in zip(cands, train_ids, strict=True)
            ]
        )
        cv = cross_validate(matcher, cands, train_ids, qrels_train)
        best_c = max(cv, key=lambda c: cv[c])
        if args.cv_only:
            print(f"train recall {recall:.4f}; CV MAP@5 {cv}")
            return 0
        ys = [labels_of(matcher, c, qrels_train[q]) for c, q in zip(cands, train_ids, strict=True)]
        w = fit(np.vstack([c.x for c in cands]), np.concatenate(ys), best_c)
        w.meta = {
            "fitted_on": "CLEF-2021 CheckThat! Task 2A English, train split only",
            "C": best_c,
            "cv_map5": {str(k): round(v, 4) for k, v in cv.items()},
            "candidate_recall_train": round(float(recall), 4),
        }
        path = weights_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(w.to_json() + "\n", encoding="utf-8")
        lines.append(
            f"Fitted on train: candidate recall {recall:.3f}; 5-fold CV MAP@5 by C: "
            + ", ".join(f"{k:g}: {v:.4f}" for k, v in cv.items())
            + f" → C = {best_c:g}\n"
        )
        load_weights.cache_clear()
    weights = load_weights()
    matcher.weights = weights

    dev_ids = [q for q in qrels_dev if q in queries]
    dev_queries = [queries[q] for q in dev_ids]
    # CPU time, not wall time: the machine is shared, and CPU seconds are what a query costs
    t0 = time.process_time()
    bm25_run = {q.id: [cid for cid, _ in matcher.bm25(q, 5)] for q in dev_queries}
    bm25_s = (time.process_time() - t0) / len(dev_queries)
    t0 = time.process_time()
    ranked = matcher.rank_many(dev_queries, 5)
    ours_s = (time.process_time() - t0) / len(dev_queries)
    ours_run = {q.id: [cid for cid, _ in r] for q, r in zip(dev_queries, ranked, strict=True)}
    base = evaluate(bm25_run, qrels_dev)
    ours = evaluate(ours_run, qrels_dev)

    lines.append(
        f"Dev split: {len(dev_ids)} queries against {len(factchecks):,} fact-checks "
        f"(index + embeddings built in {build_s:.1f} CPU s; times are CPU time).\n"
    )
    lines.append("| system | MAP@5 | MAP@1 | MRR | CPU ms / query |")
    lines.append("|---|---|---|---|---|")
    lines.append(
        f"| BM25 (normalised claim + title) | {base['map@5']:.4f} | {base['map@1']:.4f} | "
        f"{base['mrr']:.4f} | {bm25_s * 1000:.1f} |"
    )
    lines.append(
        f"| PressLens re-ranker | **{ours['map@5']:.4f}** | {ours['map@1']:.4f} | "
        f"{ours['mrr']:.4f} | {ours_s * 1000:.1f} |"
    )
    lines.append(
        f"\nRatio MAP@5 PressLens / BM25: **{ours['map@5'] / max(base['map@5'], 1e-9):.3f}**. "
        f"Re-ranker: logistic regression over {len(FEATURES)} features, C = "
        f"{weights.meta.get('C')} (chosen by 5-fold CV on train: "
        f"{weights.meta.get('cv_map5')}); candidate recall on train "
        f"{weights.meta.get('candidate_recall_train')}."
    )
    table = "\n".join(lines) + "\n" + NOTES
    print(table)
    if args.write_readme:
        write_section(table)
    return 0


def write_section(table: str) -> None:
    body = (
        f"{SECTION}\n\nCommand: `.venv/bin/python bench/claim_matching.py` "
        "(`--fit` refits the re-ranker on train first).\n\n" + table
    )
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: body + "\n", text)
    else:
        text = text.rstrip("\n") + "\n\n" + body
    README.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
