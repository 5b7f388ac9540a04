"""Load the two check-worthiness corpora from ../shared/data, read-only, with their fold keys.

Why fold keys live here: every number in the model card and the bench must come from the same
splits. ClaimBuster sentences carry no debate id, but ``sentence_id`` runs through the debates
in order, so contiguous id ranges approximate "by debate" folds (neighbouring sentences of one
debate stay together). CLEF-2019 is split leave-one-debate-out, as the task is scored per debate.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SHARED = Path(os.environ.get("PRESSLENS_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CLAIMBUSTER = SHARED / "data" / "claimbuster" / "two_class" / "train.json"
CLEF_DIR = SHARED / "data" / "clef2019-checkthat-task1" / "training"

N_FOLDS = 5  # ClaimBuster folds: five contiguous sentence_id ranges


@dataclass
class Corpus:
    """Sentences with binary labels (1 = check-worthy) and a group id used for folds."""

    texts: list[str]
    labels: np.ndarray
    groups: np.ndarray  # ClaimBuster: id-range fold 0..4; CLEF: debate index
    group_names: list[str]
    order: np.ndarray  # position inside its debate (CLEF) or sentence_id (ClaimBuster)


def available() -> bool:
    return CLAIMBUSTER.is_file() and CLEF_DIR.is_dir()


def load_claimbuster() -> Corpus:
    rows = json.loads(CLAIMBUSTER.read_text(encoding="utf-8"))
    rows.sort(key=lambda r: r["sentence_id"])
    n = len(rows)
    # contiguous, nearly equal id ranges -> fold number
    groups = np.array([i * N_FOLDS // n for i in range(n)])
    return Corpus(
        texts=[r["text"].strip() for r in rows],
        labels=np.array([int(r["label"]) for r in rows]),
        groups=groups,
        group_names=[f"ids-{k}" for k in range(N_FOLDS)],
        order=np.array([r["sentence_id"] for r in rows]),
    )


def load_clef() -> Corpus:
    texts: list[str] = []
    labels: list[int] = []
    groups: list[int] = []
    order: list[int] = []
    names = sorted(p.name for p in CLEF_DIR.glob("*.tsv"))
    for g, name in enumerate(names):
        with (CLEF_DIR / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 4:
                    continue
                texts.append(row[2].strip())
                labels.append(int(row[3]))
                groups.append(g)
                order.append(int(row[0]))
    return Corpus(texts, np.array(labels), np.array(groups), names, np.array(order))


def normalise(text: str) -> str:
    """Key for de-duplicating a sentence across corpora (case and spacing ignored)."""
    return " ".join(text.lower().split())
