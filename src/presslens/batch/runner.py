"""``ingest()``: a reader feeds N worker processes; the parent alone writes to the store.

    reader thread ──bounded queue──▶ parent: skip pages already stored ──▶ WorkerPool
      (iter_pages)                        ▲                                   │
                                          └──── store.add_document ◀──────────┘
                                                (one transaction per document)

Why this shape:
- One writer: SQLite allows one writer at a time, and one connection owner keeps every
  document's rows (document, annotations, provenance) in one transaction — a run killed at any
  moment leaves whole documents or none.
- The store is the ledger: a page whose sha256 is stored is skipped before any analysis, so a
  re-run of the same command after a kill does only the work that is left.
- The reader runs in a thread because fetching waits on the network; its queue is bounded so a
  fast reader cannot fill memory with pages the workers have not reached.
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from presslens.batch.pool import Outcome, Task, WorkerPool
from presslens.batch.summary import IngestSummary
from presslens.batch.worker import DEFAULT_FACTORY
from presslens.document import Document
from presslens.errors import PressLensError
from presslens.ingest import RawPage
from presslens.ingest.expand import SourceFailure, iter_pages
from presslens.settings import DEFAULT_SETTINGS, Settings

# How long the parent waits for worker messages before looking at the reader queue again.
POLL_SECONDS = 0.05


class Ledger(Protocol):
    """The part of ``presslens.store.Store`` the runner writes to (docs/corpus-interfaces §4)."""

    def has_document(self, doc_id: str) -> bool: ...
    def add_document(self, doc: Document, outlet: str | None = None) -> Any: ...
    def record_failure(self, uri: str, code: str, message: str) -> Any: ...


@dataclass(frozen=True)
class IngestOptions:
    """How to run: worker count, layers, outlet, and the pipeline factory the workers use."""

    workers: int | None = None  # None: all cores this process may use
    layers: list[str] | None = None  # None: all default layers; []: extraction only
    outlet: str | None = None  # every document goes to this outlet (else page/URL/domain)
    batch_size: int = 4  # pages per message to a worker (and per nlp.pipe batch)
    factory: str = DEFAULT_FACTORY  # "module:function" building a worker's pipeline
    start_method: str = "spawn"  # no fork: the parent has threads (reader, watchdog)


@dataclass(frozen=True)
class Event:
    """Something the caller may show: a document's fate, or the total once it is known."""

    kind: str  # "stored" | "updated" | "skipped" | "failed" | "total"
    uri: str = ""
    code: str = ""
    message: str = ""
    count: int = 0

    def line(self) -> str:
        """The one line for a failure: ``<input>: <cause> [code]`` (file URIs as paths)."""
        return f"{display(self.uri)}: {self.message} [{self.code}]"


def display(uri: str) -> str:
    """How a person named the input: a local file as its path, anything else as given."""
    if uri.startswith("file://"):
        return unquote(urlsplit(uri).path)
    return uri


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


_END = object()


class _Reader(threading.Thread):
    """Runs ``iter_pages`` into a bounded queue; counts items so the total is known at the end."""

    def __init__(self, sources: Sequence[str], settings: Settings, bound: int) -> None:
        super().__init__(name="presslens-reader", daemon=True)
        self.sources, self.settings = sources, settings
        self.items: queue.Queue[Any] = queue.Queue(maxsize=bound)
        self.count = 0
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            for item in iter_pages(list(self.sources), self.settings):
                self.count += 1
                if not self._put(item):
                    return
        except PressLensError as exc:  # a source that breaks the iterator itself
            self._put(_failure(exc.source or "input", exc))
        except Exception as exc:  # noqa: BLE001 - reported as one line, the run still ends
            err = PressLensError(f"reading stopped: {type(exc).__name__}: {exc}")
            self._put(_failure("input", err))
        self._put(_END)

    def _put(self, item: Any) -> bool:
        while not self.stop.is_set():
            try:
                self.items.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False


def _failure(uri: str, error: PressLensError) -> SourceFailure:
    return SourceFailure(uri, error)


