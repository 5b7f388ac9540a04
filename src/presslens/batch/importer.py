"""``presslens import PARQUET_DIR``: load exported tables back into a store, idempotently.

The ``documents`` table (written by ``presslens export --format parquet`` and by the Spark
runner with the same writer) carries each document's whole contract JSON; that column alone
rebuilds the Document, and ``store.add_document`` does the rest (annotations, provenance,
duplicates) exactly as an ingest would. The same bytes never make two documents, so importing
a folder twice stores nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from presslens.batch.summary import IngestSummary
from presslens.document import Document
from presslens.errors import InputError, PressLensError

# Rows read per Arrow batch: contracts are tens of kB each, so this bounds memory to a few MB.
READ_BATCH_ROWS = 256


def iter_contracts(folder: str | Path) -> Iterator[tuple[str, str | None, str]]:
    """(document id, outlet, contract JSON) for each row of ``folder/documents``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    root = Path(folder)
    table_dir = root / "documents" if (root / "documents").is_dir() else root
    if not table_dir.is_dir():
        raise InputError("no such folder (expected the output of export --format parquet)",
                         source=str(folder))  # fmt: skip
    try:
        # Explicit string partitions: inference would turn an outlet named "2024" into a number.
        keys = pa.schema([("outlet", pa.string()), ("month", pa.string())])
        partitioning = ds.partitioning(keys, flavor="hive")
        dataset = ds.dataset(str(table_dir), format="parquet", partitioning=partitioning)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad folder
        raise InputError(f"not a Parquet table: {exc}", source=str(table_dir)) from None
    names = set(dataset.schema.names)
    if not {"id", "contract"} <= names:
        raise InputError("the documents table has no id/contract columns", source=str(table_dir))
    columns = ["id", "contract"] + (["outlet"] if "outlet" in names else [])
    for batch in dataset.to_batches(columns=columns, batch_size=READ_BATCH_ROWS):
        data = batch.to_pydict()
        outlets = data.get("outlet") or [None] * batch.num_rows
        for doc_id, contract, outlet in zip(data["id"], data["contract"], outlets, strict=True):
            yield doc_id, _outlet(outlet), contract


def _outlet(value: Any) -> str | None:
    """The partition value of a document without an outlet is written as a placeholder."""
    if value is None or str(value) in ("", "__HIVE_DEFAULT_PARTITION__", "none", "unknown"):
        return None
    return str(value)


def import_parquet(
    folder: str | Path, store: Any, on_error: Callable[[str], None] | None = None
) -> IngestSummary:
    """Add every document of an exported folder to ``store``; stored/skipped/failed counts."""
    summary = IngestSummary()
    for doc_id, outlet, contract in iter_contracts(folder):
        if store.has_document(doc_id):
            summary.skipped += 1
            continue
        try:
            status = getattr(store.add_document(Document.from_json(contract), outlet=outlet),
                             "status", "stored")  # fmt: skip
        except PressLensError as exc:
            summary.failed[exc.code] += 1
            if on_error is not None:
                on_error(f"{folder}: document {doc_id[:12]}: {exc.message} [{exc.code}]")
            continue
        if status == "skipped":
            summary.skipped += 1
        elif status == "updated":
            summary.updated += 1
        else:
            summary.stored += 1
    return summary
