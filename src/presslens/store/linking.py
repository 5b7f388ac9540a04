"""Link a newly stored document to the earliest copy of the same story (inside its transaction).

Candidates come from the LSH band table (:mod:`presslens.store.dedup`); each is checked by
exact shingle Jaccard against a threshold that is lower when both carry the same dateline
agency. All copies point straight at the group's earliest document (by published time, then
by storage order), so "leave reprints out" is one ``duplicate_of IS NULL`` condition. When a
newly added page turns out to be earlier than the group's original, the group is re-pointed at it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select, tuple_, update

from presslens.store import dedup
from presslens.store.schema import documents, shingle_bands

_FAR_FUTURE = datetime(9999, 1, 1, tzinfo=UTC)


def link_copies(conn: Connection, row: dict[str, Any], fp: dedup.Fingerprint) -> str | None:
    """Index ``row``'s bands, find its copies, link the group; the id it now points to."""
    if not fp.bands:
        return None
    keys = list(enumerate(fp.bands))
    candidates = conn.execute(
        select(shingle_bands.c.document_id, func.count().label("shared"))
        .where(tuple_(shingle_bands.c.band, shingle_bands.c.hash).in_(keys))
        .group_by(shingle_bands.c.document_id)
        .order_by(func.count().desc(), shingle_bands.c.document_id)
        .limit(dedup.MAX_CANDIDATES)
    ).all()
    conn.execute(
        insert(shingle_bands),
        [{"band": b, "hash": h, "document_id": row["id"]} for b, h in keys],
    )
    if not candidates:
        return None
    ids = [c.document_id for c in candidates]
    matched: dict[str, float] = {}
    roots: set[str] = set()
    for cand in conn.execute(
        select(
            documents.c.id, documents.c.text, documents.c.agency, documents.c.duplicate_of
        ).where(documents.c.id.in_(ids))
    ):
        similarity = dedup.jaccard(fp.shingles, dedup.shingles(cand.text))
        if similarity >= dedup.threshold(row.get("agency"), cand.agency):
            matched[cand.id] = similarity
            roots.add(cand.duplicate_of or cand.id)
    if not matched:
        return None
    order = {
        r.id: (_utc(r.published_at) or _FAR_FUTURE, _utc(r.stored_at), r.id)
        for r in conn.execute(
            select(documents.c.id, documents.c.published_at, documents.c.stored_at).where(
                documents.c.id.in_(roots)
            )
        )
    }
    order[row["id"]] = (_utc(row["published_at"]) or _FAR_FUTURE, _utc(row["stored_at"]), "~")
    earliest = min(order, key=lambda k: order[k])
    others = [r for r in roots if r != earliest]
    if others:  # fold the other groups (and their copies) into the earliest document
        conn.execute(
            update(documents)
            .where(or_(documents.c.id.in_(others), documents.c.duplicate_of.in_(others)))
            .values(duplicate_of=earliest)
        )
    if earliest == row["id"]:
        # The new page is the original: its matches now measure their similarity to it.
        for doc_id, similarity in matched.items():
            conn.execute(
                update(documents)
                .where(documents.c.id == doc_id)
                .values(duplicate_similarity=round(similarity, 4))
            )
        return None
    similarity = matched.get(earliest, max(matched.values()))
    conn.execute(
        update(documents)
        .where(documents.c.id == row["id"])
        .values(duplicate_of=earliest, duplicate_similarity=round(similarity, 4))
    )
    return earliest


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands timestamps back naive (they were stored as UTC)."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)
