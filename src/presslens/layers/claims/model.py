"""The check-worthiness model: a fine-tuned MiniLM sentence classifier run as int8 ONNX, and
the static embedder the claims family shares.

Why an encoder and not the linear model it replaced: on the same held-out splits the
fine-tuned encoder beats TF-IDF + LR clearly, where the linear model over hashed n-grams, hand
features and static embeddings (:mod:`presslens.layers.claims.linear`, now training-only) did
not (src/presslens/models/claims/README.md has the table and the command).
Why ONNX int8 + tokenizers: both are runtime dependencies already (the techniques layer runs
the same encoder family), so no torch at run time; one session per process, kept by the
Pipeline's Models, and one sentence per call (``BATCH``), so nothing is padded and no
sentence's score depends on the sentences beside it.
The static embedder (model2vec, distilled from the same encoder) is not used for scoring any
more; contradictions and tracking share it under :data:`EMBEDDER_KEY`.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import ModelError
from presslens.resources import model_dir as packaged_model_dir

MODEL_DIR = packaged_model_dir("claims")
# Folder holding checkworthy.json (+ the files it names) and static-minilm/, when not the
# packaged one.
ENV_MODEL_DIR = "PRESSLENS_CLAIMS_MODEL"
CONFIG_FILE = "checkworthy.json"
CONFIG_KEYS = ("model", "tokenizer", "max_len", "calibration", "threshold")
EMBEDDER_DIR = "static-minilm"  # model2vec static model distilled from all-MiniLM-L6-v2
LABELS = ("non_factual", "unimportant_factual", "check_worthy")
# Sentences per ONNX call: one. Why: the int8 graph quantises each MatMul input with one scale
# for the whole call (its largest value), so a sentence scored beside others got another score
# than alone (up to 0.14 logits; 41 of 2,387 labels changed when 16 articles shared batches).
# Alone, a sentence's score depends on nothing else, and on one thread it is no slower: 64
# sentences took 0.267 s one by one, 0.278 s in length-sorted batches of 8 and 0.75 s as one
# padded batch (training/onnx_quant.py's measurements, bench/README.md "Batch independence").
BATCH = 1

# Keys in a Pipeline's Models (claims and contradictions share the embedder).
EMBEDDER_KEY = "claims.embedder"
SCORER_KEY = "claims.scorer"


def model_dir() -> Path:
    """The model folder: $PRESSLENS_CLAIMS_MODEL, else the packaged models/claims."""
    return Path(os.environ.get(ENV_MODEL_DIR) or MODEL_DIR)


def default_threads() -> int:
    """onnxruntime threads: 1 in a worker process (the pool already uses the cores), else 0
    (one per core); the same rule as the techniques layer, measured there."""
    return 1 if multiprocessing.parent_process() is not None else 0


class CheckworthyScorer:
    """P(check-worthy) for sentences, plus the three-way label; thread-safe after loading."""

    def __init__(self, folder: Path | None = None, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.dir = folder or model_dir()
        cfg_path = self.dir / CONFIG_FILE
        if not cfg_path.is_file():
            raise ModelError(f"claims model missing: {cfg_path} (run `make train-claims`)")
        try:
            self.meta: dict[str, Any] = json.loads(cfg_path.read_text(encoding="utf-8"))
        except ValueError as e:
            raise ModelError(f"claims model config unreadable: {cfg_path}: {e}") from None
        missing = [k for k in CONFIG_KEYS if k not in self.meta]
        if missing:
            raise ModelError(f"claims model config {cfg_path} lacks {', '.join(missing)}")
        for key in ("model", "tokenizer"):
            if not (self.dir / self.meta[key]).is_file():
                raise ModelError(f"claims model file missing: {self.dir / self.meta[key]}")
        tok = Tokenizer.from_file(str(self.dir / self.meta["tokenizer"]))
        tok.no_padding()
        tok.enable_truncation(int(self.meta["max_len"]))
        self.tokenizer = tok
        so = ort.SessionOptions()
        n = default_threads() if threads is None else threads
        if n:
            so.intra_op_num_threads = n
        so.inter_op_num_threads = 1
        # Idle intra-op threads sleep instead of spinning: on the shared 2-core machine spinning
        # halved sentences per CPU-second (102 vs 198 on examples/) and cost wall time too.
        so.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(
            str(self.dir / self.meta["model"]), so, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self.session.get_inputs()}
        # Platt scaling fitted on validation logits (see the model card)
        a, b = self.meta["calibration"]
        self.calibration: tuple[float, float] = (float(a), float(b))
        self.threshold = float(self.meta["threshold"])
        self.sha256 = self._digest()

    def _digest(self) -> str:
        """sha256 over the network, the tokenizer and the config: what scored the sentence."""
        h = hashlib.sha256()
        for name in (self.meta["model"], self.meta["tokenizer"], CONFIG_FILE):
            h.update((self.dir / name).read_bytes())
        return h.hexdigest()

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Raw classifier logits, one sentence per call (see BATCH)."""
        return onnx_logits(self.session, self.tokenizer, texts, self._inputs)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """P(check-worthy) per sentence (empty strings score 0); each sentence on its own."""
        texts = list(texts)
        p = np.zeros(len(texts), dtype=np.float32)
        live = [i for i, t in enumerate(texts) if t.strip()]
        if live:
            a, b = self.calibration
            z = self.logits([texts[i] for i in live])
            p[live] = 1.0 / (1.0 + np.exp(-(a * z + b)))
        return p

    def label(self, p: float, factual: bool) -> str:
        """Three-way label: the model decides check-worthy; a rule splits the rest (see card)."""
        if p >= self.threshold:
            return "check_worthy"
        return "unimportant_factual" if factual else "non_factual"


