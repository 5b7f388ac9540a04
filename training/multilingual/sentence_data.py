"""The SemEval-2023 train paragraphs and their sentences as aligned arrays, with folds.

Why one structure for both levels: the span bench and the sentence-head training need the
paragraph model's out-of-fold predictions and the sentence scores of the same paragraphs, on
the committed article folds (``data.fold_of``), so a sentence must know its paragraph and a
paragraph its article and fold.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from training.multilingual.data import DATA, fold_of

from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023
from presslens.layers.techniques.multilingual.semeval2023 import BUNDLE_LANGS, Paragraph
from presslens.layers.techniques.multilingual.spans2023 import (
    GoldSpan,
    ParagraphSentences,
    raw_text,
    read_train_sentences,
)


@dataclass
class SentenceSet:
    """Paragraphs (rows of ``py``) and sentences (rows of ``sy``) of the train split."""

    paragraphs: list[ParagraphSentences]
    paragraph_texts: list[str]
    py: np.ndarray  # (n_par, 23) paragraph gold labels
    folds: np.ndarray  # (n_par,) article fold of each paragraph
    sentence_texts: list[str]
    sentence_par: np.ndarray  # (n_sent,) paragraph index of each sentence
    sy: np.ndarray  # (n_sent, 23) sentence labels (overlaps a gold span of the technique)
    gold: dict[tuple[str, str], list[GoldSpan]]  # (lang, article) → gold spans

    @property
    def paragraph_langs(self) -> list[str]:
        return [p.lang for p in self.paragraphs]

    @property
    def sentence_langs(self) -> list[str]:
        return [self.paragraphs[i].lang for i in self.sentence_par]

    def sentence_spans(self, i: int) -> tuple[tuple[int, int], ...]:
        return self.paragraphs[i].sentences


def load_sentences(
    data: Path = DATA, bundle_langs: tuple[str, ...] = tuple(BUNDLE_LANGS)
) -> SentenceSet:
    """Every language's labelled train paragraphs and their sentences."""
    index = {t: i for i, t in enumerate(TECHNIQUES_2023)}
    paragraphs: list[ParagraphSentences] = []
    ptexts: list[str] = []
    stexts: list[str] = []
    spar: list[int] = []
    slabels: list[frozenset[str]] = []
    gold: dict[tuple[str, str], list[GoldSpan]] = {}
    for bl in bundle_langs:
        rows, spans = read_train_sentences(data, bl)
        raws: dict[str, str] = {}
        for r in rows:
            if r.article not in raws:
                raws[r.article] = raw_text(data, bl, r.article)
                gold[(r.lang, r.article)] = spans[r.article]
            raw = raws[r.article]
            ptexts.append(raw[r.start : r.end])
            for (s, e), labels in zip(r.sentences, r.sentence_labels, strict=True):
                stexts.append(raw[s:e])
                spar.append(len(paragraphs))
                slabels.append(labels)
            paragraphs.append(r)
    py = np.zeros((len(paragraphs), len(TECHNIQUES_2023)), dtype=np.uint8)
    for i, p in enumerate(paragraphs):
        for t in p.labels:
            py[i, index[t]] = 1
    sy = np.zeros((len(stexts), len(TECHNIQUES_2023)), dtype=np.uint8)
    for i, labels in enumerate(slabels):
        for t in labels:
            sy[i, index[t]] = 1
    # fold_of reads lang + article only; Paragraph stand-ins keep it the one fold definition.
    stand_ins = [Paragraph(p.lang, "train", p.article, p.line, "", ()) for p in paragraphs]
    return SentenceSet(
        paragraphs,
        ptexts,
        py,
        fold_of(stand_ins),
        stexts,
        np.array(spar, dtype=np.int64),
        sy,
        gold,
    )
