"""int8 quantisation of an encoder graph with fixed (calibrated) activation scales.

Why not onnxruntime's dynamic quantisation: a dynamically quantised MatMul scales its input by
the largest value in the whole batch, so a sentence's scores depend on the other sentences it
is batched with. Through ``Pipeline.pipe`` that gave 26 of 30 PTC articles other technique
spans than when each was analysed alone, and kept the claims encoder from batching across
documents at all (it changed 41 of 2,387 labels; ``tests/test_pipe_identity.py``). With the
scales fixed at calibration every row is quantised the same way whatever its neighbours, so
batching is a speed choice again, never a result. Only the weight MatMuls are quantised, as
dynamic quantisation did; the attention products stay fp32.
Used by ``training.techniques.quantize_static`` and the claims export.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

# Calibration methods by name: MinMax keeps every calibration value in range; Percentile
# clips the rare outliers of post-LayerNorm activations so the common values keep precision.
METHODS = ("minmax", "percentile")


def weight_matmuls(path: Path) -> tuple[list[str], list[str]]:
    """(MatMul nodes whose second input is a weight, all other MatMul nodes)."""
    import onnx

    g = onnx.load(str(path)).graph
    consts = {i.name for i in g.initializer}
    consts |= {o for n in g.node if n.op_type == "Constant" for o in n.output}
    weight, other = [], []
    for n in g.node:
        if n.op_type == "MatMul":
            (weight if n.input[1] in consts else other).append(n.name)
    return weight, other


class _Feeds:
    """The CalibrationDataReader protocol over a list of feeds."""

    def __init__(self, feeds: Iterable[dict[str, np.ndarray]]) -> None:
        self._it = iter(list(feeds))

    def get_next(self) -> dict[str, np.ndarray] | None:
        return next(self._it, None)


def same_width(feeds: list[dict[str, np.ndarray]]) -> list[dict[str, np.ndarray]]:
    """Pad every feed (mask 0) to the widest one: the percentile calibrator stacks the
    activations of all feeds, so they must share a shape."""
    width = max(f["input_ids"].shape[1] for f in feeds)
    return [{k: np.pad(v, ((0, 0), (0, width - v.shape[1]))) for k, v in f.items()} for f in feeds]


def quantize_fixed(
    fp32: Path, out: Path, feeds: Iterable[dict[str, np.ndarray]], method: str = "percentile"
) -> dict[str, Any]:
    """Write ``out``: ``fp32`` with int8 weight MatMuls and calibrated uint8 activations."""
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static

    weight, other = weight_matmuls(fp32)
    feeds = same_width(list(feeds))
    cal = {"minmax": CalibrationMethod.MinMax, "percentile": CalibrationMethod.Percentile}[method]
    quantize_static(
        str(fp32),
        str(out),
        _Feeds(feeds),
        quant_format=QuantFormat.QOperator,
        op_types_to_quantize=["MatMul"],
        nodes_to_quantize=weight,
        per_channel=True,
        activation_type=QuantType.QUInt8,
        weight_type=QuantType.QInt8,
        calibrate_method=cal,
        extra_options={"WeightSymmetric": True, "ActivationSymmetric": False},
    )
    return {"quantised": len(weight), "fp32": len(other), "method": method}


def batch_dependence(path: Path, feeds: list[dict[str, np.ndarray]], output: str) -> float:
    """Largest |difference| of one feed's first output row run alone and run in a padded batch
    with the other feeds: 0.0 means batching cannot change a result."""
    import onnxruntime as ort

    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    padded = same_width(feeds)
    batch = {k: np.concatenate([f[k] for f in padded]) for k in feeds[0]}
    together = sess.run([output], batch)[0]
    worst = 0.0
    for i, f in enumerate(feeds):
        alone = sess.run([output], f)[0][0]
        row = together[i]
        if row.ndim >= 2:  # per-token output: the padded positions are not the feed's
            row = row[: f["input_ids"].shape[1]]
        worst = max(worst, float(np.abs(alone - row).max()))
    return worst
