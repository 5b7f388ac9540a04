"""HTML path (first cut): trafilatura body + its metadata. Being replaced by the news rules."""

from __future__ import annotations

from presslens.document import Metadata
from presslens.extract.blocks import Block, Extracted


def extract_html(html: str, url: str | None = None) -> Extracted:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    meta = trafilatura.extract_metadata(html, default_url=url)
    blocks = [Block(p) for p in text.split("\n") if p.strip()]
    md = Metadata(title=getattr(meta, "title", None), published=getattr(meta, "date", None))
    return Extracted(blocks, md)
