"""Output formats for one Document. The report lives in report.py; the rest are one-liners."""

from __future__ import annotations

from collections.abc import Callable

from presslens.document import Document


def _json(doc: Document) -> str:
    return doc.to_json(indent=2) + "\n"


def _jsonl(doc: Document) -> str:
    return doc.to_json() + "\n"


def _text(doc: Document) -> str:
    md = doc.metadata
    head = [line for line in (md.title, md.published) if line]
    return ("\n".join(head) + "\n\n" if head else "") + doc.text + "\n"


def _html(doc: Document) -> str:
    from presslens.render.report import render_report

    return render_report(doc)


FORMATS: dict[str, tuple[str, Callable[[Document], str]]] = {
    "json": (".json", _json),
    "jsonl": (".jsonl", _jsonl),
    "text": (".txt", _text),
    "html": (".html", _html),
}


def render(doc: Document, fmt: str) -> str:
    """Render ``doc`` in format ``fmt`` (one of FORMATS)."""
    return FORMATS[fmt][1](doc)
