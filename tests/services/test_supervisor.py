"""Background jobs: an error is logged and retried with back-off, health tells the truth, stop is graceful."""

from __future__ import annotations

import asyncio
import datetime as dt

from bot.services.supervisor import PeriodicJob


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


async def test_failures_back_off_and_are_reported_until_the_step_works_again(caplog) -> None:
    clock = Clock()
    outcomes = [RuntimeError("database is locked")] * 5 + [None]

    async def step() -> None:
        error = outcomes.pop(0)
        if error:
            raise error

    job = PeriodicJob("posts", step, 30.0, max_backoff=300.0, clock=clock)
    assert job.health.ok and job.delay() == 30.0
    delays = []
    for _ in range(5):
        assert await job.run_once() is False
        delays.append(job.delay())
        clock.now += dt.timedelta(minutes=1)
    assert delays == [60.0, 120.0, 240.0, 300.0, 300.0]
    health = job.health
    assert not health.ok and health.failures == 5
    assert health.failing_since == dt.datetime(2026, 11, 22, 9, tzinfo=dt.UTC)
    assert health.last_error == "RuntimeError: database is locked"
    assert caplog.text.count("Traceback") == 1  # the first failure with its traceback, the rest one line each
    assert await job.run_once() is True
    assert job.health.ok and job.health.last_success == clock.now and job.delay() == 30.0


async def test_the_loop_keeps_running_through_errors() -> None:
    runs: list[int] = []
    six = asyncio.Event()

    async def step() -> None:
        runs.append(len(runs))
        if len(runs) == 6:
            six.set()
        if len(runs) in (2, 3):
            raise ValueError("flaky")

    job = PeriodicJob("flaky", step, 0.001, max_backoff=0.01)
    job.start()
    await asyncio.wait_for(six.wait(), 5)
    await job.stop()
    assert not job.running and job.health.ok


async def test_stop_lets_a_step_in_progress_finish() -> None:
    started, release, finished = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def step() -> None:
        started.set()
        await release.wait()
        finished.set()

    job = PeriodicJob("slow", step, 60.0)
    job.start()
    await started.wait()
    stopping = asyncio.create_task(job.stop())
    await asyncio.sleep(0.01)
    assert not stopping.done()
    release.set()
    await stopping
    assert finished.is_set() and not job.running


async def test_a_step_that_will_not_stop_is_cancelled_after_the_timeout() -> None:
    async def stuck() -> None:
        await asyncio.Event().wait()

    job = PeriodicJob("stuck", stuck, 60.0, stop_timeout=0.05)
    job.start()
    await asyncio.sleep(0.01)
    await job.stop()
    assert not job.running
