"""Documents built directly from text for store tests (no pipeline run: fast, exact)."""

from __future__ import annotations

from typing import Any

from presslens.document import Dateline, Document, Metadata, Source


def make_doc(
    text: str,
    *,
    uri: str = "https://news.example/a",
    title: str | None = "A title",
    published: str | None = "2024-03-05T10:00:00+00:00",
    language: str | None = "en",
    agency: str | None = None,
    publisher: str | None = None,
    layers: dict[str, list[dict[str, Any]]] | None = None,
    versions: dict[str, str] | None = None,
    raw: bytes | None = None,
) -> Document:
    """A Document whose id is the sha256 of ``raw`` (default: uri + text, so unique per page)."""
    layers = layers if layers is not None else {}
    versions = versions or {}
    provenance = {
        name: {
            "component": f"presslens.{name}.v{versions.get(name, '1')}",
            "version": versions.get(name, "1"),
            "model": None,
            "seconds": 0.01,
        }
        for name in layers
    }
    return Document(
        id=Document.id_for(raw if raw is not None else (uri + "\n" + text).encode()),
        source=Source(uri=uri),
        metadata=Metadata(
            title=title,
            published=published,
            language=language,
            url=uri if uri.startswith("http") else None,
            publisher=publisher,
            dateline=Dateline(agency=agency) if agency else None,
        ),
        text=text,
        layers=layers,
        provenance=provenance,
    )


def span(text: str, words: str, **fields: Any) -> dict[str, Any]:
    """An annotation over the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return {"start": start, "end": start + len(words), **fields}
