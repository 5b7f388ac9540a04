"""The Document: clean text, metadata and standoff annotation layers — the JSON contract.

Everything after extraction (annotators, storage, reports, exports) reads a Document and never
re-parses the page. Annotations are standoff: each is a dict with ``start``/``end`` character
offsets into ``Document.text`` so ``text[start:end]`` is exactly the annotated words. Layers are
plain dicts (not classes) because they *are* the JSON contract: what a component writes is what
the schema validates and what every consumer reads, with no mapping layer to drift.

Documents are treated as immutable: ``with_layer`` returns a new Document.
"""

from __future__ import annotations

import copy
import hashlib
import json
from dataclasses import asdict, dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from presslens.errors import SchemaError

SCHEMA_ID = "presslens.document/1"


@dataclass(frozen=True)
class Source:
    """Where the bytes came from and how they were decoded (with the evidence for it)."""

    uri: str
    fetched_at: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    encoding_evidence: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Dateline:
    """The wire dateline, e.g. ``TEHRAN, Jan. 3 (MNA) –`` → place/date/agency."""

    place: str | None = None
    date: str | None = None
    agency: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Metadata:
    """Article metadata; ``evidence`` maps a field name to where its value was found."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    dateline: Dateline | None = None
    publisher: str | None = None
    section: str | None = None
    article_id: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    subheadings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    url: str | None = None
    description: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """One article: immutable clean text, its metadata and named annotation layers."""

    id: str
    source: Source
    metadata: Metadata
    text: str
    layers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    schema: str = SCHEMA_ID

    # -- construction -------------------------------------------------------------------
    @staticmethod
    def id_for(raw: bytes) -> str:
        """The document id is the sha256 of the source bytes, so re-ingest is idempotent."""
        return hashlib.sha256(raw).hexdigest()

    def with_layer(
        self, name: str, annotations: list[dict[str, Any]], provenance: dict[str, Any]
    ) -> Document:
        """Return a copy with one layer (re)placed; the original is left untouched."""
        layers = dict(self.layers)
        layers[name] = annotations
        prov = dict(self.provenance)
        prov[name] = provenance
        return replace(self, layers=layers, provenance=prov)

    def span_text(self, annotation: dict[str, Any]) -> str:
        """The exact words an annotation is about."""
        return self.text[annotation["start"] : annotation["end"]]

    # -- serialisation ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        meta = asdict(self.metadata)
        return {
            "schema": self.schema,
            "id": self.id,
            "source": asdict(self.source),
            "metadata": meta,
            "text": self.text,
            "layers": copy.deepcopy(self.layers),
            "provenance": copy.deepcopy(self.provenance),
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if data.get("schema") != SCHEMA_ID:
            raise SchemaError(f"unsupported schema {data.get('schema')!r}, expected {SCHEMA_ID}")
        meta = dict(data.get("metadata") or {})
        dateline = meta.get("dateline")
        meta["dateline"] = Dateline(**dateline) if dateline else None
        known = {f.name for f in fields(Metadata)}
        return cls(
            id=data["id"],
            source=Source(**data["source"]),
            metadata=Metadata(**{k: v for k, v in meta.items() if k in known}),
            text=data["text"],
            layers=copy.deepcopy(data.get("layers") or {}),
            provenance=copy.deepcopy(data.get("provenance") or {}),
            schema=data["schema"],
        )

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema of the contract, shipped inside the package."""
    path = resources.files("presslens.schema").joinpath("document.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def validate(data: dict[str, Any] | Document) -> None:
    """Raise SchemaError unless ``data`` matches the schema and every span is in bounds."""
    import jsonschema

    if isinstance(data, Document):
        data = data.to_dict()
    try:
        jsonschema.validate(data, json_schema())
    except jsonschema.ValidationError as exc:
        path = "/".join(str(p) for p in exc.absolute_path)
        raise SchemaError(f"{path or '<root>'}: {exc.message}") from None
    n = len(data["text"])
    for layer, items in data["layers"].items():
        for i, ann in enumerate(items):
            # Nested spans too: an attribution's source, a contradiction's two statements.
            spans = [("", ann)] + [
                (f"/{k}", v) for k, v in ann.items() if isinstance(v, dict) and "start" in v
            ]
            for where, span in spans:
                for key in ("start", "end"):
                    if key in span and span[key] is not None and not 0 <= span[key] <= n:
                        raise SchemaError(
                            f"layers/{layer}/{i}{where}: {key}={span[key]} outside text"
                        )
                if span.get("start") is not None and span.get("end") is not None:
                    if span["start"] > span["end"]:
                        raise SchemaError(f"layers/{layer}/{i}{where}: start > end")
