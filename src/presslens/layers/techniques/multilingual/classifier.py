"""Load the shipped multilingual heads and label a document's paragraphs with techniques.

Why plain arrays: ``heads.npz`` holds the TF-IDF vocabulary and idf, the weight matrix and the
biases (no pickle), ``thresholds.json`` the cut per technique and the shift per language chosen
on out-of-fold train predictions, ``config.json`` the featuriser settings. Scoring is one
sparse matrix product per batch of paragraphs, with a deadline check between batches. The
optional sentence heads (:mod:`.sentences`) then point at the sentences of each labelled
paragraph that carry its technique; they never change which paragraphs are labelled.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from presslens import deadline
from presslens.errors import ModelError
from presslens.layers.techniques.multilingual.features import Featurizer
from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023, output_label
from presslens.layers.techniques.multilingual.paragraphs import paragraph_spans
from presslens.layers.techniques.multilingual.sentences import (
    SentenceHeads,
    SentenceIndex,
    load_sentence_heads,
    pick_sentences,
)
from presslens.resources import model_dir as packaged_model_dir

MODEL_DIR = packaged_model_dir("techniques-multilingual")
MODEL_KEY = "techniques-multilingual"
SOURCE = "model:multilingual"
# Paragraphs scored per matrix product: small enough that the deadline is checked often on a
# long document, large enough that the sparse product dominates the Python overhead.
BATCH = 64
# Files whose bytes decide an annotation, hashed into provenance (those absent are skipped:
# a model folder without sentence heads gives paragraph labels only).
MODEL_FILES = (
    "config.json",
    "thresholds.json",
    "heads.npz",
    "sentence_heads.npz",
    "sentence_cuts.json",
)


def files_digest(model_dir: Path | None = None) -> str:
    """sha256 over the model's files, without loading it: the component records it in
    provenance at start-up, while the model itself loads on the first page that needs it."""
    folder = model_dir or MODEL_DIR
    h = hashlib.sha256()
    for name in MODEL_FILES:
        if (folder / name).is_file():
            h.update(name.encode())
            h.update((folder / name).read_bytes())
    return h.hexdigest()


@dataclass
class MultilingualModel:
    """The featuriser, one logistic head per 2023 technique, and the cuts."""

    featurizer: Featurizer
    weights: np.ndarray  # (23, n_features) float32
    bias: np.ndarray  # (23,)
    cuts: np.ndarray  # (23,) probability cut per technique
    language_shift: dict[str, float]
    # Cuts of one language's own, for the techniques it has enough training examples of.
    language_cuts: dict[str, dict[str, float]]
    languages: tuple[str, ...]
    dir: Path
    # Sentence heads for span output; None when the model directory ships none.
    sentence_heads: SentenceHeads | None = None

    def probabilities(self, texts: Sequence[str], languages: Sequence[str]) -> np.ndarray:
        """(n, 23) probabilities, in TECHNIQUES_2023 order."""
        x = self.featurizer.transform(texts, languages)
        z = np.asarray(x @ self.weights.T) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def cut_for(self, language: str) -> np.ndarray:
        """The 23 cuts for a page in ``language``: its own where it has them, else the
        shared cut moved by the language's shift."""
        cut = np.clip(self.cuts + self.language_shift.get(language, 0.0), 0.01, 0.99)
        for tech, value in self.language_cuts.get(language, {}).items():
            cut[TECHNIQUES_2023.index(tech)] = value
        return cut

    def predict(self, texts: Sequence[str], language: str) -> list[list[tuple[str, float]]]:
        """Per paragraph, the (2023 technique, probability) pairs above their cut, best first."""
        out: list[list[tuple[str, float]]] = []
        cut = self.cut_for(language)
        for i in range(0, len(texts), BATCH):
            deadline.check()
            part = texts[i : i + BATCH]
            p = self.probabilities(part, [language] * len(part))
            for row in p:
                hits = [(TECHNIQUES_2023[j], float(row[j])) for j in np.flatnonzero(row >= cut)]
                out.append(sorted(hits, key=lambda h: -h[1]))
        return out


