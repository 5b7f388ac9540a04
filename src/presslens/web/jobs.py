"""Analysis off the event loop: a bounded executor with a bounded queue and a deadline.

Why bounded: analysing one article takes a CPU for about a second (much longer for a huge
page), while reads take milliseconds. Unbounded queuing would let a burst of uploads hold every
reader hostage and grow memory without limit, so the runner admits at most ``workers + queue``
jobs; past that it refuses at once with ``Overloaded`` (HTTP 429 + Retry-After) and the server
stays up. A job that outlives the per-document deadline (plus a grace for the pipeline's own
check to fire) is answered with ``TimeLimitError`` (HTTP 504); its slot is freed only when the
worker really finishes, so the admitted count always matches the work the CPU still has.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from presslens.errors import TimeLimitError

T = TypeVar("T")
DEADLINE_GRACE = 2.0  # seconds after the deadline before the HTTP side gives up waiting


class Overloaded(Exception):
    """The analysis queue is full; retry after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"analysis queue is full; retry after {retry_after} s")
        self.retry_after = retry_after


class AnalysisRunner:
    """Runs blocking analysis calls on ``workers`` threads with at most ``queue`` waiting."""

    def __init__(self, workers: int = 1, queue: int = 4, retry_after: int = 5) -> None:
        self.capacity = workers + queue
        self.retry_after = retry_after
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="analysis")
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Jobs running or waiting now."""
        return self._admitted

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise Overloaded(self.retry_after)
            self._admitted += 1

    def _release(self, _: Future[object] | None) -> None:
        with self._lock:
            self._admitted -= 1

    async def run(self, fn: Callable[[], T], *, deadline: float, source: str) -> T:
        """Run ``fn`` on a worker; raise Overloaded at once when full, TimeLimitError past
        ``deadline`` seconds (+ grace), else return its result or re-raise its exception."""
        self._admit()
        try:
            future = self._executor.submit(fn)
        except RuntimeError:  # executor shut down: the server is stopping
            self._release(None)
            raise Overloaded(self.retry_after) from None
        future.add_done_callback(self._release)
        timeout = deadline + DEADLINE_GRACE if deadline > 0 else None
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), timeout)
        except TimeoutError:
            future.cancel()  # frees the slot at once if it never started
            raise TimeLimitError(
                f"took longer than the time limit of {deadline:g} s", source=source
            ) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
