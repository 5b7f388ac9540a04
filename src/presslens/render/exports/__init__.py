"""Exports of corrected technique spans for annotation tools and training.

Each format module defines ``write(items, path)``; an ``ExportItem`` is one document with the
model's spans and each person's corrected spans (``presslens.web.corrections`` builds them from
the store). Formats: Label Studio task JSON (model spans as ``predictions``, each person's as an
``annotations`` entry, so the file imports into Label Studio for review and its export reads
back with ``labelstudio.read``), brat standoff, doccano JSONL, SemEval-2020 Task 11 files (the
layout ``make train-techniques`` reads as extra training data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from presslens.web.corrections import Span


@dataclass(frozen=True)
class ExportItem:
    """One corrected document."""

    doc_id: str
    title: str | None
    text: str
    model: Sequence[Span]
    model_version: str | None
    by_author: dict[str, Sequence[Span]] = field(default_factory=dict)
    merged: Sequence[Span] = ()  # everyone's corrections replayed in order: the training view


def _writers() -> dict[str, Callable[[Sequence[ExportItem], Path], int]]:
    from presslens.render.exports import brat, doccano, labelstudio, semeval

    return {
        "labelstudio": labelstudio.write,
        "brat": brat.write,
        "doccano": doccano.write,
        "semeval": semeval.write,
    }


FORMATS = ("labelstudio", "brat", "doccano", "semeval")


def write_export(fmt: str, items: Sequence[ExportItem], path: str | Path) -> int:
    """Write ``items`` in ``fmt`` to ``path``; returns the number of spans written."""
    return _writers()[fmt](items, Path(path))
