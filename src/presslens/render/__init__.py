"""Renderers: a Document → JSON, JSONL, plain text or a self-contained HTML report."""

from presslens.render.formats import FORMATS, render

__all__ = ["FORMATS", "render"]
