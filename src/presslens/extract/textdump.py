"""Text path (first cut): paragraphs split on blank lines. Being replaced by the dump rules."""

from __future__ import annotations

import re

from presslens.extract.blocks import Block, Extracted


def extract_text(text: str) -> Extracted:
    return Extracted([Block(p) for p in re.split(r"\n\s*\n", text) if p.strip()])
