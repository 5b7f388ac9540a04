"""A pool of worker processes with hard per-document limits: a deadline and a memory budget.

Each worker owns one Pipeline (built once) and one duplex Pipe to the parent; the parent sends a
worker a small batch only when it is idle, so at most ``workers × batch_size`` pages are in
flight (backpressure: the reader blocks behind a bounded queue, not in memory).

Hard limits, enforced from outside the worker because a stuck or swelling worker cannot be
trusted to stop itself:
- a watchdog thread reads each worker's RSS from ``/proc/PID/status`` and kills a worker over
  ``settings.worker_max_rss_mb``; the worker also checks itself between documents and asks to
  be recycled (its document is kept: it finished);
- the same thread kills a worker that has been on one document longer than
  ``settings.time_limit + settings.worker_kill_grace`` (the in-process deadline should have fired
  first; this catches code the deadline cannot reach).

A dead worker is replaced. Its in-flight document fails with the cause (E011 deadline, E012
memory, E013 crash). When several pages of a batch were in flight, the culprit is unknown: they
are all sent again, one per batch, so only the page that really kills a worker is failed.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from presslens.batch.memory import rss_mb
from presslens.batch.worker import worker_main
from presslens.document import Document
from presslens.errors import (
    MemoryLimitError,
    PipelineError,
    PressLensError,
    TimeLimitError,
    WorkerError,
)
from presslens.ingest import RawPage
from presslens.settings import Settings

# How often the watchdog looks at the workers. Memory can grow by hundreds of MB per second on a
# hostile page, so this is frequent; reading a /proc file costs microseconds.
WATCHDOG_INTERVAL = 0.25
# A page re-sent after a crash of a multi-page batch is sent alone; if it is re-sent this many
# times without ever running alone to a verdict, it fails anyway (no page can loop forever).
MAX_ATTEMPTS = 3


@dataclass
class Task:
    """One page on its way through the pool, with what the writer needs afterwards."""

    key: int
    page: RawPage
    doc_id: str
    outlet: str | None = None
    attempts: int = 0
    suspect: bool = False  # re-sent after a crash: runs alone so a second crash names it


@dataclass(frozen=True)
class Outcome:
    """A finished task: the Document, or the (code, message) failure that stopped it."""

    task: Task
    document: Document | None
    failure: tuple[str, str] | None


@dataclass
class _Worker:
    process: Any
    conn: Connection
    pid: int | None = None
    ready: bool = False
    inflight: deque[Task] = field(default_factory=deque)
    busy_since: float = 0.0
    kill_cause: PressLensError | None = None
    recycling: bool = False


class WorkerPool:
    """N worker processes; ``submit`` a batch to an idle one, ``poll`` for outcomes."""

    def __init__(
        self,
        workers: int,
        factory: str,
        layers: list[str] | None,
        settings: Settings,
        batch_size: int = 4,
        start_method: str = "spawn",
    ) -> None:
        self.size = max(1, workers)
        self.factory = factory
        self.layers = layers
        self.settings = settings
        self.batch_size = max(1, batch_size)
        self.ctx = mp.get_context(start_method)
        self.workers: list[_Worker] = []
        self.requeued: deque[Task] = deque()
        self.replaced = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._watchdog = threading.Thread(
            target=self._watch, name="presslens-watchdog", daemon=True
        )

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        for _ in range(self.size):
            self.workers.append(self._spawn())
        self._watchdog.start()

    def close(self) -> None:
        """Stop the workers: politely when idle, by force after a short wait."""
        self._stop.set()
        for w in self.workers:
            try:
                w.conn.send(("stop",))
            except (OSError, ValueError):
                pass
        deadline = time.monotonic() + 5.0
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1.0)
            w.conn.close()
        self.workers.clear()

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=worker_main,
            args=(
                child,
                self.factory,
                self.layers,
                self.settings,
                self.batch_size,
                float(self.settings.worker_max_rss_mb),
                os.getpid(),
            ),
            name="presslens-worker",
            daemon=True,
        )
        process.start()
        child.close()
        return _Worker(process=process, conn=parent, pid=process.pid)

    # -- dispatch ------------------------------------------------------------------------
    def idle_workers(self) -> list[_Worker]:
        return [w for w in self.workers if w.ready and not w.inflight and not w.recycling]

    def inflight(self) -> int:
        return sum(len(w.inflight) for w in self.workers)

    def submit(self, worker: _Worker, tasks: Iterable[Task]) -> None:
        batch = list(tasks)
        with self._lock:
            worker.inflight.extend(batch)
            worker.busy_since = time.monotonic()
        try:
            worker.conn.send(("work", [(t.key, t.page) for t in batch]))
        except (OSError, ValueError):
            pass  # the worker died; poll() sees its sentinel and deals with the batch

    # -- results -------------------------------------------------------------------------
    def poll(self, timeout: float) -> list[Outcome]:
        """Outcomes that arrived within ``timeout`` s; dead workers are handled and replaced."""
        handles: dict[Any, _Worker] = {}
        for w in self.workers:
            handles[w.conn] = w
            handles[w.process.sentinel] = w
        outcomes: list[Outcome] = []
        dead: list[_Worker] = []
        for handle in wait(list(handles), timeout):
            w = handles[handle]
            if w in dead:
                continue
            if handle is w.conn:
                if not self._drain(w, outcomes):
                    dead.append(w)
            elif not w.process.is_alive():
                self._drain(w, outcomes)
                dead.append(w)
        for w in dead:
            outcomes.extend(self._bury(w))
        return outcomes

    def _drain(self, w: _Worker, outcomes: list[Outcome]) -> bool:
        """Read every message waiting on ``w``'s pipe; False when the pipe is closed."""
        try:
            while w.conn.poll():
                self._handle(w, w.conn.recv(), outcomes)
        except (EOFError, OSError):
            return False
        return True

    def _handle(self, w: _Worker, message: tuple[Any, ...], outcomes: list[Outcome]) -> None:
        kind = message[0]
        if kind == "ready":
            w.ready, w.pid = True, message[1]
        elif kind == "result":
            _, key, document, failure = message
            with self._lock:
                task = self._pop(w, key)
                w.busy_since = time.monotonic()
            if task is not None:
                outcomes.append(Outcome(task, document, failure))
        elif kind == "recycle":
            w.recycling = True  # it exits by itself; _bury re-sends what it had not started
        elif kind == "fatal":
            self.close()
            raise PipelineError(f"a worker could not build its pipeline: {message[1]}")

    @staticmethod
    def _pop(w: _Worker, key: int) -> Task | None:
        for i, task in enumerate(w.inflight):
            if task.key == key:
                del w.inflight[i]
                return task
        return None

    def _bury(self, w: _Worker) -> list[Outcome]:
        """Replace a dead worker; fail or re-send what it was working on."""
        w.process.join(1.0)
        w.conn.close()
        with self._lock:
            self.workers.remove(w)
            inflight = list(w.inflight)
            w.inflight.clear()
        cause = w.kill_cause or self._death_cause(w.process.exitcode)
        if not w.ready:  # it would die again: loading the models fails or is over budget
            self.close()
            raise PipelineError(f"a worker died while starting: {cause.message}")
        outcomes: list[Outcome] = []
        if w.recycling and w.kill_cause is None:
            self.requeued.extendleft(reversed(inflight))  # not started: no one to blame
        elif len(inflight) == 1 or any(t.attempts + 1 >= MAX_ATTEMPTS for t in inflight):
            head, rest = inflight[0], inflight[1:]
            outcomes.append(Outcome(head, None, (cause.code, cause.message)))
            self.requeued.extendleft(reversed(rest))
        else:
            for task in inflight:
                task.attempts += 1
                task.suspect = True
            self.requeued.extendleft(reversed(inflight))
        if not self._stop.is_set():
            self.workers.append(self._spawn())
            self.replaced += 1
        return outcomes

    @staticmethod
    def _death_cause(exitcode: int | None) -> PressLensError:
        if exitcode is not None and exitcode < 0:
            name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else ""
            hint = " (out of memory?)" if name == "SIGKILL" else ""
            return WorkerError(f"the worker was killed by {name or -exitcode}{hint}")
        return WorkerError(f"the worker died (exit code {exitcode})")

    # -- watchdog ------------------------------------------------------------------------
    def _watch(self) -> None:
        budget = float(self.settings.worker_max_rss_mb)
        limit = self.settings.time_limit
        overrun = limit + self.settings.worker_kill_grace if limit > 0 else 0.0  # 0: no limit
        while not self._stop.wait(WATCHDOG_INTERVAL):
            now = time.monotonic()
            with self._lock:
                workers = [w for w in self.workers if w.pid and w.kill_cause is None]
                for w in workers:
                    cause = self._over_limit(w, budget, overrun, now)
                    if cause is not None:
                        w.kill_cause = cause
                        try:
                            os.kill(w.pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass

    def _over_limit(
        self, w: _Worker, budget: float, overrun: float, now: float
    ) -> PressLensError | None:
        if budget > 0:
            rss = rss_mb(w.pid)
            if rss is not None and rss > budget:
                return MemoryLimitError(
                    f"the worker used {rss:,.0f} MB, over the budget of {budget:,.0f} MB "
                    "(worker_max_rss_mb)"
                )
        if overrun > 0 and w.inflight and now - w.busy_since > overrun:
            return TimeLimitError(
                f"took longer than the time limit of {self.settings.time_limit:g} s "
                f"(+{self.settings.worker_kill_grace:g} s grace); the worker was killed"
            )
        return None
