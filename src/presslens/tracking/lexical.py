"""BM25 over normalised claim tokens (bm25s: sparse scipy matrices, no server).

Why bm25s: it scores a whole collection per query with one sparse product (≈ 1 ms on 14k
claims), and indexing 100k sentences takes seconds, so an index can be rebuilt when a store
is opened instead of being kept in sync on disk. bm25s has no incremental add; the store's
index (tracking.clusters) therefore keeps a small side index for claims added since the last
rebuild and merges the two score lists (see :class:`GrowingIndex`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# BM25 parameters: the usual defaults; a sweep on the CheckThat! train split (k1 0.9-1.5,
# b 0.5-0.9) moved MAP@5 by under 0.01, so they are not tuned per collection.
K1 = 1.2
B = 0.75


class LexicalIndex:
    """A static BM25 index over token lists; ``scores`` gives one score per indexed text."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> None:
        import bm25s

        self.size = len(docs)
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in doc] for doc in docs]
        # bm25s needs a non-empty vocabulary; an empty collection scores nothing
        self.vocab = vocab
        self._bm25 = None
        if vocab and self.size:
            self._bm25 = bm25s.BM25(k1=k1, b=b)
            self._bm25.index((ids, {str(k): v for k, v in vocab.items()}), show_progress=False)

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 of the query tokens against every indexed text (zeros for unknown words)."""
        if self._bm25 is None:
            return np.zeros(self.size, dtype=np.float32)
        ids = [self.vocab[t] for t in tokens if t in self.vocab]
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(ids), dtype=np.float32)

    def top(self, tokens: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best (indices, scores), best first; texts scoring 0 are left out."""
        s = self.scores(tokens)
        return top_k(s, k)


def top_k(scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices and values of the ``k`` largest positive scores, best first (stable ties)."""
    if k <= 0 or scores.size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    k = min(k, scores.size)
    idx = np.argpartition(-scores, k - 1)[:k]
    idx = idx[np.lexsort((idx, -scores[idx]))]
    idx = idx[scores[idx] > 0]
    return idx, scores[idx]
