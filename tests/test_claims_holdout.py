"""The held-out splits every check-worthiness comparison uses (training/claims/holdout.py).

Why test them: the model card's figures are only honest if the report rows never reach
training or validation. Needs ../shared/data (ClaimBuster, CLEF-2019); skips without it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from training.claims import holdout  # noqa: E402
from training.claims.data import available, load_claimbuster, normalise  # noqa: E402


def test_debate_map_is_the_mean_of_per_debate_ap() -> None:
    labels = np.array([1, 0, 0, 1, 0, 0])
    scores = np.array([0.9, 0.1, 0.2, 0.1, 0.8, 0.7])
    debates = np.array([0, 0, 0, 1, 1, 1])
    assert holdout.debate_map(labels, scores, debates) == pytest.approx((1.0 + 1 / 3) / 2)


@pytest.mark.skipif(not available(), reason="../shared/data absent")
def test_claimbuster_blocks_are_contiguous_and_disjoint() -> None:
    corpus = load_claimbuster()
    parts = holdout.claimbuster_split(corpus)
    sizes = [len(parts[k].texts) for k in holdout.SPLITS]
    assert sum(sizes) == len(corpus.texts)
    # in id order: train, then val, then report — one cut each, no interleaving
    assert parts["train"].texts + parts["val"].texts + parts["report"].texts == corpus.texts
    assert abs(sizes[2] / sum(sizes) - (1 - holdout.CB_VAL_END)) < 0.01
    train = {normalise(t) for t in parts["train"].texts}
    leaked = [t for t in parts["report"].texts if normalise(t) in train]
    assert len(leaked) <= 3  # short stock phrases only (one today)


@pytest.mark.skipif(not available(), reason="../shared/data absent")
def test_clef_split_keeps_whole_debates_apart() -> None:
    parts = holdout.clef_split()
    debates = {k: set(parts[k].debates.tolist()) for k in holdout.SPLITS}
    assert len(debates["report"]) == len(holdout.CLEF_REPORT)
    assert len(debates["val"]) == len(holdout.CLEF_VAL)
    assert not (debates["train"] & debates["val"]) and not (debates["train"] & debates["report"])
    assert not (debates["val"] & debates["report"])
    assert all(parts[k].labels.sum() > 0 for k in holdout.SPLITS)
