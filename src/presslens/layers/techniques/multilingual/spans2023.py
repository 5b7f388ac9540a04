"""Reading the SemEval-2023 subtask-3 train spans and cutting train paragraphs into sentences.

Why offsets into the raw file: the spans files (``train-labels-subtask-3-spans/``, ``id
technique start end``) count characters of the article file as stored, carriage returns
included (a third of the non-English articles have CRLF line ends; counted without them,
the spans of those articles drift by one character per line). So paragraphs are located in the
raw text here, and a span that runs past the end of the file (the 306 last paragraphs whose
template text is longer than the article file's) is cut at the end. Used by the span-model
training and the span bench only; nothing here is loaded at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from presslens.layers.sentences.component import split_sentences
from presslens.layers.techniques.multilingual.semeval2023 import BUNDLE_LANGS

# Characters a gold span must share with a sentence for the sentence to count as carrying its
# technique: the annotators' span ends often spill a few characters past a sentence end
# ("…amorale.\n\nEt"), which should not make the next sentence a positive.
MIN_OVERLAP = 3


@dataclass(frozen=True)
class GoldSpan:
    """One gold technique span, offsets into the raw article file (end exclusive)."""

    technique: str
    start: int
    end: int


@dataclass(frozen=True)
class ParagraphSentences:
    """A labelled train paragraph located in its raw article, with its sentences."""

    lang: str  # ISO code
    article: str
    line: int
    start: int
    end: int
    labels: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]  # raw-file offsets, trimmed
    # Per sentence, the techniques whose gold spans share ≥ MIN_OVERLAP characters with it.
    sentence_labels: tuple[frozenset[str], ...]


def _read_raw(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def read_gold_spans(folder: Path, article: str, length: int) -> list[GoldSpan]:
    """The article's gold spans, each cut to the file's ``length``; empty spans dropped."""
    path = folder / "train-labels-subtask-3-spans" / f"article{article}-labels-subtask-3.txt"
    if not path.is_file():
        return []
    out: list[GoldSpan] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) < 4:
            continue
        start, end = int(parts[2]), min(int(parts[3]), length)
        if end > start:
            out.append(GoldSpan(parts[1], start, end))
    return out


def _line_offsets(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the raw file, the line's CR left out."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in raw.split("\n"):
        end = pos + len(line.rstrip("\r"))
        out.append((pos, end))
        pos += len(line) + 1
    return out


def _sentence_labels(
    sentences: list[tuple[int, int]], gold: list[GoldSpan]
) -> tuple[frozenset[str], ...]:
    out = []
    for s, e in sentences:
        out.append(
            frozenset(g.technique for g in gold if min(e, g.end) - max(s, g.start) >= MIN_OVERLAP)
        )
    return tuple(out)


def read_train_sentences(
    root: Path, bundle_lang: str
) -> tuple[list[ParagraphSentences], dict[str, list[GoldSpan]]]:
    """Every labelled train paragraph of one language with its sentences, and the gold spans
    of each article (keyed by article id)."""
    folder = root / "data" / bundle_lang
    labels_path = folder / "train-labels-subtask-3.txt"
    rows: list[ParagraphSentences] = []
    gold: dict[str, list[GoldSpan]] = {}
    lines: dict[str, list[tuple[int, int]]] = {}
    raws: dict[str, str] = {}
    for raw_line in labels_path.read_text(encoding="utf-8").splitlines():
        if not raw_line.strip():
            continue
        parts = raw_line.split("\t", 2)
        aid, line = parts[0], int(parts[1])
        labels = tuple(t for t in (parts[2].strip() if len(parts) > 2 else "").split(",") if t)
        if aid not in raws:
            raws[aid] = _read_raw(folder / "train-articles-subtask-3" / f"article{aid}.txt")
            lines[aid] = _line_offsets(raws[aid])
            gold[aid] = read_gold_spans(folder, aid, len(raws[aid]))
        if not 0 < line <= len(lines[aid]):
            continue
        start, end = lines[aid][line - 1]
        sents = split_sentences(raws[aid], start, end)
        if not sents:
            continue
        inside = [g for g in gold[aid] if g.start < end and g.end > start]
        rows.append(
            ParagraphSentences(
                BUNDLE_LANGS[bundle_lang],
                aid,
                line,
                start,
                end,
                labels,
                tuple(sents),
                _sentence_labels(sents, inside),
            )
        )
    return rows, gold


def raw_text(root: Path, bundle_lang: str, article: str) -> str:
    """The raw train article file (CRs kept), for turning offsets back into text."""
    return _read_raw(
        root / "data" / bundle_lang / "train-articles-subtask-3" / f"article{article}.txt"
    )
