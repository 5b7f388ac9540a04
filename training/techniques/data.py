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
from presslens.semeval.t11 import TECHNIQUES, read_articles, read_si_labels, read_tc_labels

REPO = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("PTC_DIR", REPO.parent / "shared/data/semeval2020-task11-ptc"))
FOLDS_FILE = Path(__file__).with_name("folds.json")
EXTRA_ENV = "PRESSLENS_TECH_EXTRA"  # exported corrections used as extra training articles
N_FOLDS = 5
SEED = 20200911


@dataclass
class Article:
    """One training article with its merged SI spans and its TC spans."""

    aid: str
    text: str
    si: list[tuple[int, int]] = field(default_factory=list)
    tc: list[tuple[str, int, int]] = field(default_factory=list)


def load_train(data: Path = DATA, *, extra: bool = True) -> dict[str, Article]:
    """Load the 371 train articles with SI and TC gold, plus the exported corrections named
    by ``PRESSLENS_TECH_EXTRA`` (folders written by ``presslens export-corrections --format
    semeval``, separated by ``os.pathsep``). Extra articles are in no fold, so they only ever
    train: CV scores stay comparable with and without them."""
    arts = _load_folder(data)
    if extra:
        for folder in filter(None, os.environ.get(EXTRA_ENV, "").split(os.pathsep)):
            for aid, art in _load_folder(Path(folder)).items():
                if aid in arts:
                    raise ValueError(f"{folder}: article {aid} is already in the training data")
                art.tc = [t for t in art.tc if t[0] in TECHNIQUES]
                arts[aid] = art
    return arts


def _load_folder(data: Path) -> dict[str, Article]:
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
    arts = load_train(extra=False)
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
