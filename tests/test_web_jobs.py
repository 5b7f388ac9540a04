"""The bounded analysis runner: admits workers + queue jobs, refuses the rest at once, answers
past the deadline with TimeLimitError and frees a slot only when its work really ends."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from presslens.errors import TimeLimitError
from presslens.web import jobs
from presslens.web.jobs import AnalysisRunner, Overloaded


def test_admits_capacity_then_refuses() -> None:
    runner = AnalysisRunner(workers=1, queue=1, retry_after=7)
    gate = threading.Event()

    async def main() -> list[object]:
        tasks = [
            asyncio.ensure_future(runner.run(gate.wait, deadline=10, source="x")) for _ in range(2)
        ]
        await asyncio.sleep(0.05)
        with pytest.raises(Overloaded) as refused:
            await runner.run(gate.wait, deadline=10, source="x")
        assert refused.value.retry_after == 7
        gate.set()
        return await asyncio.gather(*tasks)

    assert asyncio.run(main()) == [True, True]
    assert runner.admitted == 0
    runner.shutdown()


def test_deadline_answers_but_the_slot_waits_for_the_work(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(jobs, "DEADLINE_GRACE", 0.05)
    runner = AnalysisRunner(workers=1, queue=0)

    async def main() -> None:
        with pytest.raises(TimeLimitError):
            await runner.run(lambda: time.sleep(0.5), deadline=0.1, source="slow.html")
        assert runner.admitted == 1  # the thread is still busy: no new job may start
        with pytest.raises(Overloaded):
            await runner.run(lambda: None, deadline=1, source="x")
        await asyncio.sleep(0.6)
        assert runner.admitted == 0
        assert await runner.run(lambda: 42, deadline=1, source="x") == 42

    asyncio.run(main())
    runner.shutdown()


def test_errors_of_the_work_reach_the_caller() -> None:
    runner = AnalysisRunner()

    def boom() -> None:
        raise ValueError("bad page")

    with pytest.raises(ValueError, match="bad page"):
        asyncio.run(runner.run(boom, deadline=1, source="x"))
    assert runner.admitted == 0
    runner.shutdown()
