"""Document filters shared by search, export and stats: one meaning of "outlet X since May".

Each filter becomes a SQL condition on ``documents`` (annotation filters as ``EXISTS``
sub-queries that use the (layer, label) index), so the same filters work on both engines and
can be combined with full-text search or used alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from presslens.store.schema import annotations, collections, documents, outlet_collections, outlets


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents: every field left None does not filter."""

    outlet: str | None = None  # outlet name
    collection: str | None = None  # collection name
    since: date | datetime | str | None = None  # published on or after
    until: date | datetime | str | None = None  # published on or before (a date: whole day)
    language: str | None = None
    technique: str | None = None  # a technique label present in the document
    entity: str | None = None  # entity canonical name (case-insensitive) or cluster id
    min_claim_score: float | None = None  # some claim at least this check-worthy
    originals_only: bool = False  # leave out documents linked to an earlier copy


def as_datetime(value: date | datetime | str, *, end: bool) -> datetime:
    """A UTC timestamp; a bare date means its first (``end=False``) or last instant."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"not an ISO date: {text!r}") from None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if end:
        return datetime(value.year, value.month, value.day, 23, 59, 59, 999999, tzinfo=UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def conditions(f: DocumentFilter) -> list[ColumnElement[Any]]:
    """SQL conditions on ``documents`` for the filter."""
    d = documents.c
    out: list[ColumnElement[Any]] = []
    if f.outlet:
        out.append(
            d.outlet_id == select(outlets.c.id).where(outlets.c.name == f.outlet).scalar_subquery()
        )
    if f.collection:
        out.append(
            d.outlet_id.in_(
                select(outlet_collections.c.outlet_id)
                .join(collections, collections.c.id == outlet_collections.c.collection_id)
                .where(collections.c.name == f.collection)
            )
        )
    if f.since:
        out.append(d.published_at >= as_datetime(f.since, end=False))
    if f.until:
        out.append(d.published_at <= as_datetime(f.until, end=True))
    if f.language:
        out.append(d.language == f.language)
    if f.technique:
        out.append(_has_annotation("techniques", annotations.c.label == f.technique))
    if f.entity:
        a = annotations.c
        out.append(
            _has_annotation(
                "entities",
                or_(
                    func.lower(a.attributes["canonical"].as_string()) == f.entity.lower(),
                    a.attributes["cluster"].as_string() == f.entity,
                ),
            )
        )
    if f.min_claim_score is not None:
        out.append(_has_annotation("claims", annotations.c.score >= f.min_claim_score))
    if f.originals_only:
        out.append(d.duplicate_of.is_(None))
    return out


def _has_annotation(layer: str, condition: ColumnElement[Any]) -> ColumnElement[bool]:
    a = annotations.c
    return exists().where(and_(a.document_id == documents.c.id, a.layer == layer, condition))
