"""Export a fine-tuned MiniLM (token or sequence classifier) to ONNX, then int8.

Usage: python -m training.techniques.export_onnx MODEL_DIR OUT.onnx [--int8 OUT.int8.onnx]

Uses the dynamo exporter: the legacy one gives wrong outputs once the sequence length
changes (see LIBRARIES.md). Checks onnxruntime against torch on varied shapes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("model_dir", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--int8", type=Path, default=None)
    args = ap.parse_args()
    torch.set_num_threads(1)
    from transformers import (
        AutoConfig,
        AutoModelForSequenceClassification,
        AutoModelForTokenClassification,
    )

    cfg = AutoConfig.from_pretrained(args.model_dir)
    arch = (cfg.architectures or [""])[0]
    cls = (
        AutoModelForTokenClassification
        if "TokenClassification" in arch
        else AutoModelForSequenceClassification
    )
    model = cls.from_pretrained(args.model_dir).eval()

    class Wrap(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).logits

    w = Wrap(model)
    ids = torch.randint(1000, 2000, (2, 17))
    mask = torch.ones_like(ids)
    types = torch.zeros_like(ids)
    b = torch.export.Dim("batch")
    s = torch.export.Dim("seq", max=512)
    dyn = {
        "input_ids": {0: b, 1: s},
        "attention_mask": {0: b, 1: s},
        "token_type_ids": {0: b, 1: s},
    }
    torch.onnx.export(
        w,
        (ids, mask, types),
        str(args.out),
        dynamo=True,
        input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["logits"],
        dynamic_shapes=dyn,
        external_data=False,
    )
    import onnxruntime as ort

    sess = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    qsess = None
    if args.int8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(
            str(args.out), str(args.int8), weight_type=QuantType.QInt8, per_channel=True
        )
        qsess = ort.InferenceSession(str(args.int8), providers=["CPUExecutionProvider"])
    for bsz, n in ((1, 5), (3, 40), (4, 128)):
        ids = torch.randint(1000, 20000, (bsz, n))
        mask = torch.ones_like(ids)
        mask[0, n // 2 :] = 0 if n > 2 else 1
        types = torch.zeros_like(ids)
        with torch.inference_mode():
            ref = w(ids, mask, types).numpy()
        feed = {
            "input_ids": ids.numpy(),
            "attention_mask": mask.numpy(),
            "token_type_ids": types.numpy(),
        }
        got = sess.run(None, feed)[0]
        msg = f"shape {bsz}x{n}: fp32 max diff {np.abs(got - ref).max():.2e}"
        if qsess:
            q = qsess.run(None, feed)[0]
            msg += f", int8 max diff {np.abs(q - ref).max():.3f}"
        print(msg)


if __name__ == "__main__":
    main()
