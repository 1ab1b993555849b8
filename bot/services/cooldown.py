"""One cooldown per member, shared by every way of asking (slash command, mention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_PRUNE_AT = 10_000  # members remembered before forgetting those whose cooldown is over


class Cooldown:
    """Allow one use per member every `seconds` (0 turns it off); the clock is injected."""

    def __init__(self, seconds: float, clock: Callable[[], dt.datetime]) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[int, dt.datetime] = {}
        self._warned: set[int] = set()

    def retry_after(self, member: int) -> float:
        """Return 0 and count a use when `member` may go ahead, else the seconds left to wait."""
        if self.seconds <= 0:
            return 0.0
        now = self.clock()
        last = self._last.get(member)
        if last is not None:
            left = self.seconds - (now - last).total_seconds()
            if left > 0:
                return left
        if len(self._last) >= _PRUNE_AT:
            self._prune(now)
        self._last[member] = now
        self._warned.discard(member)
        return 0.0

    def first_warning(self, member: int) -> bool:
        """Say whether a member held back now has not been told yet in this cooldown (tell them once)."""
        if member in self._warned:
            return False
        self._warned.add(member)
        return True

    def _prune(self, now: dt.datetime) -> None:
        horizon = dt.timedelta(seconds=self.seconds)
        self._last = {m: t for m, t in self._last.items() if now - t < horizon}
        self._warned &= set(self._last)
