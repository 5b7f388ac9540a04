"""Load the hand gold for the annotation layers (tests/gold/layers/NN-slug.txt + .json).

Why this module: the gold is written by people as *strings* ("Varga", occurrence 2) because
offsets are impossible to type by hand; every evaluator needs the same resolution of those
strings to character offsets, with one clear error naming the file when a string is not in the
text. The .txt file IS ``Document.text`` (paragraphs separated by one blank line), so no
extraction runs and layer scores measure the layers alone.

Format of NN-slug.json (fixed for all gold writers)::

    {"published": "YYYY-MM-DD" | ISO datetime, "style": "...",
     "sentences": [exact sentence strings, in order],
     "entities": [{"text", "occurrence"?, "label", "cluster"}],
     "timexes": [{"text", "occurrence"?, "kind", "value", ...}],
     "quantities": [{"text", "occurrence"?, "value", "low", "high", "unit", "approx", "sourced"}],
     "attributions": [{"content", "source", "cue", "kind", "hedged", "vague_source"}]}

``occurrence`` is 1-based among all (possibly overlapping) occurrences of the exact string in
the text, default 1. Attribution ``content`` may carry ``occurrence`` too; its ``source`` is
resolved to the occurrence nearest the content (a source named twice in an article is almost
always the nearer mention), or ``source_occurrence`` when given.

Authoring helper: ``python bench/gold.py fill tests/gold/layers/NN-slug.json`` rewrites the
``occurrence`` of entities/timexes/quantities listed in document order (each item is searched
for from the previous item's end), so writers never count occurrences by hand.
``python bench/gold.py check`` loads every file and prints per-file counts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold" / "layers"
sys.path.insert(0, str(ROOT / "src"))

from presslens.document import Document, Metadata, Source  # noqa: E402

SPAN_LAYERS = ("entities", "timexes", "quantities")  # layers whose items are text+occurrence
LAYERS = ("sentences", "entities", "timexes", "quantities", "attributions")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class GoldError(ValueError):
    """A gold file that does not match its text (names the file and the string)."""


@dataclass
class GoldArticle:
    """One gold article: its Document (text + paragraphs + published) and resolved layers.

    Every gold item keeps the fields of the JSON and gains ``start``/``end``; attributions gain
    ``start``/``end`` for the content and ``source`` becomes ``{"start","end","text"}`` (or
    None when the gold gives no source string).
    """

    slug: str
    path: Path
    doc: Document
    style: str
    layers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.doc.text


def paragraphs_of(text: str) -> list[dict[str, Any]]:
    """The paragraphs layer of a gold text: blocks separated by a blank line."""
    out: list[dict[str, Any]] = []
    pos = 0
    for match in [*PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if chunk.strip():
            out.append({"start": pos + lead, "end": pos + trail, "kind": "paragraph"})
        if match:
            pos = match.end()
    return out


def build_document(text: str, published: str | None, uri: str) -> Document:
    """A Document for a gold text, as extraction would have produced it (paragraphs only)."""
    return Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        source=Source(uri=uri, content_type="text/plain", encoding="utf-8"),
        metadata=Metadata(published=published, language="en"),
        text=text,
        layers={"paragraphs": paragraphs_of(text)},
    )


def occurrences(text: str, needle: str) -> Iterator[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle`` in ``text``."""
    if not needle:
        return
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def locate(text: str, needle: str, occurrence: int, where: str) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1-based) ``needle``; GoldError names ``where``."""
    starts = list(occurrences(text, needle))
    if not starts:
        raise GoldError(f"{where}: {needle!r} not found in the text")
    if not 1 <= occurrence <= len(starts):
        raise GoldError(
            f"{where}: {needle!r} occurrence {occurrence} requested, text has {len(starts)}"
        )
    start = starts[occurrence - 1]
    return start, start + len(needle)


def _resolve_sentences(text: str, sentences: list[str], where: str) -> list[dict[str, Any]]:
    out, cursor = [], 0
    for i, sentence in enumerate(sentences):
        start = text.find(sentence, cursor)
        if start == -1:
            raise GoldError(f"{where}: sentence {i + 1} {sentence[:60]!r} not found after {cursor}")
        out.append({"start": start, "end": start + len(sentence), "text": sentence})
        cursor = start + len(sentence)
    return out


def _resolve_attribution(text: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    content = item["content"]
    start, end = locate(text, content, int(item.get("occurrence", 1)), where)
    resolved = dict(item, start=start, end=end)
    source = item.get("source")
    if source:
        starts = list(occurrences(text, source))
        if not starts:
            raise GoldError(f"{where}: attribution source {source!r} not found in the text")
        if "source_occurrence" in item:
            s, _ = locate(text, source, int(item["source_occurrence"]), where)
        else:  # nearest to the content span: distance 0 when inside or touching it
            s = min(starts, key=lambda x: max(0, start - (x + len(source)), x - end))
        resolved["source"] = {"start": s, "end": s + len(source), "text": source}
    else:
        resolved["source"] = None
    return resolved


def load_article(txt_path: Path) -> GoldArticle:
    """Load one NN-slug.txt with its NN-slug.json, resolving every string to offsets."""
    txt_path = Path(txt_path)
    json_path = txt_path.with_suffix(".json")
    if not json_path.is_file():
        raise GoldError(f"{txt_path.name}: missing {json_path.name}")
    text = txt_path.read_text(encoding="utf-8")
    if text.endswith("\n"):  # editors add a final newline; it is not part of the article
        text = text.rstrip("\n")
    try:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise GoldError(f"{json_path.name}: invalid JSON: {exc}") from None
    name = json_path.name
    layers: dict[str, list[dict[str, Any]]] = {}
    layers["sentences"] = _resolve_sentences(text, data.get("sentences", []), name)
    for layer in SPAN_LAYERS:
        items = []
        for i, item in enumerate(data.get(layer, [])):
            where = f"{name} {layer}[{i}]"
            start, end = locate(text, item["text"], int(item.get("occurrence", 1)), where)
            items.append(dict(item, start=start, end=end))
        layers[layer] = sorted(items, key=lambda a: (a["start"], a["end"]))
    layers["attributions"] = [
        _resolve_attribution(text, item, f"{name} attributions[{i}]")
        for i, item in enumerate(data.get("attributions", []))
    ]
    doc = build_document(text, data.get("published"), str(txt_path))
    return GoldArticle(
        slug=txt_path.stem, path=txt_path, doc=doc, style=data.get("style", ""), layers=layers
    )


def load_gold(directory: Path = GOLD_DIR, pattern: str = "*.txt") -> list[GoldArticle]:
    """Every gold article in ``directory`` (sorted by file name)."""
    return [load_article(p) for p in sorted(Path(directory).glob(pattern))]


def fill_occurrences(json_path: Path) -> dict[str, Any]:
    """Rewrite ``occurrence`` for span layers whose items are listed in document order."""
    json_path = Path(json_path)
    text = json_path.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
    data = json.loads(json_path.read_text(encoding="utf-8"))
    for layer in SPAN_LAYERS:
        cursor = 0
        for i, item in enumerate(data.get(layer, [])):
            starts = list(occurrences(text, item["text"]))
            after = [k for k, s in enumerate(starts) if s >= cursor]
            if not after:
                raise GoldError(
                    f"{json_path.name} {layer}[{i}]: {item['text']!r} not found after offset "
                    f"{cursor} (items must be in document order)"
                )
            item["occurrence"] = after[0] + 1
            # spans of one layer never overlap, so the next item starts after this one ends
            # ("Anand" after "Victor Anand" must not match inside it)
            cursor = starts[after[0]] + len(item["text"])
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    fill = sub.add_parser("fill", help="set occurrence for items listed in document order")
    fill.add_argument("files", nargs="+", type=Path)
    check = sub.add_parser("check", help="load every gold file and print counts")
    check.add_argument("--dir", type=Path, default=GOLD_DIR)
    args = parser.parse_args(argv)
    if args.command == "fill":
        for path in args.files:
            fill_occurrences(path)
            print(f"filled {path}")
        return 0
    for art in load_gold(args.dir):
        counts = " ".join(f"{layer}={len(art.layers[layer])}" for layer in LAYERS)
        print(f"{art.slug:40} {art.style:28} {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
