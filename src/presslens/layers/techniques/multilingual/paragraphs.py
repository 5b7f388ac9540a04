"""Where the paragraphs of a document are: the unit the multilingual model labels.

Why these rules: SemEval-2023 labels one paragraph per line of the article file, and
PressLens's extraction already records paragraphs (``layers["paragraphs"]``, separated by a
blank line in ``text``). A document built some other way (a bare text, a test) falls back to
line breaks: each non-blank line is a paragraph, as in the task's files. Offsets are trimmed of
surrounding white space so ``text[start:end]`` is exactly the paragraph's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_LINE = re.compile(r"[^\n]+")


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def paragraph_spans(
    text: str, paragraphs: Sequence[dict[str, Any]] | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each non-empty paragraph: the extraction's, else one per text line."""
    if paragraphs:
        found = (_trim(text, int(p["start"]), int(p["end"])) for p in paragraphs)
    else:
        found = (_trim(text, m.start(), m.end()) for m in _LINE.finditer(text))
    return [s for s in found if s is not None]
