"""Span-level scores of the multilingual model's output on train folds (SemEval-2020 style).

Why these two figures: the SemEval-2020 Task 11 SI score (partial-overlap precision and recall,
``presslens.semeval.scorer.score_si``) measures whether the emitted spans cover the gold
propaganda characters, whatever the label; the technique-aware figure is the same formula
counted only between spans of the same technique (each technique scored as its own span set,
as the 2021 Task 6 span scorer does), which is what a reader of a labelled span sees. Both
compare emitted spans with the train split's gold spans of the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from training.multilingual.sentence_data import SentenceSet
from training.multilingual.train import cuts_of, thresholds_for

from presslens.layers.techniques.multilingual.labels import TECHNIQUES_2023
from presslens.layers.techniques.multilingual.sentences import pick_sentences
from presslens.semeval.scorer import ScoreSI, score_si

# (lang, article, technique, start, end)
Span = tuple[str, str, str, int, int]


@dataclass(frozen=True)
class SpanScore:
    """Technique-agnostic SI and technique-aware partial-overlap scores of one span set."""

    si: ScoreSI
    tech: ScoreSI


def nested_paragraph_predictions(ss: SentenceSet, pp: np.ndarray) -> np.ndarray:
    """(n_par, 23) paragraph decisions, each fold cut with thresholds chosen on the others
    (the paragraph model's own rule: ``train.thresholds_for``)."""
    langs = np.array(ss.paragraph_langs)
    pred = np.zeros(pp.shape, dtype=bool)
    for k in np.unique(ss.folds):
        tr, te = ss.folds != k, ss.folds == k
        th, shifts, own = thresholds_for(pp[tr], ss.py[tr], langs[tr], min_pos=20)
        for lang in np.unique(langs[te]):
            m = te & (langs == lang)
            pred[m] = pp[m] >= cuts_of(th, shifts, own, lang)
    return pred


def sentence_rows(ss: SentenceSet) -> list[np.ndarray]:
    """Per paragraph, the row numbers of its sentences in the sentence arrays."""
    order = np.argsort(ss.sentence_par, kind="stable")
    bounds = np.searchsorted(ss.sentence_par[order], np.arange(len(ss.paragraphs) + 1))
    return [order[bounds[i] : bounds[i + 1]] for i in range(len(ss.paragraphs))]


def paragraph_spans(ss: SentenceSet, pred: np.ndarray, rows: Iterable[int]) -> list[Span]:
    """The baseline: every labelled paragraph emitted whole for each of its techniques."""
    out: list[Span] = []
    for i in rows:
        p = ss.paragraphs[i]
        for j in np.flatnonzero(pred[i]):
            out.append((p.lang, p.article, TECHNIQUES_2023[j], p.start, p.end))
    return out


def sentence_spans(
    ss: SentenceSet,
    pred: np.ndarray,
    ps: np.ndarray,
    cuts: np.ndarray,
    rows: Iterable[int],
    by_par: Sequence[np.ndarray],
) -> list[Span]:
    """For each labelled (paragraph, technique), the sentences ``pick_sentences`` keeps."""
    out: list[Span] = []
    for i in rows:
        p = ss.paragraphs[i]
        srows = by_par[i]
        for j in np.flatnonzero(pred[i]):
            for k in pick_sentences(ps[srows, j], float(cuts[j])):
                s, e = p.sentences[k]
                out.append((p.lang, p.article, TECHNIQUES_2023[j], s, e))
    return out


def score_spans(ss: SentenceSet, spans: Sequence[Span], rows: Iterable[int]) -> SpanScore:
    """Both scores of ``spans`` against the gold spans of the articles of ``rows``."""
    articles = {(ss.paragraphs[i].lang, ss.paragraphs[i].article) for i in rows}
    gold = [(key, g) for key in articles for g in ss.gold[key]]
    si = score_si(
        [(f"{lg}/{a}", g.start, g.end) for (lg, a), g in gold],
        [(f"{lg}/{a}", s, e) for lg, a, _, s, e in spans],
    )
    tech = score_si(
        [(f"{lg}/{a}/{g.technique}", g.start, g.end) for (lg, a), g in gold],
        [(f"{lg}/{a}/{t}", s, e) for lg, a, t, s, e in spans],
    )
    return SpanScore(si, tech)
