"""The two interfaces the runner consumes, behind one small adapter each.

``docs/corpus-interfaces.md`` §1 and §3 fix ``Pipeline.pipe(pages)`` and
``presslens.ingest.expand.iter_pages(sources, settings)``. Both were built at the same time as
this runner; the fallbacks below give the same shapes from the per-page API so the runner never
needs to know which one it got.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from presslens.document import Document
from presslens.errors import PressLensError
from presslens.ingest import RawPage
from presslens.settings import Settings


@dataclass(frozen=True)
class _SourceFailure:
    """A source that yielded no page (same fields as ``presslens.ingest.expand.SourceFailure``)."""

    uri: str
    error: PressLensError


@dataclass(frozen=True)
class PipeResult:
    """One page's outcome: a Document or the PressLensError that stopped it (never both)."""

    page: RawPage
    document: Document | None
    error: PressLensError | None


try:  # pragma: no cover - which branch runs depends on what is installed
    from presslens.ingest.expand import SourceFailure, iter_pages
except ImportError:  # pragma: no cover
    SourceFailure = _SourceFailure  # type: ignore[misc,assignment]

    def iter_pages(  # type: ignore[misc]
        sources: Sequence[str], settings: Settings
    ) -> Iterator[RawPage | _SourceFailure]:
        """Files, folders (recursive), '-' and URLs, read one at a time."""
        from presslens.cli import expand_sources
        from presslens.ingest import read_source

        for src in expand_sources(sources):
            try:
                yield read_source(src, settings)
            except PressLensError as exc:
                yield _SourceFailure(src, exc)


def is_failure(item: object) -> bool:
    """True for a SourceFailure of either origin (the real one or the fallback)."""
    return isinstance(item, (SourceFailure, _SourceFailure))


def pipe(pipeline: Any, pages: Iterable[RawPage], batch_size: int) -> Iterator[PipeResult]:
    """``pipeline.pipe(pages)`` when the Pipeline has it, else extract + annotate page by page."""
    if hasattr(pipeline, "pipe"):
        for result in pipeline.pipe(pages, batch_size=batch_size):
            yield PipeResult(result.page, result.document, result.error)
        return
    from presslens.extract import extract_page
    from presslens.pipeline import time_limit

    for page in pages:
        try:
            with time_limit(pipeline.settings.time_limit, page.uri):
                doc = pipeline(extract_page(page, pipeline.settings))
            yield PipeResult(page, doc, None)
        except PressLensError as exc:
            yield PipeResult(page, None, exc)
        except Exception as exc:  # noqa: BLE001 - one bad page must not stop a worker
            err = PressLensError(f"internal error: {type(exc).__name__}: {exc}", source=page.uri)
            yield PipeResult(page, None, err)
