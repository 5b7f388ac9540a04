"""One worker's loop, in-process: results in order, escaped exceptions, the memory self-check."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from presslens.batch.memory import rss_mb
from presslens.batch.worker import _work
from presslens.errors import ExtractionError
from presslens.ingest import RawPage
from presslens.pipeline import PipeResult


class _Conn:
    def __init__(self) -> None:
        self.sent: list[tuple[Any, ...]] = []

    def send(self, message: tuple[Any, ...]) -> None:
        self.sent.append(message)


class _Pipeline:
    """Yields a failure result for 'bad', raises (a bug) on 'boom', else a placeholder doc."""

    def pipe(self, pages, batch_size: int = 4) -> Iterator[PipeResult]:
        for page in pages:
            if page.data == b"boom":
                raise ValueError("a bug in a component")
            if page.data == b"bad":
                yield PipeResult(page, None, ExtractionError("no text", source=page.uri))
            else:
                yield PipeResult(page, f"doc:{page.uri}", None)  # type: ignore[arg-type]


def _batch(*datas: bytes) -> list[tuple[int, RawPage]]:
    return [(i, RawPage(f"p{i}", d)) for i, d in enumerate(datas)]


def test_results_in_order_and_an_escaped_exception_fails_only_its_page() -> None:
    conn = _Conn()
    assert _work(conn, _Pipeline(), _batch(b"a", b"bad", b"boom", b"d"), 4, budget=0)  # type: ignore[arg-type]
    kinds = [(m[1], m[2], m[3] and m[3][0]) for m in conn.sent]
    assert kinds == [(0, "doc:p0", None), (1, None, "E010"), (2, None, "E000"), (3, "doc:p3", None)]
    assert "ValueError" in conn.sent[2][3][1]


def test_a_worker_over_budget_between_documents_asks_to_be_recycled() -> None:
    assert (rss_mb() or 0) > 1  # /proc is readable here
    conn = _Conn()
    assert not _work(conn, _Pipeline(), _batch(b"a", b"b", b"c"), 4, budget=1.0)  # type: ignore[arg-type]
    assert [m[0] for m in conn.sent] == ["result", "recycle"]  # its finished document is kept


def test_rss_of_a_missing_process_is_unknown() -> None:
    assert rss_mb(2**22 + 12345) is None
