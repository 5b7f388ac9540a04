"""CSV of documents: one row per document with its metadata and text, for spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

from presslens.export.rows import iter_documents
from presslens.store import DocumentFilter, Store

COLUMNS = (
    "id",
    "uri",
    "outlet",
    "published",
    "month",
    "language",
    "title",
    "word_count",
    "duplicate_of",
    "agency",
    "text",
)


def write_csv(store: Store, path: Path, filters: DocumentFilter) -> int:
    """Write the filtered documents to ``path`` (UTF-8 with BOM so spreadsheets guess right)."""
    n = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for doc in iter_documents(store, filters):
            writer.writerow(["" if getattr(doc, c) is None else getattr(doc, c) for c in COLUMNS])
            n += 1
    return n
