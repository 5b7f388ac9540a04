"""Paragraph features for the multilingual heads: character n-gram TF-IDF + a language one-hot.

Why character n-grams: they are the one text representation that works the same in the six
languages without a tokenizer or a model download, and they catch the inflected forms of the
loaded words that carry most techniques (Russian and Polish inflect heavily). Why scikit-learn
at run time with a shipped vocabulary and idf (not a pickle): pickles break across versions,
while ``TfidfVectorizer(vocabulary=...)`` with ``idf_`` set reproduces the training-time
transform exactly from two plain arrays. The language one-hot lets one pooled linear head keep
a per-language prior (English paragraphs carry far fewer techniques than French ones).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

# The languages of the training data, in the order of the one-hot columns.
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "it", "pl", "ru")

# TfidfVectorizer settings shared by training and run time (stored in the model's config).
DEFAULT_TFIDF: dict[str, Any] = {
    "analyzer": "char_wb",  # n-grams inside word boundaries: no cross-word noise
    "ngram_range": [2, 4],
    "lowercase": True,
    "sublinear_tf": True,  # a word repeated in one paragraph should not dominate it
    "dtype": "float32",
}


def make_vectorizer(
    params: dict[str, Any], vocabulary: Sequence[str] | None = None
) -> TfidfVectorizer:
    """A TfidfVectorizer from the stored settings (and a fixed vocabulary at run time)."""
    kw = dict(params)
    kw["ngram_range"] = tuple(kw["ngram_range"])
    kw["dtype"] = np.dtype(kw.get("dtype", "float32")).type
    for k in ("min_df", "max_features"):
        if vocabulary is not None:
            kw.pop(k, None)
    if vocabulary is not None:
        kw["vocabulary"] = {t: i for i, t in enumerate(vocabulary)}
    return TfidfVectorizer(**kw)


def language_onehot(languages: Sequence[str]) -> sp.csr_matrix:
    """One column per training language; a language outside them gets an all-zero row."""
    rows, cols = [], []
    for i, lang in enumerate(languages):
        if lang in LANGUAGES:
            rows.append(i)
            cols.append(LANGUAGES.index(lang))
    data = np.ones(len(rows), dtype=np.float32)
    return sp.csr_matrix((data, (rows, cols)), shape=(len(languages), len(LANGUAGES)))


@dataclass
class Featurizer:
    """Text + language → the sparse row the heads read (TF-IDF columns, then the one-hot)."""

    vectorizer: TfidfVectorizer

    @classmethod
    def from_arrays(cls, params: dict[str, Any], vocab: np.ndarray, idf: np.ndarray) -> Featurizer:
        """Rebuild the training-time transform from the shipped vocabulary and idf."""
        vec = make_vectorizer(params, [str(t) for t in vocab])
        vec.idf_ = np.asarray(idf, dtype=np.float64)
        return cls(vec)

    @property
    def n_features(self) -> int:
        return len(self.vectorizer.vocabulary_) + len(LANGUAGES)

    def transform(self, texts: Sequence[str], languages: Sequence[str]) -> sp.csr_matrix:
        """Feature rows for paragraphs ``texts`` written in ``languages``."""
        tfidf = self.vectorizer.transform(list(texts))
        return sp.hstack([tfidf, language_onehot(languages)], format="csr", dtype=np.float32)
