"""The TC head reads the SI encoder's hidden states: span pooling, and the shipped files agree."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from presslens.layers.techniques.tcinput import span_vector

REPO = Path(__file__).resolve().parents[1]
MODEL_DIR = REPO / "src" / "presslens" / "models" / "techniques"
needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "config.json").is_file(), reason="technique model files are absent"
)


def _window(first_char: int, n: int, dim: int, base: float):
    """n one-character tokens from ``first_char``; token i's state is filled with base + i."""
    starts = np.arange(first_char, first_char + n)
    hidden = np.repeat((base + np.arange(n, dtype=np.float32))[:, None], dim, axis=1)
    return starts, starts + 1, hidden


def test_span_vector_pools_span_tokens_edges_and_sentence() -> None:
    dim = 3
    s1, e1, h1 = _window(0, 10, dim, 0.0)  # sentence 1: chars 0-9, states 0..9
    s2, e2, h2 = _window(20, 5, dim, 100.0)  # sentence 2: chars 20-24, states 100..104
    v = span_vector([s1, s2], [e1, e2], [h1, h2], 2, 5, dim)  # tokens 2, 3, 4 of sentence 1
    mean, first, last, ctx = v.reshape(4, dim)[:, 0]
    assert (mean, first, last) == (3.0, 2.0, 4.0)
    assert ctx == pytest.approx(4.5)  # sentence 1 only: the other window is not context


def test_span_vector_across_windows_and_outside_all() -> None:
    dim = 2
    s1, e1, h1 = _window(0, 4, dim, 0.0)
    s2, e2, h2 = _window(4, 4, dim, 10.0)  # a long sentence cut into two windows
    v = span_vector([s1, s2], [e1, e2], [h1, h2], 3, 6, dim).reshape(4, dim)[:, 0]
    assert list(v[:3]) == [pytest.approx((3 + 10 + 11) / 3), 3.0, 11.0]
    assert not span_vector([s1], [e1], [h1], 50, 60, dim).any()  # no token: zeros
    assert span_vector([], [], [], 0, 3, dim).shape == (4 * dim,)


@needs_model
def test_shipped_model_has_one_encoder_and_a_head_of_its_width() -> None:
    import json

    from presslens.layers.techniques.model import TechniqueModel

    cfg = json.loads((MODEL_DIR / "config.json").read_text())
    assert "tc_model" not in cfg and not (MODEL_DIR / "tc.int8.onnx").exists()
    model = TechniqueModel(threads=1)
    assert {o.name for o in model.si.get_outputs()} >= {"logits", "hidden"}
    assert model.head_coef.shape == (len(model.techniques), 4 * model.hidden_size)
    text = "The corrupt elites betrayed every patriot.\nIs it really about security?\n"
    probs = model.classify(text, [(4, 18), (43, 48)])
    assert probs.shape == (2, 14) and np.allclose(probs.sum(1), 1.0, atol=1e-4)
    assert set(cfg["tc_min_score"]) <= set(model.techniques)


def test_si_hidden_keeps_logits(tmp_path: Path) -> None:
    """Exposing the hidden states adds an output and changes no logit (needs ``onnx``)."""
    pytest.importorskip("onnx")
    if not (MODEL_DIR / "si.int8.onnx").is_file():
        pytest.skip("SI model absent")
    from training.techniques.si_hidden import add_hidden_output, check_same_logits

    out = tmp_path / "si.onnx"
    add_hidden_output(MODEL_DIR / "si.int8.onnx", out)  # already has it: copied unchanged
    assert check_same_logits(MODEL_DIR / "si.int8.onnx", out) == 0.0
