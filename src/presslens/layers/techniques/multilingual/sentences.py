"""Which sentences of a labelled paragraph carry its technique: the span view of the model.

Why a rule on top of the paragraph decision, not a sentence-level detector: the paragraph
heads decide *whether* a paragraph carries a technique (that decision and its dev score stay
as they were); the sentence heads, trained on the train split's character spans, only choose
*where* inside that paragraph. So every labelled paragraph gets its best-scoring sentence —
a label is never left without a place — plus any other sentence whose score reaches the
technique's sentence cut (chosen on out-of-fold train spans; a paragraph often carries the
same technique in two sentences).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens.errors import ModelError

# Files of the model directory holding the sentence heads (optional: see load_sentence_heads).
SENTENCE_HEADS = "sentence_heads.npz"
SENTENCE_CUTS = "sentence_cuts.json"


def pick_sentences(scores: np.ndarray, cut: float) -> list[int]:
    """Indices (ascending) of the sentences to emit for one (paragraph, technique).

    ``scores`` holds the sentence head's probability for each sentence of the paragraph;
    the best one is always kept, the others when they reach ``cut``.
    """
    if len(scores) == 0:
        return []
    best = int(np.argmax(scores))
    return sorted({best, *np.flatnonzero(scores >= cut).tolist()})


class SentenceIndex:
    """A document's sentences sorted by start, to find those inside a paragraph by bisection
    (a long page has thousands of both: a scan per paragraph would be quadratic)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted((s, e) for s, e in spans if e > s)
        self.starts = [s for s, _ in self.spans]

    def inside(self, start: int, end: int) -> list[tuple[int, int]]:
        """The sentences lying inside the paragraph ``[start, end)``, in text order.

        Why inside only: a sentence layer built from other paragraph bounds could straddle
        two paragraphs; a span that leaves its labelled paragraph would claim words the
        paragraph model never scored.
        """
        out = []
        i = bisect_left(self.starts, start)
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] <= end:
                out.append(self.spans[i])
            i += 1
        return out


@dataclass(frozen=True)
class SentenceHeads:
    """One logistic head per 2023 technique scoring single sentences, on the paragraph
    featuriser's columns (same vocabulary and idf: the two files must come from one fit,
    which ``load_sentence_heads`` checks through the paragraph heads' sha256)."""

    weights: np.ndarray  # (23, n_features) float32
    bias: np.ndarray  # (23,)
    cuts: np.ndarray  # (23,) sentence cut per technique (pick_sentences)

    def probabilities(self, x: Any) -> np.ndarray:
        """(n, 23) probabilities of featurised sentence rows ``x``."""
        z = np.asarray(x @ self.weights.T) + self.bias
        return 1.0 / (1.0 + np.exp(-z))


def load_sentence_heads(
    model_dir: Path, heads_sha256: str, techniques: Sequence[str]
) -> SentenceHeads | None:
    """The sentence heads of ``model_dir``; None when the directory ships none (a model made
    before spans existed still loads, with paragraph labels only). ModelError (one line) when
    the files are malformed or were fitted on another paragraph featuriser."""
    npz, js = model_dir / SENTENCE_HEADS, model_dir / SENTENCE_CUTS
    if not npz.is_file():
        return None
    try:
        cfg = json.loads(js.read_text(encoding="utf-8"))
        with np.load(npz, allow_pickle=False) as z:
            weights = z["weights"].astype(np.float32)
            bias = z["bias"].astype(np.float32)
        cuts = np.array([float(cfg["cuts"][t]) for t in techniques], dtype=np.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"cannot load the multilingual sentence heads: {exc}", source=str(model_dir)
        ) from exc
    if cfg.get("paragraph_heads_sha256") != heads_sha256:
        raise ModelError(
            "the sentence heads were fitted on another paragraph featuriser (heads.npz changed)",
            source=str(model_dir),
        )
    if weights.shape[0] != len(techniques):
        raise ModelError("the sentence heads' technique count differs", source=str(model_dir))
    return SentenceHeads(weights, bias, cuts)
