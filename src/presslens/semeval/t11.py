"""Reading and writing SemEval-2020 Task 11 files (articles, SI and TC label files).

Why our own code: the official tools are scripts, not a library, and the formats are tiny.
Offsets are character offsets into the article file as read in UTF-8, start inclusive, end
exclusive — Python ``str`` indices, exactly what the task uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from presslens.vocab.techniques import TECHNIQUES as TECHNIQUE_LABELS

# The 14 TC labels, spelled exactly as in propaganda-techniques-names-semeval2020task11.txt.
TECHNIQUES = TECHNIQUE_LABELS  # the task's labels (presslens.vocab.techniques)

_ARTICLE_RE = re.compile(r"^article(\w+)\.txt$")

SISpan = tuple[str, int, int]
TCSpan = tuple[str, str, int, int]


class T11FormatError(ValueError):
    """A label file line that does not follow the task's tab-separated format."""


def article_id_from_name(name: str) -> str | None:
    """Return the id in ``article<ID>.txt``, or None for any other file name."""
    m = _ARTICLE_RE.match(name)
    return m.group(1) if m else None


def read_article(path: str | Path) -> str:
    """Read one article exactly as the task does: UTF-8, newlines untouched.

    ``newline=""`` matters: universal-newline translation would shift offsets on files
    with CR characters.
    """
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def read_articles(folder: str | Path) -> dict[str, str]:
    """Map article id → text for every ``article*.txt`` in ``folder`` (sorted by id)."""
    out: dict[str, str] = {}
    for p in sorted(Path(folder).iterdir()):
        aid = article_id_from_name(p.name)
        if aid is not None and p.is_file():
            out[aid] = read_article(p)
    return out


def _lines(path: str | Path) -> Iterable[tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if line.strip():
                yield n, line.split("\t")


def read_si_labels(path: str | Path) -> list[SISpan]:
    """Read an SI file (``article_id<TAB>start<TAB>end``) into (id, start, end) tuples."""
    out: list[SISpan] = []
    for n, cols in _lines(path):
        if len(cols) < 3:
            raise T11FormatError(f"{path}:{n}: expected 3 tab-separated columns")
        try:
            out.append((cols[0], int(cols[1]), int(cols[2])))
        except ValueError as e:
            raise T11FormatError(f"{path}:{n}: offsets must be integers") from e
    return out


def read_tc_labels(path: str | Path) -> list[TCSpan]:
    """Read a TC file (``article_id<TAB>technique<TAB>start<TAB>end``); '?' labels are kept."""
    out: list[TCSpan] = []
    for n, cols in _lines(path):
        if len(cols) < 4:
            raise T11FormatError(f"{path}:{n}: expected 4 tab-separated columns")
        try:
            out.append((cols[0], cols[1], int(cols[2]), int(cols[3])))
        except ValueError as e:
            raise T11FormatError(f"{path}:{n}: offsets must be integers") from e
    return out


def write_si_labels(spans: Iterable[SISpan], path: str | Path) -> None:
    """Write SI predictions, one ``id<TAB>start<TAB>end`` line each."""
    with open(path, "w", encoding="utf-8") as f:
        for aid, s, e in spans:
            f.write(f"{aid}\t{s}\t{e}\n")


def write_tc_labels(spans: Iterable[TCSpan], path: str | Path) -> None:
    """Write TC predictions, one ``id<TAB>technique<TAB>start<TAB>end`` line each."""
    with open(path, "w", encoding="utf-8") as f:
        for aid, t, s, e in spans:
            f.write(f"{aid}\t{t}\t{s}\t{e}\n")
