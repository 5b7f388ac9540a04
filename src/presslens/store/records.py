"""Document → table rows: the one mapping shared by the store and the exports.

Every consumer of a flat table (the ``annotations`` table, Parquet, the Spark runner) needs the
same answer to "what is this annotation's label and score", so it lives here once.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from presslens.document import Document

# The key holding each layer's `label` column (docs/corpus-interfaces.md §4): the value people
# group by for that layer. Layers not listed use "label" when their annotations have one.
LABEL_KEYS: dict[str, str] = {
    "entities": "label",
    "techniques": "technique",
    "claims": "label",
    "quantities": "unit",
    "timexes": "kind",
    "attributions": "cue",
    "contradictions": "kind",
}
# The key holding each layer's `score` column: the number people filter on.
SCORE_KEYS: dict[str, str] = {"techniques": "score", "claims": "checkworthiness"}

# Columns of the annotations table taken out of the dict; the rest becomes `attributes`.
SPAN_KEYS = ("id", "start", "end")

_MONTH_ONLY = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def annotation_id(layer: str, index: int, ann: dict[str, Any]) -> str:
    """The annotation's id; contract /1 documents lack ids, so readers use ``<layer>-<n>``."""
    value = ann.get("id")
    return str(value) if value not in (None, "") else f"{layer}-{index}"


def annotation_records(doc: Document) -> list[dict[str, Any]]:
    """One dict per annotation of every layer: document_id, layer, id, start, end, label,
    score, attributes (the rest of the annotation as a dict)."""
    rows: list[dict[str, Any]] = []
    for layer, items in doc.layers.items():
        label_key = LABEL_KEYS.get(layer, "label")
        score_key = SCORE_KEYS.get(layer, "score")
        for index, ann in enumerate(items):
            label = ann.get(label_key)
            score = ann.get(score_key)
            rows.append(
                {
                    "document_id": doc.id,
                    "layer": layer,
                    "id": annotation_id(layer, index, ann),
                    "start": _int_or_none(ann.get("start")),
                    "end": _int_or_none(ann.get("end")),
                    "label": None if label is None else str(label),
                    "score": float(score) if isinstance(score, int | float) else None,
                    "attributes": {
                        k: v
                        for k, v in ann.items()
                        if k not in SPAN_KEYS and k not in (label_key, score_key)
                    },
                }
            )
    return rows


def layer_records(doc: Document, layer: str) -> list[dict[str, Any]]:
    """The rows of one layer only (used when a single layer is replaced)."""
    return [r for r in annotation_records(doc) if r["layer"] == layer]


def provenance_records(doc: Document) -> list[dict[str, Any]]:
    """One row per layer's provenance entry."""
    rows = []
    for layer, prov in doc.provenance.items():
        seconds = prov.get("seconds")
        rows.append(
            {
                "document_id": doc.id,
                "layer": layer,
                "component": prov.get("component"),
                "version": None if prov.get("version") is None else str(prov.get("version")),
                "model": prov.get("model"),
                "seconds": float(seconds) if isinstance(seconds, int | float) else None,
                "skipped": prov.get("skipped"),
            }
        )
    return rows


def parse_published(value: str | None) -> tuple[datetime | None, str | None]:
    """(UTC timestamp, ``YYYY-MM``) of a published date in any ISO granularity.

    ``2024-03`` keeps its month with no timestamp; a naive time is taken as UTC (pages that
    omit the zone are most often in UTC or close to it, and a month key must exist).
    """
    if not value:
        return None, None
    text = value.strip()
    if m := _MONTH_ONLY.match(text):
        return None, f"{m[1]}-{m[2]}"
    if _YEAR_ONLY.match(text):
        return None, None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None, None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    return moment, f"{moment.year:04d}-{moment.month:02d}"


def document_record(doc: Document, outlet_id: int | None, stored_at: datetime) -> dict[str, Any]:
    """The row of the ``documents`` table (duplicate columns are filled by the dedup step)."""
    meta = doc.metadata
    published_at, month = parse_published(meta.published)
    return {
        "id": doc.id,
        "uri": doc.source.uri,
        "canonical_url": meta.url,
        "outlet_id": outlet_id,
        "published": meta.published,
        "published_at": published_at,
        "month": month,
        "language": meta.language,
        "title": meta.title,
        "text": doc.text,
        "word_count": len(doc.text.split()),
        "contract": doc.to_json(),
        "schema": doc.schema,
        "stored_at": stored_at,
        "duplicate_of": None,
        "duplicate_similarity": None,
        "agency": meta.dateline.agency if meta.dateline else None,
    }


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