def load_model(model_dir: Path | None = None) -> MultilingualModel:
    """Read the model directory; ModelError (one line) when a file is missing or malformed."""
    model_dir = model_dir or MODEL_DIR
    try:
        cfg = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        th = json.loads((model_dir / "thresholds.json").read_text(encoding="utf-8"))
        with np.load(model_dir / "heads.npz", allow_pickle=False) as z:
            vocab, idf = z["vocab"], z["idf"]
            weights = z["weights"].astype(np.float32)
            bias = z["bias"].astype(np.float32)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"cannot load the multilingual technique model: {exc}", source=str(model_dir)
        ) from exc
    if tuple(cfg["techniques"]) != TECHNIQUES_2023 or weights.shape[0] != len(TECHNIQUES_2023):
        raise ModelError(
            "the model's technique list differs from this code's", source=str(model_dir)
        )
    unknown = {t for c in th.get("language_cuts", {}).values() for t in c} - set(TECHNIQUES_2023)
    if unknown:
        raise ModelError(
            f"thresholds name unknown techniques {sorted(unknown)}", source=str(model_dir)
        )
    cuts = np.array([th["techniques"][t] for t in TECHNIQUES_2023], dtype=np.float32)
    sentence_heads = load_sentence_heads(model_dir, cfg.get("heads_sha256", ""), TECHNIQUES_2023)
    return MultilingualModel(
        featurizer=Featurizer.from_arrays(cfg["tfidf"], vocab, idf),
        weights=weights,
        bias=bias,
        cuts=cuts,
        language_shift={k: float(v) for k, v in th.get("language_shift", {}).items()},
        language_cuts={
            lang: {t: float(v) for t, v in cuts_of.items()}
            for lang, cuts_of in th.get("language_cuts", {}).items()
        },
        languages=tuple(cfg["languages"]),
        dir=model_dir,
        sentence_heads=sentence_heads,
    )


def annotate_paragraphs(
    model: MultilingualModel,
    text: str,
    language: str,
    paragraphs: Sequence[dict[str, Any]] | None = None,
    min_score: float = 0.0,
    sentences: Sequence[dict[str, Any]] | None = None,
    with_sentences: bool = True,
) -> list[dict[str, Any]]:
    """Paragraph-level technique annotations in the techniques layer's contract, each
    followed by its sentence-level ones.

    One annotation per (paragraph, technique) above its cut: the span is the paragraph,
    ``technique`` the 14-label name where one exists (else the 2023 name), plus
    ``technique_2023``, ``granularity: "paragraph"``, ``score`` and ``source``. When the model
    has sentence heads and ``with_sentences`` is true, each is followed by the sentence(s)
    of that paragraph chosen by :func:`.sentences.pick_sentences` — same fields,
    ``granularity: "sentence"``, ``score`` the paragraph's (the decision is the paragraph's;
    the sentence heads only choose where). Sentences come from ``sentences`` (the document's
    sentence layer), else from the sentence splitter run on the paragraph.
    """
    spans = paragraph_spans(text, paragraphs)
    if not spans:
        return []
    found = model.predict([text[s:e] for s, e in spans], language)
    labelled = [
        (start, end, [(t, p) for t, p in hits if p >= min_score])
        for (start, end), hits in zip(spans, found, strict=True)
    ]
    labelled = [item for item in labelled if item[2]]
    where: dict[tuple[int, str], list[tuple[int, int]]] = {}
    if with_sentences and model.sentence_heads is not None:
        where = _sentence_choice(model, model.sentence_heads, text, language, labelled, sentences)
    out: list[dict[str, Any]] = []
    for start, end, hits in labelled:
        for tech, prob in hits:
            para = {
                "start": start,
                "end": end,
                "technique": output_label(tech),
                "technique_2023": tech,
                "granularity": "paragraph",
                "score": round(prob, 4),
                "source": SOURCE,
            }
            out.append(para)
            for s, e in where.get((start, tech), []):
                out.append(para | {"start": s, "end": e, "granularity": "sentence"})
    return out


def _sentence_choice(
    model: MultilingualModel,
    heads: SentenceHeads,
    text: str,
    language: str,
    labelled: Sequence[tuple[int, int, list[tuple[str, float]]]],
    sentences: Sequence[dict[str, Any]] | None,
) -> dict[tuple[int, str], list[tuple[int, int]]]:
    """(paragraph start, technique) → the sentence spans to emit, from one batched scoring
    of the sentences of all labelled paragraphs."""
    from presslens.layers.sentences.component import split_sentences

    layer = SentenceIndex([(int(s["start"]), int(s["end"])) for s in sentences or ()])
    per_par: list[list[tuple[int, int]]] = []
    for start, end, _hits in labelled:
        # the sentence layer's, else (no layer, or none of its sentences inside) the splitter's
        inside = layer.inside(start, end) or split_sentences(text, start, end)
        per_par.append(inside or [(start, end)])
    flat = [span for spans in per_par for span in spans]
    probs = np.zeros((len(flat), len(TECHNIQUES_2023)), dtype=np.float32)
    for i in range(0, len(flat), BATCH):
        deadline.check()
        part = flat[i : i + BATCH]
        x = model.featurizer.transform([text[s:e] for s, e in part], [language] * len(part))
        probs[i : i + len(part)] = heads.probabilities(x)
    out: dict[tuple[int, str], list[tuple[int, int]]] = {}
    row = 0
    for (start, _end, hits), spans in zip(labelled, per_par, strict=True):
        block = probs[row : row + len(spans)]
        row += len(spans)
        for tech, _prob in hits:
            j = TECHNIQUES_2023.index(tech)
            out[(start, tech)] = [spans[k] for k in pick_sentences(block[:, j], heads.cuts[j])]
    return out
