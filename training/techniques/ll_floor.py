"""Choose the one-word Loaded_Language floor on PTC fold 0 (half A), report on half B.

Usage: python -m training.techniques.ll_floor [--cache PRED.json] [--compare-batched]

``--compare-batched`` also runs the cross-document batched path (presslens.layers.techniques.
batched) on all of fold 0 and prints both paths' SI and labelled F1 with no floor: the check
that batching did not change the scores.

Why fold 0: the shipped encoders never saw it (they were trained on folds 1–4), and no
out-of-fold predictions of the shipped model are saved, so the shipped int8 model is run on
fold 0 here. Its articles (sorted by id) alternate into half A, where the floor is chosen,
and half B, where it is only reported. Caveat: the shipped lexical TC model was fitted on all
371 articles, fold 0 included, so the TC scores it mixes in are optimistic on fold 0.

Measures: SI P/R/F1 (the task's partial overlap) and "labelled" SI F1 — the same formula
counted per technique (a predicted span earns credit only on gold spans of its label), which
is what dropping a wrongly-labelled span can improve. TC on gold spans does not depend on the
floor (the template gives the spans).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from training.techniques.data import load_folds, load_train

from presslens.layers.techniques.combine import drop_generic_loaded
from presslens.semeval.scorer import score_si

GRID = [0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 1.01]


def predict(texts: dict[str, str]) -> dict[str, list[dict]]:
    """Shipped-model spans per article, lines as segments (PTC: one sentence per line)."""
    from presslens.layers.techniques.model import load_model

    model = load_model()
    return {
        aid: [t.as_dict() | {"source": "model"} for t in model.annotate(text)]
        for aid, text in texts.items()
    }


def figures(ids, texts, gold, preds, floor: float) -> dict[str, float]:
    si_gold, si_pred, lab_gold, lab_pred = [], [], [], []
    for aid in ids:
        kept = drop_generic_loaded(preds[aid], texts[aid], floor)
        si_pred += [(aid, p["start"], p["end"]) for p in kept]
        lab_pred += [(f"{aid}|{p['technique']}", p["start"], p["end"]) for p in kept]
        si_gold += [(aid, s, e) for _t, s, e in gold[aid]]
        lab_gold += [(f"{aid}|{t}", s, e) for t, s, e in gold[aid]]
    si = score_si(si_gold, si_pred)
    lab = score_si(lab_gold, lab_pred)
    one = sum(
        p["technique"] == "Loaded_Language" and len(texts[a][p["start"] : p["end"]].split()) == 1
        for a in ids
        for p in drop_generic_loaded(preds[a], texts[a], floor)
    )
    return {
        "floor": floor,
        "si_p": si.precision,
        "si_r": si.recall,
        "si_f1": si.f1,
        "labelled_f1": lab.f1,
        "labelled_p": lab.precision,
        "spans": si.n_pred,
        "one_word_ll": one,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/presslens-fold0-pred.json"))
    ap.add_argument("--compare-batched", action="store_true")
    args = ap.parse_args()
    arts = load_train()
    ids = sorted(load_folds()[0])
    texts = {a: arts[a].text for a in ids}
    gold = {a: list(arts[a].tc) for a in ids}
    if args.cache.is_file():
        preds = json.loads(args.cache.read_text())
    else:
        preds = predict(texts)
        args.cache.write_text(json.dumps(preds))
    half_a, half_b = ids[::2], ids[1::2]
    rows_a = [figures(half_a, texts, gold, preds, f) for f in GRID]
    best = max(rows_a, key=lambda r: (round(r["labelled_f1"], 4), r["si_f1"]))
    print("| half | floor | SI P | SI R | SI F1 | labelled P | labelled F1 | spans | one-word LL |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows_a:
        mark = " (chosen)" if r is best else ""
        print(
            f"| A (choose) | {r['floor']}{mark} | {r['si_p']:.4f} | {r['si_r']:.4f} | "
            f"{r['si_f1']:.4f} | {r['labelled_p']:.4f} | {r['labelled_f1']:.4f} | {r['spans']} | "
            f"{r['one_word_ll']} |"
        )
    for f in (0.0, best["floor"]):
        r = figures(half_b, texts, gold, preds, f)
        print(
            f"| B (report) | {f} | {r['si_p']:.4f} | {r['si_r']:.4f} | {r['si_f1']:.4f} | "
            f"{r['labelled_p']:.4f} | {r['labelled_f1']:.4f} | {r['spans']} | {r['one_word_ll']} |"
        )
    print(f"\nchosen floor: {best['floor']}")
    if args.compare_batched:
        from presslens.layers.techniques.batched import annotate_many
        from presslens.layers.techniques.model import load_model

        found = annotate_many(load_model(), [texts[a] for a in ids])
        new = {a: [t.as_dict() for t in f] for a, f in zip(ids, found, strict=True)}
        print("\n| fold 0, no floor | SI P | SI R | SI F1 | labelled F1 | spans |")
        print("|---|---|---|---|---|---|")
        for name, p in (("per document (before)", preds), ("batched (after)", new)):
            r = figures(ids, texts, gold, p, 0.0)
            print(
                f"| {name} | {r['si_p']:.4f} | {r['si_r']:.4f} | {r['si_f1']:.4f} | "
                f"{r['labelled_f1']:.4f} | {r['spans']} |"
            )


if __name__ == "__main__":
    main()
