"""Reading the SemEval-2023 Task 3 subtask-3 files (paragraph templates and labels).

Why our own reader: the bundle is a handful of tab-separated files, and the training script,
the bench and the tests all need the same view of it — one row per labelled paragraph, keyed
by article id and line number. The paragraphs are the keys of the labels file; their text is
that line of the article file (``article<ID>.txt``, one paragraph per line, numbered from 1),
as the organisers' baseline reads it. Not the ``*.template`` file: in the train split some
template lines run an article's last paragraph into the next article's first (63 French rows
have no template line of their own). Nothing here is loaded at run time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# The bundle's folder names for the six languages, and the ISO 639-1 codes PressLens uses.
BUNDLE_LANGS: dict[str, str] = {
    "en": "en",
    "fr": "fr",
    "ge": "de",
    "it": "it",
    "po": "pl",
    "ru": "ru",
}
SPLITS = ("train", "dev")


@dataclass(frozen=True)
class Paragraph:
    """One labelled paragraph: ``labels`` is empty when the paragraph carries no technique."""

    lang: str  # ISO code (de, pl, ...), not the bundle's folder name
    split: str
    article: str
    line: int
    text: str
    labels: tuple[str, ...]


def read_techniques_list(root: Path) -> list[str]:
    """The 23 class names the official scorer uses, in the scorer file's order."""
    path = root / "scorers" / "techniques_subtask3.txt"
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def _read_labels(path: Path) -> dict[tuple[str, int], tuple[str, ...]]:
    out: dict[tuple[str, int], tuple[str, ...]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        parts = raw.split("\t", 2)
        labels = parts[2].strip() if len(parts) > 2 else ""
        out[(parts[0], int(parts[1]))] = tuple(t for t in labels.split(",") if t)
    return out


def read_split(root: Path, bundle_lang: str, split: str) -> list[Paragraph]:
    """Paragraphs of one language and split, in file order, with their gold labels."""
    folder = root / "data" / bundle_lang
    labels = _read_labels(folder / f"{split}-labels-subtask-3.txt")
    articles: dict[str, list[str]] = {}
    rows: list[Paragraph] = []
    for (aid, line), labs in labels.items():
        if aid not in articles:
            path = folder / f"{split}-articles-subtask-3" / f"article{aid}.txt"
            articles[aid] = path.read_text(encoding="utf-8").splitlines()
        lines = articles[aid]
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        rows.append(Paragraph(BUNDLE_LANGS[bundle_lang], split, aid, line, text, labs))
    return rows


def read_all(root: Path, split: str) -> list[Paragraph]:
    """Every language's paragraphs of one split, languages in BUNDLE_LANGS order."""
    rows: list[Paragraph] = []
    for bundle_lang in BUNDLE_LANGS:
        rows.extend(read_split(root, bundle_lang, split))
    return rows
