"""The SemEval-2023 train split as arrays, and the fixed 5-fold split by article.

Why folds by article, dealt per language: paragraphs of one article share words and topics,
so they must never sit on both sides of a fold; dealing each language's articles separately
keeps every language in every fold (the small languages would otherwise be missing from
some). The dev split is never read here: thresholds and feature sets are chosen on these
folds only.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023
from presslens.layers.techniques.multilingual.semeval2023 import (
    BUNDLE_LANGS,
    Paragraph,
    read_split,
    read_techniques_list,
)

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SEMEVAL2023_DIR", REPO.parent / "shared/data/semeval2023-task3"))
N_FOLDS = 5
SEED = 2023


@dataclass
class Split:
    """Paragraphs of one split in bundle order (fr, ge, ... as in BUNDLE_LANGS) with labels."""

    rows: list[Paragraph]
    y: np.ndarray  # (n, 23) uint8, columns in TECHNIQUES_2023 order
    bundle_langs: list[str]  # the bundle folder of each row (for the e5 cache file names)

    @property
    def texts(self) -> list[str]:
        return [r.text for r in self.rows]

    @property
    def langs(self) -> list[str]:
        return [r.lang for r in self.rows]


def load(split: str, data: Path = DATA) -> Split:
    """Every language's paragraphs of ``split`` with a label matrix."""
    assert tuple(read_techniques_list(data)) == TECHNIQUES_2023, "scorer class list changed"
    rows: list[Paragraph] = []
    bundle: list[str] = []
    for bl in BUNDLE_LANGS:
        part = read_split(data, bl, split)
        rows.extend(part)
        bundle.extend([bl] * len(part))
    index = {t: i for i, t in enumerate(TECHNIQUES_2023)}
    y = np.zeros((len(rows), len(TECHNIQUES_2023)), dtype=np.uint8)
    for i, r in enumerate(rows):
        for t in r.labels:
            y[i, index[t]] = 1
    return Split(rows, y, bundle)


def fold_of(rows: list[Paragraph], n: int = N_FOLDS, seed: int = SEED) -> np.ndarray:
    """Fold number of each row: each language's articles shuffled with a fixed seed, dealt."""
    by_lang: dict[str, list[str]] = {}
    for r in rows:
        by_lang.setdefault(r.lang, [])
        if r.article not in by_lang[r.lang]:
            by_lang[r.lang].append(r.article)
    fold: dict[tuple[str, str], int] = {}
    for lang, ids in by_lang.items():
        ids = sorted(ids)
        random.Random(f"{seed}-{lang}").shuffle(ids)
        for i, a in enumerate(ids):
            fold[(lang, a)] = i % n
    return np.array([fold[(r.lang, r.article)] for r in rows], dtype=np.int8)
