"""The Document: clean text, metadata and standoff annotation layers — the JSON contract.

Everything after extraction (annotators, storage, reports, exports) reads a Document and never
re-parses the page. Annotations are standoff: each is a dict with ``start``/``end`` character
offsets into ``Document.text`` so ``text[start:end]`` is exactly the annotated words. Layers are
plain dicts (not classes) because they *are* the JSON contract: what a component writes is what
the schema validates and what every consumer reads, with no mapping layer to drift.

Every annotation carries an ``id`` (``"<layer>-<n>"``, n = its position when the layer was
made), and links between layers are ids, never list positions (contract
``presslens.document/2``): a store, a correction or the re-run of one layer cannot silently
re-point them. Version 1 documents are still read: ids are assigned and position links
converted (:func:`upgrade_v1`).

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

SCHEMA_ID = "presslens.document/2"
SCHEMA_V1 = "presslens.document/1"

# Cross-layer links: (layer, field) -> the layers its ids may point into. A field holds one id,
# None, or a list of ids. validate() checks each against the document's ids; upgrade_v1()
# turns the version-1 list positions into ids.
LINKS: dict[tuple[str, str], tuple[str, ...]] = {
    ("quantities", "attribution"): ("attributions",),
    ("claims", "quantities"): ("quantities",),
    ("claims", "attributions"): ("attributions",),
    ("contradictions", "a"): ("sentences", "claims"),
    ("contradictions", "b"): ("sentences", "claims"),
}


def annotation_id(layer: str, index: int, annotation: dict[str, Any] | None = None) -> str:
    """The id of an annotation: its own ``id``, else ``"<layer>-<index>"`` (the contract's
    rule for readers that meet an annotation without one)."""
    if annotation is not None and isinstance(annotation.get("id"), str):
        return annotation["id"]
    return f"{layer}-{index}"


def _with_ids(layer: str, annotations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The annotations with an ``id`` each (first key); the list itself if all have one."""
    if not isinstance(annotations, list) or all(
        not isinstance(a, dict) or "id" in a for a in annotations
    ):
        return annotations  # nothing to add (or not a layer: validate() names the problem)
    return [
        a if not isinstance(a, dict) or "id" in a else {"id": annotation_id(layer, i), **a}
        for i, a in enumerate(annotations)
    ]


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

    def __post_init__(self) -> None:
        # Every annotation gets its id at creation, whoever built the layer (a component, the
        # extractor, a test), so links made later can always point at one.
        layers = {name: _with_ids(name, anns) for name, anns in self.layers.items()}
        if any(layers[name] is not self.layers[name] for name in layers):
            object.__setattr__(self, "layers", layers)

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

    def annotation(self, ann_id: str | None) -> dict[str, Any] | None:
        """The annotation with id ``ann_id`` (in any layer), or None; follows a link."""
        if not isinstance(ann_id, str) or "-" not in ann_id:
            return None
        layer, _, index = ann_id.rpartition("-")
        items = self.layers.get(layer) or []
        if index.isdigit() and int(index) < len(items) and items[int(index)].get("id") == ann_id:
            return items[int(index)]  # the usual case: n is still the position
        return next((a for a in items if a.get("id") == ann_id), None)

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
        """Read a contract dict; a version-1 document is upgraded (ids and id links)."""
        if data.get("schema") == SCHEMA_V1:
            data = upgrade_v1(data)
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


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A ``presslens.document/1`` dict as ``/2``: ids assigned by position, position links
    (``quantities[].attribution``, ``claims[].quantities/attributions``) turned into ids and
    contradiction statements (offsets in /1) into the id of the sentence (or claim) with
    those offsets; a pair whose statement matches neither is dropped."""
    data = copy.deepcopy(data)
    layers: dict[str, list[dict[str, Any]]] = {
        name: _with_ids(name, anns) for name, anns in (data.get("layers") or {}).items()
    }

    def to_id(target: str, value: Any) -> str | None:
        items = layers.get(target) or []
        if isinstance(value, int) and 0 <= value < len(items):
            return items[value]["id"]
        return None

    for q in _dicts(layers.get("quantities")):
        if "attribution" in q:
            q["attribution"] = to_id("attributions", q["attribution"])
    for c in _dicts(layers.get("claims")):
        for field_name in ("quantities", "attributions"):
            if isinstance(c.get(field_name), list):
                ids = [to_id(field_name, v) for v in c[field_name]]
                c[field_name] = [i for i in ids if i is not None]
    if "contradictions" in layers:
        by_span = {
            (a.get("start"), a.get("end")): a["id"]
            for name in ("claims", "sentences")  # sentences win: they are listed last
            for a in _dicts(layers.get(name))
        }
        kept = []
        for pair in _dicts(layers["contradictions"]):
            a, b = (by_span.get(_span_key(pair.get(k))) for k in ("a", "b"))
            if a and b:
                kept.append({**pair, "a": a, "b": b})
        layers["contradictions"] = _with_ids(
            "contradictions", [{k: v for k, v in p.items() if k != "id"} for p in kept]
        )
    data["layers"] = layers
    data["schema"] = SCHEMA_ID
    return data


def _dicts(items: Any) -> list[dict[str, Any]]:
    """The dict items of a layer (a malformed /1 layer is left for validate() to report)."""
    return [a for a in items if isinstance(a, dict)] if isinstance(items, list) else []


def _span_key(span: Any) -> tuple[int, int] | None:
    if isinstance(span, dict):
        return span.get("start"), span.get("end")
    return None


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
    _check_ids(data["layers"])
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


def _check_ids(layers: dict[str, list[dict[str, Any]]]) -> None:
    """Ids are unique in the document and every link points at an existing annotation of a
    layer it may point into."""
    owner: dict[str, str] = {}
    for layer, items in layers.items():
        for i, ann in enumerate(items):
            ann_id = ann.get("id")
            if ann_id in owner:
                raise SchemaError(f"layers/{layer}/{i}: duplicate id {ann_id!r}")
            owner[ann_id] = layer
    for (layer, field_name), targets in LINKS.items():
        for i, ann in enumerate(layers.get(layer) or []):
            value = ann.get(field_name)
            for link in value if isinstance(value, list) else [value]:
                if link is None:
                    continue
                if owner.get(link) not in targets:
                    raise SchemaError(
                        f"layers/{layer}/{i}/{field_name}: {link!r} is not the id of an "
                        f"annotation in {' or '.join(targets)}"
                    )
