"""The technique layer on the fictional state-media dev set (bench/state-media-techniques).

Usage: python bench/state_media_techniques.py [--layer model|final] [--json OUT]

Prints, for the tune half (sm01–sm08), the report half (sm09–sm16) and all 16 articles:
- SI P/R/F1 and TC micro-F1 on the gold spans with the project's scorer (presslens.semeval);
- "found": share of gold spans overlapped by an output span with the same label — the issue's
  measure for held-out state media ("obvious spans found with an acceptable label");
- "label precision": share of output spans that overlap a gold span of their label;
- single-word Loaded_Language spans in the output (the generic hits the issue complains of).

``--layer model`` is the layer as it was before detectors (model only, every span kept): the
"first, untuned" figures. ``--layer final`` is the shipped layer (model + detectors + rules).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
SET = REPO / "bench" / "state-media-techniques"
HALVES = {
    "tune": [f"sm{i:02d}" for i in range(1, 9)],
    "report": [f"sm{i:02d}" for i in range(9, 17)],
}


def predict(texts: dict[str, str], layer: str) -> dict[str, list[dict]]:
    """Output spans per article, lines as segments (the files hold one sentence per line)."""
    from presslens.layers.techniques.model import load_model

    model = load_model()
    out = {}
    for aid, text in texts.items():
        if layer == "model":
            out[aid] = [t.as_dict() | {"source": "model"} for t in model.annotate(text)]
        else:
            from presslens.layers.techniques.annotate import annotate_text

            out[aid] = annotate_text(model, text, None, "en", {})
    return out


def tc_on_gold(texts, gold, layer: str) -> list[tuple[str, str, int, int]]:
    """Labels for the gold spans: the model's, or (final) a detector's where one covers it."""
    from presslens.layers.techniques.model import load_model

    spans = [(aid, s, e) for aid, _t, s, e in gold]
    labels = load_model().label_template(texts, spans)
    if layer != "model":
        from presslens.layers.techniques.annotate import relabel_with_detectors

        labels = relabel_with_detectors(texts, spans, labels, "en")
    return [(aid, lab, s, e) for (aid, s, e), lab in zip(spans, labels, strict=True)]


def figures(ids, texts, gold, gold_si, preds, tc_pred) -> dict[str, float]:
    from presslens.semeval.scorer import score_si, score_tc

    ids = set(ids)
    g = [x for x in gold if x[0] in ids]
    si = score_si(
        [x for x in gold_si if x[0] in ids],
        [(a, p["start"], p["end"]) for a in ids for p in preds[a]],
    )
    tc = score_tc(g, [x for x in tc_pred if x[0] in ids])
    found = sum(
        any(p["technique"] == t and p["start"] < e and s < p["end"] for p in preds[a])
        for a, t, s, e in g
    )
    out = [(a, p) for a in ids for p in preds[a]]
    ok = sum(
        any(
            a == ga and p["technique"] == t and p["start"] < e and s < p["end"] for ga, t, s, e in g
        )
        for a, p in out
    )
    one_word_ll = sum(
        p["technique"] == "Loaded_Language" and len(texts[a][p["start"] : p["end"]].split()) == 1
        for a, p in out
    )
    return {
        "articles": len(ids),
        "gold": len(g),
        "si_p": si.precision,
        "si_r": si.recall,
        "si_f1": si.f1,
        "tc_micro_f1": tc.f1,
        "found": found / max(1, len(g)),
        "label_precision": ok / max(1, len(out)),
        "output_spans": len(out),
        "single_word_ll": one_word_ll,
    }


def main() -> None:
    from presslens.semeval.t11 import read_articles, read_si_labels, read_tc_labels

    ap = argparse.ArgumentParser()
    ap.add_argument("--layer", choices=("model", "final"), default="final")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    texts = read_articles(SET / "articles")
    gold = read_tc_labels(SET / "gold-tc.labels")
    gold_si = read_si_labels(SET / "gold-si.labels")
    preds = predict(texts, args.layer)
    tc_pred = tc_on_gold(texts, gold, args.layer)
    res = {
        name: figures(ids, texts, gold, gold_si, preds, tc_pred)
        for name, ids in [*HALVES.items(), ("all", sorted(texts))]
    }
    print(f"## State-media dev set, layer = {args.layer}\n")
    print(
        "| half | gold | SI P | SI R | SI F1 | TC micro-F1 | found (label ok) | label precision "
        "| output spans | single-word LL |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in res.items():
        print(
            f"| {name} | {r['gold']} | {r['si_p']:.3f} | {r['si_r']:.3f} | {r['si_f1']:.3f} | "
            f"{r['tc_micro_f1']:.3f} | {r['found']:.3f} | {r['label_precision']:.3f} | "
            f"{r['output_spans']} | {r['single_word_ll']} |"
        )
    if args.json:
        args.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
