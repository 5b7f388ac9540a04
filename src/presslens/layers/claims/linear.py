"""The previous check-worthiness model's features: hashed TF-IDF n-grams + hand features +
static embeddings, for a logistic regression.

Why it is kept: it no longer scores sentences at run time (the fine-tuned encoder in
:mod:`presslens.layers.claims.model` does), but training/claims/compare.py refits this recipe
on the same splits in every comparison run, so the table of the model card stays
reproducible. Plain numpy/scipy/scikit-learn (HashingVectorizer), no pickle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from presslens.errors import PressLensError
from presslens.layers.claims.features import hand_features, hashers


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
