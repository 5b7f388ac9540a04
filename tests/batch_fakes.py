"""Stand-ins for the batch runner's tests: a pipeline whose pages say how to misbehave, a store.

A page's first line is an instruction to the fake pipeline (``SLEEP 30``, ``HOG 400``,
``CRASH``, ``FAIL``); anything else is extracted for real (no layers), so documents are genuine.
Importable by spawned workers because pytest puts tests/ on sys.path and spawn copies it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import Any

from presslens.document import Document
from presslens.errors import ExtractionError
from presslens.ingest import RawPage
from presslens.pipeline import PipeResult
from presslens.settings import Settings


class MisbehavingPipeline:
    """Extraction only, except for pages that ask to sleep, eat memory, crash or fail."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.hoard: list[bytearray] = []

    def pipe(self, pages: Iterable[RawPage], batch_size: int = 4) -> Iterator[PipeResult]:
        from presslens.extract import extract_page

        for page in pages:
            word, _, arg = page.data.split(b"\n", 1)[0].decode().partition(" ")
            if word == "SLEEP":
                time.sleep(float(arg))
            elif word == "HOG":
                self.hoard.append(bytearray(int(arg) * 1024 * 1024))  # touched: zero-filled
                time.sleep(5)
            elif word == "CRASH":
                os._exit(3)
            elif word == "FAIL":
                yield PipeResult(page, None, ExtractionError("no article text", source=page.uri))
                continue
            yield PipeResult(page, extract_page(page, self.settings), None)


def misbehaving(layers: list[str] | None, settings: Settings) -> MisbehavingPipeline:
    return MisbehavingPipeline(settings)


class MemoryStore:
    """The Ledger protocol in a dict: what the runner stores, skips and fails."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[Document, str | None]] = {}
        self.failures: list[tuple[str, str, str]] = []
        self.adds = 0

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self.docs

    def add_document(self, doc: Document, outlet: str | None = None) -> Any:
        self.adds += 1
        status = "skipped" if doc.id in self.docs else "stored"
        self.docs.setdefault(doc.id, (doc, outlet))
        return SimpleNamespace(id=doc.id, status=status)

    def record_failure(self, uri: str, code: str, message: str) -> None:
        self.failures.append((uri, code, message))
