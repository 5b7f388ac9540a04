"""Blocks → clean text + paragraphs layer: the one place offsets for paragraphs are made.

Both extraction paths (HTML and text dumps) produce an ordered list of blocks; assembling them
here guarantees the same joining rule everywhere: blocks separated by one blank line, inner
whitespace collapsed, typographic characters (narrow no-break space, dashes, curly quotes)
kept as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from presslens.document import Metadata

BLOCK_KINDS = ("paragraph", "subheading", "list_item", "quote")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of the article body."""

    text: str
    kind: str = "paragraph"


@dataclass
class Extracted:
    """What an extraction path returns: ordered body blocks and the metadata it found."""

    blocks: list[Block]
    metadata: Metadata = field(default_factory=Metadata)


def normalise_block(text: str) -> str:
    """Collapse runs of spaces/newlines inside a block, keeping narrow no-break spaces."""
    # U+202F (narrow no-break space) is typographic, not layout: it stays.
    text = _NEWLINES.sub(" ", text.strip())
    return _SPACES.sub(lambda m: m.group(0) if m.group(0) == "\u202f" else " ", text).strip()


def assemble(blocks: list[Block]) -> tuple[str, list[dict[str, Any]]]:
    """Join blocks into the clean text and return it with its ``paragraphs`` layer."""
    parts: list[str] = []
    layer: list[dict[str, Any]] = []
    pos = 0
    for block in blocks:
        text = normalise_block(block.text)
        if not text:
            continue
        if parts:
            pos += 2
        layer.append({"start": pos, "end": pos + len(text), "kind": block.kind})
        parts.append(text)
        pos += len(text)
    return "\n\n".join(parts), layer
