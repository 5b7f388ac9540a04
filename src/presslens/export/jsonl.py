"""Contract JSONL: one ``presslens.document`` JSON per line, exactly as stored."""

from __future__ import annotations

from pathlib import Path

from presslens.export.rows import iter_documents
from presslens.store import DocumentFilter, Store


def write_jsonl(store: Store, path: Path, filters: DocumentFilter) -> int:
    """Write the filtered documents to ``path``; the number written."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for doc in iter_documents(store, filters):
            # The stored contract is compact JSON already (no newlines): written as is.
            out.write(doc.contract)
            out.write("\n")
            n += 1
    return n
