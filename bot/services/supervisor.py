"""Background jobs that survive their own errors: log, back off, retry, and report their health."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class JobHealth:
    """How a background job is doing: when it last worked and, while failing, since when and why."""

    name: str
    failures: int
    failing_since: dt.datetime | None
    last_error: str | None
    last_success: dt.datetime | None
    retry_in: float

    @property
    def ok(self) -> bool:
        """Say whether the last run worked (or nothing has failed yet)."""
        return self.failures == 0


def describe_error(exc: BaseException) -> str:
    """Describe an error in one short line for people (no traceback)."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()[0] if str(original).strip() else ""
    return f"{type(original).__name__}: {text}"[:200] if text else type(original).__name__


class PeriodicJob:
    """Run `step` every `interval` seconds until stopped; an error is logged and retried with back-off.

    The delay after n failures in a row is `interval * 2**n`, capped at `max_backoff`.
    Stopping lets a step in progress finish (up to `stop_timeout` seconds) instead of cutting it.
    """

    def __init__(
        self,
        name: str,
        step: Callable[[], Awaitable[Any]],
        interval: float,
        *,
        max_backoff: float = 300.0,
        clock: Callable[[], dt.datetime] = _utc_now,
        stop_timeout: float = 15.0,
    ) -> None:
        self.name = name
        self.step = step
        self.interval = interval
        self.max_backoff = max(max_backoff, interval)
        self.clock = clock
        self.stop_timeout = stop_timeout
        self._failures = 0
        self._failing_since: dt.datetime | None = None
        self._last_error: str | None = None
        self._last_success: dt.datetime | None = None
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._stopping = False

    @property
    def health(self) -> JobHealth:
        """Return how the job is doing."""
        return JobHealth(
            self.name, self._failures, self._failing_since, self._last_error, self._last_success, self.delay()
        )

    @property
    def running(self) -> bool:
        """Say whether the job's loop is running."""
        return self._task is not None and not self._task.done()

    def delay(self) -> float:
        """Return the wait before the next run: the interval, or longer after failures."""
        if not self._failures:
            return self.interval
        return min(self.interval * 2**self._failures, self.max_backoff)

    async def run_once(self) -> bool:
        """Run the step once; record and log a failure instead of raising. Return whether it worked."""
        try:
            await self.step()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._failures += 1
            self._failing_since = self._failing_since or self.clock()
            self._last_error = describe_error(exc)
            level = logging.ERROR if self._failures == 1 else logging.WARNING
            log.log(
                level,
                "Job %s failed (%d in a row); retrying in %.0f s",
                self.name,
                self._failures,
                self.delay(),
                exc_info=self._failures == 1,
            )
            return False
        if self._failures:
            log.info("Job %s works again after %d failure(s)", self.name, self._failures)
        self._failures, self._failing_since, self._last_error = 0, None, None
        self._last_success = self.clock()
        return True

    def start(self) -> None:
        """Start the loop (the first run happens at once)."""
        if self.running:
            return
        self._stopping = False
        self._wake.clear()
        self._task = asyncio.create_task(self._loop(), name=f"job-{self.name}")

    async def _loop(self) -> None:
        while not self._stopping:
            await self.run_once()
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.delay())

    async def stop(self) -> None:
        """Stop the loop, letting a step in progress finish."""
        self._stopping = True
        self._wake.set()
        task, self._task = self._task, None
        if task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(task), self.stop_timeout)
        except TimeoutError:
            log.warning("Job %s did not stop within %.0f s; cancelling it", self.name, self.stop_timeout)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
