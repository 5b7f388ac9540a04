"""One batch worker process: builds its Pipeline once, then analyses the batches it is sent.

Protocol over its own duplex Pipe (one pipe per worker, so killing a worker can never leave a
lock held on a queue other workers share):

- worker → parent: ``("ready", pid)`` once the pipeline is built; ``("result", key, document,
  failure)`` per page in input order (``failure`` = ``(code, message)`` or None);
  ``("recycle", rss_mb)`` then exit, when its memory is over budget between documents;
  ``("fatal", message)`` then exit, when the pipeline cannot be built.
- parent → worker: ``("work", [(key, RawPage), ...])`` or ``("stop",)``.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import signal
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from presslens.batch.memory import rss_mb
from presslens.errors import PressLensError
from presslens.settings import Settings

DEFAULT_FACTORY = "presslens.batch.worker:build_pipeline"


def build_pipeline(layers: list[str] | None, settings: Settings) -> Any:
    """The default factory: the project's Pipeline, models loaded before the first deadline."""
    from presslens.pipeline import Pipeline

    return Pipeline(settings=settings, layers=layers).load()


# prctl option: the signal the kernel sends this process when its parent dies (linux/prctl.h).
PR_SET_PDEATHSIG = 1
# How often the fallback thread looks for its parent, where prctl is not available.
PARENT_CHECK_SECONDS = 0.5


def die_with_parent(parent_pid: int) -> None:
    """Exit as soon as the parent is gone (killed with SIGKILL it cannot tell us).

    Why: a worker busy on a long document, or loading models, would otherwise run on for
    minutes as an orphan, using a core the re-run needs. Linux's PR_SET_PDEATHSIG makes the
    kernel kill us; elsewhere a daemon thread watches the parent PID. The kernel ties this to
    the parent *thread* that started the worker, so ``ingest()`` must live as long as its
    workers (it does: the pool is closed before it returns).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent_pid:  # it died before prctl took effect
                os._exit(0)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="presslens-parent-watch", daemon=True).start()


def load_factory(target: str) -> Callable[[list[str] | None, Settings], Any]:
    """``"module:function"`` → the function (a string, so it crosses a spawn boundary)."""
    module_name, func_name = target.split(":")
    return getattr(importlib.import_module(module_name), func_name)


def failure_of(error: PressLensError) -> tuple[str, str]:
    """(code, message) — what crosses the pipe; the parent adds the input's name."""
    return error.code, error.message


def worker_main(
    conn: Connection,
    factory: str,
    layers: list[str] | None,
    settings: Settings,
    batch_size: int,
    max_rss_mb: float,
    parent_pid: int,
) -> None:
    """Entry point of a worker process (spawned; everything it needs comes as arguments)."""
    # Ctrl-C goes to the whole process group; the parent decides how to stop, not each worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent_pid)
    try:
        pipeline = load_factory(factory)(layers, settings)
    except PressLensError as exc:
        conn.send(("fatal", str(exc)))
        return
    rss = rss_mb()
    if max_rss_mb > 0 and rss is not None and rss > max_rss_mb:
        # Over budget with nothing analysed yet: every replacement would be too, so the run
        # stops here rather than recycling workers page after page.
        conn.send(
            (
                "fatal",
                f"it uses {rss:,.0f} MB once its models are loaded, over the budget of "
                f"{max_rss_mb:,.0f} MB (worker_max_rss_mb)",
            )
        )
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the parent is gone: nothing left to work for
            return
        if message[0] != "work":
            return
        try:
            if not _work(conn, pipeline, message[1], batch_size, max_rss_mb):
                return
        except (BrokenPipeError, EOFError, OSError):
            return


def _work(
    conn: Connection, pipeline: Any, batch: list[tuple[int, Any]], batch_size: int, budget: float
) -> bool:
    """Analyse one batch, sending each result as it comes; False: stop (recycle this worker).

    A pipeline is meant to turn every error into a result; if an exception escapes anyway, the
    page it stopped at fails with that error and the rest of the batch is run again.
    """
    remaining = batch
    while remaining:
        done = 0
        try:
            results = pipeline.pipe((page for _, page in remaining), batch_size=batch_size)
            for (key, _), result in zip(remaining, results, strict=False):
                failure = failure_of(result.error) if result.error is not None else None
                conn.send(("result", key, result.document, failure))
                done += 1
                rss = rss_mb()
                if budget > 0 and rss is not None and rss > budget:
                    conn.send(("recycle", rss))
                    return False
        except (BrokenPipeError, EOFError):
            raise
        except PressLensError as exc:
            conn.send(("result", remaining[done][0], None, failure_of(exc)))
            done += 1
        except Exception as exc:  # noqa: BLE001 - one page must not take the worker down
            message = f"internal error: {type(exc).__name__}: {exc}"
            conn.send(("result", remaining[done][0], None, ("E000", message)))
            done += 1
        remaining = remaining[done:]
    return True
