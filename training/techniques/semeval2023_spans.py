"""SemEval-2023 Task 3 training spans, moved onto the PTC copy of the same article.

Why: the 371 English SemEval-2023 train articles are PTC's train articles annotated a second
time, with the 23-technique scheme. Their text differs only in line breaks (2023 joins some
PTC lines into one paragraph), so spans move across by matching the non-whitespace
characters. The second annotation is the only other English span gold the project has; SI
training on the union of both asks the tagger for what either team marked (issue 13 §1).
SemEval-2023's dev articles are never read here: they stay a test set.
"""

from __future__ import annotations

import os
from pathlib import Path

from presslens.layers.techniques.multilingual.labels import TO_2020
from presslens.layers.techniques.multilingual.spans2023 import read_gold_spans
from presslens.semeval.t11 import read_articles

REPO = Path(__file__).resolve().parents[2]
SE23 = Path(os.environ.get("SEMEVAL2023_DIR", REPO.parent / "shared/data/semeval2023-task3"))


def read_2023_spans(lang: str = "en", root: Path = SE23) -> dict[str, tuple[str, list]]:
    """Per train article id: (its 2023 text, [(technique_2023, start, end)])."""
    d = root / "data" / lang
    texts = read_articles(d / "train-articles-subtask-3")
    return {
        aid: (t, [(g.technique, g.start, g.end) for g in read_gold_spans(d, aid, len(t))])
        for aid, t in texts.items()
    }


def offset_map(src: str, dst: str) -> list[int] | None:
    """For each offset 0..len(src) of ``src``, the matching offset in ``dst``, or None when
    the two texts differ in more than whitespace (the article is then left out)."""
    out = [0] * (len(src) + 1)
    j = 0
    for i, ch in enumerate(src):
        if ch.isspace():
            out[i] = j
            if j < len(dst) and dst[j].isspace():
                j += 1
            continue
        while j < len(dst) and dst[j].isspace():
            j += 1
        if j >= len(dst) or dst[j] != ch:
            return None
        out[i] = j
        j += 1
    out[len(src)] = j
    return out


def spans_on(ptc_texts: dict[str, str], lang: str = "en") -> tuple[dict[str, list], int]:
    """2023 spans with a 2020 counterpart, moved onto the PTC texts; and the number of
    articles left out because their texts do not align."""
    moved: dict[str, list] = {}
    skipped = 0
    for aid, (text, spans) in read_2023_spans(lang).items():
        if aid not in ptc_texts:
            continue
        m = offset_map(text, ptc_texts[aid])
        if m is None:
            skipped += 1
            continue
        moved[aid] = [
            (TO_2020[t], m[s], m[e])
            for t, s, e in spans
            if t in TO_2020  # read_gold_spans cut them to the text and dropped empty ones
        ]
    return moved, skipped


def main() -> None:
    """Print how far the 2023 annotation of the PTC train articles agrees with PTC's SI gold
    (the 2023 spans scored as if they were predictions)."""
    from training.techniques.data import load_train

    from presslens.semeval.scorer import merge_spans, score_si

    arts = load_train(extra=False)
    moved, skipped = spans_on({a: x.text for a, x in arts.items()})
    gold = [(a, s, e) for a in moved for s, e in arts[a].si]
    pred = [(a, s, e) for a, sp in moved.items() for s, e in merge_spans([x[1:] for x in sp])]
    sc = score_si(gold, pred)
    print(
        f"{len(moved)} articles aligned, {skipped} not; SemEval-2023 spans as SI predictions of "
        f"PTC gold: P {sc.precision:.3f} R {sc.recall:.3f} F1 {sc.f1:.3f} "
        f"({sc.n_pred} spans against {sc.n_gold})"
    )


if __name__ == "__main__":
    main()
