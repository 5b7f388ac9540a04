"""The check-worthiness scorer: hashed TF-IDF n-grams + hand features + static embeddings → LR.

Why this shape: a linear model over stateless features ships as a few numpy arrays in one
``.npz`` (no pickle, no torch) and scores thousands of sentences per second on one core, which
the CLI promises. Training (training/claims/) fits the arrays with the same :func:`featurise`
used here, so the two cannot disagree.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from presslens.errors import PressLensError
from presslens.layers.claims.features import hand_features, hashers
from presslens.resources import model_dir as packaged_model_dir

MODEL_DIR = packaged_model_dir("claims")
# Folder holding checkworthiness.npz and static-minilm/ when not running from a checkout.
ENV_MODEL_DIR = "PRESSLENS_CLAIMS_MODEL"
MODEL_FILE = "checkworthiness.npz"
EMBEDDER_DIR = "static-minilm"  # model2vec static model distilled from all-MiniLM-L6-v2

LABELS = ("non_factual", "unimportant_factual", "check_worthy")


@dataclass
class FeatureParams:
    """Everything fitted on training data that the features need (all plain arrays)."""

    idf: list[np.ndarray]  # one idf vector per hashed n-gram space
    hand_mean: np.ndarray
    hand_std: np.ndarray
    use_embeddings: bool
    context: bool  # append neighbour-sentence embeddings (previous and next)


def ngram_counts(texts: Sequence[str]) -> list[sp.csr_matrix]:
    """Raw hashed n-gram counts, one matrix per n-gram space."""
    return [h.transform(texts).tocsr() for h in hashers()]


def fit_idf(counts: sp.csr_matrix) -> np.ndarray:
    """Smoothed idf, as scikit-learn's TfidfTransformer(smooth_idf=True) computes it."""
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    return (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)


def _tfidf(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    x = counts.copy()
    x.data = np.log1p(x.data)  # sublinear tf: a repeated word is not ten times the evidence
    x = x @ sp.diags(idf)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sp.csr_matrix(sp.diags(1 / norms) @ x)


def neighbours(emb: np.ndarray, doc_ids: Sequence[Any] | None) -> np.ndarray:
    """[previous, next] sentence embeddings inside the same document (zeros at the edges)."""
    prev = np.zeros_like(emb)
    nxt = np.zeros_like(emb)
    if len(emb) > 1:
        prev[1:] = emb[:-1]
        nxt[:-1] = emb[1:]
        if doc_ids is not None:
            ids = np.asarray(doc_ids)
            same_prev = np.r_[False, ids[1:] == ids[:-1]]
            same_next = np.r_[ids[:-1] == ids[1:], False]
            prev[~same_prev] = 0
            nxt[~same_next] = 0
    else:
        prev[:] = 0
        nxt[:] = 0
    return np.hstack([prev, nxt])


def featurise(
    texts: Sequence[str],
    params: FeatureParams,
    embed: Any | None = None,
    counts: list[sp.csr_matrix] | None = None,
    emb: np.ndarray | None = None,
    doc_ids: Sequence[Any] | None = None,
) -> sp.csr_matrix:
    """The full feature matrix; ``counts``/``emb`` may be passed in when already computed."""
    counts = counts if counts is not None else ngram_counts(texts)
    blocks: list[Any] = [_tfidf(c, idf) for c, idf in zip(counts, params.idf, strict=True)]
    hand = (hand_features(texts) - params.hand_mean) / params.hand_std
    blocks.append(sp.csr_matrix(hand))
    if params.use_embeddings:
        if emb is None:
            if embed is None:
                raise PressLensError("the claims model needs its static embedding model")
            emb = embed(texts)
        blocks.append(sp.csr_matrix(emb))
        if params.context:
            blocks.append(sp.csr_matrix(0.5 * neighbours(emb, doc_ids)))
    return sp.hstack(blocks, format="csr")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


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


def model_dir() -> Path:
    """The model folder: $PRESSLENS_CLAIMS_MODEL, else models/claims in the checkout."""
    return Path(os.environ.get(ENV_MODEL_DIR) or MODEL_DIR)


# Key of the static embedder in a Pipeline's Models (claims and contradictions share it).
EMBEDDER_KEY = "claims.embedder"
SCORER_KEY = "claims.scorer"


def load_embedder(folder: Path | None = None) -> StaticEmbedder:
    """Load the static embedding model (not cached: a Pipeline's Models keeps it)."""
    path = (folder or model_dir()) / EMBEDDER_DIR
    if not path.is_dir():
        raise PressLensError(f"static embedding model missing: {path}")
    return StaticEmbedder(path)


class ClaimScorer:
    """P(check-worthy) for sentences, plus the three-way label the claims layer reports."""

    def __init__(self, path: Path, embed: StaticEmbedder | None = None) -> None:
        if not path.is_file():
            raise PressLensError(f"claims model missing: {path} (run `make train-claims`)")
        self.path = path
        self.sha256 = _sha256(path)
        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            self.params = FeatureParams(
                idf=[z["idf_word"].astype(np.float32), z["idf_char"].astype(np.float32)],
                hand_mean=z["hand_mean"],
                hand_std=z["hand_std"],
                use_embeddings=bool(meta["use_embeddings"]),
                context=bool(meta["context"]),
            )
            self.coef = z["coef"].astype(np.float32)
            self.intercept = float(z["intercept"])
        self.meta = meta
        self.threshold = float(meta["threshold"])
        # Platt scaling fitted on out-of-fold ClaimBuster scores (see models/claims/README.md)
        self.calibration = tuple(meta.get("calibration", (1.0, 0.0)))
        if self.params.use_embeddings and embed is None:
            embed = load_embedder(path.parent)
        self.embed = embed if self.params.use_embeddings else None

    def score(self, texts: Sequence[str], doc_ids: Sequence[Any] | None = None) -> np.ndarray:
        """P(check-worthy) per sentence; empty strings score 0. Neighbours give context."""
        texts = list(texts)
        if not texts:
            return np.zeros(0, dtype=np.float32)
        x = featurise(texts, self.params, self.embed, doc_ids=doc_ids)
        z = x @ self.coef + self.intercept
        a, b = self.calibration
        p = 1.0 / (1.0 + np.exp(-(a * z + b)))
        empty = np.array([not t.strip() for t in texts])
        p[empty] = 0.0
        return p.astype(np.float32)

    def label(self, p: float, factual: bool) -> str:
        """Three-way label: the model decides check-worthy; a rule splits the rest (see card)."""
        if p >= self.threshold:
            return "check_worthy"
        return "unimportant_factual" if factual else "non_factual"


def load_scorer(path: Path | None = None, embed: StaticEmbedder | None = None) -> ClaimScorer:
    """Load the shipped scorer (not cached: a Pipeline's Models keeps it); ``embed``: an
    already loaded static embedder to share."""
    return ClaimScorer(path or model_dir() / MODEL_FILE, embed)
