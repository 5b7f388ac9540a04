"""Persuasion techniques: cross-validated SI/TC scores beside the SemEval-2020 anchors.

Usage: python bench/techniques.py [--speed-articles N] [--threads 2]

Scores come from src/presslens/models/techniques/cv_scores.json, written by the training run
(training/techniques/evaluate_cv.py) from held-out folds of the PTC train set; they are not
recomputed here because that needs the training folds' models. Inference speed and model
size are measured live with the shipped model on the unlabelled PTC test articles (or on
repeated built-in text when ../shared is absent).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
MODEL_DIR = REPO / "src" / "presslens" / "models" / "techniques"
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc"

# SemEval-2020 Task 11 official test-set results (Da San Martino et al., 2020, task paper).
ANCHORS = {
    "SI": [("best team (Hitachi)", 0.51552), ("organisers' baseline", 0.00347)],
    "TC": [("best team (ApplicaAI)", 0.62067), ("organisers' baseline", 0.25196)],
}
TARGETS = {"SI": 0.52, "TC": 0.63}


def speed(n_articles: int, threads: int) -> dict[str, float]:
    """Words and subword tokens per second for full SI+TC annotation (the batched path;
    bench/techniques_speed.py compares it with the old two-encoder path)."""
    from presslens.layers.techniques.model import TechniqueModel
    from presslens.semeval.t11 import read_articles

    model = TechniqueModel(threads=threads)
    if (PTC / "test-articles").is_dir():
        texts = list(read_articles(PTC / "test-articles").values())[:n_articles]
    else:
        texts = ["The corrupt elites betrayed every patriot, again and again.\n" * 40] * 5
    model.annotate(texts[0][:500])  # warm-up
    n_tok = sum(len(model.tokenizer.encode(t, add_special_tokens=False).ids) for t in texts)
    n_words = sum(len(t.split()) for t in texts)
    from presslens.layers.techniques.batched import annotate_many

    t0 = time.perf_counter()
    n_found = sum(len(spans) for spans in annotate_many(model, texts))
    el = time.perf_counter() - t0
    return {
        "articles": len(texts),
        "seconds": el,
        "tokens_per_s": n_tok / el,
        "words_per_s": n_words / el,
        "spans": n_found,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--speed-articles", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    cv = json.loads((MODEL_DIR / "cv_scores.json").read_text())
    cfg = json.loads((MODEL_DIR / "config.json").read_text())
    si, tc = cv["si"], cv["tc"]
    print("## Persuasion techniques (SemEval-2020 Task 11, PTC v2 train, CV by article)\n")
    print("| task | PressLens (CV) | folds | target | anchor (official test set) |")
    print("|---|---|---|---|---|")
    print(
        f"| SI F1 | {si['f1']:.4f} (P {si['precision']:.3f}, R {si['recall']:.3f}) | "
        f"{', '.join(map(str, si['folds']))} | {TARGETS['SI']} | "
        + "; ".join(f"{n} {v:.4f}" for n, v in ANCHORS["SI"])
        + " |"
    )
    print(
        f"| TC micro-F1 | {tc['micro_f1']:.4f} | {', '.join(map(str, tc['folds']))} | "
        f"{TARGETS['TC']} | " + "; ".join(f"{n} {v:.4f}" for n, v in ANCHORS["TC"]) + " |"
    )
    print(
        f"\nTC parts: encoder alone {tc['encoder_only_f1']:.4f}, lexical alone "
        f"{tc['lexical_only_f1']}, mix weight (encoder) {tc['weight_encoder']}."
    )
    chk = cv.get("shipped_check")
    if chk:
        print(
            f"Shipped int8 model re-scored on fold {chk['fold']} (never seen by its encoders): "
            f"SI F1 {chk['si_f1_int8']:.4f}, TC micro-F1 "
            f"{chk.get('tc_ensemble_f1_int8_with_oof_lexical')} (with out-of-fold lexical), "
            f"TC encoder alone {chk['tc_encoder_only_f1_int8']:.4f}."
        )
    print("\n| technique | P | R | F1 | gold spans |\n|---|---|---|---|---|")
    for t, r in sorted(tc["per_technique"].items(), key=lambda x: -x[1]["gold"]):
        print(f"| {t} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['gold']} |")
    head = cv.get("tc_head")
    if head:
        print(
            "\n### Shipped TC head on the SI encoder's states vs the two-encoder system "
            "(PTC fold 0 half B; training/techniques/tc_head.py)\n"
        )
        print("| system | SI F1 | TC micro-F1 | TC macro-F1 | labelled F1 |\n|---|---|---|---|---|")
        for r in head["fold0_half_b"]:
            si_f1 = "—" if r["si_f1"] is None else f"{r['si_f1']:.4f}"
            lab = "—" if r["labelled_f1"] is None else f"{r['labelled_f1']:.4f}"
            print(
                f"| {r['system']} | {si_f1} | {r['tc_micro_f1']:.4f} | {r['tc_macro_f1']:.4f} "
                f"| {lab} |"
            )
        print("\nSemEval-2023 en dev, paragraph level (14 mapped labels):\n")
        print("| system | micro-F1 | macro-F1 |\n|---|---|---|")
        for r in head["semeval2023_en_dev"]:
            print(f"| {r['system']} | {r['micro_f1']:.4f} | {r['macro_f1']:.4f} |")
    keys = ("si_model", "tc_model", "tc_head", "lexical", "tokenizer")
    files = [cfg[k] for k in keys if k in cfg] + ["config.json"]
    size = sum((MODEL_DIR / f).stat().st_size for f in files)
    print(f"\nModel size: {size / 1e6:.1f} MB ({', '.join(files)})")
    if not args.no_speed:
        os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
        s = speed(args.speed_articles, args.threads)
        print(
            f"Inference (SI+TC, {args.threads} threads, {s['articles']} articles, "
            f"{s['seconds']:.1f} s): {s['tokens_per_s']:.0f} subword tokens/s, "
            f"{s['words_per_s']:.0f} words/s, {s['spans']} spans found"
        )


if __name__ == "__main__":
    main()
