"""The ingest progress bar on stderr: documents/s, ETA once the total is known, errors so far.

Quiet when stderr is not a terminal (a log file or a CI job gets only the failure lines and the
summary). Failure lines go above the bar, so it is never torn.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO

from presslens.batch.runner import Event


class Progress:
    """An ``on_event`` callback for ``ingest()`` that draws a tqdm bar and prints failures."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.errors = 0
        self._bar: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=None, unit="doc", file=self.stream, dynamic_ncols=True, smoothing=0.1
            )
            self._bar.set_postfix(errors=0)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()

    def __call__(self, event: Event) -> None:
        if event.kind == "total":
            if self._bar is not None:
                self._bar.total = event.count
                self._bar.refresh()
            return
        if event.kind == "failed":
            self.errors += 1
            self._print(f"presslens: error: {event.line()}")
        if self._bar is not None:
            self._bar.update(1)
            if event.kind == "failed":
                self._bar.set_postfix(errors=self.errors)

    def _print(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)
