"""Technique layer speed: the old two-encoder per-document path vs the shipped one-encoder batched
path, beside a bare onnxruntime forward pass of the same SI encoder over the same windows (the
limit of this design: the shipped path adds tokenising, decoding, the TC head and the lexical
model around that forward pass).

Usage: python bench/techniques_speed.py [--articles 20] [--rounds 3] [--threads 2]
       [--old-ref a0c334f]

Same PTC test articles for every system. The old system is the code and model files of
``--old-ref`` (the last commit with the TC encoder), unpacked from git into a temporary folder
and run in a subprocess; the rounds interleave (old, new batched, new batched with spinning
onnxruntime threads, new per document, bare, old …)
and the best round of each is kept, so machine load hits all alike; the load average is
printed. Tokens/s counts the articles' subword tokens (the same count for every system).
``--recorded`` is the old figure measured before this change (bench/README.md), printed as a
second reference.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
PTC = REPO.parent / "shared" / "data" / "semeval2020-task11-ptc"
OLD_REF = "a0c334f"  # main before the TC head (two encoders, per-document path)
RECORDED_OLD = 354  # tokens/s of the v1 per-document path, bench/README.md (20 articles)

_OLD_RUN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from presslens.layers.techniques.model import TechniqueModel
texts = json.load(open(sys.argv[2]))
model = TechniqueModel(threads=int(sys.argv[3]))
model.annotate(texts[0])
t0 = time.perf_counter()
spans = [[t.as_dict() for t in model.annotate(x)] for x in texts]
print(json.dumps({"seconds": time.perf_counter() - t0, "spans": spans}))
"""


def _unpack_old(ref: str, dest: Path) -> Path | None:
    """The old ``src/`` tree from git, or None when git or the commit is not available."""
    try:
        tar = subprocess.run(
            ["git", "archive", ref, "src/presslens"], cwd=REPO, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=tar, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return dest / "src"


def _old(src: Path, texts_file: Path, threads: int) -> tuple[float, list]:
    out = subprocess.run(
        [sys.executable, "-c", _OLD_RUN, str(src), str(texts_file), str(threads)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"HF_HUB_OFFLINE": "1"},
    ).stdout
    res = json.loads(out)
    return res["seconds"], res["spans"]


def _batched(model, texts):
    from presslens.layers.techniques.batched import annotate_many

    return [[t.as_dict() for t in doc] for doc in annotate_many(model, texts)]


def _per_doc(model, texts):
    return [[t.as_dict() for t in model.annotate(x)] for x in texts]


def _spinning(model):
    """The same model with an onnxruntime session that busy-waits, as the old sessions did:
    separates the gain of one encoder + batching from that of not spinning."""
    import copy

    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = model.si.get_session_options().intra_op_num_threads
    so.inter_op_num_threads = 1
    other = copy.copy(model)
    other.si = ort.InferenceSession(
        str(model.dir / model.config["si_model"]), so, providers=["CPUExecutionProvider"]
    )
    return other


def _bare_inputs(model, texts):
    """The exact SI windows the shipped path feeds the encoder, pre-padded in its batches."""
    from presslens.layers.techniques.batched import BATCH
    from presslens.layers.techniques.spans import batch_arrays, windows

    wins = sorted((w for x in texts for w in windows(model.tokenizer, x)), key=lambda w: len(w.ids))
    return [
        batch_arrays(wins[i : i + BATCH], model.cls_id, model.sep_id)
        for i in range(0, len(wins), BATCH)
    ]


def _bare(model, batches) -> None:
    for ids, mask in batches:
        model.si.run(
            ["logits", "hidden"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )


def _agreement(a, b) -> tuple[float, float]:
    """Share of spans (old ∪ new) with the same offsets in both, and of those the same label."""
    olds = {(i, d["start"], d["end"]): d["technique"] for i, x in enumerate(a) for d in x}
    news = {(i, d["start"], d["end"]): d["technique"] for i, x in enumerate(b) for d in x}
    same = [k for k in olds if k in news]
    n = max(1, len(olds | news))
    return len(same) / n, sum(olds[k] == news[k] for k in same) / max(1, len(same))


def main() -> None:
    from presslens.layers.techniques.model import TechniqueModel
    from presslens.semeval.t11 import read_articles

    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--old-ref", default=OLD_REF)
    args = ap.parse_args()
    if not (PTC / "test-articles").is_dir():
        print(f"skipped: {PTC} is absent")
        return
    texts = list(read_articles(PTC / "test-articles").values())[: args.articles]
    model = TechniqueModel(threads=args.threads)
    spinning = _spinning(model)
    n_tok = sum(len(model.tokenizer.encode(t, add_special_tokens=False).ids) for t in texts)
    _per_doc(model, texts[:1])  # warm-up
    bare_in = _bare_inputs(model, texts)
    tmp_dir = tempfile.TemporaryDirectory(prefix="presslens-speed-")  # removed at exit
    tmp = Path(tmp_dir.name)
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts))
    old_src = _unpack_old(args.old_ref, tmp)
    best: dict[str, float] = {}
    outs: dict[str, list] = {}
    load0 = os.getloadavg()
    for _ in range(args.rounds):
        if old_src is not None:
            secs, outs["old"] = _old(old_src, texts_file, args.threads)
            best["old"] = min(best.get("old", 1e9), secs)
        runs = (
            ("batched", _batched, model),
            ("spinning", _batched, spinning),
            ("per_doc", _per_doc, model),
            ("bare", None, model),
        )
        for name, fn, m in runs:
            t0 = time.perf_counter()
            if fn is None:
                _bare(m, bare_in)
            else:
                outs[name] = fn(m, texts)
            best[name] = min(best.get(name, 1e9), time.perf_counter() - t0)
    load1 = os.getloadavg()
    print(
        f"## Technique layer speed ({len(texts)} PTC test articles, {n_tok} subword tokens, "
        f"{args.threads} onnxruntime threads, best of {args.rounds} interleaved rounds)\n"
    )
    print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} (1-min; 2 cores)\n")
    print("| system | seconds | tokens/s | vs old (same run) | vs old (recorded 354) |")
    print("|---|---|---|---|---|")
    rows = (
        ("old", f"old: SI + TC encoder, per document ({args.old_ref})"),
        ("per_doc", "new: SI + TC head on SI states, per document"),
        ("batched", "new: same, batched across documents (shipped)"),
        ("spinning", "new: batched, but onnxruntime threads spinning (as the old session)"),
        ("bare", "bare onnxruntime SI forward, same windows (limit)"),
    )
    for name, label in rows:
        if name not in best:
            continue
        tps = n_tok / best[name]
        vs = f"{best['old'] / best[name]:.2f}×" if "old" in best else "—"
        print(f"| {label} | {best[name]:.2f} | {tps:.0f} | {vs} | {tps / RECORDED_OLD:.2f}× |")
    n_si = sum(int(m.sum()) for _i, m in bare_in)
    print(f"\nencoder input: SI {n_si} tokens in {len(bare_in)} batches; no TC encoder")
    print(f"batched path at {best['bare'] / best['batched']:.0%} of the bare forward's speed")
    if "old" in outs:
        span_ok, label_ok = _agreement(outs["old"], outs["batched"])
        print(
            f"old vs new batched: {span_ok:.1%} of spans identical (offsets), {label_ok:.1%} of "
            "those with the same label (the TC head labels differently from the TC encoder; "
            "the one-word Loaded_Language floor reads the TC score; int8 activations are "
            "quantised per batch)"
        )
    tmp_dir.cleanup()


if __name__ == "__main__":
    main()
