"""What an ingest run did, and the one line that sums it up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class IngestSummary:
    """Counts of one run: stored, updated, skipped (already in the store), failed by code."""

    stored: int = 0
    updated: int = 0
    skipped: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    workers_replaced: int = 0

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    @property
    def seen(self) -> int:
        return self.stored + self.updated + self.skipped + self.failures

    def exit_code(self) -> int:
        """1 only when every input failed; a batch with some bad pages is a normal batch.

        Why: a crawl always has a few 404s and broken pages, and a scheduler that reruns on a
        non-zero exit would rerun a run that did its job. Failures are in the summary line and
        the store's ``failures`` table; usage errors exit 2 before anything runs.
        """
        return 1 if self.failures and self.failures == self.seen else 0

    def line(self) -> str:
        """``12 stored, 3 skipped (already there), 2 failed (E004 ×1, E011 ×1)``."""
        parts = [f"{self.stored} stored"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        parts.append(f"{self.skipped} skipped (already there)")
        if self.failures:
            causes = ", ".join(f"{code} ×{n}" for code, n in sorted(self.failed.items()))
            parts.append(f"{self.failures} failed ({causes})")
        else:
            parts.append("0 failed")
        if self.workers_replaced:
            parts.append(f"{self.workers_replaced} worker(s) replaced")
        return ", ".join(parts)
