"""Parquet export: ``documents/``, ``annotations/`` (Hive-partitioned ``outlet=…/month=…``), ``errors/``.

DuckDB, pandas and Spark read the folders directly (``read_parquet('out/documents/**/*.parquet',
hive_partitioning=true)``); partition values are percent-encoded in folder names (pyarrow's
and Spark's convention, decoded by all three readers) and a missing outlet or month is
``__HIVE_DEFAULT_PARTITION__`` (read back as NULL).

The row functions and schemas below are the single definition of these tables: the store
export calls them, and the Spark runner calls the same ``document_row``/``annotation_rows`` on
the documents it analyses, so both write identical columns.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds

from presslens.document import Document
from presslens.export.rows import iter_documents, iter_failures
from presslens.store import DocumentFilter, Store
from presslens.store.records import annotation_records, parse_published

PARTITION_COLUMNS = ("outlet", "month")
_PARTITION_SCHEMA = pa.schema([("outlet", pa.string()), ("month", pa.string())])

DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("uri", pa.string()),
        ("outlet", pa.string()),
        ("month", pa.string()),
        ("published", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
        ("language", pa.string()),
        ("title", pa.string()),
        ("text", pa.string()),
        ("word_count", pa.int32()),
        ("duplicate_of", pa.string()),
        ("contract", pa.string()),  # the whole document as contract JSON
    ]
)
ANNOTATION_SCHEMA = pa.schema(
    [
        ("document", pa.string()),
        ("layer", pa.string()),
        ("id", pa.string()),
        ("start", pa.int32()),
        ("end", pa.int32()),
        ("label", pa.string()),
        ("score", pa.float64()),
        ("attributes", pa.string()),  # JSON object: the annotation's other fields
        ("outlet", pa.string()),
        ("month", pa.string()),
    ]
)
ERROR_SCHEMA = pa.schema([("uri", pa.string()), ("code", pa.string()), ("message", pa.string())])

TABLES = ("documents", "annotations", "errors")
# Rows buffered before a flush: bounds memory; each flush adds one file per partition touched.
FLUSH_ROWS = 20_000


def document_row(
    doc: Document, outlet: str | None, *, duplicate_of: str | None = None
) -> dict[str, Any]:
    """The ``documents`` row of ``doc`` (columns of DOCUMENT_SCHEMA)."""
    published_at, month = parse_published(doc.metadata.published)
    return {
        "id": doc.id,
        "uri": doc.source.uri,
        "outlet": outlet,
        "month": month,
        "published": doc.metadata.published,
        "published_at": published_at,
        "language": doc.metadata.language,
        "title": doc.metadata.title,
        "text": doc.text,
        "word_count": len(doc.text.split()),
        "duplicate_of": duplicate_of,
        "contract": doc.to_json(),
    }


def annotation_rows(doc: Document, outlet: str | None = None) -> list[dict[str, Any]]:
    """The ``annotations`` rows of ``doc`` (columns of ANNOTATION_SCHEMA), every layer."""
    _, month = parse_published(doc.metadata.published)
    return [
        {
            "document": r["document_id"],
            "layer": r["layer"],
            "id": r["id"],
            "start": r["start"],
            "end": r["end"],
            "label": r["label"],
            "score": r["score"],
            "attributes": json.dumps(r["attributes"], ensure_ascii=False, sort_keys=True),
            "outlet": outlet,
            "month": month,
        }
        for r in annotation_records(doc)
    ]


def error_row(uri: str, code: str, message: str) -> dict[str, Any]:
    """The ``errors`` row of a failed input."""
    return {"uri": uri, "code": code, "message": message}


class ParquetTableWriter:
    """Buffers rows of one table and writes them as Hive-partitioned Parquet files."""

    def __init__(self, folder: Path, schema: pa.Schema, partitioned: bool = True) -> None:
        self.folder = folder
        self.schema = schema
        self.partitioned = partitioned
        self.rows: list[dict[str, Any]] = []
        self.written = 0
        self._flushes = 0

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        table = pa.Table.from_pylist(self.rows, schema=self.schema)
        ds.write_dataset(
            table,
            self.folder,
            format="parquet",
            partitioning=ds.partitioning(_PARTITION_SCHEMA, flavor="hive")
            if self.partitioned
            else None,
            basename_template=f"part-{self._flushes:05d}-{uuid.uuid4().hex[:8]}-{{i}}.parquet",
            existing_data_behavior="overwrite_or_ignore",
        )
        self.written += len(self.rows)
        self._flushes += 1
        self.rows = []

    def close(self) -> None:
        self.flush()
        if self.written == 0:  # an empty table still gets a readable file with its columns
            self.folder.mkdir(parents=True, exist_ok=True)
            schema = self.schema
            if self.partitioned:
                schema = pa.schema([f for f in schema if f.name not in PARTITION_COLUMNS])
            import pyarrow.parquet as pq

            pq.write_table(schema.empty_table(), self.folder / "part-empty.parquet")


def prepare_folder(path: Path) -> None:
    """Create ``path`` and clear the three table folders of an earlier export into it."""
    path.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        if (path / name).is_dir():
            shutil.rmtree(path / name)


def write_parquet(store: Store, path: Path, filters: DocumentFilter) -> int:
    """Export the filtered documents, their annotations and the failures; documents written."""
    prepare_folder(path)
    docs = ParquetTableWriter(path / "documents", DOCUMENT_SCHEMA)
    anns = ParquetTableWriter(path / "annotations", ANNOTATION_SCHEMA)
    errors = ParquetTableWriter(path / "errors", ERROR_SCHEMA, partitioned=False)
    for stored in iter_documents(store, filters):
        doc = Document.from_json(stored.contract)
        docs.add([document_row(doc, stored.outlet, duplicate_of=stored.duplicate_of)])
        anns.add(annotation_rows(doc, stored.outlet))
    errors.add(error_row(*f) for f in iter_failures(store))
    for writer in (docs, anns, errors):
        writer.close()
    return docs.written
