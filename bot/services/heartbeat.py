"""A heartbeat file for health checks: the running bot writes it, `python -m bot health` reads it.

Docker's HEALTHCHECK (and any supervisor) can then ask whether the bot is connected
and its background jobs work, without the bot opening a port.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

MAX_AGE = dt.timedelta(seconds=90)  # three missed beats


@dataclass(frozen=True)
class Heartbeat:
    """What the bot reports about itself."""

    at: str
    connected: bool
    failing_jobs: list[str]
    pid: int


def write_heartbeat(path: Path, *, now: dt.datetime, connected: bool, failing_jobs: list[str]) -> None:
    """Write the heartbeat atomically (a reader never sees half a file)."""
    beat = Heartbeat(now.astimezone(dt.UTC).isoformat(), connected, sorted(failing_jobs), os.getpid())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(asdict(beat)), encoding="utf-8")
    partial.replace(path)


def check_heartbeat(path: Path, *, now: dt.datetime, max_age: dt.timedelta = MAX_AGE) -> tuple[bool, str]:
    """Say whether the bot is healthy according to its heartbeat, and why not."""
    try:
        beat = Heartbeat(**json.loads(path.read_text(encoding="utf-8")))
        at = dt.datetime.fromisoformat(beat.at)
    except FileNotFoundError:
        return False, f"no heartbeat at {path}: the bot is not running (or is still starting)"
    except (OSError, ValueError, TypeError) as exc:
        return False, f"unreadable heartbeat at {path}: {exc}"
    age = now - at
    if age > max_age:
        return False, f"the last heartbeat is {int(age.total_seconds())} s old: the bot is stuck or stopped"
    if not beat.connected:
        return False, "the bot is not connected to Discord"
    if beat.failing_jobs:
        return False, "failing: " + ", ".join(beat.failing_jobs)
    return True, f"healthy (heartbeat {int(age.total_seconds())} s ago)"
