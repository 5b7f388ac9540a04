"""Expose the SI tagger's last hidden states as a second ONNX output (no retraining).

Usage: python -m training.techniques.si_hidden [SI.int8.onnx] [--out OUT.onnx]

Why: the TC head (training/techniques/tc_head.py) classifies each span from the SI encoder's
own token vectors, so the SI forward pass that finds the spans also yields what labels them,
and the second (TC) encoder is no longer run. The fine-tuned SI checkpoint is not kept in the
repository, so instead of re-exporting, the existing int8 graph is edited: the final
LayerNormalization of the last transformer layer (the input of the classifier MatMul) becomes
the graph output ``hidden`` [batch, seq, 384]. The logits are untouched (checked below on
random input), so SI scores cannot change. Needs the ``onnx`` package (``train`` extra).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

HIDDEN = "hidden"


def classifier_input(graph) -> str:
    """Name of the tensor the classifier head reads: the LayerNorm feeding the last MatMul
    (in the int8 graph: the input of the DynamicQuantizeLinear in front of it)."""
    producer = {o: n for n in graph.node for o in n.output}
    norms = [n for n in graph.node if n.op_type == "LayerNormalization"]
    if not norms:
        raise SystemExit("no LayerNormalization node: not a BERT-style graph")
    last = norms[-1].output[0]
    # sanity: nothing after it but the classifier (quantise → MatMulInteger → scale → bias)
    tail = [n for n in graph.node if n.op_type == "LayerNormalization" or last in n.input]
    if producer[last].op_type != "LayerNormalization" or len(tail) < 2:
        raise SystemExit(f"unexpected graph tail after {last}")
    return last


def add_hidden_output(src: Path, dst: Path) -> str:
    """Write ``dst``: ``src`` with the final hidden states as output ``hidden``."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(src))
    g = model.graph
    if any(o.name == HIDDEN for o in g.output):
        onnx.save(model, str(dst))
        return HIDDEN
    name = classifier_input(g)
    # rename via an Identity so the output has a stable name whatever the exporter called it
    g.node.append(helper.make_node("Identity", [name], [HIDDEN], name="expose_hidden"))
    g.output.append(
        helper.make_tensor_value_info(HIDDEN, TensorProto.FLOAT, ["batch", "seq", "hidden_size"])
    )
    onnx.checker.check_model(model)
    onnx.save(model, str(dst))
    return name


def check_same_logits(old: Path, new: Path) -> float:
    """Largest |logit difference| between the two graphs on random batches."""
    import onnxruntime as ort

    a = ort.InferenceSession(str(old), providers=["CPUExecutionProvider"])
    b = ort.InferenceSession(str(new), providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    worst = 0.0
    for n, t in ((1, 9), (3, 40), (5, 128)):
        ids = rng.integers(1000, 20000, (n, t)).astype(np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if any(i.name == "token_type_ids" for i in a.get_inputs()):
            feed["token_type_ids"] = np.zeros_like(ids)
        la = a.run(["logits"], feed)[0]
        lb, hb = b.run(["logits", HIDDEN], feed)
        assert hb.shape[:2] == (n, t), hb.shape
        worst = max(worst, float(np.abs(la - lb).max()))
    return worst


def main() -> None:
    ap = argparse.ArgumentParser()
    default = Path("src/presslens/models/techniques/si.int8.onnx")
    ap.add_argument("src", type=Path, nargs="?", default=default)
    ap.add_argument("--out", type=Path, default=None, help="default: overwrite SRC")
    args = ap.parse_args()
    out = args.out or args.src
    tmp = out.with_suffix(".tmp.onnx")
    name = add_hidden_output(args.src, tmp)
    diff = check_same_logits(args.src, tmp)
    if diff > 1e-5:
        tmp.unlink()
        raise SystemExit(f"{args.src}: logits changed by {diff} after adding the output")
    tmp.replace(out)
    print(f"{out}: output '{HIDDEN}' = {name}; logits unchanged (max |diff| {diff:.2e})")


if __name__ == "__main__":
    main()
