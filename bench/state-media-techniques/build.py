"""Build the state-media dev set's SemEval-2020 Task 11 files from the hand-annotated markup.

Why markup: offsets typed by hand are error-prone; annotating in place (``[NC|the regime]``,
nesting allowed) and computing the offsets keeps every gold span exactly on its words.
Writes ``articles/article<ID>.txt`` (title, blank line, one sentence per line, as PTC),
``gold-tc.labels`` (id, technique, start, end) and ``gold-si.labels`` (merged spans).

Usage: python bench/state-media-techniques/build.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "src"))

from presslens.semeval.scorer import merge_spans  # noqa: E402
from presslens.semeval.t11 import write_si_labels, write_tc_labels  # noqa: E402

# Two-letter codes used in the markup → the 14 SemEval-2020 Task 11 labels.
CODES = {
    "AA": "Appeal_to_Authority",
    "FP": "Appeal_to_fear-prejudice",
    "BA": "Bandwagon,Reductio_ad_hitlerum",
    "BW": "Black-and-White_Fallacy",
    "CO": "Causal_Oversimplification",
    "DO": "Doubt",
    "EX": "Exaggeration,Minimisation",
    "FW": "Flag-Waving",
    "LL": "Loaded_Language",
    "NC": "Name_Calling,Labeling",
    "RE": "Repetition",
    "SL": "Slogans",
    "TT": "Thought-terminating_Cliches",
    "WH": "Whataboutism,Straw_Men,Red_Herring",
}


def parse(markup: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text and (technique, start, end) spans of one markup text (nesting allowed)."""
    out: list[str] = []
    spans: list[tuple[str, int, int]] = []
    stack: list[tuple[str, int]] = []
    pos = 0
    i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == "[" and markup[i + 3 : i + 4] == "|" and markup[i + 1 : i + 3] in CODES:
            stack.append((CODES[markup[i + 1 : i + 3]], pos))
            i += 4
            continue
        if ch == "]" and stack:
            label, start = stack.pop()
            spans.append((label, start, pos))
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed span {stack[-1]}")
    return "".join(out), spans


def main() -> None:
    arts = HERE / "articles"
    arts.mkdir(exist_ok=True)
    tc, si = [], []
    for src in sorted((HERE / "markup").glob("*.txt")):
        aid = src.stem
        title, _, body = src.read_text(encoding="utf-8").partition("\n")
        text, spans = parse(title + "\n\n" + body.rstrip("\n") + "\n")
        (arts / f"article{aid}.txt").write_text(text, encoding="utf-8", newline="")
        tc.extend((aid, lab, s, e) for lab, s, e in sorted(spans, key=lambda x: x[1:]))
        si.extend((aid, s, e) for s, e in merge_spans((s, e) for _l, s, e in spans))
    write_tc_labels(tc, HERE / "gold-tc.labels")
    write_si_labels(si, HERE / "gold-si.labels")
    print(f"{len(tc)} TC spans, {len(si)} SI spans")


if __name__ == "__main__":
    main()
