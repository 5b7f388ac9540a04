"""The plain-text fallback on real article files (../shared/data, skipped when absent).

SemEval-2020 Task 11 articles are plain text (title, blank line, paragraphs). Measured floors,
not exact outputs: the title is the first line for nearly all of them, almost none is taken
for a page dump, and no article loses a prose line (a sentence of 15+ words) it did not also
lose by being a recognised dump with caption blocks or footers. Floors sit a little under the
values measured when this test was written (title 353/371, dumps 12/371, prose lost 0/371).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.extract.blocks import assemble
from presslens.extract.textdump import extract_text, is_page_dump

pytestmark = pytest.mark.shared

MIN_TITLE_SHARE = 0.93
MAX_DUMP_SHARE = 0.05
MAX_PROSE_LOST_SHARE = 0.01
PROSE_MIN_WORDS = 15
# Byte-order marks and zero-width spaces some article lines start with (the reader drops them).
INVISIBLE = " \t\ufeff\u200b"


def _prose_lines(raw: str) -> list[str]:
    lines = [line.strip(INVISIBLE) for line in raw.splitlines() if line.strip(INVISIBLE)]
    return [
        line
        for line in lines[1:]
        if len(line.split()) >= PROSE_MIN_WORDS and line.rstrip("\"”’')").endswith((".", "!", "?"))
    ]


def test_plain_articles(shared_data: Path) -> None:
    folder = shared_data / "semeval2020-task11-ptc" / "train-articles"
    files = sorted(folder.glob("article*.txt"))
    if not files:
        pytest.skip("no SemEval-2020 articles in ../shared/data")
    titled = dumps = lost = 0
    for path in files:
        raw = path.read_text(encoding="utf-8")
        result = extract_text(raw)
        text = assemble(result.blocks)[0]
        first = " ".join(raw.strip(INVISIBLE + "\n").splitlines()[0].strip(INVISIBLE).split())
        titled += result.metadata.title == first
        dumps += is_page_dump(raw)
        flat = " ".join(text.split())
        lost += any(" ".join(p.split()) not in flat for p in _prose_lines(raw))
    n = len(files)
    assert titled >= MIN_TITLE_SHARE * n, (titled, n)
    assert dumps <= MAX_DUMP_SHARE * n, (dumps, n)
    assert lost <= MAX_PROSE_LOST_SHARE * n, (lost, n)
