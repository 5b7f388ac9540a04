"""Reading stored documents for export: one streamed, filtered query for every format."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, select

from presslens.store import DocumentFilter, Store
from presslens.store.filters import conditions
from presslens.store.schema import documents, failures, outlets

# Rows fetched per round trip: bounds memory at any corpus size.
FETCH_SIZE = 500


@dataclass(frozen=True)
class StoredDocument:
    """What the exporters need of one stored document (the contract stays a JSON string)."""

    id: str
    uri: str
    outlet: str | None
    published: str | None
    month: str | None
    language: str | None
    title: str | None
    text: str
    word_count: int
    duplicate_of: str | None
    agency: str | None
    contract: str


def iter_documents(store: Store, filters: DocumentFilter) -> Iterator[StoredDocument]:
    """Stored documents matching ``filters``, oldest first, streamed in batches."""
    d = documents.c
    query = (
        select(
            d.id,
            d.uri,
            outlets.c.name.label("outlet"),
            d.published,
            d.month,
            d.language,
            d.title,
            d.text,
            d.word_count,
            d.duplicate_of,
            d.agency,
            d.contract,
        )
        .select_from(documents.outerjoin(outlets, outlets.c.id == d.outlet_id))
        .where(and_(True, *conditions(filters)))
        .order_by(d.published_at, d.id)
    )
    with store.engine.connect() as conn:
        result = conn.execution_options(yield_per=FETCH_SIZE).execute(query)
        for row in result:
            yield StoredDocument(**row._asdict())


def iter_failures(store: Store) -> Iterator[tuple[str, str, str]]:
    """(uri, code, message) of every recorded failure."""
    with store.engine.connect() as conn:
        query = select(failures.c.uri, failures.c.code, failures.c.message).order_by(failures.c.id)
        for row in conn.execution_options(yield_per=FETCH_SIZE).execute(query):
            yield row.uri, row.code, row.message
