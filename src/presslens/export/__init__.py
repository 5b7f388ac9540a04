"""Exports of the store: contract JSONL, Parquet tables (DuckDB/pandas/Spark), CSV of documents.

``export_store`` is what ``presslens export`` calls; the Parquet row functions and schemas in
:mod:`presslens.export.parquet` are shared with the Spark runner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from presslens.errors import ExportError
from presslens.export.csvfile import write_csv
from presslens.export.jsonl import write_jsonl
from presslens.export.parquet import write_parquet
from presslens.store import DocumentFilter, Store

WRITERS: dict[str, Callable[[Store, Path, DocumentFilter], int]] = {
    "jsonl": write_jsonl,
    "parquet": write_parquet,  # PATH is a folder
    "csv": write_csv,
}
FORMATS = tuple(WRITERS)


@dataclass(frozen=True)
class ExportResult:
    format: str
    path: Path
    documents: int


def export_store(
    store: Store, fmt: str, path: str | Path, filters: DocumentFilter | None = None
) -> ExportResult:
    """Write the store's documents (matching ``filters``) to ``path`` in format ``fmt``."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r} (use {', '.join(FORMATS)})")
    target = Path(path)
    folder = target if fmt == "parquet" else target.parent
    if not folder.exists() and fmt != "parquet":
        raise ExportError(f"folder {folder} does not exist", source=str(target))
    if fmt != "parquet" and target.is_dir():
        raise ExportError(f"{fmt} export needs a file path, not a folder", source=str(target))
    try:
        n = WRITERS[fmt](store, target, filters or DocumentFilter())
    except OSError as exc:
        raise ExportError(f"cannot write ({exc.strerror or exc})", source=str(target)) from None
    return ExportResult(fmt, target, n)


__all__ = ["FORMATS", "ExportResult", "export_store"]