class _Run:
    """The state of one ingest: the pool, the reader, the store and the counts."""

    def __init__(
        self,
        sources: Sequence[str],
        store: Ledger,
        settings: Settings,
        options: IngestOptions,
        on_event: Callable[[Event], None],
    ) -> None:
        self.store, self.options, self.on_event = store, options, on_event
        workers = options.workers or default_workers()
        self.pool = WorkerPool(
            workers,
            options.factory,
            options.layers,
            settings,
            options.batch_size,
            options.start_method,
        )
        self.reader = _Reader(sources, settings, bound=2 * workers * options.batch_size)
        self.summary = IngestSummary()
        self.keys = itertools.count()
        self.claimed: set[str] = set()  # ids dispatched in this run (identical inputs twice)
        self.reader_done = False

    def run(self) -> IngestSummary:
        self.pool.start()
        self.reader.start()
        try:
            while True:
                for worker in self.pool.idle_workers():
                    batch = self._next_batch()
                    if not batch:
                        break
                    self.pool.submit(worker, batch)
                for outcome in self.pool.poll(POLL_SECONDS):
                    self._write(outcome)
                if self._finished():
                    break
        finally:
            self.reader.stop.set()
            self.pool.close()
        self.summary.workers_replaced = self.pool.replaced
        return self.summary

    def _finished(self) -> bool:
        return (
            self.reader_done
            and self.reader.items.empty()
            and not self.pool.requeued
            and self.pool.inflight() == 0
        )

    # -- feeding ---------------------------------------------------------------------------
    def _next_batch(self) -> list[Task]:
        """Re-sent pages first (a suspect alone), then fresh pages up to the batch size."""
        requeued = self.pool.requeued
        if requeued:
            if requeued[0].suspect:
                return [requeued.popleft()]
            batch = []
            while requeued and not requeued[0].suspect and len(batch) < self.options.batch_size:
                batch.append(requeued.popleft())
            return batch
        batch = []
        for task in self._fresh():
            batch.append(task)
            if len(batch) >= self.options.batch_size:
                break
        return batch

    def _fresh(self) -> Iterator[Task]:
        """Tasks from the reader queue without waiting; failures and skips are written here."""
        while not self.reader_done:
            try:
                item = self.reader.items.get_nowait()
            except queue.Empty:
                return
            if item is _END:
                self.reader_done = True
                self.on_event(Event("total", count=self.reader.count))
                return
            if isinstance(item, SourceFailure):
                self._fail(item.uri, item.error.code, item.error.message)
                continue
            task = self._task(item)
            if task is not None:
                yield task

    def _task(self, page: RawPage) -> Task | None:
        doc_id = Document.id_for(page.data)
        if doc_id in self.claimed or self.store.has_document(doc_id):
            self.summary.skipped += 1
            self.on_event(Event("skipped", uri=page.uri))
            return None
        self.claimed.add(doc_id)
        outlet = self.options.outlet or getattr(page, "outlet", None)
        return Task(next(self.keys), page, doc_id, outlet)

    # -- writing ---------------------------------------------------------------------------
    def _write(self, outcome: Outcome) -> None:
        task = outcome.task
        if outcome.failure is not None or outcome.document is None:
            code, message = outcome.failure or ("E000", "no document")
            self._fail(task.page.uri, code, message)
            return
        try:
            result = self.store.add_document(outcome.document, outlet=task.outlet)
        except PressLensError as exc:
            self._fail(task.page.uri, exc.code, exc.message)
            return
        status = getattr(result, "status", "stored")
        if status == "skipped":
            self.summary.skipped += 1
        elif status == "updated":
            self.summary.updated += 1
        else:
            self.summary.stored += 1
        self.on_event(Event(status, uri=task.page.uri))

    def _fail(self, uri: str, code: str, message: str) -> None:
        self.summary.failed[code] += 1
        self.store.record_failure(uri, code, message)
        self.on_event(Event("failed", uri=uri, code=code, message=message))


def ingest(
    sources: Sequence[str],
    store: Ledger,
    settings: Settings = DEFAULT_SETTINGS,
    options: IngestOptions | None = None,
    on_event: Callable[[Event], None] | None = None,
) -> IngestSummary:
    """Analyse every page of ``sources`` into ``store``; pages already stored are skipped.

    Bad inputs never stop the run: each becomes a failure in the summary, in the store's
    failures table and an ``Event("failed")``. Raises PipelineError (before or at start-up)
    when the workers cannot build their pipeline.
    """
    run = _Run(sources, store, settings, options or IngestOptions(), on_event or (lambda e: None))
    return run.run()
