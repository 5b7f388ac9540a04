"""Measure every named state-media detector's precision on gold spans; write precision.json.

Usage: python training/techniques/measure_detectors.py

Gold: PTC v2 train (SemEval-2020 labels, English) and the SemEval-2023 Task 3 train spans
(English, French, Russian — the languages with detector words and spans), their 23 labels
mapped onto the 14 SemEval-2020 labels as in ../shared/data/semeval2023-task3/SOURCE.md. A
detector hit is correct when it overlaps a gold span of its own label (the task's
partial-overlap spirit). The registry (presslens.layers.techniques.detectors) ships a detector
in a language when that language's gold (≥ 5 hits) or else the pooled gold (≥ 1 hit) gives it
precision ≥ 0.5; a rule no gold ever fires on ships as "unmeasured". About 2 min.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "src"))

from presslens.layers.techniques.multilingual.labels import TO_2020  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
PTC = SHARED / "semeval2020-task11-ptc"
SE23 = SHARED / "semeval2023-task3" / "data"

# SemEval-2023 label → SemEval-2020 label: the one mapping the multilingual model ships with.
MAP_2023 = TO_2020
CORPUS_LANG = {
    "ptc-train": "en",
    "semeval2023-en": "en",
    "semeval2023-fr": "fr",
    "semeval2023-ru": "ru",
}
# Where the detectors have words (Persian and Arabic have no span gold anywhere here).
LANGS_2023 = {"en": "en", "fr": "fr", "ru": "ru"}


def corpora():
    """Yield (corpus name, language, {id: text}, {id: [(label, start, end)]})."""
    from presslens.layers.techniques.multilingual.spans2023 import read_gold_spans
    from presslens.semeval.t11 import read_articles, read_tc_labels

    if PTC.is_dir():
        texts = read_articles(PTC / "train-articles")
        gold = defaultdict(list)
        for aid, lab, s, e in read_tc_labels(PTC / "train-task-flc-tc.labels"):
            gold[aid].append((lab, s, e))
        yield "ptc-train", "en", texts, gold
    for folder, lang in LANGS_2023.items():
        d = SE23 / folder
        if not d.is_dir():
            continue
        texts = read_articles(d / "train-articles-subtask-3")
        gold = defaultdict(list)
        for aid, text in texts.items():
            for g in read_gold_spans(d, aid, len(text)):
                if g.technique in MAP_2023:
                    gold[aid].append((MAP_2023[g.technique], g.start, g.end))
        yield f"semeval2023-{folder}", lang, texts, gold


def main() -> None:
    from presslens.layers.techniques.detectors import ALL, MIN_HITS, MIN_PRECISION

    per: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    # note: min_hits / min_precision come from the registry so the gate has one definition
    examples: dict[str, list[str]] = defaultdict(list)
    for corpus, lang, texts, gold in corpora():
        for name, det in ALL.items():
            if lang not in det.patterns:
                continue
            hits = ok = 0
            for aid, text in texts.items():
                g = [(s, e) for lab, s, e in gold.get(aid, ()) if lab == det.technique]
                for s, e in det.find(text, lang):
                    hits += 1
                    good = any(s < ge and gs < e for gs, ge in g)
                    ok += good
                    if not good and len(examples[name]) < 3:
                        examples[name].append(f"{corpus}: {text[s:e][:80]}")
            per[name][corpus] = {"hits": hits, "correct": ok}
    table = {}
    from presslens.layers.techniques.detectors import _judge

    for name in ALL:
        hits = sum(c["hits"] for c in per[name].values())
        ok = sum(c["correct"] for c in per[name].values())
        langs: dict[str, dict[str, int]] = defaultdict(lambda: {"hits": 0, "correct": 0})
        for corpus, c in per[name].items():
            lang = CORPUS_LANG[corpus]
            langs[lang]["hits"] += c["hits"]
            langs[lang]["correct"] += c["correct"]
        p = ok / hits if hits else None
        pooled = _judge({"hits": hits, "correct": ok}, min_hits=1)
        ships, basis = {}, {}
        for lang in ALL[name].languages:
            own = _judge(langs.get(lang))
            verdict = own or pooled or (True, 0.5)
            ships[lang] = verdict[0]
            # which gold decided: the language's own (≥ MIN_HITS hits), the pooled, or none
            basis[lang] = "own" if own else "pooled" if pooled else "unmeasured"
        table[name] = {
            "technique": ALL[name].technique,
            "hits": hits,
            "correct": ok,
            "precision": round(p, 4) if p is not None else None,
            "ships": ships,
            "basis": basis,
            "why": ALL[name].why,
            "languages": dict(langs),
            "per_corpus": per[name],
            "false_positives_seen": examples[name],
        }
    out = REPO / "src" / "presslens" / "layers" / "techniques" / "detectors" / "precision.json"
    doc = {
        "gate": {"min_precision": MIN_PRECISION, "min_hits": MIN_HITS},
        "gold": "PTC v2 train + SemEval-2023 train spans (en, fr, ru), labels mapped to 2020",
        "detectors": table,
    }
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("# Named detectors: precision on the PTC and SemEval-2023 gold\n")
    print("Command: `.venv/bin/python training/techniques/measure_detectors.py` (writes")
    print("`src/presslens/layers/techniques/detectors/precision.json`). A hit is correct when it")
    print(
        "overlaps a gold span of the detector's label. PTC train and SemEval-2023 en are the same"
    )
    print(
        "371 articles annotated twice, so English hits count twice. Ships: *own* = the language's"
    )
    print(
        f"gold (≥ {MIN_HITS} hits) decided, *pooled* = all languages' gold decided, *unmeasured* = no"
    )
    print(f"gold hit anywhere (ships with score 0.5). Gate: precision ≥ {MIN_PRECISION}.\n")
    print(
        "| detector | technique | why | hits | correct | precision | ships (per language) | per corpus (correct/hits) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, r in table.items():
        pc = ", ".join(f"{c} {v['correct']}/{v['hits']}" for c, v in r["per_corpus"].items())
        prec = "—" if r["precision"] is None else f"{r['precision']:.3f}"
        ships = ", ".join(
            f"{k}: " + ("yes" if v else "NO") + f" ({r['basis'][k]})" for k, v in r["ships"].items()
        )
        print(
            f"| {name} | {r['technique']} | {r['why']} | {r['hits']} | {r['correct']} | {prec} "
            f"| {ships} | {pc} |"
        )
    print("\nFalse positives seen (first three per detector):\n")
    for name, r in table.items():
        if r["false_positives_seen"]:
            print(f"- {name}: " + "; ".join(r["false_positives_seen"]))


if __name__ == "__main__":
    main()
