"""The batch runner with a misbehaving fake pipeline: skips, failures, hard limits, replacement.

Real worker processes (spawn), real extraction, a dict for a store: these tests are about the
pool's bookkeeping — every input ends stored, skipped or failed with its cause, exactly once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from batch_fakes import MemoryStore
from presslens.batch import IngestOptions, IngestSummary, ingest
from presslens.settings import Settings

FAKE = "batch_fakes:misbehaving"
ARTICLE = "Harbour board {n} approves dredging plan.\n\nThe board voted {n} to 2 on Tuesday."


def _pages(folder: Path, n: int, extra: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(ARTICLE.format(n=i), encoding="utf-8")
    for name, text in (extra or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(folder: Path, store: MemoryStore, settings: Settings | None = None, **opts):
    events = []
    options = IngestOptions(workers=2, factory=FAKE, batch_size=3, **opts)
    summary = ingest([str(folder)], store, settings or Settings(), options, events.append)
    return summary, events


def test_stores_each_page_once_and_skips_on_rerun(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "in", 10, {"copy.txt": ARTICLE.format(n=3)})
    store = MemoryStore()
    summary, events = _run(folder, store, outlet="Harbour Herald")
    assert (summary.stored, summary.skipped, summary.failures) == (10, 1, 0)
    assert {outlet for _, outlet in store.docs.values()} == {"Harbour Herald"}
    assert [e.count for e in events if e.kind == "total"] == [11]
    again, _ = _run(folder, store)
    assert (again.stored, again.skipped) == (0, 11)
    assert store.adds == 10  # skipped before analysis: nothing re-sent to the store


def test_bad_inputs_fail_with_their_cause_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "in", 5, {"bad.txt": "FAIL\nnothing", "empty.txt": ""})
    store = MemoryStore()
    summary, events = _run(folder, store)
    assert summary.stored == 5
    assert dict(summary.failed) == {"E010": 1, "E001": 1}
    lines = [e.line() for e in events if e.kind == "failed"]
    assert any(line.startswith(str(folder / "bad.txt")) and "[E010]" in line for line in lines)
    assert {f[1] for f in store.failures} == {"E010", "E001"}
    assert summary.exit_code() == 0


def test_a_worker_past_the_deadline_is_killed_and_replaced(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "in", 6, {"slow.txt": "SLEEP 60\nstuck"})
    settings = Settings(time_limit=1.0, worker_kill_grace=1.0)
    summary, events = _run(folder, MemoryStore(), settings)
    assert summary.stored == 6
    assert dict(summary.failed) == {"E011": 1}
    assert [e.line().split(":")[0] for e in events if e.kind == "failed"] == [
        str(folder / "slow.txt")
    ]
    assert summary.workers_replaced >= 1


def test_a_worker_over_its_memory_budget_is_replaced(tmp_path: Path) -> None:
    folder = _pages(tmp_path / "in", 4, {"hog.txt": "HOG 600\nswelling"})
    settings = Settings(worker_max_rss_mb=450)  # a worker with extraction loaded is ~150-250 MB
    summary, events = _run(folder, MemoryStore(), settings)
    assert summary.stored == 4
    assert dict(summary.failed) == {"E012": 1}
    (failed,) = [e for e in events if e.kind == "failed"]
    assert failed.uri.endswith("hog.txt") and "budget" in failed.message


def test_a_crash_fails_only_the_page_that_causes_it(tmp_path: Path) -> None:
    # batch_size 3: the crash takes two innocent pages of its batch down with it; they are
    # re-sent one by one and stored, and only the crashing page is failed.
    folder = _pages(tmp_path / "in", 8, {"a001x.txt": "CRASH\n"})
    summary, events = _run(folder, MemoryStore())
    assert summary.stored == 8
    assert dict(summary.failed) == {"E013": 1}
    assert [e.line().split(":")[0] for e in events if e.kind == "failed"] == [
        str(folder / "a001x.txt")
    ]


@pytest.mark.parametrize(
    ("counts", "code"),
    [((3, 0, {}), 0), ((0, 2, {"E004": 1}), 0), ((0, 0, {"E004": 2}), 1), ((0, 0, {}), 0)],
)
def test_exit_code_is_nonzero_only_when_everything_failed(counts, code) -> None:
    stored, skipped, failed = counts
    summary = IngestSummary(stored=stored, skipped=skipped)
    summary.failed.update(failed)
    assert summary.exit_code() == code


def test_summary_line_counts_failures_by_cause() -> None:
    summary = IngestSummary(stored=12, skipped=3)
    summary.failed.update({"E011": 1, "E004": 2})
    assert summary.line() == "12 stored, 3 skipped (already there), 3 failed (E004 ×2, E011 ×1)"


def test_a_worker_that_cannot_start_stops_the_run_with_one_error(tmp_path: Path) -> None:
    from presslens.errors import PipelineError

    folder = _pages(tmp_path / "in", 2)
    with pytest.raises(PipelineError, match="died while starting|could not build its pipeline"):
        _run(folder, MemoryStore(), Settings(worker_max_rss_mb=1))  # below any Python process
