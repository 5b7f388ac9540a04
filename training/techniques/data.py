"""Corpus loading and the fixed 5-fold split by article for technique training.

Why a committed split: every number in the model card must be reproducible, and articles
(not spans) are the unit so that one article's repeated phrases never sit in both train
and held-out data.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

from presslens.semeval.scorer import merge_spans
from presslens.semeval.t11 import read_articles, read_si_labels, read_tc_labels

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("PTC_DIR", REPO.parent / "shared/data/semeval2020-task11-ptc"))
FOLDS_FILE = Path(__file__).with_name("folds.json")
N_FOLDS = 5
SEED = 20200911


@dataclass
class Article:
    """One training article with its merged SI spans and its TC spans."""

    aid: str
    text: str
    si: list[tuple[int, int]] = field(default_factory=list)
    tc: list[tuple[str, int, int]] = field(default_factory=list)


def load_train(data: Path = DATA) -> dict[str, Article]:
    """Load the 371 train articles with SI and TC gold."""
    texts = read_articles(data / "train-articles")
    arts = {aid: Article(aid, t) for aid, t in texts.items()}
    si: dict[str, list[tuple[int, int]]] = {}
    for aid, s, e in read_si_labels(data / "train-task-si.labels"):
        si.setdefault(aid, []).append((s, e))
    for aid, v in si.items():
        arts[aid].si = merge_spans(v)
    for aid, t, s, e in read_tc_labels(data / "train-task-flc-tc.labels"):
        arts[aid].tc.append((t, s, e))
    return arts


def make_folds(ids: list[str], n: int = N_FOLDS, seed: int = SEED) -> list[list[str]]:
    """Shuffle article ids with a fixed seed and deal them into n folds."""
    ids = sorted(ids)
    random.Random(seed).shuffle(ids)
    return [sorted(ids[i::n]) for i in range(n)]


def load_folds() -> list[list[str]]:
    """The committed folds (article ids only)."""
    return json.loads(FOLDS_FILE.read_text())["folds"]


if __name__ == "__main__":
    arts = load_train()
    folds = make_folds(list(arts))
    FOLDS_FILE.write_text(
        json.dumps(
            {
                "about": "5-fold split of PTC v2 train articles by article id; seed "
                f"{SEED}; made by python -m training.techniques.data",
                "folds": folds,
            },
            indent=1,
        )
        + "\n"
    )
    print([len(f) for f in folds])