def load_scorer(folder: Path | None = None, threads: int | None = None) -> CheckworthyScorer:
    """Load the shipped scorer (not cached: a Pipeline's Models keeps it)."""
    return CheckworthyScorer(folder, threads)


class StaticEmbedder:
    """Mean-pooled static token embeddings (model2vec), L2-normalised; fast and torch-free."""

    def __init__(self, path: Path) -> None:
        from model2vec import StaticModel

        self.model = StaticModel.from_pretrained(str(path), force_download=False)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        emb = np.asarray(self.model.encode(list(texts), batch_size=1024), dtype=np.float32)
        norms = np.linalg.norm(emb, axis=1, keepdims=True)
        norms[norms == 0] = 1
        return emb / norms


# Key of the static embedder in a Pipeline's Models (claims and contradictions share it).
EMBEDDER_KEY = "claims.embedder"
SCORER_KEY = "claims.scorer"


def load_embedder(folder: Path | None = None) -> StaticEmbedder:
    """Load the static embedding model (not cached: a Pipeline's Models keeps it)."""
    path = (folder or model_dir()) / EMBEDDER_DIR
    if not path.is_dir():
        raise ModelError(f"static embedding model missing: {path}")
    return StaticEmbedder(path)


def onnx_logits(session: Any, tokenizer: Any, texts: Sequence[str], inputs: set[str]) -> np.ndarray:
    """One logit per text from a sentence-classifier ONNX session, BATCH texts per call (one as
    shipped; a larger BATCH sorts by length and pads per call, which bench/batch_independence.py
    measures as the peer). Shared by the scorer and the export script that calibrates the int8
    model, so both feed it alike."""
    enc = [e.ids for e in tokenizer.encode_batch(list(texts))]
    out = np.zeros(len(enc), dtype=np.float32)
    order = np.argsort([len(e) for e in enc], kind="stable")
    for b in range(0, len(order), BATCH):
        idx = order[b : b + BATCH]
        width = max(len(enc[i]) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, i in enumerate(idx):
            ids[row, : len(enc[i])] = enc[i]
            mask[row, : len(enc[i])] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        feed = {k: v for k, v in feed.items() if k in inputs}
        out[idx] = session.run(None, feed)[0].reshape(-1)
    return out
