"""The packaged check-worthiness model: loading, ONNX output against stored references,
batching, calibration and the label rule, and one scorer per Pipeline.

Sentences are fictional. The reference logits (tests/data/claims/onnx_reference.json) are
written by ``training.claims.export`` from the same weights as the packaged file, so a
changed tokenizer, padding or batching path shows up here as a number, not as a vague drop.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from presslens.context import Models
from presslens.errors import ModelError
from presslens.layers.claims.model import (
    CONFIG_FILE,
    MODEL_DIR,
    SCORER_KEY,
    CheckworthyScorer,
    load_scorer,
)
from presslens.layers.registry import components
from presslens.settings import Settings

REFERENCE = Path(__file__).parent / "data" / "claims" / "onnx_reference.json"
# int8 vs the same int8 file, each sentence on its own call (as the scorer runs it): only
# float summation order may differ
SAME_MODEL_TOL = 1e-3
# the same sentence alone vs among others: the scorer runs one sentence per call, so the
# dynamic int8 activation scale is the sentence's own and neighbours cannot move a logit
BATCH_TOL = 1e-6
# int8 vs the torch fp32 model it was quantised from (dynamic quantisation error, in logits)
QUANTISATION_TOL = 0.5


@pytest.fixture(scope="module")
def scorer() -> CheckworthyScorer:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return load_scorer(threads=1)


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_model_loads_from_the_package(scorer: CheckworthyScorer) -> None:
    assert scorer.dir == MODEL_DIR and (MODEL_DIR / CONFIG_FILE).is_file()
    assert (MODEL_DIR / scorer.meta["model"]).suffix == ".onnx"
    assert len(scorer.sha256) == 64 and int(scorer.sha256, 16) >= 0
    assert 0 < scorer.threshold < 1 and len(scorer.calibration) == 2


def test_onnx_matches_stored_reference(scorer: CheckworthyScorer, reference: dict) -> None:
    got = scorer.logits(reference["sentences"])
    assert np.allclose(got, reference["onnx_int8_logits"], atol=SAME_MODEL_TOL), got
    assert np.allclose(got, reference["torch_fp32_logits"], atol=QUANTISATION_TOL), got


def test_batching_does_not_change_a_score(scorer: CheckworthyScorer, reference: dict) -> None:
    sentences = reference["sentences"]
    alone = np.array([scorer.logits([s])[0] for s in sentences])
    long_one = "The ministry said " + "that the figures for the northern ports " * 12 + "rose."
    batched = scorer.logits([long_one, *sentences])[1:]  # scored beside a long sentence
    assert np.allclose(alone, batched, atol=BATCH_TOL)
    assert (np.argsort(alone) == np.argsort(batched)).all()  # the order does not move


def test_checkworthy_sentence_outranks_greeting(scorer: CheckworthyScorer) -> None:
    p = scorer.score(
        [
            "The Marlow council spent $12 million on road repairs last year, twice its budget.",
            "Thank you all for coming tonight.",
        ]
    )
    assert p[0] > p[1]
    assert p[0] >= scorer.threshold > p[1]


def test_calibration_is_monotone_and_empty_scores_zero(scorer: CheckworthyScorer) -> None:
    texts = ["Taxes rose 4 percent.", "", "Hello.", "   "]
    z = scorer.logits([t for t in texts if t.strip()])
    p = scorer.score(texts)
    assert p[1] == 0 and p[3] == 0
    assert (z[0] > z[1]) == (p[0] > p[2])  # Platt scaling keeps the order (a > 0)
    assert scorer.calibration[0] > 0


def test_label_follows_threshold_then_factual_rule(scorer: CheckworthyScorer) -> None:
    t = scorer.threshold
    assert scorer.label(t, factual=False) == "check_worthy"
    assert scorer.label(min(1.0, t + 0.01), factual=True) == "check_worthy"
    assert scorer.label(t - 1e-6, factual=True) == "unimportant_factual"
    assert scorer.label(t - 1e-6, factual=False) == "non_factual"


def test_missing_model_is_one_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="claims model missing"):
        load_scorer(tmp_path)
    config = tmp_path / CONFIG_FILE
    config.write_text(json.dumps({"model": "absent.onnx", "tokenizer": "tokenizer.json"}))
    with pytest.raises(ModelError, match="lacks max_len, calibration, threshold"):
        load_scorer(tmp_path)
    meta = {"model": "absent.onnx", "tokenizer": "t.json", "max_len": 64}
    config.write_text(json.dumps({**meta, "calibration": [1, 0], "threshold": 0.5}))
    with pytest.raises(ModelError, match="absent.onnx"):
        load_scorer(tmp_path)


def test_pipeline_loads_one_scorer_and_no_static_embedder() -> None:
    models = Models()
    spec = components()["presslens.claims.v1"]
    first = spec.factory(Settings(), models)
    second = spec.factory(Settings(), models)
    assert first.model == second.model  # provenance: the model's sha256
    assert models.loaded() == [SCORER_KEY]
