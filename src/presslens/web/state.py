"""What one server process holds: settings, the store, the pipeline, the analysis runner,
the tokens and a small cache of corpus statistics.

Why a cache: profile and comparison pages run a dozen grouped queries over the annotations
table; the corpus changes only when a document is stored, so results are kept until the corpus
size or its latest ``stored_at`` changes (checked at most every ``CACHE_CHECK_SECONDS``), and
dropped at once after this process stores a document or a correction.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from presslens.document import Document
from presslens.ingest.rawpage import RawPage
from presslens.settings import Settings
from presslens.web.auth import SessionCodec, Tokens
from presslens.web.jobs import AnalysisRunner

CACHE_ENTRIES = 8192  # results kept: a 200-outlet corpus needs ~2,500 for its warm profiles
CACHE_CHECK_SECONDS = 5.0  # how stale a page may be when another process (an ingest) writes


@dataclass
class StatsCache:
    """LRU of computed statistics, invalidated when the corpus changes; ``on_clear`` is told
    (the warmer recomputes the common figures in the background)."""

    probe: Callable[[], Any]
    on_clear: Callable[[], None] = lambda: None
    _data: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    _stamp: Any = None
    _checked: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._checked = 0.0
        self.on_clear()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        if now - self._checked > CACHE_CHECK_SECONDS:
            stamp = self.probe()
            with self._lock:
                changed = stamp != self._stamp
                if changed:
                    self._data.clear()
                    self._stamp = stamp
                self._checked = now
            if changed:
                self.on_clear()
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()
        with self._lock:
            self._data[key] = value
            while len(self._data) > CACHE_ENTRIES:
                self._data.popitem(last=False)
        return value


class Warmer:
    """A background thread that precomputes the figures most pages show (the outlet list, the
    corpus lines, each outlet's profile) at start-up and again after the corpus changes, so a
    reader rarely waits for a cold grouped query. Requests during a run are folded into one
    follow-up run; ``ready`` is set after the first complete run."""

    DEBOUNCE_SECONDS = 1.0  # a burst of writes triggers one re-warm, not one per write

    def __init__(self, work: Callable[[], None]) -> None:
        self._work = work
        self._wanted = threading.Event()
        self.ready = threading.Event()
        self._stop = False
        self._thread = threading.Thread(target=self._loop, name="stats-warmer", daemon=True)

    def start(self) -> None:
        self._wanted.set()
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stop = True
        self._wanted.set()

    def _loop(self) -> None:
        while not self._stop:
            self._wanted.wait()
            time.sleep(self.DEBOUNCE_SECONDS)
            self._wanted.clear()
            if self._stop:
                return
            try:
                self._work()
            except Exception:  # noqa: BLE001 - warming is an optimisation; pages compute anyway
                pass
            self.ready.set()


@dataclass
class AppState:
    """Everything the routes share (``request.app.state.pl``)."""

    settings: Settings
    store: Any  # presslens.store.Store
    analyze: Callable[[RawPage], Document]
    runner: AnalysisRunner
    tokens: Tokens
    codec: SessionCodec
    cache: StatsCache
    warmer: Warmer | None = None
