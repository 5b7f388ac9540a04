"""Sentence features of the linear check-worthiness recipe (:mod:`.linear`), which the
comparison in training/claims/compare.py refits; the shipped scorer is the fine-tuned encoder.

Why hashing instead of a fitted vocabulary: the n-gram featuriser then has no state besides
its parameters, the shipped model is plain arrays (no pickle), and training and run time
cannot drift apart. Hand features are regular expressions, not spaCy, because the CLI must
score thousands of sentences per second; each pattern says what check-worthy signal it carries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import HashingVectorizer

# Hashed n-gram spaces. Word 1-2 grams catch topical words ("unemployment", "tax cut"); char
# 2-5 grams inside word boundaries catch morphology and numbers ("%", ",000", "-ed").
WORD_HASH = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "n_features": 2**18,
    "token_pattern": r"(?u)\b\w+\b|[%$]",
}
CHAR_HASH = {"analyzer": "char_wb", "ngram_range": (2, 5), "n_features": 2**19}


def hashers() -> list[HashingVectorizer]:
    """The two hashed n-gram featurisers (raw counts; idf is applied by the model)."""
    common = {"alternate_sign": False, "norm": None, "lowercase": True, "dtype": np.float32}
    return [HashingVectorizer(**WORD_HASH, **common), HashingVectorizer(**CHAR_HASH, **common)]


# Hand features: (name, pattern). Each is counted (case-insensitive) and log-scaled.
HAND_PATTERNS: tuple[tuple[str, str], ...] = (
    # figures are the core of most checkable claims
    ("number", r"\b\d[\d,.]*\b"),
    ("percent", r"%|\bper ?cent\b|\bpercentage\b"),
    ("money", r"[$€£]\s?\d|\bdollars?\b|\bbudget\b|\btax(es)?\b"),
    ("magnitude", r"\b(hundred|thousand|million|billion|trillion|dozens?)\b"),
    ("year", r"\b(19|20)\d\d\b"),
    # comparisons and trends are claims about the world that can be looked up
    (
        "comparative",
        r"\b(more|less|fewer|higher|lower|larger|smaller|most|least|"
        r"than|increase[ds]?|decrease[ds]?|doubled?|tripled?|rose|fell|cut)\b",
    ),
    # past-tense factual verbs: "voted", "passed", "was", "did"
    ("past", r"\b(was|were|did|had|voted|passed|signed|said|created|lost|spent)\b"),
    # first/second person and opinion cues lean towards non-factual talk
    ("first_person", r"\b(i|me|my|i'm|i've|i'll)\b"),
    ("we", r"\b(we|our|us|we're|we've)\b"),
    ("you", r"\b(you|your|you're)\b"),
    ("opinion", r"\b(think|believe|feel|hope|want|love|great|wonderful|terrible|should)\b"),
    ("future", r"\b(will|going to|gonna|would|plan to)\b"),
    ("thanks", r"\b(thank|thanks|applause|welcome|laughter|crosstalk)\b"),
    ("negation", r"\b(not|never|no|n't)\b|n't\b"),
)
_COMPILED = [(name, re.compile(p, re.IGNORECASE)) for name, p in HAND_PATTERNS]
# Capitalised words not at the sentence start: a cheap stand-in for named entities.
_CAPITALISED = re.compile(r"(?<=[\w,;:] )[A-Z][a-z]+")
_WORD = re.compile(r"\w+")

HAND_NAMES: tuple[str, ...] = tuple(n for n, _ in HAND_PATTERNS) + (
    "entities",
    "question",
    "length",
    "short",
)


def hand_features(texts: Sequence[str]) -> np.ndarray:
    """Dense hand features, one row per sentence, all on a log or 0/1 scale."""
    out = np.zeros((len(texts), len(HAND_NAMES)), dtype=np.float32)
    k = len(_COMPILED)
    for i, text in enumerate(texts):
        for j, (_, rx) in enumerate(_COMPILED):
            out[i, j] = len(rx.findall(text))
        n_words = len(_WORD.findall(text))
        out[i, k] = len(_CAPITALISED.findall(text))
        out[i, k + 1] = text.rstrip().endswith("?")
        out[i, k + 2] = n_words
        out[i, k + 3] = n_words < 6  # greetings, interjections, fragments
    out[:, : k + 1] = np.log1p(out[:, : k + 1])
    out[:, k + 2] = np.log1p(out[:, k + 2])
    return out
