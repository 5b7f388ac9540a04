"""The Store: documents, their annotations and provenance, outlets and failures in one database.

Every write is one transaction, so a run killed at any moment leaves each document either fully
stored or absent — the batch runner uses the store as its ledger for resume. Re-adding is
idempotent (the id is the sha256 of the source bytes): the same component versions → "skipped";
a newer version of some layer → that layer's rows and provenance replaced → "updated".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from presslens.document import Document
from presslens.errors import SchemaError, StoreError
from presslens.store import dedup, linking
from presslens.store.engine import create_store_engine, redacted, store_url
from presslens.store.filters import DocumentFilter
from presslens.store.migrate import upgrade
from presslens.store.outlets import (
    Outlet,
    OutletIndex,
    load_outlets_file,
    match_outlet,
    resolve_outlet,
    url_host,
)
from presslens.store.records import (
    annotation_records,
    document_record,
    layer_records,
    provenance_records,
)
from presslens.store.schema import (
    annotations,
    claim_appearances,
    collections,
    documents,
    failures,
    outlet_collections,
    outlets,
    provenance,
)
from presslens.store.search import SearchPage
from presslens.store.search import search as run_search

STORED, SKIPPED, UPDATED = "stored", "skipped", "updated"
# Rows per INSERT … VALUES batch: large enough to amortise round trips, small enough to stay
# under SQLite's bound-parameter limit (8 columns × 500 = 4000 < 32766).
INSERT_CHUNK = 500


@dataclass(frozen=True)
class AddResult:
    """What ``add_document`` did: "stored" (new), "skipped" (already there), "updated"."""

    id: str
    status: str
    duplicate_of: str | None = None
    layers: tuple[str, ...] = ()  # the layers written (all for "stored", replaced for "updated")


@dataclass(frozen=True)
class Failure:
    """An input that could not be stored, with its error code."""

    uri: str
    code: str
    message: str
    at: datetime


@dataclass(frozen=True)
class Collection:
    name: str
    description: str | None
    outlets: tuple[str, ...]


class Store:
    """A migrated database; build it with :func:`open_store`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self._outlet_cache: list[Outlet] | None = None
        self._index: OutletIndex | None = None

    # -- life cycle -----------------------------------------------------------------------
    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({redacted(self.url)!r})"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def _write(self) -> Connection:
        return self.engine.connect().execution_options(write=True)

    # -- documents ------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first()
        return found is not None

    def get_document(self, doc_id: str) -> Document | None:
        """The stored contract Document (with every layer as last written), or None."""
        with self.engine.connect() as conn:
            contract = conn.execute(
                select(documents.c.contract).where(documents.c.id == doc_id)
            ).scalar_one_or_none()
        if contract is None:
            return None
        try:
            return Document.from_json(contract)
        except (ValueError, KeyError, TypeError, SchemaError) as exc:
            raise StoreError(f"stored contract is unreadable ({exc})", source=doc_id) from None

    def add_document(self, doc: Document, outlet: str | None = None) -> AddResult:
        """Store ``doc`` in one transaction (see the module docstring for the statuses).

        ``outlet`` names the outlet explicitly; else it is resolved from the outlets known to
        the store by URL, then the URL's registered domain, then the publisher metadata. A
        document keeps the outlet it was first stored with.
        """
        for attempt in range(2):
            known = self._outlet_index()  # read before the write transaction starts
            try:
                with self._write() as conn, conn.begin():
                    return self._add(conn, doc, outlet, known)
            except IntegrityError as exc:
                # Another writer stored the same document (or outlet) between our read and our
                # insert: retry once, which then sees it and skips or updates. A second
                # failure is the document's own fault (e.g. two annotations with one id).
                if attempt:
                    raise StoreError(
                        f"cannot store ({_first_line(exc)})", source=doc.source.uri
                    ) from None
            except OperationalError as exc:
                raise StoreError(
                    f"write failed ({_first_line(exc)})", source=doc.source.uri
                ) from None
        raise AssertionError("unreachable")

    def _add(
        self, conn: Connection, doc: Document, outlet: str | None, known: OutletIndex
    ) -> AddResult:
        stored = conn.execute(
            select(documents.c.contract, documents.c.text).where(documents.c.id == doc.id)
        ).first()
        if stored is None:
            return self._insert_new(conn, doc, outlet, known)
        if stored.text != doc.text:
            # Same bytes, different extraction (a newer extractor): every offset moved, so the
            # whole document is replaced, keeping its outlet and duplicate links.
            self._replace_all(conn, doc)
            return AddResult(doc.id, UPDATED, layers=tuple(doc.layers))
        old = Document.from_json(stored.contract)
        replace = [layer for layer in doc.layers if _is_newer(doc, old, layer)]
        if not replace:
            return AddResult(doc.id, SKIPPED)
        merged = old
        for layer in replace:
            merged = merged.with_layer(layer, doc.layers[layer], doc.provenance.get(layer, {}))
        for layer in replace:
            conn.execute(delete(annotations).where(_doc_layer(annotations, doc.id, layer)))
            conn.execute(delete(provenance).where(_doc_layer(provenance, doc.id, layer)))
            _insert_rows(conn, annotations, (layer_records(doc, layer)))
            _insert_rows(
                conn, provenance, [r for r in provenance_records(merged) if r["layer"] == layer]
            )
        conn.execute(
            update(documents)
            .where(documents.c.id == doc.id)
            .values(contract=merged.to_json(), schema=merged.schema)
        )
        return AddResult(doc.id, UPDATED, layers=tuple(replace))

    def _insert_new(
        self, conn: Connection, doc: Document, outlet: str | None, known: OutletIndex
    ) -> AddResult:
        resolved = resolve_outlet(outlet, page_url(doc), doc.metadata.publisher, known)
        outlet_id = self._ensure_outlet(conn, resolved) if resolved else None
        row = document_record(doc, outlet_id, datetime.now(UTC))
        conn.execute(insert(documents).values(**row))
        _insert_rows(conn, annotations, (annotation_records(doc)))
        _insert_rows(conn, provenance, provenance_records(doc))
        link = linking.link_copies(conn, row, dedup.fingerprint(doc.text))
        return AddResult(doc.id, STORED, duplicate_of=link, layers=tuple(doc.layers))

    def _replace_all(self, conn: Connection, doc: Document) -> None:
        current = conn.execute(
            select(documents.c.outlet_id, documents.c.stored_at).where(documents.c.id == doc.id)
        ).one()
        row = document_record(doc, current.outlet_id, current.stored_at)
        for key in ("id", "duplicate_of", "duplicate_similarity"):
            row.pop(key)
        conn.execute(update(documents).where(documents.c.id == doc.id).values(**row))
        conn.execute(delete(annotations).where(annotations.c.document_id == doc.id))
        conn.execute(delete(provenance).where(provenance.c.document_id == doc.id))
        _insert_rows(conn, annotations, (annotation_records(doc)))
        _insert_rows(conn, provenance, provenance_records(doc))

    # -- failures -------------------------------------------------------------------------
    def record_failure(self, uri: str, code: str, message: str) -> None:
        """Remember an input that failed (the ledger's "failed by cause")."""
        with self._write() as conn, conn.begin():
            conn.execute(
                insert(failures).values(uri=uri, code=code, message=message, at=datetime.now(UTC))
            )

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.id)).all()
        return [Failure(r.uri, r.code, r.message, r.at) for r in rows]

    # -- outlets and collections ----------------------------------------------------------
    def outlets(self) -> list[Outlet]:
        """Every outlet in the store, with its collections (cached until the next upsert)."""
        if self._outlet_cache is None:
            with self.engine.connect() as conn:
                member = conn.execute(
                    select(outlet_collections.c.outlet_id, collections.c.name).join(
                        collections, collections.c.id == outlet_collections.c.collection_id
                    )
                ).all()
                rows = conn.execute(select(outlets).order_by(outlets.c.name)).all()
            groups: dict[int, list[str]] = {}
            for outlet_id, name in member:
                groups.setdefault(outlet_id, []).append(name)
            self._outlet_cache = [
                Outlet(
                    name=r.name,
                    domains=tuple(r.domains or ()),
                    country=r.country,
                    language=r.language,
                    kind=r.kind,
                    tags=tuple(r.tags or ()),
                    collections=tuple(sorted(groups.get(r.id, ()))),
                )
                for r in rows
            ]
        return list(self._outlet_cache)

    def _outlet_index(self) -> OutletIndex:
        if self._index is None:
            self._index = OutletIndex(self.outlets())
        return self._index

    def upsert_outlet(self, outlet: Outlet) -> int:
        """Insert or update an outlet by name (and its collection memberships); its id."""
        with self._write() as conn, conn.begin():
            outlet_id = self._ensure_outlet(conn, outlet, overwrite=True)
        return outlet_id

    def load_outlets(self, path: str | Path) -> list[Outlet]:
        """Read an outlets file (TOML or CSV) and upsert every entry in one transaction."""
        entries = load_outlets_file(path)
        with self._write() as conn, conn.begin():
            for outlet in entries:
                self._ensure_outlet(conn, outlet, overwrite=True)
        return entries

    def collections(self) -> list[Collection]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(collections.c.name, collections.c.description, outlets.c.name.label("o"))
                .select_from(collections)
                .outerjoin(
                    outlet_collections, outlet_collections.c.collection_id == collections.c.id
                )
                .outerjoin(outlets, outlets.c.id == outlet_collections.c.outlet_id)
                .order_by(collections.c.name, outlets.c.name)
            ).all()
        grouped: dict[str, tuple[str | None, list[str]]] = {}
        for name, description, outlet in rows:
            entry = grouped.setdefault(name, (description, []))
            if outlet:
                entry[1].append(outlet)
        return [Collection(n, d, tuple(o)) for n, (d, o) in grouped.items()]

    def _ensure_outlet(self, conn: Connection, outlet: Outlet, overwrite: bool = False) -> int:
        """The outlet's id, inserting it (or, with ``overwrite``, updating it) as needed."""
        existing = conn.execute(select(outlets.c.id).where(outlets.c.name == outlet.name)).first()
        values = {
            "domains": list(outlet.domains),
            "country": outlet.country,
            "language": outlet.language,
            "kind": outlet.kind,
            "tags": list(outlet.tags),
        }
        if existing is None:
            outlet_id = conn.execute(
                insert(outlets).values(name=outlet.name, **values).returning(outlets.c.id)
            ).scalar_one()
        else:
            outlet_id = existing.id
            if not overwrite:
                return outlet_id
            conn.execute(update(outlets).where(outlets.c.id == outlet_id).values(**values))
        for name in outlet.collections:
            collection_id = conn.execute(
                select(collections.c.id).where(collections.c.name == name)
            ).scalar_one_or_none()
            if collection_id is None:
                collection_id = conn.execute(
                    insert(collections).values(name=name).returning(collections.c.id)
                ).scalar_one()
            conn.execute(
                delete(outlet_collections).where(
                    and_(
                        outlet_collections.c.outlet_id == outlet_id,
                        outlet_collections.c.collection_id == collection_id,
                    )
                )
            )
            conn.execute(
                insert(outlet_collections).values(outlet_id=outlet_id, collection_id=collection_id)
            )
        if overwrite:
            self._adopt_domain_outlets(conn, outlet_id, outlet)
        self._outlet_cache = None
        self._index = None
        return outlet_id

    def _adopt_domain_outlets(self, conn: Connection, outlet_id: int, outlet: Outlet) -> None:
        """Move documents from outlets made up from a URL domain to the described outlet.

        An ingest run before the outlets file was loaded files pages under their registered
        domain (``dailyharbour.example``); once a described outlet claims that domain, those
        documents are its own, and the made-up outlet goes.
        """
        if not outlet.domains:
            return
        made_up = conn.execute(
            select(outlets.c.id, outlets.c.name, outlets.c.domains).where(
                outlets.c.id != outlet_id, outlets.c.kind.is_(None)
            )
        ).all()
        adopt = [
            row.id
            for row in made_up
            if list(row.domains or []) == [row.name]
            and match_outlet(row.name, [outlet]) is not None
        ]
        if not adopt:
            return
        conn.execute(
            update(documents).where(documents.c.outlet_id.in_(adopt)).values(outlet_id=outlet_id)
        )
        conn.execute(
            update(claim_appearances)
            .where(claim_appearances.c.outlet_id.in_(adopt))
            .values(outlet_id=outlet_id)
        )
        conn.execute(delete(outlets).where(outlets.c.id.in_(adopt)))

    # -- reading --------------------------------------------------------------------------
    def search(
        self,
        q: str = "",
        *,
        outlet: str | None = None,
        collection: str | None = None,
        since: Any = None,
        until: Any = None,
        language: str | None = None,
        technique: str | None = None,
        entity: str | None = None,
        min_claim_score: float | None = None,
        originals_only: bool = False,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchPage:
        """Full-text search with filters; see :mod:`presslens.store.search`."""
        filters = DocumentFilter(
            outlet=outlet,
            collection=collection,
            since=since,
            until=until,
            language=language,
            technique=technique,
            entity=entity,
            min_claim_score=min_claim_score,
            originals_only=originals_only,
        )
        with self.engine.connect() as conn:
            return run_search(conn, q, filters, limit=limit, offset=offset)

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def stats(self, filters: DocumentFilter | None = None) -> dict[str, Any]:
        """Counts per outlet, month and layer (see :mod:`presslens.store.stats`)."""
        from presslens.store.stats import collect

        with self.engine.connect() as conn:
            return collect(conn, filters or DocumentFilter())

    def reindex(self) -> None:
        """Rebuild the SQLite full-text index (after a VACUUM, which may renumber rowids)."""
        if self.dialect == "sqlite":
            with self._write() as conn, conn.begin():
                conn.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def open_store(target: str | Path | None = None, *, migrate: bool = True) -> Store:
    """Open (creating and migrating as needed) the store at ``target``.

    ``target``: None → ``$PRESSLENS_STORE`` → ``./presslens.db``; a path → an SQLite file; a
    URL (``postgresql+psycopg://user@host:port/db``) → that database.
    """
    url = store_url(target)
    engine = create_store_engine(url)
    if migrate:
        try:
            upgrade(engine)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(
                f"cannot open store ({_first_line(exc)})", source=redacted(url)
            ) from None
    return Store(engine, url)


# -- helpers ------------------------------------------------------------------------------
def page_url(doc: Document) -> str | None:
    """The URL that says who published the page: where it was fetched from, else its canonical
    URL (a file saved from the web). Fetched first because a reprint's canonical link often
    points at the wire's own site — attributing the copy to the agency would hide syndication."""
    if url_host(doc.source.uri):
        return doc.source.uri
    return doc.metadata.url


def _doc_layer(table: Any, doc_id: str, layer: str) -> Any:
    return and_(table.c.document_id == doc_id, table.c.layer == layer)


def _insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), INSERT_CHUNK):
        conn.execute(insert(table), rows[i : i + INSERT_CHUNK])


def _version_key(version: Any) -> tuple[int, ...]:
    parts = str(version or "").replace("-", ".").split(".")
    return tuple(int(p) for p in parts if p.isdigit()) or (0,)


def _is_newer(new: Document, old: Document, layer: str) -> bool:
    """True when ``new`` carries ``layer`` from a newer component version than ``old``
    (or ``old`` lacks it)."""
    if layer not in old.layers:
        return True
    return _version_key(new.provenance.get(layer, {}).get("version")) > _version_key(
        old.provenance.get(layer, {}).get("version")
    )


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
